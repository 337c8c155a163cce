"""JSON API of the calendar area: the caller's personal feed."""

from __future__ import annotations

from flask import current_app
from flask.views import MethodView
from marshmallow import Schema, fields

from lmevents.api import ApiBlueprint
from lmevents.api.auth import api_user, signed_in
from lmevents.calendar.feeds import reset_personal_feed
from lmevents.calendar.links import personal_feed_urls
from lmevents.extensions import db

blp = ApiBlueprint("calendar_api", __name__, description="calendar")


class FeedSchema(Schema):
    feed_url = fields.Url(metadata={
        "description": "the personal feed: exactly the caller's agenda, with join details; "
                       "secret, anyone holding it can read it"})
    webcal_url = fields.String(metadata={"description": "the same feed as webcal://, for "
                                                        "calendar applications to subscribe"})


@blp.route("/me/calendar")
class MyCalendar(MethodView):
    @signed_in(blp)
    @blp.response(200, FeedSchema)
    def get(self):
        """The caller's personal calendar feed URLs (made on first request)."""
        urls = personal_feed_urls(api_user())
        db.session.commit()
        return urls


@blp.route("/me/calendar/reset")
class MyCalendarReset(MethodView):
    @signed_in(blp)
    @blp.response(201, FeedSchema)
    def post(self):
        """A new secret feed URL: the old one stops working at once."""
        reset_personal_feed(db.session, api_user(), current_app.secret_key)
        urls = personal_feed_urls(api_user())
        db.session.commit()
        return urls
