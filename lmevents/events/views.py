"""Public pages of an event: the list of events and an event's home page."""

from flask import redirect, render_template, request, url_for

from lmevents.events.blueprint import bp
from lmevents.events.services import get_event, list_events
from lmevents.extensions import db
from lmevents.subforums.services import subforum_titles


@bp.route("/")
def index():
    events = list_events(db.session)
    if len(events) == 1:
        # The visitor's ?lang= and ?tz= go along.
        return redirect(url_for("events.event_home", slug=events[0].slug,
                                **request.args.to_dict()))
    return render_template("events/index.html", events=events)


@bp.route("/events/<slug:slug>/")
def event_home(slug: str):
    event = get_event(db.session, slug)
    return render_template(
        "events/event.html", event=event,
        subforums=subforum_titles(db.session, event),
    )
