"""Booking rules of 1:1 meetings: the locks taken before accepting one, and the check that
neither side is double-booked (another accepted meeting, or a session where they hold a seat).

Sessions everyone attends (plenaries, breaks) take no seat and do not block a meeting.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session as DbSession
from sqlalchemy.orm import joinedload, selectinload

from lmevents.agenda.models import Session, SessionStatus
from lmevents.auth.models import User
from lmevents.core.timezones import format_span
from lmevents.errors import Conflict
from lmevents.exchange.models import MeetingRequest, MeetingStatus
from lmevents.registration.agenda import personal_programme
from lmevents.registration.models import Registration, RegistrationStatus, Seat
from lmevents.registration.seats import lock_event_seats, needs_seat
from lmevents.subforums.models import SubForum


def lock_meeting(dbs: DbSession, meeting: MeetingRequest) -> None:
    """Serialize the answers to one meeting; re-read it as it is now."""
    dbs.execute(select(MeetingRequest.id).where(MeetingRequest.id == meeting.id)
                .with_for_update())
    dbs.refresh(meeting)


def lock_for_accept(dbs: DbSession, meeting: MeetingRequest) -> None:
    """Serialize everything that books either person: the event's seats (as `take_seat`
    does), then both people's accounts in id order (their meetings in other events), then
    the meeting. Always in this order, so two accepts never wait for each other in a loop."""
    lock_event_seats(dbs, meeting.event_id)
    people = sorted({meeting.requester_id, meeting.recipient_id})
    dbs.execute(select(User.id).where(User.id.in_(people)).order_by(User.id).with_for_update())
    lock_meeting(dbs, meeting)


def _overlaps(start: datetime, end: datetime, other_start: datetime,
              other_end: datetime) -> bool:
    return start < other_end and other_start < end


def _held_sessions(dbs: DbSession, user_ids: list[int]) -> dict[int, list[Session]]:
    """The scheduled sessions where each person holds a seat, in every event."""
    registrations = dbs.scalars(
        select(Registration)
        .where(Registration.user_id.in_(user_ids),
               Registration.status == RegistrationStatus.CONFIRMED)
        .options(selectinload(Registration.seats).selectinload(Seat.subforum)
                 .selectinload(SubForum.sessions),
                 joinedload(Registration.event))
    ).all()
    held: dict[int, list[Session]] = {user_id: [] for user_id in user_ids}
    for registration in registrations:
        held[registration.user_id] += [
            session for session in personal_programme(dbs, registration)
            if needs_seat(session) and session.status == SessionStatus.SCHEDULED]
    return held


def check_free(dbs: DbSession, meeting: MeetingRequest, actor: User, start: datetime,
               end: datetime) -> None:
    """Conflict unless both sides are free from `start` to `end`: no other accepted meeting
    and no session where they hold a seat. The actor is told what clashes; of the other
    side only that they are not free."""
    people = [meeting.requester_id, meeting.recipient_id]
    other = dbs.scalars(
        select(MeetingRequest).where(
            MeetingRequest.id != meeting.id,
            MeetingRequest.status == MeetingStatus.ACCEPTED,
            or_(MeetingRequest.requester_id.in_(people),
                MeetingRequest.recipient_id.in_(people)),
            MeetingRequest.starts_at < end, MeetingRequest.ends_at > start,
        ).order_by(MeetingRequest.starts_at, MeetingRequest.id)
    ).first()
    if other is not None:
        if actor.id in (other.requester_id, other.recipient_id):
            zone = meeting.event.timezone
            raise Conflict(f"you already have another meeting then "
                           f"({format_span(other.starts_at, other.ends_at, zone)})",
                           field="proposal_id", meeting_id=other.id)
        raise Conflict("the other side is not free then: they have another meeting",
                       field="proposal_id")
    held = _held_sessions(dbs, people)
    for user_id in sorted(people, key=lambda u: u != actor.id):  # the actor's clashes first
        for session in held[user_id]:
            if not _overlaps(start, end, session.starts_at, session.ends_at):
                continue
            if user_id == actor.id:
                span = format_span(session.starts_at, session.ends_at, session.event.timezone)
                raise Conflict(f"you hold a seat in '{session.text('title')}' ({span}) then",
                               field="proposal_id", session_id=session.id)
            raise Conflict("the other side is not free then: they hold a seat in a session",
                           field="proposal_id")


def clashing_meeting(dbs: DbSession, user_id: int,
                     sessions: list[Session]) -> MeetingRequest | None:
    """An accepted meeting of the user that overlaps one of `sessions`, if any: a seat there
    would double-book them."""
    if not sessions:
        return None
    overlaps = [(MeetingRequest.starts_at < s.ends_at) & (MeetingRequest.ends_at > s.starts_at)
                for s in sessions]
    return dbs.scalars(select(MeetingRequest).where(
        MeetingRequest.status == MeetingStatus.ACCEPTED,
        or_(MeetingRequest.requester_id == user_id, MeetingRequest.recipient_id == user_id),
        or_(*overlaps),
    ).order_by(MeetingRequest.starts_at)).first()
