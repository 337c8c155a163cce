"""Registering through the API: open and approval events, the caller's own registration,
cancelling it, and the list of all of the caller's registrations."""

from __future__ import annotations

from lmevents.agenda.models import SessionKind
from lmevents.registration.questions import QuestionInput, create_question
from tests import factories
from tests.probes import PROBLEM
from tests.registration.api.conftest import (
    EVENT,
    clear_outbox,
    outbox,
    registrations_table,
    seats_table,
)

REGISTRATION_FIELDS = {
    "id", "event", "status", "name", "organization", "position", "country", "language",
    "timezone", "answers", "created_at", "seats", "preferred_subforum_id", "reminders",
    "listening_language",
}
FORM = {"name": "Somchai P.", "organization": "Ministry of Natural Resources",
        "position": "Director", "country": "th", "language": "en", "timezone": "Asia/Bangkok",
        "consent": True}


def test_registering_answers_201_then_200_with_the_same_registration(
    client, dbs, roundtable, participant_headers
):
    first = client.post(f"{EVENT}/registrations", json=FORM, headers=participant_headers)
    again = client.post(f"{EVENT}/registrations", json=FORM | {"name": "Someone else"},
                        headers=participant_headers)

    assert first.status_code == 201
    body = first.get_json()
    assert set(body) == REGISTRATION_FIELDS
    assert body["event"] == "test-event"
    assert body["status"] == "confirmed"
    assert (body["name"], body["organization"], body["position"], body["country"],
            body["language"], body["timezone"]) == (
        "Somchai P.", "Ministry of Natural Resources", "Director", "TH", "en", "Asia/Bangkok")
    assert body["answers"] == {} and body["seats"] == []
    assert body["preferred_subforum_id"] is None
    assert body["created_at"].endswith("+00:00")
    assert again.status_code == 200
    assert again.get_json() == body
    assert len(registrations_table(dbs)) == 1
    assert [m.subject for m in outbox(dbs)] == ["You are registered: Test roundtable"]


def test_fields_left_out_come_from_the_callers_account(client, dbs, roundtable, person):
    headers = person("mai", full_name="Nguyen Thi Mai", organization="MONRE", country="VN",
                     timezone="Asia/Ho_Chi_Minh", language="zh")

    response = client.post(f"{EVENT}/registrations", json={"consent": True}, headers=headers)

    assert response.status_code == 201
    body = response.get_json()
    assert (body["name"], body["organization"], body["position"], body["country"],
            body["timezone"], body["language"]) == (
        "Nguyen Thi Mai", "MONRE", "", "VN", "Asia/Ho_Chi_Minh", "zh")
    assert "报名成功" in outbox(dbs)[0].subject


def test_an_account_without_a_zone_registers_in_the_events_zone(client, roundtable, person):
    headers = person("lin")

    body = client.post(f"{EVENT}/registrations", json={"consent": True},
                       headers=headers).get_json()

    assert body["timezone"] == "Asia/Shanghai"
    assert body["name"] == "lin"


def test_answers_to_the_events_questions_are_kept(client, dbs, roundtable, participant_headers):
    diet = create_question(dbs, roundtable.event, QuestionInput(
        kind="choice", label_en="Meal", options=[{"en": "Any"}, {"en": "Vegetarian"}]))
    online = create_question(dbs, roundtable.event, QuestionInput(
        kind="yes_no", label_en="Online?", required=True))
    dbs.commit()

    response = client.post(f"{EVENT}/registrations", headers=participant_headers, json={
        "consent": True, "answers": {str(diet.id): 1, str(online.id): False}})

    assert response.status_code == 201
    assert response.get_json()["answers"] == {str(diet.id): 1, str(online.id): False}


def test_open_event_seats_the_registration_in_the_subforum_asked_for(
    client, roundtable, participant_headers
):
    body = client.post(f"{EVENT}/registrations", headers=participant_headers,
                       json={"consent": True, "subforum_id": roundtable.subforum_a.id}).get_json()

    assert body["status"] == "confirmed"
    assert body["seats"] == [{
        "id": body["seats"][0]["id"], "kind": "subforum",
        "subforum_id": roundtable.subforum_a.id, "session_id": None,
        "title": {"zh": None, "en": "Sub-forum A"}, "state": "held", "waiting_position": None,
        "replaces_seat_id": None,
    }]


def test_a_full_subforum_puts_later_registrations_in_its_waiting_line(
    roundtable, person, register
):
    subforum = roundtable.subforum_a.id
    for name in ("ada", "bao"):
        register(person(name), subforum_id=subforum)

    chen = register(person("chen"), subforum_id=subforum)
    dara = register(person("dara"), subforum_id=subforum)

    assert [(s["state"], s["waiting_position"]) for s in chen["seats"]] == [("waiting", 1)]
    assert [(s["state"], s["waiting_position"]) for s in dara["seats"]] == [("waiting", 2)]
    # Registered, but waiting for a seat in the sub-forum they chose.
    assert chen["status"] == dara["status"] == "waitlisted"


def test_approval_event_keeps_the_registration_pending_with_its_choice(
    client, dbs, roundtable, participant_headers
):
    roundtable.event.registration_mode = "approval"
    dbs.commit()

    response = client.post(f"{EVENT}/registrations", headers=participant_headers,
                           json={"consent": True, "subforum_id": roundtable.subforum_b.id})

    assert response.status_code == 201
    body = response.get_json()
    assert body["status"] == "pending"
    assert body["seats"] == []
    assert body["preferred_subforum_id"] == roundtable.subforum_b.id
    assert seats_table(dbs) == []


def test_closed_event_refuses_registration(client, dbs, roundtable, participant_headers):
    roundtable.event.registration_mode = "closed"
    dbs.commit()

    response = client.post(f"{EVENT}/registrations", json=FORM, headers=participant_headers)

    assert response.status_code == 409
    assert response.mimetype == PROBLEM
    assert response.get_json()["errors"] == {"event": "Registration for this event is closed."}
    assert registrations_table(dbs) == []


def test_an_unpublished_event_cannot_be_registered_for(client, dbs, participant_headers):
    factories.make_event(dbs, slug="draft", published=False)

    response = client.post("/api/v1/events/draft/registrations", json=FORM,
                           headers=participant_headers)

    assert response.status_code == 404
    assert registrations_table(dbs) == []


def test_my_registration_is_read_back_with_its_seats(
    client, roundtable, participant_headers, register
):
    made = register(participant_headers, subforum_id=roundtable.subforum_a.id)

    response = client.get(f"{EVENT}/registrations/me", headers=participant_headers)

    assert response.status_code == 200
    assert response.get_json() == made


def test_without_a_registration_me_is_a_404_problem(client, roundtable, participant_headers):
    for method in ("GET", "DELETE"):
        response = client.open(f"{EVENT}/registrations/me", method=method,
                               headers=participant_headers)

        assert response.status_code == 404, method
        assert response.mimetype == PROBLEM
        assert response.get_json()["detail"] == "You have not registered for this event."


def test_cancelling_frees_the_seat_for_the_first_in_line_who_is_mailed(
    client, dbs, roundtable, person, register
):
    subforum = roundtable.subforum_a.id
    ada = person("ada")
    register(ada, subforum_id=subforum)
    register(person("bao"), subforum_id=subforum)
    register(person("chen"), subforum_id=subforum)
    register(person("dara"), subforum_id=subforum)
    clear_outbox(dbs)

    response = client.delete(f"{EVENT}/registrations/me", headers=ada)

    assert response.status_code == 204
    assert seats_table(dbs) == [
        ("bao@example.org", subforum, None, "held"),
        ("chen@example.org", subforum, None, "held"),
        ("dara@example.org", subforum, None, "waiting"),
    ]
    (mail,) = outbox(dbs)
    assert mail.to_address == "chen@example.org"
    assert mail.subject == "You have a seat: sub-forum A, “Sub-forum A”"
    mine = client.get(f"{EVENT}/registrations/me", headers=ada).get_json()
    assert mine["status"] == "cancelled" and mine["seats"] == []
    assert client.delete(f"{EVENT}/registrations/me", headers=ada).status_code == 404


def test_registering_again_after_cancelling_reopens_the_registration(
    client, roundtable, participant_headers, register
):
    first = register(participant_headers)
    client.delete(f"{EVENT}/registrations/me", headers=participant_headers)

    response = client.post(f"{EVENT}/registrations", json=FORM, headers=participant_headers)

    assert response.status_code == 201
    assert response.get_json()["id"] == first["id"]
    assert response.get_json()["status"] == "confirmed"


def test_all_my_registrations_with_seats_and_waiting_positions(
    client, dbs, roundtable, person, register
):
    factories.make_event(dbs, slug="later", start_date=roundtable.event.start_date.replace(
        year=2021), end_date=roundtable.event.end_date.replace(year=2021))
    mai = person("mai")
    register(person("ada"), subforum_id=roundtable.subforum_a.id)
    register(person("bao"), subforum_id=roundtable.subforum_a.id)
    register(person("chen"), subforum_id=roundtable.subforum_b.id)
    here = register(mai, subforum_id=roundtable.subforum_a.id)
    later = register(mai, slug="later")

    response = client.get("/api/v1/me/registrations", headers=mai)

    assert response.status_code == 200
    body = response.get_json()
    assert [r["event"] for r in body] == ["later", "test-event"]
    assert [r["id"] for r in body] == [later["id"], here["id"]]
    assert [(s["subforum_id"], s["state"], s["waiting_position"]) for s in body[1]["seats"]] \
        == [(roundtable.subforum_a.id, "waiting", 1)]


def test_no_registrations_is_an_empty_list(client, participant_headers):
    response = client.get("/api/v1/me/registrations", headers=participant_headers)

    assert response.status_code == 200
    assert response.get_json() == []


def test_my_registrations_cost_the_same_queries_for_1_and_5_events(
    client, dbs, participant_headers, register, count_queries
):
    counts = {}
    made = 0
    for size in (1, 5):
        while made < size:
            event = factories.make_event(dbs, slug=f"event-{made}")
            forum = factories.make_subforum(dbs, event, "A", capacity=1)
            factories.make_session(dbs, event, kind=SessionKind.SUBFORUM, subforum_id=forum.id)
            register(participant_headers, slug=event.slug, subforum_id=forum.id)
            made += 1
        dbs.remove()
        with count_queries() as counter:
            response = client.get("/api/v1/me/registrations", headers=participant_headers)
        assert len(response.get_json()) == size
        assert all(len(r["seats"]) == 1 for r in response.get_json())
        counts[size] = counter.count

    assert counts[1] == counts[5], counts
