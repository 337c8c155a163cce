"""Who is busy when: the one answer seats, meetings and the programme ask for."""

from __future__ import annotations

from lmevents.agenda.models import SpeakerRole
from lmevents.agenda.services import SpeakerEntry, cancel_session
from lmevents.availability import (
    clash_label,
    first_speaking_slot,
    overlaps,
    seat_commitments,
)
from lmevents.registration.seats import take_seat
from tests import factories
from tests.factories import at


def registered(dbs, event, email):
    user = factories.make_user(dbs, email)
    return user, factories.make_registration(dbs, event, user)


def test_spans_that_only_touch_do_not_overlap():
    assert overlaps(at(9), at(10), at(9, 59), at(11))
    assert not overlaps(at(9), at(10), at(10), at(11))


def test_a_held_seat_holds_its_person_during_its_sessions_only(dbs, roundtable):
    ada, registration = registered(dbs, roundtable.event, "ada@example.org")
    take_seat(dbs, registration, roundtable.subforum_a)
    dbs.commit()

    (busy,) = seat_commitments(dbs, [ada.id], at(11), at(11, 30))
    assert busy.session.id == roundtable.session_a.id and busy.user_id == ada.id
    # Sessions everyone attends take no seat: they hold nobody.
    assert seat_commitments(dbs, [ada.id], at(9), at(10)) == []
    assert seat_commitments(dbs, [ada.id], at(12), at(13)) == []


def test_a_waiting_place_and_a_cancelled_session_hold_nobody(dbs, roundtable):
    bo, first = registered(dbs, roundtable.event, "bo@example.org")
    cy, second = registered(dbs, roundtable.event, "cy@example.org")
    take_seat(dbs, first, roundtable.exchange)  # the exchange has one seat
    waiting = take_seat(dbs, second, roundtable.exchange)
    dbs.commit()
    assert not waiting.seat.is_held
    assert seat_commitments(dbs, [cy.id], at(14), at(16)) == []
    assert len(seat_commitments(dbs, [bo.id], at(14), at(16))) == 1

    cancel_session(dbs, roundtable.exchange)
    dbs.commit()
    assert seat_commitments(dbs, [bo.id], at(14), at(16)) == []


def test_a_speaking_part_holds_the_speaker_in_every_event(dbs):
    speaker = factories.make_speaker(dbs, "Busy Speaker")
    first = factories.make_event(dbs, "first-event")
    second = factories.make_event(dbs, "second-event")
    keynote = factories.make_session(dbs, first, at(9), at(10), title_en="Keynote",
                                     speakers=[SpeakerEntry(speaker.id, SpeakerRole.KEYNOTE)])

    found = first_speaking_slot(dbs, [speaker.id], at(9, 30), at(11))
    assert found == (keynote, speaker.id)
    assert first_speaking_slot(dbs, [speaker.id], at(9), at(10),
                               except_session_id=keynote.id) is None
    assert second.id != first.id


def test_a_clash_is_named_in_the_events_zone(dbs, roundtable):
    assert clash_label(roundtable.session_a, "Asia/Shanghai") == \
        "'Forum A talk' (2020-11-26 10:30–12:00 Asia/Shanghai)"
