"""Taking and giving up seats from the sub-forum and session pages, and what those pages
show of the seats (`seat_panel`)."""

from __future__ import annotations

from dataclasses import dataclass

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from lmevents.agenda.models import Session
from lmevents.agenda.services import get_session
from lmevents.core.forms import commit_or_refuse
from lmevents.core.viewer import ZonedClock, current_language, viewer_zone_name
from lmevents.errors import DomainError
from lmevents.events.models import Event
from lmevents.events.services import get_event
from lmevents.extensions import db
from lmevents.registration.blueprint import bp
from lmevents.registration.models import Registration, Seat
from lmevents.registration.phrases import place_name, seat_sentence, target_of
from lmevents.registration.registrations import find_registration, standing
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
from lmevents.subforums.services import get_subforum


def _page_of(event: Event, target: SeatTarget) -> str:
    if isinstance(target, SubForum):
        return url_for("subforums.subforum_page", slug=event.slug, subforum_id=target.id)
    return url_for("agenda.session_page", slug=event.slug, session_id=target.id)


def _viewer_clock(event: Event) -> ZonedClock:
    return ZonedClock(viewer_zone_name(event.timezone))


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
    place = place_name(target_of(seat))
    if not outcome.created:
        if seat.is_held:
            return _("You already have a seat in %(place)s.", place=place)
        return _("You are already on the waiting list of %(place)s.", place=place)
    position = None if seat.is_held else waiting_positions(db.session, [seat]).get(seat.id)
    message = seat_sentence(seat, position)
    if outcome.released:
        message += " " + _("Given up: %(places)s.", places="; ".join(outcome.released))
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
    return _take(event, get_subforum(db.session, event, subforum_id))


@bp.route(SUBFORUM_SEAT + "/release", methods=["POST"])
def subforum_seat_release(slug: str, subforum_id: int):
    event = get_event(db.session, slug)
    return _release(event, get_subforum(db.session, event, subforum_id))


@bp.route(SESSION_SEAT, methods=["POST"])
def session_seat(slug: str, session_id: int):
    event = get_event(db.session, slug)
    return _take(event, get_session(db.session, event, session_id))


@bp.route(SESSION_SEAT + "/release", methods=["POST"])
def session_seat_release(slug: str, session_id: int):
    event = get_event(db.session, slug)
    return _release(event, get_session(db.session, event, session_id))
