"""Organizers' back office for registrations: the list with approve and reject, each
sub-forum's roster, the CSV export, and the questions of the registration form."""

from __future__ import annotations

from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from lmevents.core.models import MAX_ID
from lmevents.core.text import current_language
from lmevents.core.timezones import is_valid_zone
from lmevents.errors import Invalid, NotFound
from lmevents.events.models import Event
from lmevents.events.services import get_event
from lmevents.extensions import db
from lmevents.registration.blueprint import bp
from lmevents.registration.export import RegistrationsCsv, registration_sheet
from lmevents.registration.forms import (
    KIND_LABELS,
    STATUS_LABELS,
    DecisionForm,
    MoveForm,
    QuestionForm,
)
from lmevents.registration.models import RegistrationStatus
from lmevents.registration.questions import (
    create_question,
    delete_question,
    event_questions,
    get_question,
    move_question,
    update_question,
)
from lmevents.registration.registrations import (
    approve_registration,
    count_registrations,
    event_registrations,
    get_registration,
    reject_registration,
    status_counts,
)
from lmevents.registration.seats import seat_counts, seats_left
from lmevents.subforums.models import SubForum
from lmevents.subforums.services import subforum_titles
from lmevents.web.access import organizer_required
from lmevents.web.forms import commit_or_refuse, render_form
from lmevents.web.viewer import ZonedClock

EVENT = "/manage/events/<slug:slug>"
REGISTRATION = EVENT + "/registrations/<id:registration_id>"
QUESTIONS = EVENT + "/registration-questions"
QUESTION = QUESTIONS + "/<id:question_id>"


def _event(slug: str) -> Event:
    return get_event(db.session, slug, published_only=False)


def _actor():
    """The signed-in organizer, recorded as the one who decided."""
    return current_user._get_current_object()


def _filters() -> dict:
    """The list's filters from the query string (`status`, `subforum`), as URL arguments."""
    found = {"status": request.args.get("status") or None,
             "subforum": request.args.get("subforum", type=int)}
    if found["subforum"] is not None and not 1 <= found["subforum"] <= MAX_ID:
        raise Invalid(_l("No such sub-forum in this event."), field="subforum")
    return {name: value for name, value in found.items() if value is not None}


def _clock(event: Event) -> ZonedClock:
    """Times in the event's zone unless the page is asked for another (`?tz=`)."""
    asked = request.args.get("tz")
    return ZonedClock(asked if is_valid_zone(asked) else event.timezone)


# The registrations

# Rows per page of the list: a constant number of queries and a page that loads at once,
# however many thousands registered. The CSV export has them all.
PER_PAGE = 100


@bp.route(EVENT + "/registrations")
@organizer_required
def manage_registrations(slug: str):
    event = _event(slug)
    filters = _filters()
    total = count_registrations(db.session, event, status=filters.get("status"),
                                subforum_id=filters.get("subforum"))
    pages = max(-(-total // PER_PAGE), 1)
    page = min(max(request.args.get("page", 1, type=int), 1), pages)
    sheet = registration_sheet(db.session, event, status=filters.get("status"),
                               subforum_id=filters.get("subforum"),
                               limit=PER_PAGE, offset=(page - 1) * PER_PAGE)
    counts = seat_counts(db.session, event)
    subforums = [
        (subforum, counts.get(("subforum", subforum.id), {"held": 0, "waiting": 0}),
         seats_left(subforum, counts))
        for subforum in subforum_titles(db.session, event)
    ]
    return render_template(
        "registration/manage/registrations.html", event=event, sheet=sheet, filters=filters,
        statuses=status_counts(db.session, event), status_labels=STATUS_LABELS,
        subforums=subforums, clock=_clock(event), lang=current_language(),
        page=page, pages=pages, total=total, first=(page - 1) * PER_PAGE + 1,
    )


@bp.route(EVENT + "/registrations.csv")
@organizer_required
def manage_registrations_csv(slug: str):
    event = _event(slug)
    filters = _filters()
    sheet = registration_sheet(db.session, event, status=filters.get("status"),
                               subforum_id=filters.get("subforum"))
    export = RegistrationsCsv(sheet, current_language(), status=filters.get("status"))
    return Response(export.render(), content_type=export.content_type, headers={
        "Content-Disposition": f'attachment; filename="{export.name}"',
    })


def _decide(slug: str, registration_id: int, decide, done: str):
    """Run one decision from the list's buttons, then go back to the list as it was."""
    event = _event(slug)
    registration = get_registration(db.session, event, registration_id)
    form = DecisionForm()
    if form.validate_on_submit():
        outcome = commit_or_refuse(lambda: decide(registration, form))
        if outcome.ok:
            flash(done % {"name": registration.name}, "success")
        else:
            flash(outcome.error.message, "error")
    else:
        for errors in form.errors.values():
            for error in errors:
                flash(error, "error")
    return redirect(url_for(".manage_registrations", slug=event.slug,
                            _anchor=f"registration-{registration.id}",
                            page=request.args.get("page", type=int), **_filters()))


@bp.route(REGISTRATION + "/approve", methods=["POST"])
@organizer_required
def manage_approve_registration(slug: str, registration_id: int):
    return _decide(
        slug, registration_id,
        lambda registration, form: approve_registration(db.session, registration, _actor()),
        _("The registration of %(name)s is confirmed."),
    )


@bp.route(REGISTRATION + "/reject", methods=["POST"])
@organizer_required
def manage_reject_registration(slug: str, registration_id: int):
    return _decide(
        slug, registration_id,
        lambda registration, form: reject_registration(db.session, registration, _actor(),
                                                       note=form.note.data or None),
        _("The registration of %(name)s is rejected."),
    )


@bp.route(EVENT + "/subforums/<id:subforum_id>/registrations")
@organizer_required
def manage_subforum_registrations(slug: str, subforum_id: int):
    event = _event(slug)
    subforum = db.session.get(SubForum, subforum_id)
    if subforum is None or subforum.event_id != event.id:
        raise NotFound(_l("No sub-forum %(id)s in this event.", id=subforum_id))
    sheet = registration_sheet(db.session, event, subforum_id=subforum.id)
    held, waiting = sheet.roster(subforum.id)
    asking = [r for r in event_registrations(db.session, event,
                                             status=RegistrationStatus.PENDING)
              if r.preferred_subforum_id == subforum.id]
    return render_template(
        "registration/manage/roster.html", event=event, subforum=subforum, held=held,
        waiting=waiting, asking=asking, left=seats_left(subforum, seat_counts(db.session, event)),
        clock=_clock(event),
    )


# The questions of the registration form


def _questions_page(event: Event, form: QuestionForm):
    return render_form("registration/manage/questions.html", form, event=event,
                       questions=event_questions(db.session, event), kind_labels=KIND_LABELS)


@bp.route(QUESTIONS, methods=["GET", "POST"])
@organizer_required
def manage_questions(slug: str):
    event = _event(slug)
    questions = event_questions(db.session, event)
    # A new question goes last unless the organizer says otherwise.
    last = max((q.position for q in questions), default=-1) + 1
    form = QuestionForm(data={"position": last})
    if form.validate_on_submit():
        data = form.to_input()
        if form.position.data is None:
            data.position = last
        outcome = commit_or_refuse(lambda: create_question(db.session, event, data), form)
        if outcome.ok:
            flash(_("Question added to the registration form."), "success")
            return redirect(url_for(".manage_questions", slug=event.slug))
    return _questions_page(event, form)


@bp.route(QUESTION + "/edit", methods=["GET", "POST"])
@organizer_required
def manage_edit_question(slug: str, question_id: int):
    event = _event(slug)
    question = get_question(db.session, event, question_id)
    form = QuestionForm(data=QuestionForm.data_of(question))
    if form.validate_on_submit():
        data = form.to_input()
        if form.position.data is None:
            data.position = question.position
        outcome = commit_or_refuse(lambda: update_question(db.session, question, data), form)
        if outcome.ok:
            flash(_("Question saved."), "success")
            return redirect(url_for(".manage_questions", slug=event.slug))
    return render_form("registration/manage/question_form.html", form, event=event,
                       question=question)


@bp.route(QUESTION + "/delete", methods=["POST"])
@organizer_required
def manage_delete_question(slug: str, question_id: int):
    event = _event(slug)
    question = get_question(db.session, event, question_id)
    delete_question(db.session, question)
    db.session.commit()
    flash(_("Question deleted. Answers already given to it are no longer shown."), "success")
    return redirect(url_for(".manage_questions", slug=event.slug))


@bp.route(QUESTION + "/move", methods=["POST"])
@organizer_required
def manage_move_question(slug: str, question_id: int):
    event = _event(slug)
    question = get_question(db.session, event, question_id)
    form = MoveForm()
    if form.validate_on_submit():
        move_question(db.session, question, form.direction.data)
        db.session.commit()
    return redirect(url_for(".manage_questions", slug=event.slug,
                            _anchor=f"question-{question.id}"))
