"""1:1 follow-up meetings between an event's participants: one asks, proposing times; the
other accepts one of them, declines or proposes others; an accepted meeting can be cancelled.

Neither side is ever double-booked: accepting first locks the event's seats and both people
(`booking.lock_for_accept`), then checks their other accepted meetings and the sessions where they
hold a seat. Sessions everyone attends (plenaries, breaks) take no seat and do not block a
meeting: they are where a meeting is most likely to be arranged around, not a commitment.
Times in the past are refused, both when proposed and when accepted.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session as DbSession
from sqlalchemy.orm import joinedload, selectinload

from lmevents.agenda.models import Session, SessionKind, SessionStatus
from lmevents.auth.models import User
from lmevents.core.models import MAX_ID, utcnow
from lmevents.core.timezones import local_bounds
from lmevents.errors import Conflict, Forbidden, Invalid, NotFound
from lmevents.events.models import Event
from lmevents.exchange.meetings import notifications
from lmevents.exchange.meetings.booking import check_free, lock_for_accept, lock_meeting
from lmevents.exchange.models import (
    ExchangeTopic,
    MeetingProposal,
    MeetingRequest,
    MeetingStatus,
    Need,
    Presentation,
)
from lmevents.exchange.participation import is_participant, require_participant
from lmevents.registration.models import Registration
from lmevents.registration.signals import left_event
from lmevents.webhooks.models import Kind
from lmevents.webhooks.payloads import announce_meeting

FOLLOW_UP_DAYS = 7  # meetings may be held until the end of this many days after the event
MAX_TIMES = 5  # times proposed at once
MAX_PROPOSALS = 20  # times proposed for one meeting, over all rounds
MIN_LENGTH = timedelta(minutes=15)
MAX_LENGTH = timedelta(hours=4)
MAX_MESSAGE = 2000

Span = tuple[datetime, datetime]


def meeting_window(event: Event, dbs: DbSession) -> Span:
    """When meetings of the event may take place: from the start of its first scheduled
    exchange session (else its first day, 00:00 in its zone) to the end of the day
    FOLLOW_UP_DAYS after its last day, in its zone."""
    zone = ZoneInfo(event.timezone)
    first_day, after_follow_up = local_bounds(
        event.start_date, event.end_date + timedelta(days=FOLLOW_UP_DAYS), zone)
    exchange_start = dbs.scalar(select(func.min(Session.starts_at)).where(
        Session.event_id == event.id, Session.kind == SessionKind.EXCHANGE,
        Session.status == SessionStatus.SCHEDULED))
    start = exchange_start if exchange_start is not None else first_day
    return start.astimezone(UTC), after_follow_up.astimezone(UTC)


def describe_window(event: Event, window: Span) -> dict[str, str | int]:
    """What refusals say of the window: its first moment and last day in the event's zone."""
    zone = ZoneInfo(event.timezone)
    start = window[0].astimezone(zone)
    last_day = (window[1].astimezone(zone) - timedelta(microseconds=1)).date()
    return {"start": f"{start:%Y-%m-%d %H:%M}", "last_day": f"{last_day:%Y-%m-%d}",
            "zone": event.timezone, "days": FOLLOW_UP_DAYS}


def _check_times(event: Event, times: Sequence[Span], window: Span, now: datetime) -> list[Span]:
    """The proposed times as UTC spans, or Invalid naming the first bad one ("times.<i>")."""
    if not times:
        raise Invalid(_l("Propose at least one time."), field="times")
    if len(times) > MAX_TIMES:
        raise Invalid(_l("Propose at most %(limit)s times at once.", limit=MAX_TIMES),
                      field="times")
    spans: list[Span] = []
    for index, (start, end) in enumerate(times):
        field = f"times.{index}"
        if start is None or end is None:
            raise Invalid(_l("Give both a start and an end."), field=field)
        if start.utcoffset() is None or end.utcoffset() is None:
            raise Invalid(_l("Give the times with their time zone."), field=field)
        start, end = start.astimezone(UTC), end.astimezone(UTC)
        if end <= start:
            raise Invalid(_l("The meeting must end after it starts."), field=field)
        if end - start < MIN_LENGTH:
            raise Invalid(_l("A meeting lasts at least 15 minutes."), field=field)
        if end - start > MAX_LENGTH:
            raise Invalid(_l("A meeting lasts at most 4 hours."), field=field)
        if start < now:
            raise Invalid(_l("This time has already passed."), field=field)
        if start < window[0] or end > window[1]:
            raise Invalid(_l("Outside the time allowed for meetings: choose a time from "
                             "%(start)s until the end of %(last_day)s (%(zone)s): the exchange "
                             "and the %(days)s days after the event.",
                             **describe_window(event, window)), field=field)
        if (start, end) in spans:
            raise Invalid(_l("This time is proposed twice."), field=field)
        spans.append((start, end))
    return spans


def _clean_message(message: str | None) -> str:
    message = (message or "").replace("\x00", "").strip()
    if len(message) > MAX_MESSAGE:
        raise Invalid(_l("At most %(limit)s characters.", limit=MAX_MESSAGE), field="message")
    return message


# What a meeting follows up.

def meeting_presentation(dbs: DbSession, event: Event, presentation_id: int) -> Presentation:
    """A presentation of the event's exchange, to ask its enterprise for a meeting."""
    presentation = None
    if 1 <= presentation_id <= MAX_ID:
        presentation = dbs.scalar(
            select(Presentation)
            .join(ExchangeTopic, ExchangeTopic.id == Presentation.topic_id)
            .join(Session, Session.id == ExchangeTopic.session_id)
            .where(Presentation.id == presentation_id, Session.event_id == event.id)
            .options(joinedload(Presentation.contact_user)))
    if presentation is None:
        raise NotFound(_l("This event has no presentation %(id)s.", id=presentation_id),
                       field="presentation_id")
    return presentation


def meeting_need(dbs: DbSession, event: Event, need_id: int) -> Need:
    """A need posted in the event's exchange (and not hidden), to ask its author to meet."""
    need = None
    if 1 <= need_id <= MAX_ID:
        need = dbs.scalar(
            select(Need)
            .join(ExchangeTopic, ExchangeTopic.id == Need.topic_id)
            .join(Session, Session.id == ExchangeTopic.session_id)
            .where(Need.id == need_id, Session.event_id == event.id, Need.hidden_at.is_(None))
            .options(joinedload(Need.author)))
    if need is None:
        raise NotFound(_l("This event has no need %(id)s.", id=need_id), field="need_id")
    return need


def _subject_event_id(presentation: Presentation | None, need: Need | None) -> int:
    topic = presentation.topic if presentation is not None else need.topic
    return topic.session.event_id


def meeting_recipient(dbs: DbSession, event: Event, requester: User, *,
                      presentation: Presentation | None = None,
                      need: Need | None = None) -> User:
    """Who a request about the presentation or need goes to, or the reason no request can
    be made."""
    if (presentation is None) == (need is None):
        raise Invalid(_l("Follow up either a presentation or a need (one of them)."),
                      field="presentation_id")
    field = "presentation_id" if presentation is not None else "need_id"
    if _subject_event_id(presentation, need) != event.id:
        raise NotFound(_l("This belongs to another event."), field=field)
    if presentation is not None:
        recipient = presentation.contact_user
        if recipient is None:
            raise Conflict(_l("This enterprise has no contact account for meetings yet: ask "
                              "the organizers."), field=field)
    else:
        recipient = need.author
    if recipient.id == requester.id:
        raise Invalid(
            _l("This is your own presentation: you cannot request a meeting with yourself.")
            if presentation is not None else
            _l("This is your own need: you cannot request a meeting with yourself."),
            field=field)
    if not is_participant(dbs, event, recipient):
        raise Conflict(
            _l("The enterprise's contact is not a confirmed participant of this event: "
               "meetings are between participants.")
            if presentation is not None else
            _l("The need's author is not a confirmed participant of this event: meetings are "
               "between participants."),
            field=field)
    return recipient


# The meeting's life.

def request_meeting(
    dbs: DbSession, event: Event, requester: User, *,
    presentation: Presentation | None = None, need: Need | None = None,
    times: Sequence[Span], message: str = "", now: datetime | None = None,
) -> MeetingRequest:
    """Ask the presenting enterprise's contact (or the need's author) to meet at one of
    1–5 proposed times; they are told by e-mail in the language they registered in."""
    now = now or utcnow()
    require_participant(dbs, event, requester, _l(
        "Only the event's confirmed participants may request meetings: register first (or "
        "wait for the organizers' approval)."))
    recipient = meeting_recipient(
        dbs, event, requester, presentation=presentation, need=need)
    message = _clean_message(message)
    spans = _check_times(event, times, meeting_window(event, dbs), now)
    field = "presentation_id" if presentation is not None else "need_id"
    waiting = dbs.scalar(select(MeetingRequest.id).where(
        MeetingRequest.requester_id == requester.id,
        MeetingRequest.recipient_id == recipient.id,
        MeetingRequest.status == MeetingStatus.PROPOSED,
        (MeetingRequest.presentation_id == presentation.id) if presentation is not None
        else (MeetingRequest.need_id == need.id)))
    if waiting is not None:
        raise Conflict(_l("You have asked for this meeting already and await the answer: "
                          "propose more times there."), field=field, meeting_id=waiting)
    meeting = MeetingRequest(
        event=event, requester=requester, recipient=recipient, presentation=presentation,
        need=need, message=message, created_at=now, updated_at=now,
        proposals=[MeetingProposal(proposed_by_id=requester.id, starts_at=start,
                                   ends_at=end, created_at=now) for start, end in spans],
    )
    dbs.add(meeting)
    dbs.flush()
    notifications.notify_requested(dbs, meeting)
    return meeting


def _require_side(meeting: MeetingRequest, actor: User) -> str:
    side = meeting.side_of(actor)
    if side is None:
        # Others are not told the meeting exists.
        raise NotFound(_l("No such meeting."), field="meeting_id")
    return side


_CLOSED = {
    MeetingStatus.ACCEPTED: _l("This meeting is accepted: it no longer takes answers."),
    MeetingStatus.DECLINED: _l("This meeting is declined: it no longer takes answers."),
    MeetingStatus.CANCELLED: _l("This meeting is cancelled: it no longer takes answers."),
}


def _require_open(meeting: MeetingRequest) -> None:
    if not meeting.is_open:
        raise Conflict(_CLOSED[meeting.status], field="status")


def propose_times(dbs: DbSession, meeting: MeetingRequest, actor: User,
                  times: Sequence[Span], now: datetime | None = None) -> list[MeetingProposal]:
    """Either side proposes other times while the meeting waits for an answer; the other
    side is told."""
    now = now or utcnow()
    _require_side(meeting, actor)
    lock_meeting(dbs, meeting)
    _require_open(meeting)
    require_participant(dbs, meeting.event, actor, _l(
        "Only the event's confirmed participants may propose meeting times: register first "
        "(or wait for the organizers' approval)."))
    spans = _check_times(meeting.event, times, meeting_window(meeting.event, dbs), now)
    known = {(p.starts_at, p.ends_at) for p in meeting.proposals}
    for index, span in enumerate(spans):
        if span in known:
            raise Invalid(_l("This time is proposed already."), field=f"times.{index}")
    if len(meeting.proposals) + len(spans) > MAX_PROPOSALS:
        raise Conflict(_l("A meeting can have at most %(limit)s proposed times: accept one or "
                          "decline.", limit=MAX_PROPOSALS), field="times")
    added = [MeetingProposal(proposed_by_id=actor.id, starts_at=start, ends_at=end,
                             created_at=now) for start, end in spans]
    meeting.proposals.extend(added)
    meeting.updated_at = now
    dbs.flush()
    notifications.notify_proposed(dbs, meeting, actor, added)
    return added


def meeting_proposal(meeting: MeetingRequest, proposal_id: int) -> MeetingProposal:
    proposal = next((p for p in meeting.proposals if p.id == proposal_id), None)
    if proposal is None:
        raise NotFound(_l("This meeting has no proposed time %(id)s.", id=proposal_id),
                       field="proposal_id")
    return proposal


def accept(dbs: DbSession, meeting: MeetingRequest, actor: User, proposal: MeetingProposal, *,
           join_url_template: str, now: datetime | None = None) -> MeetingRequest:
    """The side that did not propose `proposal` accepts it: the meeting gets that time and
    its own join link (`join_url_template` with `{uid}`), and both sides an invitation."""
    now = now or utcnow()
    _require_side(meeting, actor)
    proposal_id = proposal.id
    lock_for_accept(dbs, meeting)
    _require_open(meeting)
    proposal = meeting_proposal(meeting, proposal_id)
    if not meeting.may_accept(actor, proposal):
        raise Forbidden(_l("You proposed this time yourself: the other side accepts it (or "
                           "proposes another)."), field="proposal_id")
    require_participant(dbs, meeting.event, actor, _l(
        "Only the event's confirmed participants may accept meetings: register first (or "
        "wait for the organizers' approval)."))
    if not is_participant(dbs, meeting.event, meeting.other_side(actor)):
        raise Conflict(_l("The other side is no longer a confirmed participant of this event."),
                       field="registration")
    if proposal.starts_at < now:
        raise Conflict(_l("This time has already passed: propose another."), field="proposal_id")
    window = meeting_window(meeting.event, dbs)
    if proposal.starts_at < window[0] or proposal.ends_at > window[1]:
        # The event's dates may have moved since the time was proposed.
        raise Conflict(_l("This time is no longer inside from %(start)s until the end of "
                          "%(last_day)s (%(zone)s): the exchange and the %(days)s days after "
                          "the event: propose another.",
                          **describe_window(meeting.event, window)), field="proposal_id")
    check_free(dbs, meeting, actor, proposal.starts_at, proposal.ends_at)
    meeting.status = MeetingStatus.ACCEPTED
    meeting.starts_at, meeting.ends_at = proposal.starts_at, proposal.ends_at
    meeting.join_url = join_url_template.format(uid=meeting.uid)
    meeting.updated_at = now
    dbs.flush()
    notifications.notify_accepted(dbs, meeting)
    announce_meeting(dbs, meeting, Kind.MEETING_ACCEPTED)
    return meeting


def decline(dbs: DbSession, meeting: MeetingRequest, actor: User,
            now: datetime | None = None) -> MeetingRequest:
    """The recipient declines a request (declined); the requester withdraws it
    (cancelled). The other side is told."""
    side = _require_side(meeting, actor)
    lock_meeting(dbs, meeting)
    _require_open(meeting)
    meeting.status = MeetingStatus.DECLINED if side == "recipient" else MeetingStatus.CANCELLED
    meeting.updated_at = now or utcnow()
    dbs.flush()
    notifications.notify_closed(dbs, meeting, actor)
    return meeting


def cancel(dbs: DbSession, meeting: MeetingRequest, actor: User,
           now: datetime | None = None) -> MeetingRequest:
    """Either side cancels an accepted meeting: both get the invitation's cancellation
    (a higher SEQUENCE), so their calendars drop it."""
    _require_side(meeting, actor)
    lock_meeting(dbs, meeting)
    if meeting.status != MeetingStatus.ACCEPTED:
        raise Conflict(_l("Only an accepted meeting can be cancelled: decline (or withdraw) a "
                          "request that waits for an answer."), field="status")
    meeting.status = MeetingStatus.CANCELLED
    # RFC 5546 §3.2.5: a CANCEL carries a SEQUENCE above the REQUEST it withdraws.
    meeting.sequence += 1
    meeting.updated_at = now or utcnow()
    dbs.flush()
    notifications.notify_cancelled(dbs, meeting, actor)
    return meeting


def withdraw_from_event(dbs: DbSession, event_id: int, user: User) -> list[MeetingRequest]:
    """When someone leaves an event (cancelled or rejected registration): their open requests
    are withdrawn or declined and their accepted meetings cancelled, each side told, so no
    calendar keeps a meeting with a person who is no longer there."""
    meetings = list(dbs.scalars(select(MeetingRequest).where(
        MeetingRequest.event_id == event_id,
        MeetingRequest.status.in_([MeetingStatus.PROPOSED, MeetingStatus.ACCEPTED]),
        or_(MeetingRequest.requester_id == user.id, MeetingRequest.recipient_id == user.id),
    ).order_by(MeetingRequest.id)))
    for meeting in meetings:
        if meeting.status == MeetingStatus.ACCEPTED:
            cancel(dbs, meeting, user)
        else:
            decline(dbs, meeting, user)
    return meetings


@left_event.connect
def _withdraw_who_left(registration: Registration, dbs: DbSession) -> None:
    withdraw_from_event(dbs, registration.event_id, registration.user)


# Reading meetings.

def _loaded():
    return (
        joinedload(MeetingRequest.event),
        joinedload(MeetingRequest.requester),
        joinedload(MeetingRequest.recipient),
        joinedload(MeetingRequest.presentation),
        joinedload(MeetingRequest.need),
        selectinload(MeetingRequest.proposals),
    )


def get_meeting(dbs: DbSession, event: Event, meeting_id: int, viewer: User) -> MeetingRequest:
    """One meeting of the event, for one of its two sides only (NotFound for anyone else)."""
    meeting = None
    if 1 <= meeting_id <= MAX_ID:
        meeting = dbs.scalar(select(MeetingRequest).where(
            MeetingRequest.id == meeting_id, MeetingRequest.event_id == event.id,
        ).options(*_loaded()))
    if meeting is None or meeting.side_of(viewer) is None:
        raise NotFound(_l("No such meeting."), field="meeting_id")
    return meeting


def find_my_meeting(dbs: DbSession, meeting_id: int, viewer: User) -> MeetingRequest:
    """One of the viewer's meetings in any event (NotFound for anyone else's)."""
    meeting = dbs.scalar(select(MeetingRequest).where(MeetingRequest.id == meeting_id)
                         .options(*_loaded())) if 1 <= meeting_id <= MAX_ID else None
    if meeting is None or meeting.side_of(viewer) is None:
        raise NotFound(_l("No such meeting."), field="meeting_id")
    return meeting


def user_meetings(dbs: DbSession, user: User) -> list[MeetingRequest]:
    """Every meeting the user asked for or was asked, newest first, in a fixed number of
    queries."""
    return list(dbs.scalars(
        select(MeetingRequest)
        .where(or_(MeetingRequest.requester_id == user.id,
                   MeetingRequest.recipient_id == user.id))
        .options(*_loaded())
        .order_by(MeetingRequest.created_at.desc(), MeetingRequest.id.desc())
    ).unique())
