"""Exporters of the programme: iCalendar (RFC 5545, built with the icalendar library) for
calendars, and the c3voc schedule JSON and frab schedule XML that conference schedule apps
read (lmevents.calendar.schedule says what those hold).

Each exporter has a name, a content type and one `render()`. What an export holds is
deterministic (DTSTAMP is the session's or meeting's last change, a schedule's version the
programme's, never the time of the request), so the same programme always renders to the same
bytes and the feed's ETag is a hash of them.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import ClassVar

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from icalendar import Alarm, Calendar, Event, Timezone, vDuration

from lmevents.agenda.interpretation import listening_note
from lmevents.agenda.labels import KIND_LABELS, PLATFORM_LABELS
from lmevents.agenda.models import Session, SessionStatus
from lmevents.calendar.meetings import meeting_vevent
from lmevents.calendar.notes import speakers_note, topics_note
from lmevents.calendar.schedule import Schedule, ScheduleLinks, Talk, build_schedule
from lmevents.calendar.vevent import timed_vevent
from lmevents.core.text import written_for
from lmevents.events.models import Event as ProgrammeEvent
from lmevents.exchange.models import MeetingRequest

PRODID = "-//lmevents//lmevents programme//EN"
CANCELLED_NOTE = _l("This session is cancelled.")
SUBFORUM_LINE = _l("Sub-forum %(code)s: %(title)s")
# How often subscribed clients should fetch again (RFC 7986 REFRESH-INTERVAL, and the older
# X-PUBLISHED-TTL that Outlook and Apple Calendar read).
REFRESH = timedelta(hours=1)
# VTIMEZONE transitions are written for this long around the sessions, not 1970–2038.
ZONE_MARGIN = timedelta(days=366)


@dataclass
class Entry:
    """One session as a calendar shows it, with the speakers its event keeps hidden."""

    session: Session
    hidden_speakers: frozenset[int] = frozenset()

    @property
    def event(self) -> ProgrammeEvent:
        return self.session.event

    @property
    def starts_at(self) -> datetime:
        return self.session.starts_at

    @property
    def ends_at(self) -> datetime:
        return self.session.ends_at

    @property
    def order(self) -> tuple:
        return (self.session.starts_at, 0, self.session.id)


@dataclass
class MeetingEntry:
    """An accepted 1:1 meeting (or one cancelled after it was accepted), with its join
    link: only its two sides' personal feeds hold it."""

    meeting: MeetingRequest

    @property
    def event(self) -> ProgrammeEvent:
        return self.meeting.event

    @property
    def starts_at(self) -> datetime:
        return self.meeting.starts_at

    @property
    def ends_at(self) -> datetime:
        return self.meeting.ends_at

    @property
    def order(self) -> tuple:
        return (self.meeting.starts_at, 1, self.meeting.id)


@dataclass
class IcsExporter:
    """A calendar of sessions (and, in a personal feed, the owner's 1:1 meetings with their
    join links). `join_details` adds how to join each session's virtual room: only the
    participant's own feed may set it; `join_link` gives the link to join by (the owner's
    own link through lmevents), else the room's."""

    title: str
    entries: list[Entry | MeetingEntry]
    lang: str
    session_url: Callable[[Session], str]
    zone_name: str
    join_details: bool = False
    join_link: Callable[[Session], str] | None = None
    # Sessions of these events carry an alarm `alarm_before` their start (the owner's
    # reminders, in a personal feed).
    alarm_events: frozenset[int] = frozenset()
    # The owner's listening language in each event (by event id): how they hear each session.
    listening: dict[int, str] = field(default_factory=dict)
    alarm_before: timedelta = timedelta(minutes=15)
    name: str = "ics"
    content_type: str = "text/calendar; charset=utf-8"

    def render(self) -> bytes:
        with written_for(self.lang):
            return self._calendar().to_ical()

    def _calendar(self) -> Calendar:
        calendar = Calendar()
        calendar.add("prodid", PRODID)
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("method", "PUBLISH")
        calendar.add("name", self.title)
        calendar.add("x-wr-calname", self.title)
        calendar.add("x-wr-timezone", self.zone_name)
        calendar.add("refresh-interval", vDuration(REFRESH), parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", vDuration(REFRESH))
        if self.entries:
            first = min(e.starts_at for e in self.entries) - ZONE_MARGIN
            last = max(e.ends_at for e in self.entries) + ZONE_MARGIN
            # One VTIMEZONE for every TZID used (RFC 5545 §3.2.19), from the zone database,
            # before the events that refer to them.
            for zone in sorted({e.event.timezone for e in self.entries}):
                for component in zone_components(zone, first.date(), last.date()):
                    calendar.add_component(component)
        for entry in sorted(self.entries, key=lambda e: e.order):
            if isinstance(entry, MeetingEntry):
                calendar.add_component(meeting_vevent(entry.meeting, self.lang, attendees=False))
            else:
                calendar.add_component(self._event(entry))
        if not self.entries:
            # A calendar must hold at least one component (RFC 5545 §3.6); strict importers
            # refuse an empty one, so an empty feed still carries its zone (over the library's
            # fixed default span: the body, and so the ETag, must not change by the day).
            calendar.add_component(Timezone.from_tzid(self.zone_name))
        return calendar

    def _event(self, entry: Entry) -> Event:
        session = entry.session
        url = self.session_url(session)
        vevent = timed_vevent(
            uid=session.uid, sequence=session.revision, created_at=session.created_at,
            updated_at=session.updated_at, starts_at=session.starts_at, ends_at=session.ends_at,
            zone_name=session.event.timezone)
        vevent.add("summary", session.text("title", self.lang))
        vevent.add("description", self._description(entry, url))
        if session.meeting_room is not None:
            vevent.add("location", self._location(session))
        vevent.add("url", url)
        vevent.add("categories", [self._label(KIND_LABELS[session.kind])])
        cancelled = session.status == SessionStatus.CANCELLED
        # A cancelled session stays in the feed so subscribed clients remove it.
        vevent.add("status", "CANCELLED" if cancelled else "CONFIRMED")
        vevent.add("transp", "TRANSPARENT" if cancelled else "OPAQUE")
        if not cancelled and session.event_id in self.alarm_events:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", session.text("title", self.lang))
            alarm.add("trigger", -self.alarm_before)
            vevent.add_component(alarm)
        return vevent

    def _location(self, session: Session) -> str:
        room = session.meeting_room
        name = room.text("name", self.lang)
        platform = self._label(PLATFORM_LABELS[room.platform])
        return f"{name} ({platform})" if name else platform

    def _label(self, label) -> str:
        """A fixed label (a module's lazy text) in the calendar's language, translated once per
        calendar; kept by identity, as hashing a lazy text would translate it."""
        labels = self.__dict__.setdefault("_labels", {})
        text = labels.get(id(label))
        if text is None:
            text = labels[id(label)] = str(label)
        return text

    def _description(self, entry: Entry, url: str) -> str:
        session = entry.session
        parts: list[str] = []
        if session.status == SessionStatus.CANCELLED:
            parts.append(self._label(CANCELLED_NOTE))
        if session.subforum is not None:
            parts.append(self._label(SUBFORUM_LINE) % {
                "code": session.subforum.code, "title": session.subforum.text("title", self.lang)})
        parts += [note for note in (session.text("description", self.lang),
                                    speakers_note(session, entry.hidden_speakers, self.lang,
                                                  self._label),
                                    topics_note(session, self.lang, self._label)) if note]
        if self.join_details and session.meeting_room is not None:
            room = session.meeting_room
            lines = [_("How to join (%(platform)s):", platform=PLATFORM_LABELS[room.platform])]
            if room.join_url:
                lines.append(self.join_link(session) if self.join_link else room.join_url)
            if room.meeting_id:
                lines.append(_("Meeting ID: %(id)s", id=room.meeting_id))
            if room.passcode:
                lines.append(_("Passcode: %(code)s", code=room.passcode))
            note = listening_note(session, self.listening.get(session.event_id), self.lang)
            if note:
                lines.append(note)
            parts.append("\n".join(lines))
        parts.append(url)
        return "\n\n".join(parts)


@lru_cache(maxsize=64)
def zone_components(zone: str, first: date, last: date) -> tuple[Timezone, ...]:
    """The VTIMEZONE a calendar of times in `zone` from `first` to `last` needs, built from
    the zone database once and reused by every calendar of that span (it is only read when
    written out); none for UTC and its aliases, whose times are written with Z."""
    probe = Calendar()
    probe.add_component(timed_vevent(uid="probe", sequence=0, created_at=_EPOCH,
                                     updated_at=_EPOCH, starts_at=_EPOCH, ends_at=_EPOCH,
                                     zone_name=zone))
    probe.add_missing_timezones(first, last)
    return tuple(probe.timezones)


_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


def calendar_title(event: ProgrammeEvent, lang: str, part: str | None = None) -> str:
    title = event.text("title", lang)
    return f"{title} — {part}" if part else title


# c3voc's published JSON schema for schedules, which the JSON export follows.
C3VOC_SCHEMA = "https://c3voc.de/schedule/schema.json"
GENERATOR = "lmevents"
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass
class ScheduleExporter:
    """The public programme for conference schedule apps, in `lang`; cancelled sessions are
    left out and no join details are given."""

    name: ClassVar[str]
    content_type: ClassVar[str]

    event: ProgrammeEvent
    entries: list[Entry]
    lang: str
    links: ScheduleLinks

    def render(self) -> bytes:
        with written_for(self.lang):
            return self._write(build_schedule(self.event, self.entries, self.lang, self.links))

    def _write(self, schedule: Schedule) -> bytes:
        raise NotImplementedError


@dataclass
class ScheduleJsonExporter(ScheduleExporter):
    """The c3voc schedule JSON (frab's schedule.json, as validator/json/schema.json of
    github.com/voc/schedule describes it)."""

    name: ClassVar[str] = "schedule.json"
    content_type: ClassVar[str] = "application/json"

    def _write(self, schedule: Schedule) -> bytes:
        conference = {
            "acronym": schedule.acronym,
            "title": schedule.title,
            "start": schedule.start.isoformat(),
            "end": schedule.end.isoformat(),
            "daysCount": len(schedule.days),
            "timeslot_duration": schedule.timeslot,
            "time_zone_name": schedule.zone_name,
            "url": schedule.url,
            "rooms": [{"name": room.name, "guid": room.guid, "type": "online"}
                      for room in schedule.rooms],
            "days": [{
                "index": day.index,
                "date": day.date.isoformat(),
                "day_start": day.starts_at.isoformat(),
                "day_end": day.ends_at.isoformat(),
                "rooms": {room.name: [self._talk(talk) for talk in talks]
                          for room, talks in day.rooms},
            } for day in schedule.days],
        }
        document = {"$schema": C3VOC_SCHEMA, "generator": {"name": GENERATOR},
                    "schedule": {"version": schedule.version, "conference": conference}}
        return json.dumps(document, ensure_ascii=False, indent=2).encode()

    @staticmethod
    def _talk(talk: Talk) -> dict:
        return {
            "guid": talk.guid,
            "id": talk.id,
            "date": talk.starts_at.isoformat(),
            "start": talk.start,
            "end": talk.ends_at.isoformat(),
            "duration": talk.duration,
            "room": talk.room.name,
            "slug": talk.slug,
            "url": talk.url,
            "title": talk.title,
            "subtitle": talk.subtitle,
            "track": talk.track,
            "type": talk.type,
            "language": talk.language,
            "abstract": talk.abstract,
            "description": talk.description,
            # frab's person (id, public_name): the schema takes a person as frab's or as
            # pretalx's (with `name`), never both at once.
            "persons": [{"id": p.id, "guid": p.guid, "public_name": p.name, "url": p.url}
                        for p in talk.persons],
            "links": [{"url": url, "title": title, "type": "web"} for url, title in talk.links],
        }


@dataclass
class ScheduleXmlExporter(ScheduleExporter):
    """The frab schedule XML (validator/xsd/schedule.xml.xsd of github.com/voc/schedule)."""

    name: ClassVar[str] = "schedule.xml"
    content_type: ClassVar[str] = "application/xml; charset=utf-8"

    def _write(self, schedule: Schedule) -> bytes:
        root = ET.Element("schedule")
        ET.SubElement(root, "generator", name=GENERATOR)
        _text(root, "version", schedule.version)
        conference = ET.SubElement(root, "conference")
        for tag, value in (("acronym", schedule.acronym), ("title", schedule.title),
                           ("start", schedule.start.isoformat()),
                           ("end", schedule.end.isoformat()), ("days", len(schedule.days)),
                           ("timeslot_duration", schedule.timeslot), ("url", schedule.url),
                           ("time_zone_name", schedule.zone_name)):
            _text(conference, tag, value)
        for day in schedule.days:
            day_element = ET.SubElement(root, "day", index=str(day.index),
                                        date=day.date.isoformat(),
                                        start=day.starts_at.isoformat(),
                                        end=day.ends_at.isoformat())
            for room, talks in day.rooms:
                room_element = ET.SubElement(day_element, "room", name=_xml(room.name),
                                             guid=room.guid)
                for talk in talks:
                    self._talk(room_element, talk)
        ET.indent(root)
        return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"

    @staticmethod
    def _talk(parent: ET.Element, talk: Talk) -> None:
        element = ET.SubElement(parent, "event", id=str(talk.id), guid=talk.guid)
        for tag, value in (("date", talk.starts_at.isoformat()), ("start", talk.start),
                           ("duration", talk.duration), ("room", talk.room.name),
                           ("slug", talk.slug), ("url", talk.url), ("title", talk.title),
                           ("subtitle", talk.subtitle), ("track", talk.track),
                           ("type", talk.type), ("language", talk.language),
                           ("abstract", talk.abstract), ("description", talk.description)):
            _text(element, tag, value)
        persons = ET.SubElement(element, "persons")
        for person in talk.persons:
            _text(persons, "person", person.name, id=str(person.id), guid=person.guid)
        links = ET.SubElement(element, "links")
        for url, title in talk.links:
            _text(links, "link", title, href=url)


def _text(parent: ET.Element, tag: str, value: object, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: _xml(v) for k, v in attributes.items()})
    element.text = _xml(str(value))
    return element


def _xml(text: str) -> str:
    # XML 1.0 (§2.2) has no place for most control characters, which pasted text may hold.
    return NOT_XML.sub("", text)
