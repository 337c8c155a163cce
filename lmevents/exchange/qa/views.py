"""A presentation's page: the enterprise's presentation, its questions by votes, the form to
ask one, vote buttons for participants and the moderation buttons."""

from __future__ import annotations

from collections.abc import Callable

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _

from lmevents.auth.models import User
from lmevents.events.models import Event
from lmevents.events.services import get_event
from lmevents.exchange.blueprint import bp
from lmevents.exchange.content.services import get_presentation
from lmevents.exchange.models import Presentation, Question
from lmevents.exchange.qa.forms import AskForm
from lmevents.exchange.qa.services import (
    MAX_QUESTION,
    ask_question,
    closed_reason,
    get_question,
    hide_question,
    mark_answered,
    may_moderate,
    questions_for,
    unhide_question,
    unvote,
    vote,
)
from lmevents.extensions import db
from lmevents.registration.registrations import find_registration, standing
from lmevents.speakers.queries import hidden_speaker_ids
from lmevents.web.forms import commit_or_refuse
from lmevents.web.viewer import signed_in_user, viewer_clock


def _standing(event: Event, viewer: User | None) -> str:
    """anonymous, unregistered (or cancelled, rejected), pending, or confirmed."""
    if viewer is None:
        return "anonymous"
    return standing(find_registration(db.session, event, viewer))


def _page_url(event: Event, presentation_id: int, **anchor) -> str:
    return url_for(".presentation_page", slug=event.slug, presentation_id=presentation_id,
                   **anchor)


def _render(event: Event, presentation: Presentation, form: AskForm, status: int = 200):
    viewer = signed_in_user()
    clock = viewer_clock(event)
    hidden = hidden_speaker_ids(db.session, event)
    presenter = presentation.presenter
    if presenter is not None and presenter.id in hidden:
        presenter = None
    exchange_url = url_for("exchange.exchange_page", slug=event.slug)
    page = render_template(
        "exchange/presentation.html", event=event, presentation=presentation,
        topic=presentation.topic, session=presentation.topic.session, presenter=presenter,
        clock=clock, form=form, max_question=MAX_QUESTION,
        lines=questions_for(db.session, presentation, viewer),
        moderator=may_moderate(db.session, presentation, viewer),
        standing=_standing(event, viewer), closed=closed_reason(presentation),
        exchange_url=exchange_url,
        meeting_url=url_for("exchange.new_meeting", slug=event.slug,
                            presentation=presentation.id),
        is_contact=viewer is not None and presentation.contact_user_id == viewer.id,
    )
    return page, status


@bp.route("/events/<slug:slug>/exchange/presentations/<id:presentation_id>")
def presentation_page(slug: str, presentation_id: int):
    event = get_event(db.session, slug)
    presentation = get_presentation(db.session, event, presentation_id)
    return _render(event, presentation, AskForm(formdata=None))


@bp.route("/events/<slug:slug>/exchange/presentations/<id:presentation_id>/questions",
          methods=["POST"])
def ask_presentation_question(slug: str, presentation_id: int):
    event = get_event(db.session, slug)
    presentation = get_presentation(db.session, event, presentation_id)
    viewer = signed_in_user()
    if viewer is None:
        return redirect(url_for("auth.login", next=_page_url(event, presentation.id)))
    form = AskForm()
    status = 422
    if form.validate_on_submit():
        outcome = commit_or_refuse(
            lambda: ask_question(db.session, presentation, viewer, form.text.data), form)
        if outcome.ok:
            flash(_("Your question is posted."), "success")
            return redirect(_page_url(event, presentation.id,
                                      _anchor=f"question-{outcome.value.id}"), 303)
        status = outcome.error.status
    return _render(event, presentation, form, status)


def _act_on_question(slug: str, question_id: int, act: Callable[[Question, User], object],
                     done: str):
    """Run a button's action on a question and go back to its presentation's page.

    Refusals a participant can meet by using the page (the session ended, one's own question)
    are flashed there; the others answer with their error page (403, 404)."""
    event = get_event(db.session, slug)
    viewer = signed_in_user()
    question = get_question(db.session, event, question_id, viewer)
    back = _page_url(event, question.presentation_id)
    if viewer is None:
        return redirect(url_for("auth.login", next=back))
    outcome = commit_or_refuse(lambda: act(question, viewer))
    if not outcome.ok:
        if outcome.error.status in (403, 404):
            raise outcome.error
        flash(outcome.error.message, "error")
    else:
        flash(done, "success")
    return redirect(_page_url(event, question.presentation_id, _anchor=f"question-{question_id}"),
                    303)


QUESTION = "/events/<slug:slug>/exchange/questions/<id:question_id>"


@bp.route(QUESTION + "/vote", methods=["POST"])
def vote_question(slug: str, question_id: int):
    return _act_on_question(slug, question_id, lambda q, u: vote(db.session, q, u),
                            _("Your vote is counted."))


@bp.route(QUESTION + "/unvote", methods=["POST"])
def unvote_question(slug: str, question_id: int):
    return _act_on_question(slug, question_id, lambda q, u: unvote(db.session, q, u),
                            _("Your vote is taken back."))


@bp.route(QUESTION + "/answered", methods=["POST"])
def answer_question(slug: str, question_id: int):
    return _act_on_question(slug, question_id, lambda q, u: mark_answered(db.session, q, u),
                            _("The question is marked answered."))


@bp.route(QUESTION + "/hide", methods=["POST"])
def hide_exchange_question(slug: str, question_id: int):
    return _act_on_question(slug, question_id, lambda q, u: hide_question(db.session, q, u),
                            _("The question is hidden: only moderators see it."))


@bp.route(QUESTION + "/unhide", methods=["POST"])
def unhide_exchange_question(slug: str, question_id: int):
    return _act_on_question(slug, question_id, lambda q, u: unhide_question(db.session, q, u),
                            _("The question is shown again."))
