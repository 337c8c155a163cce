"""Virtual rooms: the online meeting places sessions and sub-forums happen in."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session as DbSession

from lmevents.agenda.interpretation import assign_channels, check_interpretation
from lmevents.agenda.models import Platform, Session, VirtualRoom
from lmevents.core.text import current_language
from lmevents.core.validation import check_web_url, require_either
from lmevents.errors import Conflict, Faults, NotFound
from lmevents.events.models import Event


@dataclass
class RoomInput:
    name_zh: str | None = None
    name_en: str | None = None
    platform: Platform = Platform.OTHER
    join_url: str | None = None
    meeting_id: str | None = None
    passcode: str | None = None
    # The language its sessions are held in, and how to hear each interpretation.
    floor_language: str | None = None
    channels: list = field(default_factory=list)


def check_room(data: RoomInput) -> None:
    """Every fault of a room's input at once (Faults)."""
    faults = Faults()
    with faults.caught():
        require_either(data.name_zh, data.name_en, field="name_en",
                       refusal=_l("A room name is required, in Chinese or English (or both)."))
    with faults.caught():
        check_web_url(data.join_url, "join_url", _l(
            "The join URL must start with https:// or http:// and name a web host."))
    check_interpretation(data.floor_language, data.channels, faults)
    faults.raise_any()


def create_room(dbs: DbSession, event: Event, data: RoomInput) -> VirtualRoom:
    check_room(data)
    room = VirtualRoom(event=event)
    _assign(room, data)
    dbs.add(room)
    dbs.flush()
    return room


def update_room(dbs: DbSession, room: VirtualRoom, data: RoomInput) -> VirtualRoom:
    check_room(data)
    _assign(room, data)
    dbs.flush()
    return room


def _assign(room: VirtualRoom, data: RoomInput) -> None:
    room.name_zh = data.name_zh or None
    room.name_en = data.name_en or None
    room.platform = Platform(data.platform)
    room.join_url = data.join_url or None
    room.meeting_id = data.meeting_id or None
    room.passcode = data.passcode or None
    room.floor_language = data.floor_language or None
    assign_channels(room, data.channels)


def delete_room(dbs: DbSession, room: VirtualRoom) -> None:
    """Delete an unused room; a room that sessions use is refused."""
    used = dbs.scalar(select(func.count()).where(Session.room_id == room.id))
    if used:
        raise Conflict(_l("Room '%(room)s' is used by %(count)s session(s).",
                          room=room.text("name", current_language()), count=used),
                       field="room")
    dbs.delete(room)
    dbs.flush()


def event_rooms(dbs: DbSession, event: Event) -> list[VirtualRoom]:
    return list(dbs.scalars(
        select(VirtualRoom).where(VirtualRoom.event_id == event.id).order_by(VirtualRoom.id)
    ))


def get_room(dbs: DbSession, event: Event, room_id: int) -> VirtualRoom:
    room = dbs.get(VirtualRoom, room_id)
    if room is None or room.event_id != event.id:
        raise NotFound(_l("No room %(id)s in this event.", id=room_id))
    return room
