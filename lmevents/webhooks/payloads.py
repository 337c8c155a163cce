"""What each announcement says: the `data` of a delivery's body, one shape per subject. These
shapes are a promise to the organizers' systems that read them (README, "Webhooks"): add
fields, never rename or drop one.

The areas call `announce_*` in the transaction of the change, after it is written."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flask import current_app
from sqlalchemy.orm import Session as DbSession

from lmevents.agenda.models import Session
from lmevents.events.models import Event
from lmevents.exchange.models import MeetingRequest
from lmevents.registration.models import Registration, Seat
from lmevents.webhooks.models import Kind
from lmevents.webhooks.outbox import announce

# Where the API answers, under LMEVENTS_PUBLIC_URL (lmevents.api.API_PREFIX).
_API = "/api/v1"


def iso(moment: datetime | None) -> str | None:
    """UTC, to the second, with its Z: the form of every time in a body."""
    return None if moment is None else moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def api_url(path: str) -> str:
    return current_app.config["PUBLIC_URL"].rstrip("/") + _API + path


def registration_data(registration: Registration) -> dict[str, Any]:
    slug = registration.event.slug
    return {"registration": {
        "id": registration.id,
        "status": registration.status.value,
        "email": registration.user.email,
        "name": registration.name,
        "organization": registration.organization,
        "position": registration.position,
        "country": registration.country,
        "language": registration.language,
        "timezone": registration.timezone,
        "created_at": iso(registration.created_at),
        "updated_at": iso(registration.updated_at),
        "url": api_url(f"/events/{slug}/registrations/{registration.id}"),
    }}


def seat_data(seat: Seat) -> dict[str, Any]:
    registration = seat.registration
    return {"seat": {
        "id": seat.id,
        "state": seat.state.value,
        "subforum_id": seat.subforum_id,
        "session_id": seat.session_id,
        "registration_id": registration.id,
        "email": registration.user.email,
        "name": registration.name,
        "held_since": iso(seat.held_since),
    }}


def session_data(session: Session) -> dict[str, Any]:
    return {"session": {
        "id": session.id,
        "uid": session.uid,
        "status": session.status.value,
        "kind": session.kind.value,
        "title_en": session.title_en,
        "title_zh": session.title_zh,
        "starts_at": iso(session.starts_at),
        "ends_at": iso(session.ends_at),
        "room_id": session.room_id,
        "subforum_id": session.subforum_id,
        "revision": session.revision,
        "url": api_url(f"/events/{session.event.slug}/sessions/{session.id}"),
    }}


def meeting_data(meeting: MeetingRequest) -> dict[str, Any]:
    def side(user) -> dict[str, Any]:
        return {"id": user.id, "email": user.email, "name": user.name}

    return {"meeting": {
        "id": meeting.id,
        "uid": meeting.uid,
        "status": meeting.status.value,
        "starts_at": iso(meeting.starts_at),
        "ends_at": iso(meeting.ends_at),
        "join_url": meeting.join_url,
        "requester": side(meeting.requester),
        "recipient": side(meeting.recipient),
        "presentation_id": meeting.presentation_id,
        "need_id": meeting.need_id,
    }}


def announce_registration(dbs: DbSession, registration: Registration, kind: Kind) -> None:
    announce(dbs, registration.event, kind, registration_data(registration))


def announce_seat(dbs: DbSession, seat: Seat, kind: Kind) -> None:
    announce(dbs, seat.registration.event, kind, seat_data(seat))


def announce_session(dbs: DbSession, session: Session, kind: Kind) -> None:
    announce(dbs, session.event, kind, session_data(session))


def announce_meeting(dbs: DbSession, meeting: MeetingRequest, kind: Kind) -> None:
    announce(dbs, meeting.event, kind, meeting_data(meeting))


def ping_data(event: Event) -> dict[str, Any]:
    return {"ping": {"event": event.slug}}
