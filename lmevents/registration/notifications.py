"""Mail to participants about their registration and seats, queued in the outbox in the
transaction that makes the change, written in the language they registered in."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy.orm import Session as DbSession

from lmevents.agenda.models import Session
from lmevents.core.text import public_url, written_for
from lmevents.mail.outbox import queue_mail
from lmevents.registration.models import Registration, RegistrationStatus, Seat
from lmevents.registration.phrases import place_name
from lmevents.subforums.models import SubForum


def notify_registered(dbs: DbSession, registration: Registration) -> None:
    """Tell the participant their registration was received (confirmed or to be approved)."""
    with written_for(registration.language) as lang:
        values = {"name": registration.name, "event": registration.event.text("title", lang),
                  "link": public_url("registration.my_agenda")}
        if registration.status == RegistrationStatus.PENDING:
            subject = _("Registration received: %(event)s", **values)
            body = _("Hello %(name)s,\n\nwe have received your registration for %(event)s. The "
                     "organizers will review it and write to you again.\n\n%(link)s\n", **values)
        else:
            subject = _("You are registered: %(event)s", **values)
            body = _("Hello %(name)s,\n\nyou are registered for %(event)s. Your agenda, with "
                     "the join links:\n%(link)s\n", **values)
    queue_mail(dbs, registration.user.email, subject, body)


def notify_decided(dbs: DbSession, registration: Registration) -> None:
    """Tell the participant an organizer approved or rejected their registration."""
    with written_for(registration.language) as lang:
        values = {"name": registration.name, "event": registration.event.text("title", lang),
                  "link": public_url("registration.my_agenda"),
                  "note": registration.decision_note or ""}
        if registration.status == RegistrationStatus.CONFIRMED:
            subject = _("Registration confirmed: %(event)s", **values)
            body = _("Hello %(name)s,\n\nyour registration for %(event)s is confirmed. Your "
                     "agenda:\n%(link)s\n", **values)
        else:
            subject = _("Registration declined: %(event)s", **values)
            body = _("Hello %(name)s,\n\nwe are sorry: your registration for %(event)s could "
                     "not be accepted.\n%(note)s\n", **values)
    queue_mail(dbs, registration.user.email, subject, body)


def notify_promoted(dbs: DbSession, seat: Seat,
                    replaced_target: SubForum | Session | None = None) -> None:
    """Tell a participant who waited that they now hold a seat (and, after a switch, that
    the seat they kept meanwhile was given up)."""
    registration = seat.registration
    with written_for(registration.language):
        place = place_name(seat.target)
        given_up = ""
        if replaced_target is not None:
            given_up = _("As you asked, your seat in %(place)s was given up.",
                         place=place_name(replaced_target)) + "\n"
        subject = _("You have a seat: %(place)s", place=place)
        body = _("Hello %(name)s,\n\nyour turn on the waiting list came: you now hold a seat in "
                 "%(place)s.\n%(given_up)sYour agenda:\n%(link)s\n", name=registration.name,
                 place=place, given_up=given_up, link=public_url("registration.my_agenda"))
    queue_mail(dbs, registration.user.email, subject, body)
