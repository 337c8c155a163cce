"""What is on now and what comes next, and which of those rooms a person may join: the live
page and its API, read in a fixed number of queries whatever the programme's size."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session as DbSession
from sqlalchemy.orm import selectinload

from lmevents.agenda.models import Session, SessionKind, SessionStatus, VirtualRoom
from lmevents.auth.models import User
from lmevents.events.models import Event
from lmevents.events.team import organizes
from lmevents.live.join import join_window
from lmevents.registration.models import Registration, RegistrationStatus, SeatState
from lmevents.registration.seats import needs_seat, seat_key, session_seat_key
from lmevents.subforums.models import SubForum


@dataclass(frozen=True)
class LiveState:
    on_now: list[Session]  # under way, in start order
    up_next: list[Session]  # those starting next (parallel ones together)

    @property
    def over(self) -> bool:
        return not self.on_now and not self.up_next


def live_state(dbs: DbSession, event: Event, now: datetime) -> LiveState:
    """The scheduled sessions under way at `now`, and those with the next start after it."""
    scheduled = (Session.event_id == event.id, Session.status == SessionStatus.SCHEDULED)
    next_start = (select(func.min(Session.starts_at))
                  .where(*scheduled, Session.starts_at > now).scalar_subquery())
    sessions = dbs.scalars(
        select(Session).where(*scheduled, Session.ends_at > now,
                              or_(Session.starts_at <= now, Session.starts_at == next_start))
        .options(selectinload(Session.room).selectinload(VirtualRoom.channels),
                 selectinload(Session.subforum).selectinload(SubForum.room)
                 .selectinload(VirtualRoom.channels))
        .order_by(Session.starts_at, Session.id)
    ).all()
    return LiveState([s for s in sessions if s.starts_at <= now],
                     [s for s in sessions if s.starts_at > now])


def joinable(session: Session) -> bool:
    """Whether the session has a room to join (breaks and unplaced sessions have none)."""
    room = session.meeting_room
    return session.kind != SessionKind.BREAK and room is not None and bool(room.join_url)


def rooms_for(dbs: DbSession, event: Event, user: User | None,
              sessions: list[Session]) -> set[int]:
    """Of `sessions`, those whose room `user` may join (in their window): all for the
    event's organizers; for a participant, with a confirmed registration, those that take
    no seat and those where they hold one. Two queries at most."""
    if user is None:
        return set()
    rooms = [s for s in sessions if joinable(s)]
    if organizes(dbs, user, event):
        return {s.id for s in rooms}
    registration = dbs.scalar(
        select(Registration).where(Registration.event_id == event.id,
                                   Registration.user_id == user.id,
                                   Registration.status == RegistrationStatus.CONFIRMED)
        .options(selectinload(Registration.seats)))
    if registration is None:
        return set()
    held = {seat_key(seat.subforum_id, seat.session_id)
            for seat in registration.seats if seat.state == SeatState.HELD}
    return {s.id for s in rooms
            if not needs_seat(s)
            or session_seat_key(s) in held}


def listening_language(dbs: DbSession, event: Event, user: User | None) -> str | None:
    """The language `user` listens in at `event` (their registration's), if registered."""
    if user is None:
        return None
    row = dbs.execute(select(Registration.listening_language, Registration.language).where(
        Registration.event_id == event.id, Registration.user_id == user.id,
        Registration.status == RegistrationStatus.CONFIRMED)).first()
    return (row[0] or row[1]) if row else None


def opens_at(session: Session) -> datetime:
    return join_window(session)[0]
