"""An event with a technical exchange (two topics, presentations, needs of every kind), the
people who look at it, and their bearer headers."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from lmevents.agenda.models import SessionKind
from lmevents.auth.services import issue_token
from lmevents.exchange.content.needs import NeedInput, post_need
from lmevents.exchange.content.services import (
    PresentationInput,
    TopicInput,
    create_presentation,
    create_topic,
)
from lmevents.registration.registrations import cancel_registration
from tests import factories
from tests.factories import at

EVENT = "/events/test-event"
API = "/api/v1/events/test-event"


@dataclass
class Exchange:
    event: object
    room: object
    session: object
    keynote: object
    topic: object  # "Waste-to-energy", position 0
    second: object  # "Water-pollution treatment", position 1
    presentation: object
    presenter: object
    enterprise: object  # the presenting enterprise's account, a confirmed participant


@pytest.fixture
def people(dbs, organizer, participant):
    """Everyone by role: the organizer, a confirmed participant (Somchai, from Thailand), a
    signed-up account that never registered, one awaiting approval, one whose registration
    was cancelled, and a confirmed participant of another event."""
    return {
        "organizer": organizer,
        "participant": participant,
        "outsider": factories.make_user(dbs, "outsider@example.org"),
        "pending": factories.make_user(dbs, "pending@example.org"),
        "cancelled": factories.make_user(dbs, "cancelled@example.org"),
        "elsewhere": factories.make_user(dbs, "elsewhere@example.org"),
    }


@pytest.fixture
def exchange(dbs, people):
    """A published event (Shanghai) with a keynote 09–10 and an exchange session 14–16 in a
    room with join details; topics "Waste-to-energy" and "Water-pollution treatment"; one
    presentation under the first."""
    event = factories.make_event(dbs)
    room = factories.make_room(dbs, event, "Exchange room",
                               join_url="https://meet.example.org/j/704", passcode="pass-704")
    keynote = factories.make_session(dbs, event, at(9), at(10), title_en="Keynote")
    session = factories.make_session(dbs, event, at(14), at(16), kind=SessionKind.EXCHANGE,
                                     title_en="Technical exchange", title_zh="技术交流",
                                     room_id=room.id)
    presenter = factories.make_speaker(dbs, "Wang Presenter", name_zh="王演讲",
                                       email="wang.private@presenter.example.net")
    enterprise = factories.make_user(dbs, "contact@enterprise.example.com")
    factories.make_registration(dbs, event, enterprise, name="Enterprise Contact",
                                organization="Green Energy Co.")
    factories.make_registration(dbs, event, people["participant"], name="Somchai P.",
                                organization="Ministry of Natural Resources")
    cancelled = factories.make_registration(dbs, event, people["cancelled"], name="Gone")
    cancel_registration(dbs, cancelled)
    other = factories.make_event(dbs, "other-event")
    factories.make_registration(dbs, other, people["elsewhere"], name="Elsewhere")
    event.registration_mode = "approval"
    dbs.commit()
    factories.make_registration(dbs, event, people["pending"], name="Pending Person")
    topic = create_topic(dbs, event, TopicInput(
        session_id=session.id, title_en="Waste-to-energy", title_zh="垃圾发电",
        description_en="Investing in waste-to-energy plants."))
    second = create_topic(dbs, event, TopicInput(
        session_id=session.id, title_en="Water-pollution treatment", title_zh="水污染治理"))
    presentation = create_presentation(dbs, event, PresentationInput(
        topic_id=topic.id, enterprise_en="Green Energy Co.", enterprise_zh="绿能公司",
        title_en="Plants that burn city waste cleanly", title_zh="清洁焚烧城市垃圾",
        summary_en="Flue-gas treatment and ash reuse.", presenter_id=presenter.id,
        country="CN", contact_user_id=enterprise.id))
    dbs.commit()
    return Exchange(event, room, session, keynote, topic, second, presentation, presenter,
                    enterprise)


def need_input(**kwargs) -> NeedInput:
    return NeedInput(**{"country": "LA", "sector": "Municipal solid waste",
                        "description": "A plant for 500 t/day of household waste in Vientiane.",
                        "visibility": "public", "show_contact": False, **kwargs})


@pytest.fixture
def needs(dbs, exchange, people):
    """Somchai's needs under the first topic: a public one with his name shown, a
    participants-only one with his name shown, and a public anonymous one under the second."""
    participant = people["participant"]
    public = post_need(dbs, exchange.event, exchange.topic, participant, need_input(
        sector="Public sector need", show_contact=True))
    private = post_need(dbs, exchange.event, exchange.topic, participant, need_input(
        sector="Private sector need", visibility="participants", show_contact=True,
        description="Participants only: sludge from the Mekong delta."))
    quiet = post_need(dbs, exchange.event, exchange.second, participant, need_input(
        sector="Quiet need", country="KH"))
    dbs.commit()
    return {"public": public, "private": private, "quiet": quiet}


@pytest.fixture
def headers(dbs, people):
    """`headers(role)`: a bearer header for one of `people` (tokens issued directly, since
    many at once would trip the rate limit of POST /auth/tokens)."""

    def issue(role: str) -> dict[str, str]:
        token = issue_token(dbs, people[role], label="tests")
        dbs.commit()
        return {"Authorization": f"Bearer {token}"}

    return issue


@pytest.fixture
def login(client, auth, people):
    """`login(role)`: signs one of `people` in on `client`."""

    def sign_in(role: str):
        response = auth.login(people[role].email)
        assert response.status_code == 302, response.get_data(as_text=True)
        return people[role]

    return sign_in
