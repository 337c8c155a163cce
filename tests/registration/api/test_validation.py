"""Bad input to the registration API is a 422 problem naming the field, and changes nothing."""

from __future__ import annotations

import pytest

from lmevents.registration.questions import QuestionInput, create_question
from tests import factories
from tests.probes import PROBLEM
from tests.registration.api.conftest import EVENT, outbox, registrations_table, seats_table


@pytest.fixture
def form(dbs, roundtable):
    """The event's questions (text, choice, a required yes/no), ids to fill paths and fields
    with, and a valid registration body answering the required question."""
    text = create_question(dbs, roundtable.event, QuestionInput(kind="text", label_en="Topic"))
    choice = create_question(dbs, roundtable.event, QuestionInput(
        kind="choice", label_en="Meal",
        options=[{"en": "Any"}, {"en": "Vegetarian"}, {"en": "Halal"}]))
    online = create_question(dbs, roundtable.event, QuestionInput(
        kind="yes_no", label_en="Online?", required=True))
    dbs.commit()
    elsewhere = factories.make_subforum(dbs, factories.make_event(dbs, slug="other"), "Z")
    ids = {"text": text.id, "choice": choice.id, "online": online.id,
           "other_forum": elsewhere.id, "forum": roundtable.subforum_a.id,
           "keynote": roundtable.keynote.id, "forum_talk": roundtable.session_a.id}
    return ids, {"consent": True, "answers": {str(online.id): True}}


def answers(**given):
    """A body's answers: `answers(online=True)` names questions by their fixture key."""
    return lambda ids: {"consent": True, "answers": {
        str(ids[key]): value for key, value in given.items()}}


# (body or a function of the ids giving it, field named in `errors`, words of its message)
BAD_REGISTRATIONS = [
    ({"consent": False}, "consent", "needs your consent"),
    (lambda ids: {"answers": {str(ids["online"]): True}}, "consent", "Missing data"),
    ({"consent": "yes"}, "consent", "Not a valid boolean"),
    ({"consent": "true"}, "consent", "Not a valid boolean"),
    ({"consent": 1}, "consent", "Not a valid boolean"),
    ({"country": "Thailand"}, "country", "two-letter ISO 3166"),
    ({"country": "XX"}, "country", "'XX' is not an ISO 3166 country code"),
    ({"timezone": "Mars/Olympus_Mons"}, "timezone", "not an IANA time zone"),
    ({"timezone": 7}, "timezone", "Not a valid string"),
    ({"language": "fr"}, "language", "Must be one of"),
    ({"name": ""}, "name", "A name is required."),
    ({"name": "   "}, "name", "A name is required."),
    ({"name": "x" * 201}, "name", "Longer than maximum"),
    ({"name": ["Ada"]}, "name", "Not a valid string"),
    ({"name": None}, "name", "may not be null"),
    ({"organization": "a\x00b"}, "organization", "NUL"),
    # A name reaches mail subjects: a line break there stopped all outgoing mail.
    ({"name": "Mallory\r\nBcc: all@example.org"}, "name", "Line breaks"),
    ({"position": "x" * 301}, "position", "Longer than maximum"),
    ({"email": "someone@example.org"}, "email", "Unknown field"),
    ({"status": "confirmed"}, "status", "Unknown field"),
    ({"user_id": 1}, "user_id", "Unknown field"),
    ({"answers": "vegetarian"}, "answers", "Not a valid mapping"),
    ({"answers": {"999999": "x"}}, "answers.999999", "This event has no question 999999."),
    ({"answers": {"meal": 1}}, "answers.meal", "This event has no question meal."),
    (answers(online=True, text=5), "answers.{text}", "Answer with text."),
    (answers(online=True, text="x" * 2001), "answers.{text}", "At most 2000 characters."),
    (answers(online=True, choice=3), "answers.{choice}", "option number from 0 to 2"),
    (answers(online=True, choice=-1), "answers.{choice}", "option number from 0 to 2"),
    (answers(online=True, choice=True), "answers.{choice}", "option number from 0 to 2"),
    # Only ASCII digits are option numbers: "²" and "١" pass str.isdigit() but are not.
    (answers(online=True, choice="²"), "answers.{choice}", "option number from 0 to 2"),
    (answers(online=True, choice="١"), "answers.{choice}", "option number from 0 to 2"),
    (answers(online="yes"), "answers.{online}", "Answer yes (true) or no (false)."),
    (answers(text="Water"), "answers.{online}", "This question needs an answer."),
    (answers(online=None), "answers.{online}", "This question needs an answer."),
    ({"subforum_id": 999999}, "subforum_id", "This event has no sub-forum 999999."),
    (lambda ids: {"consent": True, "answers": {str(ids["online"]): True},
                  "subforum_id": ids["other_forum"]}, "subforum_id",
     "This event has no sub-forum"),
    ({"subforum_id": "A"}, "subforum_id", "Not a valid integer"),
    ({"subforum_id": 0}, "subforum_id", "greater than or equal to 1"),
    ({"subforum_id": 1.5}, "subforum_id", "Not a valid integer"),
]


def _body(given, ids, valid):
    if callable(given):
        return given(ids)
    return valid | given


@pytest.mark.parametrize("given, field, words", BAD_REGISTRATIONS,
                         ids=[f"{f}: {w}" for _, f, w in BAD_REGISTRATIONS])
def test_a_bad_registration_is_a_422_naming_the_field(
    client, dbs, form, participant_headers, given, field, words
):
    ids, valid = form
    body = _body(given, ids, valid)

    response = client.post(f"{EVENT}/registrations", json=body, headers=participant_headers)

    assert response.status_code == 422, response.get_json()
    assert response.mimetype == PROBLEM
    problem = response.get_json()
    field = field.format(**ids)
    assert field in problem["errors"], problem["errors"]
    assert words in problem["errors"][field]
    assert registrations_table(dbs) == []
    assert outbox(dbs) == []


# Blank names (spaces as str.strip() knows them) and names with something in them.
NAMES = ["\u00a0", "\u2000\u3000", "\u2028", "Khamla S.", " 王 ", "\u200b", "\ufeff"]


@pytest.mark.parametrize("name", NAMES, ids=ascii)
def test_the_documents_name_pattern_takes_the_names_registration_takes(
    client, form, participant_headers, name
):
    jsonschema_rs = pytest.importorskip("jsonschema_rs")
    spec = client.get("/api/v1/openapi.json").get_json()
    documented = jsonschema_rs.validator_for(
        spec["components"]["schemas"]["RegistrationInput"]["properties"]["name"])
    _, valid = form

    response = client.post(f"{EVENT}/registrations", json=valid | {"name": name},
                           headers=participant_headers)

    assert response.status_code in (201, 422), response.get_json()
    assert documented.is_valid(name) == (response.status_code == 201)


def test_more_answers_than_the_document_allows_are_refused_as_it_says(
        client, form, participant_headers):
    _, valid = form
    spec = client.get("/api/v1/openapi.json").get_json()
    answers = spec["components"]["schemas"]["RegistrationInput"]["properties"]["answers"]
    assert answers["maxProperties"] == 500 and "maxLength" not in answers

    response = client.post(f"{EVENT}/registrations", json=valid | {
        "answers": {str(n): "x" for n in range(1, 502)}}, headers=participant_headers)

    assert response.status_code == 422
    assert response.get_json()["errors"]["answers"] == "At most 500 answers."


def test_the_valid_form_of_those_tests_is_accepted(client, form, participant_headers):
    ids, valid = form

    response = client.post(f"{EVENT}/registrations", json=valid | {
        "answers": {str(ids["online"]): False, str(ids["choice"]): "1"}},
        headers=participant_headers)

    assert response.status_code == 201
    assert response.get_json()["answers"] == {str(ids["online"]): False,
                                              str(ids["choice"]): 1}


@pytest.mark.parametrize("data, status", [
    ("{not json", 400), ("[1, 2]", 422), ("null", 422), ("", 422),
    ("[" * 100_000 + "]" * 100_000, 422)])
def test_a_registration_body_that_is_not_a_json_object_is_refused(
    client, dbs, roundtable, participant_headers, data, status
):
    response = client.post(f"{EVENT}/registrations", data=data,
                           content_type="application/json", headers=participant_headers)

    assert response.status_code == status
    assert response.mimetype == PROBLEM
    assert registrations_table(dbs) == []


def test_a_form_encoded_registration_is_refused_not_ignored(
    client, dbs, roundtable, participant_headers
):
    response = client.post(f"{EVENT}/registrations", data={"consent": "true"},
                           headers=participant_headers)

    assert response.status_code == 415
    assert registrations_table(dbs) == []


# (path under the event, body, status, field, words)
BAD_SEATS = [
    ("/subforums/{forum}/seats", {"switch": "yes"}, 422, "switch", "Not a valid boolean"),
    ("/subforums/{forum}/seats", {"switch": None}, 422, "switch", "may not be null"),
    ("/subforums/{forum}/seats", {"seat": 3}, 422, "seat", "Unknown field"),
    ("/subforums/{forum}/seats", {"registration_id": 3}, 422, "registration_id",
     "Unknown field"),
    ("/sessions/{keynote}/seats", {}, 422, "session_id", "Everyone registered attends"),
    ("/sessions/{forum_talk}/seats", {}, 422, "session_id", "take a seat in the sub-forum"),
]


@pytest.mark.parametrize("path, body, status, field, words", BAD_SEATS,
                         ids=[f"{p} {f}" for p, _, _, f, _ in BAD_SEATS])
def test_a_bad_seat_request_names_the_field(client, dbs, form, participant_headers, register,
                                            path, body, status, field, words):
    ids, valid = form
    register(participant_headers, **valid)

    response = client.post(EVENT + path.format(**ids), json=body, headers=participant_headers)

    assert response.status_code == status, response.get_json()
    assert response.mimetype == PROBLEM
    assert words in response.get_json()["errors"][field]
    assert seats_table(dbs) == []


def test_a_subforum_or_session_of_another_event_is_not_found_here(
    client, dbs, form, participant_headers, register
):
    ids, valid = form
    register(participant_headers, **valid)
    other_session = factories.make_session(dbs, factories.make_event(dbs, slug="third"))

    for path in (f"/subforums/{ids['other_forum']}/seats", f"/sessions/{other_session.id}/seats"):
        response = client.post(EVENT + path, json={}, headers=participant_headers)

        assert response.status_code == 404, path
    assert seats_table(dbs) == []


# (method, path under the event, body, field, words) for organizers
BAD_ORGANIZER_INPUT = [
    ("POST", "/registration-questions", {"label_en": "Meal"}, "kind", "Missing data"),
    ("POST", "/registration-questions", {"kind": "essay", "label_en": "Q"}, "kind",
     "Must be one of"),
    ("POST", "/registration-questions", {"kind": "text"}, "label_en",
     "A text for the question is required"),
    ("POST", "/registration-questions", {"kind": "choice", "label_en": "Meal",
                                         "options": [{"en": "Any"}]},
     "options", "at least two options"),
    ("POST", "/registration-questions", {"kind": "text", "label_en": "Q",
                                         "options": [{"en": "Any"}, {"en": "Fish"}]},
     "options", "Only choice questions have options."),
    ("POST", "/registration-questions", {"kind": "choice", "label_en": "Q",
                                         "options": [{"fr": "Tout"}]},
     "options.0.fr", "Unknown field"),
    ("POST", "/registration-questions", {"kind": "text", "label_en": "Q", "required": "yes"},
     "required", "Not a valid boolean"),
    ("POST", "/registration-questions", {"kind": "text", "label_en": "x" * 301}, "label_en",
     "Longer than maximum"),
    ("POST", "/registration-questions", {"kind": "text", "label_en": "Q", "position": -1},
     "position", "greater than or equal to 0"),
    ("PATCH", "/registration-questions/{choice}", {"options": [{"en": "Any"}, {"en": "Veg"}]},
     "options", "cannot be removed"),
    ("PATCH", "/registration-questions/{choice}", {"options": [{"en": "Any"}]},
     "options", "at least two options"),
    ("PATCH", "/registration-questions/{choice}", {"kind": None}, "kind", "may not be null"),
    ("PATCH", "/registration-questions/{choice}", {"event_id": 2}, "event_id",
     "Unknown field"),
    ("POST", "/registrations/{registration}/reject", {"note": "x" * 2001}, "note",
     "Longer than maximum"),
    ("POST", "/registrations/{registration}/reject", {"reason": "full"}, "reason",
     "Unknown field"),
    ("GET", "/registrations?status=maybe", None, "status", "Must be one of"),
    ("GET", "/registrations?subforum_id=A", None, "subforum_id", "Not a valid integer"),
]


@pytest.mark.parametrize("method, path, body, field, words", BAD_ORGANIZER_INPUT,
                         ids=[f"{m} {p} {f}" for m, p, _, f, _ in BAD_ORGANIZER_INPUT])
def test_bad_organizer_input_names_the_field(client, dbs, form, organizer_headers,
                                             participant_headers, register,
                                             method, path, body, field, words):
    ids, valid = form
    ids = ids | {"registration": register(participant_headers, **valid)["id"]}

    response = client.open(EVENT + path.format(**ids), method=method, json=body,
                           headers=organizer_headers)

    assert response.status_code == 422, response.get_json()
    assert response.mimetype == PROBLEM
    errors = response.get_json()["errors"]
    assert field in errors, errors
    assert words in errors[field]
