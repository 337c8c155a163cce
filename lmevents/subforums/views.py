"""Public page of one sub-forum."""

from flask import render_template

from lmevents.events.services import get_event
from lmevents.extensions import db
from lmevents.speakers.queries import hidden_speaker_ids
from lmevents.subforums.blueprint import bp
from lmevents.subforums.services import get_subforum
from lmevents.web.viewer import viewer_clock


@bp.route("/events/<slug:slug>/subforums/<id:subforum_id>")
def subforum_page(slug: str, subforum_id: int):
    event = get_event(db.session, slug)
    subforum = get_subforum(db.session, event, subforum_id)
    clock = viewer_clock(event)
    return render_template("subforums/subforum.html", event=event, subforum=subforum,
                           clock=clock, hidden=hidden_speaker_ids(db.session, event))
