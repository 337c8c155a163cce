"""Participants' pages: the registration form, their own agenda, and taking and giving up
seats from the sub-forum and session pages (with what those pages show of the seats,
`seat_panel`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from lmevents.agenda.layout import Day, agenda_days
from lmevents.agenda.models import Session
from lmevents.agenda.personal import personal_programme, sessions_to_take
from lmevents.agenda.services import get_session, programme
from lmevents.calendar.links import personal_feed_urls
from lmevents.core.text import current_language, word_list, written_for
from lmevents.core.timezones import is_valid_zone
from lmevents.errors import DomainError
from lmevents.events.models import Event, RegistrationMode
from lmevents.events.services import get_event, registration_deadline
from lmevents.extensions import db
from lmevents.registration.blueprint import bp
from lmevents.registration.deadline import as_read, deadline_passed, registration_is_open
from lmevents.registration.forms import account_defaults, registration_form, subforum_choices
from lmevents.registration.menu import menu_event
from lmevents.registration.models import Registration, RegistrationStatus, Seat
from lmevents.registration.phrases import (
    place_name,
    registration_status_label,
    seat_sentence,
)
from lmevents.registration.questions import event_questions
from lmevents.registration.registrations import (
    cancel_registration,
    check_registration,
    find_registration,
    preferred_language,
    register,
    standing,
    user_registrations,
)
from lmevents.registration.seats import (
    SeatOutcome,
    SeatTarget,
    clashing_seats,
    needs_seat,
    registration_with_seats,
    release_seat,
    seat_counts,
    seat_in,
    seats_left,
    take_seat,
    waiting_positions,
)
from lmevents.subforums.models import SubForum
from lmevents.subforums.services import event_subforums, get_subforum, subforum_titles
from lmevents.web.forms import commit_or_refuse, render_form, validate_with
from lmevents.web.viewer import (
    BROWSER_ZONE_COOKIE,
    ZonedClock,
    language_chosen,
    viewer_clock,
    viewer_zone_name,
)

bp.add_app_template_global(registration_status_label)
bp.add_app_template_global(menu_event)


# The registration form and the participant's own registration.

@dataclass
class RegistrationWindow:
    """What an event's pages say about registering: open until the deadline, or closed (by
    the organizers, or since the deadline), the deadline in the viewer's zone."""

    open: bool
    passed: bool  # the deadline is behind us
    date: str
    time: str
    zone: str


@bp.app_template_global()
def registration_window(event: Event) -> RegistrationWindow:
    """Whether one may register for `event` now, and its deadline as the viewer reads it."""
    clock = viewer_clock(event)
    shown = as_read(registration_deadline(event), clock.zone)
    return RegistrationWindow(registration_is_open(event), deadline_passed(event),
                              clock.date(shown), clock.time(shown), clock.zone_label(shown))


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
    if not registration_is_open(event):
        page = render_template("registration/closed.html", event=event)
        return page, 409 if request.method == "POST" else 200

    clock = viewer_clock(event)
    lang = current_language()
    subforums = subforum_choices(event_subforums(db.session, event),
                                 seat_counts(db.session, event), clock, lang)
    form = registration_form(event_questions(db.session, event), subforums, lang=lang,
                             defaults=account_defaults(current_user, event, lang,
                                                       request.cookies.get(BROWSER_ZONE_COOKIE)))
    if validate_with(form, lambda: check_registration(db.session, event, form.to_input()),
                     form.refusal_fields()):
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
    # Sessions with places of their own it holds none of, offered with what is left.
    to_take: list[tuple[Session, int | None]] = field(default_factory=list)


def _agenda_language(registrations: list[Registration]) -> str:
    """The language the visitor chose (`?lang=`, the switch), else the language of the latest
    active registration, else the viewer's."""
    return language_chosen() or preferred_language(registrations, current_language())


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
        everything = (programme(db.session, registration.event)
                      if registration.status == RegistrationStatus.CONFIRMED else [])
        sessions = personal_programme(db.session, registration, everything)
        # After the deadline seats are no longer taken: nothing is offered.
        offered = ([] if deadline_passed(registration.event)
                   else sessions_to_take(db.session, registration, everything))
        counts = seat_counts(db.session, registration.event) if offered else {}
        to_take = [(s, s.capacity - counts.get(("session", s.id), {}).get("held", 0))
                   for s in offered]
        entries.append(AgendaEntry(registration, clock, agenda_days(sessions, clock.zone),
                                   to_take))
    page_clock = (entries[0].clock if entries
                  else ZonedClock(viewer_zone_name(current_user.timezone or "UTC")))
    with written_for(_agenda_language(registrations)):
        return render_template("registration/my_agenda.html", entries=entries,
                               positions=positions, clock=page_clock, feed=feed)


def _page_of(event: Event, target: SeatTarget) -> str:
    if isinstance(target, SubForum):
        return url_for("subforums.subforum_page", slug=event.slug, subforum_id=target.id)
    return url_for("agenda.session_page", slug=event.slug, session_id=target.id)


def _viewer_clock(event: Event) -> ZonedClock:
    return viewer_clock(event)


# Seats in sub-forums and in sessions that take one.

@dataclass
class SeatPanel:
    """What a sub-forum or session page shows of its seats, and the viewer's own seat."""

    target: SeatTarget
    seatable: bool
    left: int | None = None  # None: no limit
    waiting: int = 0
    # anonymous, unregistered (or cancelled), pending, or confirmed
    viewer: str = "anonymous"
    # The registration deadline has passed: seats are only given up.
    closed: bool = False
    seat: Seat | None = None
    position: int | None = None
    # A seat of the viewer elsewhere at the same time, with the session that overlaps.
    clash: tuple[Seat, Session | None] | None = None
    take_url: str = ""
    release_url: str = ""

    @property
    def full(self) -> bool:
        return self.left == 0

    @property
    def is_subforum(self) -> bool:
        return isinstance(self.target, SubForum)


def _seatable(target: SeatTarget) -> bool:
    if isinstance(target, SubForum):
        return True
    return needs_seat(target) and target.subforum_id is None and not target.is_cancelled


@bp.app_template_global()
def seat_panel(event: Event, target: SeatTarget) -> SeatPanel:
    """The seats of `target` as its public page shows them, with the signed-in viewer's own
    seat, waiting position or clashing seat: a fixed number of queries. Never join details."""
    if not _seatable(target):
        return SeatPanel(target, seatable=False)
    counts = seat_counts(db.session, event)
    kind = "subforum" if isinstance(target, SubForum) else "session"
    endpoint = "registration.subforum_seat" if kind == "subforum" else "registration.session_seat"
    ids = {"subforum_id": target.id} if kind == "subforum" else {"session_id": target.id}
    panel = SeatPanel(
        target, seatable=True, left=seats_left(target, counts),
        waiting=counts.get((kind, target.id), {}).get("waiting", 0),
        take_url=url_for(endpoint, slug=event.slug, **ids),
        release_url=url_for(endpoint + "_release", slug=event.slug, **ids),
        closed=deadline_passed(event),
    )
    if not current_user.is_authenticated:
        return panel
    registration = find_registration(db.session, event, current_user)
    panel.viewer = standing(registration)
    if panel.viewer != "confirmed":
        return panel
    registration = registration_with_seats(db.session, registration.id)
    panel.seat = seat_in(registration, target)
    if panel.seat is not None:
        if not panel.seat.is_held:
            panel.position = waiting_positions(db.session, [panel.seat]).get(panel.seat.id)
    else:
        clashes = clashing_seats(registration, target)
        panel.clash = clashes[0] if clashes else None
    return panel


def _taken_message(outcome: SeatOutcome) -> str:
    seat = outcome.seat
    place = place_name(seat.target)
    if not outcome.created:
        if seat.is_held:
            return _("You already have a seat in %(place)s.", place=place)
        return _("You are already on the waiting list of %(place)s.", place=place)
    position = None if seat.is_held else waiting_positions(db.session, [seat]).get(seat.id)
    message = seat_sentence(seat, position)
    if outcome.released:
        message += " " + _("Given up: %(places)s.", places=word_list(outcome.released))
    return message


def _refusal_message(error: DomainError, event: Event, target: SeatTarget) -> str:
    """A refusal as the viewer reads it; a clash names the session, in the viewer's zone."""
    session_id = error.extra.get("session_id")
    clashing = db.session.get(Session, session_id) if session_id else None
    if clashing is None or clashing.event_id != event.id:
        return error.message
    clock = _viewer_clock(event)
    return _(
        "“%(session)s” (%(time)s), where you already have a seat or a place on the waiting "
        "list, overlaps %(place)s. Use the switch button to move there.",
        place=place_name(target), session=clashing.text("title", current_language()),
        time=f"{clock.date(clashing.starts_at)}, "
             f"{clock.span(clashing.starts_at, clashing.ends_at)}",
    )


def _active_registration(event: Event) -> Registration | None:
    registration = find_registration(db.session, event, current_user)
    if registration is None or not registration.is_active:
        return None
    return registration


def _take(event: Event, target: SeatTarget):
    back = _page_of(event, target)
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login", next=back))
    registration = _active_registration(event)
    if registration is None:
        flash(_("Register for the event first: seats are for its participants."), "error")
        return redirect(url_for(".register_page", slug=event.slug))
    switch = request.form.get("switch") == "1"
    outcome = commit_or_refuse(
        lambda: take_seat(db.session, registration, target, switch=switch))
    if outcome.ok:
        flash(_taken_message(outcome.value), "success")
    else:
        flash(_refusal_message(outcome.error, event, target), "error")
    return redirect(back)


def _release(event: Event, target: SeatTarget):
    back = _page_of(event, target)
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login", next=back))
    registration = _active_registration(event)
    seat = seat_in(registration, target) if registration is not None else None
    if seat is None:
        flash(_("You have no seat and no place on the waiting list here."), "error")
        return redirect(back)
    held, place = seat.is_held, place_name(target)
    outcome = commit_or_refuse(lambda: release_seat(db.session, seat))
    if not outcome.ok:
        flash(outcome.error.message, "error")
    elif held:
        flash(_("You gave up your seat in %(place)s.", place=place), "success")
    else:
        flash(_("You left the waiting list of %(place)s.", place=place), "success")
    return redirect(back)


SUBFORUM_SEAT = "/events/<slug:slug>/subforums/<id:subforum_id>/seat"
SESSION_SEAT = "/events/<slug:slug>/sessions/<id:session_id>/seat"


@bp.route(SUBFORUM_SEAT, methods=["POST"])
def subforum_seat(slug: str, subforum_id: int):
    event = get_event(db.session, slug)
    return _take(event, get_subforum(db.session, event, subforum_id, seats_only=True))


@bp.route(SUBFORUM_SEAT + "/release", methods=["POST"])
def subforum_seat_release(slug: str, subforum_id: int):
    event = get_event(db.session, slug)
    return _release(event, get_subforum(db.session, event, subforum_id, seats_only=True))


@bp.route(SESSION_SEAT, methods=["POST"])
def session_seat(slug: str, session_id: int):
    event = get_event(db.session, slug)
    return _take(event, get_session(db.session, event, session_id))


@bp.route(SESSION_SEAT + "/release", methods=["POST"])
def session_seat_release(slug: str, session_id: int):
    event = get_event(db.session, slug)
    return _release(event, get_session(db.session, event, session_id))
