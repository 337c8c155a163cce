"""Exporters of the programme as iCalendar (RFC 5545), built with the icalendar library.

Each exporter has a name, a content type and one `render()`. What a calendar holds is
deterministic (DTSTAMP is the session's or meeting's last change, not the time of the
request), so the same programme always renders to the same bytes and the feed's ETag is a
hash of them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import gettext as _
from icalendar import Calendar, Event, Timezone, vDuration

from lmevents.agenda.labels import KIND_LABELS, PLATFORM_LABELS, ROLE_LABELS
from lmevents.agenda.models import Session, SessionStatus
from lmevents.calendar.meetings import meeting_vevent
from lmevents.calendar.vevent import timed_vevent
from lmevents.core.text import written_for
from lmevents.events.models import Event as ProgrammeEvent
from lmevents.exchange.models import MeetingRequest

PRODID = "-//lmevents//lmevents programme//EN"
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
    participant's own feed may set it."""

    title: str
    entries: list[Entry | MeetingEntry]
    lang: str
    session_url: Callable[[Session], str]
    zone_name: str
    join_details: bool = False
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
        for entry in sorted(self.entries, key=lambda e: e.order):
            if isinstance(entry, MeetingEntry):
                calendar.add_component(meeting_vevent(entry.meeting, self.lang, attendees=False))
            else:
                calendar.add_component(self._event(entry))
        if self.entries:
            first = min(e.starts_at for e in self.entries) - ZONE_MARGIN
            last = max(e.ends_at for e in self.entries) + ZONE_MARGIN
            # One VTIMEZONE for every TZID used (RFC 5545 §3.2.19), from the zone database.
            calendar.add_missing_timezones(first.date(), last.date())
        else:
            # A calendar must hold at least one component (RFC 5545 §3.6); strict importers
            # refuse an empty one, so an empty feed still carries its zone (over the library's
            # fixed default span: the body, and so the ETag, must not change by the day).
            calendar.add_component(Timezone.from_tzid(self.zone_name))
        return calendar

    def _event(self, entry: Entry) -> Event:
        session = entry.session
        vevent = timed_vevent(
            uid=session.uid, sequence=session.revision, created_at=session.created_at,
            updated_at=session.updated_at, starts_at=session.starts_at, ends_at=session.ends_at,
            zone_name=session.event.timezone)
        vevent.add("summary", session.text("title", self.lang))
        vevent.add("description", self._description(entry))
        if session.meeting_room is not None:
            vevent.add("location", self._location(session))
        vevent.add("url", self.session_url(session))
        vevent.add("categories", [str(KIND_LABELS[session.kind])])
        cancelled = session.status == SessionStatus.CANCELLED
        # A cancelled session stays in the feed so subscribed clients remove it.
        vevent.add("status", "CANCELLED" if cancelled else "CONFIRMED")
        vevent.add("transp", "TRANSPARENT" if cancelled else "OPAQUE")
        return vevent

    def _location(self, session: Session) -> str:
        room = session.meeting_room
        name = room.text("name", self.lang)
        return f"{name} ({PLATFORM_LABELS[room.platform]})" if name else str(
            PLATFORM_LABELS[room.platform])

    def _description(self, entry: Entry) -> str:
        session = entry.session
        parts: list[str] = []
        if session.status == SessionStatus.CANCELLED:
            parts.append(_("This session is cancelled."))
        if session.subforum is not None:
            parts.append(_("Sub-forum %(code)s: %(title)s", code=session.subforum.code,
                           title=session.subforum.text("title", self.lang)))
        if session.text("description", self.lang):
            parts.append(session.text("description", self.lang))
        speakers = [p for p in session.speakers if p.speaker_id not in entry.hidden_speakers]
        if speakers:
            lines = [_("Speakers:")]
            for number, part in enumerate(speakers, 1):
                speaker = part.speaker
                line = f"{number}. {speaker.display_name(self.lang)} ({ROLE_LABELS[part.role]})"
                where = ", ".join(x for x in (speaker.text("position", self.lang),
                                              speaker.text("organization", self.lang)) if x)
                if where:
                    line += f" — {where}"
                if part.text("talk_title", self.lang):
                    line += f": {part.text('talk_title', self.lang)}"
                lines.append(line)
            parts.append("\n".join(lines))
        if session.topics:
            parts.append("\n".join([_("Topics:"), *(f"- {t.text('title', self.lang)}"
                                                    for t in session.topics)]))
        if self.join_details and session.meeting_room is not None:
            room = session.meeting_room
            lines = [_("How to join (%(platform)s):", platform=PLATFORM_LABELS[room.platform])]
            if room.join_url:
                lines.append(room.join_url)
            if room.meeting_id:
                lines.append(_("Meeting ID: %(id)s", id=room.meeting_id))
            if room.passcode:
                lines.append(_("Passcode: %(code)s", code=room.passcode))
            parts.append("\n".join(lines))
        parts.append(self.session_url(session))
        return "\n\n".join(parts)


def calendar_title(event: ProgrammeEvent, lang: str, part: str | None = None) -> str:
    title = event.text("title", lang)
    return f"{title} — {part}" if part else title
