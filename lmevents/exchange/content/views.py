"""The exchange page (/events/<slug>/exchange): topics, the enterprises' presentations, the
needs a viewer may see, the participants' form to post a need, and for organizers the
matchmaking overview."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from lmevents.auth.models import User
from lmevents.core.text import current_language
from lmevents.errors import NotFound
from lmevents.events.models import Event
from lmevents.events.services import get_event
from lmevents.events.team import organizes
from lmevents.exchange.blueprint import bp
from lmevents.exchange.content.forms import VISIBILITY_LABELS, NeedForm
from lmevents.exchange.content.needs import (
    SeenNeed,
    get_need,
    post_need,
    visible_needs,
    withdraw_need,
)
from lmevents.exchange.content.services import ExchangeOverview, exchange_overview, get_topic
from lmevents.exchange.meetings.matchmaking import matchmaking_overview
from lmevents.exchange.models import Presentation
from lmevents.extensions import db
from lmevents.registration.models import Registration
from lmevents.registration.registrations import find_registration, standing
from lmevents.web.forms import commit_or_refuse
from lmevents.web.viewer import signed_in_user, viewer_clock


def presentation_url(event: Event, presentation: Presentation, **kwargs) -> str:
    """The page of one presentation, with its questions."""
    return url_for("exchange.presentation_page", slug=event.slug,
                   presentation_id=presentation.id, **kwargs)




def _poster_state(event: Event) -> str:
    """What the viewer may do about posting: anonymous, unregistered, pending or confirmed."""
    viewer = signed_in_user()
    if viewer is None:
        return "anonymous"
    return standing(_viewer_registration(event, viewer))


def _viewer_registration(event: Event, viewer: User) -> Registration | None:
    """The viewer's registration for the event, read once per request."""
    key = f"lmevents.registration.{event.id}"
    if key not in request.environ:
        request.environ[key] = find_registration(db.session, event, viewer)
    return request.environ[key]


def _matchmaking(event: Event):
    """The organizers' matchmaking overview."""
    return matchmaking_overview(db.session, event)


def _needs_by_topic(needs: list[SeenNeed]) -> dict[int, list[SeenNeed]]:
    grouped: dict[int, list[SeenNeed]] = {}
    for need in needs:
        grouped.setdefault(need.topic_id, []).append(need)
    return grouped


def _page(event: Event, exchange: ExchangeOverview, form: NeedForm | None, status: int = 200):
    viewer = signed_in_user()
    poster_state = _poster_state(event)
    organizer = organizes(db.session, viewer, event)
    return render_template(
        "exchange/exchange.html", event=event, exchange=exchange,
        needs=_needs_by_topic(visible_needs(db.session, event, viewer)),
        form=form if exchange.topics else None,
        poster_state=poster_state, clock=viewer_clock(event),
        presentation_url=presentation_url, visibility_labels=VISIBILITY_LABELS,
        is_organizer=organizer, overview=_matchmaking(event) if organizer else None,
    ), status


def _home_country(event: Event) -> str | None:
    """The country a participant's needs are most likely in: the one they registered from,
    else their account's."""
    viewer = signed_in_user()
    if viewer is None:
        return None
    registration = _viewer_registration(event, viewer)
    return (registration.country if registration else None) or viewer.country


def _form(exchange: ExchangeOverview, **kwargs) -> NeedForm:
    return NeedForm(topics=exchange.topics, lang=current_language(), **kwargs)


@bp.route("/events/<slug:slug>/exchange")
def exchange_page(slug: str):
    event = get_event(db.session, slug)
    exchange = exchange_overview(db.session, event)
    defaults = {"country": _home_country(event)}
    if topic := request.args.get("topic", type=int):
        defaults["topic_id"] = topic
    return _page(event, exchange, _form(exchange, data=defaults))


@bp.route("/events/<slug:slug>/exchange/needs", methods=["POST"])
def exchange_post_need(slug: str):
    event = get_event(db.session, slug)
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login", next=url_for(".exchange_page", slug=event.slug)))
    exchange = exchange_overview(db.session, event)
    form = _form(exchange)
    if form.validate_on_submit():
        try:
            topic = get_topic(db.session, event, form.topic_id.data)
        except NotFound as error:
            form.topic_id.errors = [error.message]
        else:
            outcome = commit_or_refuse(lambda: post_need(
                db.session, event, topic, signed_in_user(), form.to_input()), form)
            if outcome.ok:
                flash(_("Your need is posted."), "success")
                return redirect(url_for(".exchange_page", slug=event.slug,
                                        _anchor=f"need-{outcome.value.id}"))
            if outcome.error.status == 403:
                return _page(event, exchange, form, 403)
    return _page(event, exchange, form, 422)


@bp.route("/events/<slug:slug>/exchange/needs/<id:need_id>/withdraw", methods=["POST"])
def exchange_withdraw_need(slug: str, need_id: int):
    event = get_event(db.session, slug)
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login", next=url_for(".exchange_page", slug=event.slug)))
    # CSRFProtect has checked the form's token before this runs.
    withdraw_need(db.session, get_need(db.session, event, need_id), signed_in_user())
    db.session.commit()
    flash(_("The need is withdrawn."), "success")
    return redirect(url_for(".exchange_page", slug=event.slug))
