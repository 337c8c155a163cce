"""The app the benchmarks run, and what one request costs in it: its SQL statements, and the
median and 95th-percentile wall time over several runs, each in an application context of its
own as in production (the Flask test client, in this process)."""

from __future__ import annotations

import gc
import json
import math
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from lmevents import create_app
from lmevents.extensions import db

DATABASE_ENV = "LMEVENTS_BENCH_DATABASE_URL"
REDIS_ENV = "LMEVENTS_BENCH_REDIS_URL"


def bench_app(database_url: str | None = None, redis_url: str | None = None) -> Flask:
    """The app on `database_url`, else LMEVENTS_BENCH_DATABASE_URL, else SQLite in a temporary
    file; rendered feeds kept in the process (SimpleCache), or in Redis at `redis_url` (else
    LMEVENTS_BENCH_REDIS_URL) when one is given. Whatever LMEVENTS_* says: a benchmark never
    touches the site's own database, cache or rate-limit counters."""
    database_url = database_url or os.environ.get(DATABASE_ENV) or (
        "sqlite:///" + os.path.join(tempfile.mkdtemp(), "bench.sqlite3"))
    redis_url = redis_url or os.environ.get(REDIS_ENV)
    return create_app({
        "SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": "bench",
        "WTF_CSRF_ENABLED": False, "RATELIMIT_STORAGE_URI": "memory://",
        **({"CACHE_TYPE": "RedisCache", "CACHE_REDIS_URL": redis_url} if redis_url else
           {"CACHE_TYPE": "SimpleCache"}),
    })


def drop_tables() -> None:
    """Every table dropped (in an application context). SQLite's foreign keys are off
    meanwhile: with them on, it empties each table row by row, checking every row against
    the tables that point at it (20 s for 20,000 registrants)."""
    db.session.remove()
    with db.engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        db.metadata.drop_all(connection)
        connection.commit()
        if sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")


def fresh_tables() -> None:
    """Every table dropped and made anew, empty (in an application context)."""
    drop_tables()
    db.create_all()


def cache_name(app: Flask) -> str:
    kind = app.config["CACHE_TYPE"]
    return f"{kind} at {app.config['CACHE_REDIS_URL']}" if kind == "RedisCache" else (
        f"{kind} (in this process)")


@dataclass(frozen=True)
class Cost:
    status: int
    pages: int  # HTTP requests: a paginated answer is fetched to its last page
    statements: int  # in the last run
    median: float  # seconds
    p95: float


def percentile(values: list[float], fraction: float) -> float:
    """Nearest rank: with 20 runs the 95th percentile is the second slowest, with fewer the
    slowest."""
    ordered = sorted(values)
    return ordered[max(math.ceil(fraction * len(ordered)), 1) - 1]


def fetch_all(client: FlaskClient, url: str, headers: dict | None = None) -> tuple[int, int]:
    """Status of the last answer and the number of pages: flask-smorest's X-Pagination
    header names the next page while there is one."""
    pages = 0
    while True:
        response = client.get(url, headers=headers)
        pages += 1
        following = json.loads(response.headers.get("X-Pagination", "{}")).get("next_page")
        if response.status_code != 200 or not following:
            return response.status_code, pages
        parts = urlsplit(url)
        url = f"{parts.path}?{urlencode(dict(parse_qsl(parts.query)) | {'page': following})}"


def measure(app: Flask, client: FlaskClient, url: str, runs: int, *,
            headers: dict | None = None, before: Callable[[], None] | None = None) -> Cost:
    """`url` requested `runs` times after one warm-up request. `before` runs ahead of each run,
    untimed and in an application context (to clear the cache for a cold request, say)."""
    with app.app_context():
        engine = db.engine
    statements: list[str] = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    fetch_all(client, url, headers)
    # What lives now (the app, its modules, the warm-up's leftovers) is left out of the
    # collector's scans: a run pays for collecting its own garbage, not for a full scan of
    # some 200,000 long-lived objects that falls on whichever run comes along.
    gc.collect()
    gc.freeze()
    timings = []
    for _ in range(runs):
        if before is not None:
            with app.app_context():
                before()
        statements.clear()
        sa.event.listen(engine, "before_cursor_execute", count)
        try:
            began = time.perf_counter()
            status, pages = fetch_all(client, url, headers)
            timings.append(time.perf_counter() - began)
        finally:
            sa.event.remove(engine, "before_cursor_execute", count)
    return Cost(status, pages, len(statements), statistics.median(timings),
                percentile(timings, 0.95))
