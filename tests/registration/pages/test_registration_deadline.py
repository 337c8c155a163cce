"""The pages say until when registration is open, in the viewer's zone; after the deadline
there is no registration form and no seat to take, while those registered keep theirs."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from lmevents.registration.models import Registration, Seat
from tests import factories
from tests.factories import at
from tests.probes import count, text
from tests.registration.pages.test_register_form import form

EVENT_PAGE = "/events/test-event/"
REGISTER = "/events/test-event/register"
DEADLINE = datetime(2020, 11, 20, 10, 0, tzinfo=UTC)  # 18:00 in Shanghai
AFTER = datetime(2020, 11, 21, tzinfo=UTC)
REGISTER_BUTTON = 'class="button register"'


@pytest.fixture
def deadline(dbs, roundtable):
    """The roundtable's registration closes on 2020-11-20 at 18:00, Shanghai time."""
    roundtable.event.registration_closes_at = DEADLINE
    dbs.commit()
    return DEADLINE


def subforum_page(target) -> str:
    return f"/events/test-event/subforums/{target.id}"


def fresh_seats(dbs, registration) -> list[Seat]:
    dbs.expire_all()
    return list(dbs.get(Registration, registration.id).seats)


def test_event_page_says_registration_is_open_until_the_end_of_the_event(client, roundtable):
    page = text(client.get(EVENT_PAGE + "?lang=en"))

    assert REGISTER_BUTTON in page
    assert ("Registration is open until Thursday, 26 November 2020 at 23:59, China Standard "
            "Time (UTC+08:00).") in page


def test_the_deadline_is_shown_in_the_viewers_zone(client, roundtable, deadline, signed_in):
    for url in (EVENT_PAGE, REGISTER):
        page = text(client.get(url + "?lang=en&tz=Asia/Bangkok"))
        assert ("Registration is open until Friday, 20 November 2020 at 17:00, Indochina Time "
                "(UTC+07:00).") in page, url


def test_after_the_deadline_the_event_page_says_registration_closed(
        client, roundtable, deadline, registration_clock):
    registration_clock.moment = AFTER

    page = text(client.get(EVENT_PAGE + "?lang=en"))

    assert REGISTER_BUTTON not in page
    assert ("Registration closed on Friday, 20 November 2020 at 18:00, China Standard Time "
            "(UTC+08:00).") in page


def test_after_the_deadline_the_register_page_is_closed_and_a_post_writes_nothing(
        client, dbs, roundtable, deadline, signed_in, registration_clock):
    registration_clock.moment = AFTER
    closed = "Registration closed on Friday, 20 November 2020 at 18:00, China Standard Time"

    shown = client.get(REGISTER + "?lang=en")
    sent = client.post(REGISTER + "?lang=en",
                       data=form(subforum_id=str(roundtable.subforum_a.id)))

    assert shown.status_code == 200
    assert closed in text(shown) and 'name="consent"' not in text(shown)
    assert sent.status_code == 409
    assert closed in text(sent)
    assert count(dbs, Registration) == 0 and count(dbs, Seat) == 0


def test_before_the_deadline_the_register_page_registers(client, dbs, roundtable, deadline,
                                                          signed_in, registration_clock):
    registration_clock.moment = DEADLINE.replace(hour=9, minute=59)

    response = client.post(REGISTER, data=form())

    assert response.status_code == 302 and response.location == "/me/agenda"
    assert count(dbs, Registration) == 1


def test_the_past_event_has_no_register_button_and_says_registration_closed(
        client, dbs, roundtable, signed_in, registration_clock):
    """The suite's event, like the demo, was on 2020-11-26: today its registration is over."""
    registration_clock.moment = None  # the real time

    page = text(client.get(EVENT_PAGE + "?lang=en"))
    shown = client.get(REGISTER + "?lang=en")
    sent = client.post(REGISTER + "?lang=en", data=form())

    closed = ("Registration closed on Thursday, 26 November 2020 at 23:59, China Standard Time "
              "(UTC+08:00).")
    assert REGISTER_BUTTON not in page and "Register for this event" not in page
    assert closed in page
    assert shown.status_code == 200 and closed in text(shown)
    assert sent.status_code == 409 and closed in text(sent)
    assert count(dbs, Registration) == 0


def test_those_registered_keep_their_registration_seats_and_agenda_after_the_deadline(
        client, dbs, roundtable, deadline, signed_in, registration_clock):
    factories.make_registration(dbs, roundtable.event, signed_in,
                                subforum_id=roundtable.subforum_a.id)
    registration_clock.moment = AFTER

    mine = text(client.get(REGISTER + "?lang=en"))
    agenda = text(client.get("/me/agenda?lang=en"))

    assert "Your registration" in mine and "confirmed" in mine
    assert "seats can no longer be taken or changed" in mine
    assert "Test roundtable" in agenda and "Forum A talk" in agenda
    # The exchange's seat is no longer offered: seats are not taken after the deadline.
    assert f'id="offer-{roundtable.exchange.id}"' not in agenda


def test_after_the_deadline_a_seat_is_given_up_but_none_taken_or_switched(
        client, dbs, roundtable, deadline, signed_in, registration_clock):
    registration = factories.make_registration(dbs, roundtable.event, signed_in,
                                                subforum_id=roundtable.subforum_a.id)
    registration_clock.moment = AFTER

    other = text(client.get(subforum_page(roundtable.subforum_b) + "?lang=en"))
    refused = text(client.post(subforum_page(roundtable.subforum_b) + "/seat?lang=en",
                               data={"switch": "1"}, follow_redirects=True))

    assert "Switch to this sub-forum" not in other and "Take a seat" not in other
    assert "Seats can no longer be taken or changed." in other
    assert "seats can no longer be taken or changed, but you can still give yours up" in refused
    assert [(s.subforum_id, s.state.value) for s in fresh_seats(dbs, registration)] == [
        (roundtable.subforum_a.id, "held")]

    own = text(client.get(subforum_page(roundtable.subforum_a) + "?lang=en"))
    assert "Give up my seat" in own
    given_up = client.post(subforum_page(roundtable.subforum_a) + "/seat/release",
                           follow_redirects=True)
    assert "You gave up your seat in" in text(given_up)
    assert fresh_seats(dbs, registration) == []


def test_after_the_deadline_visitors_are_not_sent_to_register_for_a_seat(
        client, roundtable, deadline, signed_in, registration_clock):
    registration_clock.moment = AFTER

    page = text(client.get(subforum_page(roundtable.subforum_a) + "?lang=en"))

    assert "Register for the event" not in page
    assert "Registration closed on Friday, 20 November 2020 at 18:00" in page


def test_a_deadline_at_midnight_reads_as_the_last_minute_of_the_day_before(
        client, dbs, roundtable):
    roundtable.event.registration_closes_at = at(0, day=datetime(2020, 11, 21).date())
    dbs.commit()

    page = text(client.get(EVENT_PAGE + "?lang=en"))

    assert "Registration is open until Friday, 20 November 2020 at 23:59, China" in page
