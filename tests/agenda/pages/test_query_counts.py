"""Public pages cost a constant number of SQL queries, whatever the size of the programme."""

from __future__ import annotations

from datetime import timedelta

from lmevents.agenda.models import SessionKind
from lmevents.agenda.services import SpeakerEntry, TopicEntry
from lmevents.extensions import db
from tests.factories import at, make_event, make_room, make_session, make_speaker, make_subforum


def build_programme(dbs, slug: str, slots: int):
    """`slots` half-hour slots, each holding two parallel sub-forum sessions with speakers."""
    event = make_event(dbs, slug)
    forums = [make_subforum(dbs, event, code) for code in ("A", "B")]
    rooms = [make_room(dbs, event, f"Room {code}") for code in ("A", "B")]
    for slot in range(slots):
        start = at(8) + timedelta(minutes=30 * slot)
        for forum, room in zip(forums, rooms, strict=True):
            speaker = make_speaker(dbs, f"Speaker {slug} {slot} {forum.code}")
            make_session(dbs, event, start, start + timedelta(minutes=30),
                         kind=SessionKind.SUBFORUM, subforum_id=forum.id, room_id=room.id,
                         speakers=[SpeakerEntry(speaker.id, "presenter")],
                         topics=[TopicEntry("题目", "Topic")])
    return event, forums[0]


def queries_for(client, count_queries, url: str) -> int:
    client.get(url)  # warm the session cookie and caches
    db.session.remove()  # as after every real request: nothing already loaded
    with count_queries() as counter:
        assert client.get(url).status_code == 200
    return counter.count


def test_agenda_and_subforum_pages_are_constant_in_queries(client, dbs, count_queries):
    _, small_forum = build_programme(dbs, "small", 2)
    _, large_forum = build_programme(dbs, "large", 24)
    small_forum, large_forum = small_forum.id, large_forum.id
    for path in ("/events/{slug}/agenda", "/events/{slug}/",
                 "/events/{slug}/subforums/{forum}"):
        few = queries_for(client, count_queries, path.format(slug="small", forum=small_forum))
        many = queries_for(client, count_queries, path.format(slug="large", forum=large_forum))
        assert few == many, (path, few, many)
        assert many <= 12, (path, many)
