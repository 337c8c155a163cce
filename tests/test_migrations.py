"""`flask db upgrade` from an empty database gives exactly the models' schema, and downgrades."""

from __future__ import annotations

import os
import uuid

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from lmevents.extensions import db
from tests.conftest import make_app, postgres_url_or_skip


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_database_url(request, tmp_path):
    if request.param == "sqlite":
        yield "sqlite:///" + str(tmp_path / "migrations.sqlite3")
        return
    server_url = sa.engine.make_url(postgres_url_or_skip())
    name = f"lmevents_migrations_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield server_url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _schema_differences() -> list:
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        return compare_metadata(context, db.metadata)


def _check_constraints_in_database() -> set[tuple[str, str]]:
    inspector = sa.inspect(db.engine)
    return {
        (table, check["name"])
        for table in inspector.get_table_names()
        for check in inspector.get_check_constraints(table)
        if check["name"]
    }


def _check_constraints_in_models() -> set[tuple[str, str]]:
    return {
        (table.name, constraint.name)
        for table in db.metadata.sorted_tables
        for constraint in table.constraints
        if isinstance(constraint, sa.CheckConstraint) and constraint.name
    }


def test_upgrade_from_empty_gives_the_models_schema(empty_database_url):
    app = make_app(empty_database_url)
    with app.app_context():
        upgrade()
        assert _schema_differences() == []
        # Alembic's comparison skips CHECK constraints (the enums' and our own): compare names.
        assert _check_constraints_in_database() == _check_constraints_in_models()
        db.engine.dispose()


def test_downgrade_to_empty_and_upgrade_again(empty_database_url):
    app = make_app(empty_database_url)
    with app.app_context():
        upgrade()
        downgrade(revision="base")
        tables = set(sa.inspect(db.engine).get_table_names()) - {"alembic_version"}
        assert tables == set()
        upgrade()
        assert _schema_differences() == []
        db.engine.dispose()


def test_the_latest_migrations_go_down_and_up_again_with_data_in_the_tables(
        empty_database_url):
    from lmevents.demo.roundtable import load_demo

    app = make_app(empty_database_url)
    with app.app_context():
        upgrade()
        load_demo(db.session)
        db.session.commit()
        tables = [t.name for t in db.metadata.sorted_tables]

        def counts():
            with db.engine.connect() as conn:
                return {t: conn.execute(sa.text(f'SELECT count(*) FROM "{t}"')).scalar()
                        for t in tables}

        before = counts()
        db.session.remove()
        # Back to before this month's columns (outbox failures, session versions, registration
        # deadlines), and up. Tables made since (the demo's interpretation channels) come back
        # empty; every row of the tables that were there is kept.
        downgrade(revision="4b9a4051e299")
        kept = set(sa.inspect(db.engine).get_table_names())
        upgrade()
        after = counts()
        assert {t: n for t, n in after.items() if t in kept} == {
            t: n for t, n in before.items() if t in kept}
        assert before["interpretation_channels"] == 4 and after["interpretation_channels"] == 0
        assert _schema_differences() == []
        db.engine.dispose()


def test_upgrading_to_event_teams_keeps_every_organizer_on_the_events_they_had(
        empty_database_url):
    """Before event teams, every organizer changed every event: the upgrade makes them owners
    of the events that exist, so nobody is locked out; participants gain nothing."""
    app = make_app(empty_database_url)
    with app.app_context():
        upgrade(revision="8d2b7c41e6f0")
        with db.engine.begin() as conn:
            for email, role in (("chair@example.org", "organizer"),
                                ("guest@example.org", "participant")):
                conn.execute(sa.text(
                    "INSERT INTO users (email, password_hash, name, organization, language, "
                    "role, active, created_at, session_version) VALUES (:email, 'x', '', '', "
                    "'en', :role, true, CURRENT_TIMESTAMP, 0)"), {"email": email, "role": role})
            conn.execute(sa.text(
                "INSERT INTO events (slug, timezone, start_date, end_date, default_language, "
                "registration_mode, published, created_at, updated_at) VALUES ('old', 'UTC', "
                "'2020-11-26', '2020-11-26', 'en', 'open', false, CURRENT_TIMESTAMP, "
                "CURRENT_TIMESTAMP)"))
        upgrade()
        with db.engine.connect() as conn:
            team = conn.execute(sa.text(
                "SELECT users.email, event_organizers.role FROM event_organizers "
                "JOIN users ON users.id = event_organizers.user_id")).all()
        assert [tuple(row) for row in team] == [("chair@example.org", "owner")]
        with db.engine.begin() as conn:
            conn.execute(sa.text("UPDATE users SET role = 'admin' "
                                 "WHERE email = 'guest@example.org'"))
        downgrade(revision="8d2b7c41e6f0")
        with db.engine.connect() as conn:
            roles = dict(conn.execute(sa.text("SELECT email, role FROM users")).all())
        assert roles == {"chair@example.org": "organizer", "guest@example.org": "organizer"}
        db.engine.dispose()


def test_the_registration_deadline_goes_down_and_up_keeping_events_and_their_programme(
        empty_database_url):
    """Events existing before the deadline have none (registration closes when they end);
    going down drops only the column, never the events or what belongs to them."""
    app = make_app(empty_database_url)
    with app.app_context():
        upgrade(revision="c7a19e3d5b20")
        with db.engine.begin() as conn:
            conn.execute(sa.text(
                "INSERT INTO events (slug, timezone, start_date, end_date, default_language, "
                "registration_mode, published, created_at, updated_at) VALUES ('old', "
                "'Asia/Shanghai', '2020-11-26', '2020-11-26', 'en', 'open', true, "
                "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"))
            conn.execute(sa.text(
                "INSERT INTO event_hosts (event_id, position, role, name_en) "
                "SELECT id, 0, 'host', 'LMEC' FROM events"))
        upgrade()
        with db.engine.begin() as conn:
            assert conn.execute(sa.text(
                "SELECT slug, registration_closes_at FROM events")).all() == [("old", None)]
            conn.execute(sa.text("UPDATE events SET registration_closes_at = "
                                 "'2020-11-20 10:00:00+00:00'"))
        downgrade(revision="c7a19e3d5b20")
        columns = {c["name"] for c in sa.inspect(db.engine).get_columns("events")}
        with db.engine.connect() as conn:
            kept = conn.execute(sa.text(
                "SELECT events.slug, event_hosts.name_en FROM events "
                "JOIN event_hosts ON event_hosts.event_id = events.id")).all()
        assert "registration_closes_at" not in columns
        assert [tuple(row) for row in kept] == [("old", "LMEC")]
        upgrade()
        assert _schema_differences() == []
        db.engine.dispose()


def test_rebuilding_the_users_table_keeps_what_points_at_the_users(empty_database_url):
    """SQLite changes a table by rebuilding it: with foreign keys enforced, dropping the old
    users table deleted every API token (and registration…) by cascade. Migrations run with
    them off, and check them when done."""
    app = make_app(empty_database_url)
    with app.app_context():
        upgrade(revision="8d2b7c41e6f0")
        with db.engine.begin() as conn:
            conn.execute(sa.text(
                "INSERT INTO users (email, password_hash, name, organization, language, "
                "role, active, created_at, session_version) VALUES ('ada@example.org', 'x', "
                "'Ada', '', 'en', 'participant', true, CURRENT_TIMESTAMP, 0)"))
            conn.execute(sa.text(
                "INSERT INTO api_tokens (user_id, token_hash, label, created_at) "
                "SELECT id, 'digest', 'script', CURRENT_TIMESTAMP FROM users"))

        def tokens() -> int:
            with db.engine.connect() as conn:
                return conn.execute(sa.text("SELECT count(*) FROM api_tokens")).scalar()

        upgrade()  # through c7a19e3d5b20, which rebuilds users on SQLite
        after_upgrade = tokens()
        downgrade(revision="8d2b7c41e6f0")  # and back, rebuilding it again
        after_downgrade = tokens()
        db.engine.dispose()

    assert (after_upgrade, after_downgrade) == (1, 1)
