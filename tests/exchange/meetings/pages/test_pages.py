"""The meeting pages: asking from /events/<slug>/exchange/meetings/new, answering on
/me/meetings, the Meetings section of /me/agenda; times entered and shown in the viewer's
zone, refusals shown where they belong, CSRF on every form."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from lmevents.exchange.models import MeetingRequest
from lmevents.registration.registrations import find_registration
from lmevents.registration.seats import take_seat
from tests.exchange.meetings.conftest import DAY, SLUG, accepted, ask, at, fresh
from tests.probes import count, csrf_token, text
from tests.registration.pages.conftest import field_errors

NEW = f"/events/{SLUG}/exchange/meetings/new"


def signed_in(auth, handle):
    assert auth.login(f"{handle}@example.org").status_code == 302


def slots(*filled, zone="Asia/Bangkok", message=""):
    """Form data: each filled slot as (slot number, day offset, "HH:MM", "HH:MM")."""
    data = {"zone": zone, "message": message}
    for number, days, start, end in filled:
        day = DAY.fromordinal(DAY.toordinal() + days)
        data |= {f"times-{number}-day": day.isoformat(), f"times-{number}-start": start,
                 f"times-{number}-end": end}
    return data


def test_pages_send_anonymous_visitors_to_sign_in(client, exchange):
    for url in (f"{NEW}?presentation={exchange.presentation.id}", "/me/meetings"):
        response = client.get(url)
        assert response.status_code == 302 and "/auth/login" in response.location


def test_only_participants_see_the_request_form(client, auth, exchange):
    signed_in(auth, "outsider")

    response = client.get(f"{NEW}?presentation={exchange.presentation.id}")

    assert response.status_code == 403
    assert "Only the event&#39;s confirmed participants may request meetings" in text(response)


def test_the_form_needs_something_to_follow_up(client, auth, exchange):
    signed_in(auth, "mai")

    assert client.get(NEW).status_code == 302  # to the exchange, to choose
    assert client.get(f"{NEW}?presentation=999999").status_code == 404


def test_asking_oneself_shows_why_instead_of_a_form(client, auth, exchange):
    signed_in(auth, "lin")

    response = client.get(f"{NEW}?presentation={exchange.presentation.id}")

    assert response.status_code == 422
    assert "您不能与自己申请会谈" in text(response)  # lin reads Chinese
    assert 'name="times-0-day"' not in text(response)


def test_the_form_names_the_zone_times_are_entered_in(client, auth, exchange):
    signed_in(auth, "mai")

    page = text(client.get(f"{NEW}?presentation={exchange.presentation.id}"))

    assert "Clearwater Ltd" in page and "Membrane treatment" in page
    assert "Times in Indochina Time (UTC+07:00)." in page
    assert 'name="zone" type="hidden" value="Asia/Bangkok"' in page
    assert "lin@example.org" not in page
    paris = text(client.get(f"{NEW}?presentation={exchange.presentation.id}&tz=Europe/Paris"))
    assert "Times in Central European Standard Time (UTC+01:00)." in paris


def test_a_request_is_sent_with_times_read_in_the_viewers_zone(client, auth, dbs, exchange):
    signed_in(auth, "mai")

    response = client.post(f"{NEW}?need={exchange.need.id}", data=slots(
        (0, 0, "14:00", "14:45"), (2, 1, "09:00", "10:00"), message="About dye-houses"))

    assert response.status_code == 302
    dbs.expire_all()
    (meeting,) = dbs.scalars(select(MeetingRequest)).all()
    assert response.location.endswith(f"/me/meetings#meeting-{meeting.id}")
    assert [(p.starts_at, p.ends_at) for p in meeting.proposals] == [
        (at(15), at(15, 45)), (at(10, days=1), at(11, days=1))]
    assert (meeting.recipient_id, meeting.message) == (exchange.somchai.id, "About dye-houses")


@pytest.mark.parametrize("data, field, message", [
    (slots((0, 0, "14:00", "14:45"), (2, 0, "12:00", "13:00")), "times.2",
     "Outside the time allowed for meetings"),
    (slots((1, 0, "14:00", "14:05")), "times.1", "A meeting lasts at least 15 minutes."),
    (slots((0, 0, "14:00", "")), "times.0", "Give the date, the start and the end."),
    (slots(), "", "Propose at least one time."),
    (slots((0, 0, "14:00", "15:00"), message="x" * 2001), "message", "2000"),
])
def test_refusals_are_shown_on_the_slot_they_concern(client, auth, dbs, exchange, data, field,
                                                      message):
    signed_in(auth, "mai")

    response = client.post(f"{NEW}?presentation={exchange.presentation.id}", data=data)

    assert response.status_code == 422
    errors = field_errors(text(response))
    assert any(message in error for error in errors.get(field, [])) or (
        field == "" and message in text(response)), errors
    assert count(dbs, MeetingRequest) == 0


def test_my_meetings_lists_incoming_and_outgoing_in_the_viewers_zone(client, auth, dbs,
                                                                     exchange):
    ask(dbs, exchange)  # Mai → Lin
    ask(dbs, exchange, exchange.lin, need=exchange.need, times=((16, 0, 16, 30),))
    signed_in(auth, "lin")  # who reads Chinese: English asked for here

    page = text(client.get("/me/meetings?lang=en"))

    incoming, outgoing = page.split('<section class="outgoing">')
    assert "Mai Anh" in incoming and "15:00–15:45 China Standard Time (UTC+08:00)" in incoming
    assert "Accept this time" in incoming and "waiting for your answer" in incoming
    assert "Somchai P." in outgoing and "16:00–16:30 China Standard Time" in outgoing
    assert "Accept this time" not in outgoing and "Withdraw the request" in outgoing
    bangkok = text(client.get("/me/meetings?tz=Asia/Bangkok"))
    assert "14:00–14:45 Indochina Time (UTC+07:00)" in bangkok


def test_accepting_on_the_page_shows_the_join_link(client, auth, dbs, exchange):
    meeting = ask(dbs, exchange)
    signed_in(auth, "lin")

    response = client.post(f"/me/meetings/{meeting.id}/accept?lang=en",
                           data={"proposal_id": meeting.proposals[0].id})

    assert response.status_code == 302
    page = text(client.get("/me/meetings"))
    assert f"https://meet.jit.si/lmevents-{meeting.uid}" in page
    assert "Meeting accepted" in page
    assert fresh(dbs, meeting.id).status == "accepted"


def test_a_double_booking_is_refused_on_the_meetings_card(client, auth, dbs, exchange):
    accepted(dbs, ask(dbs, exchange, exchange.somchai))
    meeting = ask(dbs, exchange)
    signed_in(auth, "lin")

    response = client.post(f"/me/meetings/{meeting.id}/accept",
                           data={"proposal_id": meeting.proposals[0].id})

    assert response.status_code == 409
    card = text(response).split(f'id="meeting-{meeting.id}"')[1].split("</article>")[0]
    assert "您在该时间已有另一场一对一会谈" in card  # lin reads Chinese
    assert fresh(dbs, meeting.id).status == "proposed"


def test_proposing_another_time_on_the_page(client, auth, dbs, exchange):
    meeting = ask(dbs, exchange)
    signed_in(auth, "lin")

    response = client.post(f"/me/meetings/{meeting.id}/propose", data=slots(
        (0, 1, "10:00", "11:00"), zone="Asia/Shanghai"))

    assert response.status_code == 302
    assert [p.starts_at for p in fresh(dbs, meeting.id).proposals][-1] == at(10, days=1)
    refused = client.post(f"/me/meetings/{meeting.id}/propose", data=slots(
        (0, 30, "10:00", "11:00"), zone="Asia/Shanghai"))
    assert refused.status_code == 422
    card = text(refused).split(f'id="meeting-{meeting.id}"')[1].split("</article>")[0]
    assert "超出允许安排会谈的时间" in card  # lin reads Chinese


def test_declining_and_cancelling_on_the_page(client, auth, dbs, exchange):
    declined = ask(dbs, exchange)
    meeting = accepted(dbs, ask(dbs, exchange, exchange.lin, need=exchange.need))
    signed_in(auth, "lin")

    assert client.post(f"/me/meetings/{declined.id}/decline").status_code == 302
    assert client.post(f"/me/meetings/{meeting.id}/cancel").status_code == 302

    assert fresh(dbs, declined.id).status == "declined"
    assert fresh(dbs, meeting.id).status == "cancelled"
    again = client.post(f"/me/meetings/{meeting.id}/cancel")
    assert again.status_code == 409
    assert "只有已接受的会谈才能取消" in text(again)  # lin reads Chinese


@pytest.mark.parametrize("action", ["accept", "decline", "cancel", "propose"])
def test_someone_elses_meeting_is_not_found(client, auth, dbs, exchange, action):
    meeting = ask(dbs, exchange)
    signed_in(auth, "somchai")

    response = client.post(f"/me/meetings/{meeting.id}/{action}",
                           data={"proposal_id": meeting.proposals[0].id})

    assert response.status_code == 404
    assert fresh(dbs, meeting.id).status == "proposed"
    assert len(fresh(dbs, meeting.id).proposals) == 1


def test_my_meetings_never_shows_anothers_meetings(client, auth, dbs, exchange):
    accepted(dbs, ask(dbs, exchange))
    signed_in(auth, "somchai")

    page = text(client.get("/me/meetings"))

    assert "Mai Anh" not in page and "meet.jit.si" not in page


def test_my_agenda_has_a_meetings_section(client, auth, dbs, exchange):
    meeting = accepted(dbs, ask(dbs, exchange))
    ask(dbs, exchange, exchange.somchai, times=((16, 0, 16, 30),))
    signed_in(auth, "lin")

    page = text(client.get("/me/agenda?lang=en"))

    section = page.split('id="meetings"')[1].split("</section>")[0]
    assert "1:1 meeting with Mai Anh" in section
    assert "15:00–15:45 China Standard Time (UTC+08:00)" in section
    assert meeting.join_url in section
    assert "1 meeting request waits for your answer." in section
    assert 'href="/me/meetings"' in section


def test_my_agenda_without_meetings_still_links_them(client, auth, participant):
    signed_in(auth, "participant")

    page = text(client.get("/me/agenda"))

    assert "No 1:1 meetings accepted yet." in page and 'href="/me/meetings"' in page


# CSRF

@pytest.fixture
def guarded(csrf_client, exchange):
    """Lin signed in on an app that checks CSRF tokens, as in production."""
    return csrf_client("lin@example.org")


@pytest.mark.parametrize("action", ["accept", "decline", "propose"])
def test_meeting_buttons_without_token_change_nothing(guarded, dbs, exchange, action):
    meeting = ask(dbs, exchange)

    response = guarded.post(f"/me/meetings/{meeting.id}/{action}", data={
        "proposal_id": meeting.proposals[0].id} | slots((0, 1, "10:00", "11:00")))

    assert response.status_code == 400
    assert fresh(dbs, meeting.id).status == "proposed"
    assert len(fresh(dbs, meeting.id).proposals) == 1


def test_meeting_buttons_carry_their_token(guarded, dbs, exchange):
    meeting = ask(dbs, exchange)
    token = csrf_token(text(guarded.get("/me/meetings")))

    response = guarded.post(f"/me/meetings/{meeting.id}/accept", data={
        "proposal_id": meeting.proposals[0].id, "csrf_token": token})

    assert response.status_code == 302
    assert fresh(dbs, meeting.id).status == "accepted"


def test_the_request_form_needs_its_token(guarded, dbs, exchange):
    take_seat(dbs, find_registration(dbs, exchange.event, exchange.lin), exchange.session)
    dbs.commit()
    url = f"{NEW}?need={exchange.need.id}"
    data = slots((0, 1, "10:00", "11:00"), zone="Asia/Shanghai")

    assert guarded.post(url, data=data).status_code == 400
    assert count(dbs, MeetingRequest) == 0
    token = csrf_token(text(guarded.get(url)))
    assert guarded.post(url, data=data | {"csrf_token": token}).status_code == 302
    assert count(dbs, MeetingRequest) == 1


def test_the_form_opened_without_a_subject_leads_to_the_exchange(client, auth, dbs, exchange):
    """It was a bare 404."""
    signed_in(auth, "lin")
    response = client.get(NEW + "?lang=en")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/events/{SLUG}/exchange")
    page = text(client.get(response.headers["Location"]))
    assert "To request a meeting, choose a presentation or a need below" in page
