"""The participant's own agenda: their sessions in their zone and language, with join details
only for what they attend, and nobody else's registration."""

from __future__ import annotations

import pytest

from lmevents.agenda.models import SessionKind
from lmevents.events.models import RegistrationMode
from lmevents.extensions import db
from lmevents.registration.seats import take_seat
from tests import factories
from tests.probes import text
from tests.registration.pages.conftest import shows_join_details

URL = "/me/agenda"


def seated(dbs, registration, *targets):
    for target in targets:
        take_seat(dbs, registration, target)
    dbs.commit()
    return registration


@pytest.fixture
def mine(dbs, roundtable, signed_in):
    """The signed-in participant, registered from Bangkok, seated in sub-forum A."""
    registration = factories.make_registration(dbs, roundtable.event, signed_in,
                                               timezone="Asia/Bangkok")
    return seated(dbs, registration, roundtable.subforum_a)


def test_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response.location == "/auth/login?next=%2Fme%2Fagenda"


def test_agenda_gives_join_details_of_plenary_and_held_sessions_only(client, roundtable, mine):
    page = text(client.get(URL))

    # Join links go through lmevents (which records the join); meeting ids and passcodes are
    # shown for those who dial in from the platform's app.
    assert f"/sessions/{roundtable.keynote.id}/join" in page and "pass-701" in page
    assert "701 000" in page
    assert f"/sessions/{roundtable.session_a.id}/join" in page and "pass-702" in page
    assert "https://meet.example.org/j/70" not in page
    assert not shows_join_details(page, 703)  # the other sub-forum
    assert not shows_join_details(page, 704)  # the exchange, where no seat is held
    assert "Forum A talk" in page and "Forum B talk" not in page


def test_agenda_gives_the_exchange_once_a_seat_is_held(client, dbs, roundtable, mine):
    seated(dbs, mine, roundtable.exchange)

    assert shows_join_details(text(client.get(URL)), 704)


def test_agenda_times_are_in_the_registrations_zone_named(client, roundtable, mine):
    page = text(client.get(URL))

    assert "08:00–09:00 Indochina Time (UTC+07:00)" in page  # the 09:00 keynote in Shanghai
    assert "Times in Indochina Time (UTC+07:00)." in page


def test_asked_zone_overrides_the_registrations(client, roundtable, mine):
    page = text(client.get(URL + "?tz=Europe/Paris"))

    assert "02:00–03:00 Central European Standard Time (UTC+01:00)" in page
    assert "Indochina Time (UTC+07:00)" not in page


def test_agenda_is_in_the_registrations_language_unless_asked(client, dbs, roundtable,
                                                               signed_in):
    factories.make_registration(dbs, roundtable.event, signed_in, language="zh")

    assert "主旨演讲" in text(client.get(URL))
    assert "测试圆桌" in text(client.get(URL))
    assert "Keynote" in text(client.get(URL + "?lang=en"))


def test_seats_and_waiting_positions_are_listed(client, dbs, roundtable, mine):
    from tests.registration.pages.conftest import fill_seats

    fill_seats(dbs, roundtable.event, roundtable.exchange, 2)  # one seat, one waiting
    seated(dbs, mine, roundtable.exchange)

    page = text(client.get(URL))

    assert "Sub-forum A: Sub-forum A</a> —" in page and "seat held" in page
    assert "waiting list, number 2" in page
    assert not shows_join_details(page, 704)


def test_pending_registration_awaits_approval_without_join_details(client, dbs, roundtable,
                                                                    signed_in):
    roundtable.event.registration_mode = RegistrationMode.APPROVAL
    dbs.commit()
    factories.make_registration(dbs, roundtable.event, signed_in)

    page = text(client.get(URL))

    assert "awaiting approval" in page
    assert "Keynote" not in page
    assert not any(shows_join_details(page, number) for number in (701, 702, 703, 704))


def test_cancelled_registration_has_no_join_details(client, dbs, roundtable, mine):
    from lmevents.registration.registrations import cancel_registration

    cancel_registration(dbs, mine)
    dbs.commit()

    page = text(client.get(URL))

    assert "cancelled" in page
    assert not any(shows_join_details(page, number) for number in (701, 702, 703, 704))


def test_agenda_never_shows_another_participants_registration(client, dbs, roundtable, mine):
    other_event = factories.make_event(dbs, "other-event", title_en="Someone else's event")
    other_room = factories.make_room(dbs, other_event, join_url="https://meet.example.org/j/799",
                                     passcode="pass-799")
    factories.make_session(dbs, other_event, room_id=other_room.id, title_en="Their keynote")
    yolanda = factories.make_user(dbs, "yolanda@example.org")
    seated(dbs, factories.make_registration(dbs, roundtable.event, yolanda, name="Yolanda Y.",
                                            organization="Yolanda's ministry"),
           roundtable.subforum_b)
    factories.make_registration(dbs, other_event, yolanda, name="Yolanda Y.")

    page = text(client.get(URL))

    assert "Yolanda" not in page
    assert "Someone else" not in page and "Their keynote" not in page
    assert "pass-799" not in page and not shows_join_details(page, 703)


def test_agenda_with_no_registration_says_so(client, signed_in):
    assert "You have not registered for an event yet." in text(client.get(URL))


def queries_for(client, count_queries) -> int:
    client.get(URL)
    db.session.remove()
    with count_queries() as counter:
        assert client.get(URL).status_code == 200
    return counter.count


def test_agenda_costs_the_same_queries_however_large_the_programme(
    client, dbs, roundtable, mine, count_queries
):
    few = queries_for(client, count_queries)
    for hour in range(16, 22):
        room = factories.make_room(dbs, roundtable.event, f"Room {hour}")
        factories.make_session(dbs, roundtable.event, factories.at(hour), factories.at(hour, 20),
                               room_id=room.id, title_en=f"Plenary {hour}")
        factories.make_session(dbs, roundtable.event, factories.at(hour, 30),
                               factories.at(hour, 50), kind=SessionKind.SUBFORUM,
                               subforum_id=roundtable.subforum_a.id, room_id=room.id)
    many = queries_for(client, count_queries)

    assert few == many


def test_an_exchange_open_to_all_is_on_every_participants_agenda(client, dbs, roundtable, mine):
    """The finding: a participant who registered and took a sub-forum seat found their agenda
    ending after the sub-forum: the afternoon exchange, the reason many came, was missing."""
    roundtable.exchange.capacity = None  # no places of its own: everyone registered attends
    dbs.commit()
    page = text(client.get(URL + "?lang=en"))
    assert f'id="session-{roundtable.exchange.id}"' in page
    assert "Technical exchange" in page and f'id="offer-{roundtable.exchange.id}"' not in page


def test_an_exchange_with_limited_places_is_offered_and_then_on_the_agenda(client, dbs,
                                                                          roundtable, mine):
    page = text(client.get(URL + "?lang=en"))
    offer = page.split(f'id="offer-{roundtable.exchange.id}"')[1].split("</div>")[0]
    assert "Places are limited: this session is on your agenda once you take a seat." in offer
    assert "1 seat left." in offer and ">Take a seat</button>" in offer
    assert f'id="session-{roundtable.exchange.id}"' not in page

    taken = client.post(f"/events/{roundtable.event.slug}/sessions/{roundtable.exchange.id}/seat")
    assert taken.status_code == 302
    page = text(client.get(URL))
    assert f'id="session-{roundtable.exchange.id}"' in page
    assert f'id="offer-{roundtable.exchange.id}"' not in page


def test_the_calendar_box_points_down_offers_a_copy_and_keeps_the_reset_secondary(client, mine):
    page = text(client.get(URL + "?lang=en"))
    box = page.split('class="card calendar-feed"')[1].split("</section>")[0]
    assert "the sessions of your agenda below" in box  # it said "above"
    assert 'data-copy="feed-address"' in box and 'id="feed-address"' in box
    reset = box.split('action="/me/calendar/reset"')[1]
    assert "data-confirm=" in box.split("<form")[1]
    assert '<button type="submit" class="secondary">Make a new feed address</button>' in reset
