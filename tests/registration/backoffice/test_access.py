"""The registration back office is for organizers only: every page, action and the CSV."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from lmevents.registration.models import Registration, RegistrationQuestion, RegistrationStatus
from tests.probes import count, fresh
from tests.registration.backoffice.conftest import pending

E = "/manage/events/test-event"
ROUTES = [
    ("GET", E + "/registrations"),
    ("GET", E + "/registrations?status=pending"),
    ("GET", E + "/registrations.csv"),
    ("POST", E + "/registrations/{registration}/approve"),
    ("POST", E + "/registrations/{registration}/reject"),
    ("GET", E + "/subforums/{subforum}/registrations"),
    ("GET", E + "/registration-questions"),
    ("POST", E + "/registration-questions"),
    ("GET", E + "/registration-questions/{question}/edit"),
    ("POST", E + "/registration-questions/{question}/edit"),
    ("POST", E + "/registration-questions/{question}/delete"),
    ("POST", E + "/registration-questions/{question}/move"),
]
FORM = {"note": "no", "kind": "text", "label_en": "Intruder", "direction": "up"}


@dataclass
class World:
    registration: int
    subforum: int
    question: int


@pytest.fixture
def world(dbs, roundtable) -> World:
    registration = pending(dbs, roundtable, 1, subforum_id=roundtable.subforum_a.id)
    return World(registration.id, roundtable.subforum_a.id, roundtable.questions["photo"].id)


def _send(client, method, route, world):
    url = route.format(registration=world.registration, subforum=world.subforum,
                       question=world.question)
    return client.open(url, method=method, data=FORM if method == "POST" else None)


def _unchanged(dbs, world) -> None:
    assert fresh(dbs, Registration, world.registration).status == RegistrationStatus.PENDING
    assert count(dbs, RegistrationQuestion) == 3
    question = fresh(dbs, RegistrationQuestion, world.question)
    assert (question.label_en, question.position) == ("Photos allowed", 2)


@pytest.mark.parametrize(("method", "route"), ROUTES)
def test_anonymous_visitor_is_sent_to_sign_in(client, dbs, world, method, route):
    response = _send(client, method, route, world)

    assert response.status_code == 302
    assert "/auth/login" in response.headers["Location"]
    _unchanged(dbs, world)


@pytest.mark.parametrize(("method", "route"), ROUTES)
def test_participant_is_refused(client, auth, participant, dbs, world, method, route):
    auth.login("participant@example.org")

    response = _send(client, method, route, world)

    assert response.status_code == 403
    assert b"Test roundtable" not in response.get_data()  # not even the CSV's content
    _unchanged(dbs, world)


@pytest.mark.parametrize("route", [r for m, r in ROUTES if m == "GET"])
def test_organizer_opens_every_page(client, signed_in, world, route):
    response = _send(client, "GET", route, world)

    assert response.status_code == 200


def test_unknown_event_is_not_found(client, signed_in, world):
    assert client.get("/manage/events/no-such-event/registrations").status_code == 404
    assert client.get("/manage/events/no-such-event/registrations.csv").status_code == 404
