"""Placing the demo roundtable on a day of one's choosing, so it can be tried while it is ahead.

The demo is loaded on its illustrative date unless told otherwise. Placed on another day, an
existing demo is moved there through the programme's own services: each session keeps its id,
its calendar UID and its local clock times in the event's zone, and its revision (the calendar
SEQUENCE) rises, so calendars that hold it follow. What derives from the sessions follows them:
the window for 1:1 meetings opens with the exchange session, and questions to its presentations
close when it ends.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, fields
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession

from lmevents.agenda.models import Session
from lmevents.agenda.services import update_session
from lmevents.demo.roundtable import DAY, SLUG, load_demo
from lmevents.errors import Invalid
from lmevents.events.models import Event
from lmevents.events.services import EventInput, update_event

# The days the demo may be placed on.
FIRST_DAY = date(1970, 1, 1)
LAST_DAY = date(2999, 12, 31)


class Placed(enum.StrEnum):
    LOADED = "loaded"  # the demo did not exist: it was created on the day
    MOVED = "moved"  # it existed on another day: it was moved
    UNCHANGED = "unchanged"  # it was already there: nothing changed


@dataclass(frozen=True)
class Placement:
    """What place_demo did: the demo's first day now, where it was before a move, and how
    many sessions moved."""

    outcome: Placed
    day: date
    moved_from: date | None = None
    sessions: int = 0


def check_day(day: date) -> None:
    """Refuse a day outside FIRST_DAY–LAST_DAY."""
    if not FIRST_DAY <= day <= LAST_DAY:
        raise Invalid(f"The demo can be placed on a day from {FIRST_DAY:%Y-%m-%d} to "
                      f"{LAST_DAY:%Y-%m-%d}, not on {day:%Y-%m-%d}.", field="on")


def place_demo(dbs: DbSession, day: date | None = None) -> Placement:
    """Load the demo on `day` (its illustrative date when None), or move the existing demo so
    that its first day is `day`. Without a day an existing demo stays where it is. Flushes,
    never commits; a refusal leaves the caller to roll back."""
    if day is not None:
        check_day(day)
    event = dbs.scalar(select(Event).where(Event.slug == SLUG))
    if event is None:
        day = DAY if day is None else day
        load_demo(dbs, day)
        return Placement(Placed.LOADED, day)
    if day is None or day == event.start_date:
        return Placement(Placed.UNCHANGED, event.start_date)
    old_day = event.start_date
    moved = move_event(dbs, event, (day - old_day).days)
    return Placement(Placed.MOVED, day, moved_from=old_day, sessions=moved)


def move_event(dbs: DbSession, event: Event, days: int) -> int:
    """Shift the event and every session by `days` whole days, keeping local clock times in
    the event's zone; returns how many sessions moved.

    The event first spans both its old and its new dates, so that each session may move
    within them; the sessions then move one by one, the furthest along first so that none
    meets another on the way; last the event keeps only its new dates."""
    old_start, old_end = event.start_date, event.end_date
    shift = timedelta(days=days)
    new_start, new_end = old_start + shift, old_end + shift
    update_event(dbs, event, _dates(event, min(old_start, new_start), max(old_end, new_end)))
    zone = ZoneInfo(event.timezone)
    sessions = list(dbs.scalars(
        select(Session).where(Session.event_id == event.id)
        .order_by(Session.starts_at, Session.id)
    ))
    if days > 0:
        sessions.reverse()
    for session in sessions:
        # Arithmetic on a zoned time keeps its wall clock: 09:00 stays 09:00 across DST.
        update_session(dbs, session, {
            "starts_at": session.starts_at.astimezone(zone) + shift,
            "ends_at": session.ends_at.astimezone(zone) + shift,
        })
    update_event(dbs, event, _dates(event, new_start, new_end))
    return len(sessions)


def _dates(event: Event, start: date, end: date) -> EventInput:
    """The event as it is, with other dates."""
    data = EventInput(**{f.name: getattr(event, f.name) for f in fields(EventInput)})
    data.start_date, data.end_date = start, end
    return data
