"""1:1 meetings in iCalendar: the VEVENT personal feeds carry, and the invitation mailed to
both sides once a time is accepted or an accepted meeting cancelled (RFC 5546 iTIP: METHOD
REQUEST or CANCEL), built with the icalendar library in the reader's language."""

from __future__ import annotations

from datetime import timedelta

from flask_babel import gettext as _
from icalendar import Calendar, vCalAddress
from icalendar import Event as VEvent

from lmevents.auth.models import User
from lmevents.calendar.vevent import timed_vevent
from lmevents.core.text import written_for
from lmevents.exchange.models import MeetingRequest, MeetingStatus

PRODID = "-//lmevents//lmevents meetings//EN"
# VTIMEZONE transitions are written for this long around the meeting, not 1970–2038.
ZONE_MARGIN = timedelta(days=366)


def _summary(meeting: MeetingRequest) -> str:
    return _("1:1 meeting: %(requester)s and %(recipient)s",
             requester=meeting.requester.name, recipient=meeting.recipient.name)


def _description(meeting: MeetingRequest, lang: str) -> str:
    parts = []
    if meeting.status == MeetingStatus.CANCELLED:
        parts.append(_("This meeting is cancelled."))
    about = _("A follow-up meeting of the technical exchange at %(event)s.",
              event=meeting.event.text("title", lang))
    subject = meeting.subject_text(lang)
    if subject:
        about += "\n" + _("About: %(subject)s", subject=subject)
    parts.append(about)
    if meeting.join_url:
        parts.append(_("Join the meeting: %(url)s", url=meeting.join_url))
    return "\n\n".join(parts)


def _address(user: User, **params) -> vCalAddress:
    return vCalAddress.new(user.email, cn=user.name or user.email, **params)


def meeting_vevent(meeting: MeetingRequest, lang: str, *, attendees: bool) -> VEvent:
    """The accepted (or cancelled) meeting as a VEVENT in the event's zone. `attendees`
    adds both sides as ATTENDEE, as a scheduling message (iTIP) needs; a published
    calendar leaves them out (RFC 5546 §3.2.1)."""
    vevent = timed_vevent(
        uid=meeting.uid, sequence=meeting.sequence, created_at=meeting.created_at,
        updated_at=meeting.updated_at, starts_at=meeting.starts_at, ends_at=meeting.ends_at,
        zone_name=meeting.event.timezone)
    with written_for(lang) as lang:
        vevent.add("summary", _summary(meeting))
        vevent.add("description", _description(meeting, lang))
    if meeting.join_url:
        vevent.add("location", meeting.join_url)
        vevent.add("url", meeting.join_url)
    cancelled = meeting.status == MeetingStatus.CANCELLED
    if attendees:
        # Mailed invitations name both people (RFC 5546); a feed, readable by whoever holds
        # its URL, names nobody's address.
        vevent.add("organizer", _address(meeting.requester))
        # Both agreed to the time; a withdrawn meeting asks nobody for an answer.
        partstat = None if cancelled else "ACCEPTED"
        for user in (meeting.requester, meeting.recipient):
            vevent.add("attendee", _address(user, role="REQ-PARTICIPANT", partstat=partstat,
                                            rsvp=False))
    vevent.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    vevent.add("transp", "TRANSPARENT" if cancelled else "OPAQUE")
    return vevent


def invitation_ics(meeting: MeetingRequest, method: str, lang: str) -> str:
    """The invitation (METHOD:REQUEST) or its withdrawal (METHOD:CANCEL) mailed to both."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    calendar.add_component(meeting_vevent(meeting, lang, attendees=True))
    # One VTIMEZONE for the TZID used (RFC 5545 §3.2.19), from the zone database.
    calendar.add_missing_timezones((meeting.starts_at - ZONE_MARGIN).date(),
                                   (meeting.ends_at + ZONE_MARGIN).date())
    return calendar.to_ical().decode()
