"""Reminders before each session a participant attends: an e-mail the day before and one
shortly before the start, in their language and zone, with their own join link; and the
same alarm in their personal feed (`ALARM_BEFORE`).

Nothing is queued ahead: the worker (`flask lmevents send-mail --loop`) asks each round
which reminders are due now, from the sessions as they are. A reminder queued is recorded
with the start it was for, under a unique key, in the transaction that queues its mail: so
none goes out twice whatever the number of workers or restarts, a cancelled session gets none,
and a session moved after its reminder went out gets one for its new start."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession
from sqlalchemy.orm import selectinload

from lmevents.agenda.interpretation import listening_note
from lmevents.agenda.models import Session, SessionKind, SessionStatus, VirtualRoom
from lmevents.core.rows import insert_unless_there
from lmevents.core.text import public_url, written_for
from lmevents.core.timezones import format_span
from lmevents.live.join import join_key
from lmevents.live.models import ReminderKind, ReminderSent
from lmevents.mail.outbox import queue_mail
from lmevents.registration.models import Registration, RegistrationStatus, Seat, SeatState
from lmevents.registration.seats import needs_seat, seat_key, session_seat_key
from lmevents.subforums.models import SubForum

# How long before the start each reminder is due; each until the next one is.
AHEAD = {ReminderKind.DAY: timedelta(days=1), ReminderKind.SOON: timedelta(minutes=15)}
ALARM_BEFORE = timedelta(minutes=15)  # the personal feed's VALARM


@dataclass(frozen=True)
class Due:
    registration: Registration
    session: Session
    kind: ReminderKind


def _kind_due(session: Session, now: datetime) -> ReminderKind | None:
    """The reminder due for `session` at `now`: the day-before one until the short one is
    due, then the short one until the start."""
    if now >= session.starts_at:
        return None
    if now >= session.starts_at - AHEAD[ReminderKind.SOON]:
        return ReminderKind.SOON
    if now >= session.starts_at - AHEAD[ReminderKind.DAY]:
        return ReminderKind.DAY
    return None


def due_reminders(dbs: DbSession, now: datetime) -> list[Due]:
    """Every reminder due at `now` and not queued yet for the session's current start, in
    five queries whatever the number of sessions and participants: those who attend (a
    confirmed registration with reminders on, and a held seat where the session takes one)
    each scheduled session (not a break) starting within a day."""
    sessions = dbs.scalars(
        select(Session).where(Session.status == SessionStatus.SCHEDULED,
                              Session.kind != SessionKind.BREAK, Session.starts_at > now,
                              Session.starts_at <= now + AHEAD[ReminderKind.DAY])
        .options(selectinload(Session.event),
                 selectinload(Session.room).selectinload(VirtualRoom.channels),
                 selectinload(Session.subforum).selectinload(SubForum.room)
                 .selectinload(VirtualRoom.channels))
        .order_by(Session.starts_at, Session.id)).all()
    if not sessions:
        return []
    events = {s.event_id for s in sessions}
    registrations = dbs.scalars(
        select(Registration).where(Registration.event_id.in_(events),
                                   Registration.status == RegistrationStatus.CONFIRMED,
                                   Registration.reminders.is_(True))
        .options(selectinload(Registration.user))).all()
    held = set(dbs.execute(
        select(Seat.registration_id, Seat.subforum_id, Seat.session_id)
        .where(Seat.registration_id.in_([r.id for r in registrations]),
               Seat.state == SeatState.HELD)).all()) if registrations else set()
    seated = {(r, seat_key(f, s)) for r, f, s in held}
    sent = set(dbs.execute(
        select(ReminderSent.session_id, ReminderSent.user_id, ReminderSent.kind,
               ReminderSent.starts_at)
        .where(ReminderSent.session_id.in_([s.id for s in sessions]))).all())
    by_event: dict[int, list[Registration]] = {}
    for registration in registrations:
        by_event.setdefault(registration.event_id, []).append(registration)
    due = []
    for session in sessions:
        kind = _kind_due(session, now)
        if kind is None:
            continue
        target = session_seat_key(session)
        for registration in by_event.get(session.event_id, []):
            if needs_seat(session) and (registration.id, target) not in seated:
                continue
            if (session.id, registration.user_id, kind, session.starts_at) in sent:
                continue
            due.append(Due(registration, session, kind))
    return due


def queue_due_reminders(dbs: DbSession, now: datetime, secret: str) -> int:
    """Queue the mail of every reminder due at `now` (the caller commits); how many. Each is
    recorded first: a reminder another worker recorded meanwhile is left to it."""
    queued = 0
    for due in due_reminders(dbs, now):
        if _record(dbs, due, now):
            _queue(dbs, due, secret)
            queued += 1
    return queued


def _record(dbs: DbSession, due: Due, now: datetime) -> bool:
    return insert_unless_there(
        dbs, ReminderSent.__table__,
        {"session_id": due.session.id, "user_id": due.registration.user_id,
         "kind": due.kind.value, "starts_at": due.session.starts_at, "queued_at": now},
        ["session_id", "user_id", "kind", "starts_at"])


def _queue(dbs: DbSession, due: Due, secret: str) -> None:
    registration, session = due.registration, due.session
    zone = registration.timezone or session.event.timezone
    with written_for(registration.language) as lang:
        title = session.text("title", lang)
        when = format_span(session.starts_at, session.ends_at, zone)
        room = session.meeting_room
        join = ""
        if room is not None and room.join_url:
            join = _("Join (the room opens %(minutes)d minutes before): %(link)s",
                     minutes=session.event.join_opens_minutes,
                     link=public_url("live.join_session", slug=session.event.slug,
                                     session_id=session.id, lang=lang,
                                     key=join_key(secret, registration.user, session)))
        note = listening_note(session, registration.listening_language or registration.language,
                              lang)
        if note:
            join = f"{join}\n{note}" if join else note
        subject = (_("Coming up: %(title)s", title=title) if due.kind == ReminderKind.DAY
                   else _("Starting soon: %(title)s", title=title))
        body = _("Hello %(name)s,\n\n%(title)s (%(event)s) runs %(when)s.\n%(join)s\n\nYour "
                 "agenda: %(agenda)s\nTo stop these reminders for this event, switch them off "
                 "there.\n", name=registration.name, title=title,
                 event=session.event.text("title", lang), when=when, join=join,
                 agenda=public_url("registration.my_agenda"))
    queue_mail(dbs, registration.user.email, subject, body)


def set_reminders(dbs: DbSession, registration: Registration, on: bool) -> Registration:
    """Switch a participant's reminders for one event on or off (mail and feed alarms)."""
    registration.reminders = bool(on)
    dbs.flush()
    return registration


def reminded_events(registrations) -> set[int]:
    """The events whose sessions carry an alarm in the person's feed."""
    return {r.event_id for r in registrations if r.reminders}

