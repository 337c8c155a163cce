"""A database connection that dies between a request's answer and its end (a restart at that
moment) is dropped: the answer already made goes out, not a 500."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from tests import factories
from tests.conftest import make_app

pytestmark = pytest.mark.postgres_only("only a database server drops its connections")


def test_an_answer_made_before_the_connection_died_is_sent(database_url, dbs):
    factories.make_event(dbs)
    served = make_app(database_url)
    killer = sa.create_engine(database_url)

    @served.after_request
    def the_database_restarts_now(response):
        from lmevents.extensions import db

        pid = db.session.connection().connection.dbapi_connection.info.backend_pid
        with killer.connect() as conn:
            conn.execute(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        return response

    try:
        response = served.test_client().get("/api/v1/events/test-event")
        assert response.status_code == 200
        assert response.get_json()["slug"] == "test-event"
        # The next request gets a working connection (the dead one was dropped).
        assert served.test_client().get("/api/v1/events/test-event").status_code == 200
    finally:
        killer.dispose()
        with served.app_context():
            from lmevents.extensions import db

            db.engine.dispose()
