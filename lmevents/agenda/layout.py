"""The agenda's shape: days, and bands of time where parallel sessions sit side by side."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
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

    @property
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
