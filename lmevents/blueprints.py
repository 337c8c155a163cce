"""Every area's pages and JSON API, registered on one app: the only module that knows them all.

The API blueprints go under /api/v1, documented by flask-smorest; CSRF does not apply to
them (they authenticate with bearer tokens, not cookies).
"""

from __future__ import annotations

from flask import Flask

from lmevents.agenda import backoffice as agenda_backoffice
from lmevents.agenda import views as agenda_views
from lmevents.agenda.api import blp as agenda_api
from lmevents.agenda.blueprint import bp as agenda_bp
from lmevents.api import API_PREFIX, api
from lmevents.api.conditional import register_conditional_requests
from lmevents.api.docs import docs_bp
from lmevents.auth import views as auth_views
from lmevents.auth.api import blp as auth_api
from lmevents.auth.blueprint import bp as auth_bp
from lmevents.calendar import views as calendar_views
from lmevents.calendar.api import blp as calendar_api
from lmevents.calendar.blueprint import bp as calendar_bp
from lmevents.events import backoffice as events_backoffice
from lmevents.events import views as events_views
from lmevents.events.api import blp as events_api
from lmevents.events.blueprint import bp as events_bp
from lmevents.events.models import SLUG_RE
from lmevents.exchange.blueprint import bp as exchange_bp
from lmevents.exchange.content import backoffice as content_backoffice
from lmevents.exchange.content import views as content_views
from lmevents.exchange.content.api import blp as exchange_api
from lmevents.exchange.meetings import views as meeting_views
from lmevents.exchange.meetings.api import blp as meetings_api
from lmevents.exchange.qa import views as qa_views
from lmevents.exchange.qa.api import blp as qa_api
from lmevents.extensions import csrf
from lmevents.live import backoffice as live_backoffice
from lmevents.live import views as live_views
from lmevents.live.api import blp as live_api
from lmevents.live.blueprint import bp as live_bp
from lmevents.mail import backoffice as mail_backoffice
from lmevents.mail.blueprint import bp as mail_bp
from lmevents.registration import backoffice as registration_backoffice
from lmevents.registration import views as registration_views
from lmevents.registration.api import blp as registration_api
from lmevents.registration.blueprint import bp as registration_bp
from lmevents.speakers import backoffice as speakers_backoffice
from lmevents.speakers import views as speakers_views
from lmevents.speakers.api import blp as speakers_api
from lmevents.speakers.blueprint import bp as speakers_bp
from lmevents.subforums import backoffice as subforums_backoffice
from lmevents.subforums import views as subforums_views
from lmevents.subforums.api import blp as subforums_api
from lmevents.subforums.blueprint import bp as subforums_bp
from lmevents.web.routing import IdConverter, SlugConverter, register_converters
from lmevents.webhooks import backoffice as webhooks_backoffice
from lmevents.webhooks.api import blp as webhooks_api
from lmevents.webhooks.blueprint import bp as webhooks_bp

# The modules that attach their routes to the blueprints above.
ROUTES = (agenda_views, agenda_backoffice, auth_views, calendar_views, events_views,
          events_backoffice, content_views, content_backoffice, meeting_views, qa_views,
          registration_views, registration_backoffice, speakers_views, speakers_backoffice,
          subforums_views, subforums_backoffice, mail_backoffice, webhooks_backoffice,
          live_views, live_backoffice)
PAGES = (events_bp, agenda_bp, subforums_bp, speakers_bp, auth_bp, registration_bp,
         calendar_bp, exchange_bp, mail_bp, webhooks_bp, live_bp)
API = (auth_api, events_api, agenda_api, subforums_api, speakers_api, registration_api,
       calendar_api, exchange_api, qa_api, meetings_api, webhooks_api, live_api)


def register_blueprints(app: Flask) -> None:
    # Converters first: a blueprint's rules are compiled when it is registered.
    register_converters(app)
    for bp in PAGES:
        app.register_blueprint(bp)
    app.register_blueprint(docs_bp)
    api.init_app(app)
    # The converters themselves are registered above; this documents them.
    api.register_converter(SlugConverter, lambda converter: {
        "type": "string", "pattern": SLUG_RE.pattern})
    api.register_converter(IdConverter, lambda converter: {
        "type": "integer", "minimum": converter.min, "maximum": converter.max})
    for blp in API:
        csrf.exempt(blp)
        api.register_blueprint(blp, url_prefix=API_PREFIX)
    register_conditional_requests(app, API_PREFIX)
