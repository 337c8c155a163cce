"""Feeds and exports are kept by their data's version: a poll that changed nothing costs one
or two small statements and no rendering, a kept feed is served without rendering, and a
write is seen on the very next request, in every representation and on every server."""

from __future__ import annotations

import pytest

from lmevents.agenda.services import update_session
from lmevents.extensions import db
from tests import factories
from tests.calendar.pages.test_personal_feed import feed_of, path_of
from tests.conftest import make_app
from tests.redis_db import own_redis

E = "/events/test-event"


@pytest.fixture
def feeds(client, dbs, roundtable, api_token):
    """Every kept feed of the roundtable, one participant's personal feed among them."""
    mai = factories.make_user(dbs, "mai@example.org")
    factories.make_registration(dbs, roundtable.event, mai, subforum_id=roundtable.subforum_a.id)
    personal = path_of(feed_of(client, api_token, "mai@example.org")["feed_url"])
    return {
        "event": E + "/calendar.ics",
        "subforum": f"{E}/subforums/{roundtable.subforum_a.id}/calendar.ics",
        "session": f"{E}/sessions/{roundtable.keynote.id}/calendar.ics",
        "schedule.json": E + "/schedule.json",
        "schedule.xml": E + "/schedule.xml",
        "personal": personal,
    }


NAMES = ["event", "subforum", "session", "schedule.json", "schedule.xml", "personal"]


@pytest.mark.parametrize("name", NAMES)
def test_a_poll_that_changed_nothing_is_a_304_after_at_most_two_statements(
        client, feeds, count_queries, name):
    first = client.get(feeds[name])
    assert first.status_code == 200

    with count_queries() as counter:
        again = client.get(feeds[name], headers={"If-None-Match": first.headers["ETag"]})

    assert again.status_code == 304 and again.get_data() == b""
    assert again.headers["ETag"] == first.headers["ETag"]
    assert counter.count <= 2, counter.statements


@pytest.mark.parametrize("name", NAMES)
def test_a_kept_feed_is_served_again_without_rendering(client, feeds, count_queries, name):
    first = client.get(feeds[name])

    with count_queries() as counter:
        again = client.get(feeds[name])

    assert again.status_code == 200 and again.get_data() == first.get_data()
    assert again.headers["Last-Modified"] == first.headers["Last-Modified"]
    assert counter.count <= 2, counter.statements


def test_a_change_is_seen_at_once_in_every_representation(client, dbs, roundtable, feeds):
    session = roundtable.keynote
    readers = [*feeds.values(),
               *(f"{url}?lang={lang}" for url in (feeds["event"], feeds["schedule.json"],
                                                  feeds["schedule.xml"]) for lang in ("en", "zh")),
               *(f"{E}/agenda?lang={lang}" for lang in ("en", "zh")),
               f"{E}/sessions/{session.id}?lang=en", f"{E}/sessions/{session.id}?lang=zh",
               f"/api/v1{E}/sessions", f"/api/v1{E}/sessions/{session.id}"]
    for url in readers:
        assert client.get(url).status_code == 200, url

    # The keynote is in every representation but the sub-forum's feed, which has its talk.
    for changed in (session, roundtable.session_a):
        update_session(dbs, changed, {"title_en": "Keynote moved", "title_zh": "主旨演讲改"})
    dbs.commit()

    for url in readers:
        body = client.get(url).get_data(as_text=True)
        assert "Keynote moved" in body or "主旨演讲改" in body \
            or "\\u4e3b\\u65e8\\u6f14\\u8bb2\\u6539" in body, url


# The Redis database this test owns (and flushes).
REDIS_DB = 13


@pytest.fixture
def shared_cache():
    with own_redis(REDIS_DB, "two servers cannot share a cache") as (url, _):
        yield url


def test_two_servers_share_kept_feeds_and_both_see_a_write_at_once(
        app, dbs, database_url, roundtable, shared_cache, count_queries):
    config = {"CACHE_TYPE": "RedisCache", "CACHE_REDIS_URL": shared_cache}
    one, two = make_app(database_url, **config), make_app(database_url, **config)
    url = E + "/calendar.ics"
    try:
        with one.app_context():
            first = one.test_client().get(url)
            db.session.remove()
        with two.app_context():
            statements = []
            from sqlalchemy import event as sa_event

            def count(conn, cursor, statement, *args):
                statements.append(statement)

            sa_event.listen(db.engine, "before_cursor_execute", count)
            kept = two.test_client().get(url)  # rendered by the other server: not again
            sa_event.remove(db.engine, "before_cursor_execute", count)
            assert kept.get_data() == first.get_data()
            assert len(statements) <= 2, statements
            db.session.remove()

        update_session(dbs, roundtable.keynote, {"title_en": "Moved keynote"})
        dbs.commit()

        for server in (one, two):
            with server.app_context():
                fresh = server.test_client().get(
                    url, headers={"If-None-Match": first.headers["ETag"]})
                assert fresh.status_code == 200 and b"Moved keynote" in fresh.get_data()
                db.session.remove()
    finally:
        for server in (one, two):
            with server.app_context():
                db.engine.dispose()
