"""Registers every area's API blueprint under /api/v1 (CSRF does not apply: bearer tokens)."""

from __future__ import annotations

from flask import Flask

from lmevents.api import API_PREFIX, ProblemApi
from lmevents.extensions import csrf


def register_api(app: Flask, api: ProblemApi) -> None:
    from lmevents.agenda.api import blp as agenda_api
    from lmevents.auth.api import blp as auth_api
    from lmevents.events.api import blp as events_api
    from lmevents.subforums.api import blp as subforums_api

    for blp in (auth_api, events_api, agenda_api, subforums_api):
        csrf.exempt(blp)
        api.register_blueprint(blp, url_prefix=API_PREFIX)
