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


def test_upgrade_from_empty_gives_the_models_schema(empty_database_url):
    app = make_app(empty_database_url)
    with app.app_context():
        upgrade()
        assert _schema_differences() == []
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
