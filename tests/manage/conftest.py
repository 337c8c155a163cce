"""Fixtures of the back-office tests: a signed-in organizer and a small programme."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests import factories


@pytest.fixture
def signed_in(auth, organizer):
    """The organizer, signed in on `client`."""
    response = auth.login()
    assert response.status_code == 302, response.get_data(as_text=True)
    return organizer


@dataclass
class Programme:
    event: object
    room: object
    session: object
    subforum: object
    speaker: object


@pytest.fixture
def programme(dbs):
    """A published one-day event in Shanghai: one room, one sub-forum, one keynote at 09:00."""
    event = factories.make_event(dbs)
    room = factories.make_room(dbs, event)
    speaker = factories.make_speaker(dbs)
    subforum = factories.make_subforum(dbs, event)
    session = factories.make_session(dbs, event, title_en="Opening keynote", room_id=room.id,
                                     start=factories.at(9), end=factories.at(9, 40))
    return Programme(event, room, session, subforum, speaker)
