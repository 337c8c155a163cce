"""A roundtable happening now (UTC): its keynote under way, then sub-forum A (one seat), the
exchange (one seat), a closing session, a cancelled one and one with no room."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from lmevents.agenda.models import SessionKind
from lmevents.agenda.services import cancel_session
from tests import factories


@dataclass
class LiveDay:
    event: object
    now: datetime
    keynote: object  # under way (now-5 to now+25), everyone registered attends
    subforum: object
    forum_talk: object  # in sub-forum A (1 seat), from now+30
    exchange: object  # 1 seat of its own, from now+100
    later: object  # starts in 3 hours
    cancelled: object
    roomless: object


def minutes(n: int) -> timedelta:
    return timedelta(minutes=n)


@pytest.fixture
def live_day(dbs):
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    today = now.date()
    event = factories.make_event(dbs, slug="live-roundtable", timezone="UTC",
                                 start_date=today - timedelta(days=1),
                                 end_date=today + timedelta(days=1))
    plenary = factories.make_room(dbs, event, join_url="https://meeting.example.org/j/plenary")
    forum_room = factories.make_room(dbs, event, "Forum room",
                                     join_url="https://meeting.example.org/j/forum")
    subforum = factories.make_subforum(dbs, event, "A", capacity=1, room_id=forum_room.id)
    keynote = factories.make_session(dbs, event, now - minutes(5), now + minutes(25),
                                     title_en="Keynote", room_id=plenary.id)
    forum_talk = factories.make_session(dbs, event, now + minutes(30), now + minutes(90),
                                        kind=SessionKind.SUBFORUM, subforum_id=subforum.id,
                                        title_en="Forum talk")
    exchange_room = factories.make_room(dbs, event, "Exchange room",
                                        join_url="https://meeting.example.org/j/exchange")
    exchange = factories.make_session(dbs, event, now + minutes(100), now + minutes(160),
                                      kind=SessionKind.EXCHANGE, title_en="Exchange",
                                      capacity=1, room_id=exchange_room.id)
    later = factories.make_session(dbs, event, now + minutes(180), now + minutes(240),
                                   title_en="Closing", room_id=plenary.id)
    cancelled = factories.make_session(dbs, event, now + minutes(250), now + minutes(260),
                                       title_en="Dropped", room_id=exchange_room.id)
    cancel_session(dbs, cancelled)
    roomless = factories.make_session(dbs, event, now + minutes(270), now + minutes(280),
                                      title_en="Not placed")
    dbs.commit()
    return LiveDay(event, now, keynote, subforum, forum_talk, exchange, later, cancelled,
                   roomless)
