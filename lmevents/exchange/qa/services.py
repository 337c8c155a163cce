"""Questions on the exchange's presentations: participants ask and upvote before or during the
session; organizers (and the session's chairs and moderators) mark them answered or hide abuse.

A hidden question exists for its moderators only: every lookup made for anyone else treats it
as unknown, so its text, votes and very existence stay out of pages, counts and the API.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, delete, exists, false, func, null, select
from sqlalchemy.orm import Session as DbSession
from sqlalchemy.orm import contains_eager

from lmevents.agenda.models import Session, SessionSpeaker, SpeakerRole
from lmevents.auth.models import User
from lmevents.core.models import utcnow
from lmevents.core.rows import insert_unless_there
from lmevents.errors import Conflict, Forbidden, Invalid, NotFound
from lmevents.events.models import Event
from lmevents.events.team import organizes
from lmevents.exchange.models import ExchangeTopic, Presentation, Question, QuestionVote
from lmevents.exchange.participation import require_participant
from lmevents.registration.models import Registration
from lmevents.speakers.models import EventSpeaker, InvitationState, Speaker

if TYPE_CHECKING:
    from flask_babel.speaklater import LazyString

MAX_QUESTION = 1000
# The session's people who moderate its questions besides the organizers.
MODERATING_ROLES = (SpeakerRole.CHAIR, SpeakerRole.MODERATOR)


@dataclass(frozen=True)
class QuestionLine:
    """A question as one viewer sees it: its votes, and whether the viewer voted or asked it.
    `author_name` and `author_organization` are filled for moderators only."""

    question: Question
    votes: int
    voted: bool
    mine: bool
    author_name: str | None = None
    author_organization: str | None = None

    @property
    def hidden(self) -> bool:
        return self.question.hidden_at is not None

    @property
    def answered(self) -> bool:
        return self.question.answered_at is not None


@dataclass(frozen=True)
class VoteOutcome:
    question: Question
    created: bool  # False: the voter had already voted, and nothing changed


def _signed_in(user: User | None) -> bool:
    return user is not None and getattr(user, "is_authenticated", True)


def event_of(presentation: Presentation) -> Event:
    return presentation.topic.session.event


# Lookups.

def get_question(dbs: DbSession, event: Event, question_id: int,
                 viewer: User | None) -> Question:
    """A question of the event, as `viewer` may reach it: hidden ones only for moderators."""
    question = dbs.scalar(
        select(Question)
        .join(Question.presentation)
        .join(Presentation.topic)
        .join(ExchangeTopic.session)
        .where(Question.id == question_id, Session.event_id == event.id)
        .options(contains_eager(Question.presentation).contains_eager(Presentation.topic)
                 .contains_eager(ExchangeTopic.session))
    )
    if question is None or (question.hidden_at is not None
                            and not may_moderate(dbs, question.presentation, viewer)):
        raise NotFound(_l("No question %(id)s in this event.", id=question_id),
                       field="question_id")
    return question


# Who moderates, and when questions are taken.

def may_moderate(dbs: DbSession, presentation: Presentation, user: User | None) -> bool:
    """Organizers, and the exchange session's chairs and moderators: the speakers in those
    roles whose registry address is the user's confirmed account address (one query)."""
    if not _signed_in(user):
        return False
    if organizes(dbs, user, presentation.topic.session.event):
        return True
    if user.email_confirmed_at is None:
        # An unconfirmed address proves nothing: anyone may sign up with a speaker's address.
        return False
    session = presentation.topic.session
    not_taking_part = exists().where(
        EventSpeaker.speaker_id == Speaker.id, EventSpeaker.event_id == session.event_id,
        EventSpeaker.state != InvitationState.CONFIRMED,
    )
    return bool(dbs.scalar(select(exists().where(
        SessionSpeaker.session_id == session.id,
        SessionSpeaker.role.in_(MODERATING_ROLES),
        Speaker.id == SessionSpeaker.speaker_id,
        func.lower(Speaker.email) == user.email.lower(),
        ~not_taking_part,
    ))))


def require_moderator(dbs: DbSession, presentation: Presentation, user: User | None) -> None:
    if not may_moderate(dbs, presentation, user):
        raise Forbidden(_l("Only the organizers and the session's chairs and moderators "
                           "moderate questions."), field="moderator")


def closed_reason(presentation: Presentation,
                  now: datetime | None = None) -> LazyString | None:
    """Why the presentation takes no more questions or votes, or None while it does: before
    and during its exchange session."""
    session = presentation.topic.session
    if session.is_cancelled:
        return _l("The exchange session is cancelled: it takes no questions.")
    if (now or utcnow()) >= session.ends_at:
        zone = session.event.timezone
        ended = session.ends_at.astimezone(ZoneInfo(zone)).strftime("%Y-%m-%d %H:%M")
        return _l("The exchange session ended at %(ended)s (%(zone)s): it takes no more "
                  "questions or votes.", ended=ended, zone=zone)
    return None


def _require_open(presentation: Presentation, now: datetime | None) -> None:
    reason = closed_reason(presentation, now)
    if reason is not None:
        raise Conflict(reason, field="session")


# Participants: asking and voting.

def clean_question_text(text: str | None) -> str:
    text = (text or "").strip()
    if not text:
        raise Invalid(_l("Write your question."), field="text")
    if len(text) > MAX_QUESTION:
        raise Invalid(_l("A question is at most %(limit)s characters (this one has "
                         "%(length)s).", limit=MAX_QUESTION, length=len(text)), field="text")
    if "\x00" in text:
        raise Invalid(_l("NUL characters are not allowed."), field="text")
    return text


def ask_question(dbs: DbSession, presentation: Presentation, author: User, text: str,
                 now: datetime | None = None) -> Question:
    """A confirmed participant's question, before or during the exchange session."""
    require_participant(dbs, event_of(presentation), author, _l(
        "Only the event's confirmed participants may ask questions: register first (or wait "
        "for the organizers' approval)."))
    text = clean_question_text(text)
    _require_open(presentation, now)
    question = Question(presentation=presentation, author_id=author.id, text=text,
                        created_at=now or utcnow())
    dbs.add(question)
    dbs.flush()
    return question


def _insert_vote_unless_there(dbs: DbSession, question: Question, voter: User) -> bool:
    """Insert the vote, or nothing when the voter already has one; True if inserted."""
    return insert_unless_there(
        dbs, QuestionVote.__table__,
        {"question_id": question.id, "user_id": voter.id, "created_at": utcnow()},
        ["question_id", "user_id"])


_VOTERS_ONLY = _l("Only the event's confirmed participants may vote for questions: register "
                  "first (or wait for the organizers' approval).")


def vote(dbs: DbSession, question: Question, voter: User,
         now: datetime | None = None) -> VoteOutcome:
    """A participant's upvote: one per person and question, a second one changes nothing.
    Not on hidden questions, nor on one's own, nor after the session."""
    presentation = question.presentation
    require_participant(dbs, event_of(presentation), voter, _VOTERS_ONLY)
    if question.hidden_at is not None:
        raise Conflict(_l("This question is hidden: it takes no votes."), field="question_id")
    if question.author_id == voter.id:
        raise Conflict(_l("You asked this question: vote for other people's questions."),
                       field="question_id")
    _require_open(presentation, now)
    return VoteOutcome(question, _insert_vote_unless_there(dbs, question, voter))


def unvote(dbs: DbSession, question: Question, voter: User,
           now: datetime | None = None) -> bool:
    """Take back one's vote; True if there was one. Like voting, only during the session."""
    require_participant(dbs, event_of(question.presentation), voter, _VOTERS_ONLY)
    _require_open(question.presentation, now)
    result = dbs.execute(delete(QuestionVote).where(QuestionVote.question_id == question.id,
                                                    QuestionVote.user_id == voter.id))
    return result.rowcount > 0


# Moderation.

def mark_answered(dbs: DbSession, question: Question, moderator: User,
                  now: datetime | None = None) -> Question:
    """Mark a question answered (once: marking it again keeps the first time)."""
    require_moderator(dbs, question.presentation, moderator)
    if question.answered_at is None:
        question.answered_at = now or utcnow()
        dbs.flush()
    return question


def hide_question(dbs: DbSession, question: Question, moderator: User,
                  now: datetime | None = None) -> Question:
    """Hide a question from everyone but its moderators (abuse, off-topic)."""
    require_moderator(dbs, question.presentation, moderator)
    if question.hidden_at is None:
        question.hidden_at = now or utcnow()
        question.hidden_by_id = moderator.id
        dbs.flush()
    return question


def unhide_question(dbs: DbSession, question: Question, moderator: User) -> Question:
    """Show a hidden question again, with the votes it had."""
    require_moderator(dbs, question.presentation, moderator)
    question.hidden_at = None
    question.hidden_by_id = None
    dbs.flush()
    return question


# Reading.

def _lines(dbs: DbSession, presentation: Presentation, viewer: User | None,
           moderator: bool, question_id: int | None = None) -> list[QuestionLine]:
    vote_count = (select(func.count(QuestionVote.id))
                  .where(QuestionVote.question_id == Question.id)
                  .correlate(Question).scalar_subquery())
    viewer_id = viewer.id if _signed_in(viewer) else None
    voted = (exists().where(QuestionVote.question_id == Question.id,
                            QuestionVote.user_id == viewer_id)
             if viewer_id is not None else false())
    statement = select(Question, vote_count.label("votes"), voted.label("voted"))
    if moderator:
        # Who asked, as they registered for the event: for the moderators' eyes only.
        statement = statement.add_columns(Registration.name, Registration.organization) \
            .outerjoin(Registration, and_(
                Registration.user_id == Question.author_id,
                Registration.event_id == presentation.topic.session.event_id))
    else:
        statement = statement.add_columns(null(), null()) \
            .where(Question.hidden_at.is_(None))
    statement = statement.where(Question.presentation_id == presentation.id)
    if question_id is not None:
        statement = statement.where(Question.id == question_id)
    statement = statement.order_by(vote_count.desc(), Question.created_at, Question.id)
    return [
        QuestionLine(question, votes, bool(has_voted), question.author_id == viewer_id,
                     name, organization)
        for question, votes, has_voted, name, organization in dbs.execute(statement)
    ]


def questions_for(dbs: DbSession, presentation: Presentation,
                  viewer: User | None) -> list[QuestionLine]:
    """The presentation's questions, most votes first then oldest first, with their votes
    and whether the viewer voted: hidden ones (and who asked) only for moderators. A fixed
    number of queries whatever the number of questions and votes."""
    moderator = may_moderate(dbs, presentation, viewer)
    return _lines(dbs, presentation, viewer, moderator)


def question_line(dbs: DbSession, question: Question, viewer: User | None) -> QuestionLine:
    """One question as `viewer` sees it (it must be reachable by them: `get_question`)."""
    moderator = may_moderate(dbs, question.presentation, viewer)
    (line,) = _lines(dbs, question.presentation, viewer, moderator, question.id)
    return line


def visible_question_counts(dbs: DbSession, event: Event) -> dict[int, int]:
    """{presentation id: its questions that everyone may see}, in one query (for lists of
    presentations: hidden questions are counted nowhere public)."""
    rows = dbs.execute(
        select(Question.presentation_id, func.count(Question.id))
        .join(Question.presentation).join(Presentation.topic).join(ExchangeTopic.session)
        .where(Session.event_id == event.id, Question.hidden_at.is_(None))
        .group_by(Question.presentation_id)
    )
    return dict(rows.all())
