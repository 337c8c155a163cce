"""Organizers' back office of the exchange: topics and presentations (add, edit, delete,
reorder) and hiding participants' needs."""

from __future__ import annotations

from flask import flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from lmevents.auth.models import User
from lmevents.auth.services import normalize_email
from lmevents.core.text import current_language
from lmevents.events.models import Event
from lmevents.events.services import get_event
from lmevents.exchange.blueprint import bp
from lmevents.exchange.content.forms import MoveForm, PresentationForm, TopicForm
from lmevents.exchange.content.needs import event_needs, get_need, hide_need, restore_need
from lmevents.exchange.content.services import (
    create_presentation,
    create_topic,
    delete_presentation,
    delete_topic,
    exchange_overview,
    exchange_sessions,
    get_presentation,
    get_topic,
    move_presentation,
    move_topic,
    update_presentation,
    update_topic,
)
from lmevents.extensions import db
from lmevents.speakers.services import registry
from lmevents.web.access import organizer_required
from lmevents.web.forms import commit_or_refuse, render_form
from lmevents.web.viewer import viewer_clock

EXCHANGE = "/manage/events/<slug:slug>/exchange"
TOPIC = EXCHANGE + "/topics/<id:topic_id>"
PRESENTATION = EXCHANGE + "/presentations/<id:presentation_id>"
NEED = EXCHANGE + "/needs/<id:need_id>"


def _event(slug: str) -> Event:
    return get_event(db.session, slug, published_only=False)


def _topic_form(event: Event, **kwargs) -> TopicForm:
    return TopicForm(sessions=exchange_sessions(db.session, event), lang=current_language(),
                     **kwargs)


def _presentation_form(event: Event, **kwargs) -> PresentationForm:
    topics = exchange_overview(db.session, event).topics
    return PresentationForm(topics=topics, speakers=registry(db.session),
                            lang=current_language(), **kwargs)


def _overview_page(event: Event, form: TopicForm, refusal: str | None = None):
    page, status = render_form(
        "exchange/manage/exchange.html", form, event=event,
        exchange=exchange_overview(db.session, event), needs=event_needs(db.session, event),
        clock=viewer_clock(event), refusal=refusal)
    return page, 422 if refusal else status


def _back(event: Event, anchor: str | None = None):
    return redirect(url_for(".manage_exchange", slug=event.slug, _anchor=anchor))


def _contact_user_id(form: PresentationForm) -> tuple[bool, int | None]:
    """The account named by the contact e-mail: (found, id); an unknown address is put on the
    form."""
    email = normalize_email(form.contact_email.data or "")
    if not email:
        return True, None
    user_id = db.session.scalar(select(User.id).where(User.email == email))
    if user_id is None:
        form.contact_email.errors = [*form.contact_email.errors, _(
            "No account has this e-mail address: the enterprise's contact signs up and "
            "registers for the event first.")]
        return False, None
    return True, user_id


# Topics


@bp.route(EXCHANGE, methods=["GET", "POST"])
@organizer_required
def manage_exchange(slug: str):
    event = _event(slug)
    form = _topic_form(event)
    if form.validate_on_submit():
        outcome = commit_or_refuse(lambda: create_topic(db.session, event, form.to_input()),
                                   form)
        if outcome.ok:
            flash(_("Topic added."), "success")
            return _back(event, f"topic-{outcome.value.id}")
    return _overview_page(event, form)


@bp.route(TOPIC + "/edit", methods=["GET", "POST"])
@organizer_required
def manage_edit_exchange_topic(slug: str, topic_id: int):
    event = _event(slug)
    topic = get_topic(db.session, event, topic_id)
    form = _topic_form(event, data=TopicForm.data_of(topic))
    if form.validate_on_submit():
        outcome = commit_or_refuse(lambda: update_topic(db.session, topic, form.to_input()),
                                   form)
        if outcome.ok:
            flash(_("Topic saved."), "success")
            return _back(event, f"topic-{topic.id}")
    return render_form("exchange/manage/topic_form.html", form, event=event, topic=topic)


@bp.route(TOPIC + "/delete", methods=["POST"])
@organizer_required
def manage_delete_exchange_topic(slug: str, topic_id: int):
    event = _event(slug)
    delete_topic(db.session, get_topic(db.session, event, topic_id))
    db.session.commit()
    flash(_("Topic deleted, with its presentations and needs."), "success")
    return _back(event)


@bp.route(TOPIC + "/move", methods=["POST"])
@organizer_required
def manage_move_exchange_topic(slug: str, topic_id: int):
    event = _event(slug)
    topic = get_topic(db.session, event, topic_id)
    form = MoveForm()
    if form.validate_on_submit():
        move_topic(db.session, topic, form.direction.data)
        db.session.commit()
    return _back(event, f"topic-{topic.id}")


# Presentations


@bp.route(TOPIC + "/presentations/new", methods=["GET", "POST"])
@organizer_required
def manage_new_presentation(slug: str, topic_id: int):
    event = _event(slug)
    topic = get_topic(db.session, event, topic_id)
    form = _presentation_form(event, data={"topic_id": topic.id})
    if form.validate_on_submit():
        found, contact = _contact_user_id(form)
        if found:
            outcome = commit_or_refuse(lambda: create_presentation(
                db.session, event, form.to_input(contact)), form,
                {"contact_user_id": "contact_email"})
            if outcome.ok:
                flash(_("Presentation added."), "success")
                return _back(event, f"presentation-{outcome.value.id}")
    return render_form("exchange/manage/presentation_form.html", form, event=event,
                       topic=topic, presentation=None)


@bp.route(PRESENTATION + "/edit", methods=["GET", "POST"])
@organizer_required
def manage_edit_presentation(slug: str, presentation_id: int):
    event = _event(slug)
    presentation = get_presentation(db.session, event, presentation_id)
    form = _presentation_form(event, data=PresentationForm.data_of(presentation))
    if form.validate_on_submit():
        found, contact = _contact_user_id(form)
        if found:
            outcome = commit_or_refuse(lambda: update_presentation(
                db.session, event, presentation, form.to_input(contact)), form,
                {"contact_user_id": "contact_email"})
            if outcome.ok:
                flash(_("Presentation saved."), "success")
                return _back(event, f"presentation-{presentation.id}")
    return render_form("exchange/manage/presentation_form.html", form, event=event,
                       topic=presentation.topic, presentation=presentation)


@bp.route(PRESENTATION + "/delete", methods=["POST"])
@organizer_required
def manage_delete_presentation(slug: str, presentation_id: int):
    event = _event(slug)
    delete_presentation(db.session, get_presentation(db.session, event, presentation_id))
    db.session.commit()
    flash(_("Presentation deleted, with the questions asked on it."), "success")
    return _back(event)


@bp.route(PRESENTATION + "/move", methods=["POST"])
@organizer_required
def manage_move_presentation(slug: str, presentation_id: int):
    event = _event(slug)
    presentation = get_presentation(db.session, event, presentation_id)
    form = MoveForm()
    if form.validate_on_submit():
        move_presentation(db.session, presentation, form.direction.data)
        db.session.commit()
    return _back(event, f"presentation-{presentation.id}")


# Needs


@bp.route(NEED + "/hide", methods=["POST"])
@organizer_required
def manage_hide_need(slug: str, need_id: int):
    event = _event(slug)
    hide_need(db.session, get_need(db.session, event, need_id), current_user)
    db.session.commit()
    flash(_("Need hidden: only organizers see it now."), "success")
    return _back(event, f"need-{need_id}")


@bp.route(NEED + "/restore", methods=["POST"])
@organizer_required
def manage_restore_need(slug: str, need_id: int):
    event = _event(slug)
    restore_need(db.session, get_need(db.session, event, need_id), current_user)
    db.session.commit()
    flash(_("Need shown again."), "success")
    return _back(event, f"need-{need_id}")
