"""Registration closes at a deadline: the organizers', by default the end of the event. After
it nobody registers and seats are no longer taken or switched; those registered keep their
registration and seats, and may give seats up."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from lmevents.errors import Conflict
from lmevents.registration.deadline import deadline_passed, registration_is_open
from lmevents.registration.models import Registration, Seat, SeatState
from lmevents.registration.registrations import (
    approve_registration,
    cancel_registration,
    register,
)
from lmevents.registration.seats import release_seat, take_seat
from tests import factories
from tests.factories import at, registration_input

# The suite's event is on 2020-11-26 in Shanghai: it ends at midnight, 16:00 UTC.
EVENT_END = datetime(2020, 11, 26, 16, 0, tzinfo=UTC)
DEADLINE = at(18, day=datetime(2020, 11, 20).date())  # 2020-11-20 18:00 Shanghai


@pytest.fixture
def ada(dbs):
    return factories.make_user(dbs, "ada@example.org")


def registrations(dbs) -> int:
    dbs.expire_all()
    return dbs.scalar(select(func.count()).select_from(Registration))


def with_deadline(dbs, event, deadline=DEADLINE):
    event.registration_closes_at = deadline
    dbs.commit()
    return event


def test_by_default_registration_closes_when_the_event_ends(dbs, roundtable, ada):
    event = roundtable.event
    last_minute = EVENT_END - timedelta(seconds=1)

    assert registration_is_open(event, last_minute)
    assert not registration_is_open(event, EVENT_END)
    with pytest.raises(Conflict) as refused:
        register(dbs, event, ada, registration_input(), now=EVENT_END)
    assert refused.value.field == "event"
    assert refused.value.message == "Registration closed on 2020-11-26 at 23:59 (Asia/Shanghai)."

    outcome = register(dbs, event, ada, registration_input(), now=last_minute)
    assert outcome.created and outcome.registration.status == "confirmed"


def test_registration_after_a_set_deadline_is_refused_and_writes_nothing(dbs, roundtable, ada):
    event = with_deadline(dbs, roundtable.event)

    with pytest.raises(Conflict) as refused:
        register(dbs, event, ada, registration_input(subforum_id=roundtable.subforum_a.id),
                 now=DEADLINE)
    dbs.rollback()

    assert refused.value.field == "event"
    assert refused.value.message == "Registration closed on 2020-11-20 at 18:00 (Asia/Shanghai)."
    assert refused.value.errors == {
        "event": "Registration closed on 2020-11-20 at 18:00 (Asia/Shanghai)."}
    assert registrations(dbs) == 0
    assert dbs.scalar(select(func.count()).select_from(Seat)) == 0


def test_registration_before_a_set_deadline_is_accepted(dbs, roundtable, ada):
    event = with_deadline(dbs, roundtable.event)

    outcome = register(dbs, event, ada,
                       registration_input(subforum_id=roundtable.subforum_a.id),
                       now=DEADLINE - timedelta(minutes=1))
    dbs.commit()

    assert outcome.created and outcome.registration.status == "confirmed"
    assert [s.state for s in outcome.registration.seats] == [SeatState.HELD]


def test_a_closed_mode_is_closed_whatever_the_deadline(dbs, roundtable):
    event = roundtable.event
    event.registration_mode = "closed"
    dbs.commit()

    assert not registration_is_open(event, DEADLINE)
    assert not deadline_passed(event, DEADLINE)


def test_those_registered_keep_their_registration_after_the_deadline(dbs, roundtable, ada):
    event = with_deadline(dbs, roundtable.event)
    first = register(dbs, event, ada, registration_input(), now=DEADLINE - timedelta(days=1))
    dbs.commit()

    again = register(dbs, event, ada, registration_input(), now=DEADLINE + timedelta(days=1))

    assert not again.created and again.registration.id == first.registration.id
    assert again.registration.status == "confirmed"


def test_a_cancelled_registration_is_not_renewed_after_the_deadline(dbs, roundtable, ada):
    event = with_deadline(dbs, roundtable.event)
    registration = register(dbs, event, ada, registration_input(),
                            now=DEADLINE - timedelta(days=1)).registration
    cancel_registration(dbs, registration, now=DEADLINE - timedelta(hours=1))
    dbs.commit()

    with pytest.raises(Conflict, match="Registration closed on 2020-11-20 at 18:00"):
        register(dbs, event, ada, registration_input(), now=DEADLINE + timedelta(hours=1))
    dbs.rollback()
    assert dbs.get(Registration, registration.id).status == "cancelled"


def test_after_the_deadline_seats_are_given_up_but_not_taken_or_switched(dbs, roundtable, ada):
    event = with_deadline(dbs, roundtable.event)
    registration = register(dbs, event, ada,
                            registration_input(subforum_id=roundtable.subforum_a.id),
                            now=DEADLINE - timedelta(days=1)).registration
    dbs.commit()
    late = DEADLINE + timedelta(minutes=1)

    for target, switch in ((roundtable.exchange, False), (roundtable.subforum_b, True)):
        with pytest.raises(Conflict) as refused:
            take_seat(dbs, registration, target, switch=switch, now=late)
        dbs.rollback()
        assert refused.value.field == "seat"
        assert refused.value.message == (
            "Registration closed on 2020-11-20 at 18:00 (Asia/Shanghai): seats can no longer "
            "be taken or changed, but you can still give yours up.")

    # Asking again for the seat one holds is no change: the same seat.
    assert not take_seat(dbs, registration, roundtable.subforum_a, now=late).created
    (seat,) = registration.seats
    release_seat(dbs, seat, now=late)
    dbs.commit()
    assert dbs.scalar(select(func.count()).select_from(Seat)) == 0


def test_approval_after_the_deadline_gives_the_seat_asked_for_in_time(dbs, roundtable, ada,
                                                                       organizer):
    event = with_deadline(dbs, roundtable.event)
    event.registration_mode = "approval"
    dbs.commit()
    registration = register(dbs, event, ada,
                            registration_input(subforum_id=roundtable.subforum_a.id),
                            now=DEADLINE - timedelta(days=1)).registration
    dbs.commit()

    approve_registration(dbs, registration, organizer, now=DEADLINE + timedelta(days=1))
    dbs.commit()

    assert registration.status == "confirmed"
    assert [(s.subforum_id, s.state) for s in registration.seats] == [
        (roundtable.subforum_a.id, SeatState.HELD)]
