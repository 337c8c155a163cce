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
