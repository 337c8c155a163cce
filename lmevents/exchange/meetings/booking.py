"""Booking 1:1 meetings: the locks taken before accepting one, and the check, through
lmevents.availability, that neither side is double-booked (another accepted meeting, or a
session where they hold a seat)."""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession

from lmevents.auth.models import User
from lmevents.availability import clash_label, meeting_commitments, seat_commitments
from lmevents.errors import Conflict
from lmevents.exchange.models import MeetingRequest
from lmevents.registration.seats import lock_event_seats


def lock_meeting(dbs: DbSession, meeting: MeetingRequest) -> None:
    """Serialize the answers to one meeting; re-read it as it is now."""
    dbs.execute(select(MeetingRequest.id).where(MeetingRequest.id == meeting.id)
                .with_for_update())
    dbs.refresh(meeting)


def lock_for_accept(dbs: DbSession, meeting: MeetingRequest) -> None:
    """Serialize everything that books either person: the event's seats (as `take_seat`
    does), then both people's accounts in id order (their meetings in other events), then
    the meeting. Always in this order, so two accepts never wait for each other in a loop."""
    lock_event_seats(dbs, meeting.event_id)
    people = sorted({meeting.requester_id, meeting.recipient_id})
    dbs.execute(select(User.id).where(User.id.in_(people)).order_by(User.id).with_for_update())
    lock_meeting(dbs, meeting)


def check_free(dbs: DbSession, meeting: MeetingRequest, actor: User, start: datetime,
               end: datetime) -> None:
    """Conflict unless both sides are free from `start` to `end`: no other accepted meeting
    and no session where they hold a seat. The actor is told what clashes; of the other
    side only that they are not free."""
    people = [meeting.requester_id, meeting.recipient_id]
    zone = meeting.event.timezone

    def first(commitments):  # the actor's own clash before the other side's, else in time
        return min(commitments, key=lambda c: c.user_id != actor.id, default=None)

    found = first(meeting_commitments(dbs, people, start, end, except_meeting_id=meeting.id))
    if found is not None:
        if found.user_id == actor.id:
            raise Conflict(_l("You already have another %(meeting)s then.",
                              meeting=clash_label(found.meeting, zone)),
                           field="proposal_id", meeting_id=found.meeting.id)
        raise Conflict(_l("The other side is not free then: they have another meeting."),
                       field="proposal_id")
    found = first(seat_commitments(dbs, people, start, end))
    if found is not None:
        if found.user_id == actor.id:
            raise Conflict(_l("You hold a seat in %(session)s then.",
                              session=clash_label(found.session, zone)),
                           field="proposal_id", session_id=found.session.id)
        raise Conflict(_l("The other side is not free then: they hold a seat in a session."),
                       field="proposal_id")
