"""API answers kept by the version of what they show (lmevents.revisions): the first request
after a change builds the answer, the next ones are served the same bytes from the cache
(Redis when LMEVENTS_REDIS_URL is set, else the process)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Response, current_app, request

from lmevents.core.text import current_language
from lmevents.extensions import cache


def kept_answer(key: str, build: Callable[[], Any]) -> Response:
    """The JSON answer `build()` dumps, kept under `key` (which must name every version its
    content depends on). The host the request came to and the language it is written in are
    part of the key: answers carry absolute links and translated labels."""
    full = f"api|{key}|{request.host_url}|{current_language()}"
    body = cache.get(full)
    if body is None:
        body = current_app.json.response(build()).get_data()
        cache.set(full, body)
    return current_app.response_class(body, mimetype="application/json")
