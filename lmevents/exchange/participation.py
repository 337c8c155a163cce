"""Who takes part in an event's exchange: its confirmed participants (and its organizers, who
moderate). The one place that decides who may post, vote or ask to meet."""

from __future__ import annotations

from typing import TYPE_CHECKING

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession

from lmevents.auth.models import User
from lmevents.errors import Forbidden
from lmevents.events.models import Event
from lmevents.events.team import organizes
from lmevents.registration.models import Registration, RegistrationStatus

if TYPE_CHECKING:
    from flask_babel.speaklater import LazyString


def participant_registration(
    dbs: DbSession, event: Event, user: User | None
) -> Registration | None:
    """The user's confirmed registration for the event, if any."""
    if user is None or not getattr(user, "is_authenticated", True):
        return None
    return dbs.scalar(select(Registration).where(
        Registration.event_id == event.id, Registration.user_id == user.id,
        Registration.status == RegistrationStatus.CONFIRMED))


def is_participant(dbs: DbSession, event: Event, user: User | None) -> bool:
    return participant_registration(dbs, event, user) is not None


def require_participant(dbs: DbSession, event: Event, user: User | None,
                        refusal: LazyString | None = None) -> Registration:
    """The user's confirmed registration, or Forbidden saying why (`refusal`, naming what
    the user tried)."""
    registration = participant_registration(dbs, event, user)
    if registration is None:
        if refusal is None:
            refusal = _l("Only the event's confirmed participants may do this: register first "
                         "(or wait for the organizers' approval).")
        raise Forbidden(refusal, field="registration")
    return registration


def sees_participant_content(dbs: DbSession, event: Event, user: User | None) -> bool:
    """Whether the user sees what participants share only among themselves: confirmed
    participants and organizers."""
    if organizes(dbs, user, event):
        return True
    return is_participant(dbs, event, user)


def participant_ids(dbs: DbSession, event: Event) -> set[int]:
    """The user ids of the event's confirmed participants, in one query."""
    return set(dbs.scalars(select(Registration.user_id).where(
        Registration.event_id == event.id,
        Registration.status == RegistrationStatus.CONFIRMED)))
