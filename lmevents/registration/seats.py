"""Seats in sub-forums and in sessions with limited room: take one, wait for one, give it up.

Every change to an event's seats first locks the event's row (`lock_event_seats`), so the
count of free seats read afterwards stays true until the transaction ends: no overbooking
however many requests arrive at once. The waiting list of a sub-forum or session is its
waiting seats in the order they were made (by id, which the lock hands out in turn).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session as DbSession
from sqlalchemy.orm import aliased, selectinload

from lmevents.agenda.models import Session, SessionStatus
from lmevents.availability import clash_label, first_meeting_during, overlaps
from lmevents.core.models import utcnow
from lmevents.errors import Conflict, Invalid
from lmevents.events.models import Event
from lmevents.registration.deadline import refuse_seats_after_deadline
from lmevents.registration.models import Registration, RegistrationStatus, Seat, SeatState
from lmevents.registration.notifications import notify_promoted
from lmevents.registration.phrases import place_name
from lmevents.subforums.models import SubForum
from lmevents.webhooks.models import Kind
from lmevents.webhooks.payloads import announce_seat

SeatTarget = SubForum | Session


def lock_event_seats(dbs: DbSession, event_id: int, *fresh: object) -> None:
    """Serialize seat changes within one event (a row lock on PostgreSQL; SQLite has a single
    writer anyway). What was loaded before the lock is read again on next use: the objects
    in `fresh` when given (the few a seat change decides on, so the lock is held briefly),
    else every object. Changes not yet written are flushed first, so none is lost."""
    dbs.execute(select(Event.id).where(Event.id == event_id).with_for_update())
    if not fresh:
        dbs.expire_all()
    for obj in fresh:
        if obj in dbs:
            dbs.expire(obj)


def needs_seat(session: Session) -> bool:
    """Whether attending the session takes a seat: a sub-forum's sessions, and a session with
    a capacity of its own. Everyone registered attends the others (opening, keynotes, the
    roundtable, and the technical exchange unless its places are limited)."""
    return session.subforum_id is not None or session.capacity is not None


def _target_filter(target: SeatTarget):
    if isinstance(target, SubForum):
        return Seat.subforum_id == target.id
    return Seat.session_id == target.id


def _target_sessions(target: SeatTarget) -> list[Session]:
    sessions = target.sessions if isinstance(target, SubForum) else [target]
    return [s for s in sessions if s.status == SessionStatus.SCHEDULED]


def seat_in(registration: Registration, target: SeatTarget) -> Seat | None:
    """The registration's seat (held or waited for) in `target`, if any."""
    in_subforum = isinstance(target, SubForum)
    return next((seat for seat in registration.seats
                 if (seat.subforum_id if in_subforum else seat.session_id) == target.id), None)


def held_count(dbs: DbSession, target: SeatTarget) -> int:
    return dbs.scalar(select(func.count()).select_from(Seat).where(
        _target_filter(target), Seat.state == SeatState.HELD)) or 0


def free_seats(dbs: DbSession, target: SeatTarget) -> int | None:
    """Seats left, or None when the room is unlimited."""
    if target.capacity is None:
        return None
    return max(target.capacity - held_count(dbs, target), 0)


def clashing_seats(
    registration: Registration, target: SeatTarget
) -> list[tuple[Seat, Session | None]]:
    """The participant's other seats (held or waited for) that clash with `target`, each with
    the first overlapping session. A sub-forum whose sessions are not scheduled yet is taken
    to run in parallel with every other sub-forum (session None): otherwise one person could
    hold a seat in each before the organizers set the times."""
    wanted = _target_sessions(target)
    found: list[tuple[Seat, Session | None]] = []
    for seat in registration.seats:
        other = seat.target
        if other is target:
            continue
        theirs = _target_sessions(other)
        if isinstance(target, SubForum) and isinstance(other, SubForum) and not (
                wanted and theirs):
            found.append((seat, None))
            continue
        for session in theirs:
            if any(overlaps(session.starts_at, session.ends_at, mine.starts_at, mine.ends_at)
                   for mine in wanted):
                found.append((seat, session))
                break
    return found


def check_seatable(target: SeatTarget) -> None:
    if isinstance(target, Session):
        if target.subforum_id is not None:
            raise Invalid(_l("This session belongs to sub-forum %(code)s: take a seat in the "
                             "sub-forum.", code=target.subforum.code), field="session_id")
        if not needs_seat(target):
            raise Invalid(_l("Everyone registered attends this session: it takes no seat."),
                          field="session_id")
        if target.status == SessionStatus.CANCELLED:
            raise Conflict(_l("This session is cancelled."), field="session_id")


@dataclass
class SeatOutcome:
    seat: Seat
    created: bool
    # Seats given up in the same step (a switch), and seats given to people who waited.
    released: list[str]


def take_seat(
    dbs: DbSession, registration: Registration, target: SeatTarget, *,
    switch: bool = False, now: datetime | None = None, asked_in_time: bool = False,
) -> SeatOutcome:
    """A seat in `target` for a confirmed registration: held when one is free, else a place
    on the waiting list. Asking again returns the same seat.

    A seat overlapping one the participant holds or waits for is refused with a Conflict
    naming the clashing session, unless `switch`: then the clashing seat is given up in the
    same transaction, or, when `target` is full, kept until a seat there is free.

    After the registration deadline seats are no longer taken or switched, unless
    `asked_in_time`: asked for with the registration itself (given when it is made or
    approved).
    """
    if target.event_id != registration.event_id:
        raise Invalid(_l("%(place)s belongs to another event.", place=place_name(target)),
                      field="seat")
    check_seatable(target)
    already = seat_in(registration, target)
    if already is not None and registration.status == RegistrationStatus.CONFIRMED:
        # Asking again for a seat one has: answered without waiting for the lock. Only this
        # participant's own requests change their seat, and those are seen when made.
        return SeatOutcome(already, False, [])
    # A seat is decided on the registration (status, seats) and the target's capacity as
    # they are once the lock is held; the rest (event, sessions) is read as it was.
    lock_event_seats(dbs, registration.event_id, registration)
    if target in dbs:
        dbs.expire(target, ["capacity"])
    if registration.status != RegistrationStatus.CONFIRMED:
        if registration.status == RegistrationStatus.PENDING:
            raise Conflict(_l("Your registration awaits an organizer's approval: seats are "
                              "given once it is confirmed."), field="registration")
        raise Conflict(_l("You have no confirmed registration for this event."),
                       field="registration")
    existing = seat_in(registration, target)
    if existing is not None:
        return SeatOutcome(existing, False, [])
    if not asked_in_time:
        refuse_seats_after_deadline(registration.event, now)
    now = now or utcnow()

    clashes = clashing_seats(registration, target)
    if clashes and not switch:
        seat, session = clashes[0]
        place, there = place_name(target), place_name(seat.target)
        if session is None:
            raise Conflict(
                _l("You hold a seat in %(there)s, and until their times are set sub-forums "
                   "count as parallel: switch to move to %(place)s.", there=there, place=place)
                if seat.is_held else
                _l("You are on the waiting list in %(there)s, and until their times are set "
                   "sub-forums count as parallel: switch to move to %(place)s.",
                   there=there, place=place),
                field="seat")
        clash = clash_label(session, registration.event.timezone)
        raise Conflict(
            _l("%(place)s overlaps %(other)s, where you hold a seat through %(there)s; switch "
               "to give that up", place=place, other=clash, there=there)
            if seat.is_held else
            _l("%(place)s overlaps %(other)s, where you are on the waiting list through "
               "%(there)s; switch to give that up", place=place, other=clash, there=there),
            field="seat", session_id=session.id,
        )
    _check_no_meeting_then(dbs, registration, target)
    released: list[str] = []
    held_clashes = [seat for seat, _ in clashes if seat.is_held]
    for seat, _ in clashes:
        if not seat.is_held:  # a place in another line is simply left
            released.append(place_name(seat.target))
            registration.seats.remove(seat)
    dbs.flush()

    free = free_seats(dbs, target)
    seat = Seat(registration=registration, subforum=target if isinstance(target, SubForum)
                else None, session=target if isinstance(target, Session) else None,
                requested_at=now)
    if free is None or free > 0:
        seat.state, seat.held_since = SeatState.HELD, now
        dbs.add(seat)
        dbs.flush()
        announce_seat(dbs, seat, Kind.SEAT_TAKEN)
        for old in held_clashes:
            released.append(place_name(old.target))
            _give_up(dbs, old, now)
    else:
        if len(held_clashes) > 1:
            raise Conflict(_l("%(place)s is full, and waiting for it would have to keep more "
                              "than one seat for you: give some up first.",
                              place=place_name(target)), field="seat")
        seat.state = SeatState.WAITING
        seat.replaces = held_clashes[0] if held_clashes else None
        dbs.add(seat)
        dbs.flush()
    return SeatOutcome(seat, True, released)


def _check_no_meeting_then(dbs: DbSession, registration: Registration,
                           target: SeatTarget) -> None:
    meeting = first_meeting_during(dbs, registration.user_id, _target_sessions(target))
    if meeting is not None:
        raise Conflict(
            _l("%(place)s overlaps your accepted %(meeting)s: cancel or move the meeting first.",
               place=place_name(target),
               meeting=clash_label(meeting, registration.event.timezone)),
            field="seat", meeting_id=meeting.id)


def _give_up(dbs: DbSession, seat: Seat, now: datetime) -> None:
    """Remove a seat (lock held); a held one goes to the first in line."""
    target = seat.target
    was_held = seat.is_held
    registration = seat.registration
    for waiting in dbs.scalars(select(Seat).where(Seat.replaces_id == seat.id)):
        waiting.replaces = None
    if was_held:
        announce_seat(dbs, seat, Kind.SEAT_FREED)
    registration.seats.remove(seat)
    dbs.flush()
    if was_held:
        promote_next_waiting(dbs, target, now)


def release_seat(dbs: DbSession, seat: Seat, now: datetime | None = None) -> None:
    """The participant gives up a seat or leaves a waiting list; whoever waited first gets a
    freed seat at once and is told by e-mail."""
    lock_event_seats(dbs, seat.registration.event_id)
    _give_up(dbs, seat, now or utcnow())


def release_all_seats(dbs: DbSession, registration: Registration, now: datetime) -> None:
    """Every seat of a registration that is cancelled or rejected (lock held)."""
    for seat in list(registration.seats):
        if seat in registration.seats:  # a cascade may already have moved it
            _give_up(dbs, seat, now)


def promote_next_waiting(
    dbs: DbSession, target: SeatTarget, now: datetime | None = None
) -> list[Seat]:
    """Give free seats of `target` to the waiting list in order (lock held); each promoted
    participant gives up the seat their switch replaces and is told by e-mail."""
    now = now or utcnow()
    promoted = []
    while True:
        free = free_seats(dbs, target)
        if free is not None and free <= 0:
            break
        seat = dbs.scalar(
            select(Seat).where(_target_filter(target), Seat.state == SeatState.WAITING)
            .order_by(Seat.id).limit(1)
        )
        if seat is None:
            break
        seat.state, seat.held_since = SeatState.HELD, now
        replaced, seat.replaces = seat.replaces, None
        dbs.flush()
        announce_seat(dbs, seat, Kind.SEAT_TAKEN)
        promoted.append(seat)
        notify_promoted(dbs, seat, replaced_target=replaced.target if replaced else None)
        if replaced is not None:
            _give_up(dbs, replaced, now)
    return promoted


def fill_free_seats(dbs: DbSession, target: SeatTarget) -> list[Seat]:
    """After a capacity grows: promote waiting participants into the new seats."""
    lock_event_seats(dbs, target.event_id)
    return promote_next_waiting(dbs, target)


def waiting_positions(dbs: DbSession, seats: list[Seat]) -> dict[int, int]:
    """Each waiting seat's place in its line (1 is next), in one query that counts the
    seats ahead in the index instead of reading the line."""
    waiting = [s.id for s in seats if s.state == SeatState.WAITING]
    if not waiting:
        return {}
    ahead = aliased(Seat)
    place = (
        select(func.count()).select_from(ahead).where(
            ahead.state == SeatState.WAITING, ahead.id <= Seat.id,
            # a seat is in a sub-forum or in a session: the other comparison is NULL
            (ahead.subforum_id == Seat.subforum_id) | (ahead.session_id == Seat.session_id),
        ).scalar_subquery()
    )
    return dict(dbs.execute(select(Seat.id, place).where(Seat.id.in_(waiting))).all())


def seat_key(subforum_id: int | None, session_id: int | None) -> tuple[str, int]:
    """Where a seat is: `("subforum", id)` or `("session", id)`, as `seat_counts` keys it."""
    return ("subforum", subforum_id) if subforum_id is not None else ("session", session_id)


def session_seat_key(session: Session) -> tuple[str, int]:
    """Where a seat for `session` is held: in its sub-forum, else in the session itself."""
    return seat_key(session.subforum_id, session.id)


def seat_counts(dbs: DbSession, event: Event) -> dict[tuple[str, int], dict[str, int]]:
    """Held and waiting seats per sub-forum (`("subforum", id)`) and session
    (`("session", id)`) of an event, in one query."""
    rows = dbs.execute(
        select(Seat.subforum_id, Seat.session_id, Seat.state, func.count())
        .join(Registration, Registration.id == Seat.registration_id)
        .where(Registration.event_id == event.id)
        .group_by(Seat.subforum_id, Seat.session_id, Seat.state)
    )
    counts: dict[tuple[str, int], dict[str, int]] = {}
    for subforum_id, session_id, state, count in rows:
        key = seat_key(subforum_id, session_id)
        counts.setdefault(key, {"held": 0, "waiting": 0})[SeatState(state).value] = count
    return counts


def seats_left(target: SeatTarget, counts: dict[tuple[str, int], dict[str, int]]) -> int | None:
    """Seats left from `seat_counts`, or None when the room is unlimited."""
    if target.capacity is None:
        return None
    kind = "subforum" if isinstance(target, SubForum) else "session"
    held = counts.get((kind, target.id), {}).get("held", 0)
    return max(target.capacity - held, 0)


def registration_with_seats(dbs: DbSession, registration_id: int) -> Registration:
    """A registration with its seats and their targets' sessions loaded."""
    return dbs.scalar(
        select(Registration).where(Registration.id == registration_id).options(
            selectinload(Registration.seats).selectinload(Seat.subforum)
            .selectinload(SubForum.sessions),
            selectinload(Registration.seats).selectinload(Seat.session),
        )
    )
