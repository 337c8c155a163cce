"""A Redis database of its own for a test (the server of LMEVENTS_REDIS_URL, or the local
one), emptied before and after. Unreachable, the test is skipped saying why; in CI
(LMEVENTS_REQUIRE_POSTGRES=1 with LMEVENTS_REDIS_URL set) that is a failure."""

from __future__ import annotations

import os
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from tests.conftest import REQUIRE_PG


def redis_url(number: int) -> str:
    base = os.environ.get("LMEVENTS_REDIS_URL") or "redis://127.0.0.1:6379/0"
    return urllib.parse.urlsplit(base)._replace(path=f"/{number}").geturl()


@contextmanager
def own_redis(number: int, purpose: str) -> Iterator[tuple[str, object]]:
    """(url, client) of Redis database `number`, empty; `purpose` says what needs it."""
    import redis

    url = redis_url(number)
    client = redis.Redis.from_url(url, socket_timeout=5)
    try:
        client.ping()
    except redis.RedisError as exc:
        reason = f"Redis at {url} is unreachable ({exc}): {purpose}"
        if REQUIRE_PG and os.environ.get("LMEVENTS_REDIS_URL"):
            pytest.fail(reason)
        pytest.skip(reason)
    client.flushdb()
    try:
        yield url, client
    finally:
        client.flushdb()
        client.close()
