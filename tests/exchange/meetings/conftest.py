"""An exchange to meet in: a roundtable two years ahead (so every proposed time is still to
come) with an exchange session, a presenting enterprise whose contact answers requests, a
need posted by a Mekong participant, and a participant who asks to meet."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from lmevents.agenda.models import SessionKind
from lmevents.auth.services import issue_token
from lmevents.exchange.meetings.services import accept, request_meeting
from lmevents.exchange.models import ExchangeTopic, MeetingRequest, Need, Presentation
from lmevents.mail.models import OutboxMessage
from tests import factories
from tests.factories import SHANGHAI

DAY = date(date.today().year + 2, 11, 26)
SLUG = "exchange-event"
EVENT = f"/api/v1/events/{SLUG}"
JOIN_TEMPLATE = "https://meet.example.org/lm-{uid}"


def at(hour: int, minute: int = 0, days: int = 0) -> datetime:
    """A time in Shanghai on the exchange day (or `days` after it)."""
    day = DAY + timedelta(days=days)
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=SHANGHAI)


@dataclass
class Exchange:
    event: object
    keynote: object
    subforum: object
    forum_session: object
    session: object  # the exchange session, 14:00–16:00, which takes a seat
    closing: object  # a plenary 16:30–17:00 everyone attends
    topic: object
    presentation: object
    need: object
    mai: object  # asks to meet (Bangkok, English)
    lin: object  # answers for the presenting enterprise (Shanghai, Chinese)
    somchai: object  # posted the need (Bangkok, English)
    outsider: object  # has an account, no registration
    tokens: dict


def register(dbs, event, user, **kwargs):
    return factories.make_registration(dbs, event, user, **kwargs)


@pytest.fixture
def exchange(dbs) -> Exchange:
    event = factories.make_event(dbs, SLUG, start_date=DAY, end_date=DAY,
                                 title_en="Lancang-Mekong roundtable", title_zh="澜湄圆桌")
    room = factories.make_room(dbs, event)
    keynote = factories.make_session(dbs, event, at(9), at(10), title_en="Keynote",
                                     room_id=room.id)
    subforum = factories.make_subforum(dbs, event, "A", capacity=5)
    forum_session = factories.make_session(dbs, event, at(10, 30), at(12),
                                           kind=SessionKind.SUBFORUM, subforum_id=subforum.id,
                                           title_en="Forum A talk")
    session = factories.make_session(dbs, event, at(14), at(16), kind=SessionKind.EXCHANGE,
                                     title_en="Technical exchange", capacity=10)
    closing = factories.make_session(dbs, event, at(16, 30), at(17), title_en="Closing")
    topic = ExchangeTopic(session_id=session.id, position=0, title_en="Water-pollution treatment",
                          title_zh="水污染治理")
    dbs.add(topic)
    dbs.flush()
    people = {handle: factories.make_user(dbs, f"{handle}@example.org", **account)
              for handle, account in (
                  ("mai", {"timezone": "Asia/Bangkok"}), ("lin", {"language": "zh"}),
                  ("somchai", {}), ("outsider", {}))}
    mai, lin, somchai, outsider = (people[h] for h in ("mai", "lin", "somchai", "outsider"))
    mai.name, lin.name, somchai.name = "Mai Anh", "Lin Wei", "Somchai P."
    presentation = Presentation(topic_id=topic.id, enterprise_en="Clearwater Ltd",
                                enterprise_zh="清水公司", title_en="Membrane treatment",
                                title_zh="膜处理", contact_user_id=lin.id)
    need = Need(topic_id=topic.id, author_id=somchai.id, country="TH", sector="Textiles",
                description="Dye-house effluent in an industrial park")
    dbs.add_all([presentation, need])
    dbs.commit()
    register(dbs, event, mai, name="Mai Anh", timezone="Asia/Bangkok", country="VN")
    register(dbs, event, lin, name="Lin Wei", timezone="Asia/Shanghai", language="zh",
             country="CN", organization="清水公司")
    register(dbs, event, somchai, name="Somchai P.", timezone="Asia/Bangkok")
    tokens = {handle: {"Authorization": f"Bearer {issue_token(dbs, user, 'tests')}"}
              for handle, user in people.items()}
    dbs.commit()
    clear_outbox(dbs)
    return Exchange(event, keynote, subforum, forum_session, session, closing, topic,
                    presentation, need, mai, lin, somchai, outsider, tokens)


def ask(dbs, exchange, requester=None, times=((15, 0, 15, 45),), days=0, **subject):
    """`requester` (Mai) asks about the presentation unless told another subject; times as
    (start hour, minute, end hour, minute) on the exchange day (+`days`)."""
    if not subject:
        subject = {"presentation": exchange.presentation}
    meeting = request_meeting(
        dbs, exchange.event, requester or exchange.mai,
        times=[(at(h1, m1, days), at(h2, m2, days)) for h1, m1, h2, m2 in times], **subject)
    dbs.commit()
    return meeting


def accepted(dbs, meeting, actor=None, index=0):
    """The recipient (or `actor`) accepts the meeting's `index`-th proposed time."""
    accept(dbs, meeting, actor or meeting.recipient, meeting.proposals[index],
           join_url_template=JOIN_TEMPLATE)
    dbs.commit()
    return meeting


def outbox(dbs) -> list[OutboxMessage]:
    dbs.expire_all()
    return list(dbs.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def clear_outbox(dbs) -> None:
    dbs.execute(OutboxMessage.__table__.delete())
    dbs.commit()


def fresh(dbs, meeting_id) -> MeetingRequest:
    dbs.expire_all()
    return dbs.get(MeetingRequest, meeting_id)


def iso(moment: datetime) -> str:
    return moment.isoformat()
