"""The programme as conference schedule apps read it (Giggity, EventFahrplan, ConfClerk, the
c3voc tools, info-beamer): the conference, its days, its virtual rooms as the rooms, and in
each the sessions (the apps' "events"), in one language. The exporters write it as c3voc
schedule JSON and frab schedule XML, with the same identities in both:

- a session's guid is a UUID made from its calendar UID (c3voc wants UUIDs; a UID need not
  be one), so it stays through renames and moves as the UID does;
- a speaker's is made from their id in the speaker registry, the same in every event.

Join details are for registered participants only: nothing here holds them.
"""

from __future__ import annotations

import math
import re
import unicodedata
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from flask_babel import gettext as _

from lmevents.agenda.labels import KIND_LABELS
from lmevents.agenda.layout import agenda_days
from lmevents.agenda.models import Session, VirtualRoom
from lmevents.calendar.notes import public_speakers, speakers_note, topics_note
from lmevents.core.timezones import local_bounds
from lmevents.events.models import Event

if TYPE_CHECKING:
    from lmevents.calendar.exporters import Entry

# The name space of every guid this app writes (name-based UUIDs, RFC 9562 §5.5): the same
# key always gives the same guid.
SCHEDULE_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:lmevents:schedule")
# frab's XSD wants an acronym of at least four characters, and as many after the first hyphen
# of a session's slug.
SHORTEST = 4
SLUG_TITLE = 60  # characters of the English title kept in a session's slug
HOUR = 60


def schedule_guid(key: str) -> str:
    """The UUID schedule apps know the thing with this stable key by."""
    return str(uuid.uuid5(SCHEDULE_NAMESPACE, key))


def session_guid(session: Session) -> str:
    """The session's guid: its calendar UID made into a UUID."""
    return schedule_guid(f"session:{session.uid}")


def speaker_guid(speaker_id: int) -> str:
    return schedule_guid(f"speaker:{speaker_id}")


def room_guid(event: Event, room: VirtualRoom | None) -> str:
    return schedule_guid(f"room:{room.id}" if room is not None else f"event:{event.id}:no-room")


def schedule_acronym(event: Event) -> str:
    """The event's slug in the letters c3voc's JSON schema allows in an acronym (hyphens
    become underscores), padded to the shortest length frab's XSD accepts."""
    return event.slug.replace("-", "_").ljust(SHORTEST, "_")


def session_slug(session: Session, acronym: str) -> str:
    """'<acronym>-<id>-<English title in ASCII words>', as frab makes slugs; the session's kind
    stands in for a title without (enough) Latin letters."""
    ascii_title = unicodedata.normalize("NFKD", session.title_en or "").encode(
        "ascii", "ignore").decode().lower()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_title).strip("-")[:SLUG_TITLE].rstrip("-")
    if len(words) < SHORTEST:
        words = session.kind.value
    return f"{acronym}-{session.id}-{words}"


def schedule_version(event: Event, sessions: list[Session]) -> str:
    """Changes whenever the programme does, and rises when a session is moved, renamed,
    cancelled or restored: the sum of the sessions' revisions (cancelled sessions count:
    cancelling is a change) and the time of the last change."""
    total = sum(session.revision for session in sessions)
    last = max([event.updated_at, *(session.updated_at for session in sessions)])
    return f"rev {total}, {last.astimezone(UTC):%Y-%m-%d %H:%M:%S} UTC"


def timeslot_minutes(sessions: list[Session], zone: ZoneInfo) -> int:
    """The grid every session fits: the largest step (at most an hour) that divides each
    start's minutes and each duration."""
    steps = []
    for session in sessions:
        steps.append(session.starts_at.astimezone(zone).minute)
        steps.append(int((session.ends_at - session.starts_at).total_seconds()) // 60)
    return math.gcd(HOUR, *steps)


def hours_minutes(minutes: int) -> str:
    """'01:30': a duration as schedules write it."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def shown_language(session: Session, lang: str) -> str:
    """The language the session's title is shown in when read in `lang` (a title missing in
    one language is shown in the other)."""
    other = "zh" if lang == "en" else "en"
    if getattr(session, f"title_{lang}", None) or not getattr(session, f"title_{other}", None):
        return lang
    return other


@dataclass
class ScheduleLinks:
    """Where the public pages are, from the configured public address."""

    event: str
    session: Callable[[Session], str]
    speaker: Callable[[int], str]


@dataclass
class Room:
    name: str
    guid: str


@dataclass
class Person:
    id: int
    guid: str
    name: str
    url: str


@dataclass
class Talk:
    """One session as schedule apps show it (their "event"); times in the event's zone."""

    id: int
    guid: str
    starts_at: datetime
    ends_at: datetime
    room: Room
    slug: str
    url: str
    title: str
    track: str
    type: str
    language: str
    abstract: str
    description: str
    persons: list[Person]
    links: list[tuple[str, str]]  # (url, title)
    subtitle: str = ""

    @property
    def start(self) -> str:
        return f"{self.starts_at:%H:%M}"

    @property
    def duration(self) -> str:
        return hours_minutes(int((self.ends_at - self.starts_at).total_seconds()) // 60)


@dataclass
class Day:
    index: int  # from 1
    date: date
    starts_at: datetime
    ends_at: datetime
    rooms: list[tuple[Room, list[Talk]]] = field(default_factory=list)


@dataclass
class Schedule:
    version: str
    acronym: str
    title: str
    start: date
    end: date
    zone_name: str
    timeslot: str
    url: str
    rooms: list[Room]
    days: list[Day]


def build_schedule(event: Event, entries: list[Entry], lang: str,
                   links: ScheduleLinks) -> Schedule:
    """The schedule of the event's public programme in `lang`, cancelled sessions left out
    (call inside `written_for(lang)`)."""
    zone = ZoneInfo(event.timezone)
    acronym = schedule_acronym(event)
    shown = [entry for entry in entries if not entry.session.is_cancelled]
    rooms = _rooms(event, [entry.session for entry in shown], zone, lang)
    talks = [_talk(entry, rooms, zone, lang, acronym, links) for entry in
             sorted(shown, key=lambda e: (e.session.starts_at, e.session.id))]
    return Schedule(
        version=schedule_version(event, [entry.session for entry in entries]),
        acronym=acronym,
        title=event.text("title", lang),
        start=event.start_date,
        end=event.end_date,
        zone_name=event.timezone,
        timeslot=hours_minutes(timeslot_minutes([entry.session for entry in shown], zone)),
        url=links.event,
        rooms=list(rooms.values()),
        days=_days(event, talks, list(rooms.values()), zone),
    )


def _rooms(event: Event, sessions: list[Session], zone: ZoneInfo,
           lang: str) -> dict[int | None, Room]:
    """Each virtual room the sessions meet in, in the order the agenda shows them (by time;
    the plenary before the sub-forums side by side), then one for sessions without a room.
    Names are made unique: apps tell rooms apart by name."""
    order: dict[int | None, VirtualRoom | None] = {}
    for day in agenda_days(sessions, zone):
        for band in day.bands:
            for column in band.columns:
                for session in column.sessions:
                    room = session.meeting_room
                    order.setdefault(room.id if room is not None else None, room)
    if None in order:
        order[None] = order.pop(None)
    taken: set[str] = set()
    rooms = {}
    for key, room in order.items():
        name = room.text("name", lang) if room is not None else _("No virtual room")
        rooms[key] = Room(_unique(name, taken), room_guid(event, room))
    return rooms


def _unique(name: str, taken: set[str]) -> str:
    candidate, number = name, 1
    while candidate in taken:
        number += 1
        candidate = f"{name} ({number})"
    taken.add(candidate)
    return candidate


def _talk(entry: Entry, rooms: dict[int | None, Room], zone: ZoneInfo, lang: str, acronym: str,
          links: ScheduleLinks) -> Talk:
    session = entry.session
    room = session.meeting_room
    url = links.session(session)
    abstract = session.text("description", lang)
    notes = (abstract, speakers_note(session, entry.hidden_speakers, lang),
             topics_note(session, lang))
    return Talk(
        id=session.id,
        guid=session_guid(session),
        starts_at=session.starts_at.astimezone(zone),
        ends_at=session.ends_at.astimezone(zone),
        room=rooms[room.id if room is not None else None],
        slug=session_slug(session, acronym),
        url=url,
        title=session.text("title", lang),
        track=(session.subforum.text("title", lang) if session.subforum is not None
               else str(KIND_LABELS[session.kind])),
        type=session.kind.value,
        language=shown_language(session, lang),
        abstract=abstract,
        description="\n\n".join(note for note in notes if note),
        persons=[Person(part.speaker_id, speaker_guid(part.speaker_id),
                        part.speaker.display_name(lang), links.speaker(part.speaker_id))
                 for part in public_speakers(session, entry.hidden_speakers)],
        links=[(url, _("Public page"))],
    )


def _days(event: Event, talks: list[Talk], rooms: list[Room], zone: ZoneInfo) -> list[Day]:
    """Every day of the event (and any a session starts on outside them, so none is lost),
    in the event's zone, each with the rooms that have sessions that day, in order."""
    span = (event.end_date - event.start_date).days
    dates = {event.start_date + timedelta(days=n) for n in range(span + 1)}
    dates |= {talk.starts_at.date() for talk in talks}
    days = []
    for index, day in enumerate(sorted(dates), 1):
        starts_at, ends_at = local_bounds(day, day, zone)
        that_day = [talk for talk in talks if talk.starts_at.date() == day]
        days.append(Day(index, day, starts_at, ends_at, [
            (room, held) for room in rooms
            if (held := [talk for talk in that_day if talk.room is room])]))
    return days
