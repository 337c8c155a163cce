"""The rules of 1:1 meetings, through the services: who may ask whom, when, who accepts, and
that nobody is ever double-booked."""

from __future__ import annotations

from datetime import UTC, timedelta

import pytest

from lmevents.errors import Conflict, Forbidden, Invalid, NotFound
from lmevents.events.models import RegistrationMode
from lmevents.exchange.meetings.services import (
    FOLLOW_UP_DAYS,
    accept,
    cancel,
    decline,
    meeting_window,
    propose_times,
    request_meeting,
)
from lmevents.exchange.models import MeetingStatus
from lmevents.registration.registrations import cancel_registration, find_registration
from lmevents.registration.seats import take_seat
from tests import factories
from tests.exchange.meetings.conftest import (
    DAY,
    JOIN_TEMPLATE,
    accepted,
    ask,
    at,
    clear_outbox,
    fresh,
    outbox,
)

# Window edges


def test_window_runs_from_the_exchange_session_to_the_end_of_the_seventh_day_after(
    dbs, exchange
):
    start, end = meeting_window(exchange.event, dbs)

    assert start == at(14)
    assert end == at(0, days=FOLLOW_UP_DAYS + 1)
    assert start.tzinfo == end.tzinfo == UTC


def test_without_an_exchange_session_the_window_opens_on_the_first_day(dbs, exchange):
    from lmevents.agenda.services import cancel_session

    cancel_session(dbs, exchange.session)  # a cancelled session is no longer scheduled
    dbs.commit()

    assert meeting_window(exchange.event, dbs)[0] == at(0)


@pytest.mark.parametrize("start, end", [
    ((14, 0, 0), (14, 15, 0)),  # the first moment
    ((23, 0, 7), (0, 0, 8)),  # ends exactly as the seventh day after ends
])
def test_times_on_the_window_edges_are_accepted(dbs, exchange, start, end):
    meeting = request_meeting(dbs, exchange.event, exchange.mai,
                              presentation=exchange.presentation,
                              times=[(at(start[0], start[1], start[2]),
                                      at(end[0], end[1], end[2]))])

    assert meeting.status == MeetingStatus.PROPOSED


@pytest.mark.parametrize("start, end", [
    ((13, 45, 0), (14, 15, 0)),  # starts before the exchange
    ((23, 30, 7), (0, 15, 8)),  # ends after the seventh day after the event
    ((9, 0, 9), (10, 0, 9)),
    ((9, 0, -1), (10, 0, -1)),
])
def test_times_outside_the_window_are_refused_naming_it(dbs, exchange, start, end):
    with pytest.raises(Invalid) as refused:
        request_meeting(dbs, exchange.event, exchange.mai, presentation=exchange.presentation,
                        times=[(at(15), at(16)), (at(start[0], start[1], start[2]),
                                                  at(end[0], end[1], end[2]))])

    assert refused.value.field == "times.1"
    assert "Outside the time allowed for meetings" in refused.value.message
    last = DAY + timedelta(days=FOLLOW_UP_DAYS)
    assert f"from {DAY:%Y-%m-%d} 14:00 until the end of {last:%Y-%m-%d} (Asia/Shanghai)" \
        in refused.value.message


# What a request may ask

@pytest.mark.parametrize("times, field, message", [
    ([], "times", "Propose at least one time."),
    ([(at(15 + i, days=1), at(15 + i, 30, days=1)) for i in range(6)], "times",
     "at most 5 times"),
    ([(at(15), at(15, 10))], "times.0", "at least 15 minutes"),
    ([(at(15), at(15, 15)), (at(15), at(19, 1))], "times.1", "at most 4 hours"),
    ([(at(15), at(14, 30))], "times.0", "must end after it starts"),
    ([(at(15), at(15, 30)), (at(15), at(15, 30))], "times.1", "proposed twice"),
    ([(at(15).replace(tzinfo=None), at(16).replace(tzinfo=None))], "times.0", "time zone"),
])
def test_bad_times_are_refused_naming_the_time(dbs, exchange, times, field, message):
    with pytest.raises(Invalid) as refused:
        request_meeting(dbs, exchange.event, exchange.mai, presentation=exchange.presentation,
                        times=times)

    assert refused.value.field == field
    assert message in refused.value.message


def test_times_already_passed_are_refused(dbs, exchange):
    with pytest.raises(Invalid) as refused:
        request_meeting(dbs, exchange.event, exchange.mai, presentation=exchange.presentation,
                        times=[(at(16), at(17))], now=at(16, 30))

    assert (refused.value.field, refused.value.message) == ("times.0",
                                                            "This time has already passed.")


def test_a_message_longer_than_2000_characters_is_refused(dbs, exchange):
    with pytest.raises(Invalid) as refused:
        request_meeting(dbs, exchange.event, exchange.mai, presentation=exchange.presentation,
                        times=[(at(15), at(16))], message="x" * 2001)

    assert refused.value.field == "message"


def test_a_request_to_oneself_is_refused(dbs, exchange):
    with pytest.raises(Invalid) as own_need:
        ask(dbs, exchange, exchange.somchai, need=exchange.need)
    with pytest.raises(Invalid) as own_company:
        ask(dbs, exchange, exchange.lin)

    assert own_need.value.field == "need_id"
    assert "your own need: you cannot request a meeting with yourself" in own_need.value.message
    assert own_company.value.field == "presentation_id"
    assert "with yourself" in own_company.value.message


def test_a_recipient_who_is_not_a_participant_is_refused(dbs, exchange):
    cancel_registration(dbs, find_registration(dbs, exchange.event, exchange.lin))
    dbs.commit()

    with pytest.raises(Conflict) as refused:
        ask(dbs, exchange)

    assert refused.value.field == "presentation_id"
    assert refused.value.message == ("The enterprise's contact is not a confirmed participant "
                                     "of this event: meetings are between participants.")


def test_a_need_author_awaiting_approval_cannot_be_asked(dbs, exchange):
    exchange.event.registration_mode = RegistrationMode.APPROVAL
    dbs.commit()
    pending = factories.make_user(dbs, "pending@example.org")
    factories.make_registration(dbs, exchange.event, pending)
    exchange.need.author_id = pending.id
    dbs.commit()

    with pytest.raises(Conflict) as refused:
        ask(dbs, exchange, need=exchange.need)

    assert refused.value.field == "need_id"
    assert "The need's author is not a confirmed participant" in refused.value.message


def test_an_enterprise_without_a_contact_account_cannot_be_asked(dbs, exchange):
    exchange.presentation.contact_user_id = None
    dbs.commit()

    with pytest.raises(Conflict) as refused:
        ask(dbs, exchange)

    assert refused.value.field == "presentation_id"
    assert "no contact account" in refused.value.message


def test_only_participants_may_ask(dbs, exchange):
    with pytest.raises(Forbidden) as refused:
        ask(dbs, exchange, exchange.outsider)

    assert refused.value.field == "registration"
    assert "Only the event's confirmed participants may request meetings" \
        in refused.value.message


@pytest.mark.parametrize("subject", ["both", "neither"])
def test_a_request_follows_up_exactly_one_thing(dbs, exchange, subject):
    kwargs = ({"presentation": exchange.presentation, "need": exchange.need}
              if subject == "both" else {})
    with pytest.raises(Invalid) as refused:
        request_meeting(dbs, exchange.event, exchange.mai, times=[(at(15), at(16))], **kwargs)

    assert refused.value.field == "presentation_id"


def test_a_second_open_request_for_the_same_meeting_is_refused(dbs, exchange):
    first = ask(dbs, exchange)

    with pytest.raises(Conflict) as refused:
        ask(dbs, exchange, times=((16, 0, 16, 30),))

    assert refused.value.extra["meeting_id"] == first.id


def test_the_recipient_is_mailed_in_their_language_with_times_in_their_zone(dbs, exchange):
    ask(dbs, exchange)

    (mail,) = outbox(dbs)
    assert mail.to_address == "lin@example.org"
    assert mail.subject == "会谈请求：Mai Anh（澜湄圆桌）"
    assert f"{DAY:%Y-%m-%d} 15:00–15:45 Asia/Shanghai" in mail.body_text
    assert "/me/meetings" in mail.body_text
    assert mail.calendar_ics is None


def test_the_need_author_is_asked_in_english_in_bangkok_time(dbs, exchange):
    ask(dbs, exchange, exchange.lin, need=exchange.need)

    (mail,) = outbox(dbs)
    assert mail.to_address == "somchai@example.org"
    assert mail.subject.startswith("Meeting request from Lin Wei")
    assert f"{DAY:%Y-%m-%d} 14:00–14:45 Asia/Bangkok" in mail.body_text
    assert "need: Textiles (TH)" in mail.body_text


# Who accepts

def test_only_the_side_that_did_not_propose_a_time_accepts_it(dbs, exchange):
    meeting = ask(dbs, exchange)

    with pytest.raises(Forbidden) as refused:
        accept(dbs, meeting, exchange.mai, meeting.proposals[0],
               join_url_template=JOIN_TEMPLATE)
    dbs.rollback()
    assert refused.value.field == "proposal_id"
    assert "You proposed this time yourself" in refused.value.message

    accepted(dbs, meeting, exchange.lin)
    meeting = fresh(dbs, meeting.id)
    assert meeting.status == MeetingStatus.ACCEPTED
    assert (meeting.starts_at, meeting.ends_at) == (at(15), at(15, 45))
    assert meeting.join_url == f"https://meet.example.org/lm-{meeting.uid}"


def test_a_time_the_recipient_proposes_is_for_the_requester_to_accept(dbs, exchange):
    meeting = ask(dbs, exchange)
    (mine,) = propose_times(dbs, meeting, exchange.lin, [(at(10, days=1), at(11, days=1))])
    dbs.commit()

    with pytest.raises(Forbidden):
        accept(dbs, meeting, exchange.lin, mine, join_url_template=JOIN_TEMPLATE)
    dbs.rollback()
    accept(dbs, meeting, exchange.mai, mine, join_url_template=JOIN_TEMPLATE)
    dbs.commit()

    assert fresh(dbs, meeting.id).starts_at == at(10, days=1)


def test_the_meeting_says_whose_move_it_is_for_pages_api_and_mail_alike(dbs, exchange):
    meeting = ask(dbs, exchange)  # Mai asks Lin, proposing one time
    (asked,) = meeting.proposals
    assert meeting.side_of(exchange.mai) == "requester"
    assert meeting.side_of(exchange.lin) == "recipient"
    assert meeting.side_of(exchange.somchai) is None
    assert meeting.other_side(exchange.mai) == exchange.lin
    assert meeting.acceptable_for(exchange.lin) == [asked]
    assert meeting.acceptable_for(exchange.mai) == []
    assert meeting.awaits_answer_from(exchange.lin)
    assert not meeting.awaits_answer_from(exchange.mai)

    (counter,) = propose_times(dbs, meeting, exchange.lin, [(at(10, days=1), at(11, days=1))])
    dbs.commit()
    assert meeting.may_accept(exchange.mai, counter)
    assert not meeting.may_accept(exchange.lin, counter)
    assert meeting.awaits_answer_from(exchange.mai)
    assert not meeting.awaits_answer_from(exchange.lin)

    accept(dbs, meeting, exchange.mai, counter, join_url_template=JOIN_TEMPLATE)
    dbs.commit()
    assert meeting.acceptable_for(exchange.lin) == [] == meeting.acceptable_for(exchange.mai)
    assert not meeting.awaits_answer_from(exchange.lin)


def test_the_other_side_hears_of_new_times(dbs, exchange):
    meeting = ask(dbs, exchange)
    propose_times(dbs, meeting, exchange.lin, [(at(10, days=1), at(11, days=1))])
    dbs.commit()

    mail = outbox(dbs)[-1]
    assert mail.to_address == "mai@example.org"
    assert "Lin Wei proposed new times" in mail.subject
    assert f"{DAY + timedelta(days=1):%Y-%m-%d} 09:00–10:00 Asia/Bangkok" in mail.body_text


def test_a_time_proposed_already_is_refused(dbs, exchange):
    meeting = ask(dbs, exchange)

    with pytest.raises(Invalid) as refused:
        propose_times(dbs, meeting, exchange.lin, [(at(10, days=1), at(11, days=1)),
                                                   (at(15), at(15, 45))])

    assert (refused.value.field, refused.value.message) == ("times.1",
                                                            "This time is proposed already.")


def test_nobody_else_sees_or_answers_a_meeting(dbs, exchange):
    meeting = ask(dbs, exchange)

    for act in (lambda: accept(dbs, meeting, exchange.somchai, meeting.proposals[0],
                               join_url_template=JOIN_TEMPLATE),
                lambda: decline(dbs, meeting, exchange.somchai),
                lambda: cancel(dbs, meeting, exchange.somchai),
                lambda: propose_times(dbs, meeting, exchange.somchai, [(at(15), at(16))])):
        with pytest.raises(NotFound):
            act()
        dbs.rollback()
    assert fresh(dbs, meeting.id).status == MeetingStatus.PROPOSED


def test_a_time_that_has_passed_can_no_longer_be_accepted(dbs, exchange):
    meeting = ask(dbs, exchange)

    with pytest.raises(Conflict) as refused:
        accept(dbs, meeting, exchange.lin, meeting.proposals[0],
               join_url_template=JOIN_TEMPLATE, now=at(15, 1))

    assert refused.value.field == "proposal_id"


# Double booking

def test_accepting_refuses_a_time_the_acceptor_has_another_meeting(dbs, exchange):
    first = accepted(dbs, ask(dbs, exchange, exchange.somchai, times=((15, 30, 16, 30),)))
    second = ask(dbs, exchange)  # Mai asks Lin for 15:00–15:45

    with pytest.raises(Conflict) as refused:
        accepted(dbs, second, exchange.lin)

    assert refused.value.field == "proposal_id"
    assert refused.value.extra["meeting_id"] == first.id
    assert refused.value.message == (f"You already have another 1:1 meeting "
                                     f"({DAY:%Y-%m-%d} 15:30–16:30 Asia/Shanghai) then.")
    dbs.rollback()
    assert fresh(dbs, second.id).status == MeetingStatus.PROPOSED


def test_accepting_refuses_a_time_the_other_side_has_another_meeting(dbs, exchange):
    # Mai meets Somchai 15:30–16:30, then asks Lin for 15:00–15:45.
    accepted(dbs, ask(dbs, exchange, need=exchange.need, times=((15, 30, 16, 30),)))
    meeting = ask(dbs, exchange)

    with pytest.raises(Conflict) as refused:
        accepted(dbs, meeting, exchange.lin)

    assert refused.value.field == "proposal_id"
    assert refused.value.message == "The other side is not free then: they have another meeting."


def test_the_other_side_is_said_to_be_busy_without_details(dbs, exchange):
    # Lin meets Somchai 15:30–16:30; Lin proposes Mai 16:00–16:20 anyway, and Mai accepts:
    # Mai learns only that Lin is not free, not with whom.
    accepted(dbs, ask(dbs, exchange, exchange.lin, need=exchange.need,
                      times=((15, 30, 16, 30),)), exchange.somchai)
    meeting = ask(dbs, exchange, times=((9, 0, 10, 0),), days=1)
    (lins,) = propose_times(dbs, meeting, exchange.lin, [(at(16), at(16, 20))])
    dbs.commit()

    with pytest.raises(Conflict) as refused:
        accept(dbs, meeting, exchange.mai, lins, join_url_template=JOIN_TEMPLATE)

    assert refused.value.message == "The other side is not free then: they have another meeting."
    assert "meeting_id" not in refused.value.extra


def test_a_meeting_that_only_touches_another_is_fine(dbs, exchange):
    accepted(dbs, ask(dbs, exchange, exchange.somchai, times=((15, 45, 16, 30),)))

    meeting = accepted(dbs, ask(dbs, exchange))  # 15:00–15:45

    assert fresh(dbs, meeting.id).status == MeetingStatus.ACCEPTED


def test_accepting_refuses_a_time_in_a_session_where_a_seat_is_held(dbs, exchange):
    take_seat(dbs, find_registration(dbs, exchange.event, exchange.lin), exchange.session)
    dbs.commit()
    meeting = ask(dbs, exchange)  # 15:00–15:45, inside the exchange session 14–16

    with pytest.raises(Conflict) as refused:
        accepted(dbs, meeting, exchange.lin)

    assert refused.value.field == "proposal_id"
    assert refused.value.extra["session_id"] == exchange.session.id
    assert refused.value.message == (f"You hold a seat in 'Technical exchange' "
                                     f"({DAY:%Y-%m-%d} 14:00–16:00 Asia/Shanghai) then.")


def test_the_requesters_held_seat_blocks_too_without_naming_it(dbs, exchange):
    take_seat(dbs, find_registration(dbs, exchange.event, exchange.mai), exchange.session)
    dbs.commit()

    with pytest.raises(Conflict) as refused:
        accepted(dbs, ask(dbs, exchange), exchange.lin)

    assert refused.value.message == ("The other side is not free then: they hold a seat in a "
                                     "session.")


def test_sessions_everyone_attends_and_waiting_places_do_not_block(dbs, exchange):
    exchange.session.capacity = 1
    dbs.commit()
    take_seat(dbs, find_registration(dbs, exchange.event, exchange.somchai), exchange.session)
    waiting = take_seat(dbs, find_registration(dbs, exchange.event, exchange.lin),
                        exchange.session)
    dbs.commit()
    assert not waiting.seat.is_held

    during_closing = accepted(dbs, ask(dbs, exchange, need=exchange.need,
                                       times=((16, 30, 17, 0),)))
    while_waiting = accepted(dbs, ask(dbs, exchange, times=((15, 0, 15, 30),)))

    assert fresh(dbs, during_closing.id).status == MeetingStatus.ACCEPTED
    assert fresh(dbs, while_waiting.id).status == MeetingStatus.ACCEPTED


def test_a_cancelled_session_no_longer_blocks(dbs, exchange):
    from lmevents.agenda.services import cancel_session

    take_seat(dbs, find_registration(dbs, exchange.event, exchange.lin), exchange.session)
    cancel_session(dbs, exchange.session)
    dbs.commit()

    meeting = accepted(dbs, ask(dbs, exchange, times=((16, 0, 16, 30),)))

    assert fresh(dbs, meeting.id).status == MeetingStatus.ACCEPTED


def test_an_accepted_meeting_takes_no_more_answers(dbs, exchange):
    meeting = accepted(dbs, ask(dbs, exchange, times=((15, 0, 15, 30), (16, 0, 16, 30))))

    with pytest.raises(Conflict) as refused:
        accepted(dbs, meeting, exchange.lin, index=1)
    dbs.rollback()
    assert refused.value.field == "status"
    with pytest.raises(Conflict):
        decline(dbs, meeting, exchange.lin)
    dbs.rollback()
    with pytest.raises(Conflict):
        propose_times(dbs, meeting, exchange.mai, [(at(10, days=1), at(11, days=1))])


# Declining and cancelling

def test_the_recipient_declines_and_the_requester_is_told(dbs, exchange):
    meeting = ask(dbs, exchange)

    decline(dbs, meeting, exchange.lin)
    dbs.commit()

    assert fresh(dbs, meeting.id).status == MeetingStatus.DECLINED
    mail = outbox(dbs)[-1]
    assert (mail.to_address, mail.subject) == ("mai@example.org",
                                               "Lin Wei declined your meeting request")


def test_the_requester_withdrawing_cancels_the_request(dbs, exchange):
    meeting = ask(dbs, exchange)

    decline(dbs, meeting, exchange.mai)
    dbs.commit()

    assert fresh(dbs, meeting.id).status == MeetingStatus.CANCELLED
    assert outbox(dbs)[-1].subject == "Mai Anh 撤回了会谈请求"


def test_only_an_accepted_meeting_is_cancelled(dbs, exchange):
    meeting = ask(dbs, exchange)

    with pytest.raises(Conflict) as refused:
        cancel(dbs, meeting, exchange.mai)

    assert refused.value.field == "status"


def test_either_side_cancels_an_accepted_meeting_and_its_time_is_free_again(dbs, exchange):
    meeting = accepted(dbs, ask(dbs, exchange))

    cancel(dbs, meeting, exchange.mai)
    dbs.commit()

    cancelled = fresh(dbs, meeting.id)
    assert (cancelled.status, cancelled.sequence) == (MeetingStatus.CANCELLED, 1)
    again = accepted(dbs, ask(dbs, exchange, exchange.somchai))
    assert fresh(dbs, again.id).status == MeetingStatus.ACCEPTED


def test_leaving_the_event_cancels_accepted_meetings_and_withdraws_requests(dbs, exchange):
    agreed = accepted(dbs, ask(dbs, exchange))
    waiting = ask(dbs, exchange, exchange.somchai, times=((16, 0, 16, 30),))
    clear_outbox(dbs)
    cancel_registration(dbs, find_registration(dbs, exchange.event, exchange.lin))
    dbs.commit()

    assert fresh(dbs, agreed.id).status == MeetingStatus.CANCELLED
    assert fresh(dbs, agreed.id).sequence == 1
    assert fresh(dbs, waiting.id).status == MeetingStatus.DECLINED
    methods = sorted(m.calendar_method or "" for m in outbox(dbs))
    # Both sides of the accepted meeting get its cancellation; Somchai is told of the refusal.
    assert methods.count("CANCEL") == 2
    assert {m.to_address for m in outbox(dbs)} == {
        "mai@example.org", "lin@example.org", "somchai@example.org"}


def test_a_seat_overlapping_an_accepted_meeting_is_refused(dbs, exchange):
    meeting = accepted(dbs, ask(dbs, exchange, times=((14, 15, 15, 0),)))
    mai = find_registration(dbs, exchange.event, exchange.mai)

    with pytest.raises(Conflict) as refused:
        take_seat(dbs, mai, exchange.session)  # the exchange session, 14:00–16:00

    assert refused.value.field == "seat" and refused.value.extra["meeting_id"] == meeting.id
    assert "1:1 meeting" in refused.value.message


def test_a_seat_clashing_with_a_meeting_names_its_time_in_the_events_zone(dbs, exchange):
    accepted(dbs, ask(dbs, exchange, times=((14, 15, 15, 0),)))
    mai = find_registration(dbs, exchange.event, exchange.mai)

    with pytest.raises(Conflict) as refused:
        take_seat(dbs, mai, exchange.session)

    # As the meeting's own refusals name it: in the event's zone, not in UTC.
    assert f"1:1 meeting ({DAY:%Y-%m-%d} 14:15–15:00 Asia/Shanghai)" in refused.value.message


def test_the_personal_feed_names_no_ones_address(client, dbs, exchange):
    from lmevents.calendar.feeds import personal_feed_token

    meeting = accepted(dbs, ask(dbs, exchange))
    token = personal_feed_token(dbs, exchange.lin, client.application.secret_key)
    dbs.commit()
    feed = client.get(f"/calendar/{token}.ics").get_data(as_text=True)
    assert f"UID:{meeting.uid}" in feed  # the meeting is there ...
    assert "@example.org" not in feed and "ORGANIZER" not in feed  # ... naming no address


def test_organizers_cannot_move_a_held_session_onto_an_accepted_meeting(dbs, exchange):
    from lmevents.agenda.services import update_session

    mai = find_registration(dbs, exchange.event, exchange.mai)
    take_seat(dbs, mai, exchange.subforum)  # its session: 10:30–12:00
    dbs.commit()
    accepted(dbs, ask(dbs, exchange, times=((16, 0, 16, 25),)))

    with pytest.raises(Conflict, match="1 accepted 1:1 meeting"):
        update_session(dbs, exchange.forum_session, {"starts_at": at(16, 5),
                                                     "ends_at": at(16, 25)})
