"""Registers every area's API blueprint under /api/v1 (CSRF does not apply: bearer tokens)."""

from __future__ import annotations

from flask import Flask

from lmevents.api import API_PREFIX, ProblemApi
from lmevents.core.routing import IdConverter, SlugConverter
from lmevents.events.services import SLUG_RE
from lmevents.extensions import csrf


def _id_param(converter: IdConverter) -> dict:
    return {"type": "integer", "minimum": converter.min, "maximum": converter.max}


def _slug_param(converter: SlugConverter) -> dict:
    return {"type": "string", "pattern": SLUG_RE.pattern}


def register_api(app: Flask, api: ProblemApi) -> None:
    from lmevents.agenda.api import blp as agenda_api
    from lmevents.auth.api import blp as auth_api
    from lmevents.calendar.api import blp as calendar_api
    from lmevents.events.api import blp as events_api
    from lmevents.exchange.content.api import blp as exchange_api
    from lmevents.exchange.meetings.api import blp as meetings_api
    from lmevents.exchange.qa.api import blp as qa_api
    from lmevents.registration.api import blp as registration_api
    from lmevents.speakers.api import blp as speakers_api
    from lmevents.subforums.api import blp as subforums_api

    # The converters themselves are registered by create_app; this documents them.
    api.register_converter(SlugConverter, _slug_param)
    api.register_converter(IdConverter, _id_param)
    for blp in (auth_api, events_api, agenda_api, subforums_api, speakers_api,
                registration_api, calendar_api, exchange_api, qa_api, meetings_api):
        csrf.exempt(blp)
        api.register_blueprint(blp, url_prefix=API_PREFIX)
