"""Organizers see who joined each session, beside who held a seat and who registered, by
country and by a registration question's answers, and take it away as CSV."""

from __future__ import annotations

from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from lmevents.agenda.interpretation import language_name
from lmevents.agenda.rooms import event_rooms
from lmevents.core.text import current_language
from lmevents.events.services import get_event
from lmevents.extensions import db
from lmevents.live.attendance import NO_ANSWER, attendance, choice_questions, joins
from lmevents.live.blueprint import bp
from lmevents.live.export import AttendanceCsv
from lmevents.live.forms import LateForm
from lmevents.live.late import check_late, place_of, recent_delays, run_late
from lmevents.registration.phrases import place_name
from lmevents.subforums.services import subforum_titles
from lmevents.web.access import organizer_required
from lmevents.web.forms import commit_or_refuse, render_form, validate_with
from lmevents.web.places import country_name
from lmevents.web.viewer import viewer_clock

ATTENDANCE = "/manage/events/<slug:slug>/attendance"


@bp.route("/manage/events/<slug:slug>/running-late", methods=["GET", "POST"])
@organizer_required
def manage_running_late(slug: str):
    """A room or a sub-forum running late: the rest of its day moves in one action."""
    event = get_event(db.session, slug, published_only=False)
    form = LateForm()
    rooms = event_rooms(db.session, event)
    subforums = subforum_titles(db.session, event)
    lang = current_language()
    form.place.choices = (
        [SelectChoice(f"room-{r.id}", r.text("name", lang) or str(r.id),
                      optgroup=_("Virtual rooms")) for r in rooms]
        + [SelectChoice(f"subforum-{f.id}", place_name(f), optgroup=_("Sub-forums"))
           for f in subforums])
    if validate_with(form, lambda: check_late(form.minutes.data, **form.target()),
                     LateForm.REFUSAL_FIELDS):
        outcome = commit_or_refuse(lambda: run_late(
            db.session, event, form.minutes.data, by=current_user._get_current_object(),
            **form.target()), form, LateForm.REFUSAL_FIELDS)
        if outcome.ok:
            late = outcome.value
            flash(ngettext("%(place)s: %(num)d session moved %(minutes)d minutes later; "
                           "%(told)d participants told.",
                           "%(place)s: %(num)d sessions moved %(minutes)d minutes later; "
                           "%(told)d participants told.", len(late.moved),
                           place=place_of(late.record, lang), minutes=late.record.minutes,
                           told=late.told), "success")
            return redirect(url_for(".manage_running_late", slug=event.slug))
    clock = viewer_clock(event)
    return render_form("live/manage/running_late.html", form, event=event, clock=clock,
                       delays=recent_delays(db.session, event), place_of=place_of, lang=lang)


def _question(event):
    """The choice question asked for (`?question=<id>`), else the form's first one."""
    questions = choice_questions(db.session, event)
    asked = request.args.get("question", type=int)
    chosen = next((q for q in questions if q.id == asked), questions[0] if questions else None)
    return questions, chosen


@bp.route(ATTENDANCE)
@organizer_required
def manage_attendance(slug: str):
    event = get_event(db.session, slug, published_only=False)
    questions, question = _question(event)
    lang = current_language()

    def answer_label(value: str) -> str:
        if value == NO_ANSWER or question is None:
            return ""
        try:
            return question.option_text(int(value), lang)
        except (IndexError, ValueError):
            return value

    return render_template(
        "live/manage/attendance.html", event=event, rows=attendance(db.session, event, question),
        questions=questions, question=question, clock=viewer_clock(event),
        country_label=lambda code: country_name(code) if code else "",
        answer_label=answer_label, lang=lang, spoken_name=language_name)


@bp.route(ATTENDANCE + ".csv")
@organizer_required
def manage_attendance_csv(slug: str):
    event = get_event(db.session, slug, published_only=False)
    _, question = _question(event)
    export = AttendanceCsv(event, joins(db.session, event), current_language(), question)
    return Response(export.render(), content_type=export.content_type, headers={
        "Content-Disposition": f'attachment; filename="{export.name}"'})
