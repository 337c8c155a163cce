"""The scheduling rules: where and when a session may be placed, and what clashes.

Every refusal names the clash. These checks read; lmevents.agenda.services writes.
"""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession

from lmevents.agenda.models import (
    Session,
    SessionKind,
    SessionStatus,
    VirtualRoom,
)
from lmevents.availability import clash_label, first_speaking_slot, holders_clash
from lmevents.core.text import current_language
from lmevents.core.timezones import get_zone, local_bounds
from lmevents.errors import Conflict, Faults, Invalid
from lmevents.events.models import Event
from lmevents.speakers.models import Speaker
from lmevents.subforums.models import SubForum


def check_times(event: Event, starts_at: datetime, ends_at: datetime) -> None:
    for name, value in (("starts_at", starts_at), ("ends_at", ends_at)):
        if value.tzinfo is None or value.utcoffset() is None:
            raise Invalid(_l("The time must carry a UTC offset or a zone."), field=name)
    if ends_at <= starts_at:
        raise Invalid(_l("The session must end after it starts."), field="ends_at")
    first, after_last = local_bounds(event.start_date, event.end_date, get_zone(event.timezone))
    window = f"{event.start_date:%Y-%m-%d} to {event.end_date:%Y-%m-%d} {event.timezone}"
    if starts_at < first or starts_at >= after_last:
        raise Invalid(_l("The session must start within the event's dates (%(window)s).",
                         window=window), field="starts_at")
    if ends_at > after_last:
        raise Invalid(_l("The session must end within the event's dates (%(window)s).",
                         window=window), field="ends_at")


def load_room(dbs: DbSession, event: Event, room_id: int | None) -> VirtualRoom | None:
    if room_id is None:
        return None
    room = dbs.get(VirtualRoom, room_id)
    if room is None or room.event_id != event.id:
        raise Invalid(_l("Virtual room %(id)s does not belong to this event.", id=room_id),
                      field="room_id")
    return room


def load_subforum(dbs: DbSession, event: Event, subforum_id: int | None) -> SubForum | None:
    if subforum_id is None:
        return None
    subforum = dbs.get(SubForum, subforum_id)
    if subforum is None or subforum.event_id != event.id:
        raise Invalid(_l("Sub-forum %(id)s does not belong to this event.", id=subforum_id),
                      field="subforum_id")
    return subforum


def _overlapping(starts_at: datetime, ends_at: datetime, exclude_id: int | None):
    stmt = select(Session).where(
        Session.status != SessionStatus.CANCELLED,
        Session.starts_at < ends_at,
        Session.ends_at > starts_at,
    )
    if exclude_id is not None:
        stmt = stmt.where(Session.id != exclude_id)
    return stmt


def check_schedule(
    dbs: DbSession,
    event: Event,
    *,
    session_id: int | None,
    kind: SessionKind,
    starts_at: datetime,
    ends_at: datetime,
    room_id: int | None,
    subforum_id: int | None,
    speaker_ids: list[int],
) -> None:
    """Refuse a placement that breaks a scheduling rule, naming the clash.

    Rules: end after start; inside the event's dates; a virtual room never hosts two
    overlapping sessions; a speaker is never in two overlapping sessions (in any event);
    plenary sessions overlap nothing; sessions of *different* sub-forums may overlap
    (they run in parallel), sessions of one sub-forum may not.
    """
    # Every fault of the input at once; the clashes, which need a valid input, after.
    faults = Faults()
    with faults.caught():
        check_times(event, starts_at, ends_at)
    # Check-then-write is only safe one writer at a time: concurrent edits of one event's
    # programme queue on the event's row (PostgreSQL; SQLite has one writer anyway).
    dbs.execute(select(Event.id).where(Event.id == event.id).with_for_update())
    room = None
    with faults.caught():
        room = load_room(dbs, event, room_id)
    with faults.caught():
        load_subforum(dbs, event, subforum_id)
    if kind == SessionKind.SUBFORUM and subforum_id is None:
        faults.add(Invalid(_l("A parallel sub-forum session must belong to a sub-forum."),
                           field="subforum_id"))
    faults.raise_any()

    overlapping = dbs.scalars(
        _overlapping(starts_at, ends_at, session_id).where(Session.event_id == event.id)
        .order_by(Session.starts_at, Session.id)
    ).all()
    zone = event.timezone
    # The room's clash and the programme's, each named once (the first in time).
    if room is not None and (taken := next(
            (other for other in overlapping if other.room_id == room.id), None)):
        faults.add(Conflict(
            _l("Virtual room '%(room)s' already hosts %(other)s.",
               room=room.text("name", current_language()), other=clash_label(taken, zone)),
            field="room_id", session_id=taken.id,
        ))
    for other in overlapping:
        if subforum_id is None:
            faults.add(Conflict(
                _l("A plenary session cannot overlap %(other)s.",
                   other=clash_label(other, zone)),
                field="starts_at", session_id=other.id,
            ))
        elif other.subforum_id is None:
            faults.add(Conflict(
                _l("Overlaps the plenary session %(other)s.", other=clash_label(other, zone)),
                field="starts_at", session_id=other.id,
            ))
        elif other.subforum_id == subforum_id:
            faults.add(Conflict(
                _l("Overlaps %(other)s of the same sub-forum.", other=clash_label(other, zone)),
                field="starts_at", session_id=other.id,
            ))
        else:
            continue
        break
    with faults.caught():
        check_speakers_free(dbs, speaker_ids, starts_at, ends_at, session_id, zone)
    faults.raise_any()


def check_speakers_free(
    dbs: DbSession,
    speaker_ids: list[int],
    starts_at: datetime,
    ends_at: datetime,
    session_id: int | None,
    zone: str,
) -> None:
    """A speaker is never in two overlapping sessions (in any event)."""
    if not speaker_ids:
        return
    # Speakers are shared across events: their rows serialize concurrent bookings, taken in
    # id order so two writers never wait on each other.
    dbs.execute(
        select(Speaker.id).where(Speaker.id.in_(speaker_ids)).order_by(Speaker.id)
        .with_for_update()
    )
    found = first_speaking_slot(dbs, speaker_ids, starts_at, ends_at,
                                except_session_id=session_id)
    if found is not None:
        other, speaker_id = found
        speaker = dbs.get(Speaker, speaker_id)
        raise Conflict(
            _l("%(speaker)s already speaks in %(other)s.",
               speaker=speaker.display_name(current_language()),
               other=clash_label(other, zone)),
            field="speakers", session_id=other.id, speaker_id=speaker_id,
        )


def check_holders_stay_free(
    dbs: DbSession, event: Event, *, session_id: int | None, subforum_id: int | None,
    starts_at: datetime, ends_at: datetime,
) -> None:
    """Before organizers put a session at a time: refuse when people holding or waiting for a
    seat in it (its sub-forum's seats, or its own) would then be due elsewhere at once, in a
    session of another of their seats or at an accepted 1:1 meeting. What participants were
    told stays true; the refusal says how many are concerned and where."""
    clash = holders_clash(dbs, session_id=session_id, subforum_id=subforum_id,
                          start=starts_at, end=ends_at)
    if clash is None:
        return
    if clash.session is not None:
        raise Conflict(
            _l("%(count)s participant(s) with a seat here also have one in %(other)s, which "
               "would then run at the same time: they must give one up first (see the roster).",
               count=clash.count, other=clash_label(clash.session, event.timezone)),
            field="starts_at", session_id=clash.session.id)
    raise Conflict(_l("%(count)s accepted 1:1 meeting(s) of participants with a seat here "
                      "would then overlap this session: they must move them first.",
                      count=clash.count), field="starts_at")
