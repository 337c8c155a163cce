"""Events: create, edit, publish and unpublish; hosts and the contact block."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession
from sqlalchemy.orm import selectinload

from lmevents.agenda.models import Session
from lmevents.auth.models import User
from lmevents.core.models import LANGUAGES, utcnow
from lmevents.core.text import current_language
from lmevents.core.timezones import get_zone, is_valid_zone, local_bounds
from lmevents.core.validation import check_web_url, normalized_email, require_either
from lmevents.errors import Conflict, Faults, Forbidden, Invalid, NotFound
from lmevents.events.models import (
    SLUG_RE,
    Event,
    EventContact,
    EventHost,
    EventOrganizer,
    RegistrationMode,
    TeamRole,
)


@dataclass
class EventInput:
    slug: str
    timezone: str
    start_date: date
    end_date: date
    title_zh: str | None = None
    title_en: str | None = None
    theme_zh: str | None = None
    theme_en: str | None = None
    description_zh: str | None = None
    description_en: str | None = None
    schedule_note_zh: str | None = None
    schedule_note_en: str | None = None
    default_language: str = "en"
    registration_mode: str = "open"
    # None: registration closes when the event ends.
    registration_closes_at: datetime | None = None
    # How many minutes before a session its participants may join its room.
    join_opens_minutes: int = 15


# Rooms open at most this long before a session (a longer wait is a mistake, not a plan).
JOIN_OPENS_AT_MOST = 240


@dataclass
class HostInput:
    name_zh: str | None = None
    name_en: str | None = None
    abbreviation: str | None = None
    role: str = "host"
    url: str | None = None


@dataclass
class ContactInput:
    address_zh: str | None = None
    address_en: str | None = None
    postcode: str | None = None
    phone: str | None = None
    fax: str | None = None
    emails: list[str] = field(default_factory=list)
    website: str | None = None
    wechat_zh: str | None = None
    wechat_en: str | None = None


def event_end(end_date: date, zone_name: str) -> datetime:
    """The instant an event ends: the end of its last day in its zone, in UTC."""
    _, after_last = local_bounds(end_date, end_date, get_zone(zone_name))
    return after_last.astimezone(UTC)


def registration_deadline(event: Event) -> datetime:
    """When registration for the event closes (UTC): the organizers' deadline, else the end
    of the event."""
    if event.registration_closes_at is not None:
        return event.registration_closes_at.astimezone(UTC)
    return event_end(event.end_date, event.timezone)


def _check_deadline(data: EventInput, faults: Faults) -> None:
    """Registration closes by the end of the event at the latest; checked only when the
    dates and zone it is measured against could be read."""
    closes_at = data.registration_closes_at
    if closes_at is None or not data.end_date or not is_valid_zone(data.timezone) \
            or faults.has("end_date"):
        return
    if closes_at > event_end(data.end_date, data.timezone):
        faults.add(Invalid(
            _l("Registration must close by the end of the event's last day (%(day)s, "
               "%(zone)s).", day=data.end_date.isoformat(), zone=data.timezone),
            field="registration_closes_at"))


def check_event(dbs: DbSession, data: EventInput, event: Event | None) -> None:
    """Every fault of an event's input at once (Faults); what is missing is left to the
    caller's own checks."""
    faults = Faults()
    if not SLUG_RE.match(data.slug or ""):
        faults.add(Invalid(_l("Use 1–64 lower-case letters, digits and inner hyphens."),
                           field="slug"))
    else:
        clash = dbs.scalar(select(Event).where(Event.slug == data.slug))
        if clash is not None and clash is not event:
            faults.add(Conflict(_l("The slug '%(slug)s' is taken.", slug=data.slug),
                                field="slug"))
    with faults.caught():
        require_either(data.title_zh, data.title_en, field="title_en")
    with faults.caught():
        get_zone(data.timezone)
    if data.start_date and data.end_date and data.end_date < data.start_date:
        faults.add(Invalid(_l("The event cannot end before it starts."), field="end_date"))
    if data.default_language not in LANGUAGES:
        faults.add(Invalid(_l("Choose one of %(choices)s.", choices=", ".join(LANGUAGES)),
                           field="default_language"))
    if data.registration_mode not in set(RegistrationMode):
        faults.add(Invalid(_l("Choose one of %(choices)s.", choices=", ".join(RegistrationMode)),
                           field="registration_mode"))
    _check_deadline(data, faults)
    if not isinstance(data.join_opens_minutes, int) or not (
            0 <= data.join_opens_minutes <= JOIN_OPENS_AT_MOST):
        faults.add(Invalid(_l("Rooms open from 0 to %(most)d minutes before a session.",
                              most=JOIN_OPENS_AT_MOST), field="join_opens_minutes"))
    faults.raise_any()


def _assign(event: Event, data: EventInput) -> None:
    for name, value in vars(data).items():
        setattr(event, name, value.strip() or None if isinstance(value, str) else value)
    event.slug = data.slug
    event.timezone = data.timezone
    event.default_language = data.default_language
    event.registration_mode = RegistrationMode(data.registration_mode)


def create_event(dbs: DbSession, data: EventInput, *, owner: User | None = None) -> Event:
    """A new, unpublished event, owned by `owner` (an organizer or an administrator; the
    commands that load data make events with no owner, which administrators manage)."""
    if owner is not None and not owner.is_organizer:
        raise Forbidden(_l("Only organizers and administrators create events."))
    check_event(dbs, data, None)
    event = Event()
    _assign(event, data)
    if owner is not None:
        event.team.append(EventOrganizer(user=owner, role=TeamRole.OWNER))
    dbs.add(event)
    dbs.flush()
    return event


def update_event(dbs: DbSession, event: Event, data: EventInput) -> Event:
    """Edit an event; new dates or zone must still hold every scheduled session."""
    check_event(dbs, data, event)
    if (data.start_date, data.end_date, data.timezone) != (
        event.start_date, event.end_date, event.timezone
    ):
        first, after_last = local_bounds(data.start_date, data.end_date, get_zone(data.timezone))
        outside = dbs.scalar(
            select(Session)
            .where(Session.event_id == event.id)
            .where((Session.starts_at < first) | (Session.ends_at > after_last))
            .order_by(Session.starts_at)
            .limit(1)
        )
        if outside is not None:
            raise Conflict(
                _l("Session '%(title)s' would fall outside the new dates.",
                   title=outside.text("title", current_language())),
                field="start_date" if outside.starts_at < first else "end_date",
                session_id=outside.id,
            )
    _assign(event, data)
    dbs.flush()
    return event


def delete_event(dbs: DbSession, event: Event) -> None:
    """Delete a never-published event with its programme; a published one may be linked to
    and held in calendars, so it can only be unpublished."""
    if event.first_published_at is not None:
        raise Conflict(
            _l("The event has been published and may be in calendars: withdraw it (unpublish) "
               "instead."),
            field="published",
        )
    # The database cascades to sessions, rooms and sub-forums (foreign keys ON DELETE).
    dbs.delete(event)
    dbs.flush()


def publish_event(dbs: DbSession, event: Event) -> None:
    event.published = True
    if event.first_published_at is None:
        event.first_published_at = utcnow()
    dbs.flush()


def unpublish_event(dbs: DbSession, event: Event) -> None:
    event.published = False
    dbs.flush()


def set_hosts(dbs: DbSession, event: Event, hosts: list[HostInput]) -> None:
    """Replace the organizing bodies, in display order."""
    for host in hosts:
        if not (host.name_zh or host.name_en):
            raise Invalid(_l("Each organizer needs a name."), field="hosts")
        check_web_url(host.url, "hosts", _l(
            "An organizer's web address must start with https:// or http:// and name a web "
            "host."))
    event.hosts.clear()
    dbs.flush()
    event.hosts.extend(
        EventHost(position=i, name_zh=h.name_zh or None, name_en=h.name_en or None,
                  abbreviation=h.abbreviation or None, role=h.role or "host", url=h.url or None)
        for i, h in enumerate(hosts)
    )
    dbs.flush()


def set_contact(dbs: DbSession, event: Event, data: ContactInput) -> EventContact:
    data.emails = [normalized_email(a, "emails") for a in data.emails if a.strip()]
    check_web_url(data.website, "website", _l(
        "The website must start with https:// or http:// and name a web host."))
    contact = event.contact or EventContact(event=event)
    for name, value in vars(data).items():
        if name == "emails":
            value = "\n".join(a.strip() for a in value if a.strip()) or None
        setattr(contact, name, value or None)
    dbs.add(contact)
    dbs.flush()
    return contact


def get_event(dbs: DbSession, slug: str, *, published_only: bool = True) -> Event:
    """The event with `slug`; unpublished ones exist only for organizers."""
    event = dbs.scalar(select(Event).where(Event.slug == slug))
    if event is None or (published_only and not event.published):
        raise NotFound(_l("No event '%(slug)s'.", slug=slug))
    return event


@dataclass(frozen=True)
class EventStamp:
    """What a kept feed of a published event is looked up by: a few columns of its row,
    read without loading the event (`event_version` takes it as it takes an event)."""

    id: int
    slug: str
    default_language: str
    programme_version: int
    created_at: datetime


def event_stamp(dbs: DbSession, slug: str) -> EventStamp:
    """A published event's stamp, NotFound as `get_event`."""
    row = dbs.execute(
        select(Event.id, Event.slug, Event.default_language, Event.programme_version,
               Event.created_at).where(Event.slug == slug, Event.published.is_(True))
    ).one_or_none()
    if row is None:
        raise NotFound(_l("No event '%(slug)s'.", slug=slug))
    return EventStamp(*row)


def list_events(dbs: DbSession, *, published_only: bool = True) -> list[Event]:
    stmt = (
        select(Event)
        .options(selectinload(Event.hosts), selectinload(Event.contact))
        .order_by(Event.start_date.desc(), Event.id)
    )
    if published_only:
        stmt = stmt.where(Event.published.is_(True))
    return list(dbs.scalars(stmt))
