"""A participant's own programme: what everyone attends plus what they hold seats in."""

from __future__ import annotations

from sqlalchemy.orm import Session as DbSession

from lmevents.agenda.models import Session
from lmevents.agenda.services import programme
from lmevents.registration.models import Registration, RegistrationStatus, SeatState
from lmevents.registration.seats import needs_seat


def personal_programme(dbs: DbSession, registration: Registration,
                       everything: list[Session] | None = None) -> list[Session]:
    """The sessions of a confirmed registration, in time order: those that take no seat, and
    those of the sub-forums and sessions where it holds one (cancelled ones included, marked
    as such, so calendars can drop them). Pending or withdrawn registrations have none.
    `everything`: the event's programme when the caller has it already."""
    if registration.status != RegistrationStatus.CONFIRMED:
        return []
    held = [seat for seat in registration.seats if seat.state == SeatState.HELD]
    subforums = {seat.subforum_id for seat in held if seat.subforum_id is not None}
    seated = {seat.session_id for seat in held if seat.session_id is not None}
    return [
        session for session in (programme(dbs, registration.event) if everything is None
                                else everything)
        if not needs_seat(session) or session.subforum_id in subforums or session.id in seated
    ]


def sessions_to_take(dbs: DbSession, registration: Registration,
                     everything: list[Session] | None = None) -> list[Session]:
    """Sessions with places of their own (a technical exchange with a capacity, say) that a
    confirmed registration has neither a seat nor a waiting place in: the agenda offers
    them, or they would silently stay off it."""
    if registration.status != RegistrationStatus.CONFIRMED:
        return []
    mine = {seat.session_id for seat in registration.seats if seat.session_id is not None}
    return [
        session for session in (programme(dbs, registration.event) if everything is None
                                else everything)
        if session.subforum_id is None and session.capacity is not None
        and not session.is_cancelled and session.id not in mine
    ]
