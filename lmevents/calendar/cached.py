"""Feeds and exports served from what their data's version says (lmevents.revisions), not
from rendering them: the ETag comes from the version, so a client that holds the current feed
gets its 304 after one small query, and a feed rendered once is kept (Redis, shared by every
worker and server, or the process) until a write raises the version.

A feed's key names everything its bytes depend on: the data's versions, the language, the
feed's own ids, and the code that renders it (`RENDERING`: a new release renders anew)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from flask import Response, request

from lmevents.calendar.exporters import IcsExporter, ScheduleExporter
from lmevents.calendar.services import feed_changed_at
from lmevents.core.models import utcnow
from lmevents.extensions import cache, db

PUBLIC_MAX_AGE = 300  # seconds a public feed may be reused without asking again

# What renders feeds: a change to any of these files is a change to every feed's bytes.
_RENDERERS = ("exporters.py", "schedule.py", "vevent.py", "notes.py", "services.py")
RENDERING = hashlib.sha256(b"".join(
    (Path(__file__).parent / name).read_bytes() for name in _RENDERERS)).hexdigest()[:16]


@dataclass(frozen=True)
class Kept:
    body: bytes
    content_type: str
    changed_at: datetime


def serve(feed: str, version: str, render: Callable[[], IcsExporter | ScheduleExporter],
          filename: str, *, private: bool) -> Response:
    """The feed named `feed` (its ids and language) as of `version` (every version its bytes
    depend on), with a strong ETag and a Last-Modified: 304 without a look at the data when
    the client holds it, the kept body when there is one, else rendered now."""
    etag = hashlib.sha256(f"{RENDERING}|{feed}|{version}".encode()).hexdigest()
    if request.if_none_match.contains(etag):
        return _caching(Response(status=304), etag, private)
    kept = cache.get(f"feed:{etag}")
    if kept is None:
        exporter = render()
        body = exporter.render()
        changed_at = feed_changed_at(db.session, feed[:100], etag, utcnow())
        kept = Kept(body, exporter.content_type, changed_at)
        cache.set(f"feed:{etag}", kept)
    response = Response(kept.body, content_type=kept.content_type)
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    response.last_modified = kept.changed_at
    return _caching(response, etag, private).make_conditional(request)


def _caching(response: Response, etag: str, private: bool) -> Response:
    response.set_etag(etag)
    if private:
        response.cache_control.private = True
        response.cache_control.no_cache = True
    else:
        response.cache_control.public = True
        response.cache_control.max_age = PUBLIC_MAX_AGE
    return response
