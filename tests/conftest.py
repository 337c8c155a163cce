"""Test fixtures: the app on SQLite and, when configured, on PostgreSQL.

Every test that uses `app` runs once per database. PostgreSQL runs when
LMEVENTS_TEST_DATABASE_URL is set; otherwise those runs are skipped with the reason, unless
LMEVENTS_REQUIRE_POSTGRES=1 (as in CI), where a missing or unreachable server is a failure.
"""

from __future__ import annotations

import os
from contextlib import contextmanager

import flask_babel
import pytest
import sqlalchemy as sa

from lmevents import create_app
from lmevents.config import normalize_database_url
from lmevents.extensions import db, limiter
from tests import factories

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


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def database_url(request, tmp_path_factory):
    if request.param == "sqlite":
        return "sqlite:///" + str(tmp_path_factory.mktemp("db") / "test.sqlite3")
    return postgres_url_or_skip()


def make_app(database_url: str, **config):
    app = _create_app(database_url, **config)
    # Tests keep one app context open across requests, where production gets a fresh one per
    # request: drop Flask-Babel's per-context cache so each request picks its own language.
    app.before_request(flask_babel.refresh)
    return app


def _create_app(database_url: str, **config):
    return create_app({
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "WTF_CSRF_ENABLED": False,
        "SERVER_NAME": "lmevents.test",
        "PUBLIC_URL": "http://lmevents.test",
        "PASSWORD_HASH_METHOD": factories.TEST_HASH_METHOD,
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
    return factories.make_user(dbs, "organizer@example.org", role="organizer")


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
        return {"Authorization": f"Bearer {response.get_json()['token']}"}

    return issue


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
