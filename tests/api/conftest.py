"""Fixtures for the JSON API: bearer headers, a small programme, and a database snapshot."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from lmevents.agenda.models import (
    Session,
    SessionChange,
    SessionKind,
    SessionSpeaker,
    SpeakerRole,
    VirtualRoom,
)
from lmevents.agenda.services import SpeakerEntry, TopicEntry
from lmevents.events.models import Event
from lmevents.subforums.models import SubForum
from tests import factories
from tests.factories import at

PROBLEM = "application/problem+json"


@pytest.fixture
def organizer_headers(organizer, api_token):
    return api_token()


@pytest.fixture
def participant_headers(participant, api_token):
    return api_token("participant@example.org")


@pytest.fixture
def event(dbs):
    """A published one-day event in Asia/Shanghai (2020-11-26)."""
    return factories.make_event(dbs)


def build_programme(dbs, event, count: int, *, subforums: bool = False) -> list[Session]:
    """`count` back-to-back 20-minute sessions, each with a room, a speaker and a topic.

    With `subforums`, each session is the only one of its own sub-forum (which has a
    moderator and a topic), so sub-forum pages grow with `count` too.
    """
    room = factories.make_room(dbs, event, name_en="Main hall")
    speaker = factories.make_speaker(dbs, email="speaker@private.example.org")
    sessions = []
    for i in range(count):
        start = at(0) + timedelta(minutes=20 * i)
        extra = {}
        if subforums:
            forum = factories.make_subforum(
                dbs, event, code=f"F{i}", moderator_ids=[speaker.id],
                topics=[TopicEntry(title_en=f"Forum topic {i}")], room_id=room.id,
            )
            extra = {"kind": SessionKind.SUBFORUM, "subforum_id": forum.id}
        sessions.append(factories.make_session(
            dbs, event, start, start + timedelta(minutes=20), title_en=f"Session {i}",
            room_id=room.id, speakers=[SpeakerEntry(speaker.id, SpeakerRole.PANELIST)],
            topics=[TopicEntry(title_zh=f"主题 {i}", title_en=f"Topic {i}")], **extra,
        ))
    return sessions


@pytest.fixture
def snapshot(dbs):
    """Everything a refused write must leave as it was, read fresh from the database."""

    def take():
        dbs.expire_all()
        return {
            "events": dbs.execute(select(
                Event.slug, Event.title_en, Event.start_date, Event.end_date, Event.published,
            ).order_by(Event.id)).all(),
            "sessions": dbs.execute(select(
                Session.id, Session.starts_at, Session.ends_at, Session.room_id,
                Session.status, Session.revision, Session.title_en, Session.subforum_id,
            ).order_by(Session.id)).all(),
            "speakers": dbs.execute(select(
                SessionSpeaker.session_id, SessionSpeaker.speaker_id, SessionSpeaker.role,
            ).order_by(SessionSpeaker.id)).all(),
            "changes": dbs.scalar(select(func.count()).select_from(SessionChange)),
            "rooms": dbs.execute(select(VirtualRoom.id, VirtualRoom.name_en)).all(),
            "subforums": dbs.execute(select(SubForum.id, SubForum.code)).all(),
        }

    return take
