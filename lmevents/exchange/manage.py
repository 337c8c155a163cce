"""Organizers' back office of the exchange: topics and presentations (add, edit, delete,
reorder) and hiding participants' needs."""

from __future__ import annotations

from flask import flash, redirect, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select
from wtforms import IntegerField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, NumberRange, Optional

from lmevents.auth.access import organizer_required
from lmevents.auth.models import User
from lmevents.auth.services import normalize_email
from lmevents.core.forms import ManageForm, commit_or_refuse, optional_int, render_form
from lmevents.core.viewer import ZonedClock, current_language, viewer_zone_name
from lmevents.events.models import Event
from lmevents.events.services import get_event
from lmevents.exchange.blueprint import bp
from lmevents.exchange.content import (
    ENTERPRISE_LENGTH,
    MAX_POSITION,
    TITLE_LENGTH,
    PresentationInput,
    TopicInput,
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
from lmevents.exchange.models import ExchangeTopic, Presentation
from lmevents.exchange.needs import event_needs, get_need, hide_need, restore_need
from lmevents.extensions import db
from lmevents.registration.forms import country_choices
from lmevents.speakers.forms import speaker_choice
from lmevents.speakers.services import registry

EXCHANGE = "/manage/events/<slug:slug>/exchange"
TOPIC = EXCHANGE + "/topics/<id:topic_id>"
PRESENTATION = EXCHANGE + "/presentations/<id:presentation_id>"
NEED = EXCHANGE + "/needs/<id:need_id>"
POSITION_HELP = _l("Listed by position; leave empty to put it last.")


class TopicForm(ManageForm):
    session_id = SelectField(_l("Exchange session"), coerce=optional_int)
    title_zh = StringField(_l("Title (Chinese)"), validators=[Length(max=TITLE_LENGTH)])
    title_en = StringField(_l("Title (English)"), validators=[Length(max=TITLE_LENGTH)])
    description_zh = TextAreaField(_l("Description (Chinese)"))
    description_en = TextAreaField(_l("Description (English)"))
    position = IntegerField(_l("Position"), description=POSITION_HELP,
                            validators=[Optional(), NumberRange(min=0, max=MAX_POSITION)])

    def __init__(self, *args, sessions, lang: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.session_id.choices = [SelectChoice(s.id, s.text("title", lang)) for s in sessions]

    def to_input(self) -> TopicInput:
        return TopicInput(
            session_id=self.session_id.data, position=self.position.data,
            **{name: self[name].data or None
               for name in ("title_zh", "title_en", "description_zh", "description_en")})

    @staticmethod
    def data_of(topic: ExchangeTopic) -> dict:
        return vars(TopicInput.of(topic))


class PresentationForm(ManageForm):
    topic_id = SelectField(_l("Topic"), coerce=optional_int)
    enterprise_zh = StringField(_l("Enterprise (Chinese)"),
                                validators=[Length(max=ENTERPRISE_LENGTH)])
    enterprise_en = StringField(_l("Enterprise (English)"),
                                validators=[Length(max=ENTERPRISE_LENGTH)])
    title_zh = StringField(_l("Title (Chinese)"), validators=[Length(max=TITLE_LENGTH)])
    title_en = StringField(_l("Title (English)"), validators=[Length(max=TITLE_LENGTH)])
    summary_zh = TextAreaField(_l("Summary (Chinese)"))
    summary_en = TextAreaField(_l("Summary (English)"))
    presenter_id = SelectField(_l("Presenter"), coerce=optional_int,
                               description=_l("From the speaker registry."))
    country = SelectField(_l("Country"))
    contact_email = StringField(
        _l("Contact account (e-mail)"), validators=[Length(max=254)],
        description=_l("The enterprise's account that answers meeting requests: it must be a "
                       "confirmed participant of the event. Never shown publicly."))
    position = IntegerField(_l("Position"), description=POSITION_HELP,
                            validators=[Optional(), NumberRange(min=0, max=MAX_POSITION)])

    def __init__(self, *args, topics, speakers, lang: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.topic_id.choices = [SelectChoice(t.id, t.text("title", lang)) for t in topics]
        self.presenter_id.choices = [SelectChoice("", _("— none —"))] + [
            speaker_choice(s, lang) for s in speakers]
        self.country.choices = country_choices(lang)

    def to_input(self, contact_user_id: int | None) -> PresentationInput:
        return PresentationInput(
            topic_id=self.topic_id.data, presenter_id=self.presenter_id.data,
            country=self.country.data or None, contact_user_id=contact_user_id,
            position=self.position.data,
            **{name: self[name].data or None
               for name in ("enterprise_zh", "enterprise_en", "title_zh", "title_en",
                            "summary_zh", "summary_en")})

    @staticmethod
    def data_of(presentation: Presentation) -> dict:
        data = vars(PresentationInput.of(presentation))
        data["contact_email"] = (presentation.contact_user.email
                                 if presentation.contact_user else "")
        return data


class MoveForm(ManageForm):
    """Moves a topic or a presentation one place up or down."""

    direction = SelectField(choices=[SelectChoice("up", _l("Up")),
                                     SelectChoice("down", _l("Down"))])


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
        clock=ZonedClock(viewer_zone_name(event.timezone)), refusal=refusal)
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
