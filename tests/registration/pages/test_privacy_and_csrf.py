"""Join details stay off the public pages, even for a registered participant; with CSRF
protection on, the participants' forms and buttons need their token."""

from __future__ import annotations

import pytest

from lmevents.registration.models import Registration, Seat
from lmevents.registration.seats import take_seat
from tests import factories
from tests.probes import count, csrf_token, form_fields, text
from tests.registration.pages.conftest import (
    registrations_of,
    seats_of,
    shows_join_details,
)


@pytest.fixture
def seated_everywhere(dbs, roundtable, signed_in):
    registration = factories.make_registration(dbs, roundtable.event, signed_in)
    for target in (roundtable.subforum_a, roundtable.exchange):
        take_seat(dbs, registration, target)
    dbs.commit()
    return registration


def public_pages(roundtable) -> list[str]:
    sessions = (roundtable.keynote, roundtable.session_a, roundtable.session_b,
                roundtable.exchange)
    return ["/events/test-event/", "/events/test-event/agenda",
            f"/events/test-event/subforums/{roundtable.subforum_a.id}",
            f"/events/test-event/subforums/{roundtable.subforum_b.id}",
            *(f"/events/test-event/sessions/{s.id}" for s in sessions)]


def test_public_pages_never_show_join_details_even_to_a_seated_participant(
    client, roundtable, seated_everywhere
):
    for url in public_pages(roundtable):
        page = text(client.get(url))
        assert not any(shows_join_details(page, n) for n in (701, 702, 703, 704)), url


def test_registration_page_shows_no_join_details(client, roundtable, seated_everywhere):
    page = text(client.get("/events/test-event/register"))

    assert not any(shows_join_details(page, n) for n in (701, 702, 703, 704))





@pytest.fixture
def guarded_client(csrf_client, participant):
    """The participant signed in on an app that checks CSRF tokens, as in production."""
    return csrf_client(participant.email)


FORM = {"name": "Somchai P.", "country": "TH", "language": "en", "timezone": "Asia/Bangkok",
        "consent": "y"}


def test_registration_without_token_is_refused(guarded_client, dbs, roundtable):
    response = guarded_client.post("/events/test-event/register", data=FORM)

    assert response.status_code == 400 and "CSRF" in text(response)
    assert count(dbs, Registration) == 0


def test_registration_with_the_forms_token_is_accepted(guarded_client, dbs, roundtable,
                                                       participant):
    page = text(guarded_client.get("/events/test-event/register"))
    sent = form_fields(page)
    sent.update({"name": "Somchai P.", "consent": "y"})

    response = guarded_client.post("/events/test-event/register", data=sent)

    assert response.status_code == 302
    assert [r.status for r in registrations_of(dbs, participant)] == ["confirmed"]


@pytest.mark.parametrize("action", ["seat", "release", "cancel"])
def test_buttons_without_token_change_nothing(guarded_client, dbs, roundtable, participant,
                                              action):
    registration = factories.make_registration(dbs, roundtable.event, participant)
    if action == "release":
        take_seat(dbs, registration, roundtable.subforum_a)
        dbs.commit()
    before = seats_of(dbs, registration)
    forum = f"/events/test-event/subforums/{roundtable.subforum_a.id}"
    url = {"seat": forum + "/seat", "release": forum + "/seat/release",
           "cancel": "/events/test-event/register/cancel"}[action]

    response = guarded_client.post(url)

    assert response.status_code == 400
    assert seats_of(dbs, registration) == before
    assert registrations_of(dbs, participant)[0].status == "confirmed"


def test_seat_button_carries_its_token(guarded_client, dbs, roundtable, participant):
    registration = factories.make_registration(dbs, roundtable.event, participant)
    forum = f"/events/test-event/subforums/{roundtable.subforum_a.id}"
    page = text(guarded_client.get(forum))

    response = guarded_client.post(forum + "/seat", data={"csrf_token": csrf_token(page)})

    assert response.status_code == 302
    assert seats_of(dbs, registration) == {"subforum A": "held"}
    assert count(dbs, Seat) == 1
