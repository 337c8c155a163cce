"""Who came: per session, how many joined beside how many held a seat and how many were
registered, by country and by the answer to a choice question of the registration form (the
demo's "Your organization is"); and each join, for a CSV file.

Everything is read in a fixed number of queries, whatever the size of the event."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession
from sqlalchemy.orm import selectinload

from lmevents.agenda.interpretation import how_to_listen
from lmevents.agenda.models import Session, SessionKind, SessionStatus, VirtualRoom
from lmevents.auth.models import User
from lmevents.errors import Invalid
from lmevents.events.models import Event
from lmevents.live.models import Attendance
from lmevents.registration.models import (
    QuestionKind,
    Registration,
    RegistrationQuestion,
    RegistrationStatus,
    Seat,
    SeatState,
)
from lmevents.registration.seats import needs_seat, seat_key, session_seat_key
from lmevents.subforums.models import SubForum

NO_ANSWER = ""  # the group of those who gave no answer (or no country)


@dataclass
class Counts:
    registered: int = 0
    held_seat: int | None = None  # None: the session takes no seat
    joined: int = 0


@dataclass
class SessionAttendance:
    session: Session
    total: Counts
    by_country: dict[str, Counts] = field(default_factory=dict)
    # The chosen question's answers (option numbers, as text; NO_ANSWER for none).
    by_answer: dict[str, Counts] = field(default_factory=dict)
    # By the language listened in: how many need each interpretation.
    by_listening: dict[str, Counts] = field(default_factory=dict)

    def heard(self, language: str) -> bool:
        """Whether listeners in `language` hear the session: on the floor or by a channel
        (True when the floor language is not said)."""
        return not how_to_listen(self.session, language).missing


@dataclass(frozen=True)
class _Person:
    country: str
    answer: str
    listens: str


def choice_questions(dbs: DbSession, event: Event) -> list[RegistrationQuestion]:
    """The registration form's choice questions: what attendance can be broken down by."""
    return list(dbs.scalars(
        select(RegistrationQuestion).where(RegistrationQuestion.event_id == event.id,
                                           RegistrationQuestion.kind == QuestionKind.CHOICE)
        .order_by(RegistrationQuestion.position, RegistrationQuestion.id)))


def breakdown_question(dbs: DbSession, event: Event,
                       question_id: int | None) -> RegistrationQuestion | None:
    """The choice question attendance is broken down by: the one asked for, else the form's
    first (None when the form has none). One that is not a choice question of this event is
    refused, naming it."""
    questions = choice_questions(dbs, event)
    if question_id is None:
        return questions[0] if questions else None
    chosen = next((q for q in questions if q.id == question_id), None)
    if chosen is None:
        raise Invalid(_l("This event's registration form has no choice question %(id)s.",
                         id=question_id), field="question_id")
    return chosen


def attendance(dbs: DbSession, event: Event,
               question: RegistrationQuestion | None) -> list[SessionAttendance]:
    """Each session with a room to join (not the breaks, not the cancelled), in programme
    order: those registered (confirmed), those holding a seat where it takes one, and those
    who joined, in all and by country and by their answer to `question`."""
    sessions = list(dbs.scalars(
        select(Session).where(Session.event_id == event.id,
                              Session.status == SessionStatus.SCHEDULED,
                              Session.kind != SessionKind.BREAK)
        .options(selectinload(Session.subforum).selectinload(SubForum.room)
                 .selectinload(VirtualRoom.channels),
                 selectinload(Session.room).selectinload(VirtualRoom.channels))
        .order_by(Session.starts_at, Session.id)))
    people: dict[int, _Person] = {}
    key = str(question.id) if question is not None else None
    for user_id, country, answers, listens, language in dbs.execute(
            select(Registration.user_id, Registration.country, Registration.answers,
                   Registration.listening_language, Registration.language)
            .where(Registration.event_id == event.id,
                   Registration.status == RegistrationStatus.CONFIRMED)):
        answer = (answers or {}).get(key) if key else None
        people[user_id] = _Person(country or NO_ANSWER,
                                  NO_ANSWER if answer is None else str(answer),
                                  listens or language)
    holders: dict[tuple[str, int], set[int]] = {}
    for user_id, subforum_id, session_id in dbs.execute(
            select(Registration.user_id, Seat.subforum_id, Seat.session_id)
            .join(Registration, Registration.id == Seat.registration_id)
            .where(Registration.event_id == event.id, Seat.state == SeatState.HELD,
                   Registration.status == RegistrationStatus.CONFIRMED)):
        holders.setdefault(seat_key(subforum_id, session_id), set()).add(user_id)
    joined: dict[int, set[int]] = {}
    for session_id, user_id in dbs.execute(
            select(Attendance.session_id, Attendance.user_id).join(Session)
            .where(Session.event_id == event.id)):
        joined.setdefault(session_id, set()).add(user_id)

    shown = []
    for session in sessions:
        seated = None
        if needs_seat(session):
            seated = holders.get(session_seat_key(session), set())
        came = joined.get(session.id, set())
        # In all, joins count everyone who joined, organizers not registered included.
        total = Counts(len(people), None if seated is None else len(seated), len(came))
        shown.append(SessionAttendance(
            session, total, _grouped(people, seated, came, lambda person: person.country),
            _grouped(people, seated, came, lambda person: person.answer) if key else {},
            _grouped(people, seated, came, lambda person: person.listens)))
    return shown


def _count(members: set[int], seated: set[int] | None, came: set[int]) -> Counts:
    return Counts(len(members), None if seated is None else len(members & seated),
                  len(came & members))


def _grouped(people: dict[int, _Person], seated: set[int] | None, came: set[int],
             by) -> dict[str, Counts]:
    members: dict[str, list[int]] = {}
    for user_id, person in people.items():
        members.setdefault(by(person), []).append(user_id)
    groups = {name: _count(set(ids), seated, came) for name, ids in members.items()}
    return dict(sorted(groups.items(), key=lambda item: (item[0] == NO_ANSWER, item[0])))


@dataclass(frozen=True)
class JoinRow:
    session: Session
    user: User
    registration: Registration | None
    joined_at: datetime
    via: str


def joins(dbs: DbSession, event: Event) -> Iterator[JoinRow]:
    """Every first join of the event's sessions, by session then time (for the CSV file)."""
    registrations = {r.user_id: r for r in dbs.scalars(
        select(Registration).where(Registration.event_id == event.id))}
    rows = dbs.execute(
        select(Attendance, Session, User).join(Session, Session.id == Attendance.session_id)
        .join(User, User.id == Attendance.user_id)
        .where(Session.event_id == event.id)
        .order_by(Session.starts_at, Session.id, Attendance.joined_at, Attendance.id))
    for attendance_row, session, user in rows:
        yield JoinRow(session, user, registrations.get(user.id), attendance_row.joined_at,
                      attendance_row.via.value)
