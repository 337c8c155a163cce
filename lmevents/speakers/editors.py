"""Who may change a speaker of the shared registry: the organizers of the events the speaker
takes part in (invited, speaking or moderating), or, for an entry no event uses yet, any
organizer; administrators always."""

from __future__ import annotations

from sqlalchemy import exists, select, union
from sqlalchemy.orm import Session as DbSession

from lmevents.agenda.models import Session, SessionSpeaker
from lmevents.auth.models import User
from lmevents.events.models import EventOrganizer
from lmevents.speakers.models import EventSpeaker
from lmevents.subforums.models import SubForum, SubForumModerator


def _events_of(speaker_id: int):
    return union(
        select(EventSpeaker.event_id).where(EventSpeaker.speaker_id == speaker_id),
        select(Session.event_id).join(SessionSpeaker, SessionSpeaker.session_id == Session.id)
        .where(SessionSpeaker.speaker_id == speaker_id),
        select(SubForum.event_id)
        .join(SubForumModerator, SubForumModerator.subforum_id == SubForum.id)
        .where(SubForumModerator.speaker_id == speaker_id),
    ).subquery()


def may_edit_speaker(dbs: DbSession, user: User | None, speaker_id: int) -> bool:
    """Two queries at most, whatever the registry's size."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.active:
        return False
    if user.is_admin:
        return True
    events = _events_of(speaker_id)
    if not dbs.scalar(select(exists().select_from(events))):
        return user.is_organizer
    return bool(dbs.scalar(select(exists().where(
        EventOrganizer.user_id == user.id,
        EventOrganizer.event_id.in_(select(events.c.event_id))))))
