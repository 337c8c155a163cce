"""Joining a session's room through lmevents: the check, the first join recorded, then the
room. Nobody without the right sees the room's link; each is told why, and what to do."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import format_timedelta
from flask_babel import gettext as _
from flask_login import current_user, login_required
from flask_wtf import FlaskForm

from lmevents.agenda.services import get_session
from lmevents.core.models import utcnow
from lmevents.core.text import current_language
from lmevents.events.services import get_event
from lmevents.extensions import db
from lmevents.live.blueprint import bp
from lmevents.live.join import JoinedVia, JoinRefused, Refusal, join, person_of_key
from lmevents.live.late import delays_now, place_of
from lmevents.live.now import joinable, listening_language, live_state, opens_at, rooms_for
from lmevents.live.reminders import set_reminders
from lmevents.registration.registrations import find_registration
from lmevents.registration.seats import needs_seat
from lmevents.web.viewer import signed_in_user, viewer_clock, viewer_zone_name

JOIN = "/events/<slug:slug>/sessions/<id:session_id>/join"


@bp.route("/events/<slug:slug>/live")
def live_page(slug: str):
    """Now and next in the viewer's zone and language, with a countdown and, for those who
    may join, a Join button that opens with the room. The page script polls the live API
    (304 while nothing changed) and swaps in this page's `#live` part when something did;
    without script the page refreshes itself every minute."""
    event = get_event(db.session, slug)
    now = utcnow()
    state = live_state(db.session, event, now)
    viewer = signed_in_user()
    return render_template(
        "live/live.html", event=event, state=state, now=now, clock=viewer_clock(event),
        may_join=rooms_for(db.session, event, viewer, state.on_now + state.up_next),
        viewer=viewer, joinable=joinable, opens_at=opens_at,
        delays=delays_now(db.session, event, now), place_of=place_of,
        listens=listening_language(db.session, event, viewer),
        until=lambda moment: format_timedelta(moment - now, add_direction=True,
                                              threshold=1.1))


@bp.route("/events/<slug:slug>/reminders", methods=["POST"])
@login_required
def my_reminders(slug: str):
    """The participant switches their reminders for this event on or off."""
    event = get_event(db.session, slug)
    registration = find_registration(db.session, event, current_user._get_current_object())
    if registration is None or not registration.is_active:
        abort(404, description=_("You have no registration for this event."))
    form = FlaskForm()
    if form.validate_on_submit():
        on = request.form.get("on") == "1"
        set_reminders(db.session, registration, on)
        db.session.commit()
        flash(_("Reminders are on for %(event)s.", event=event.text("title", current_language()))
              if on else _("Reminders are off for %(event)s.",
                           event=event.text("title", current_language())), "success")
    return redirect(url_for("registration.my_agenda", _anchor=f"registration-{registration.id}"))


@bp.route(JOIN)
def join_session(slug: str, session_id: int):
    event = get_event(db.session, slug)
    session = get_session(db.session, event, session_id)
    key = request.args.get("key")
    try:
        if key:
            person, via = person_of_key(db.session, current_app.secret_key, key, session), \
                JoinedVia.LINK
            zone = person.timezone or event.timezone
        else:
            person, via = signed_in_user(), JoinedVia.PAGE
            zone = viewer_zone_name(event.timezone, event=event)
        joined = join(db.session, session, person, zone=zone, via=via)
    except JoinRefused as refused:
        db.session.rollback()
        response = current_app.make_response((render_template(
            "live/join_refused.html", event=event, session=session, refused=refused,
            Refusal=Refusal, seat_target=_seat_place(session)), refused.status))
        response.headers["Cache-Control"] = "no-store"
        return response
    db.session.commit()
    response = redirect(joined.url, 303)
    # The room's link is this person's answer: never kept by a cache, never sent on.
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def _seat_place(session) -> str | None:
    """Where a seat for the session is taken: the sub-forum's page or the session's."""
    if not needs_seat(session):
        return None
    if session.subforum_id is not None:
        return url_for("subforums.subforum_page", slug=session.event.slug,
                       subforum_id=session.subforum_id)
    return url_for("agenda.session_page", slug=session.event.slug, session_id=session.id)
