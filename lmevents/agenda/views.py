"""Public programme pages: the agenda by day and one session."""

from flask import render_template

from lmevents.agenda.blueprint import bp
from lmevents.agenda.layout import agenda_days
from lmevents.agenda.services import get_session, programme
from lmevents.events.services import get_event
from lmevents.extensions import db
from lmevents.speakers.queries import hidden_speaker_ids
from lmevents.web.viewer import viewer_clock


@bp.route("/events/<slug:slug>/agenda")
def agenda(slug: str):
    event = get_event(db.session, slug)
    clock = viewer_clock(event)
    days = agenda_days(programme(db.session, event), clock.zone)
    return render_template("agenda/agenda.html", event=event, clock=clock, days=days,
                           hidden=hidden_speaker_ids(db.session, event))


@bp.route("/events/<slug:slug>/sessions/<id:session_id>")
def session_page(slug: str, session_id: int):
    event = get_event(db.session, slug)
    session = get_session(db.session, event, session_id)
    clock = viewer_clock(event)
    return render_template("agenda/session.html", event=event, session=session, clock=clock,
                           hidden=hidden_speaker_ids(db.session, event))
