"""Seats from the sub-forum and session pages: take, wait, switch, give up."""

from __future__ import annotations

import pytest

from lmevents.agenda.models import SessionKind
from lmevents.events.models import RegistrationMode
from lmevents.extensions import db
from lmevents.registration.models import Seat
from lmevents.registration.seats import take_seat
from tests import factories
from tests.probes import count, text
from tests.registration.pages.conftest import fill_seats, seats_of


def page_of(target) -> str:
    if hasattr(target, "code"):
        return f"/events/test-event/subforums/{target.id}"
    return f"/events/test-event/sessions/{target.id}"


def take(client, target, **data):
    return client.post(page_of(target) + "/seat", data=data, follow_redirects=True)


def release(client, target):
    return client.post(page_of(target) + "/seat/release", follow_redirects=True)


@pytest.fixture
def registered(dbs, roundtable, signed_in):
    """The signed-in participant's confirmed registration, without seats."""
    return factories.make_registration(dbs, roundtable.event, signed_in)


def test_subforum_page_shows_seats_left_to_everyone(client, dbs, roundtable):
    fill_seats(dbs, roundtable.event, roundtable.subforum_a, 1)

    page = text(client.get(page_of(roundtable.subforum_a)))

    assert "1 seat left." in page
    assert "Seats are for the registered participants." in page and "Take a seat" not in page


def test_full_subforum_page_shows_the_waiting_list(client, dbs, roundtable):
    fill_seats(dbs, roundtable.event, roundtable.subforum_a, 3)

    page = text(client.get(page_of(roundtable.subforum_a)))

    assert "Full: new requests join the waiting list." in page and "Waiting list: 1." in page


def test_signed_in_visitor_without_registration_is_sent_to_register(client, roundtable,
                                                                     signed_in):
    page = text(client.get(page_of(roundtable.subforum_a)))
    assert "/events/test-event/register" in page and "Take a seat" not in page

    response = take(client, roundtable.subforum_a)

    assert "Register for the event first" in text(response)


def test_taking_a_seat_from_the_subforum_page(client, dbs, roundtable, registered):
    assert "Take a seat" in text(client.get(page_of(roundtable.subforum_a)))

    response = take(client, roundtable.subforum_a)

    page = text(response)
    assert "You have a seat in sub-forum A, “Sub-forum A”." in page
    assert "You have a seat here." in page and "Give up my seat" in page
    assert "1 seat left." in page
    assert seats_of(dbs, registered) == {"subforum A": "held"}


def test_full_subforum_puts_the_participant_on_its_waiting_list(client, dbs, roundtable,
                                                                registered):
    fill_seats(dbs, roundtable.event, roundtable.subforum_a, 3)
    assert "Join the waiting list" in text(client.get(page_of(roundtable.subforum_a)))

    response = take(client, roundtable.subforum_a)

    page = text(response)
    assert "You are number 2 on the waiting list of sub-forum A, “Sub-forum A”, which is " \
           "full." in page
    assert "You are number 2 on the waiting list." in page and "Leave the waiting list" in page
    assert seats_of(dbs, registered) == {"subforum A": "waiting"}


def test_clash_is_refused_naming_the_clashing_session(client, dbs, roundtable, registered):
    take(client, roundtable.subforum_a)

    response = take(client, roundtable.subforum_b)

    # In the zone given when registering (Bangkok), with the event's own time beside it.
    assert "“Forum A talk” (Thursday, 26 November 2020, 09:30–11:00 Indochina Time " \
           "(UTC+07:00) · 10:30–12:00 China Standard Time), where you already have a seat or " \
           "a place on the waiting list, overlaps sub-forum B" in text(response)
    assert seats_of(dbs, registered) == {"subforum A": "held"}


def test_clashing_subforum_offers_the_switch(client, dbs, roundtable, registered):
    take(client, roundtable.subforum_a)

    page = text(client.get(page_of(roundtable.subforum_b)))

    assert "Switch to this sub-forum" in page and "Take a seat" not in page
    assert "where you hold a seat" in page and "Forum A talk" in page
    assert "Switching gives up your current seat and takes one here." in page


def test_switching_moves_the_seat(client, dbs, roundtable, registered):
    take(client, roundtable.subforum_a)

    response = take(client, roundtable.subforum_b, switch="1")

    assert "You have a seat in sub-forum B" in text(response)
    assert "Given up: sub-forum A" in text(response)
    assert seats_of(dbs, registered) == {"subforum B": "held"}


def test_switching_to_a_full_subforum_keeps_the_seat_until_one_is_free(
    client, dbs, roundtable, registered
):
    take(client, roundtable.subforum_a)
    fill_seats(dbs, roundtable.event, roundtable.subforum_b, 2)
    assert "you keep your current seat until a seat here is free" in text(
        client.get(page_of(roundtable.subforum_b)))

    response = take(client, roundtable.subforum_b, switch="1")

    page = text(response)
    assert "You are number 1 on the waiting list of sub-forum B" in page
    assert "Until then, you keep your seat in sub-forum A, “Sub-forum A”." in page
    assert "You keep your seat in Sub-forum A until a seat here is free." in page
    assert seats_of(dbs, registered) == {"subforum A": "held", "subforum B": "waiting"}


def test_giving_up_a_seat_gives_it_to_the_first_in_line(client, dbs, roundtable, registered):
    take(client, roundtable.subforum_a)
    fill_seats(dbs, roundtable.event, roundtable.subforum_a, 2)

    response = release(client, roundtable.subforum_a)

    assert "You gave up your seat in sub-forum A" in text(response)
    assert "Join the waiting list" in text(response)  # the next in line took it
    assert seats_of(dbs, registered) == {}


def test_leaving_the_waiting_list(client, dbs, roundtable, registered):
    fill_seats(dbs, roundtable.event, roundtable.subforum_a, 2)
    take(client, roundtable.subforum_a)

    response = release(client, roundtable.subforum_a)

    assert "You left the waiting list of sub-forum A" in text(response)
    assert seats_of(dbs, registered) == {}


def test_releasing_without_a_seat_says_so(client, roundtable, registered):
    response = release(client, roundtable.subforum_a)

    assert "You have no seat and no place on the waiting list here." in text(response)


def test_pending_registration_gets_no_seat(client, dbs, roundtable, signed_in):
    roundtable.event.registration_mode = RegistrationMode.APPROVAL
    dbs.commit()
    registration = factories.make_registration(dbs, roundtable.event, signed_in)

    page = text(client.get(page_of(roundtable.subforum_a)))
    response = take(client, roundtable.subforum_a)

    assert "Your registration is awaiting approval" in page and "Take a seat" not in page
    assert "awaits an organizer&#39;s approval" in text(response)
    assert seats_of(dbs, registration) == {}


def test_exchange_session_seats_from_the_session_page(client, dbs, roundtable, registered):
    assert "1 seat left." in text(client.get(page_of(roundtable.exchange)))

    taken = take(client, roundtable.exchange)

    assert "You have a seat in “Technical exchange”." in text(taken)
    assert seats_of(dbs, registered) == {f"session {roundtable.exchange.id}": "held"}
    given_up = release(client, roundtable.exchange)
    assert "You gave up your seat in “Technical exchange”." in text(given_up)
    assert seats_of(dbs, registered) == {}


def test_full_exchange_session_has_a_waiting_list(client, dbs, roundtable, registered):
    fill_seats(dbs, roundtable.event, roundtable.exchange, 1)

    response = take(client, roundtable.exchange)

    assert "You are number 1 on the waiting list of “Technical exchange”" in text(response)
    assert seats_of(dbs, registered) == {f"session {roundtable.exchange.id}": "waiting"}


@pytest.mark.parametrize("session", ["keynote", "session_a"])
def test_sessions_without_their_own_seats_offer_none(client, roundtable, registered, session):
    target = getattr(roundtable, session)

    page = text(client.get(page_of(target)))
    response = take(client, target)

    assert "Take a seat" not in page and "seats left" not in page
    assert "it takes no seat" in text(response) or "take a seat in the sub-forum" \
        in text(response)


def test_seat_for_anonymous_visitor_asks_to_sign_in(client, dbs, roundtable):
    response = client.post(page_of(roundtable.subforum_a) + "/seat")

    assert response.status_code == 302
    assert response.location.startswith("/auth/login?next=")
    assert count(dbs, Seat) == 0


def queries_for(client, count_queries, url: str) -> int:
    client.get(url)
    db.session.remove()
    with count_queries() as counter:
        assert client.get(url).status_code == 200
    return counter.count


@pytest.mark.parametrize("viewer", ["anonymous", "waiting"])
def test_subforum_page_costs_the_same_queries_however_many_seats(
    client, dbs, auth, participant, count_queries, viewer
):
    event = factories.make_event(dbs)
    forum = factories.make_subforum(dbs, event, "A", capacity=1)

    def add_session(hour):
        factories.make_session(dbs, event, factories.at(hour), factories.at(hour, 50),
                               kind=SessionKind.SUBFORUM, subforum_id=forum.id)

    add_session(9)
    fill_seats(dbs, event, forum, 1)
    if viewer == "waiting":
        take_seat(dbs, factories.make_registration(dbs, event, participant), forum)
        dbs.commit()
        auth.login("participant@example.org")
    url = f"/events/test-event/subforums/{forum.id}"
    few = queries_for(client, count_queries, url)

    for hour in range(10, 17):
        add_session(hour)
    fill_seats(dbs, event, forum, 8, start=1)
    many = queries_for(client, count_queries, url)

    assert few == many
