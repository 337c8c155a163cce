"""What the two sides of a 1:1 meeting are sent: mail in the language each registered in,
and, once a time is accepted or an accepted meeting cancelled, the calendar invitation
(lmevents.calendar.meetings)."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession

from lmevents.auth.models import User
from lmevents.calendar.meetings import invitation_ics
from lmevents.core.text import public_url, reader_language, written_for
from lmevents.core.timezones import format_span, is_valid_zone
from lmevents.exchange.models import MeetingProposal, MeetingRequest, MeetingStatus
from lmevents.mail.outbox import queue_mail
from lmevents.registration.models import Registration


@dataclass
class Reader:
    """One side of a meeting as their mail addresses them."""

    user: User
    name: str
    organization: str
    lang: str
    zone_name: str


def reader(dbs: DbSession, meeting: MeetingRequest, user: User) -> Reader:
    """The person as they registered for the meeting's event (name, language, zone),
    else as their account says."""
    registration = dbs.scalar(select(Registration).where(
        Registration.event_id == meeting.event_id, Registration.user_id == user.id))
    lang = registration.language if registration is not None else user.language
    zone = registration.timezone if registration is not None else user.timezone
    return Reader(
        user=user,
        name=(registration.name if registration is not None else "") or user.name or user.email,
        organization=(registration.organization if registration is not None else "")
        or user.organization or "",
        lang=reader_language(lang),
        zone_name=zone if is_valid_zone(zone) else meeting.event.timezone,
    )


def _both_sides(dbs: DbSession, meeting: MeetingRequest) -> dict[int, Reader]:
    """Each side as its mail addresses it, by user id (read once per notice)."""
    return {user.id: reader(dbs, meeting, user)
            for user in (meeting.requester, meeting.recipient)}


def _who(person: Reader) -> str:
    if person.organization:
        return _("%(name)s (%(organization)s)", name=person.name,
                 organization=person.organization)
    return person.name


def _spans(proposals: list[MeetingProposal], zone_name: str) -> str:
    return "\n".join(f"- {format_span(p.starts_at, p.ends_at, zone_name)}" for p in proposals)


def _meetings_link() -> str:
    return public_url("exchange.my_meetings")


def notify_requested(dbs: DbSession, meeting: MeetingRequest) -> None:
    """Tell the recipient someone asks to meet, with the proposed times in their zone."""
    to, by = reader(dbs, meeting, meeting.recipient), reader(dbs, meeting, meeting.requester)
    with written_for(to.lang) as lang:
        note = f"\n\n“{meeting.message}”" if meeting.message else ""
        subject = _("Meeting request from %(by)s: %(event)s", by=by.name,
                    event=meeting.event.text("title", lang))
        body = _("Hello %(name)s,\n\n%(who)s asks to meet you 1:1 about %(subject)s, at one of "
                 "these times:\n%(times)s%(note)s\n\nAccept one, propose another or decline:\n"
                 "%(link)s\n", name=to.name, who=_who(by), subject=meeting.subject_text(lang),
                 times=_spans(meeting.proposals, to.zone_name), note=note,
                 link=_meetings_link())
    queue_mail(dbs, to.user.email, subject, body)


def notify_proposed(dbs: DbSession, meeting: MeetingRequest, by_user: User,
                    proposals: list[MeetingProposal]) -> None:
    """Tell the other side that new times were proposed."""
    to = reader(dbs, meeting, meeting.other_side(by_user))
    by = reader(dbs, meeting, by_user)
    with written_for(to.lang):
        subject = _("%(by)s proposed new times for your meeting", by=by.name)
        body = _("Hello %(name)s,\n\n%(who)s proposed new times for your meeting:\n%(times)s\n\n"
                 "Accept one, propose another or decline:\n%(link)s\n", name=to.name,
                 who=_who(by), times=_spans(proposals, to.zone_name), link=_meetings_link())
    queue_mail(dbs, to.user.email, subject, body)


def notify_accepted(dbs: DbSession, meeting: MeetingRequest) -> None:
    """Both sides get the invitation (METHOD:REQUEST) with the time and the join link."""
    sides = _both_sides(dbs, meeting)
    for user in (meeting.requester, meeting.recipient):
        to, other = sides[user.id], sides[meeting.other_side(user).id]
        when = format_span(meeting.starts_at, meeting.ends_at, to.zone_name)
        with written_for(to.lang):
            subject = _("Meeting confirmed with %(other)s: %(when)s", other=other.name,
                        when=when)
            body = _("Hello %(name)s,\n\nyour 1:1 meeting with %(who)s is confirmed:\n%(when)s"
                     "\n\nJoin the meeting: %(join)s\n\nThe calendar invitation is attached. "
                     "Your meetings:\n%(link)s\n", name=to.name, who=_who(other), when=when,
                     join=meeting.join_url, link=_meetings_link())
        queue_mail(dbs, to.user.email, subject, body,
                   calendar_ics=invitation_ics(meeting, "REQUEST", to.lang),
                   calendar_method="REQUEST")


def notify_closed(dbs: DbSession, meeting: MeetingRequest, by_user: User) -> None:
    """Tell the other side a request was declined (by the recipient) or withdrawn (by the
    requester) before any time was accepted."""
    to = reader(dbs, meeting, meeting.other_side(by_user))
    by = reader(dbs, meeting, by_user)
    with written_for(to.lang):
        if meeting.status == MeetingStatus.DECLINED:
            subject = _("%(by)s declined your meeting request", by=by.name)
            body = _("Hello %(name)s,\n\n%(who)s declined your meeting request.\n\n%(link)s\n",
                     name=to.name, who=_who(by), link=_meetings_link())
        else:
            subject = _("%(by)s withdrew their meeting request", by=by.name)
            body = _("Hello %(name)s,\n\n%(who)s withdrew their meeting request.\n\n%(link)s\n",
                     name=to.name, who=_who(by), link=_meetings_link())
    queue_mail(dbs, to.user.email, subject, body)


def notify_cancelled(dbs: DbSession, meeting: MeetingRequest, by_user: User) -> None:
    """Both sides get the cancellation (METHOD:CANCEL), so their calendars drop it."""
    sides = _both_sides(dbs, meeting)
    by = sides[by_user.id]
    for user in (meeting.requester, meeting.recipient):
        to, other = sides[user.id], sides[meeting.other_side(user).id]
        when = format_span(meeting.starts_at, meeting.ends_at, to.zone_name)
        with written_for(to.lang):
            subject = _("Meeting cancelled with %(other)s: %(when)s", other=other.name,
                        when=when)
            values = {"name": to.name, "who": _who(other), "when": when, "by": by.name,
                      "link": _meetings_link()}
            if user.id == by_user.id:
                body = _("Hello %(name)s,\n\nyour 1:1 meeting with %(who)s at %(when)s was "
                         "cancelled by you.\n\n%(link)s\n", **values)
            else:
                body = _("Hello %(name)s,\n\nyour 1:1 meeting with %(who)s at %(when)s was "
                         "cancelled by %(by)s.\n\n%(link)s\n", **values)
        queue_mail(dbs, to.user.email, subject, body,
                   calendar_ics=invitation_ics(meeting, "CANCEL", to.lang),
                   calendar_method="CANCEL")
