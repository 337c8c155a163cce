"""URL converters shared by pages and the API: a malformed slug or id is a plain 404 and
never reaches the database (PostgreSQL refuses NUL characters and overflowing integers)."""

from __future__ import annotations

from flask import Flask
from werkzeug.routing import BaseConverter, IntegerConverter

from lmevents.core.models import MAX_ID
from lmevents.events.models import SLUG_RE


class SlugConverter(BaseConverter):
    """`<slug:…>`: only what can be an event's slug matches."""

    regex = SLUG_RE.pattern.removeprefix("^").removesuffix("$")


class IdConverter(IntegerConverter):
    """`<id:…>`: a database id, 1 to MAX_ID."""

    def __init__(self, url_map, *args, **kwargs):
        super().__init__(url_map, min=1, max=MAX_ID)


def register_converters(app: Flask) -> None:
    """Before any blueprint: a blueprint's rules are compiled when it is registered."""
    app.url_map.converters["slug"] = SlugConverter
    app.url_map.converters["id"] = IdConverter
