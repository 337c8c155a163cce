"""The agenda's shape: days, and bands of time where parallel sessions sit side by side."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cached_property
from zoneinfo import ZoneInfo

from lmevents.agenda.models import Session
from lmevents.subforums.models import SubForum


@dataclass
class Column:
    subforum: SubForum | None
    sessions: list[Session] = field(default_factory=list)


@dataclass
class Band:
    """Sessions whose times overlap; more than one column means they run in parallel."""

    starts_at: datetime
    ends_at: datetime
    sessions: list[Session] = field(default_factory=list)

    @cached_property
    def columns(self) -> list[Column]:
        by_key: dict[object, Column] = {}
        for session in self.sessions:
            key = session.subforum_id
            if key not in by_key:
                by_key[key] = Column(session.subforum)
            by_key[key].sessions.append(session)
        return sorted(
            by_key.values(),
            key=lambda c: (c.subforum is not None, c.subforum.position if c.subforum else 0,
                           c.subforum.code if c.subforum else ""),
        )

    @property
    def is_parallel(self) -> bool:
        return len(self.columns) > 1


@dataclass
class Day:
    date: date
    bands: list[Band] = field(default_factory=list)


def agenda_days(sessions: list[Session], zone: ZoneInfo) -> list[Day]:
    """Group sessions (sorted by start) into days of `zone`, then into overlapping bands."""
    days: list[Day] = []
    for session in sorted(sessions, key=lambda s: (s.starts_at, s.id)):
        local_day = session.starts_at.astimezone(zone).date()
        if not days or days[-1].date != local_day:
            days.append(Day(local_day))
        bands = days[-1].bands
        if bands and session.starts_at < bands[-1].ends_at:
            band = bands[-1]
            band.ends_at = max(band.ends_at, session.ends_at)
        else:
            band = Band(session.starts_at, session.ends_at)
            bands.append(band)
        band.sessions.append(session)
    return days


# A programme up to this size reads on one page; a larger one is shown a day at a time.
ONE_PAGE = 60
# Parallel sessions shown side by side; more read better one under the other.
SIDE_BY_SIDE = 4


@dataclass
class Part:
    """The part of the programme a page shows: a day (or every day) and a track (a sub-forum,
    PLENARY, or every track); `refused` holds what was asked for and not understood."""

    day: date | None
    track: object | None
    days: list[date]
    split: bool
    refused: dict[str, str] = field(default_factory=dict)


def event_days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def choose_part(first: date, last: date, total: int, tracks: list[SubForum], *,
                asked_day: str | None, asked_track: str | None, today: date,
                plenary: str) -> Part:
    """What the agenda shows: every day of a small programme, or of a large one the day asked
    for (else today, when it is a day of the event, else the first), in the track asked for."""
    days = event_days(first, last)
    split = total > ONE_PAGE
    part = Part(None, None, days, split)
    if asked_day:
        try:
            part.day = date.fromisoformat(asked_day)
        except ValueError:
            part.day = None
        if part.day not in days:
            part.day = None
            part.refused["day"] = asked_day[:32]
    if part.day is None and split:
        part.day = today if today in days else days[0]
    if asked_track:
        wanted = asked_track.strip().upper()
        part.track = next((t for t in tracks if t.code == wanted), None)
        if part.track is None and asked_track.strip().lower() == plenary:
            part.track = plenary
        if part.track is None:
            part.refused["track"] = asked_track[:32]
    return part
