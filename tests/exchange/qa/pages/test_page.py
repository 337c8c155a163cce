"""The presentation's page: what it shows to whom, asking and voting from it, moderation."""

from __future__ import annotations

import re

import pytest

from lmevents.exchange.qa.services import hide_question
from lmevents.speakers.models import EventSpeaker, InvitationState
from tests import factories
from tests.exchange.qa.conftest import (
    PAGE,
    add_votes,
    ask,
    end_session,
    question_rows,
    vote_rows,
)
from tests.probes import form_fields, text


def page_url(exchange) -> str:
    return f"{PAGE}/presentations/{exchange.presentation.id}"


def ask_url(exchange) -> str:
    return page_url(exchange) + "/questions"


def button_url(question_id, action) -> str:
    return f"{PAGE}/questions/{question_id}/{action}"


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


# What the page shows


def test_the_page_shows_the_presentation_its_topic_and_time_with_the_zone(client, exchange):
    response = client.get(page_url(exchange) + "?lang=en")

    page = text(response)
    assert response.status_code == 200
    for shown in ("Treating industrial wastewater in river basins", "Everbright Environment",
                  "Wang Lihua", "Chief engineer", "China", "Water-pollution treatment",
                  "Membrane bioreactors for parks along the Mekong.",
                  "Online technical exchange", "14:00–16:00 China Standard Time (UTC+08:00)"):
        assert shown in page, shown
    assert "wang.private@speaker.example.net" not in page
    assert "exchange-secret" not in page
    assert 'href="/events/test-event/exchange"' in page


def test_tz_and_lang_are_honoured(client, exchange):
    page = text(client.get(page_url(exchange) + "?tz=Asia/Bangkok&lang=zh"))

    assert "13:00–15:00 中南半岛时间（UTC+07:00） · 14:00–16:00 中国标准时间" in page
    for shown in ("流域工业废水处理", "光大环境", "王丽华", "水污染治理",
                  "湄公河沿岸园区的膜生物反应器。"):
        assert shown in page, shown


def test_a_presenter_whose_invitation_is_not_confirmed_is_not_named(client, dbs, exchange):
    dbs.add(EventSpeaker(event_id=exchange.event.id, speaker_id=exchange.presentation.presenter_id,
                         state=InvitationState.INVITED))
    dbs.commit()

    page = text(client.get(page_url(exchange)))

    assert "Wang Lihua" not in page


def test_a_presentation_of_another_event_or_unknown_is_404(client, exchange):
    for presentation_id in (exchange.other_presentation.id, 999_999):
        assert client.get(f"{PAGE}/presentations/{presentation_id}").status_code == 404


def test_questions_are_listed_by_votes_with_their_counts(client, exchange, board):
    page = text(client.get(page_url(exchange)))

    assert page.index("Popular question") < page.index("Plain question")
    assert "2 votes" in page and "0 votes" in page
    assert "Abusive" not in page


def test_anonymous_visitors_are_asked_to_sign_in(client, exchange, board):
    page = text(client.get(page_url(exchange)))

    assert "/auth/login?next=" in page
    assert "<textarea" not in page
    assert "/vote" not in page
    assert "/meetings/new" not in page


@pytest.mark.parametrize("who, says", [
    ("stranger", "Register for the event"),
    ("outsider", "Register for the event"),
    ("pending", "Your registration is awaiting approval"),
])
def test_people_not_taking_part_see_why_they_cannot_ask(client, exchange, people, board,
                                                        sign_in, who, says):
    sign_in(getattr(people, who))

    page = text(client.get(page_url(exchange)))

    assert says in page
    assert "<textarea" not in page and "/vote" not in page and "/hide" not in page
    assert "/meetings/new" not in page


def test_a_participant_sees_the_form_vote_buttons_and_the_meeting_link(
    client, exchange, people, board, sign_in
):
    sign_in(people.participant)

    page = text(client.get(page_url(exchange)))

    assert "<textarea" in page
    assert button_url(board["popular"], "unvote") in page  # already voted for it
    assert button_url(board["plain"], "vote") not in page  # their own
    assert "Your question" in page
    assert f'href="/events/test-event/exchange/meetings/new?presentation=' \
           f'{exchange.presentation.id}"' in page
    assert "Abusive" not in page and "/hide" not in page
    assert "Somchai P." not in page  # who asked is for moderators


def test_the_enterprises_own_contact_is_not_offered_a_meeting_with_itself(
    client, dbs, exchange, people, sign_in
):
    exchange.presentation.contact_user_id = people.participant.id
    dbs.commit()
    sign_in(people.participant)

    assert "/meetings/new" not in text(client.get(page_url(exchange)))


@pytest.mark.parametrize("who", ["organizer", "session_moderator"])
def test_moderators_see_hidden_questions_who_asked_and_the_buttons(
    client, exchange, people, board, sign_in, session_moderator, who
):
    sign_in(session_moderator if who == "session_moderator" else people.organizer)

    page = text(client.get(page_url(exchange)))

    assert "Moderation view" in page
    assert "Abusive question" in page and "Hidden" in page
    assert "Somchai P." in page and "Ministry of Natural Resources" in page
    for action, question in (("answered", "plain"), ("hide", "plain"), ("unhide", "abuse")):
        assert button_url(board[question], action) in page
    assert button_url(board["abuse"], "hide") not in page


def test_after_the_session_the_page_says_questions_are_closed(client, dbs, exchange, people,
                                                               board, sign_in):
    end_session(dbs, exchange.session)
    sign_in(people.other)

    page = text(client.get(page_url(exchange)))

    assert "The session has ended: it takes no more questions or votes." in page
    assert "<textarea" not in page and "/vote" not in page


# Asking from the page


def test_a_participant_asks_from_the_page(client, dbs, exchange, people, sign_in):
    sign_in(people.participant)

    response = client.post(ask_url(exchange), data={"text": "  Are spare parts local?  "})

    (row,) = question_rows(dbs)
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"#question-{row.id}")
    assert row.text == "Are spare parts local?"
    page = text(client.get(page_url(exchange)))
    assert "Your question is posted." in page and "Are spare parts local?" in page


@pytest.mark.parametrize("sent, message", [
    ("", "Write your question."),
    ("   ", "Write your question."),
    ("x" * 1001, "A question is at most 1000 characters."),
])
def test_bad_questions_are_refused_on_the_field(client, dbs, exchange, people, sign_in,
                                                sent, message):
    sign_in(people.participant)

    response = client.post(ask_url(exchange), data={"text": sent})

    assert response.status_code == 422
    assert re.search(r'<div class="field-error" id="text-error">' + re.escape(message),
                     text(response))
    assert question_rows(dbs) == []


def test_a_question_after_the_session_is_refused_saying_why(client, dbs, exchange, people,
                                                            sign_in):
    end_session(dbs, exchange.session)
    sign_in(people.participant)

    response = client.post(ask_url(exchange), data={"text": "Too late?"})

    assert response.status_code == 409
    assert "The exchange session ended at" in text(response)
    assert question_rows(dbs) == []


# Buttons


def test_a_participant_votes_once_and_takes_the_vote_back(client, dbs, exchange, people, board,
                                                          sign_in):
    sign_in(people.other)

    first = client.post(button_url(board["plain"], "vote"))
    again = client.post(button_url(board["plain"], "vote"))

    assert (first.status_code, again.status_code) == (303, 303)
    assert first.headers["Location"].endswith(f"#question-{board['plain']}")
    assert vote_rows(dbs).count((board["plain"], people.other.id)) == 1
    assert "Your vote is counted." in text(client.get(page_url(exchange)))

    client.post(button_url(board["plain"], "unvote"))

    assert (board["plain"], people.other.id) not in vote_rows(dbs)


def test_voting_for_ones_own_question_is_refused_on_the_page(client, dbs, exchange, people,
                                                             board, sign_in):
    sign_in(people.participant)
    before = vote_rows(dbs)

    response = client.post(button_url(board["plain"], "vote"), follow_redirects=True)

    assert "You asked this question" in text(response)
    assert vote_rows(dbs) == before


def test_hidden_or_other_events_questions_are_404_for_participants(client, dbs, exchange,
                                                                   people, board, sign_in):
    factories.make_registration(dbs, exchange.other_event, people.other)
    elsewhere = ask(dbs, exchange.other_presentation, people.other, "Elsewhere")
    sign_in(people.participant)

    for question_id in (board["abuse"], elsewhere.id):
        response = client.post(button_url(question_id, "vote"))
        assert response.status_code == 404
        assert "Abusive" not in text(response)


def test_an_organizer_moderates_from_the_page(client, dbs, exchange, people, board, sign_in):
    sign_in(people.organizer)

    client.post(button_url(board["plain"], "answered"))
    client.post(button_url(board["popular"], "hide"))
    client.post(button_url(board["abuse"], "unhide"))

    rows = {row.id: row for row in question_rows(dbs)}
    assert rows[board["plain"]].answered_at is not None
    assert rows[board["popular"]].hidden_at is not None
    assert rows[board["abuse"]].hidden_at is None


# Who may do what: every route, every kind of caller

ACTIONS = ["ask", "vote", "unvote", "answered", "hide", "unhide"]
# The answer each caller gets; 303 is done, and back to the page.
EXPECTED = {
    None: dict.fromkeys(ACTIONS, 302),
    "stranger": dict.fromkeys(ACTIONS, 403),
    "pending": dict.fromkeys(ACTIONS, 403),
    "outsider": dict.fromkeys(ACTIONS, 403),
    "participant": {"ask": 303, "vote": 303, "unvote": 303,
                    "answered": 403, "hide": 403, "unhide": 403},
    "organizer": {"ask": 403, "vote": 403, "unvote": 403,
                  "answered": 303, "hide": 303, "unhide": 303},
}


def post_action(client, exchange, board, action):
    if action == "ask":
        return client.post(ask_url(exchange), data={"text": "Who maintains the plant?"})
    return client.post(button_url(board["popular"], action))


@pytest.mark.parametrize("who", list(EXPECTED))
@pytest.mark.parametrize("action", ACTIONS)
def test_each_route_answers_each_caller(client, dbs, exchange, people, board, sign_in, who,
                                        action):
    sign_in(getattr(people, who) if who else None)
    before = question_rows(dbs), vote_rows(dbs)

    response = post_action(client, exchange, board, action)

    assert response.status_code == EXPECTED[who][action], text(response)
    if response.status_code == 302:
        assert "/auth/login" in response.headers["Location"]
    if response.status_code in (302, 403):
        assert (question_rows(dbs), vote_rows(dbs)) == before
    assert client.get(page_url(exchange)).status_code == 200


def test_refusals_for_non_participants_say_why(client, dbs, exchange, people, sign_in):
    sign_in(people.stranger)

    response = client.post(ask_url(exchange), data={"text": "May I?"})

    assert response.status_code == 403
    assert "Only the event&#39;s confirmed participants may ask questions" in text(response)


# CSRF


@pytest.fixture
def guarded(csrf_client, people):
    """Signs a user in on an app that checks CSRF tokens, as in production."""
    return lambda user: csrf_client(user.email)


def test_asking_without_the_forms_token_is_refused(guarded, dbs, exchange, people):
    client = guarded(people.participant)

    response = client.post(ask_url(exchange), data={"text": "Forged?"})

    assert response.status_code == 400
    assert question_rows(dbs) == []


def test_asking_with_the_forms_token_is_accepted(guarded, dbs, exchange, people):
    client = guarded(people.participant)
    sent = form_fields(text(client.get(page_url(exchange))))
    sent["text"] = "With a token"

    response = client.post(ask_url(exchange), data=sent)

    assert response.status_code == 303
    assert [row.text for row in question_rows(dbs)] == ["With a token"]


@pytest.mark.parametrize("action, who", [
    ("vote", "other"), ("unvote", "participant"), ("answered", "organizer"),
    ("hide", "organizer"), ("unhide", "organizer"),
])
def test_buttons_without_the_token_change_nothing(guarded, dbs, exchange, people, board,
                                                  action, who):
    client = guarded(getattr(people, who))
    question = board["abuse"] if action == "unhide" else board["popular"]
    before = question_rows(dbs), vote_rows(dbs)

    response = client.post(button_url(question, action))

    assert response.status_code == 400
    assert (question_rows(dbs), vote_rows(dbs)) == before


def test_buttons_carry_the_token(guarded, dbs, exchange, people, board):
    client = guarded(people.other)
    page = text(client.get(page_url(exchange)))
    token = re.search(r'type="hidden" name="csrf_token" value="([^"]+)"', page).group(1)

    response = client.post(button_url(board["plain"], "vote"), data={"csrf_token": token})

    assert response.status_code == 303
    assert (board["plain"], people.other.id) in vote_rows(dbs)


# Cost


@pytest.mark.parametrize("who", [None, "participant", "organizer"])
def test_the_page_costs_the_same_queries_for_3_and_30_questions(
    client, dbs, exchange, people, sign_in, count_queries, who
):
    sign_in(getattr(people, who) if who else None)
    voters = [factories.make_user(dbs, f"v{i}@example.org") for i in range(3)]

    def cost(n):
        for i in range(n - len(question_rows(dbs))):
            question = ask(dbs, exchange.presentation, people.other, f"Q{i}")
            add_votes(dbs, question, voters)
            if i % 3 == 0:
                hide_question(dbs, question, people.organizer)
                dbs.commit()
        dbs.expire_all()
        with count_queries() as counter:
            response = client.get(page_url(exchange))
        assert response.status_code == 200
        return counter.count

    assert cost(3) == cost(30)
