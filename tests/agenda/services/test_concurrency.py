"""Scheduling rules hold when two organizers write at the same moment (PostgreSQL)."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import func, select

from lmevents.agenda.models import Session
from lmevents.agenda.services import SessionInput, SpeakerEntry, create_session
from lmevents.errors import Conflict
from lmevents.events.models import Event
from lmevents.extensions import db
from tests.factories import at, make_event, make_room, make_speaker

pytestmark = pytest.mark.postgres_only(
    "row locks are PostgreSQL's; SQLite lets one writer in at a time")


def race(app, first_input: tuple[int, SessionInput], second_input: tuple[int, SessionInput]):
    """The first writer checks and flushes, then holds its transaction open while the second
    writer tries; returns what each got."""
    first_checked = threading.Event()
    results: dict[str, object] = {}

    def write(name, event_id, data, before_commit):
        with app.app_context():
            try:
                create_session(db.session, db.session.get(Event, event_id), data)
                before_commit()
                db.session.commit()
                results[name] = "created"
            except Conflict as refusal:
                db.session.rollback()
                results[name] = refusal
            finally:
                first_checked.set()
                db.session.remove()

    def hold():
        first_checked.set()
        time.sleep(0.5)

    threads = [
        threading.Thread(target=write, args=("first", *first_input, hold)),
        threading.Thread(target=lambda: (first_checked.wait(5),
                                         write("second", *second_input, lambda: None))),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    return results


def test_two_writers_cannot_both_book_one_room(app, dbs):
    event = make_event(dbs)
    room = make_room(dbs, event, "Plenary room")
    results = race(
        app,
        (event.id, SessionInput(kind="keynote", starts_at=at(18), ends_at=at(19),
                                room_id=room.id, title_en="First")),
        (event.id, SessionInput(kind="keynote", starts_at=at(18, 30), ends_at=at(19, 30),
                                room_id=room.id, title_en="Second")),
    )
    assert results["first"] == "created"
    assert isinstance(results["second"], Conflict)
    assert "'First'" in results["second"].message
    dbs.expire_all()
    assert dbs.scalar(select(func.count()).select_from(Session)) == 1


def test_two_writers_cannot_both_book_one_speaker_in_two_events(app, dbs):
    one, two = make_event(dbs, "one"), make_event(dbs, "two")
    speaker = make_speaker(dbs, "Tang Dingding")
    results = race(
        app,
        (one.id, SessionInput(kind="keynote", starts_at=at(18), ends_at=at(19), title_en="A",
                              speakers=[SpeakerEntry(speaker.id, "keynote")])),
        (two.id, SessionInput(kind="keynote", starts_at=at(18), ends_at=at(19), title_en="B",
                              speakers=[SpeakerEntry(speaker.id, "keynote")])),
    )
    assert results["first"] == "created"
    assert isinstance(results["second"], Conflict)
    assert "Tang Dingding already speaks" in results["second"].message
