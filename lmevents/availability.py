"""Who is busy when: is a person free from A to B, and if not, what holds them.

Three things hold a person at a time: a seat (in a sub-forum, or in a session with limited
room) during its scheduled sessions, an accepted 1:1 meeting, and a part as a speaker. Seats,
meetings and the programme all ask here, so the answer is the same whichever way a booking
comes in, and a clash is named one way: `clash_label`, in the event's time zone.

Sessions everyone attends (opening, keynotes, breaks) take no seat: they hold nobody, since a
meeting is arranged around them rather than instead of them. This module only reads; the
callers take the locks that keep the answer true until they commit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from flask_babel import lazy_gettext as _l
from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session as DbSession
from sqlalchemy.orm import aliased, joinedload

from lmevents.agenda.models import Session, SessionSpeaker, SessionStatus
from lmevents.core.text import current_language
from lmevents.core.timezones import format_span
from lmevents.exchange.models import MeetingRequest, MeetingStatus
from lmevents.registration.models import Registration, RegistrationStatus, Seat, SeatState

if TYPE_CHECKING:
    from flask_babel.speaklater import LazyString


def overlaps(start: datetime, end: datetime, other_start: datetime, other_end: datetime) -> bool:
    """Two spans share a moment; touching ends (09:40 and 09:40) do not."""
    return start < other_end and other_start < end


@dataclass(frozen=True)
class Commitment:
    """What holds someone from `starts_at` to `ends_at`: the session their seat is for, or a
    1:1 meeting."""

    user_id: int
    starts_at: datetime
    ends_at: datetime
    session: Session | None = None
    meeting: MeetingRequest | None = None


def clash_label(thing: Session | MeetingRequest, zone_name: str) -> LazyString:
    """How every refusal names what is in the way: "'Keynote' (2020-11-26 09:00–09:40
    Asia/Shanghai)" for a session, "1:1 meeting (…)" for a meeting; translatable, the title
    in the language being written."""
    span = format_span(thing.starts_at, thing.ends_at, zone_name)
    if isinstance(thing, MeetingRequest):
        return _l("1:1 meeting (%(span)s)", span=span)
    title = thing.text("title", current_language())
    if not title:
        return _l("'session %(id)s' (%(span)s)", id=thing.id, span=span)
    return _l("'%(title)s' (%(span)s)", title=title, span=span)


def _seat_gives(seat) -> ColumnElement[bool]:
    """A seat gives its sub-forum's sessions, or its own session."""
    return or_(and_(seat.subforum_id.is_not(None), seat.subforum_id == Session.subforum_id),
               seat.session_id == Session.id)


def _during(model, start: datetime, end: datetime) -> ColumnElement[bool]:
    return and_(model.starts_at < end, model.ends_at > start)


def _accepted_meetings_of(user_ids: Sequence[int]):
    return select(MeetingRequest).where(
        MeetingRequest.status == MeetingStatus.ACCEPTED,
        or_(MeetingRequest.requester_id.in_(user_ids),
            MeetingRequest.recipient_id.in_(user_ids)))


def seat_commitments(dbs: DbSession, user_ids: Sequence[int], start: datetime,
                     end: datetime) -> list[Commitment]:
    """The scheduled sessions from `start` to `end` where these people hold a seat (through a
    confirmed registration, in any event), in time order."""
    if not user_ids:
        return []
    rows = dbs.execute(
        select(Registration.user_id, Session)
        .join(Seat, Seat.registration_id == Registration.id)
        .join(Session, _seat_gives(Seat))
        .where(Registration.user_id.in_(user_ids),
               Registration.status == RegistrationStatus.CONFIRMED,
               Seat.state == SeatState.HELD,
               Session.status == SessionStatus.SCHEDULED,
               _during(Session, start, end))
        .options(joinedload(Session.event))
        .order_by(Session.starts_at, Session.id)
    ).unique().all()
    return [Commitment(user_id, session.starts_at, session.ends_at, session=session)
            for user_id, session in rows]


def meeting_commitments(dbs: DbSession, user_ids: Sequence[int], start: datetime,
                        end: datetime, *, except_meeting_id: int | None = None
                        ) -> list[Commitment]:
    """These people's accepted 1:1 meetings from `start` to `end`, in time order (a meeting of
    two of them counts once for each)."""
    if not user_ids:
        return []
    meetings = dbs.scalars(
        _accepted_meetings_of(user_ids)
        .where(_during(MeetingRequest, start, end),
               MeetingRequest.id != (except_meeting_id or 0))
        .options(joinedload(MeetingRequest.event))
        .order_by(MeetingRequest.starts_at, MeetingRequest.id)
    ).all()
    return [Commitment(user_id, meeting.starts_at, meeting.ends_at, meeting=meeting)
            for meeting in meetings
            for user_id in (meeting.requester_id, meeting.recipient_id) if user_id in user_ids]


def first_meeting_during(dbs: DbSession, user_id: int,
                         sessions: Sequence[Session]) -> MeetingRequest | None:
    """The person's first accepted 1:1 meeting overlapping any of `sessions`: a seat there
    would put them in two places at once."""
    if not sessions:
        return None
    return dbs.scalars(
        _accepted_meetings_of([user_id])
        .where(or_(*(_during(MeetingRequest, s.starts_at, s.ends_at) for s in sessions)))
        .order_by(MeetingRequest.starts_at, MeetingRequest.id)
    ).first()


def first_speaking_slot(dbs: DbSession, speaker_ids: Sequence[int], start: datetime,
                        end: datetime, *, except_session_id: int | None = None
                        ) -> tuple[Session, int] | None:
    """The first session (in any event, not cancelled) where one of these speakers has a
    part from `start` to `end`, with that speaker's id."""
    if not speaker_ids:
        return None
    row = dbs.execute(
        select(Session, SessionSpeaker.speaker_id)
        .join(SessionSpeaker, SessionSpeaker.session_id == Session.id)
        .where(SessionSpeaker.speaker_id.in_(speaker_ids),
               Session.status != SessionStatus.CANCELLED,
               Session.id != (except_session_id or 0),
               _during(Session, start, end))
        .order_by(Session.starts_at, Session.id)
    ).first()
    return (row[0], row[1]) if row is not None else None


def first_shared_speaking_clash(dbs: DbSession, speaker_id: int,
                                other_speaker_id: int) -> tuple[Session, Session] | None:
    """Two sessions, one with each speaker, that overlap: were the two one person (a merge),
    they would have to be in both at once."""
    theirs, mine = aliased(SessionSpeaker), aliased(SessionSpeaker)
    first, second = aliased(Session), aliased(Session)
    row = dbs.execute(
        select(first, second)
        .select_from(first)
        .join(theirs, and_(theirs.session_id == first.id,
                           theirs.speaker_id == other_speaker_id))
        .join(second, and_(second.id != first.id, second.starts_at < first.ends_at,
                           second.ends_at > first.starts_at))
        .join(mine, and_(mine.session_id == second.id, mine.speaker_id == speaker_id))
        .where(first.status != SessionStatus.CANCELLED,
               second.status != SessionStatus.CANCELLED)
        .options(joinedload(first.event), joinedload(second.event))
        .order_by(first.starts_at, first.id, second.id)
    ).first()
    return (row[0], row[1]) if row is not None else None


@dataclass(frozen=True)
class HoldersClash:
    """Seat holders who would be due elsewhere if a session moved: `count` people due in
    `session` (the first of their other seats' sessions there), or, when `session` is None,
    `count` accepted 1:1 meetings of theirs."""

    count: int
    session: Session | None = None


def holders_clash(dbs: DbSession, *, session_id: int | None, subforum_id: int | None,
                  start: datetime, end: datetime) -> HoldersClash | None:
    """Would the people holding or waiting for a seat in this sub-forum (or this session) be
    due elsewhere if it ran from `start` to `end`: in a session of another of their seats, or
    at an accepted 1:1 meeting? None when all stay free."""
    if subforum_id is not None:
        mine = Seat.subforum_id == subforum_id
    elif session_id is not None:
        mine = Seat.session_id == session_id
    else:
        return None
    holders = select(Seat.registration_id).where(mine)
    other = aliased(Seat)
    elsewhere = (
        select(Session).join(other, _seat_gives(other))
        .where(other.registration_id.in_(holders),
               ~other.id.in_(select(Seat.id).where(mine)),
               # A switch under way holds one seat and waits for the other: never both.
               or_(other.replaces_id.is_(None),
                   ~other.replaces_id.in_(select(Seat.id).where(mine))),
               ~other.id.in_(select(Seat.replaces_id).where(mine, Seat.replaces_id.is_not(None))),
               Session.status == SessionStatus.SCHEDULED, Session.id != (session_id or 0),
               _during(Session, start, end))
    )
    first = dbs.scalars(elsewhere.order_by(Session.starts_at, Session.id).limit(1)).first()
    if first is not None:
        count = dbs.scalar(elsewhere.with_only_columns(
            func.count(func.distinct(other.registration_id))).order_by(None))
        return HoldersClash(count, session=first)
    users = select(Registration.user_id).where(Registration.id.in_(holders))
    meetings = dbs.scalar(select(func.count(MeetingRequest.id)).where(
        MeetingRequest.status == MeetingStatus.ACCEPTED,
        MeetingRequest.requester_id.in_(users) | MeetingRequest.recipient_id.in_(users),
        _during(MeetingRequest, start, end)))
    return HoldersClash(meetings) if meetings else None
