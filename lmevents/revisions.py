"""Version counters for what pages, feeds and exports show, so a cache or an ETag asks one
small question (has it changed?) instead of rendering to find out.

- `Event.programme_version`: anything the event's programme shows: the event itself, its
  sessions and their speakers and topics, rooms, sub-forums, speakers (and their invitations),
  the exchange's topics and presentations, the rooms' interpretation. Not registrations nor
  seats: the kept views do not show them, so a rush for seats leaves every kept page and
  feed in place.
- `User.feed_version`: what only that person's agenda and feed show: their registrations,
  seats and meetings, their zone and language.

Every flushed change is traced to the events and people it touches; the counters rise once
per transaction, just before it commits, in that transaction: a reader sees the new data and
the new version together, never one without the other. Changes that no cached view shows
(needs, questions and votes, mail, webhooks, the audit log) leave them alone."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any, Protocol

from flask_sqlalchemy.session import Session as FlaskSession
from sqlalchemy import event as sa_event
from sqlalchemy import inspect, select, union, update
from sqlalchemy.orm import Session as DbSession

from lmevents.agenda.models import (
    InterpretationChannel,
    Session,
    SessionSpeaker,
    SessionTopic,
    VirtualRoom,
)
from lmevents.auth.models import User
from lmevents.events.models import Event, EventContact, EventHost
from lmevents.exchange.models import ExchangeTopic, MeetingProposal, MeetingRequest, Presentation
from lmevents.registration.models import Registration, Seat
from lmevents.speakers.models import EventSpeaker, Speaker, SpeakerPhoto
from lmevents.subforums.models import SubForum, SubForumModerator, SubForumTopic

_EVENTS = "lmevents.revisions.events"
_PEOPLE = "lmevents.revisions.people"


def _parent(dbs: DbSession, model, key):
    return None if key is None else dbs.get(model, key)


def _session_event(dbs: DbSession, session_id) -> list[int]:
    session = _parent(dbs, Session, session_id)
    return [session.event_id] if session is not None else []


def _speaker_events(dbs: DbSession, speaker_id) -> list[int]:
    """A registry speaker shows in every event that lists them."""
    return list(dbs.scalars(union(
        select(Session.event_id).join(SessionSpeaker)
        .where(SessionSpeaker.speaker_id == speaker_id),
        select(EventSpeaker.event_id).where(EventSpeaker.speaker_id == speaker_id),
        select(SubForum.event_id).join(SubForumModerator)
        .where(SubForumModerator.speaker_id == speaker_id),
    )))


def _topic_event(dbs: DbSession, topic_id) -> list[int]:
    topic = _parent(dbs, ExchangeTopic, topic_id)
    return _session_event(dbs, topic.session_id) if topic is not None else []


def _subforum_event(dbs: DbSession, subforum_id) -> list[int]:
    subforum = _parent(dbs, SubForum, subforum_id)
    return [subforum.event_id] if subforum is not None else []


def _seat_registration(dbs: DbSession, seat: Seat) -> Registration | None:
    return _parent(dbs, Registration, seat.registration_id)


# How a changed row reaches the events whose programme shows it.
EVENTS_OF: dict[type, Callable[[DbSession, Any], Iterable[int]]] = {
    Event: lambda dbs, o: [o.id],
    Session: lambda dbs, o: [o.event_id],
    VirtualRoom: lambda dbs, o: [o.event_id],
    SubForum: lambda dbs, o: [o.event_id],
    EventHost: lambda dbs, o: [o.event_id],
    EventContact: lambda dbs, o: [o.event_id],
    EventSpeaker: lambda dbs, o: [o.event_id],
    SessionSpeaker: lambda dbs, o: _session_event(dbs, o.session_id),
    SessionTopic: lambda dbs, o: _session_event(dbs, o.session_id),
    SubForumTopic: lambda dbs, o: _subforum_event(dbs, o.subforum_id),
    InterpretationChannel: lambda dbs, o: [r.event_id] if (
        r := _parent(dbs, VirtualRoom, o.room_id)) else [],
    SubForumModerator: lambda dbs, o: _subforum_event(dbs, o.subforum_id),
    ExchangeTopic: lambda dbs, o: _session_event(dbs, o.session_id),
    Presentation: lambda dbs, o: _topic_event(dbs, o.topic_id),
    Speaker: lambda dbs, o: _speaker_events(dbs, o.id),
    SpeakerPhoto: lambda dbs, o: _speaker_events(dbs, o.speaker_id),
}


def _meeting_people(dbs: DbSession, meeting_id) -> list[int]:
    meeting = _parent(dbs, MeetingRequest, meeting_id)
    return [meeting.requester_id, meeting.recipient_id] if meeting is not None else []


# How a changed row reaches the people whose own agenda and feed show it.
PEOPLE_OF: dict[type, Callable[[DbSession, Any], Iterable[int]]] = {
    User: lambda dbs, o: [o.id],
    Registration: lambda dbs, o: [o.user_id],
    Seat: lambda dbs, o: [r.user_id] if (r := _seat_registration(dbs, o)) else [],
    MeetingRequest: lambda dbs, o: [o.requester_id, o.recipient_id],
    MeetingProposal: lambda dbs, o: _meeting_people(dbs, o.request_id),
}

# A change of only these leaves what is shown as it was.
_QUIET = {Event: {"programme_version", "updated_at"},
          User: {"feed_version", "session_version", "password_hash"}}


def _changed(obj) -> bool:
    quiet = _QUIET.get(type(obj))
    return not quiet or any(attr.history.has_changes()
                            for name, attr in inspect(obj).attrs.items() if name not in quiet)


def _note(dbs: DbSession, flush_context) -> None:
    events: set[int] = dbs.info.setdefault(_EVENTS, set())
    people: set[int] = dbs.info.setdefault(_PEOPLE, set())
    with dbs.no_autoflush:
        for obj in (*dbs.new, *dbs.deleted, *(o for o in dbs.dirty if dbs.is_modified(o))):
            kind = type(obj)
            if kind not in EVENTS_OF and kind not in PEOPLE_OF:
                continue
            if obj not in dbs.new and obj not in dbs.deleted and not _changed(obj):
                continue
            if kind in EVENTS_OF:
                events.update(i for i in EVENTS_OF[kind](dbs, obj) if i is not None)
            if kind in PEOPLE_OF:
                people.update(i for i in PEOPLE_OF[kind](dbs, obj) if i is not None)


def _bump(dbs: DbSession) -> None:
    dbs.flush()  # the last changes, noted by _note
    events, people = dbs.info.pop(_EVENTS, set()), dbs.info.pop(_PEOPLE, set())
    if events:
        dbs.execute(update(Event).where(Event.id.in_(sorted(events)))
                    .values(programme_version=Event.programme_version + 1)
                    .execution_options(synchronize_session=False))
    if people:
        dbs.execute(update(User).where(User.id.in_(sorted(people)))
                    .values(feed_version=User.feed_version + 1)
                    .execution_options(synchronize_session=False))


def _forget(dbs: DbSession, *args) -> None:
    dbs.info.pop(_EVENTS, None)
    dbs.info.pop(_PEOPLE, None)


def track_versions() -> None:
    """Listen on every session Flask-SQLAlchemy makes (once, whatever the number of apps)."""
    for name, listener in (("after_flush", _note), ("before_commit", _bump),
                           ("after_rollback", _forget)):
        if not sa_event.contains(FlaskSession, name, listener):
            sa_event.listen(FlaskSession, name, listener)


class Versioned(Protocol):
    """An event, or the few columns of its row a cache looks at."""

    programme_version: int
    created_at: datetime


def event_version(event: Versioned) -> str:
    """What a kept copy of the event's programme is keyed by: its version, and its creation,
    so a database loaded afresh (versions from 0 again) never meets an older copy."""
    return f"v{event.programme_version}|v{event.created_at.timestamp():.6f}"
