"""The audit log of organizer actions, written in the transaction of the change itself.

An interface that lets someone change an event (a back-office page, an organizer's API call)
opens a record with `recording()`; every flush of the database session then notes which rows were
added, changed or removed; the commit writes one `AuditEntry` with them, inside the same
transaction. A request that changes nothing (a refused form) leaves no entry; a change that
is rolled back leaves none either.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy import event as orm_event
from sqlalchemy import func, select
from sqlalchemy.orm import Session as DbSession

from lmevents.auth.models import User
from lmevents.events.models import AuditEntry, Event

_KEY = "lmevents.audit"
# Bookkeeping columns every write touches: naming them says nothing.
_QUIET_FIELDS = {"updated_at"}
MAX_CHANGES = 200  # per entry; a bulk import says how many more


@dataclass
class _Record:
    user_id: int | None
    actor: str
    event_id: int | None
    address: str | None
    action: str
    changes: list[dict] = field(default_factory=list)
    more: int = 0


@contextmanager
def recording(dbs: DbSession, *, actor: User, event: Event | None, action: str,
              address: str | None) -> Iterator[None]:
    """While inside, what this session commits is recorded as `actor`'s `action` (from
    `address`, on `event`, or on the event the action creates)."""
    dbs.info[_KEY] = _Record(user_id=actor.id, actor=actor.email,
                             event_id=event.id if event is not None else None,
                             address=(address or None) and address[:45], action=action[:300])
    try:
        yield
    finally:
        dbs.info.pop(_KEY, None)


def _identity(obj) -> str:
    key = sa.inspect(obj).identity
    return "/".join(str(part) for part in key) if key else ""


def _changed_fields(obj) -> list[str]:
    state = sa.inspect(obj)
    return sorted(attr.key for attr in state.mapper.column_attrs
                  if attr.key not in _QUIET_FIELDS and state.attrs[attr.key].history.has_changes())


@orm_event.listens_for(DbSession, "after_flush")
def _note_changes(session: DbSession, _context) -> None:
    record: _Record | None = session.info.get(_KEY)
    if record is None:
        return
    noted = []
    for obj in session.new:
        noted.append((obj, "added", []))
        if record.event_id is None and isinstance(obj, Event):
            record.event_id = obj.id  # the action created this event
    for obj in session.dirty:
        fields = _changed_fields(obj)
        if fields:
            noted.append((obj, "changed", fields))
    for obj in session.deleted:
        noted.append((obj, "removed", []))
        if isinstance(obj, Event) and obj.id == record.event_id:
            record.event_id = None  # the entry outlives the event it removed
    for obj, change, fields in noted:
        if isinstance(obj, AuditEntry):
            continue
        if len(record.changes) >= MAX_CHANGES:
            record.more += 1
            continue
        entry = {"what": obj.__tablename__, "id": _identity(obj), "change": change}
        if fields:
            entry["fields"] = fields
        record.changes.append(entry)


@orm_event.listens_for(DbSession, "before_commit")
def _write_entry(session: DbSession) -> None:
    record: _Record | None = session.info.get(_KEY)
    if record is None:
        return
    if session.new or session.dirty or session.deleted:
        session.flush()
    if not record.changes:
        return
    changes = _merged(record.changes)
    if record.more:
        changes.append({"what": "more", "id": str(record.more), "change": "not listed"})
    session.add(AuditEntry(event_id=record.event_id, user_id=record.user_id,
                           actor=record.actor, address=record.address, action=record.action,
                           changes=changes))
    record.changes, record.more = [], 0
    session.flush()


@orm_event.listens_for(DbSession, "after_rollback")
def _forget_changes(session: DbSession) -> None:
    record: _Record | None = session.info.get(_KEY)
    if record is not None:
        record.changes, record.more = [], 0


def _merged(changes: list[dict]) -> list[dict]:
    """One line per row: a row added then changed in the same action was added."""
    by_row: dict[tuple[str, str], dict] = {}
    for change in changes:
        key = (change["what"], change["id"])
        seen = by_row.get(key)
        if seen is None:
            by_row[key] = dict(change)
        elif change["change"] == "removed":
            seen.update(change="removed")
            seen.pop("fields", None)
        elif seen["change"] == "changed":
            seen["fields"] = sorted(set(seen.get("fields", [])) | set(change.get("fields", [])))
    return list(by_row.values())


def entries_for(dbs: DbSession, event: Event | None, *, limit: int = 100,
                offset: int = 0) -> tuple[list[AuditEntry], int]:
    """An event's log, newest first, and how many entries it holds (all events' for None)."""
    where = [AuditEntry.event_id == event.id] if event is not None else []
    total = dbs.scalar(select(func.count()).select_from(AuditEntry).where(*where))
    rows = dbs.scalars(select(AuditEntry).where(*where)
                       .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
                       .limit(limit).offset(offset))
    return list(rows), total
