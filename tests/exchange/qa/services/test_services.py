"""The rules of questions and votes, through the services."""

from __future__ import annotations

from datetime import timedelta

import pytest

from lmevents.agenda.models import SessionStatus
from lmevents.errors import Conflict, Forbidden, Invalid, NotFound
from lmevents.exchange.qa.services import (
    get_question,
    hide_question,
    mark_answered,
    may_moderate,
    question_line,
    questions_for,
    unhide_question,
    unvote,
    visible_question_counts,
    vote,
)
from lmevents.speakers.models import EventSpeaker, InvitationState
from tests import factories
from tests.exchange.qa.conftest import (
    add_votes,
    ask,
    end_session,
    question_rows,
    vote_count,
    vote_rows,
)

# Asking


def test_a_participant_asks_a_question_before_the_session(dbs, exchange, people):
    question = ask(dbs, exchange.presentation, people.participant,
                   "  Which membranes last longest in warm water?  ")

    assert question_rows(dbs) == [(question.id, "Which membranes last longest in warm water?",
                                   None, None)]
    assert question.author_id == people.participant.id


def test_a_participant_asks_during_the_session(dbs, exchange, people):
    during = exchange.session.starts_at + timedelta(minutes=30)

    ask(dbs, exchange.presentation, people.participant, now=during)

    assert len(question_rows(dbs)) == 1


@pytest.mark.parametrize("who", ["stranger", "pending", "outsider", "organizer"])
def test_only_confirmed_participants_of_the_event_ask(dbs, exchange, people, who):
    with pytest.raises(Forbidden) as refusal:
        ask(dbs, exchange.presentation, getattr(people, who))

    assert refusal.value.field == "registration"
    assert "Only the event's confirmed participants may ask questions" in refusal.value.message
    assert question_rows(dbs) == []


def test_nobody_signed_in_cannot_ask(dbs, exchange, people):
    with pytest.raises(Forbidden):
        ask(dbs, exchange.presentation, None)


@pytest.mark.parametrize("text, message", [
    ("", "Write your question."),
    ("   \n ", "Write your question."),
    (None, "Write your question."),
    ("x" * 1001, "A question is at most 1000 characters (this one has 1001)."),
    ("bad\x00byte", "NUL characters are not allowed."),
])
def test_bad_question_text_is_refused_naming_the_field(dbs, exchange, people, text, message):
    with pytest.raises(Invalid) as refusal:
        ask(dbs, exchange.presentation, people.participant, text)

    assert (refusal.value.field, refusal.value.message) == ("text", message)
    assert question_rows(dbs) == []


def test_a_question_of_exactly_1000_characters_is_taken(dbs, exchange, people):
    ask(dbs, exchange.presentation, people.participant, "y" * 1000)

    assert question_rows(dbs)[0].text == "y" * 1000


def test_no_question_once_the_session_has_ended(dbs, exchange, people):
    end_session(dbs, exchange.session)

    with pytest.raises(Conflict) as refusal:
        ask(dbs, exchange.presentation, people.participant)

    assert refusal.value.field == "session"
    assert "The exchange session ended at" in refusal.value.message
    assert "(Asia/Shanghai): it takes no more questions or votes" in refusal.value.message
    assert question_rows(dbs) == []


def test_the_end_of_the_session_is_the_last_moment(dbs, exchange, people):
    with pytest.raises(Conflict):
        ask(dbs, exchange.presentation, people.participant, now=exchange.session.ends_at)
    ask(dbs, exchange.presentation, people.participant,
        now=exchange.session.ends_at - timedelta(seconds=1))

    assert len(question_rows(dbs)) == 1


def test_no_question_to_a_cancelled_session(dbs, exchange, people):
    exchange.session.status = SessionStatus.CANCELLED
    dbs.commit()

    with pytest.raises(Conflict, match="The exchange session is cancelled"):
        ask(dbs, exchange.presentation, people.participant)


# Voting


@pytest.fixture
def question(dbs, exchange, people):
    """The other participant's question, which the participant may vote for."""
    return ask(dbs, exchange.presentation, people.other)


def test_a_participant_votes_once_and_a_second_vote_changes_nothing(dbs, question, people):
    first = vote(dbs, question, people.participant)
    dbs.commit()
    second = vote(dbs, question, people.participant)
    dbs.commit()

    assert (first.created, second.created) == (True, False)
    assert vote_rows(dbs) == [(question.id, people.participant.id)]


def test_votes_of_different_participants_add_up(dbs, exchange, question, people):
    for voter in (people.participant, factories.make_user(dbs, "third@example.org")):
        if voter is not people.participant:
            factories.make_registration(dbs, exchange.event, voter)
        vote(dbs, question, voter)
        dbs.commit()

    assert vote_count(dbs, question) == 2


def test_one_cannot_vote_for_ones_own_question(dbs, question, people):
    with pytest.raises(Conflict) as refusal:
        vote(dbs, question, people.other)

    assert refusal.value.field == "question_id"
    assert "You asked this question" in refusal.value.message
    assert vote_rows(dbs) == []


@pytest.mark.parametrize("who", ["stranger", "pending", "outsider", "organizer"])
def test_only_participants_of_the_event_vote(dbs, question, people, who):
    with pytest.raises(Forbidden) as refusal:
        vote(dbs, question, getattr(people, who))

    assert refusal.value.field == "registration"
    assert vote_rows(dbs) == []


def test_a_hidden_question_takes_no_votes(dbs, question, people):
    hide_question(dbs, question, people.organizer)
    dbs.commit()

    with pytest.raises(Conflict, match="This question is hidden"):
        vote(dbs, question, people.participant)
    assert vote_rows(dbs) == []


def test_no_votes_once_the_session_has_ended(dbs, exchange, question, people):
    end_session(dbs, exchange.session)

    with pytest.raises(Conflict, match="The exchange session ended"):
        vote(dbs, question, people.participant)
    with pytest.raises(Conflict, match="The exchange session ended"):
        unvote(dbs, question, people.participant)


def test_a_participant_takes_back_a_vote(dbs, question, people):
    add_votes(dbs, question, [people.participant])

    assert unvote(dbs, question, people.participant) is True
    dbs.commit()
    assert unvote(dbs, question, people.participant) is False
    assert vote_rows(dbs) == []


def test_taking_back_a_vote_is_for_participants(dbs, question, people):
    with pytest.raises(Forbidden):
        unvote(dbs, question, people.stranger)


# Moderation


@pytest.mark.parametrize("act", [mark_answered, hide_question, unhide_question])
@pytest.mark.parametrize("who", ["participant", "stranger", "outsider"])
def test_only_moderators_moderate(dbs, question, people, act, who):
    with pytest.raises(Forbidden) as refusal:
        act(dbs, question, getattr(people, who))

    assert refusal.value.field == "moderator"
    assert question_rows(dbs)[0][2:] == (None, None)


def test_an_organizer_marks_answered_hides_and_shows_again(dbs, question, people):
    mark_answered(dbs, question, people.organizer)
    hide_question(dbs, question, people.organizer)
    dbs.commit()
    (row,) = question_rows(dbs)
    assert row.answered_at is not None and row.hidden_at is not None
    assert question.hidden_by_id == people.organizer.id

    unhide_question(dbs, question, people.organizer)
    dbs.commit()
    (row,) = question_rows(dbs)
    assert row.answered_at is not None and row.hidden_at is None


def test_marking_answered_twice_keeps_the_first_time(dbs, question, people):
    mark_answered(dbs, question, people.organizer)
    dbs.commit()
    first = question_rows(dbs)[0].answered_at
    mark_answered(dbs, question, people.organizer)
    dbs.commit()

    assert question_rows(dbs)[0].answered_at == first


def test_the_sessions_moderator_moderates_with_a_confirmed_address(
    dbs, exchange, question, session_moderator
):
    assert may_moderate(dbs, exchange.presentation, session_moderator)
    hide_question(dbs, question, session_moderator)
    dbs.commit()

    assert question_rows(dbs)[0].hidden_at is not None


def test_an_unconfirmed_address_does_not_make_a_moderator(dbs, exchange, session_moderator):
    session_moderator.email_confirmed_at = None
    dbs.commit()

    assert not may_moderate(dbs, exchange.presentation, session_moderator)


def test_a_moderator_who_declined_the_invitation_does_not_moderate(
    dbs, exchange, session_moderator
):
    speaker_id = exchange.session.speakers[0].speaker_id
    dbs.add(EventSpeaker(event_id=exchange.event.id, speaker_id=speaker_id,
                         state=InvitationState.DECLINED))
    dbs.commit()

    assert not may_moderate(dbs, exchange.presentation, session_moderator)


def test_a_moderator_of_another_session_does_not_moderate_this_one(
    dbs, exchange, session_moderator
):
    exchange.session.speakers[0].session_id = exchange.other_presentation.topic.session_id
    dbs.commit()

    assert not may_moderate(dbs, exchange.presentation, session_moderator)


def test_a_panelist_of_the_session_does_not_moderate(dbs, exchange, session_moderator):
    exchange.session.speakers[0].role = "panelist"
    dbs.commit()

    assert not may_moderate(dbs, exchange.presentation, session_moderator)


# Reading


def test_questions_come_by_votes_then_oldest_first(dbs, exchange, people):
    voters = [factories.make_user(dbs, f"voter{i}@example.org") for i in range(3)]
    start = exchange.session.starts_at - timedelta(hours=5)
    oldest, middle, newest, popular = (
        ask(dbs, exchange.presentation, people.participant, f"Question {i}",
            now=start + timedelta(minutes=i)) for i in range(4))
    add_votes(dbs, popular, voters)
    add_votes(dbs, middle, voters[:1])

    lines = questions_for(dbs, exchange.presentation, None)

    assert [line.question.text for line in lines] == [
        "Question 3", "Question 1", "Question 0", "Question 2"]
    assert [line.votes for line in lines] == [3, 1, 0, 0]
    assert (oldest.id, newest.id) == (lines[2].question.id, lines[3].question.id)


def test_each_line_says_whether_the_viewer_voted_or_asked(dbs, exchange, question, people):
    mine = ask(dbs, exchange.presentation, people.participant, "Mine")
    add_votes(dbs, question, [people.participant])

    lines = {line.question.id: line for line in
             questions_for(dbs, exchange.presentation, people.participant)}

    assert (lines[question.id].voted, lines[question.id].mine) == (True, False)
    assert (lines[mine.id].voted, lines[mine.id].mine) == (False, True)
    assert question_line(dbs, question, people.other).mine is True


def test_hidden_questions_reach_moderators_only(dbs, exchange, question, people,
                                                session_moderator):
    visible = ask(dbs, exchange.presentation, people.participant, "Visible")
    add_votes(dbs, question, [people.participant])
    hide_question(dbs, question, people.organizer)
    dbs.commit()

    for viewer in (None, people.participant, people.other, people.stranger, people.outsider):
        lines = questions_for(dbs, exchange.presentation, viewer)
        assert [line.question.id for line in lines] == [visible.id]
        with pytest.raises(NotFound):
            get_question(dbs, exchange.event, question.id, viewer)
    for viewer in (people.organizer, session_moderator):
        lines = questions_for(dbs, exchange.presentation, viewer)
        assert [(line.question.id, line.hidden) for line in lines] == [
            (question.id, True), (visible.id, False)]
        assert get_question(dbs, exchange.event, question.id, viewer).id == question.id
    assert visible_question_counts(dbs, exchange.event) == {exchange.presentation.id: 1}


def test_moderators_see_who_asked_as_registered_and_others_do_not(dbs, exchange, people):
    ask(dbs, exchange.presentation, people.participant)

    (seen_by_organizer,) = questions_for(dbs, exchange.presentation, people.organizer)
    (seen_by_other,) = questions_for(dbs, exchange.presentation, people.other)

    assert (seen_by_organizer.author_name, seen_by_organizer.author_organization) == (
        "Somchai P.", "Ministry of Natural Resources")
    assert (seen_by_other.author_name, seen_by_other.author_organization) == (None, None)


def test_a_question_of_another_event_is_not_found_here(dbs, exchange, people):
    factories.make_registration(dbs, exchange.other_event, people.participant)
    elsewhere = ask(dbs, exchange.other_presentation, people.participant)

    with pytest.raises(NotFound):
        get_question(dbs, exchange.event, elsewhere.id, people.organizer)


@pytest.mark.parametrize("viewer", [None, "participant", "organizer"])
def test_reading_questions_costs_the_same_queries_for_3_and_30(
    dbs, exchange, people, count_queries, viewer
):
    viewer = getattr(people, viewer) if viewer else None
    voters = [factories.make_user(dbs, f"v{i}@example.org") for i in range(3)]

    def cost(n):
        for i in range(n - len(question_rows(dbs))):
            add_votes(dbs, ask(dbs, exchange.presentation, people.other, f"Q{i}"), voters)
        dbs.expire_all()
        with count_queries() as counter:
            lines = questions_for(dbs, exchange.presentation, viewer)
            [(line.votes, line.question.text, line.author_name) for line in lines]
        assert len(lines) == n
        return counter.count

    assert cost(3) == cost(30)


@pytest.mark.parametrize("act", [mark_answered, hide_question, unhide_question])
def test_an_organizer_of_another_event_does_not_moderate(dbs, question, act):
    """The organizer role used to be global: any organizer moderated every event."""
    someone = factories.make_user(dbs, "elsewhere-organizer@example.org", role="organizer")
    factories.add_to_team(dbs, factories.make_event(dbs, slug="another-event"), someone)

    with pytest.raises(Forbidden):
        act(dbs, question, someone)
    assert question_rows(dbs)[0][2:] == (None, None)
