"""Who may call what: every call needs a token, organizer calls need the role, and a
participant reaches only their own registration and seats."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from lmevents.mail.models import OutboxMessage
from lmevents.registration.models import RegistrationQuestion
from lmevents.registration.questions import QuestionInput, create_question
from lmevents.registration.seats import take_seat
from tests import factories
from tests.probes import ORGANIZERS_ONLY, PROBLEM
from tests.registration.api.conftest import EVENT, registrations_table, seats_table

# (method, path, body, the organizer's status); {names} are filled from the `world` fixture.
ORGANIZER_CALLS = [
    ("GET", EVENT + "/registrations", None, 200),
    ("GET", EVENT + "/registrations?status=confirmed", None, 200),
    ("GET", EVENT + "/registrations/{registration}", None, 200),
    ("POST", EVENT + "/registrations/{pending}/approve", None, 200),
    ("POST", EVENT + "/registrations/{registration}/reject", {"note": "Full."}, 200),
    ("POST", EVENT + "/registration-questions", {"kind": "text", "label_en": "Topic"}, 201),
    ("PATCH", EVENT + "/registration-questions/{question}", {"required": True}, 200),
    ("DELETE", EVENT + "/registration-questions/{question}", None, 204),
]
# Calls any signed-in user makes for themselves: (method, path, body).
SIGNED_IN_CALLS = [
    ("POST", EVENT + "/registrations", {"consent": True}),
    ("GET", EVENT + "/registrations/me", None),
    ("DELETE", EVENT + "/registrations/me", None),
    ("PATCH", EVENT + "/registrations/me", {"reminders": False}),
    ("GET", "/api/v1/me/registrations", None),
    ("POST", EVENT + "/subforums/{subforum}/seats", {"switch": True}),
    ("DELETE", EVENT + "/subforums/{subforum}/seats/me", None),
    ("POST", EVENT + "/sessions/{exchange}/seats", {}),
    ("DELETE", EVENT + "/sessions/{exchange}/seats/me", None),
]
CALLS = [(m, p, b) for m, p, b, _ in ORGANIZER_CALLS] + SIGNED_IN_CALLS


@pytest.fixture
def world(dbs, roundtable, participant):
    """The participant holds seats in sub-forum A and the exchange; someone else's
    registration awaits approval (the event takes approvals from now on)."""
    mine = factories.make_registration(dbs, roundtable.event, participant, name="Owner")
    take_seat(dbs, mine, roundtable.subforum_a)
    take_seat(dbs, mine, roundtable.exchange)
    roundtable.event.registration_mode = "approval"
    dbs.commit()
    waiting = factories.make_registration(
        dbs, roundtable.event, factories.make_user(dbs, "pia@example.org"), name="Pia")
    question = create_question(dbs, roundtable.event, QuestionInput(kind="text",
                                                                    label_en="Topic"))
    dbs.commit()
    return {"registration": mine.id, "pending": waiting.id, "question": question.id,
            "subforum": roundtable.subforum_a.id, "exchange": roundtable.exchange.id}


@pytest.fixture
def snapshot(dbs):
    def take():
        return {
            "registrations": registrations_table(dbs),
            "seats": seats_table(dbs),
            "questions": dbs.execute(select(RegistrationQuestion.id, RegistrationQuestion.required)
                                     .order_by(RegistrationQuestion.id)).all(),
            "mail": dbs.scalar(select(func.count()).select_from(OutboxMessage)),
        }

    return take


def call(client, method, path, body, world, headers=None):
    return client.open(path.format(**world), method=method, json=body, headers=headers or {})


@pytest.mark.parametrize("method, path, body", CALLS, ids=[f"{m} {p}" for m, p, _ in CALLS])
@pytest.mark.parametrize("token", [None, "not-a-token"], ids=["no token", "bad token"])
def test_without_a_valid_token_every_call_is_401_and_changes_nothing(
    client, world, snapshot, token, method, path, body
):
    before = snapshot()
    headers = {"Authorization": f"Bearer {token}"} if token else {}

    response = call(client, method, path, body, world, headers)

    assert response.status_code == 401
    assert response.mimetype == PROBLEM
    assert response.headers["WWW-Authenticate"] == 'Bearer realm="lmevents"'
    assert snapshot() == before


@pytest.mark.parametrize("method, path, body, _", ORGANIZER_CALLS,
                         ids=[f"{m} {p}" for m, p, _, _ in ORGANIZER_CALLS])
def test_participants_get_403_on_organizer_calls_and_change_nothing(
    client, world, participant_headers, snapshot, method, path, body, _
):
    before = snapshot()

    response = call(client, method, path, body, world, participant_headers)

    assert response.status_code == 403
    assert response.mimetype == PROBLEM
    assert response.get_json()["detail"] in ORGANIZERS_ONLY
    assert snapshot() == before


@pytest.mark.parametrize("method, path, body, status", ORGANIZER_CALLS,
                         ids=[f"{m} {p}" for m, p, _, _ in ORGANIZER_CALLS])
def test_organizers_succeed(client, world, organizer_headers, method, path, body, status):
    response = call(client, method, path, body, world, organizer_headers)

    assert response.status_code == status, response.get_json()


def test_the_token_is_checked_before_the_body(client, world):
    response = client.post(EVENT + "/registrations", data="{not json",
                           content_type="application/json")

    assert response.status_code == 401


def test_the_question_list_is_public(client, world):
    response = client.get(EVENT + "/registration-questions")

    assert response.status_code == 200
    assert [q["id"] for q in response.get_json()] == [world["question"]]


def test_another_participant_reads_only_their_own_registrations(client, world, person):
    mallory = person("mallory")

    mine = client.get(EVENT + "/registrations/me", headers=mallory)
    everywhere = client.get("/api/v1/me/registrations", headers=mallory)

    assert mine.status_code == 404
    assert "Owner" not in mine.get_data(as_text=True)
    assert everywhere.get_json() == []


def test_registering_makes_the_callers_own_registration(client, world, person):
    mallory = person("mallory", full_name="Mallory")

    response = client.post(EVENT + "/registrations", json={"consent": True}, headers=mallory)

    assert response.status_code == 201
    body = response.get_json()
    assert body["id"] not in (world["registration"], world["pending"])
    assert (body["name"], body["seats"]) == ("Mallory", [])


def test_another_participant_cannot_cancel_or_free_someone_elses(
    client, dbs, world, person, snapshot
):
    mallory = person("mallory")
    mallory_registration = client.post(EVENT + "/registrations", json={"consent": True},
                                       headers=mallory).get_json()
    before = snapshot()

    for path in ("/subforums/{subforum}/seats/me", "/sessions/{exchange}/seats/me"):
        response = call(client, "DELETE", EVENT + path, None, world, mallory)
        assert response.status_code == 404, path
        assert response.get_json()["detail"].startswith("You have no seat")
    assert snapshot() == before

    response = client.delete(EVENT + "/registrations/me", headers=mallory)

    assert response.status_code == 204
    statuses = {reg_id: status for reg_id, _, status, _ in registrations_table(dbs)}
    assert statuses[mallory_registration["id"]] == "cancelled"
    assert statuses[world["registration"]] == "confirmed"
    assert snapshot()["seats"] == before["seats"]


def test_an_organizers_own_calls_act_for_the_organizer_only(
    client, world, organizer_headers, snapshot
):
    before = snapshot()

    cancelled = client.delete(EVENT + "/registrations/me", headers=organizer_headers)
    freed = call(client, "DELETE", EVENT + "/subforums/{subforum}/seats/me", None, world,
                 organizer_headers)

    assert cancelled.status_code == 404
    assert freed.status_code == 404
    assert freed.get_json()["detail"].startswith("Register first")
    assert snapshot() == before


def test_taking_a_full_seat_never_takes_it_from_its_holder(
    client, dbs, roundtable, world, person
):
    roundtable.event.registration_mode = "open"
    dbs.commit()
    mallory = person("mallory")
    client.post(EVENT + "/registrations", json={"consent": True}, headers=mallory)

    response = call(client, "POST", EVENT + "/sessions/{exchange}/seats", {"switch": True},
                    world, mallory)

    assert response.status_code == 201
    assert (response.get_json()["state"], response.get_json()["waiting_position"]) == (
        "waiting", 1)
    assert ("participant@example.org", None, world["exchange"], "held") in seats_table(dbs)
