"""No public route reveals a speaker's e-mail address, how to join a virtual room, or who
registered and what they answered.

The routes are read from the app itself, so a new public page, feed or API call is checked
as soon as it exists; one whose URL this test cannot fill fails until the test learns how.
"""

from __future__ import annotations

import re

import pytest
from markupsafe import escape
from sqlalchemy import select

from lmevents.agenda.interpretation import ChannelInput
from lmevents.agenda.models import (
    InterpretationChannel,
    Session,
    SessionSpeaker,
    SpeakerRole,
    VirtualRoom,
)
from lmevents.agenda.rooms import RoomInput, create_room
from lmevents.auth.models import User
from lmevents.core.models import utcnow
from lmevents.demo.roundtable import SLUG
from lmevents.events.models import Event
from lmevents.exchange.models import MeetingRequest, Need, NeedVisibility, Presentation, Question
from lmevents.registration.models import Registration
from lmevents.registration.questions import event_questions
from lmevents.speakers.models import EventSpeaker, InvitationState, Speaker, SpeakerPhoto
from lmevents.speakers.services import SpeakerInput, create_speaker
from lmevents.subforums.models import SubForum, SubForumModerator
from tests.factories import make_registration, make_user

# Organizers' pages and sign-in forms are not public; the organizers' API calls are found
# from the OpenAPI document (bearer security) and checked to refuse anonymous callers.
NOT_PUBLIC_PREFIXES = ("/manage", "/auth/", "/api/v1/auth/")
# Files served from disk, never from the database; and the personal calendar feed, whose URL
# is its owner's secret and which carries their join details on purpose (tests/calendar).
FILE_ENDPOINTS = {"static"}
SECRET_URL_ENDPOINTS = {"calendar.personal_calendar"}
LANGUAGE_QUERIES = ("", "?lang=zh")
# Public routes that answer an anonymous visitor with a refusal page (which must leak nothing
# either): joining a session's room needs a participant (tests/live).
REFUSING_ANONYMOUS = {"live.join_session": 401}


@pytest.fixture
def world(runner, dbs) -> dict[str, int]:
    """The demo event, plus a speaker with a private address and a portrait in one of its
    sessions and sub-forums, both held in a room with join details; returns the URL values."""
    assert runner.invoke(args=["lmevents", "demo"]).exit_code == 0
    event = dbs.scalar(select(Event).where(Event.slug == SLUG))
    room = create_room(dbs, event, RoomInput(
        name_en="Private room", join_url="https://join.example.net/j/771-private",
        meeting_id="771 555 333", passcode="pass-XyZ-42", floor_language="zh",
        channels=[ChannelInput("en", "English", "https://interpret.example.net/771-en")],
    ))
    speaker = create_speaker(dbs, SpeakerInput(
        name_en="Hidden Address", name_zh="隐址", country="LA", bio_en="Writes on *rivers*.",
        email="hidden.speaker@private-mail.example.net",
    ))
    session = dbs.scalars(select(Session).where(Session.event_id == event.id)
                          .order_by(Session.starts_at)).first()
    subforum = dbs.scalars(select(SubForum).where(SubForum.event_id == event.id)
                           .order_by(SubForum.position)).first()
    session.room_id = subforum.room_id = room.id
    dbs.add_all([
        SessionSpeaker(session=session, speaker=speaker, role=SpeakerRole.PANELIST, position=99),
        SubForumModerator(subforum=subforum, speaker=speaker, position=99),
        EventSpeaker(event=event, speaker=speaker, state=InvitationState.CONFIRMED),
        SpeakerPhoto(speaker=speaker, content_type="image/png", sha256="b" * 64, width=1,
                     height=1, data=b"\x89PNG\r\n\x1a\n"),
    ])
    dbs.commit()
    registrant = make_user(dbs, "registrant.private@example.net")
    questions = event_questions(dbs, event)
    make_registration(dbs, event, registrant, name="Registrant Secretname",
                      organization="Secret Org Ltd", position="Undisclosed Post",
                      subforum_id=subforum.id, answers={
                          questions[0].id: 1, questions[1].id: "Secret need: river sludge"})
    # Exchange content the public must not see: a need shared among participants only, the
    # contact of a public need, and a question a moderator hid.
    presentation = dbs.scalar(select(Presentation).order_by(Presentation.id))
    dbs.add_all([
        Need(topic_id=presentation.topic_id, author=registrant, country="LA", sector="Water",
             description="Participants-only need: tannery effluent",
             visibility=NeedVisibility.PARTICIPANTS, show_contact=True),
        Need(topic_id=presentation.topic_id, author=registrant, country="LA", sector="Energy",
             description="A public need for biogas", visibility=NeedVisibility.PUBLIC,
             show_contact=True),
        Question(presentation=presentation, author=registrant,
                 text="Hidden question: abusive words", hidden_at=utcnow()),
    ])
    dbs.commit()
    return {"slug": SLUG, "session_id": session.id, "subforum_id": subforum.id,
            "speaker_id": speaker.id,
            "presentation_id": dbs.scalar(select(Presentation.id).order_by(Presentation.id)),
            "name": "swagger-ui-bundle.js"}  # an asset of the API's documentation page


def private_values(dbs) -> set[str]:
    """Every e-mail address, join detail and registrant's detail in the database."""
    rooms = [*dbs.execute(select(VirtualRoom.join_url, VirtualRoom.meeting_id,
                                 VirtualRoom.passcode)).all(),
             *dbs.execute(select(InterpretationChannel.join_url)).all()]
    emails = [*dbs.scalars(select(Speaker.email)), *dbs.scalars(select(User.email))]
    registrants = dbs.execute(select(Registration.name, Registration.organization,
                                     Registration.position)).all()
    answers = [value for answers in dbs.scalars(select(Registration.answers))
               for value in answers.values() if isinstance(value, str)]
    meetings = dbs.scalars(select(MeetingRequest.join_url))
    shared = [*meetings, *dbs.scalars(select(Need.description).where(
                  Need.visibility == NeedVisibility.PARTICIPANTS)),
              *dbs.scalars(select(Question.text).where(Question.hidden_at.is_not(None)))]
    return {value for value in [*emails, *(v for row in rooms for v in row),
                                *(v for row in registrants for v in row), *answers, *shared]
            if value}


def openapi_path(rule) -> str:
    """'/api/v1/events/<slug:slug>' -> '/api/v1/events/{slug}'."""
    return re.sub(r"<(?:[^<>:]+:)?([^<>]+)>", r"{\1}", rule.rule)


def organizer_calls(client) -> set[str]:
    """The paths whose GET the OpenAPI document marks as needing an organizer's token."""
    spec = client.get("/api/v1/openapi.json").get_json()
    return {path for path, item in spec["paths"].items()
            if "security" in item.get("get", {})}


def public_get_rules(app, client) -> tuple[list, list]:
    """(public GET rules, organizer-only API GET rules), from the app's URL map."""
    secured = organizer_calls(client)
    public, organizers = [], []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint in FILE_ENDPOINTS | SECRET_URL_ENDPOINTS:
            continue
        if rule.rule.startswith(NOT_PUBLIC_PREFIXES):
            continue
        (organizers if openapi_path(rule) in secured else public).append(rule)
    return public, organizers


def fill(rule, values: dict[str, int]) -> str:
    unknown = rule.arguments - values.keys()
    if unknown:
        pytest.fail(f"{rule.rule} is public, but this test cannot fill {sorted(unknown)}: "
                    "teach `world` a value for it")
    return rule.build({name: values[name] for name in rule.arguments})[1]


def test_no_public_route_reveals_emails_or_join_details(app, client, dbs, world):
    secrets = private_values(dbs)
    assert {"hidden.speaker@private-mail.example.net", "pass-XyZ-42", "Registrant Secretname",
            "https://interpret.example.net/771-en",
            "registrant.private@example.net", "Secret need: river sludge",
            "Participants-only need: tannery effluent",
            "Hidden question: abusive words"} <= secrets
    public, _ = public_get_rules(app, client)
    checked, leaks = set(), []

    for rule in public:
        path = fill(rule, world)
        for query in LANGUAGE_QUERIES:
            response = client.get(path + query, follow_redirects=True)
            expected = REFUSING_ANONYMOUS.get(rule.endpoint, 200)
            assert response.status_code == expected, (path + query, response.status_code)
            body = response.get_data()
            leaks += [(path + query, secret) for secret in secrets
                      if secret.encode() in body or str(escape(secret)).encode() in body]
        checked.add(rule.rule)

    assert leaks == []
    assert {"/events/<slug:slug>/speakers/<id:speaker_id>", "/speakers/<id:speaker_id>/photo",
            "/api/v1/events/<slug:slug>/speakers/<id:speaker_id>",
            "/api/v1/events/<slug:slug>/sessions/<id:session_id>",
            "/events/<slug:slug>/subforums/<id:subforum_id>",
            "/events/<slug:slug>/sessions/<id:session_id>/join"} <= checked


def test_the_speaker_with_a_private_address_is_shown_publicly(client, world):
    # Otherwise the check above would pass for the wrong reason: nothing to leak from.
    for path in (f"/api/v1/events/{SLUG}/speakers/{world['speaker_id']}",
                 f"/events/{SLUG}/speakers/{world['speaker_id']}",
                 f"/events/{SLUG}/sessions/{world['session_id']}"):
        response = client.get(path + "?lang=en")
        assert response.status_code == 200, path
        assert "Hidden Address" in response.get_data(as_text=True), path


def test_routes_left_out_as_organizers_only_refuse_anonymous_callers(app, client, world):
    _, organizers = public_get_rules(app, client)

    assert organizers, "the OpenAPI document marks no organizer call"
    for rule in organizers:
        path = fill(rule, world | {"room_id": 1, "registration_id": 1, "question_id": 1,
                                   "meeting_id": 1, "topic_id": 1, "need_id": 1,
                                   "webhook_id": 1, "delivery_id": 1})
        response = client.get(path)
        assert response.status_code == 401, path
