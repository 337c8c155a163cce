"""An exchange whose session is still to come (tomorrow, Shanghai time), one presentation in
it, and the people who meet its questions: participants, an organizer, people who are not
participants, a participant of another event, and the session's moderator."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from lmevents.agenda.models import SessionKind, SessionSpeaker, SpeakerRole
from lmevents.auth.services import issue_token
from lmevents.core.models import utcnow
from lmevents.exchange.models import ExchangeTopic, Presentation, Question, QuestionVote
from lmevents.exchange.qa.services import ask_question
from tests import factories
from tests.factories import SHANGHAI

EVENT = "/api/v1/events/test-event"
PAGE = "/events/test-event/exchange"


@dataclass
class Exchange:
    event: object
    session: object
    topic: object
    presentation: object
    other_event: object
    other_presentation: object


def _day(offset: int) -> datetime:
    today = datetime.now(SHANGHAI).date() + timedelta(days=offset)
    return datetime(today.year, today.month, today.day, tzinfo=SHANGHAI)


def make_presentation(dbs, session, enterprise="Everbright Environment", **kwargs):
    topic = ExchangeTopic(session=session, position=0,
                          title_en=kwargs.pop("topic_en", "Water-pollution treatment"),
                          title_zh=kwargs.pop("topic_zh", "水污染治理"))
    presentation = Presentation(topic=topic, position=0, enterprise_en=enterprise, **kwargs)
    dbs.add_all([topic, presentation])
    dbs.commit()
    return presentation


@pytest.fixture
def exchange(dbs):
    """Tomorrow 14:00–16:00 Shanghai time: the exchange session with one topic and one
    presentation; another event has its own exchange and presentation."""
    event = factories.make_event(dbs, start_date=_day(-1).date(), end_date=_day(2).date())
    room = factories.make_room(dbs, event, "Exchange room",
                               join_url="https://meet.example.org/j/exchange-secret")
    session = factories.make_session(
        dbs, event, _day(1) + timedelta(hours=14), _day(1) + timedelta(hours=16),
        kind=SessionKind.EXCHANGE, title_en="Online technical exchange",
        title_zh="线上技术交流", room_id=room.id)
    presenter = factories.make_speaker(
        dbs, "Wang Lihua", name_zh="王丽华", position_en="Chief engineer",
        organization_en="Everbright Environment", email="wang.private@speaker.example.net")
    presentation = make_presentation(
        dbs, session, title_en="Treating industrial wastewater in river basins",
        title_zh="流域工业废水处理", enterprise_zh="光大环境",
        summary_en="Membrane bioreactors for parks along the Mekong.",
        summary_zh="湄公河沿岸园区的膜生物反应器。", country="CN", presenter_id=presenter.id)
    other_event = factories.make_event(dbs, slug="other-event", start_date=_day(-1).date(),
                                       end_date=_day(2).date())
    other_session = factories.make_session(
        dbs, other_event, _day(1) + timedelta(hours=14), _day(1) + timedelta(hours=16),
        kind=SessionKind.EXCHANGE, title_en="Other exchange")
    other_presentation = make_presentation(dbs, other_session, "Other Enterprise",
                                           title_en="Elsewhere")
    return Exchange(event, session, presentation.topic, presentation, other_event,
                    other_presentation)


@dataclass
class People:
    organizer: object
    participant: object
    other: object  # a second confirmed participant
    stranger: object  # signed up, not registered
    pending: object  # registered, awaiting approval
    outsider: object  # a confirmed participant of the other event only


@pytest.fixture
def people(dbs, exchange, organizer, participant):
    other = factories.make_user(dbs, "other@example.org")
    stranger = factories.make_user(dbs, "stranger@example.org")
    pending = factories.make_user(dbs, "pending@example.org")
    outsider = factories.make_user(dbs, "outsider@example.org")
    factories.make_registration(dbs, exchange.event, participant, name="Somchai P.",
                                organization="Ministry of Natural Resources")
    factories.make_registration(dbs, exchange.event, other, name="Linh N.")
    factories.make_registration(dbs, exchange.other_event, outsider)
    exchange.event.registration_mode = "approval"
    dbs.commit()
    factories.make_registration(dbs, exchange.event, pending)
    exchange.event.registration_mode = "open"
    dbs.commit()
    return People(organizer, participant, other, stranger, pending, outsider)


@pytest.fixture
def session_moderator(dbs, exchange):
    """A non-organizer whose confirmed address is that of the session's moderator."""
    user = factories.make_user(dbs, "moderator@example.org", email_confirmed_at=utcnow())
    speaker = factories.make_speaker(dbs, "Mod Erator", email="Moderator@Example.org")
    dbs.add(SessionSpeaker(session_id=exchange.session.id, speaker_id=speaker.id,
                           role=SpeakerRole.MODERATOR))
    dbs.commit()
    return user


def ask(dbs, presentation, user, text="How much does it cost per tonne?", **kwargs):
    question = ask_question(dbs, presentation, user, text, **kwargs)
    dbs.commit()
    return question


def add_votes(dbs, question, voters):
    """Votes written directly: the arrangement of a test, not what it checks."""
    dbs.add_all(QuestionVote(question_id=question.id, user_id=v.id) for v in voters)
    dbs.commit()


def end_session(dbs, session):
    """Move the exchange session into the past (yesterday)."""
    session.starts_at = _day(-1) + timedelta(hours=14)
    session.ends_at = _day(-1) + timedelta(hours=16)
    dbs.commit()


def vote_count(dbs, question) -> int:
    dbs.expire_all()
    return dbs.scalar(select(func.count()).select_from(QuestionVote)
                      .where(QuestionVote.question_id == question.id))


def question_rows(dbs):
    dbs.expire_all()
    return dbs.execute(select(Question.id, Question.text, Question.answered_at,
                              Question.hidden_at).order_by(Question.id)).all()


def vote_rows(dbs):
    dbs.expire_all()
    return dbs.execute(select(QuestionVote.question_id, QuestionVote.user_id)
                       .order_by(QuestionVote.id)).all()


@pytest.fixture
def headers(dbs):
    """`headers(user)`: a bearer header for the user (issued directly, past the rate limit)."""

    def make(user):
        if user is None:
            return {}
        token = issue_token(dbs, user, label="tests")
        dbs.commit()
        return {"Authorization": f"Bearer {token}"}

    return make


@pytest.fixture
def sign_in(client):
    """`sign_in(user)`: the client acts as the user from now on (None: stays anonymous)."""

    def login(user):
        if user is None:
            return
        response = client.post("/auth/login", data={"email": user.email,
                                                    "password": factories.PASSWORD})
        assert response.status_code == 302

    return login
