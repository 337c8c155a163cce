"""Joining a session's video room through lmevents: who may, from when, and the first join
recorded once.

A participant reaches the room by `/events/<slug>/sessions/<id>/join`, signed in, or with
their own signed link (`join_key`) from a calendar app or a mail, which open links without
the session cookie. The room's link is revealed only to those who may join; every refusal
says why and what to do."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy.orm import Session as DbSession

from lmevents.agenda.models import Session, SessionStatus
from lmevents.auth.models import User
from lmevents.core.models import utcnow
from lmevents.core.rows import insert_unless_there
from lmevents.core.timezones import format_span
from lmevents.errors import DomainError
from lmevents.events.team import organizes
from lmevents.live.models import Attendance, JoinedVia
from lmevents.registration.models import RegistrationStatus, SeatState
from lmevents.registration.phrases import place_name
from lmevents.registration.registrations import find_registration
from lmevents.registration.seats import needs_seat, seat_key, session_seat_key


class Refusal(enum.StrEnum):
    """Why someone may not join (yet): each has its next step on the refusal page."""

    SIGN_IN = "sign_in"
    BAD_LINK = "bad_link"
    NOT_REGISTERED = "not_registered"
    PENDING = "pending"
    NO_SEAT = "no_seat"
    WAITING = "waiting"
    CANCELLED = "cancelled"
    NO_ROOM = "no_room"
    TOO_EARLY = "too_early"
    OVER = "over"


class JoinRefused(DomainError):
    status = 403
    title = "Forbidden"

    def __init__(self, reason: Refusal, message, status: int = 403, **extra):
        super().__init__(message, field="join", **extra)
        self.reason = reason
        self.status = status


@dataclass(frozen=True)
class Joined:
    url: str  # the room's own link
    first: bool  # this person's first join of the session


def join_window(session: Session) -> tuple[datetime, datetime]:
    """From when to when the session's room may be joined: the event's
    `join_opens_minutes` before the start, until the end."""
    opens = session.starts_at - timedelta(minutes=session.event.join_opens_minutes)
    return opens, session.ends_at


def check_join(dbs: DbSession, session: Session, user: User | None, *, zone: str,
               now: datetime | None = None) -> str:
    """The room's link when `user` may join `session` now, else JoinRefused saying why
    (times written in `zone`). The event's organizers may always join a room that has a
    link (to open it and to try it); participants need a confirmed registration, a seat
    where the session takes one, and the window `join_window`."""
    now = now or utcnow()
    event = session.event
    if session.status == SessionStatus.CANCELLED:
        raise JoinRefused(Refusal.CANCELLED, _l("This session is cancelled: there is nothing "
                                                "to join."), status=410)
    if user is None:
        raise JoinRefused(Refusal.SIGN_IN, _l("Sign in to join this session: its room is for "
                                              "the event's registered participants."),
                          status=401)
    room = session.meeting_room
    organizer = organizes(dbs, user, event)
    if not organizer:
        _check_participant(dbs, session, user)
    if room is None or not room.join_url:
        raise JoinRefused(Refusal.NO_ROOM, _l("The organizers have not given this session a "
                                              "room to join yet: look again closer to its "
                                              "start."), status=404)
    if organizer:
        return room.join_url
    opens, ends = join_window(session)
    if now < opens:
        raise JoinRefused(Refusal.TOO_EARLY, _l(
            "The room opens %(minutes)d minutes before the session: from %(time)s.",
            minutes=event.join_opens_minutes, time=format_span(opens, ends, zone)),
            opens_at=opens)
    if now >= ends:
        raise JoinRefused(Refusal.OVER, _l("This session is over: it ran %(span)s.",
                                           span=format_span(session.starts_at, ends, zone)))
    return room.join_url


def _check_participant(dbs: DbSession, session: Session, user: User) -> None:
    registration = find_registration(dbs, session.event, user)
    if registration is None or registration.status in (RegistrationStatus.CANCELLED,
                                                       RegistrationStatus.REJECTED):
        raise JoinRefused(Refusal.NOT_REGISTERED, _l(
            "You are not registered for this event: only its registered participants join "
            "its sessions."))
    if registration.status == RegistrationStatus.PENDING:
        raise JoinRefused(Refusal.PENDING, _l(
            "Your registration awaits an organizer's approval: you can join once it is "
            "confirmed."))
    if not needs_seat(session):
        return
    where = session_seat_key(session)
    seat = next((s for s in registration.seats if seat_key(s.subforum_id, s.session_id) == where),
                None)
    place = place_name(session.subforum if session.subforum_id is not None else session)
    if seat is None:
        raise JoinRefused(Refusal.NO_SEAT, _l(
            "%(place)s has limited places and you hold none: take a seat to join.",
            place=place))
    if seat.state != SeatState.HELD:
        raise JoinRefused(Refusal.WAITING, _l(
            "You are on the waiting list of %(place)s: you can join once a seat is yours.",
            place=place))


def join(dbs: DbSession, session: Session, user: User | None, *, zone: str,
         via: JoinedVia = JoinedVia.PAGE, now: datetime | None = None) -> Joined:
    """`check_join`, then the person's first join of the session recorded (once, however
    many joins arrive at the same moment)."""
    now = now or utcnow()
    url = check_join(dbs, session, user, zone=zone, now=now)
    return Joined(url, record_join(dbs, session, user, via, now))


def record_join(dbs: DbSession, session: Session, user: User, via: JoinedVia,
                now: datetime) -> bool:
    """Insert the attendance unless the person has one for the session; True if inserted.
    The unique constraint decides inside the database, so two joins at once make one row."""
    return insert_unless_there(
        dbs, Attendance.__table__,
        {"session_id": session.id, "user_id": user.id, "joined_at": now, "via": via.value},
        ["session_id", "user_id"])


# Signed per-person links ----------------------------------------------------------------

_SALT = "lmevents.live.join"


def join_key(secret: str, user: User, session: Session) -> str:
    """The key of `user`'s own link to join `session`: it stands for them (no cookie needed)
    until they sign out everywhere or change their password."""
    return URLSafeSerializer(secret, salt=_SALT).dumps([user.id, session.id,
                                                        user.session_version])


def person_of_key(dbs: DbSession, secret: str, key: str, session: Session) -> User:
    """Whom a join link's key stands for; JoinRefused when it is not a key of this session,
    or its person has since signed out everywhere."""
    try:
        user_id, session_id, version = URLSafeSerializer(secret, salt=_SALT).loads(key)
    except (BadSignature, ValueError, TypeError):
        user_id = session_id = version = None
    user = dbs.get(User, user_id) if isinstance(user_id, int) else None
    if (user is None or not user.active or session_id != session.id
            or version != user.session_version):
        raise JoinRefused(Refusal.BAD_LINK, _l(
            "This join link is not valid (any more): open the session from your agenda, or "
            "sign in to join."))
    return user
