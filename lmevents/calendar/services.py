"""What each calendar holds, and when each feed last changed."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session as DbSession
from sqlalchemy.orm import joinedload

from lmevents.agenda.models import Session
from lmevents.agenda.personal import personal_programme
from lmevents.agenda.services import programme
from lmevents.auth.models import User
from lmevents.calendar.exporters import Entry, MeetingEntry
from lmevents.calendar.models import FeedVersion
from lmevents.events.models import Event
from lmevents.exchange.models import MeetingRequest, MeetingStatus
from lmevents.registration.models import Registration, RegistrationStatus
from lmevents.speakers.queries import hidden_speaker_ids
from lmevents.subforums.models import SubForum


def event_entries(dbs: DbSession, event: Event) -> list[Entry]:
    """The whole public programme, cancelled sessions included (clients must drop them)."""
    hidden = hidden_speaker_ids(dbs, event)
    return [Entry(s, hidden) for s in programme(dbs, event)]


def subforum_entries(dbs: DbSession, event: Event, subforum: SubForum) -> list[Entry]:
    """The sub-forum's sessions (as `get_subforum` loads them), cancelled ones included."""
    hidden = hidden_speaker_ids(dbs, event)
    return [Entry(s, hidden) for s in subforum.sessions]


def session_entries(dbs: DbSession, event: Event, session: Session) -> list[Entry]:
    return [Entry(session, hidden_speaker_ids(dbs, event))]


def personal_entries(
    dbs: DbSession, owner: User, registrations: list[Registration]
) -> list[Entry | MeetingEntry]:
    """Exactly a participant's agenda in every event they are confirmed in (their
    `user_registrations`): what everyone attends, where they hold a seat, and their accepted
    1:1 meetings (and those cancelled since, so calendars drop them)."""
    entries: list[Entry | MeetingEntry] = []
    for registration in registrations:
        if registration.status != RegistrationStatus.CONFIRMED:
            continue
        hidden = hidden_speaker_ids(dbs, registration.event)
        entries += [Entry(s, hidden) for s in personal_programme(dbs, registration)]
    entries += [MeetingEntry(meeting) for meeting in calendar_meetings(dbs, owner)]
    return entries


def calendar_meetings(dbs: DbSession, user: User) -> list[MeetingRequest]:
    """The user's meetings a calendar shows: accepted ones, and those cancelled after they
    were accepted (so subscribed calendars drop them)."""
    return list(dbs.scalars(
        select(MeetingRequest)
        .where(or_(MeetingRequest.requester_id == user.id,
                   MeetingRequest.recipient_id == user.id),
               MeetingRequest.status.in_([MeetingStatus.ACCEPTED, MeetingStatus.CANCELLED]),
               MeetingRequest.starts_at.is_not(None))
        .options(joinedload(MeetingRequest.event), joinedload(MeetingRequest.requester),
                 joinedload(MeetingRequest.recipient), joinedload(MeetingRequest.presentation),
                 joinedload(MeetingRequest.need))
        .order_by(MeetingRequest.starts_at, MeetingRequest.id)
    ).unique())


def feed_changed_at(dbs: DbSession, feed_key: str, etag: str, now: datetime) -> datetime:
    """Since when the feed has had this content (its Last-Modified): the first time it was
    served with `etag`. A feed is only observed when served, so this is never later than
    the change itself was first visible."""
    version = dbs.scalar(select(FeedVersion).where(FeedVersion.feed_key == feed_key))
    if version is not None and version.etag == etag:
        return version.changed_at
    changed_at = now.replace(microsecond=0)
    if version is None:
        version = FeedVersion(feed_key=feed_key)
        dbs.add(version)
    elif changed_at <= version.changed_at:
        # HTTP dates count whole seconds: a change within the second of the previous version
        # must still read as later, or If-Modified-Since would keep the old feed.
        changed_at = version.changed_at + timedelta(seconds=1)
    version.etag, version.changed_at = etag, changed_at
    try:
        dbs.commit()
    except IntegrityError:
        # Another request recorded the same feed at the same moment: theirs stands.
        dbs.rollback()
        version = dbs.scalar(select(FeedVersion).where(FeedVersion.feed_key == feed_key))
    return version.changed_at
