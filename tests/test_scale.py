"""Every request calendar apps and visitors make costs the same SQL statements for a
20-session programme and for a FOSDEM-sized one (1,000 sessions in 35 tracks); the 304 poll
at most two. The programme is written straight to the tables (the services' rules are tested
elsewhere), so the test stays quick."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from lmevents.agenda.models import (
    Session,
    SessionKind,
    SessionSpeaker,
    SessionStatus,
    SessionTopic,
    SpeakerRole,
    VirtualRoom,
)
from lmevents.events.services import get_event
from lmevents.extensions import cache
from lmevents.speakers.models import Speaker
from lmevents.subforums.models import SubForum
from tests import factories
from tests.calendar.pages.test_personal_feed import feed_of, path_of

BRUSSELS = ZoneInfo("Europe/Brussels")
FIRST_DAY = date(2020, 11, 26)


def programme(dbs, slug: str, sessions: int) -> None:
    """`sessions` talks over two days in up to 35 tracks, each with a speaker and a topic."""
    event = factories.make_event(dbs, slug=slug, timezone=BRUSSELS.key, start_date=FIRST_DAY,
                                 end_date=FIRST_DAY + timedelta(days=1))
    tracks = min(35, sessions)
    rooms = [VirtualRoom(event=event, name_en=f"Room {n}", platform="zoom") for n in range(tracks)]
    forums = [SubForum(event=event, code=f"T{n}", title_en=f"Track {n}", room=rooms[n],
                       position=n) for n in range(tracks)]
    dbs.add_all(rooms + forums)
    for n in range(sessions):
        track, slot = n % tracks, n // tracks
        start = datetime.combine(FIRST_DAY + timedelta(days=slot % 2), datetime.min.time(),
                                 BRUSSELS) + timedelta(hours=8, minutes=30 * (slot // 2))
        session = Session(event=event, kind=SessionKind.SUBFORUM, status=SessionStatus.SCHEDULED,
                          title_en=f"Talk {n}", title_zh=f"报告 {n}", starts_at=start,
                          ends_at=start + timedelta(minutes=25), room=rooms[track],
                          subforum=forums[track], revision=0)
        session.speakers = [SessionSpeaker(speaker=Speaker(name_en=f"Speaker {n}"),
                                           role=SpeakerRole.PRESENTER, position=0)]
        session.topics = [SessionTopic(position=0, title_en=f"Topic {n}")]
        dbs.add(session)
    dbs.commit()


REQUESTS = {
    "agenda page": "/events/{slug}/agenda?lang=en",
    "sessions API": "/api/v1/events/{slug}/sessions",
    "whole-event ICS": "/events/{slug}/calendar.ics",
    "speaker list": "/events/{slug}/speakers?lang=en",
    "schedule JSON": "/events/{slug}/schedule.json",
}


@pytest.fixture
def two_sizes(dbs, client, api_token) -> dict[str, str]:
    """Both programmes, each with a registered participant: their personal feeds' paths."""
    feeds = {}
    for slug, sessions in (("small", 20), ("large", 1000)):
        programme(dbs, slug, sessions)
        person = factories.make_user(dbs, f"{slug}@example.org")
        factories.make_registration(dbs, get_event(dbs, slug), person,
                                    subforum_id=dbs.scalar(select(SubForum.id).where(
                                        SubForum.code == "T1", SubForum.event.has(slug=slug))))
        feeds[slug] = path_of(feed_of(client, api_token, person.email)["feed_url"])
    return feeds


def statements(client, count_queries, url: str, **kwargs) -> int:
    cache.clear()  # each request renders: the feeds' cached copies are tested elsewhere
    with count_queries() as counter:
        response = client.get(url, **kwargs)
    assert response.status_code in (200, 304), (url, response.status_code)
    return counter.count


def test_every_request_costs_the_same_statements_at_20_and_at_1000_sessions(
        client, two_sizes, count_queries):
    costs = {}
    for name, url in [*REQUESTS.items(), ("personal ICS", None)]:
        urls = ({slug: url.format(slug=slug) for slug in two_sizes} if url else two_sizes)
        costs[name] = (statements(client, count_queries, urls["small"]),
                       statements(client, count_queries, urls["large"]))

    assert {name: pair for name, pair in costs.items() if pair[0] != pair[1]} == {}, costs


def test_a_304_poll_costs_at_most_two_statements_at_any_size(client, two_sizes,
                                                             count_queries):
    for url in ("/events/small/calendar.ics", "/events/large/calendar.ics",
                *two_sizes.values()):
        etag = client.get(url).headers["ETag"]
        with count_queries() as counter:
            assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
        assert counter.count <= 2, (url, counter.statements)


def test_the_whole_event_ics_of_1000_sessions_renders_in_well_under_100_mb(client, two_sizes):
    """Python's own allocations while the feed is rendered cold (tracemalloc); the process's
    peak RSS is in benchmarks/scaling.py."""
    import tracemalloc

    cache.clear()
    tracemalloc.start()
    try:
        response = client.get("/events/large/calendar.ics")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert response.status_code == 200 and response.data.count(b"BEGIN:VEVENT") == 1000
    assert peak < 100 * 2**20, f"{peak / 2**20:.0f} MiB"
