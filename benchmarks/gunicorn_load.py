"""gunicorn settings of the load benchmark (benchmarks.load), for the app and the trivial view
alike: `gunicorn -c benchmarks/gunicorn_load.py …`.

- Every worker says in the error log when it has loaded the app, so the benchmark starts
  measuring only once all of them serve.
- Rate limits are off in lmevents' workers (Flask-Limiter guards only sign-in, sign-up and
  reset, which the run never calls; off, they cannot get in its way whatever changes).
- When LMEVENTS_LOAD_LOCK_LOG names a file, each transaction that locks an event's row
  (`SELECT … FROM events … FOR UPDATE`, lmevents.registration.seats.lock_event_seats) is
  written there as one JSON line once it ends: how long it held the lock (from the moment the
  lock was granted, the FOR UPDATE returning, to its COMMIT returning), the statements it
  ran meanwhile with their times, and COMMIT's own time. The line is written after the
  commit, outside the lock.
"""

from __future__ import annotations

import json
import os
import re
import sys
import threading
import time

LOCK_LOG_ENV = "LMEVENTS_LOAD_LOCK_LOG"
READY = "lmevents load benchmark: worker ready"
EVENT_ROW_LOCK = re.compile(r"\bFROM events\b.*\bFOR UPDATE\b", re.DOTALL)

# Per thread (a sync worker has one): the lock-holding transaction under way, if any.
_held: dict[int, dict] = {}
_started: dict[int, float] = {}


def post_fork(server, worker) -> None:
    path = os.environ.get(LOCK_LOG_ENV)
    if path:
        watch_event_row_locks(open(path, "a", buffering=1, encoding="utf-8"))  # noqa: SIM115


def post_worker_init(worker) -> None:
    extensions = sys.modules.get("lmevents.extensions")
    if extensions is not None:
        extensions.limiter.enabled = False
    worker.log.info(READY)


def watch_event_row_locks(log) -> None:
    """Listen on every engine and ORM session of this process (class-level events, so before
    the app exists) and write one line to `log` per transaction that held an event's row."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import Session

    def before_cursor_execute(conn, cursor, statement, parameters, context, executemany):
        _started[threading.get_ident()] = time.perf_counter()

    def after_cursor_execute(conn, cursor, statement, parameters, context, executemany):
        now = time.perf_counter()
        key = threading.get_ident()
        began = _started.pop(key, now)
        held = _held.get(key)
        if held is not None:
            held["statements"].append((" ".join(statement.split()), now - began))
        elif EVENT_ROW_LOCK.search(statement):
            _held[key] = {"since": now, "wait": now - began, "statements": []}

    def commit(conn):
        held = _held.get(threading.get_ident())
        if held is not None:
            held["commit_from"] = time.perf_counter()

    def after_commit(session):
        end(time.perf_counter(), "commit")

    def rollback(conn):
        end(time.perf_counter(), "rollback")

    def end(now: float, how: str) -> None:
        held = _held.pop(threading.get_ident(), None)
        if held is None:
            return
        log.write(json.dumps({
            "pid": os.getpid(), "end": how, "wait": held["wait"], "held": now - held["since"],
            "commit": now - held.get("commit_from", now), "statements": held["statements"],
        }) + "\n")

    event.listen(Engine, "before_cursor_execute", before_cursor_execute)
    event.listen(Engine, "after_cursor_execute", after_cursor_execute)
    event.listen(Engine, "commit", commit)
    event.listen(Engine, "rollback", rollback)
    event.listen(Session, "after_commit", after_commit)
