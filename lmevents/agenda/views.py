"""Public programme pages: the agenda by day and one session."""

from datetime import datetime

from flask import render_template, request
from flask_babel import gettext as _
from markupsafe import Markup

from lmevents.agenda.blueprint import bp
from lmevents.agenda.layout import SIDE_BY_SIDE, agenda_days, choose_part
from lmevents.agenda.services import PLENARY, count_sessions, get_session, programme
from lmevents.core.text import current_language
from lmevents.core.timezones import get_zone
from lmevents.events.services import get_event
from lmevents.extensions import cache, db
from lmevents.revisions import event_version
from lmevents.speakers.queries import hidden_speaker_ids
from lmevents.subforums.models import SubForum
from lmevents.subforums.services import subforum_titles
from lmevents.web.viewer import viewer_clock


@bp.route("/events/<slug:slug>/agenda")
def agenda(slug: str):
    """The whole programme when it is small; a large one a day at a time, with a day and
    track picker (`?day=YYYY-MM-DD`, `?track=<sub-forum code>|plenary`)."""
    event = get_event(db.session, slug)
    clock = viewer_clock(event)
    tracks = subforum_titles(db.session, event)
    part = choose_part(
        event.start_date, event.end_date, count_sessions(db.session, event), tracks,
        asked_day=request.args.get("day"), asked_track=request.args.get("track"),
        today=datetime.now(get_zone(event.timezone)).date(), plenary=PLENARY)
    notices = []
    if "day" in part.refused:
        notices.append(_("“%(asked)s” is not a day of this event.", asked=part.refused["day"]))
    if "track" in part.refused:
        notices.append(_("“%(asked)s” is not a track of this event.",
                         asked=part.refused["track"]))
    # The programme itself is kept by its version, for each language, zone and part.
    track = part.track.code if isinstance(part.track, SubForum) else part.track
    key = (f"agenda|{event.id}|{event_version(event)}|{current_language()}|{clock.zone_name}"
           f"|{part.day}|{track}")
    shown = cache.get(key)
    if shown is None:
        sessions = programme(db.session, event, day=part.day, track=part.track)
        shown = render_template(
            "agenda/_programme.html", event=event, clock=clock, part=part,
            days=agenda_days(sessions, clock.zone), side_by_side=SIDE_BY_SIDE,
            hidden=hidden_speaker_ids(db.session, event))
        cache.set(key, shown)
    return render_template("agenda/agenda.html", event=event, clock=clock, part=part,
                           tracks=tracks, plenary=PLENARY, notices=notices,
                           programme_html=Markup(shown))


@bp.route("/events/<slug:slug>/sessions/<id:session_id>")
def session_page(slug: str, session_id: int):
    event = get_event(db.session, slug)
    session = get_session(db.session, event, session_id)
    clock = viewer_clock(event)
    return render_template("agenda/session.html", event=event, session=session, clock=clock,
                           hidden=hidden_speaker_ids(db.session, event))
