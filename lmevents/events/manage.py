"""Organizers' back office: events."""

from flask import render_template

from lmevents.auth.access import organizer_required
from lmevents.events.blueprint import bp
from lmevents.events.services import list_events
from lmevents.extensions import db


@bp.route("/manage/")
@organizer_required
def manage_index():
    return render_template("events/manage/index.html",
                           events=list_events(db.session, published_only=False))
