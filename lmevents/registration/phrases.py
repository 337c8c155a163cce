"""How registrations, places and seats are named to people, in the language being written
(the viewer's on a page, the reader's inside `written_for`)."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from lmevents.agenda.models import Session
from lmevents.core.text import current_language
from lmevents.registration.models import RegistrationStatus, Seat
from lmevents.subforums.models import SubForum

STATUS_LABELS = {
    RegistrationStatus.PENDING: _l("awaiting approval"),
    RegistrationStatus.CONFIRMED: _l("confirmed"),
    RegistrationStatus.REJECTED: _l("declined"),
    RegistrationStatus.CANCELLED: _l("cancelled"),
}


def registration_status_label(status: str) -> str:
    return str(STATUS_LABELS[RegistrationStatus(status)])


def place_name(target: SubForum | Session) -> str:
    """Where a seat is, as every sentence names it: sub-forum A, “Water”, or “Keynote”."""
    title = target.text("title", current_language())
    if isinstance(target, SubForum):
        return _("sub-forum %(code)s, “%(title)s”", code=target.code, title=title)
    return _("“%(title)s”", title=title)


def seat_sentence(seat: Seat, position: int | None) -> str:
    place = place_name(seat.target)
    if seat.is_held:
        return _("You have a seat in %(place)s.", place=place)
    sentence = _("You are number %(position)d on the waiting list of %(place)s, which is full.",
                 place=place, position=position or 0)
    if seat.replaces is not None:
        sentence += " " + _("Until then, you keep your seat in %(place)s.",
                            place=place_name(seat.replaces.target))
    return sentence
