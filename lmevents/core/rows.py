"""Rows written once whatever the number of writers at the same moment."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session as DbSession


def insert_unless_there(dbs: DbSession, table: Table, values: dict[str, Any],
                        unique: list[str]) -> bool:
    """Insert the row unless one with the same `unique` columns exists; True if inserted.

    The unique constraint decides, inside the database: a second insert sent at the same
    moment waits for the first to commit, then inserts nothing instead of failing."""
    dialect = postgresql if dbs.get_bind().dialect.name == "postgresql" else sqlite
    statement = (dialect.insert(table).values(**values)
                 .on_conflict_do_nothing(index_elements=unique).returning(table.c.id))
    return dbs.execute(statement).scalar() is not None
