"""Seats in sub-forums and sessions: capacity, waiting lists, promotion, clashes, switching."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from lmevents.errors import Conflict, Invalid
from lmevents.mail.models import OutboxMessage
from lmevents.registration.models import Seat, SeatState
from lmevents.registration.seats import (
    fill_free_seats,
    release_seat,
    seat_counts,
    seats_left,
    take_seat,
    waiting_positions,
)
from tests import factories


def people(dbs, event, count, start=0):
    return [
        factories.make_registration(
            dbs, event, factories.make_user(dbs, f"p{i}@example.org"), name=f"Person {i}")
        for i in range(start, start + count)
    ]


def seat_in(dbs, registration, target, **kwargs):
    outcome = take_seat(dbs, registration, target, **kwargs)
    dbs.commit()
    return outcome


def test_seat_is_held_while_room_is_left(dbs, roundtable):
    (ada,) = people(dbs, roundtable.event, 1)
    outcome = seat_in(dbs, ada, roundtable.subforum_a)
    assert outcome.created and outcome.seat.state == SeatState.HELD
    assert seats_left(roundtable.subforum_a, seat_counts(dbs, roundtable.event)) == 1


def test_full_subforum_puts_participant_on_waiting_list_in_order(dbs, roundtable):
    regs = people(dbs, roundtable.event, 5)
    seats = [seat_in(dbs, r, roundtable.subforum_a).seat for r in regs]
    assert [s.state for s in seats] == ["held", "held", "waiting", "waiting", "waiting"]
    assert waiting_positions(dbs, seats) == {seats[2].id: 1, seats[3].id: 2, seats[4].id: 3}
    assert seats_left(roundtable.subforum_a, seat_counts(dbs, roundtable.event)) == 0


def test_asking_twice_returns_the_same_seat(dbs, roundtable):
    (ada,) = people(dbs, roundtable.event, 1)
    first = seat_in(dbs, ada, roundtable.subforum_a)
    again = seat_in(dbs, ada, roundtable.subforum_a)
    assert again.seat.id == first.seat.id and not again.created
    assert len(dbs.scalars(select(Seat)).all()) == 1


def test_freed_seat_goes_to_first_in_line_who_is_told_by_mail(dbs, roundtable):
    regs = people(dbs, roundtable.event, 4)
    seats = [seat_in(dbs, r, roundtable.subforum_a).seat for r in regs]
    dbs.execute(OutboxMessage.__table__.delete())
    release_seat(dbs, seats[0])
    dbs.commit()
    assert dbs.get(Seat, seats[2].id).state == SeatState.HELD
    assert dbs.get(Seat, seats[3].id).state == SeatState.WAITING
    assert waiting_positions(dbs, [dbs.get(Seat, seats[3].id)]) == {seats[3].id: 1}
    mail = dbs.scalars(select(OutboxMessage)).all()
    assert [m.to_address for m in mail] == ["p2@example.org"]
    assert "sub-forum A" in mail[0].subject and "/me/agenda" in mail[0].body_text


def test_overlapping_subforum_is_refused_naming_the_clash(dbs, roundtable):
    (ada,) = people(dbs, roundtable.event, 1)
    seat_in(dbs, ada, roundtable.subforum_a)
    with pytest.raises(Conflict) as refusal:
        take_seat(dbs, ada, roundtable.subforum_b)
    assert refusal.value.extra["session_id"] == roundtable.session_a.id
    assert "Forum A talk" in refusal.value.message


def test_a_clashing_seat_is_named_with_its_time_in_the_events_zone(dbs, roundtable):
    (ada,) = people(dbs, roundtable.event, 1)
    seat_in(dbs, ada, roundtable.subforum_a)
    with pytest.raises(Conflict) as refusal:
        take_seat(dbs, ada, roundtable.subforum_b)
    # 10:30 in Shanghai, as the agenda shows it (not 02:30 UTC).
    assert "'Forum A talk' (2020-11-26 10:30–12:00 Asia/Shanghai)" in refusal.value.message


def test_subforums_without_times_count_as_parallel(dbs, roundtable):
    later = [factories.make_subforum(dbs, roundtable.event, code) for code in ("C", "D")]
    (ada,) = people(dbs, roundtable.event, 1)
    seat_in(dbs, ada, later[0])
    with pytest.raises(Conflict, match="count as parallel"):
        take_seat(dbs, ada, later[1])
    with pytest.raises(Conflict, match="count as parallel"):
        take_seat(dbs, ada, roundtable.subforum_a)  # scheduled, but C is not yet
    moved = seat_in(dbs, ada, later[1], switch=True)
    assert moved.seat.is_held
    assert [s.subforum_id for s in dbs.scalars(select(Seat))] == [later[1].id]


def test_waiting_place_counts_as_a_clash_too(dbs, roundtable):
    regs = people(dbs, roundtable.event, 3)
    for r in regs:
        seat_in(dbs, r, roundtable.subforum_a)
    with pytest.raises(Conflict, match="waiting list"):
        take_seat(dbs, regs[2], roundtable.subforum_b)


def test_switch_to_a_free_subforum_moves_the_seat_in_one_step(dbs, roundtable):
    regs = people(dbs, roundtable.event, 3)
    seats = [seat_in(dbs, r, roundtable.subforum_a).seat for r in regs]  # third waits for A
    outcome = seat_in(dbs, regs[0], roundtable.subforum_b, switch=True)
    assert outcome.seat.state == SeatState.HELD
    assert outcome.seat.subforum_id == roundtable.subforum_b.id
    held = dbs.scalars(select(Seat).where(Seat.registration_id == regs[0].id)).all()
    assert [s.subforum_id for s in held] == [roundtable.subforum_b.id]
    # The seat given up in A went to the one who waited for it.
    assert dbs.get(Seat, seats[2].id).state == SeatState.HELD


def test_switch_to_a_full_subforum_keeps_the_old_seat_until_promoted(dbs, roundtable):
    a_people = people(dbs, roundtable.event, 1)
    b_people = people(dbs, roundtable.event, 2, start=10)
    (mover,) = a_people
    old = seat_in(dbs, mover, roundtable.subforum_a).seat
    b_seats = [seat_in(dbs, r, roundtable.subforum_b).seat for r in b_people]
    outcome = seat_in(dbs, mover, roundtable.subforum_b, switch=True)
    assert outcome.seat.state == SeatState.WAITING
    assert dbs.get(Seat, old.id).state == SeatState.HELD  # never left with neither seat
    release_seat(dbs, dbs.get(Seat, b_seats[0].id))
    dbs.commit()
    mine = dbs.scalars(select(Seat).where(Seat.registration_id == mover.id)).all()
    assert [(s.subforum_id, s.state) for s in mine] == [(roundtable.subforum_b.id, "held")]
    assert seats_left(roundtable.subforum_a, seat_counts(dbs, roundtable.event)) == 2


def test_exchange_session_seat_and_subforum_sessions_refused(dbs, roundtable):
    regs = people(dbs, roundtable.event, 2)
    assert seat_in(dbs, regs[0], roundtable.exchange).seat.state == SeatState.HELD
    assert seat_in(dbs, regs[1], roundtable.exchange).seat.state == SeatState.WAITING
    with pytest.raises(Invalid, match="sub-forum A"):
        take_seat(dbs, regs[0], roundtable.session_a)
    with pytest.raises(Invalid, match="takes no seat"):
        take_seat(dbs, regs[0], roundtable.keynote)


def test_pending_registration_gets_no_seat(dbs, roundtable):
    roundtable.event.registration_mode = "approval"
    dbs.commit()
    (ada,) = people(dbs, roundtable.event, 1)
    assert ada.status == "pending"
    with pytest.raises(Conflict, match="approval"):
        take_seat(dbs, ada, roundtable.subforum_a)


def test_larger_capacity_promotes_waiting_people(dbs, roundtable):
    regs = people(dbs, roundtable.event, 4)
    seats = [seat_in(dbs, r, roundtable.subforum_a).seat for r in regs]
    roundtable.subforum_a.capacity = 3
    fill_free_seats(dbs, roundtable.subforum_a)
    dbs.commit()
    assert [dbs.get(Seat, s.id).state for s in seats] == ["held", "held", "held", "waiting"]


def test_growing_a_subforum_through_its_editor_seats_the_waiting_list(dbs, roundtable):
    from lmevents.subforums.api import _subforum_input
    from lmevents.subforums.services import update_subforum

    regs = people(dbs, roundtable.event, 3)
    seats = [seat_in(dbs, r, roundtable.subforum_a).seat for r in regs]
    data = _subforum_input(roundtable.subforum_a)
    data.capacity = None  # no limit any more
    update_subforum(dbs, roundtable.subforum_a, data)
    dbs.commit()
    assert [dbs.get(Seat, s.id).state for s in seats] == ["held"] * 3


def test_seat_of_another_event_is_refused(dbs, roundtable):
    other = factories.make_event(dbs, slug="other")
    forum = factories.make_subforum(dbs, other, "X")
    (ada,) = people(dbs, roundtable.event, 1)
    with pytest.raises(Invalid, match="another event"):
        take_seat(dbs, ada, forum)


def test_organizers_cannot_move_a_session_onto_another_seat_of_its_holders(dbs, roundtable):
    from lmevents.agenda.services import update_session

    # Sub-forum B meets after A for now, so one person may hold a seat in both.
    update_session(dbs, roundtable.session_b, {"starts_at": factories.at(12),
                                                "ends_at": factories.at(13)})
    dbs.commit()
    (ada,) = people(dbs, roundtable.event, 1)
    seat_in(dbs, ada, roundtable.subforum_a)  # 10:30–12:00
    seat_in(dbs, ada, roundtable.subforum_b)  # 12:00–13:00
    with pytest.raises(Conflict, match="1 participant") as refusal:
        update_session(dbs, roundtable.session_b, {"starts_at": factories.at(11),
                                                    "ends_at": factories.at(12)})
    assert refusal.value.extra["session_id"] == roundtable.session_a.id
    dbs.rollback()
    # A time that keeps the holders free is fine.
    update_session(dbs, roundtable.session_b, {"starts_at": factories.at(12, 15),
                                                "ends_at": factories.at(13)})


def test_scheduling_a_subforum_parallel_to_a_switch_under_way_is_allowed(dbs, roundtable):
    from lmevents.agenda.services import SessionInput, create_session

    later = [factories.make_subforum(dbs, roundtable.event, code, capacity=1)
             for code in ("C", "D")]
    blocker, mover = people(dbs, roundtable.event, 2)
    seat_in(dbs, blocker, later[1])
    seat_in(dbs, mover, later[0])
    assert not seat_in(dbs, mover, later[1], switch=True).seat.is_held  # waits, keeps C
    for forum in later:
        create_session(dbs, roundtable.event, SessionInput(
            kind="subforum", starts_at=factories.at(16, 30), ends_at=factories.at(17, 30),
            subforum_id=forum.id, title_en=f"Forum {forum.code}"))
    dbs.commit()


def test_a_new_session_cannot_be_put_on_its_holders_other_seats(dbs, roundtable):
    from lmevents.agenda.services import SessionInput, create_session, update_session

    update_session(dbs, roundtable.session_b, {"starts_at": factories.at(12),
                                                "ends_at": factories.at(13)})
    dbs.commit()
    (ada,) = people(dbs, roundtable.event, 1)
    seat_in(dbs, ada, roundtable.subforum_a)
    seat_in(dbs, ada, roundtable.subforum_b)
    with pytest.raises(Conflict, match="Forum A talk"):
        create_session(dbs, roundtable.event, SessionInput(
            kind="subforum", starts_at=factories.at(11), ends_at=factories.at(11, 30),
            subforum_id=roundtable.subforum_b.id, title_en="Forum B, part two"))
