"""The event's registrations in the back office: who registered, with what, and the
organizers' approve and reject."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from lmevents.mail.models import OutboxMessage
from lmevents.registration.models import Registration, RegistrationStatus, Seat, SeatState
from lmevents.registration.registrations import cancel_registration
from tests.probes import count, fresh, text
from tests.registration.backoffice.conftest import confirmed, pending, person

URL = "/manage/events/test-event/registrations"


def _row(page: str, registration) -> str:
    start = page.index(f'id="registration-{registration.id}"')
    return page[start:page.index("</tr>", start)]


def _mail_to(dbs, email: str) -> list[OutboxMessage]:
    dbs.expire_all()
    return list(dbs.scalars(select(OutboxMessage).where(OutboxMessage.to_address == email)
                            .order_by(OutboxMessage.id)))


def test_list_shows_each_registration_with_its_details(client, signed_in, dbs, roundtable):
    q = roundtable.questions
    registration = pending(
        dbs, roundtable, 1, name="王小明", organization="水利部", position="处长", country="CN",
        subforum_id=roundtable.subforum_a.id,
        answers={q["diet"].id: "素食", q["role"].id: 1, q["photo"].id: True},
    )
    registration.created_at = datetime(2020, 11, 20, 6, 5, tzinfo=UTC)
    dbs.commit()

    row = _row(text(client.get(URL)), registration)

    for shown in ("王小明", "person1@example.org", "水利部", "处长", "CN", "Awaiting approval",
                  "Asks for sub-forum A", "Dietary needs", "素食", "Researcher", "yes"):
        assert shown in row
    # 06:05 UTC is 14:05 in Shanghai, the event's zone, and the zone is named.
    assert "2020-11-20 14:05 China Standard Time (UTC+08:00)" in row
    assert "Approve" in row and "Reject" in row


def test_registration_times_follow_an_asked_zone(client, signed_in, dbs, roundtable):
    registration = pending(dbs, roundtable, 1)
    registration.created_at = datetime(2020, 11, 20, 6, 5, tzinfo=UTC)
    dbs.commit()

    row = _row(text(client.get(URL + "?tz=Europe/Paris")), registration)

    assert "2020-11-20 07:05 Central European Standard Time (UTC+01:00)" in row


def test_list_shows_held_seats_and_places_on_waiting_lists(client, signed_in, dbs, roundtable):
    a = roundtable.subforum_a.id
    holders = [confirmed(dbs, roundtable, n, subforum_id=a) for n in (1, 2)]
    first, second = (confirmed(dbs, roundtable, n, subforum_id=a) for n in (3, 4))

    page = text(client.get(URL))

    assert "seat held" in _row(page, holders[0])
    assert "waiting, no. 1" in _row(page, first)
    assert "waiting, no. 2" in _row(page, second)
    assert f"/{first.id}/approve" not in _row(page, first)
    assert f"/{first.id}/reject" in _row(page, first)


def test_counts_per_status_and_seats_per_subforum_are_at_the_top(client, signed_in, dbs,
                                                                 roundtable):
    a = roundtable.subforum_a.id
    for n in (1, 2, 3):
        confirmed(dbs, roundtable, n, subforum_id=a)
    pending(dbs, roundtable, 4)
    cancel_registration(dbs, pending(dbs, roundtable, 5))
    dbs.commit()

    page = text(client.get(URL))

    assert 'data-status="pending">1<' in page
    assert 'data-status="confirmed">3<' in page
    assert 'data-status="rejected">0<' in page
    assert 'data-status="cancelled">1<' in page
    seats_a = page[page.index(f'id="seats-{a}"'):]
    seats_a = seats_a[:seats_a.index("</tr>")]
    assert '"held">2<' in seats_a and '"left">0<' in seats_a and '"waiting">1<' in seats_a


def test_filter_by_status(client, signed_in, dbs, roundtable):
    waiting = pending(dbs, roundtable, 1, name="Still waiting")
    accepted = confirmed(dbs, roundtable, 2, name="Already in")

    page = text(client.get(URL + "?status=pending"))

    assert f"registration-{waiting.id}" in page
    assert f"registration-{accepted.id}" not in page
    # The counts stay those of the whole event.
    assert 'data-status="confirmed">1<' in page


def test_filter_by_subforum_keeps_those_with_a_seat_there(client, signed_in, dbs, roundtable):
    in_a = confirmed(dbs, roundtable, 1, subforum_id=roundtable.subforum_a.id)
    in_b = confirmed(dbs, roundtable, 2, subforum_id=roundtable.subforum_b.id)

    page = text(client.get(f"{URL}?subforum={roundtable.subforum_b.id}"))

    assert f"registration-{in_b.id}" in page
    assert f"registration-{in_a.id}" not in page


def test_unknown_status_filter_is_refused(client, signed_in, roundtable):
    response = client.get(URL + "?status=maybe")

    assert response.status_code == 422
    assert "Choose one of pending, confirmed, rejected, cancelled." in text(response)


def test_approve_confirms_seats_in_the_preferred_subforum_and_mails(client, signed_in, dbs,
                                                                   roundtable):
    registration = pending(dbs, roundtable, 1, subforum_id=roundtable.subforum_a.id)

    response = client.post(f"{URL}/{registration.id}/approve?status=pending")

    assert response.status_code == 302
    assert response.headers["Location"].endswith(
        f"/registrations?status=pending#registration-{registration.id}")
    approved = fresh(dbs, Registration, registration.id)
    assert approved.status == RegistrationStatus.CONFIRMED
    assert approved.decided_by_id == signed_in.id
    assert [(s.subforum_id, s.state) for s in approved.seats] == [
        (roundtable.subforum_a.id, SeatState.HELD)]
    subjects = [m.subject for m in _mail_to(dbs, "person1@example.org")]
    assert subjects == ["Registration received: Test roundtable",
                        "Registration confirmed: Test roundtable"]
    assert "is confirmed" in text(client.get(response.headers["Location"]))


def test_approve_when_the_subforum_is_full_puts_on_the_waiting_list(client, signed_in, dbs,
                                                                    roundtable):
    for n in (1, 2):
        confirmed(dbs, roundtable, n, subforum_id=roundtable.subforum_a.id)
    late = pending(dbs, roundtable, 3, subforum_id=roundtable.subforum_a.id)

    client.post(f"{URL}/{late.id}/approve")

    seat = dbs.scalar(select(Seat).where(Seat.registration_id == late.id))
    assert seat.state == SeatState.WAITING
    assert "waiting, no. 1" in _row(text(client.get(URL)), late)


def test_reject_with_a_note_tells_the_participant(client, signed_in, dbs, roundtable):
    registration = pending(dbs, roundtable, 1, subforum_id=roundtable.subforum_a.id)

    response = client.post(f"{URL}/{registration.id}/reject",
                           data={"note": "The roundtable is for government delegates."})

    assert response.status_code == 302
    rejected = fresh(dbs, Registration, registration.id)
    assert rejected.status == RegistrationStatus.REJECTED
    assert rejected.decision_note == "The roundtable is for government delegates."
    assert rejected.seats == []
    mail = _mail_to(dbs, "person1@example.org")[-1]
    assert mail.subject == "Registration declined: Test roundtable"
    assert "The roundtable is for government delegates." in mail.body_text
    page = text(client.get(URL))
    assert "is rejected" in page
    assert f"/{registration.id}/reject" not in _row(page, registration)


def test_rejecting_a_confirmed_registration_frees_its_seat_for_the_first_in_line(
        client, signed_in, dbs, roundtable):
    a = roundtable.subforum_a.id
    holder = confirmed(dbs, roundtable, 1, subforum_id=a)
    confirmed(dbs, roundtable, 2, subforum_id=a)
    next_in_line = confirmed(dbs, roundtable, 3, subforum_id=a)

    client.post(f"{URL}/{holder.id}/reject")

    assert fresh(dbs, Registration, holder.id).status == RegistrationStatus.REJECTED
    promoted = dbs.scalar(select(Seat).where(Seat.registration_id == next_in_line.id))
    assert promoted.state == SeatState.HELD
    assert _mail_to(dbs, "person3@example.org")[-1].subject.startswith("You have a seat")


@pytest.mark.parametrize(("setup", "action", "message"), [
    ("cancelled", "approve", "A cancelled registration cannot be approved."),
    ("cancelled", "reject", "The participant already cancelled this registration."),
    ("rejected", "approve", "A rejected registration cannot be approved."),
])
def test_refused_decision_is_flashed_and_changes_nothing(client, signed_in, dbs, roundtable,
                                                         setup, action, message):
    registration = pending(dbs, roundtable, 1)
    if setup == "cancelled":
        cancel_registration(dbs, registration)
    else:
        client.post(f"{URL}/{registration.id}/reject")
    dbs.commit()
    mails = count(dbs, OutboxMessage)

    response = client.post(f"{URL}/{registration.id}/{action}", follow_redirects=True)

    assert response.status_code == 200
    assert message in text(response)
    assert fresh(dbs, Registration, registration.id).status == setup
    assert count(dbs, OutboxMessage) == mails


def test_too_long_rejection_note_is_refused(client, signed_in, dbs, roundtable):
    registration = pending(dbs, roundtable, 1)

    response = client.post(f"{URL}/{registration.id}/reject", data={"note": "x" * 2001},
                           follow_redirects=True)

    assert "Field cannot be longer than 2000 characters." in text(response)
    assert fresh(dbs, Registration, registration.id).status == RegistrationStatus.PENDING


def test_registration_of_another_event_is_not_found(client, signed_in, dbs, roundtable):
    from tests import factories

    other = factories.make_event(dbs, slug="other-event")
    stranger = factories.make_registration(dbs, other, person(dbs, 9))

    response = client.post(f"{URL}/{stranger.id}/approve")

    assert response.status_code == 404


def test_roster_lists_holders_then_the_waiting_list_in_order(client, signed_in, dbs,
                                                            roundtable):
    a = roundtable.subforum_a.id
    holders = [confirmed(dbs, roundtable, n, name=f"Holder {n}", subforum_id=a)
               for n in (1, 2)]
    waiting = [confirmed(dbs, roundtable, n, name=f"Waiter {n}", subforum_id=a)
               for n in (3, 4, 5)]
    confirmed(dbs, roundtable, 6, name="Elsewhere", subforum_id=roundtable.subforum_b.id)
    pending(dbs, roundtable, 7, name="Asks for A", subforum_id=a)

    page = text(client.get(f"/manage/events/test-event/subforums/{a}/registrations"))

    names = ["Holder 1", "Holder 2", "Waiter 3", "Waiter 4", "Waiter 5", "Asks for A"]
    assert [page.index(name) for name in names] == sorted(page.index(name) for name in names)
    assert "Elsewhere" not in page
    waiting_list = page[page.index('class="waiting-list"'):]
    for place, registration in enumerate(waiting, start=1):
        row = _row(waiting_list, registration)
        assert f'<td class="position">{place}</td>' in row
    holders_table = page[page.index('class="holders"'):page.index('class="waiting-list"')]
    assert all(f"registration-{r.id}" in holders_table for r in holders)
    assert '"held">2<' in page and '"left">0<' in page and '"waiting">3<' in page


def test_roster_of_a_subforum_of_another_event_is_not_found(client, signed_in, dbs,
                                                           roundtable):
    from tests import factories

    other = factories.make_event(dbs, slug="other-event")
    foreign = factories.make_subforum(dbs, other, "Z")

    response = client.get(f"/manage/events/test-event/subforums/{foreign.id}/registrations")

    assert response.status_code == 404


def test_back_office_pages_link_to_the_registrations(client, signed_in, dbs, roundtable):
    nav = text(client.get("/manage/events/test-event/subforums"))
    index = text(client.get("/manage/"))

    assert 'href="/manage/events/test-event/registrations"' in nav
    assert 'href="/manage/events/test-event/registration-questions"' in nav
    assert 'href="/manage/events/test-event/registrations"' in index


@pytest.mark.parametrize("query", ["?subforum=99999999999", "?subforum=0"])
def test_a_sub_forum_filter_out_of_range_is_refused_not_a_500(client, signed_in, roundtable,
                                                              query):
    for path in ("/registrations", "/registrations.csv"):
        response = client.get(f"/manage/events/{roundtable.event.slug}{path}{query}")
        assert response.status_code == 422
        assert "No such sub-forum" in response.get_data(as_text=True)


def test_list_says_when_registration_closes_and_when_it_closed(
        client, signed_in, dbs, roundtable, registration_clock):
    roundtable.event.registration_closes_at = datetime(2020, 11, 20, 10, tzinfo=UTC)
    dbs.commit()

    before = text(client.get(URL + "?lang=en"))
    registration_clock.moment = datetime(2020, 11, 21, tzinfo=UTC)
    after = text(client.get(URL + "?lang=en"))

    assert ("Registration closes on Friday, 20 November 2020 at 18:00, China Standard Time "
            "(UTC+08:00).") in before
    assert ("Registration closed on Friday, 20 November 2020 at 18:00, China Standard Time "
            "(UTC+08:00).") in after
    assert 'href="/manage/events/test-event/edit">Change the deadline</a>' in after
