"""Test data builders: plain functions over the real services and models."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from sqlalchemy import select
from werkzeug.security import generate_password_hash

from lmevents.agenda.models import Platform, Session, SessionKind, SpeakerRole
from lmevents.agenda.rooms import RoomInput, create_room
from lmevents.agenda.services import SessionInput, SpeakerEntry, TopicEntry, create_session
from lmevents.auth.models import Role, User
from lmevents.events.models import EventOrganizer, TeamRole
from lmevents.events.services import EventInput, create_event, publish_event
from lmevents.speakers.services import SpeakerInput, create_speaker
from lmevents.subforums.services import SubForumInput, create_subforum

PASSWORD = "correct horse battery"
# Hashing costs ~0.1 s by design: the suite hashes with one round instead.
TEST_HASH_METHOD = "pbkdf2:sha256:1"
SHANGHAI = ZoneInfo("Asia/Shanghai")
EVENT_DAY = date(2020, 11, 26)


def at(hour: int, minute: int = 0, day: date = EVENT_DAY, zone: ZoneInfo = SHANGHAI):
    """An aware time on the test event's day, in Shanghai unless told otherwise."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)


@lru_cache
def _password_hash(password: str) -> str:
    # The suite's one-round method (conftest); real scrypt is tested in tests/auth.
    return generate_password_hash(password, method=TEST_HASH_METHOD)


def make_user(dbs, email, role="participant", password=PASSWORD, **kwargs):
    """An account as create_user makes it (the service itself is tested in tests/auth)."""
    kwargs.setdefault("email_confirmed_at", datetime(2020, 1, 1, tzinfo=ZoneInfo("UTC")))
    user = User(email=email, password_hash=_password_hash(password), role=Role(role),
                name=email.split("@")[0], language=kwargs.pop("language", "en"), **kwargs)
    dbs.add(user)
    dbs.commit()
    return user


SUITE_ORGANIZER = "organizer@example.org"


def add_to_team(dbs, event, user, role="owner"):
    dbs.add(EventOrganizer(event=event, user=user, role=TeamRole(role)))
    dbs.commit()


def make_event(dbs, slug="test-event", published=True, **kwargs):
    """An event; the suite's organizer (the `organizer` fixture), when there is one by then,
    owns it (the fixture also joins the events made before it)."""
    data = EventInput(
        slug=slug, timezone=kwargs.pop("timezone", "Asia/Shanghai"),
        start_date=kwargs.pop("start_date", EVENT_DAY), end_date=kwargs.pop("end_date", EVENT_DAY),
        title_en=kwargs.pop("title_en", "Test roundtable"),
        title_zh=kwargs.pop("title_zh", "测试圆桌"),
        **kwargs,
    )
    event = create_event(dbs, data)
    owner = dbs.scalar(select(User).where(User.email == SUITE_ORGANIZER))
    if owner is not None:
        event.team.append(EventOrganizer(user=owner, role=TeamRole.OWNER))
    if published:
        publish_event(dbs, event)
    dbs.commit()
    return event


def make_room(dbs, event, name_en="Plenary room", **kwargs):
    room = create_room(dbs, event, RoomInput(
        name_en=name_en, name_zh=kwargs.pop("name_zh", None),
        platform=kwargs.pop("platform", Platform.ZOOM),
        join_url=kwargs.pop("join_url", "https://meeting.example.org/j/1"),
        meeting_id=kwargs.pop("meeting_id", "123 456"), passcode=kwargs.pop("passcode", "secret"),
    ))
    dbs.commit()
    return room


def make_speaker(dbs, name_en="Ada Speaker", **kwargs):
    speaker = create_speaker(dbs, SpeakerInput(name_en=name_en, **kwargs))
    dbs.commit()
    return speaker


def make_subforum(dbs, event, code="A", **kwargs):
    subforum = create_subforum(dbs, event, SubForumInput(
        code=code, title_en=kwargs.pop("title_en", f"Sub-forum {code}"), **kwargs
    ))
    dbs.commit()
    return subforum


def make_session(dbs, event, start=None, end=None, kind=SessionKind.KEYNOTE, **kwargs):
    session = create_session(dbs, event, SessionInput(
        kind=kind, starts_at=start or at(9), ends_at=end or at(10),
        title_en=kwargs.pop("title_en", "A session"), **kwargs,
    ))
    dbs.commit()
    return session


def registration_input(**kwargs):
    """A complete, valid registration form; keywords replace fields."""
    from lmevents.registration.registrations import RegistrationInput

    return RegistrationInput(**{
        "name": "Somchai P.", "timezone": "Asia/Bangkok", "consent": True,
        "organization": "Ministry of Natural Resources", "country": "TH", "language": "en",
        **kwargs,
    })


def make_registration(dbs, event, user, **kwargs):
    """A registration made through the service (confirmed in an open event)."""
    from lmevents.registration.registrations import register

    outcome = register(dbs, event, user, registration_input(**kwargs))
    dbs.commit()
    return outcome.registration


def build_programme(dbs, event, count: int, *, subforums: bool = False) -> list[Session]:
    """`count` back-to-back 20-minute sessions, each with a room, a speaker and a topic.

    With `subforums`, each session is the only one of its own sub-forum (which has a
    moderator and a topic), so sub-forum pages grow with `count` too.
    """
    room = make_room(dbs, event, name_en="Main hall")
    speaker = make_speaker(dbs, email="speaker@private.example.org")
    sessions = []
    for i in range(count):
        start = at(0) + timedelta(minutes=20 * i)
        extra = {}
        if subforums:
            forum = make_subforum(
                dbs, event, code=f"F{i}", moderator_ids=[speaker.id],
                topics=[TopicEntry(title_en=f"Forum topic {i}")], room_id=room.id,
            )
            extra = {"kind": SessionKind.SUBFORUM, "subforum_id": forum.id}
        sessions.append(make_session(
            dbs, event, start, start + timedelta(minutes=20), title_en=f"Session {i}",
            room_id=room.id, speakers=[SpeakerEntry(speaker.id, SpeakerRole.PANELIST)],
            topics=[TopicEntry(title_zh=f"主题 {i}", title_en=f"Topic {i}")], **extra,
        ))
    return sessions
