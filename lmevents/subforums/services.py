"""Sub-forums: create and edit them, their topics and moderators (seats: lmevents.registration)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session as DbSession
from sqlalchemy.orm import selectinload

from lmevents.agenda.models import Session, SessionSpeaker, VirtualRoom
from lmevents.agenda.services import TopicEntry
from lmevents.core.validation import require_either
from lmevents.errors import Conflict, Faults, Invalid, NotFound
from lmevents.events.models import Event
from lmevents.registration.seats import fill_free_seats
from lmevents.speakers.models import Speaker
from lmevents.subforums.models import SubForum, SubForumModerator, SubForumTopic

CODE_RE = re.compile(r"^[A-Za-z0-9-]{1,10}$")


@dataclass
class SubForumInput:
    code: str
    title_zh: str | None = None
    title_en: str | None = None
    description_zh: str | None = None
    description_en: str | None = None
    room_id: int | None = None
    capacity: int | None = None
    position: int = 0
    topics: list[TopicEntry] = field(default_factory=list)
    moderator_ids: list[int] = field(default_factory=list)


def check_subforum(dbs: DbSession, event: Event, data: SubForumInput,
                   subforum: SubForum | None) -> None:
    """Every fault of a sub-forum's input at once (Faults)."""
    faults = Faults()
    if not CODE_RE.match(data.code or ""):
        faults.add(Invalid(_l("A short code of 1–10 letters, digits or hyphens, e.g. 'A'."),
                           field="code"))
    else:
        # Codes are labels people read aloud: "a" and "A" are the same sub-forum.
        clash = dbs.scalar(
            select(SubForum).where(SubForum.event_id == event.id,
                                   SubForum.code == data.code.upper())
        )
        if clash is not None and clash is not subforum:
            faults.add(Conflict(_l("Sub-forum '%(code)s' already exists in this event.",
                                   code=data.code), field="code"))
    with faults.caught():
        require_either(data.title_zh, data.title_en, field="title_en")
    if data.capacity is not None and data.capacity < 0:
        faults.add(Invalid(_l("Capacity cannot be negative."), field="capacity"))
    if data.room_id is not None:
        room = dbs.get(VirtualRoom, data.room_id)
        if room is None or room.event_id != event.id:
            faults.add(Invalid(_l("Virtual room %(id)s does not belong to this event.",
                                  id=data.room_id), field="room_id"))
    known = set(dbs.scalars(select(Speaker.id).where(Speaker.id.in_(data.moderator_ids))))
    if len(set(data.moderator_ids)) != len(data.moderator_ids):
        faults.add(Invalid(_l("A moderator is listed twice."), field="moderator_ids"))
    elif missing := [i for i in data.moderator_ids if i not in known]:
        faults.add(Invalid(_l("Speaker %(id)s does not exist.", id=missing[0]),
                           field="moderator_ids"))
    faults.raise_any()


def _assign(dbs: DbSession, subforum: SubForum, data: SubForumInput) -> None:
    subforum.code = data.code.upper()
    subforum.position = data.position
    for name in ("title_zh", "title_en", "description_zh", "description_en"):
        setattr(subforum, name, (getattr(data, name) or "").strip() or None)
    subforum.room_id = data.room_id
    subforum.capacity = data.capacity
    subforum.topics.clear()
    subforum.moderators.clear()
    dbs.flush()
    subforum.topics.extend(
        SubForumTopic(position=i, title_zh=t.title_zh or None, title_en=t.title_en or None)
        for i, t in enumerate(data.topics)
        if t.title_zh or t.title_en
    )
    subforum.moderators.extend(
        SubForumModerator(position=i, speaker_id=speaker_id)
        for i, speaker_id in enumerate(data.moderator_ids)
    )


def create_subforum(dbs: DbSession, event: Event, data: SubForumInput) -> SubForum:
    check_subforum(dbs, event, data, None)
    subforum = SubForum(event=event)
    dbs.add(subforum)
    _assign(dbs, subforum, data)
    dbs.flush()
    return subforum


def update_subforum(dbs: DbSession, subforum: SubForum, data: SubForumInput) -> SubForum:
    check_subforum(dbs, subforum.event, data, subforum)
    capacity = subforum.capacity
    _assign(dbs, subforum, data)
    dbs.flush()
    if subforum.capacity != capacity:
        # More room (or no limit any more) goes to the waiting list at once.
        fill_free_seats(dbs, subforum)
    return subforum


def delete_subforum(dbs: DbSession, subforum: SubForum) -> None:
    """Delete a sub-forum without sessions; one with sessions is refused."""
    count = dbs.scalar(select(func.count()).where(Session.subforum_id == subforum.id))
    if count:
        raise Conflict(
            _l("Sub-forum '%(code)s' still has %(count)s session(s): move or delete them.",
               code=subforum.code, count=count),
            field="sessions",
        )
    dbs.delete(subforum)
    dbs.flush()


def _loaded():
    return (
        selectinload(SubForum.room),
        selectinload(SubForum.topics),
        selectinload(SubForum.moderators).selectinload(SubForumModerator.speaker),
        selectinload(SubForum.sessions).selectinload(Session.speakers)
        .selectinload(SessionSpeaker.speaker),
        selectinload(SubForum.sessions).selectinload(Session.room),
        selectinload(SubForum.sessions).selectinload(Session.topics),
    )


def event_subforums(dbs: DbSession, event: Event) -> list[SubForum]:
    """All sub-forums of an event with what their pages show, in a fixed number of queries."""
    return list(dbs.scalars(
        select(SubForum).where(SubForum.event_id == event.id).options(*_loaded())
        .order_by(SubForum.position, SubForum.code)
    ))


def subforum_titles(dbs: DbSession, event: Event) -> list[SubForum]:
    """The event's sub-forums alone, for links and menus (nothing eager-loaded)."""
    return list(dbs.scalars(
        select(SubForum).where(SubForum.event_id == event.id)
        .order_by(SubForum.position, SubForum.code)
    ))


def subforum_code(dbs: DbSession, event: Event, subforum_id: int) -> str:
    """The sub-forum's code alone (one small query), NotFound as `get_subforum`."""
    code = dbs.scalar(select(SubForum.code).where(SubForum.id == subforum_id,
                                                  SubForum.event_id == event.id))
    if code is None:
        raise NotFound(_l("No sub-forum %(id)s in this event.", id=subforum_id))
    return code


def get_subforum(dbs: DbSession, event: Event, subforum_id: int, *,
                 seats_only: bool = False) -> SubForum:
    """The sub-forum with what its page shows; `seats_only`: with its sessions alone, what a
    seat is decided on (their times and status), so a seat request loads little."""
    subforum = dbs.scalar(
        select(SubForum).where(SubForum.id == subforum_id, SubForum.event_id == event.id)
        .options(*((selectinload(SubForum.sessions),) if seats_only else _loaded()))
    )
    if subforum is None:
        raise NotFound(_l("No sub-forum %(id)s in this event.", id=subforum_id))
    return subforum
