"""What every VEVENT of ours starts with, session or meeting."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from icalendar import Event as VEvent


def timed_vevent(*, uid: str, sequence: int, created_at: datetime, updated_at: datetime,
                 starts_at: datetime, ends_at: datetime, zone_name: str) -> VEvent:
    """A VEVENT with its identity and times, in `zone_name`. The UID never changes (RFC 5545
    §3.8.4.7), so clients update rather than duplicate; SEQUENCE rises with each change a
    calendar must follow (§3.8.7.4); DTSTAMP is the last change, not the time of the request,
    so the same data always renders to the same bytes."""
    zone = ZoneInfo(zone_name)
    vevent = VEvent()
    vevent.add("uid", uid)
    vevent.add("sequence", sequence)
    vevent.add("dtstamp", updated_at)
    vevent.add("created", created_at)
    vevent.add("last-modified", updated_at)
    vevent.add("dtstart", starts_at.astimezone(zone))
    vevent.add("dtend", ends_at.astimezone(zone))
    return vevent
