"""Organizers through the API: the registrations of an event, approving and rejecting them,
and the questions of the registration form."""

from __future__ import annotations

import json

from tests import factories
from tests.probes import PROBLEM
from tests.registration.api.conftest import EVENT, clear_outbox, outbox, seats_table
from tests.registration.api.test_registering import REGISTRATION_FIELDS

ORGANIZER_FIELDS = REGISTRATION_FIELDS | {"user_id", "email", "consented_at", "updated_at",
                                          "decided_at", "decision_note"}


def approval_mode(dbs, roundtable):
    roundtable.event.registration_mode = "approval"
    dbs.commit()


def test_organizers_list_registrations_with_e_mail_addresses_and_filters(
    client, dbs, roundtable, person, register, organizer_headers
):
    ada = register(person("ada"), subforum_id=roundtable.subforum_a.id)
    bao = register(person("bao"), subforum_id=roundtable.subforum_b.id)
    approval_mode(dbs, roundtable)
    chen = register(person("chen"), subforum_id=roundtable.subforum_a.id)

    everyone = client.get(f"{EVENT}/registrations", headers=organizer_headers)
    pending = client.get(f"{EVENT}/registrations?status=pending", headers=organizer_headers)
    in_a = client.get(f"{EVENT}/registrations?subforum_id={roundtable.subforum_a.id}",
                      headers=organizer_headers)

    assert everyone.status_code == 200
    body = everyone.get_json()
    assert all(set(r) == ORGANIZER_FIELDS for r in body)
    assert [(r["id"], r["email"], r["status"]) for r in body] == [
        (ada["id"], "ada@example.org", "confirmed"), (bao["id"], "bao@example.org", "confirmed"),
        (chen["id"], "chen@example.org", "pending")]
    assert body[0]["seats"] == ada["seats"]
    assert [r["id"] for r in pending.get_json()] == [chen["id"]]
    # chen only asked for A, pending: a preference, not a seat.
    assert [r["id"] for r in in_a.get_json()] == [ada["id"]]


def test_the_list_comes_a_page_at_a_time_with_totals(
    client, roundtable, person, register, organizer_headers
):
    made = [register(person(name))["id"] for name in ("ada", "bao", "chen")]

    first = client.get(f"{EVENT}/registrations?page_size=2", headers=organizer_headers)
    second = client.get(f"{EVENT}/registrations?page_size=2&page=2", headers=organizer_headers)

    assert [r["id"] for r in first.get_json()] == made[:2]
    assert [r["id"] for r in second.get_json()] == made[2:]
    totals = json.loads(first.headers["X-Pagination"])
    assert totals["total"] == 3 and totals["total_pages"] == 2
    too_big = client.get(f"{EVENT}/registrations?page_size=5000", headers=organizer_headers)
    assert too_big.status_code == 422 and too_big.content_type == PROBLEM
    far = client.get(f"{EVENT}/registrations?page=100000000000000000", headers=organizer_headers)
    assert far.status_code == 200 and far.get_json() == []


def test_an_organizer_reads_one_registration(
    client, roundtable, participant_headers, register, organizer_headers
):
    made = register(participant_headers, name="Somchai P.", country="TH")

    response = client.get(f"{EVENT}/registrations/{made['id']}", headers=organizer_headers)

    assert response.status_code == 200
    body = response.get_json()
    assert set(body) == ORGANIZER_FIELDS
    assert (body["email"], body["name"], body["country"], body["decided_at"]) == (
        "participant@example.org", "Somchai P.", "TH", None)
    assert {k: body[k] for k in REGISTRATION_FIELDS} == made


def test_a_registration_of_another_event_is_not_found_here(
    client, dbs, roundtable, participant_headers, register, organizer_headers
):
    factories.make_event(dbs, slug="other")
    made = register(participant_headers, slug="other")

    for method, path in (("GET", ""), ("POST", "/approve"), ("POST", "/reject")):
        response = client.open(f"{EVENT}/registrations/{made['id']}{path}", method=method,
                               headers=organizer_headers)

        assert response.status_code == 404, path
        assert response.mimetype == PROBLEM


def test_approving_seats_the_registration_where_it_asked_and_mails_it(
    client, dbs, roundtable, participant_headers, register, organizer_headers
):
    approval_mode(dbs, roundtable)
    made = register(participant_headers, subforum_id=roundtable.subforum_a.id)
    clear_outbox(dbs)

    response = client.post(f"{EVENT}/registrations/{made['id']}/approve",
                           headers=organizer_headers)

    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "confirmed"
    assert body["decided_at"] is not None
    assert body["preferred_subforum_id"] is None
    assert [(s["subforum_id"], s["state"]) for s in body["seats"]] == [
        (roundtable.subforum_a.id, "held")]
    (mail,) = outbox(dbs)
    assert (mail.to_address, mail.subject) == ("participant@example.org",
                                               "Registration confirmed: Test roundtable")
    again = client.post(f"{EVENT}/registrations/{made['id']}/approve",
                        headers=organizer_headers)
    assert again.status_code == 200 and again.get_json() == body
    assert len(outbox(dbs)) == 1


def test_a_cancelled_registration_cannot_be_approved(
    client, dbs, roundtable, participant_headers, register, organizer_headers
):
    made = register(participant_headers)
    client.delete(f"{EVENT}/registrations/me", headers=participant_headers)

    response = client.post(f"{EVENT}/registrations/{made['id']}/approve",
                           headers=organizer_headers)

    assert response.status_code == 409
    assert response.get_json()["errors"] == {
        "status": "A cancelled registration cannot be approved."}


def test_rejecting_frees_the_seats_and_tells_the_participant_why(
    client, dbs, roundtable, person, register, organizer_headers
):
    subforum = roundtable.subforum_a.id
    ada = register(person("ada"), subforum_id=subforum)
    register(person("bao"), subforum_id=subforum)
    register(person("chen"), subforum_id=subforum)
    clear_outbox(dbs)

    response = client.post(f"{EVENT}/registrations/{ada['id']}/reject",
                           json={"note": "  Places are kept for ministries.  "},
                           headers=organizer_headers)

    assert response.status_code == 200
    body = response.get_json()
    assert (body["status"], body["decision_note"], body["seats"]) == (
        "rejected", "Places are kept for ministries.", [])
    assert seats_table(dbs) == [("bao@example.org", subforum, None, "held"),
                                ("chen@example.org", subforum, None, "held")]
    mail = {m.to_address: m for m in outbox(dbs)}
    assert set(mail) == {"ada@example.org", "chen@example.org"}
    assert "Places are kept for ministries." in mail["ada@example.org"].body_text
    assert mail["chen@example.org"].subject.startswith("You have a seat")


def test_rejecting_needs_no_body(client, roundtable, participant_headers, register,
                                 organizer_headers):
    made = register(participant_headers)

    response = client.post(f"{EVENT}/registrations/{made['id']}/reject",
                           headers=organizer_headers)

    assert response.status_code == 200
    assert response.get_json()["decision_note"] is None


def test_organizers_see_registrations_of_a_draft_event(client, dbs, organizer_headers):
    factories.make_event(dbs, slug="draft", published=False)

    response = client.get("/api/v1/events/draft/registrations", headers=organizer_headers)

    assert response.status_code == 200
    assert response.get_json() == []


MEAL = {"kind": "choice", "label_zh": "餐食", "label_en": "Meal",
        "options": [{"zh": "不限", "en": "Any"}, {"en": "Vegetarian"}], "required": True,
        "position": 2}


def test_organizers_write_questions_that_anyone_reads(client, roundtable, organizer_headers):
    created = client.post(f"{EVENT}/registration-questions", json=MEAL,
                          headers=organizer_headers)
    topic = client.post(f"{EVENT}/registration-questions",
                        json={"kind": "text", "label_en": "Your topic"},
                        headers=organizer_headers).get_json()

    assert created.status_code == 201
    meal = created.get_json()
    assert meal == {"id": meal["id"], "kind": "choice",
                    "label": {"zh": "餐食", "en": "Meal"},
                    "options": [{"zh": "不限", "en": "Any"}, {"zh": None, "en": "Vegetarian"}],
                    "required": True, "position": 2}
    public = client.get(f"{EVENT}/registration-questions")
    assert public.status_code == 200
    assert public.get_json() == [topic, meal]  # by position

    changed = client.patch(f"{EVENT}/registration-questions/{meal['id']}",
                           json={"options": MEAL["options"] + [{"en": "Halal"}],
                                 "required": False},
                           headers=organizer_headers)
    assert changed.status_code == 200
    assert changed.get_json() == meal | {
        "options": meal["options"] + [{"zh": None, "en": "Halal"}], "required": False}

    deleted = client.delete(f"{EVENT}/registration-questions/{meal['id']}",
                            headers=organizer_headers)
    assert deleted.status_code == 204
    assert client.get(f"{EVENT}/registration-questions").get_json() == [topic]
    again = client.delete(f"{EVENT}/registration-questions/{meal['id']}",
                          headers=organizer_headers)
    assert again.status_code == 404


def test_a_new_required_question_must_be_answered_by_the_next_registration(
    client, roundtable, organizer_headers, participant_headers
):
    question = client.post(f"{EVENT}/registration-questions", json=MEAL,
                           headers=organizer_headers).get_json()

    refused = client.post(f"{EVENT}/registrations", json={"consent": True},
                          headers=participant_headers)
    accepted = client.post(f"{EVENT}/registrations", headers=participant_headers,
                           json={"consent": True, "answers": {str(question["id"]): 1}})

    assert refused.status_code == 422
    assert refused.get_json()["errors"] == {
        f"answers.{question['id']}": "This question needs an answer."}
    assert accepted.status_code == 201


def test_questions_of_a_draft_event_are_for_organizers_only(
    client, dbs, organizer_headers, participant_headers
):
    factories.make_event(dbs, slug="draft", published=False)
    url = "/api/v1/events/draft/registration-questions"
    client.post(url, json={"kind": "text", "label_en": "Topic"}, headers=organizer_headers)

    assert client.get(url).status_code == 404
    assert client.get(url, headers=participant_headers).status_code == 404
    assert [q["label"]["en"] for q in client.get(url, headers=organizer_headers).get_json()] \
        == ["Topic"]


def test_a_question_of_another_event_is_not_found_here(
    client, dbs, roundtable, organizer_headers
):
    factories.make_event(dbs, slug="other")
    other = client.post("/api/v1/events/other/registration-questions",
                        json={"kind": "text", "label_en": "Topic"},
                        headers=organizer_headers).get_json()

    for method, body in (("PATCH", {"label_en": "Mine now"}), ("DELETE", None)):
        response = client.open(f"{EVENT}/registration-questions/{other['id']}", method=method,
                                json=body, headers=organizer_headers)

        assert response.status_code == 404, method
    assert client.get("/api/v1/events/other/registration-questions").get_json() == [other]


def test_the_registration_list_costs_the_same_queries_for_5_and_12(
    client, dbs, roundtable, person, register, organizer_headers, count_queries
):
    counts = {}
    made = 0
    forums = (roundtable.subforum_a.id, roundtable.subforum_b.id)
    for size in (5, 12):  # both with people waiting
        while made < size:
            register(person(f"p{made}"), subforum_id=forums[made % 2])
            made += 1
        dbs.remove()
        with count_queries() as counter:
            response = client.get(f"{EVENT}/registrations", headers=organizer_headers)
        assert response.status_code == 200
        assert len(response.get_json()) == size
        counts[size] = counter.count

    assert counts[5] == counts[12], counts
