"""Participants' pages: the registration form and their own agenda (seats: seat_views.py)."""

from __future__ import annotations

from dataclasses import dataclass

from flask import flash, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from lmevents.agenda.layout import Day, agenda_days
from lmevents.agenda.personal import personal_programme
from lmevents.calendar.views import personal_feed_urls
from lmevents.core.forms import commit_or_refuse, render_form
from lmevents.core.models import LANGUAGES
from lmevents.core.timezones import is_valid_zone
from lmevents.core.viewer import ZonedClock, current_language, viewer_zone_name
from lmevents.events.models import Event, RegistrationMode
from lmevents.events.services import get_event
from lmevents.extensions import db
from lmevents.registration.blueprint import bp
from lmevents.registration.forms import account_defaults, registration_form, subforum_choices
from lmevents.registration.models import Registration, RegistrationStatus
from lmevents.registration.phrases import (
    place_name,
    registration_status_label,
    seat_sentence,
)
from lmevents.registration.questions import event_questions
from lmevents.registration.registrations import (
    cancel_registration,
    find_registration,
    preferred_language,
    register,
    user_registrations,
)
from lmevents.registration.seats import (
    registration_with_seats,
    seat_counts,
    waiting_positions,
)
from lmevents.subforums.services import event_subforums, subforum_titles

bp.add_app_template_global(registration_status_label)


# The registration form and the participant's own registration.

def _registration_message(registration: Registration) -> str:
    """What a participant is told once registered: the status, and their seat or place."""
    title = registration.event.text("title", current_language())
    if registration.status == RegistrationStatus.PENDING:
        message = _("Your registration for %(event)s is awaiting the organizers' approval: "
                    "we will write to you.", event=title)
        if registration.preferred_subforum is not None:
            message += " " + _("Once you are confirmed, you get a seat in %(place)s or a place "
                               "on its waiting list.",
                               place=place_name(registration.preferred_subforum))
        return message
    message = _("You are registered for %(event)s: confirmed.", event=title)
    positions = waiting_positions(db.session, registration.seats)
    for seat in registration.seats:
        message += " " + seat_sentence(seat, positions.get(seat.id))
    return message


def _existing_registration_page(event: Event, registration: Registration):
    registration = registration_with_seats(db.session, registration.id)
    return render_template(
        "registration/registration.html", event=event, registration=registration,
        positions=waiting_positions(db.session, registration.seats),
        subforums=subforum_titles(db.session, event),
    )


@bp.route("/events/<slug:slug>/register", methods=["GET", "POST"])
@login_required
def register_page(slug: str):
    event = get_event(db.session, slug)
    registration = find_registration(db.session, event, current_user)
    if registration is not None and registration.status != RegistrationStatus.CANCELLED:
        if request.method == "POST":
            flash(_("You are already registered for this event."), "success")
            return redirect(url_for(".register_page", slug=event.slug))
        return _existing_registration_page(event, registration)
    if event.registration_mode == RegistrationMode.CLOSED:
        page = render_template("registration/closed.html", event=event)
        return page, 409 if request.method == "POST" else 200

    clock = ZonedClock(viewer_zone_name(event.timezone))
    lang = current_language()
    subforums = subforum_choices(event_subforums(db.session, event),
                                 seat_counts(db.session, event), clock, lang)
    form = registration_form(event_questions(db.session, event), subforums, lang=lang,
                             defaults=account_defaults(current_user, event, lang))
    if form.validate_on_submit():
        data = form.to_input()
        outcome = commit_or_refuse(
            lambda: register(db.session, event, current_user._get_current_object(), data),
            form, form.refusal_fields(),
        )
        if outcome.ok:
            if outcome.value.created:
                flash(_registration_message(outcome.value.registration), "success")
            else:
                flash(_("You are already registered for this event."), "success")
            return redirect(url_for(".my_agenda"))
    return render_form("registration/register.html", form, event=event,
                       approval=event.registration_mode == RegistrationMode.APPROVAL)


@bp.route("/events/<slug:slug>/register/cancel", methods=["POST"])
@login_required
def cancel_my_registration(slug: str):
    event = get_event(db.session, slug)
    registration = find_registration(db.session, event, current_user)
    if registration is None:
        flash(_("You have no registration for this event to cancel."), "error")
        return redirect(url_for(".register_page", slug=event.slug))
    outcome = commit_or_refuse(lambda: cancel_registration(db.session, registration))
    if outcome.ok:
        flash(_("Your registration for %(event)s is cancelled, and your seats are given up.",
                event=event.text("title", current_language())), "success")
    else:
        flash(outcome.error.message, "error")
    return redirect(url_for(".register_page", slug=event.slug))


# The participant's own agenda.

@dataclass
class AgendaEntry:
    """One registration on the personal agenda, its sessions by day in its zone."""

    registration: Registration
    clock: ZonedClock
    days: list[Day]


def _agenda_language(registrations: list[Registration]) -> str:
    """`?lang=`, else the language of the latest active registration, else the viewer's."""
    asked = request.args.get("lang")
    if asked in LANGUAGES:
        return asked
    return preferred_language(registrations, current_language())


def _agenda_zone(registration: Registration) -> str:
    """`?tz=`, else the zone given at registration."""
    asked = request.args.get("tz")
    if is_valid_zone(asked):
        return asked
    if is_valid_zone(registration.timezone):
        return registration.timezone
    return registration.event.timezone


@bp.route("/me/agenda")
@login_required
def my_agenda():
    feed = personal_feed_urls(current_user)
    # The feed's secret is made on first need; committed before the agenda is loaded, since
    # a commit expires what was loaded.
    db.session.commit()
    registrations = user_registrations(db.session, current_user)
    positions = waiting_positions(db.session, [s for r in registrations for s in r.seats])
    entries = []
    for registration in registrations:
        clock = ZonedClock(_agenda_zone(registration))
        sessions = personal_programme(db.session, registration)
        entries.append(AgendaEntry(registration, clock, agenda_days(sessions, clock.zone)))
    page_clock = (entries[0].clock if entries
                  else ZonedClock(viewer_zone_name(current_user.timezone or "UTC")))
    with force_locale(_agenda_language(registrations)):
        return render_template("registration/my_agenda.html", entries=entries,
                               positions=positions, clock=page_clock, feed=feed)

