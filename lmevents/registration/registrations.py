"""Register for an event, cancel, and the organizers' approve and reject."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session as DbSession
from sqlalchemy.orm import contains_eager, selectinload

from lmevents.auth.models import User
from lmevents.core.models import LANGUAGES, MAX_ID, SPOKEN_LANGUAGES, utcnow
from lmevents.core.timezones import get_zone
from lmevents.core.validation import check_country
from lmevents.errors import Conflict, Faults, Invalid, NotFound
from lmevents.events.models import Event, RegistrationMode
from lmevents.registration import signals
from lmevents.registration.deadline import refuse_registration_unless_open
from lmevents.registration.models import Registration, RegistrationStatus, Seat
from lmevents.registration.notifications import notify_decided, notify_registered
from lmevents.registration.questions import check_answers, event_questions
from lmevents.registration.seats import lock_event_seats, release_all_seats, take_seat
from lmevents.subforums.models import SubForum
from lmevents.webhooks.models import Kind
from lmevents.webhooks.payloads import announce_registration

TEXT_LIMITS = {"name": 200, "organization": 300, "position": 300}


@dataclass
class RegistrationInput:
    name: str
    timezone: str
    consent: bool
    organization: str = ""
    position: str = ""
    country: str | None = None
    language: str = "en"
    # The language listened in (SPOKEN_LANGUAGES); None: `language`.
    listening_language: str | None = None
    # Answers to the event's questions, by question id.
    answers: dict[Any, Any] = field(default_factory=dict)
    # The sub-forum to take a seat in (kept as a preference while approval is pending).
    subforum_id: int | None = None


@dataclass
class RegisterOutcome:
    registration: Registration
    created: bool


def _clean(data: RegistrationInput) -> RegistrationInput:
    """The input trimmed, or every fault of it at once (Faults)."""
    faults = Faults()
    for name, limit in TEXT_LIMITS.items():
        value = (getattr(data, name) or "").replace("\x00", "").strip()
        if len(value) > limit:
            faults.add(Invalid(_l("At most %(limit)s characters.", limit=limit), field=name))
        setattr(data, name, value)
    if not data.name and not faults.has("name"):
        faults.add(Invalid(_l("A name is required."), field="name"))
    data.country = (data.country or "").strip().upper() or None
    with faults.caught():
        check_country(data.country)
    if data.language not in LANGUAGES:
        faults.add(Invalid(_l("Choose one of %(choices)s.", choices=", ".join(LANGUAGES)),
                           field="language"))
    data.listening_language = data.listening_language or None
    if data.listening_language is not None and data.listening_language not in SPOKEN_LANGUAGES:
        faults.add(Invalid(_l("Choose a language among %(choices)s.",
                              choices=", ".join(SPOKEN_LANGUAGES)), field="listening_language"))
    with faults.caught():
        get_zone(data.timezone or "", field="timezone")
    if data.consent is not True:
        faults.add(Invalid(_l("Registration needs your consent to the use of your data for "
                              "this event."), field="consent"))
    faults.raise_any()
    return data


def _subforum(dbs: DbSession, event: Event, subforum_id: int | None) -> SubForum | None:
    if subforum_id is None:
        return None
    if not 1 <= subforum_id <= MAX_ID:
        raise Invalid(_l("This event has no sub-forum %(id)s.", id=subforum_id),
                      field="subforum_id")
    subforum = dbs.get(SubForum, subforum_id)
    if subforum is None or subforum.event_id != event.id:
        raise Invalid(_l("This event has no sub-forum %(id)s.", id=subforum_id),
                      field="subforum_id")
    return subforum


def check_registration(
    dbs: DbSession, event: Event, data: RegistrationInput
) -> tuple[RegistrationInput, dict[str, Any], SubForum | None]:
    """The input cleaned, its answers checked and its sub-forum found, or every fault of it
    at once (Faults)."""
    faults = Faults()
    answers: dict[str, Any] = {}
    subforum = None
    with faults.caught():
        data = _clean(data)
    with faults.caught():
        answers = check_answers(event_questions(dbs, event), data.answers)
    with faults.caught():
        subforum = _subforum(dbs, event, data.subforum_id)
    faults.raise_any()
    return data, answers, subforum


def standing(registration: Registration | None) -> str:
    """Where someone stands with an event, for pages that offer them something:
    "unregistered" (no registration, or cancelled or rejected), "pending" or "confirmed"."""
    if registration is None or not registration.is_active:
        return "unregistered"
    return registration.status.value


def find_registration(dbs: DbSession, event: Event, user: User) -> Registration | None:
    return dbs.scalar(
        select(Registration).where(Registration.event_id == event.id,
                                   Registration.user_id == user.id)
    )


def register(
    dbs: DbSession, event: Event, user: User, data: RegistrationInput, *,
    now: datetime | None = None,
) -> RegisterOutcome:
    """Register `user` for `event`: confirmed at once, or pending when organizers approve
    registrations, until the registration deadline. Registering again returns the
    registration already made, unchanged, even after the deadline."""
    lock_event_seats(dbs, event.id)
    existing = find_registration(dbs, event, user)
    if existing is not None and existing.status != RegistrationStatus.CANCELLED:
        return RegisterOutcome(existing, False)
    refuse_registration_unless_open(event, now)
    now = now or utcnow()
    data, answers, subforum = check_registration(dbs, event, data)

    registration = existing or Registration(event=event, user=user, created_at=now)
    approval = event.registration_mode == RegistrationMode.APPROVAL
    registration.status = RegistrationStatus.PENDING if approval else RegistrationStatus.CONFIRMED
    for name in ("name", "organization", "position", "country", "language", "timezone"):
        setattr(registration, name, getattr(data, name))
    registration.listening_language = data.listening_language or data.language
    registration.answers = answers
    registration.consented_at = now
    registration.updated_at = now
    registration.decided_at = registration.decided_by_id = registration.decision_note = None
    registration.preferred_subforum = subforum if approval else None
    dbs.add(registration)
    dbs.flush()
    if subforum is not None and not approval:
        take_seat(dbs, registration, subforum, now=now, asked_in_time=True)
    notify_registered(dbs, registration)
    announce_registration(dbs, registration, Kind.REGISTRATION_CREATED)
    return RegisterOutcome(registration, True)


def cancel_registration(dbs: DbSession, registration: Registration,
                        now: datetime | None = None) -> None:
    """The participant withdraws: their seats go to the first in line at once."""
    now = now or utcnow()
    lock_event_seats(dbs, registration.event_id)
    if not registration.is_active:
        raise NotFound(_l("You have no registration for this event to cancel."))
    registration.status = RegistrationStatus.CANCELLED
    registration.preferred_subforum = None
    registration.updated_at = now
    release_all_seats(dbs, registration, now)
    signals.left_event.send(registration, dbs=dbs)
    dbs.flush()
    announce_registration(dbs, registration, Kind.REGISTRATION_CANCELLED)


def approve_registration(dbs: DbSession, registration: Registration, by: User | None,
                         now: datetime | None = None) -> Registration:
    """Confirm a pending registration, seat it in the sub-forum it asked for (or put it on
    that waiting list), and tell the participant."""
    now = now or utcnow()
    lock_event_seats(dbs, registration.event_id)
    if registration.status == RegistrationStatus.CONFIRMED:
        return registration
    if registration.status != RegistrationStatus.PENDING:
        raise Conflict(_l("A cancelled registration cannot be approved.")
                       if registration.status == RegistrationStatus.CANCELLED
                       else _l("A rejected registration cannot be approved."), field="status")
    registration.status = RegistrationStatus.CONFIRMED
    registration.decided_at, registration.decided_by = now, by
    registration.updated_at = now
    dbs.flush()
    preferred, registration.preferred_subforum = registration.preferred_subforum, None
    if preferred is not None:
        # Asked for when registering, before the deadline: given even after it.
        take_seat(dbs, registration, preferred, now=now, asked_in_time=True)
    notify_decided(dbs, registration)
    announce_registration(dbs, registration, Kind.REGISTRATION_CHANGED)
    return registration


def reject_registration(dbs: DbSession, registration: Registration, by: User | None,
                        note: str | None = None, now: datetime | None = None) -> Registration:
    """Decline a pending (or withdraw a confirmed) registration; its seats are freed."""
    now = now or utcnow()
    lock_event_seats(dbs, registration.event_id)
    if registration.status == RegistrationStatus.REJECTED:
        return registration
    if registration.status == RegistrationStatus.CANCELLED:
        raise Conflict(_l("The participant already cancelled this registration."),
                       field="status")
    if note is not None and len(note) > 2000:
        raise Invalid(_l("At most %(limit)s characters.", limit=2000), field="note")
    registration.status = RegistrationStatus.REJECTED
    registration.decided_at, registration.decided_by = now, by
    registration.decision_note = (note or "").strip() or None
    registration.preferred_subforum = None
    registration.updated_at = now
    release_all_seats(dbs, registration, now)
    signals.left_event.send(registration, dbs=dbs)
    notify_decided(dbs, registration)
    dbs.flush()
    announce_registration(dbs, registration, Kind.REGISTRATION_CHANGED)
    return registration


def _loaded():
    return (
        selectinload(Registration.user),
        selectinload(Registration.seats).selectinload(Seat.subforum),
        selectinload(Registration.seats).selectinload(Seat.session),
        selectinload(Registration.preferred_subforum),
    )


def get_registration(dbs: DbSession, event: Event, registration_id: int) -> Registration:
    registration = dbs.scalar(
        select(Registration).where(Registration.id == registration_id,
                                   Registration.event_id == event.id).options(*_loaded())
    )
    if registration is None:
        raise NotFound(_l("No registration %(id)s in this event.", id=registration_id))
    return registration


def my_registration(dbs: DbSession, event: Event, user: User) -> Registration:
    """The user's registration for the event (404 when there is none)."""
    registration = dbs.scalar(
        select(Registration).where(Registration.event_id == event.id,
                                   Registration.user_id == user.id).options(*_loaded())
    )
    if registration is None:
        raise NotFound(_l("You have not registered for this event."))
    return registration


def preferred_language(registrations: list[Registration], fallback: str) -> str:
    """The language a participant asked for: that of their latest active registration
    (as `user_registrations` orders them), else `fallback`."""
    active = [r for r in registrations if r.is_active and r.language in LANGUAGES]
    return active[0].language if active else fallback


def registrations_with_events(dbs: DbSession, user: User) -> list[Registration]:
    """A user's registrations with their events, in one statement, ordered as
    `user_registrations` (their seats and the rest are not loaded)."""
    return list(dbs.scalars(
        select(Registration).join(Event, Event.id == Registration.event_id)
        .where(Registration.user_id == user.id)
        .options(contains_eager(Registration.event))
        .order_by(Event.start_date.desc(), Registration.id)
    ))


def user_registrations(dbs: DbSession, user: User) -> list[Registration]:
    """All of a user's registrations, latest event first."""
    return list(dbs.scalars(
        select(Registration).join(Event, Event.id == Registration.event_id)
        .where(Registration.user_id == user.id)
        .options(*_loaded(), selectinload(Registration.event))
        .order_by(Event.start_date.desc(), Registration.id)
    ))


def status_counts(dbs: DbSession, event: Event) -> dict[RegistrationStatus, int]:
    """How many of the event's registrations are in each status, in one query."""
    counts = dict.fromkeys(RegistrationStatus, 0)
    rows = dbs.execute(
        select(Registration.status, func.count()).where(Registration.event_id == event.id)
        .group_by(Registration.status)
    )
    for status, count in rows:
        counts[RegistrationStatus(status)] = count
    return counts


def _registrations_where(event: Event, status: str | None, subforum_id: int | None):
    conditions = [Registration.event_id == event.id]
    if status:
        if status not in set(RegistrationStatus):
            raise Invalid(_l("Choose one of %(choices)s.", choices=", ".join(RegistrationStatus)),
                          field="status")
        conditions.append(Registration.status == status)
    if subforum_id is not None:
        conditions.append(Registration.id.in_(
            select(Seat.registration_id).where(Seat.subforum_id == subforum_id)))
    return conditions


def event_registrations(
    dbs: DbSession, event: Event, *, status: str | None = None,
    subforum_id: int | None = None, limit: int | None = None, offset: int = 0,
) -> list[Registration]:
    """The event's registrations for organizers, oldest first; optionally only one status or
    those with a seat (held or waited for) in one sub-forum, and one page of them."""
    stmt = (select(Registration).where(*_registrations_where(event, status, subforum_id))
            .options(*_loaded()).order_by(Registration.created_at, Registration.id)
            .offset(offset).limit(limit))
    return list(dbs.scalars(stmt))


def count_registrations(dbs: DbSession, event: Event, *, status: str | None = None,
                        subforum_id: int | None = None) -> int:
    """How many registrations `event_registrations` lists with the same filters."""
    return dbs.scalar(select(func.count()).select_from(Registration).where(
        *_registrations_where(event, status, subforum_id))) or 0
