"""Time-zone handling at the edges: validate IANA names, convert and label times."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from flask_babel import lazy_gettext as _l

from lmevents.errors import Invalid

# Names in the zone database that are no place: "localtime" is whatever the server uses.
_NOT_PLACES = {"localtime", "Factory", "posixrules"}


@lru_cache(maxsize=1)
def all_zones() -> frozenset[str]:
    return frozenset(
        name for name in available_timezones()
        if name not in _NOT_PLACES and not name.startswith(("posix/", "right/"))
    )


def is_valid_zone(name: str | None) -> bool:
    return bool(name) and name in all_zones()


def get_zone(name: str, field: str = "timezone") -> ZoneInfo:
    """The ZoneInfo for an IANA name, or Invalid naming the field."""
    if not is_valid_zone(name):
        raise Invalid(_l("'%(zone)s' is not an IANA time zone (e.g. Asia/Shanghai).", zone=name),
                      field=field)
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:  # pragma: no cover - guarded above
        raise Invalid(_l("Unknown time zone '%(zone)s'.", zone=name), field=field) from exc


def local_bounds(day_from: date, day_to: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """The instant `day_from` starts and the instant after `day_to` ends, in `zone`."""
    start = datetime.combine(day_from, time.min, tzinfo=zone)
    end = datetime.combine(day_to + timedelta(days=1), time.min, tzinfo=zone)
    return start, end


def utc_offset_label(moment: datetime) -> str:
    """'UTC+08:00', 'UTC+06:30', 'UTC' for a zoned datetime."""
    offset = moment.utcoffset() or timedelta(0)
    if not offset:
        return "UTC"
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{mins:02d}"


def format_span(start: datetime, end: datetime, zone_name: str) -> str:
    """'2020-11-26 09:00–09:40 Asia/Shanghai': a time range named with its zone, for messages."""
    zone = get_zone(zone_name)
    s, e = start.astimezone(zone), end.astimezone(zone)
    end_text = e.strftime("%H:%M") if s.date() == e.date() else e.strftime("%Y-%m-%d %H:%M")
    return f"{s:%Y-%m-%d %H:%M}–{end_text} {zone_name}"
