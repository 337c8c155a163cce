"""A roundtable with two parallel sub-forums, a plenary and a technical exchange."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from lmevents.agenda.models import SessionKind
from tests import factories
from tests.factories import at


@dataclass
class Roundtable:
    event: object
    keynote: object
    subforum_a: object
    subforum_b: object
    session_a: object
    session_b: object
    exchange: object


@pytest.fixture
def roundtable(dbs):
    event = factories.make_event(dbs)
    room = factories.make_room(dbs, event)
    keynote = factories.make_session(dbs, event, at(9), at(10), title_en="Keynote", room_id=room.id)
    subforum_a = factories.make_subforum(dbs, event, "A", capacity=2)
    subforum_b = factories.make_subforum(dbs, event, "B", capacity=2)
    session_a = factories.make_session(dbs, event, at(10, 30), at(12), kind=SessionKind.SUBFORUM,
                                       subforum_id=subforum_a.id, title_en="Forum A talk")
    session_b = factories.make_session(dbs, event, at(10, 30), at(12), kind=SessionKind.SUBFORUM,
                                       subforum_id=subforum_b.id, title_en="Forum B talk")
    exchange = factories.make_session(dbs, event, at(14), at(16), kind=SessionKind.EXCHANGE,
                                      title_en="Technical exchange", capacity=1)
    return Roundtable(event, keynote, subforum_a, subforum_b, session_a, session_b, exchange)
