"""Whether one may register now: the registration mode and the deadline the organizers set
(by default the end of the event, `lmevents.events.services.registration_deadline`).

After the deadline nobody registers, and registered participants keep their seats and may
give them up, but take or switch no seat: the organizers plan the rooms on the final lists.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString

from lmevents.core.models import utcnow
from lmevents.errors import Conflict
from lmevents.events.models import Event, RegistrationMode
from lmevents.events.services import registration_deadline


def deadline_passed(event: Event, now: datetime | None = None) -> bool:
    """Whether the event's registration deadline is behind `now` (default: this moment)."""
    return (now or utcnow()) >= registration_deadline(event)


def registration_is_open(event: Event, now: datetime | None = None) -> bool:
    """Whether one may register for the event at `now` (default: this moment): its mode lets
    people in and its deadline is ahead."""
    return event.registration_mode != RegistrationMode.CLOSED and not deadline_passed(event, now)


def as_read(deadline: datetime, zone: ZoneInfo) -> datetime:
    """The deadline in `zone` as people read one: a deadline at midnight is shown as the last
    minute of the day before ("closes on the 26th at 23:59", not "on the 27th at 00:00")."""
    local = deadline.astimezone(zone)
    if (local.hour, local.minute, local.second, local.microsecond) == (0, 0, 0, 0):
        return local - timedelta(minutes=1)
    return local


def _read_in_event_zone(event: Event) -> dict[str, str]:
    local = as_read(registration_deadline(event), ZoneInfo(event.timezone))
    return {"date": f"{local:%Y-%m-%d}", "time": f"{local:%H:%M}", "zone": event.timezone}


def closed_since(event: Event) -> LazyString:
    """'Registration closed on 2020-11-26 at 23:59 (Asia/Shanghai).', in the event's zone."""
    return _l("Registration closed on %(date)s at %(time)s (%(zone)s).",
              **_read_in_event_zone(event))


def refuse_registration_unless_open(event: Event, now: datetime | None = None) -> None:
    """A Conflict on `event` when nobody may register at `now` (default: this moment)."""
    if event.registration_mode == RegistrationMode.CLOSED:
        raise Conflict(_l("Registration for this event is closed."), field="event")
    if deadline_passed(event, now):
        raise Conflict(closed_since(event), field="event")


def refuse_seats_after_deadline(event: Event, now: datetime | None = None) -> None:
    """A Conflict on `seat` once the deadline has passed: seats are no longer taken or
    changed (giving one up stays possible)."""
    if deadline_passed(event, now):
        raise Conflict(
            _l("Registration closed on %(date)s at %(time)s (%(zone)s): seats can no longer "
               "be taken or changed, but you can still give yours up.",
               **_read_in_event_zone(event)),
            field="seat")
