"""Test fixtures: the app on SQLite and, when configured, on PostgreSQL.

Every test that uses `app` runs once per database. PostgreSQL runs when
LMEVENTS_TEST_DATABASE_URL is set; otherwise those runs are skipped with the reason, unless
LMEVENTS_REQUIRE_POSTGRES=1 (as in CI), where a missing or unreachable server is a failure.
"""

from __future__ import annotations

import os
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime

import flask_babel
import pytest
import sqlalchemy as sa
from flask import g
from sqlalchemy import func, select
from werkzeug.serving import make_server

from lmevents import create_app
from lmevents.agenda.models import (
    Session,
    SessionChange,
    SessionKind,
    SessionSpeaker,
    VirtualRoom,
)
from lmevents.config import normalize_database_url
from lmevents.events.models import Event
from lmevents.extensions import cache, db, limiter
from lmevents.registration import deadline
from lmevents.subforums.models import SubForum
from tests import factories
from tests.factories import at
from tests.probes import csrf_token

PG_ENV = "LMEVENTS_TEST_DATABASE_URL"
REQUIRE_PG = os.environ.get("LMEVENTS_REQUIRE_POSTGRES") == "1"


def postgres_url_or_skip() -> str:
    url = os.environ.get(PG_ENV)
    if not url:
        reason = f"{PG_ENV} is not set: the PostgreSQL run of this test is skipped"
        if REQUIRE_PG:
            pytest.fail(reason + " (LMEVENTS_REQUIRE_POSTGRES=1)")
        pytest.skip(reason)
    url = normalize_database_url(url)
    try:
        with sa.create_engine(url).connect():
            pass
    except sa.exc.OperationalError as exc:
        reason = f"PostgreSQL at {PG_ENV} is unreachable: {exc.orig}"
        if REQUIRE_PG:
            pytest.fail(reason)
        pytest.skip(reason)
    return url


def pytest_runtest_setup(item):
    """`@pytest.mark.postgres_only("why")`: the SQLite run of the test is skipped, saying why
    (concurrency needs PostgreSQL's row locks); the PostgreSQL run is required in CI."""
    marker = item.get_closest_marker("postgres_only")
    callspec = getattr(item, "callspec", None)
    if marker is not None and callspec is not None and \
            callspec.params.get("database_url") == "sqlite":
        pytest.skip(marker.args[0] if marker.args else "needs PostgreSQL")


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def database_url(request, tmp_path_factory):
    if request.param == "sqlite":
        return "sqlite:///" + str(tmp_path_factory.mktemp("db") / "test.sqlite3")
    return postgres_url_or_skip()


def make_app(database_url: str, **config):
    app = _create_app(database_url, **config)
    # Tests keep one app context open across requests, where production gets a fresh one per
    # request: drop what the context caches per request, so each request picks its own
    # language (Flask-Babel) and loads its own signed-in user (Flask-Login).
    app.before_request(flask_babel.refresh)
    app.before_request(_forget_the_loaded_user)
    return app


def _forget_the_loaded_user() -> None:
    g.pop("_login_user", None)


def _create_app(database_url: str, **config):
    return create_app({
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "WTF_CSRF_ENABLED": False,
        "SERVER_NAME": "lmevents.test",
        "PUBLIC_URL": "http://lmevents.test",
        "PASSWORD_HASH_METHOD": factories.TEST_HASH_METHOD,
        # Each test's database starts empty (ids count from 1 again on SQLite): a cache shared
        # beyond one test could answer with another test's feed. Tests of Redis ask for it.
        "CACHE_TYPE": "SimpleCache",
        **config,
    })


@pytest.fixture(scope="session")
def _schema(database_url):
    """One app and one schema per database for the whole run; tests get empty tables."""
    app = make_app(database_url)
    with app.app_context():
        db.drop_all()
        db.create_all()
    yield app
    with app.app_context():
        db.session.remove()
        db.drop_all()
        db.engine.dispose()


def _empty_all_tables() -> None:
    db.session.remove()
    with db.engine.begin() as conn:
        for table in reversed(db.metadata.sorted_tables):
            conn.execute(table.delete())


@pytest.fixture
def app(_schema):
    with _schema.app_context():
        yield _schema
        _empty_all_tables()
        limiter.reset()  # rate-limit counters are per client address, and tests share one
        cache.clear()


@pytest.fixture
def dbs(app):
    """The database session the app uses."""
    return db.session


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def organizer(dbs):
    """organizer@example.org, an owner of every event the test builds (before or after)."""
    user = factories.make_user(dbs, "organizer@example.org", role="organizer")
    for event in dbs.scalars(sa.select(Event)):
        factories.add_to_team(dbs, event, user)
    return user


@pytest.fixture
def participant(dbs):
    return factories.make_user(dbs, "participant@example.org", role="participant")


class AuthActions:
    def __init__(self, client):
        self.client = client

    def login(self, email="organizer@example.org", password=factories.PASSWORD):
        return self.client.post("/auth/login", data={"email": email, "password": password})

    def logout(self):
        return self.client.post("/auth/logout")


@pytest.fixture
def auth(client):
    return AuthActions(client)


@pytest.fixture
def api_token(client):
    """Returns a bearer header for an existing account."""

    def issue(email="organizer@example.org", password=factories.PASSWORD):
        response = client.post("/api/v1/auth/tokens", json={"email": email, "password": password})
        assert response.status_code == 201, response.get_json()
        headers = {"Authorization": f"Bearer {response.get_json()['token']}"}
        # Used once, so its use is recorded (once a minute): later calls write nothing, and
        # count the same statements however many come first.
        assert client.get("/api/v1/auth/tokens", headers=headers).status_code == 200
        return headers

    return issue


@pytest.fixture
def organizer_headers(organizer, api_token):
    return api_token()


@pytest.fixture
def participant_headers(participant, api_token):
    return api_token("participant@example.org")


@pytest.fixture
def signed_in(auth, organizer):
    """The organizer, signed in on `client`."""
    response = auth.login()
    assert response.status_code == 302, response.get_data(as_text=True)
    return organizer


@dataclass
class Programme:
    event: object
    room: object
    session: object
    subforum: object
    speaker: object


@pytest.fixture
def programme(dbs):
    """A published one-day event in Shanghai: one room, one sub-forum, one keynote at 09:00."""
    event = factories.make_event(dbs)
    room = factories.make_room(dbs, event)
    speaker = factories.make_speaker(dbs)
    subforum = factories.make_subforum(dbs, event)
    session = factories.make_session(dbs, event, title_en="Opening keynote", room_id=room.id,
                                     start=factories.at(9), end=factories.at(9, 40))
    return Programme(event, room, session, subforum, speaker)


@dataclass
class Roundtable:
    event: object
    keynote: object
    subforum_a: object
    subforum_b: object
    session_a: object
    session_b: object
    exchange: object


@pytest.fixture
def roundtable(dbs):
    """Keynote 09–10; parallel sub-forums A and B (2 seats each) 10:30–12; a technical
    exchange 14–16 with 1 seat (Shanghai time, 2020-11-26)."""
    event = factories.make_event(dbs)
    room = factories.make_room(dbs, event)
    keynote = factories.make_session(dbs, event, at(9), at(10), title_en="Keynote", room_id=room.id)
    subforum_a = factories.make_subforum(dbs, event, "A", capacity=2)
    subforum_b = factories.make_subforum(dbs, event, "B", capacity=2)
    session_a = factories.make_session(dbs, event, at(10, 30), at(12), kind=SessionKind.SUBFORUM,
                                       subforum_id=subforum_a.id, title_en="Forum A talk")
    session_b = factories.make_session(dbs, event, at(10, 30), at(12), kind=SessionKind.SUBFORUM,
                                       subforum_id=subforum_b.id, title_en="Forum B talk")
    exchange = factories.make_session(dbs, event, at(14), at(16), kind=SessionKind.EXCHANGE,
                                      title_en="Technical exchange", capacity=1)
    return Roundtable(event, keynote, subforum_a, subforum_b, session_a, session_b, exchange)


@pytest.fixture
def event(dbs):
    """A published one-day event in Asia/Shanghai (2020-11-26)."""
    return factories.make_event(dbs)


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


@pytest.fixture
def csrf_client(app, database_url):
    """`csrf_client(email)`: a client of an app that checks CSRF tokens, as production does,
    signed in as `email` (anonymous without one)."""
    guarded = make_app(database_url, WTF_CSRF_ENABLED=True)

    def client_for(email: str | None = None):
        client = guarded.test_client()
        if email is not None:
            page = client.get("/auth/login").get_data(as_text=True)
            response = client.post("/auth/login", data={
                "email": email, "password": factories.PASSWORD, "csrf_token": csrf_token(page)})
            assert response.status_code == 302, response.get_data(as_text=True)
        return client

    yield client_for
    with guarded.app_context():
        db.engine.dispose()


@pytest.fixture
def live_server(app):
    """The app served by a threaded HTTP server on a free loopback port (for tests that need
    real concurrent requests)."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(10)


@pytest.fixture
def count_queries(app):
    """`with count_queries() as counter:` … `counter.count` is the SQL statements executed."""

    class Counter:
        count = 0
        statements: list[str] = []

    @contextmanager
    def counting():
        counter = Counter()
        counter.statements = []

        def before(conn, cursor, statement, *args):
            counter.count += 1
            counter.statements.append(statement)

        sa.event.listen(db.engine, "before_cursor_execute", before)
        try:
            yield counter
        finally:
            sa.event.remove(db.engine, "before_cursor_execute", before)

    return counting


# The registration clock of the suite: its events are on 2020-11-26 (the demo's illustrative
# date) and around it, so registering, taking and switching seats happen as on 2019-01-01,
# before every one of them. Tests of the deadline itself pass `now` to the services, or set
# the clock (`registration_clock.moment = …`; None: the real time).

BEFORE_THE_EVENTS = datetime(2019, 1, 1, tzinfo=UTC)


@dataclass
class RegistrationClock:
    moment: datetime | None = BEFORE_THE_EVENTS

    def now(self) -> datetime:
        return self.moment or datetime.now(UTC)


@pytest.fixture(autouse=True)
def registration_clock(monkeypatch) -> RegistrationClock:
    """The moment the registration deadline is measured against (the rules' default `now`)."""
    clock = RegistrationClock()
    monkeypatch.setattr(deadline, "utcnow", clock.now)
    return clock
