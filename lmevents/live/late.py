"""Running late: an organizer moves the rest of the day in a room or a sub-forum by N minutes
in one action. Every session there that has not ended moves (the one under way ends later,
the following ones start and end later), each through the programme's own rules, so a clash
refuses the whole move, naming it, and nothing moves. Calendars follow (each moved session's
revision, its ICS SEQUENCE, rises), the live page shows the delay, and each participant
holding a seat there is told once, with all their new times."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session as DbSession
from sqlalchemy.orm import selectinload

from lmevents.agenda.models import Session, SessionStatus, VirtualRoom
from lmevents.agenda.services import update_session
from lmevents.auth.models import User
from lmevents.core.models import utcnow
from lmevents.core.text import current_language, public_url, written_for
from lmevents.core.timezones import format_span, get_zone, local_bounds
from lmevents.errors import Conflict, DomainError, Faults, Invalid
from lmevents.events.models import Event
from lmevents.live.models import RunningLate
from lmevents.mail.outbox import queue_mail
from lmevents.registration.models import Registration, RegistrationStatus, Seat, SeatState
from lmevents.subforums.models import SubForum

MOST_MINUTES = 240  # a longer delay is a new programme, made in the programme's pages


@dataclass(frozen=True)
class Late:
    record: RunningLate
    moved: list[Session]  # in start order
    told: int  # participants written to


def place_of(record: RunningLate, lang: str) -> str:
    """"Plenary room", "Sub-forum A": where a delay is, in `lang`, as a sentence starts."""
    if record.subforum is not None:
        return _("Sub-forum %(code)s", code=record.subforum.code)
    return record.room.text("name", lang) or _("The room")


def check_late(minutes, room_id, subforum_id) -> None:
    """Every fault of a delay's input at once."""
    faults = Faults()
    if not isinstance(minutes, int) or isinstance(minutes, bool) or not (
            1 <= minutes <= MOST_MINUTES):
        faults.add(Invalid(_l("Give the delay in minutes, from 1 to %(most)d.",
                              most=MOST_MINUTES), field="minutes"))
    if (room_id is None) == (subforum_id is None):
        faults.add(Invalid(_l("Name either a room or a sub-forum that is running late."),
                           field="room_id"))
    faults.raise_any()


def _sessions_there(dbs: DbSession, event: Event, room: VirtualRoom | None,
                    subforum: SubForum | None, now: datetime) -> list[Session]:
    """The scheduled sessions meeting there that have not ended and start on `now`'s day in
    the event's zone, latest first (the order they are moved in, so none meets another
    that has not moved yet)."""
    zone = get_zone(event.timezone)
    _, day_end = local_bounds(now.astimezone(zone).date(), now.astimezone(zone).date(), zone)
    if subforum is not None:
        there = Session.subforum_id == subforum.id
    else:
        there = or_(Session.room_id == room.id,
                    and_(Session.room_id.is_(None),
                         Session.subforum_id.in_(select(SubForum.id)
                                                 .where(SubForum.room_id == room.id))))
    return list(dbs.scalars(
        select(Session).where(Session.event_id == event.id,
                              Session.status == SessionStatus.SCHEDULED, there,
                              Session.ends_at > now, Session.starts_at < day_end)
        .options(selectinload(Session.speakers), selectinload(Session.subforum))
        .order_by(Session.starts_at.desc(), Session.id.desc())))


def run_late(dbs: DbSession, event: Event, minutes: int, *, room_id: int | None = None,
             subforum_id: int | None = None, by: User | None = None,
             now: datetime | None = None) -> Late:
    """Move the rest of today's sessions in the room or sub-forum by `minutes`; refused as a
    whole (Conflict naming the session and its clash) when any of them cannot move."""
    check_late(minutes, room_id, subforum_id)
    now = now or utcnow()
    room = subforum = None
    if room_id is not None:
        room = dbs.get(VirtualRoom, room_id)
        if room is None or room.event_id != event.id:
            raise Invalid(_l("The room must be one of this event's virtual rooms."),
                          field="room_id")
    else:
        subforum = dbs.get(SubForum, subforum_id)
        if subforum is None or subforum.event_id != event.id:
            raise Invalid(_l("The sub-forum must be one of this event's sub-forums."),
                          field="subforum_id")
    field = "room_id" if room is not None else "subforum_id"
    sessions = _sessions_there(dbs, event, room, subforum, now)
    if not sessions:
        raise Conflict(_l("No session is left today there: nothing to move."), field=field)
    delay = timedelta(minutes=minutes)
    for session in sessions:
        changes = {"ends_at": session.ends_at + delay}
        if session.starts_at > now:  # the one under way keeps its start
            changes["starts_at"] = session.starts_at + delay
        try:
            update_session(dbs, session, changes, by)
        except DomainError as refused:
            raise Conflict(_l(
                "'%(session)s' cannot move %(minutes)d minutes later: %(reason)s Nothing "
                "was moved.", session=session.text("title", current_language()) or session.id,
                minutes=minutes, reason=refused.message.rstrip(".") + "."),
                field="minutes", session_id=session.id) from refused
    moved = sorted(sessions, key=lambda s: (s.starts_at, s.id))
    record = RunningLate(event_id=event.id, room=room, subforum=subforum, minutes=minutes,
                         since=now, until=max(s.ends_at for s in moved),
                         by_id=by.id if by is not None else None)
    dbs.add(record)
    dbs.flush()
    return Late(record, moved, _tell_holders(dbs, event, record, moved))


def _tell_holders(dbs: DbSession, event: Event, record: RunningLate,
                  moved: list[Session]) -> int:
    """One message to each participant holding a seat in a moved session (through its
    sub-forum or its own seats), listing their moved sessions with the new times in their
    zone and language."""
    subforums = {s.subforum_id for s in moved if s.subforum_id is not None}
    own = {s.id for s in moved if s.subforum_id is None and s.capacity is not None}
    if not subforums and not own:
        return 0
    rows = dbs.execute(
        select(Registration, Seat.subforum_id, Seat.session_id)
        .join(Seat, Seat.registration_id == Registration.id)
        .where(Registration.event_id == event.id,
               Registration.status == RegistrationStatus.CONFIRMED,
               Seat.state == SeatState.HELD,
               or_(Seat.subforum_id.in_(subforums), Seat.session_id.in_(own)))
        .options(selectinload(Registration.user))).all()
    theirs: dict[int, list[Session]] = defaultdict(list)
    people: dict[int, Registration] = {}
    for registration, seat_subforum, seat_session in rows:
        people[registration.id] = registration
        theirs[registration.id] += [s for s in moved if (
            s.subforum_id == seat_subforum if seat_subforum is not None
            else s.id == seat_session)]
    for registration_id, sessions in theirs.items():
        registration = people[registration_id]
        zone = registration.timezone or event.timezone
        with written_for(registration.language) as lang:
            where = place_of(record, lang)
            lines = "\n".join(f"- {s.text('title', lang)}: "
                              f"{format_span(s.starts_at, s.ends_at, zone)}"
                              for s in sorted(sessions, key=lambda s: s.starts_at))
            subject = _("Running %(minutes)d minutes late: %(place)s", minutes=record.minutes,
                        place=where)
            body = _("Hello %(name)s,\n\n%(place)s is running %(minutes)d minutes late. Your "
                     "sessions there now run:\n%(sessions)s\n\nYour agenda, with the join "
                     "links:\n%(link)s\n", name=registration.name, place=where,
                     minutes=record.minutes, sessions=lines,
                     link=public_url("registration.my_agenda"))
        queue_mail(dbs, registration.user.email, subject, body)
    return len(theirs)


def delays_now(dbs: DbSession, event: Event, now: datetime) -> list[RunningLate]:
    """The delays the live page shows: those announced that have not run out, newest
    first."""
    return list(dbs.scalars(
        select(RunningLate).where(RunningLate.event_id == event.id, RunningLate.since <= now,
                                  RunningLate.until > now)
        .options(selectinload(RunningLate.room), selectinload(RunningLate.subforum))
        .order_by(RunningLate.since.desc(), RunningLate.id.desc())))


def recent_delays(dbs: DbSession, event: Event, limit: int = 20) -> list[RunningLate]:
    """The event's delays, newest first (the back office's list)."""
    return list(dbs.scalars(
        select(RunningLate).where(RunningLate.event_id == event.id)
        .options(selectinload(RunningLate.room), selectinload(RunningLate.subforum))
        .order_by(RunningLate.since.desc(), RunningLate.id.desc()).limit(limit)))
