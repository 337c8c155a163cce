"""What the two sides of a 1:1 meeting are sent: mail in the language each registered in,
and, once a time is accepted or an accepted meeting cancelled, an iCalendar invitation
(RFC 5546 iTIP: METHOD REQUEST or CANCEL) built with the icalendar library."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from zoneinfo import ZoneInfo

from flask import url_for
from icalendar import Calendar, vCalAddress
from icalendar import Event as VEvent
from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession

from lmevents.auth.models import User
from lmevents.core.models import LANGUAGES
from lmevents.core.timezones import format_span, is_valid_zone
from lmevents.exchange.models import MeetingProposal, MeetingRequest, MeetingStatus
from lmevents.mail.outbox import queue_mail
from lmevents.registration.models import Registration

PRODID = "-//lmevents//lmevents meetings//EN"
# VTIMEZONE transitions are written for this long around the meeting, not 1970–2038.
ZONE_MARGIN = timedelta(days=366)


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
        lang=lang if lang in LANGUAGES else "en",
        zone_name=zone if is_valid_zone(zone) else meeting.event.timezone,
    )


def subject_text(meeting: MeetingRequest, lang: str) -> str:
    """What the meeting follows up, in `lang`."""
    if meeting.presentation is not None:
        presentation = meeting.presentation
        enterprise = presentation.text("enterprise", lang)
        title = presentation.text("title", lang)
        return f"{enterprise} — {title}" if enterprise and title else enterprise or title
    if meeting.need is not None:
        need = meeting.need
        if lang == "zh":
            return f"需求：{need.sector}（{need.country}）"
        return f"need: {need.sector} ({need.country})"
    return ""


def summary_text(meeting: MeetingRequest, lang: str) -> str:
    requester, recipient = meeting.requester.name, meeting.recipient.name
    if lang == "zh":
        return f"一对一会谈：{requester} 与 {recipient}"
    return f"1:1 meeting: {requester} and {recipient}"


def description_text(meeting: MeetingRequest, lang: str) -> str:
    event_title = meeting.event.text("title", lang)
    subject = subject_text(meeting, lang)
    parts = []
    if meeting.status == MeetingStatus.CANCELLED:
        parts.append("此会谈已取消。" if lang == "zh" else "This meeting is cancelled.")
    if lang == "zh":
        parts.append(f"“{event_title}”技术交流的后续会谈。" + (f"\n关于：{subject}" if subject
                                                              else ""))
    else:
        parts.append(f"A follow-up meeting of the technical exchange at {event_title}."
                     + (f"\nAbout: {subject}" if subject else ""))
    if meeting.join_url:
        parts.append(("加入会谈：" if lang == "zh" else "Join the meeting: ") + meeting.join_url)
    return "\n\n".join(parts)


def _address(user: User, **params) -> vCalAddress:
    return vCalAddress.new(user.email, cn=user.name or user.email, **params)


def meeting_vevent(meeting: MeetingRequest, lang: str, *, attendees: bool) -> VEvent:
    """The accepted (or cancelled) meeting as a VEVENT in the event's zone. `attendees`
    adds both sides as ATTENDEE, as a scheduling message (iTIP) needs; a published
    calendar leaves them out (RFC 5546 §3.2.1)."""
    zone = ZoneInfo(meeting.event.timezone)
    vevent = VEvent()
    # The UID never changes, so clients update or remove the one meeting they hold.
    vevent.add("uid", meeting.uid)
    vevent.add("sequence", meeting.sequence)
    vevent.add("dtstamp", meeting.updated_at)
    vevent.add("created", meeting.created_at)
    vevent.add("last-modified", meeting.updated_at)
    vevent.add("dtstart", meeting.starts_at.astimezone(zone))
    vevent.add("dtend", meeting.ends_at.astimezone(zone))
    vevent.add("summary", summary_text(meeting, lang))
    vevent.add("description", description_text(meeting, lang))
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


# Mail.

def _meetings_link() -> str:
    return url_for("exchange.my_meetings", _external=True)


def _who(person: Reader) -> str:
    return f"{person.name} ({person.organization})" if person.organization else person.name


def _spans(proposals: list[MeetingProposal], zone_name: str) -> str:
    return "\n".join(f"- {format_span(p.starts_at, p.ends_at, zone_name)}" for p in proposals)


def notify_requested(dbs: DbSession, meeting: MeetingRequest) -> None:
    """Tell the recipient someone asks to meet, with the proposed times in their zone."""
    to, by = reader(dbs, meeting, meeting.recipient), reader(dbs, meeting, meeting.requester)
    event_title = meeting.event.text("title", to.lang)
    subject = subject_text(meeting, to.lang)
    times = _spans(meeting.proposals, to.zone_name)
    note = f"\n\n“{meeting.message}”" if meeting.message else ""
    link = _meetings_link()
    if to.lang == "zh":
        title = f"会谈请求：{by.name}（{event_title}）"
        body = (f"{to.name}，您好：\n\n{_who(by)}希望就“{subject}”与您进行一对一会谈，"
                f"建议的时间：\n{times}{note}\n\n请接受其中一个时间、提出其他时间或谢绝：\n{link}\n")
    else:
        title = f"Meeting request from {by.name}: {event_title}"
        body = (f"Hello {to.name},\n\n{_who(by)} asks to meet you 1:1 about {subject}, at one "
                f"of these times:\n{times}{note}\n\nAccept one, propose another or decline:\n"
                f"{link}\n")
    queue_mail(dbs, to.user.email, title, body)


def notify_proposed(dbs: DbSession, meeting: MeetingRequest, by_user: User,
                    proposals: list[MeetingProposal]) -> None:
    """Tell the other side that new times were proposed."""
    to, by = reader(dbs, meeting, meeting.other_side(by_user)), reader(dbs, meeting, by_user)
    times = _spans(proposals, to.zone_name)
    link = _meetings_link()
    if to.lang == "zh":
        title = f"{by.name} 提出了新的会谈时间"
        body = f"{to.name}，您好：\n\n{_who(by)}为你们的会谈提出了新的时间：\n{times}\n\n{link}\n"
    else:
        title = f"{by.name} proposed new times for your meeting"
        body = (f"Hello {to.name},\n\n{_who(by)} proposed new times for your meeting:\n"
                f"{times}\n\nAccept one, propose another or decline:\n{link}\n")
    queue_mail(dbs, to.user.email, title, body)


def notify_accepted(dbs: DbSession, meeting: MeetingRequest) -> None:
    """Both sides get the invitation (METHOD:REQUEST) with the time and the join link."""
    for user in (meeting.requester, meeting.recipient):
        to, other = reader(dbs, meeting, user), reader(dbs, meeting, meeting.other_side(user))
        when = format_span(meeting.starts_at, meeting.ends_at, to.zone_name)
        if to.lang == "zh":
            title = f"会谈已确定：{other.name}，{when}"
            body = (f"{to.name}，您好：\n\n您与{_who(other)}的一对一会谈已确定：\n{when}\n\n"
                    f"加入会谈：{meeting.join_url}\n\n日历邀请见附件。您的会谈：\n"
                    f"{_meetings_link()}\n")
        else:
            title = f"Meeting confirmed with {other.name}: {when}"
            body = (f"Hello {to.name},\n\nyour 1:1 meeting with {_who(other)} is confirmed:\n"
                    f"{when}\n\nJoin the meeting: {meeting.join_url}\n\nThe calendar "
                    f"invitation is attached. Your meetings:\n{_meetings_link()}\n")
        queue_mail(dbs, to.user.email, title, body,
                   calendar_ics=invitation_ics(meeting, "REQUEST", to.lang),
                   calendar_method="REQUEST")


def notify_closed(dbs: DbSession, meeting: MeetingRequest, by_user: User) -> None:
    """Tell the other side a request was declined (by the recipient) or withdrawn (by the
    requester) before any time was accepted."""
    to, by = reader(dbs, meeting, meeting.other_side(by_user)), reader(dbs, meeting, by_user)
    declined = meeting.status == MeetingStatus.DECLINED
    if to.lang == "zh":
        verb = "谢绝了您的会谈请求" if declined else "撤回了会谈请求"
        title = f"{by.name} {verb}"
        body = f"{to.name}，您好：\n\n{_who(by)}{verb}。\n\n{_meetings_link()}\n"
    else:
        verb = "declined your meeting request" if declined else "withdrew their meeting request"
        title = f"{by.name} {verb}"
        body = f"Hello {to.name},\n\n{_who(by)} {verb}.\n\n{_meetings_link()}\n"
    queue_mail(dbs, to.user.email, title, body)


def notify_cancelled(dbs: DbSession, meeting: MeetingRequest, by_user: User) -> None:
    """Both sides get the cancellation (METHOD:CANCEL), so their calendars drop it."""
    by = reader(dbs, meeting, by_user)
    for user in (meeting.requester, meeting.recipient):
        to, other = reader(dbs, meeting, user), reader(dbs, meeting, meeting.other_side(user))
        when = format_span(meeting.starts_at, meeting.ends_at, to.zone_name)
        who = "您" if to.user.id == by_user.id and to.lang == "zh" else (
            "you" if to.user.id == by_user.id else by.name)
        if to.lang == "zh":
            title = f"会谈已取消：{other.name}，{when}"
            body = (f"{to.name}，您好：\n\n您与{_who(other)}在 {when} 的一对一会谈已由{who}"
                    f"取消。\n\n{_meetings_link()}\n")
        else:
            title = f"Meeting cancelled with {other.name}: {when}"
            body = (f"Hello {to.name},\n\nyour 1:1 meeting with {_who(other)} at {when} was "
                    f"cancelled by {who}.\n\n{_meetings_link()}\n")
        queue_mail(dbs, to.user.email, title, body,
                   calendar_ics=invitation_ics(meeting, "CANCEL", to.lang),
                   calendar_method="CANCEL")
