"""Participants' meeting pages: ask a presenting enterprise or a need's author to meet, and
/me/meetings to answer (accept a time, decline, propose another) and follow up."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from sqlalchemy import select

from lmevents.auth.models import User
from lmevents.core.models import utcnow
from lmevents.core.text import current_language
from lmevents.core.timezones import is_valid_zone
from lmevents.errors import DomainError, NotFound
from lmevents.events.models import Event
from lmevents.events.services import get_event
from lmevents.exchange.blueprint import bp
from lmevents.exchange.meetings.forms import MeetingRequestForm, ProposeForm
from lmevents.exchange.meetings.services import (
    accept,
    cancel,
    decline,
    find_my_meeting,
    meeting_need,
    meeting_presentation,
    meeting_proposal,
    meeting_recipient,
    meeting_window,
    propose_times,
    request_meeting,
    user_meetings,
)
from lmevents.exchange.models import MeetingProposal, MeetingRequest, MeetingStatus, Need
from lmevents.exchange.participation import require_participant
from lmevents.extensions import db
from lmevents.registration.models import Registration
from lmevents.web.forms import commit_or_refuse
from lmevents.web.viewer import ZonedClock, viewer_zone_name

STATUS_LABELS = {
    MeetingStatus.PROPOSED: _l("awaiting an answer"),
    MeetingStatus.ACCEPTED: _l("accepted"),
    MeetingStatus.DECLINED: _l("declined"),
    MeetingStatus.CANCELLED: _l("cancelled"),
}


@bp.app_template_global()
def meeting_status_label(status: str) -> str:
    return str(STATUS_LABELS[MeetingStatus(status)])


# Asking to meet.

def _subject(event: Event):
    """The presentation or need named by `?presentation=` or `?need=`."""
    presentation_id = request.args.get("presentation", type=int)
    need_id = request.args.get("need", type=int)
    if presentation_id is not None and need_id is None:
        return meeting_presentation(db.session, event, presentation_id), None
    if need_id is not None and presentation_id is None:
        return None, meeting_need(db.session, event, need_id)
    raise NotFound(_l("Choose a presentation or a need to follow up."))


def _registration_zone(user: User, fallback: str) -> str:
    zone = db.session.scalar(select(Registration.timezone).where(
        Registration.user_id == user.id).order_by(Registration.created_at.desc()).limit(1))
    return zone if is_valid_zone(zone) else fallback


@bp.route("/events/<slug:slug>/exchange/meetings/new", methods=["GET", "POST"])
@login_required
def new_meeting(slug: str):
    event = get_event(db.session, slug)
    if "presentation" not in request.args and "need" not in request.args:
        # Opened without saying with whom: the exchange page is where one chooses.
        flash(_("To request a meeting, choose a presentation or a need below and follow its "
                "“Request a 1:1 meeting” link."), "info")
        return redirect(url_for("exchange.exchange_page", slug=event.slug))
    user = current_user._get_current_object()
    registration = require_participant(db.session, event, user, _l(
        "Only the event's confirmed participants may request meetings: register first (or "
        "wait for the organizers' approval)."))
    presentation, need = _subject(event)
    zone_name = viewer_zone_name(registration.timezone or event.timezone)
    form = MeetingRequestForm(zone=zone_name)
    clock = ZonedClock(form.zone_name(zone_name))
    context = {"event": event, "presentation": presentation, "need": need, "clock": clock,
               "window": meeting_window(event, db.session), "refusal": None}
    try:
        meeting_recipient(db.session, event, user, presentation=presentation, need=need)
    except DomainError as error:
        context["refusal"] = error.message
        return render_template("exchange/meetings/new.html", form=form, **context), error.status
    status = 200
    if form.validate_on_submit():
        spans = form.spans(zone_name)
        if spans is not None:
            outcome = commit_or_refuse(lambda: request_meeting(
                db.session, event, user, presentation=presentation, need=need,
                times=[span for _, span in spans], message=form.message.data or ""))
            if outcome.ok:
                flash(_("Your request is sent: you will be told by e-mail when it is "
                        "answered."), "success")
                return redirect(url_for(".my_meetings", _anchor=f"meeting-{outcome.value.id}"))
            form.show_refusal(outcome.error, [number for number, _ in spans])
            status = outcome.error.status
    if status == 200 and form.errors:
        status = 422
    return render_template("exchange/meetings/new.html", form=form, **context), status


# The user's meetings.

@dataclass
class MeetingCard:
    """One meeting as its viewer's page shows it."""

    meeting: MeetingRequest
    side: str
    other: User
    subject: str
    # Times the viewer may accept: proposed by the other side, while open.
    acceptable: list[MeetingProposal]
    your_turn: bool

    @property
    def is_open(self) -> bool:
        return self.meeting.is_open

    @property
    def need(self) -> Need | None:
        return self.meeting.need


def _card(meeting: MeetingRequest, user: User, lang: str) -> MeetingCard:
    return MeetingCard(meeting, meeting.side_of(user), meeting.other_side(user),
                       meeting.subject_text(lang), meeting.acceptable_for(user),
                       meeting.awaits_answer_from(user))


def _meetings_page(status: int = 200, refusal: tuple[int, str] | None = None,
                   failed_form: tuple[int, ProposeForm] | None = None):
    user = current_user._get_current_object()
    zone_name = viewer_zone_name(_registration_zone(user, "UTC"))
    lang = current_language()
    cards = [_card(m, user, lang) for m in user_meetings(db.session, user)]
    return render_template(
        "exchange/meetings/mine.html", clock=ZonedClock(zone_name),
        incoming=[c for c in cards if c.side == "recipient"],
        outgoing=[c for c in cards if c.side == "requester"],
        refusal=refusal, failed_form=failed_form, propose_form=ProposeForm(zone=zone_name),
    ), status


@bp.route("/me/meetings")
@login_required
def my_meetings():
    return _meetings_page()


def _answer(meeting_id: int, write, done: str):
    """Apply one answer to one of the viewer's meetings; its refusal is shown on the card."""
    outcome = commit_or_refuse(write)
    if not outcome.ok:
        return _meetings_page(outcome.error.status, refusal=(meeting_id, outcome.error.message))
    flash(done, "success")
    return redirect(url_for(".my_meetings", _anchor=f"meeting-{meeting_id}"))


def _my_meeting(meeting_id: int) -> MeetingRequest:
    return find_my_meeting(db.session, meeting_id, current_user._get_current_object())


@bp.route("/me/meetings/<id:meeting_id>/accept", methods=["POST"])
@login_required
def accept_meeting(meeting_id: int):
    meeting = _my_meeting(meeting_id)
    proposal_id = request.form.get("proposal_id", type=int) or 0
    template = current_app.config["MEETING_URL_TEMPLATE"]
    return _answer(meeting_id, lambda: accept(
        db.session, meeting, current_user._get_current_object(),
        meeting_proposal(meeting, proposal_id), join_url_template=template),
        _("Meeting accepted: both of you get an e-mail with the calendar invitation and the "
          "join link."))


@bp.route("/me/meetings/<id:meeting_id>/decline", methods=["POST"])
@login_required
def decline_meeting(meeting_id: int):
    meeting = _my_meeting(meeting_id)
    user = current_user._get_current_object()
    done = (_("Request declined.") if meeting.side_of(user) == "recipient"
            else _("Request withdrawn."))
    return _answer(meeting_id, lambda: decline(db.session, meeting, user), done)


@bp.route("/me/meetings/<id:meeting_id>/cancel", methods=["POST"])
@login_required
def cancel_meeting(meeting_id: int):
    meeting = _my_meeting(meeting_id)
    return _answer(meeting_id, lambda: cancel(db.session, meeting,
                                              current_user._get_current_object()),
                   _("Meeting cancelled: both of you are told, and your calendars drop it."))


@bp.route("/me/meetings/<id:meeting_id>/propose", methods=["POST"])
@login_required
def propose_meeting_times(meeting_id: int):
    meeting = _my_meeting(meeting_id)
    user = current_user._get_current_object()
    form = ProposeForm()
    fallback = viewer_zone_name(_registration_zone(user, "UTC"))
    if form.validate_on_submit():
        spans = form.spans(fallback)
        if spans is not None:
            outcome = commit_or_refuse(lambda: propose_times(
                db.session, meeting, user, [span for _, span in spans]))
            if outcome.ok:
                flash(_("Time proposed: the other side is told by e-mail."), "success")
                return redirect(url_for(".my_meetings", _anchor=f"meeting-{meeting_id}"))
            form.show_refusal(outcome.error, [number for number, _ in spans])
            return _meetings_page(outcome.error.status, failed_form=(meeting_id, form))
    return _meetings_page(422, failed_form=(meeting_id, form))


# What /me/agenda shows of meetings.

@dataclass
class MeetingsDigest:
    upcoming: list[MeetingRequest]
    awaiting_answer: int
    total: int


@bp.app_template_global()
def meetings_digest() -> MeetingsDigest:
    """The signed-in viewer's accepted meetings still to come, and how many requests wait
    for their answer: a fixed number of queries."""
    user = current_user._get_current_object()
    meetings = user_meetings(db.session, user)
    now = utcnow()
    upcoming = sorted((m for m in meetings
                       if m.status == MeetingStatus.ACCEPTED and m.ends_at > now),
                      key=lambda m: (m.starts_at, m.id))
    waiting = sum(1 for m in meetings if m.awaits_answer_from(user))
    return MeetingsDigest(upcoming, waiting, len(meetings))
