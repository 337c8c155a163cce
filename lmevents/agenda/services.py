"""Programme operations: create, edit, move, cancel and restore sessions, with a change log.

The rules they apply are in lmevents.agenda.scheduling. Services flush but never commit: the
caller (a view, an API endpoint or the CLI) commits once.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session as DbSession
from sqlalchemy.orm import selectinload, subqueryload

from lmevents.agenda.interpretation import check_language
from lmevents.agenda.models import (
    Session,
    SessionChange,
    SessionKind,
    SessionSpeaker,
    SessionStatus,
    SessionTopic,
    SpeakerRole,
    VirtualRoom,
)
from lmevents.agenda.scheduling import (
    check_holders_stay_free,
    check_schedule,
    check_speakers_free,
    check_times,
    load_room,
    load_subforum,
)
from lmevents.auth.models import User
from lmevents.core.models import utcnow
from lmevents.core.timezones import get_zone, local_bounds
from lmevents.core.validation import require_either
from lmevents.errors import Conflict, Faults, Invalid, NotFound
from lmevents.events.models import Event
from lmevents.registration.seats import fill_free_seats
from lmevents.speakers.models import Speaker
from lmevents.subforums.models import SubForum
from lmevents.webhooks.models import Kind
from lmevents.webhooks.payloads import announce_session

# Changes to these fields alter what a calendar shows: they bump the revision (ICS SEQUENCE).
SIGNIFICANT_FIELDS = ("starts_at", "ends_at", "room_id", "title_zh", "title_en", "status")
EDITABLE_FIELDS = (
    "kind",
    "title_zh",
    "title_en",
    "description_zh",
    "description_en",
    "starts_at",
    "ends_at",
    "room_id",
    "subforum_id",
    "capacity",
    "floor_language",
)


@dataclass
class SpeakerEntry:
    """A speaker's place in a session, as given by an organizer."""

    speaker_id: int
    role: SpeakerRole
    talk_title_zh: str | None = None
    talk_title_en: str | None = None


@dataclass
class TopicEntry:
    title_zh: str | None = None
    title_en: str | None = None


@dataclass
class SessionInput:
    kind: SessionKind
    starts_at: datetime
    ends_at: datetime
    title_zh: str | None = None
    title_en: str | None = None
    description_zh: str | None = None
    description_en: str | None = None
    room_id: int | None = None
    subforum_id: int | None = None
    capacity: int | None = None
    # The language spoken, when not its room's.
    floor_language: str | None = None
    speakers: list[SpeakerEntry] = field(default_factory=list)
    topics: list[TopicEntry] = field(default_factory=list)


def _speaker_rows(dbs: DbSession, entries: list[SpeakerEntry]) -> list[SessionSpeaker]:
    seen: set[int] = set()
    ids = [entry.speaker_id for entry in entries]
    known = {s.id for s in dbs.scalars(select(Speaker).where(Speaker.id.in_(ids)))}
    rows = []
    for position, entry in enumerate(entries):
        if entry.speaker_id not in known:
            raise Invalid(_l("Speaker %(id)s does not exist.", id=entry.speaker_id),
                          field="speakers")
        if entry.speaker_id in seen:
            raise Invalid(_l("Speaker %(id)s is listed twice.", id=entry.speaker_id),
                          field="speakers")
        seen.add(entry.speaker_id)
        rows.append(SessionSpeaker(
            speaker_id=entry.speaker_id,
            role=SpeakerRole(entry.role),
            position=position,
            talk_title_zh=entry.talk_title_zh or None,
            talk_title_en=entry.talk_title_en or None,
        ))
    return rows


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    return value


def _record(dbs: DbSession, session: Session, action: str, changes: dict, actor: User | None):
    dbs.add(SessionChange(
        session=session,
        action=action,
        changes={k: [_jsonable(old), _jsonable(new)] for k, (old, new) in changes.items()},
        revision=session.revision,
        changed_at=utcnow(),
        changed_by_id=actor.id if actor else None,
    ))


def _check_capacity(capacity: int | None) -> None:
    if capacity is not None and capacity < 0:
        raise Invalid(_l("Capacity cannot be negative."), field="capacity")


def check_session_input(dbs: DbSession, event: Event, data: SessionInput) -> None:
    """The rules of a session's own fields, every fault at once (Faults): a title, a capacity,
    times inside the event, a room, a sub-forum and speakers of this event. Clashes with other
    sessions need a whole, valid input: `check_schedule` names them after."""
    faults = Faults()
    with faults.caught():
        require_either(data.title_zh, data.title_en, field="title_en")
    with faults.caught():
        _check_capacity(data.capacity)
    with faults.caught():
        check_language(data.floor_language or None, "floor_language")
    if data.starts_at is not None and data.ends_at is not None:
        with faults.caught():
            check_times(event, data.starts_at, data.ends_at)
    with faults.caught():
        load_room(dbs, event, data.room_id)
    with faults.caught():
        load_subforum(dbs, event, data.subforum_id)
    with faults.caught():
        _speaker_rows(dbs, data.speakers)
    faults.raise_any()


def create_session(
    dbs: DbSession, event: Event, data: SessionInput, actor: User | None = None
) -> Session:
    """Add a session to the programme after checking every scheduling rule."""
    check_session_input(dbs, event, data)
    speakers = _speaker_rows(dbs, data.speakers)
    room_id = data.room_id
    if room_id is None:
        # A sub-forum's session meets in the sub-forum's room unless told otherwise.
        subforum = load_subforum(dbs, event, data.subforum_id)
        room_id = subforum.room_id if subforum is not None else None
    check_schedule(
        dbs, event, session_id=None, kind=data.kind, starts_at=data.starts_at,
        ends_at=data.ends_at, room_id=room_id, subforum_id=data.subforum_id,
        speaker_ids=[s.speaker_id for s in speakers],
    )
    check_holders_stay_free(dbs, event, session_id=None, subforum_id=data.subforum_id,
                            starts_at=data.starts_at, ends_at=data.ends_at)
    session = Session(
        event=event,
        kind=SessionKind(data.kind),
        status=SessionStatus.SCHEDULED,
        revision=0,
        title_zh=data.title_zh or None,
        title_en=data.title_en or None,
        description_zh=data.description_zh or None,
        description_en=data.description_en or None,
        starts_at=data.starts_at,
        ends_at=data.ends_at,
        room_id=room_id,
        subforum_id=data.subforum_id,
        capacity=data.capacity,
        floor_language=data.floor_language or None,
        speakers=speakers,
        topics=[
            SessionTopic(position=i, title_zh=t.title_zh or None, title_en=t.title_en or None)
            for i, t in enumerate(data.topics)
        ],
    )
    dbs.add(session)
    _record(dbs, session, "created", {}, actor)
    dbs.flush()
    announce_session(dbs, session, Kind.SESSION_CREATED)
    return session


def _apply(
    dbs: DbSession, session: Session, action: str, changes: dict, actor: User | None,
    done: dict | None = None,
):
    """Write `changes` ({field: new value}), bump the revision if calendars must follow, and
    log them in one entry together with `done` ({field: (old, new)} already written)."""
    diff = dict(done or {})
    for name, new in changes.items():
        old = getattr(session, name)
        if old != new:
            diff[name] = (old, new)
            setattr(session, name, new)
    if not diff:
        return diff
    if session.event.first_published_at is not None and any(
        name in SIGNIFICANT_FIELDS for name in diff
    ):
        session.revision += 1
    session.updated_at = utcnow()
    _record(dbs, session, action, diff, actor)
    dbs.flush()
    announce_session(dbs, session, Kind.SESSION_CANCELLED if action == "cancelled"
                     else Kind.SESSION_CHANGED)
    return diff


def update_session(
    dbs: DbSession,
    session: Session,
    changes: dict[str, Any],
    actor: User | None = None,
    speakers: list[SpeakerEntry] | None = None,
) -> dict:
    """Edit or move a session, optionally with a new speaker list checked at the new time;
    returns {field: (old, new)} of what changed."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        name = sorted(unknown)[0]
        raise Invalid(_l("'%(field)s' cannot be changed here.", field=name), field=name)
    merged = {name: getattr(session, name) for name in EDITABLE_FIELDS} | changes
    for name in ("title_zh", "title_en", "description_zh", "description_en"):
        merged[name] = merged[name] or None
    merged["kind"] = SessionKind(merged["kind"])
    require_either(merged["title_zh"], merged["title_en"], field="title_en")
    _check_capacity(merged["capacity"])
    merged["floor_language"] = merged["floor_language"] or None
    check_language(merged["floor_language"], "floor_language")
    rows = None if speakers is None else _speaker_rows(dbs, speakers)
    speaker_ids = [r.speaker_id for r in (session.speakers if rows is None else rows)]
    if not session.is_cancelled:
        check_schedule(
            dbs, session.event, session_id=session.id, kind=merged["kind"],
            starts_at=merged["starts_at"], ends_at=merged["ends_at"],
            room_id=merged["room_id"], subforum_id=merged["subforum_id"],
            speaker_ids=speaker_ids,
        )
        if any(merged[name] != getattr(session, name)
               for name in ("starts_at", "ends_at", "subforum_id")):
            check_holders_stay_free(dbs, session.event, session_id=session.id,
                                    subforum_id=merged["subforum_id"],
                                    starts_at=merged["starts_at"], ends_at=merged["ends_at"])
    else:
        check_times(session.event, merged["starts_at"], merged["ends_at"])
    done = {} if rows is None else _replace_speakers(dbs, session, rows)
    diff = _apply(dbs, session, "modified", merged, actor, done)
    if "capacity" in diff:
        # More room (or no limit any more) goes to the waiting list at once.
        fill_free_seats(dbs, session)
    return diff


def cancel_session(dbs: DbSession, session: Session, actor: User | None = None) -> None:
    """Cancel without deleting: calendars must see STATUS:CANCELLED to drop it."""
    if session.is_cancelled:
        raise Conflict(_l("The session is already cancelled."), field="status")
    _apply(dbs, session, "cancelled", {"status": SessionStatus.CANCELLED}, actor)


def restore_session(dbs: DbSession, session: Session, actor: User | None = None) -> None:
    """Put a cancelled session back, if its place is still free."""
    if not session.is_cancelled:
        raise Conflict(_l("The session is not cancelled."), field="status")
    check_schedule(
        dbs, session.event, session_id=session.id, kind=session.kind,
        starts_at=session.starts_at, ends_at=session.ends_at, room_id=session.room_id,
        subforum_id=session.subforum_id, speaker_ids=[s.speaker_id for s in session.speakers],
    )
    check_holders_stay_free(dbs, session.event, session_id=session.id,
                            subforum_id=session.subforum_id,
                            starts_at=session.starts_at, ends_at=session.ends_at)
    _apply(dbs, session, "restored", {"status": SessionStatus.SCHEDULED}, actor)


def set_session_speakers(
    dbs: DbSession, session: Session, entries: list[SpeakerEntry], actor: User | None = None
) -> None:
    """Replace the session's speakers with `entries`, in that order."""
    rows = _speaker_rows(dbs, entries)
    if not session.is_cancelled:
        check_speakers_free(
            dbs, [r.speaker_id for r in rows], session.starts_at, session.ends_at, session.id,
            session.event.timezone,
        )
    _apply(dbs, session, "modified", {}, actor, _replace_speakers(dbs, session, rows))


def _replace_speakers(dbs: DbSession, session: Session, rows: list[SessionSpeaker]) -> dict:
    """Put `rows` in place of the session's speakers; {"speakers": (old, new)} if different."""
    before = [(s.speaker_id, s.role.value) for s in session.speakers]
    after = [(r.speaker_id, r.role.value) for r in rows]
    session.speakers.clear()
    dbs.flush()  # the unique (session, speaker) pair must be free before re-adding
    session.speakers.extend(rows)
    dbs.flush()
    return {"speakers": (before, after)} if before != after else {}


def set_session_topics(dbs: DbSession, session: Session, topics: list[TopicEntry]) -> None:
    session.topics.clear()
    dbs.flush()
    session.topics.extend(
        SessionTopic(position=i, title_zh=t.title_zh or None, title_en=t.title_en or None)
        for i, t in enumerate(topics)
        if (t.title_zh or t.title_en)
    )
    dbs.flush()


def get_session(dbs: DbSession, event: Event, session_id: int) -> Session:
    session = dbs.get(Session, session_id)
    if session is None or session.event_id != event.id:
        raise NotFound(_l("No session %(id)s in this event.", id=session_id))
    return session


# `track` of `programme`: the sessions outside every sub-forum.
PLENARY = "plenary"


def programme(dbs: DbSession, event: Event, include_cancelled: bool = True, *,
              day: date | None = None, track: SubForum | str | None = None) -> list[Session]:
    """The programme of an event, loaded in a fixed number of queries: all of it, or the
    sessions starting on `day` (in the event's zone) and in `track` (a sub-forum, or PLENARY
    for those outside every sub-forum)."""
    stmt = (
        select(Session)
        .where(Session.event_id == event.id)
        .options(
            # Many-to-one: a few rooms and sub-forums, loaded by their ids, with the rooms'
            # interpretation channels.
            selectinload(Session.room).selectinload(VirtualRoom.channels),
            selectinload(Session.subforum).selectinload(SubForum.room)
            .selectinload(VirtualRoom.channels),
            # Collections of every session: one statement each however many sessions there
            # are (loading by ids would take one per 500 sessions).
            subqueryload(Session.topics),
            subqueryload(Session.speakers).joinedload(SessionSpeaker.speaker),
        )
        .order_by(Session.starts_at, Session.id)
    )
    if not include_cancelled:
        stmt = stmt.where(Session.status != SessionStatus.CANCELLED)
    if day is not None:
        first, after = local_bounds(day, day, get_zone(event.timezone))
        stmt = stmt.where(Session.starts_at >= first, Session.starts_at < after)
    if track == PLENARY:
        stmt = stmt.where(Session.subforum_id.is_(None))
    elif isinstance(track, SubForum):
        stmt = stmt.where(Session.subforum_id == track.id)
    return list(dbs.scalars(stmt))


def count_sessions(dbs: DbSession, event: Event) -> int:
    return dbs.scalar(select(func.count()).select_from(Session)
                      .where(Session.event_id == event.id))


def session_history(dbs: DbSession, session: Session) -> list[SessionChange]:
    """The session's change log, oldest first, with who made each change."""
    return list(dbs.scalars(
        select(SessionChange).where(SessionChange.session_id == session.id)
        .options(selectinload(SessionChange.changed_by))
        .order_by(SessionChange.id)
    ))
