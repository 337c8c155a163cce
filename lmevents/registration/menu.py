"""The event whose links the menu carries on pages that belong to no one event (/me/…,
/manage/): the one a signed-in person is headed to."""

from __future__ import annotations

from datetime import date

from flask import request
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession

from lmevents.auth.models import User
from lmevents.core.models import utcnow
from lmevents.events.models import Event, EventOrganizer
from lmevents.extensions import db
from lmevents.registration.models import Registration, RegistrationStatus

ACTIVE = (RegistrationStatus.CONFIRMED, RegistrationStatus.PENDING)


def headed_to(dbs: DbSession, user: User, today: date) -> Event | None:
    """The published event `user` takes part in (registered, or on its team) that is next
    or under way; else the last one they took part in."""
    takes_part = (
        select(Registration.event_id)
        .where(Registration.user_id == user.id, Registration.status.in_(ACTIVE))
        .union(select(EventOrganizer.event_id).where(EventOrganizer.user_id == user.id))
    )
    events = select(Event).where(Event.published, Event.id.in_(takes_part))
    return (
        dbs.scalar(events.where(Event.end_date >= today)
                   .order_by(Event.start_date, Event.id).limit(1))
        or dbs.scalar(events.order_by(Event.end_date.desc(), Event.id).limit(1))
    )


def menu_event() -> Event | None:
    """`headed_to` for the person viewing the page, once per request."""
    if not current_user.is_authenticated:
        return None
    # Kept with the request (an app context, and `g`, may outlive one request).
    if "lmevents.menu_event" not in request.environ:
        request.environ["lmevents.menu_event"] = headed_to(db.session, current_user,
                                                           utcnow().date())
    return request.environ["lmevents.menu_event"]
