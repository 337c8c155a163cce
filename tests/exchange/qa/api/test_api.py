"""The questions API: reading, asking, voting and moderating, with who may call what."""

from __future__ import annotations

import re

import pytest

from lmevents.api.schemas import FILLED_TEXT_PATTERN
from lmevents.exchange.qa.services import hide_question
from tests.exchange.qa.conftest import EVENT, add_votes, ask, end_session, question_rows, vote_rows
from tests.probes import PROBLEM


def questions_url(presentation_id) -> str:
    return f"{EVENT}/exchange/presentations/{presentation_id}/questions"


def question_url(question_id, action) -> str:
    return f"{EVENT}/exchange/questions/{question_id}/{action}"


@pytest.fixture
def board(dbs, exchange, people):
    """Two visible questions (the popular one has two votes) and a hidden one."""
    plain = ask(dbs, exchange.presentation, people.participant, "Plain question")
    popular = ask(dbs, exchange.presentation, people.other, "Popular question")
    abuse = ask(dbs, exchange.presentation, people.other, "Abusive question")
    add_votes(dbs, popular, [people.participant, people.organizer])
    hide_question(dbs, abuse, people.organizer)
    dbs.commit()
    return {"plain": plain.id, "popular": popular.id, "abuse": abuse.id}


# Reading


def test_the_public_reads_visible_questions_by_votes(client, exchange, board):
    response = client.get(questions_url(exchange.presentation.id))

    assert response.status_code == 200
    body = response.get_json()
    assert [(q["text"], q["votes"]) for q in body] == [
        ("Popular question", 2), ("Plain question", 0)]
    first = body[0]
    assert {k: first[k] for k in ("hidden", "voted", "mine", "answered", "author",
                                  "answered_at", "timezone")} == {
        "hidden": False, "voted": False, "mine": False, "answered": False, "author": None,
        "answered_at": None, "timezone": "Asia/Shanghai"}
    assert first["created_at"].endswith("+08:00")
    assert first["presentation_id"] == exchange.presentation.id
    assert "Abusive" not in response.get_data(as_text=True)


def test_times_come_in_the_asked_zone(client, exchange, board):
    body = client.get(questions_url(exchange.presentation.id) + "?tz=Asia/Bangkok").get_json()

    assert body[0]["created_at"].endswith("+07:00")
    assert body[0]["timezone"] == "Asia/Bangkok"


def test_a_bad_zone_is_a_422_naming_it(client, exchange, board):
    response = client.get(questions_url(exchange.presentation.id) + "?tz=Mars/Olympus")

    assert response.status_code == 422 and response.mimetype == PROBLEM
    assert "tz" in response.get_json()["errors"]


def test_with_a_token_a_participant_sees_their_votes_and_questions(
    client, exchange, people, board, headers
):
    body = client.get(questions_url(exchange.presentation.id),
                      headers=headers(people.participant)).get_json()

    assert [(q["text"], q["voted"], q["mine"]) for q in body] == [
        ("Popular question", True, False), ("Plain question", False, True)]


@pytest.mark.parametrize("who", ["organizer", "session_moderator"])
def test_moderators_see_hidden_questions_flagged_and_who_asked(
    client, exchange, people, board, headers, session_moderator, who
):
    viewer = session_moderator if who == "session_moderator" else people.organizer
    body = client.get(questions_url(exchange.presentation.id), headers=headers(viewer)).get_json()

    assert [(q["text"], q["hidden"]) for q in body] == [
        ("Popular question", False), ("Plain question", False), ("Abusive question", True)]
    assert body[1]["author"] == {"name": "Somchai P.",
                                 "organization": "Ministry of Natural Resources"}


@pytest.mark.parametrize("who", [None, "participant", "other", "stranger", "outsider"])
def test_hidden_questions_reach_no_one_else(client, exchange, people, board, headers, who):
    header = headers(getattr(people, who)) if who else {}

    listing = client.get(questions_url(exchange.presentation.id), headers=header)
    vote = client.post(question_url(board["abuse"], "vote"), headers=header)

    assert "Abusive" not in listing.get_data(as_text=True)
    assert len(listing.get_json()) == 2
    assert vote.status_code == (401 if who is None else 404)
    assert "Abusive" not in vote.get_data(as_text=True)


def test_questions_of_an_unknown_or_other_events_presentation_are_404(client, exchange, board):
    for presentation_id in (exchange.other_presentation.id, 999_999):
        response = client.get(questions_url(presentation_id))
        assert response.status_code == 404 and response.mimetype == PROBLEM


# Asking


def test_a_participant_asks_and_gets_the_question(client, exchange, people, headers):
    response = client.post(questions_url(exchange.presentation.id),
                           json={"text": "  What does a plant cost?  "},
                           headers=headers(people.participant))

    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert (body["text"], body["votes"], body["mine"], body["hidden"]) == (
        "What does a plant cost?", 0, True, False)
    assert body["created_at"].endswith("+08:00")


@pytest.mark.parametrize("body, field, message", [
    ({}, "text", "Missing data for required field."),
    ({"text": None}, "text", "Field may not be null."),
    ({"text": 12}, "text", "Not a valid string."),
    ({"text": ""}, "text", "Write your question."),
    ({"text": "  "}, "text", "Write your question."),
    ({"text": "x" * 1001}, "text", "Longer than maximum length 1000."),
    ({"text": "a\x00b"}, "text", "NUL characters are not allowed."),
    ({"text": "Fine", "author_id": 3}, "author_id", "Unknown field."),
])
def test_bad_questions_are_refused_naming_the_field(client, dbs, exchange, people, headers,
                                                    body, field, message):
    response = client.post(questions_url(exchange.presentation.id), json=body,
                           headers=headers(people.participant))

    assert response.status_code == 422 and response.mimetype == PROBLEM
    assert response.get_json()["errors"] == {field: message}
    assert question_rows(dbs) == []


# Blanks as str.strip() knows them, alone or around a question; U+FEFF and U+200B, which it
# keeps (ECMA-262's \s takes U+FEFF: the document's pattern spells its blanks out); a control
# character.
TEXTS = [" \t\r\n", "\u00a0\u1680\u2000\u200a", "\u2028\u2029\u202f\u205f\u3000",
         "\ufeff", "\u200b", "\u3000Why?\n", "a\x85b"]


@pytest.mark.parametrize("text", TEXTS, ids=ascii)
def test_the_documents_pattern_takes_the_texts_the_api_takes(client, exchange, people, headers,
                                                             text):
    jsonschema_rs = pytest.importorskip("jsonschema_rs")
    spec = client.get("/api/v1/openapi.json").get_json()
    documented = jsonschema_rs.validator_for(
        spec["components"]["schemas"]["ExchangeQuestionInput"]["properties"]["text"])

    response = client.post(questions_url(exchange.presentation.id), json={"text": text},
                           headers=headers(people.participant))

    assert response.status_code in (201, 422), response.get_json()
    assert documented.is_valid(text) == (response.status_code == 201)
    assert (re.fullmatch(FILLED_TEXT_PATTERN, text) is not None) == (
        response.status_code == 201)


def test_a_question_after_the_session_is_a_409_saying_why(client, dbs, exchange, people,
                                                          headers):
    end_session(dbs, exchange.session)

    response = client.post(questions_url(exchange.presentation.id), json={"text": "Late"},
                           headers=headers(people.participant))

    assert response.status_code == 409 and response.mimetype == PROBLEM
    assert "The exchange session ended at" in response.get_json()["errors"]["session"]
    assert question_rows(dbs) == []


# Voting


def test_a_vote_counts_once_and_can_be_taken_back(client, dbs, exchange, people, board,
                                                  headers):
    header = headers(people.other)
    first = client.post(question_url(board["plain"], "vote"), headers=header)
    again = client.post(question_url(board["plain"], "vote"), headers=header)

    assert (first.status_code, again.status_code) == (201, 200)
    assert (again.get_json()["votes"], again.get_json()["voted"]) == (1, True)
    assert (board["plain"], people.other.id) in vote_rows(dbs)

    taken_back = client.delete(question_url(board["plain"], "vote"), headers=header)
    nothing_left = client.delete(question_url(board["plain"], "vote"), headers=header)

    assert (taken_back.status_code, nothing_left.status_code) == (204, 204)
    assert (board["plain"], people.other.id) not in vote_rows(dbs)


def test_voting_for_ones_own_question_is_a_409(client, dbs, exchange, people, board, headers):
    before = vote_rows(dbs)

    response = client.post(question_url(board["plain"], "vote"),
                           headers=headers(people.participant))

    assert response.status_code == 409
    assert "You asked this question" in response.get_json()["errors"]["question_id"]
    assert vote_rows(dbs) == before


def test_votes_after_the_session_are_a_409(client, dbs, exchange, people, board, headers):
    end_session(dbs, exchange.session)

    response = client.post(question_url(board["plain"], "vote"), headers=headers(people.other))

    assert response.status_code == 409
    assert "session" in response.get_json()["errors"]


# Moderating


def test_an_organizer_marks_answered_hides_and_shows_again(client, dbs, exchange, people, board,
                                                           headers):
    header = headers(people.organizer)

    answered = client.post(question_url(board["plain"], "answered"), headers=header)
    hidden = client.post(question_url(board["plain"], "hide"), headers=header)

    assert answered.status_code == 200 and answered.get_json()["answered"] is True
    assert answered.get_json()["answered_at"].endswith("+08:00")
    assert hidden.status_code == 200 and hidden.get_json()["hidden"] is True
    public = client.get(questions_url(exchange.presentation.id)).get_json()
    assert [q["text"] for q in public] == ["Popular question"]

    shown = client.post(question_url(board["plain"], "unhide"), headers=header)

    assert shown.status_code == 200 and shown.get_json()["hidden"] is False
    assert len(client.get(questions_url(exchange.presentation.id)).get_json()) == 2


def test_the_sessions_moderator_moderates_through_the_api(client, dbs, board, headers,
                                                          session_moderator):
    response = client.post(question_url(board["abuse"], "unhide"),
                           headers=headers(session_moderator))

    assert response.status_code == 200 and response.get_json()["hidden"] is False


# Who may call what


PARTICIPANT_CALLS = [
    ("POST", "questions", {"text": "Is the membrane imported?"}, 201),
    ("POST", "vote", None, 201),
    ("DELETE", "vote", None, 204),
]
MODERATOR_CALLS = [
    ("POST", "answered", None, 200),
    ("POST", "hide", None, 200),
    ("POST", "unhide", None, 200),
]
CALLS = PARTICIPANT_CALLS + MODERATOR_CALLS


def send(client, exchange, board, method, action, body, header, *, question=None,
         presentation=None):
    if action == "questions":
        url = questions_url(presentation or exchange.presentation.id)
    else:
        url = question_url(question or board["popular"], action)
    return client.open(url, method=method, json=body, headers=header)


def state(dbs):
    return question_rows(dbs), vote_rows(dbs)


@pytest.mark.parametrize("method, action, body, _", CALLS)
def test_anonymous_callers_get_401_and_change_nothing(client, dbs, exchange, board,
                                                      method, action, body, _):
    before = state(dbs)

    response = send(client, exchange, board, method, action, body, {})

    assert response.status_code == 401 and response.mimetype == PROBLEM
    assert state(dbs) == before


@pytest.mark.parametrize("who", ["stranger", "pending", "outsider"])
@pytest.mark.parametrize("method, action, body, _", CALLS)
def test_people_not_taking_part_get_403_and_change_nothing(
    client, dbs, exchange, people, board, headers, who, method, action, body, _
):
    before = state(dbs)

    response = send(client, exchange, board, method, action, body,
                    headers(getattr(people, who)))

    assert response.status_code == 403 and response.mimetype == PROBLEM
    field = "moderator" if action in {a for _, a, _, _ in MODERATOR_CALLS} else "registration"
    assert field in response.get_json()["errors"]
    assert state(dbs) == before


@pytest.mark.parametrize("method, action, body, status", PARTICIPANT_CALLS)
def test_participants_ask_and_vote(client, dbs, exchange, people, board, headers,
                                   method, action, body, status):
    header = headers(people.other)
    if method == "DELETE":
        client.post(question_url(board["plain"], "vote"), headers=header)

    response = send(client, exchange, board, method, action, body, header,
                    question=board["plain"])

    assert response.status_code == status, response.get_json()


@pytest.mark.parametrize("method, action, body, _", MODERATOR_CALLS)
def test_participants_do_not_moderate(client, dbs, exchange, people, board, headers,
                                      method, action, body, _):
    before = state(dbs)

    response = send(client, exchange, board, method, action, body, headers(people.participant))

    assert response.status_code == 403
    assert "moderator" in response.get_json()["errors"]
    assert state(dbs) == before


@pytest.mark.parametrize("method, action, body, status", MODERATOR_CALLS)
def test_organizers_moderate(client, exchange, people, board, headers, method, action, body,
                             status):
    response = send(client, exchange, board, method, action, body, headers(people.organizer),
                    question=board["abuse"] if action == "unhide" else None)

    assert response.status_code == status, response.get_json()


@pytest.mark.parametrize("method, action, body, _", PARTICIPANT_CALLS)
def test_organizers_who_did_not_register_do_not_ask_or_vote(
    client, dbs, exchange, people, board, headers, method, action, body, _
):
    before = state(dbs)

    response = send(client, exchange, board, method, action, body, headers(people.organizer))

    assert response.status_code == 403
    assert state(dbs) == before


@pytest.mark.parametrize("method, action, body, _", CALLS)
def test_another_events_ids_are_404_here(client, dbs, exchange, people, board, headers,
                                         method, action, body, _):
    from tests import factories

    factories.make_registration(dbs, exchange.other_event, people.other)
    elsewhere = ask(dbs, exchange.other_presentation, people.other, "Elsewhere")
    before = state(dbs)

    response = send(client, exchange, board, method, action, body, headers(people.organizer),
                    question=elsewhere.id, presentation=exchange.other_presentation.id)

    assert response.status_code == 404 and response.mimetype == PROBLEM
    assert state(dbs) == before


def test_the_token_is_checked_before_the_body(client, exchange):
    response = client.post(questions_url(exchange.presentation.id), data="not json",
                           content_type="text/plain")

    assert response.status_code == 401


# The document


def test_every_call_is_documented_with_its_answers(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    paths = spec["paths"]
    questions = paths["/api/v1/events/{slug}/exchange/presentations/{presentation_id}/questions"]
    question = "/api/v1/events/{slug}/exchange/questions/{question_id}"

    assert "security" not in questions["get"]
    assert questions["get"]["responses"]["200"]["content"]["application/json"]["schema"] == {
        "type": "array", "items": {"$ref": "#/components/schemas/ExchangeQuestion"}}
    assert questions["post"]["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ExchangeQuestionInput"}
    writes = [questions["post"], paths[question + "/vote"]["post"],
              paths[question + "/vote"]["delete"], paths[question + "/answered"]["post"],
              paths[question + "/hide"]["post"], paths[question + "/unhide"]["post"]]
    for operation in writes:
        assert operation["security"] == [{"bearerAuth": []}]
        assert {"401", "403", "404", "default"} <= set(operation["responses"])
    assert {"201", "200"} <= set(paths[question + "/vote"]["post"]["responses"])
    author = spec["components"]["schemas"]["ExchangeQuestion"]["properties"]["author"]
    assert "moderators only" in author["description"]
