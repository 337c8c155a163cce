"""Faults the app must ride out without a restart of its own."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from sqlalchemy import func, select

from lmevents.extensions import db
from lmevents.registration.models import Registration
from tests import factories


@pytest.mark.postgres_only("only a database server drops its connections")
def test_the_app_recovers_when_the_database_drops_every_connection(app, client, dbs,
                                                                   participant, api_token):
    event = factories.make_event(dbs)
    headers = api_token("participant@example.org")
    assert client.get(f"/events/{event.slug}/").status_code == 200
    db.session.remove()  # as at the end of every request: connections back in the pool

    # What a database restart does to the pool: every connection it holds is dead.
    killer = sa.create_engine(db.engine.url)
    with killer.connect() as conn:
        killed = conn.execute(sa.text(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()")).scalar()
    killer.dispose()
    assert killed >= 1

    assert client.get(f"/events/{event.slug}/").status_code == 200
    response = client.post(f"/api/v1/events/{event.slug}/registrations", headers=headers,
                           json={"consent": True, "timezone": "Asia/Vientiane"})
    assert response.status_code == 201, response.get_json()
    db.session.remove()
    assert dbs.scalar(select(func.count()).select_from(Registration)) == 1


class _DatabaseGone:
    """From the first statement after the armed commit on, the database is unreachable (as
    when its server restarts between the commit and the next query)."""

    def __init__(self, dbs, engine, *, after_commit: bool):
        self.dbs, self.engine, self.armed, self.gone = dbs, engine, not after_commit, False

    def __enter__(self):
        sa.event.listen(self.engine, "before_cursor_execute", self._fail)
        sa.event.listen(self.dbs, "after_commit", self._arm)
        return self

    def __exit__(self, *exc):
        sa.event.remove(self.engine, "before_cursor_execute", self._fail)
        sa.event.remove(self.dbs, "after_commit", self._arm)

    def _arm(self, _session):
        self.armed = True

    def _fail(self, conn, cursor, statement, *args):
        if self.armed and statement.lstrip().upper().startswith(("SELECT", "INSERT")):
            self.gone = True
            raise sa.exc.OperationalError(statement, {}, ConnectionError("server closed"))


@pytest.mark.parametrize("after_commit", [True, False])
def test_an_outage_answers_503_and_says_whether_what_was_sent_was_saved(
        app, client, dbs, participant, api_token, after_commit):
    """A 500 used to say "nothing was changed" even when the registration had been committed
    and only the answer's query failed: the participant was told to try again when they
    were registered (and mailed)."""
    url = f"/api/v1/events/{factories.make_event(dbs).slug}/registrations"
    headers = api_token("participant@example.org")
    db.session.remove()

    with _DatabaseGone(db.session, db.engine, after_commit=after_commit) as outage:
        response = client.post(url, headers=headers, json={"consent": True})
    assert outage.gone
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "5"
    detail = response.get_json()["detail"]
    db.session.remove()
    stored = dbs.scalar(select(func.count()).select_from(Registration))
    if after_commit:
        assert stored == 1
        assert "was saved before the failure" in detail
    else:
        assert stored == 0
        assert "nothing was changed" in detail
    # The database is back: the same request answers as usual.
    again = client.post(url, headers=headers, json={"consent": True})
    assert again.status_code == (200 if after_commit else 201)
