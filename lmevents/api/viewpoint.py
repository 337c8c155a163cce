"""The time zone and language an API response is written for, asked for in `?tz=` and
`?lang=` (see ViewpointQuery), with what no response may show."""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from lmevents.extensions import db
from lmevents.speakers.queries import hidden_speaker_ids


@dataclass(frozen=True)
class Viewpoint:
    """The time zone and language a response is written for."""

    zone_name: str
    lang: str
    # Speakers whose invitation is open or declined: named in no response.
    hidden_speakers: frozenset[int] = frozenset()

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.zone_name)

    @classmethod
    def asked(cls, event, query: dict | None = None) -> Viewpoint:
        """The zone and language asked for in `query` (`tz`, `lang`), else the event's."""
        query = query or {}
        return cls(query.get("tz") or event.timezone, query.get("lang") or event.default_language,
                   hidden_speaker_ids(db.session, event))
