"""Who speaks at an event, as the public sees it: named queries that load a whole page at once.

A speaker is public in an event when they have a part in one of its scheduled sessions or
moderate one of its sub-forums, unless their invitation to that event is still open or was
declined (organizers track invitations; the public sees confirmed or untracked speakers).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import exists, select
from sqlalchemy.orm import Session as DbSession
from sqlalchemy.orm import contains_eager, joinedload

from lmevents.agenda.models import Session, SessionSpeaker, SessionStatus, SpeakerRole
from lmevents.errors import NotFound
from lmevents.events.models import Event
from lmevents.speakers.models import EventSpeaker, InvitationState, Speaker
from lmevents.subforums.models import SubForum, SubForumModerator

# Listing order: who opens and keynotes first, then chairs, moderators, panelists, presenters.
ROLE_WEIGHT = {
    SpeakerRole.KEYNOTE: 0,
    SpeakerRole.OPENING_REMARKS: 1,
    SpeakerRole.CHAIR: 2,
    SpeakerRole.MODERATOR: 3,
    SpeakerRole.PANELIST: 4,
    SpeakerRole.PRESENTER: 5,
}


@dataclass
class PublicSpeaker:
    """A speaker in one event: their parts in sessions (by start) and sub-forums moderated."""

    speaker: Speaker
    parts: list[SessionSpeaker] = field(default_factory=list)
    moderates: list[SubForum] = field(default_factory=list)

    @property
    def weight(self) -> int:
        weights = [ROLE_WEIGHT[p.role] for p in self.parts]
        if self.moderates:
            weights.append(ROLE_WEIGHT[SpeakerRole.MODERATOR])
        return min(weights)

    @property
    def roles(self) -> list[SpeakerRole]:
        roles = {p.role for p in self.parts}
        if self.moderates:
            roles.add(SpeakerRole.MODERATOR)
        return sorted(roles, key=ROLE_WEIGHT.__getitem__)

    def sort_key(self) -> tuple:
        name = (self.speaker.name_en or self.speaker.name_zh or "").casefold()
        return (self.weight, name, self.speaker.id)


def hidden_speaker_ids(dbs: DbSession, event: Event) -> frozenset[int]:
    """Speakers the public must not see in this event: invitations still open or declined.
    Every public page and response that names speakers leaves these out."""
    return frozenset(dbs.scalars(
        select(EventSpeaker.speaker_id).where(
            EventSpeaker.event_id == event.id,
            EventSpeaker.state != InvitationState.CONFIRMED,
        )
    ))


def _collect(dbs: DbSession, event: Event, speaker_id: int | None) -> list[PublicSpeaker]:
    parts_stmt = (
        select(SessionSpeaker)
        .join(SessionSpeaker.session)
        .where(Session.event_id == event.id, Session.status != SessionStatus.CANCELLED)
        .options(
            contains_eager(SessionSpeaker.session).selectinload(Session.room),
            contains_eager(SessionSpeaker.session).selectinload(Session.subforum),
            # Joined: one statement however many speakers (by ids, one per 500).
            joinedload(SessionSpeaker.speaker).joinedload(Speaker.photo),
        )
        .order_by(Session.starts_at, Session.id)
    )
    moderators_stmt = (
        select(SubForumModerator)
        .join(SubForumModerator.subforum)
        .where(SubForum.event_id == event.id)
        .options(
            contains_eager(SubForumModerator.subforum),
            joinedload(SubForumModerator.speaker).joinedload(Speaker.photo),
        )
        .order_by(SubForum.position, SubForum.code)
    )
    if speaker_id is not None:
        parts_stmt = parts_stmt.where(SessionSpeaker.speaker_id == speaker_id)
        moderators_stmt = moderators_stmt.where(SubForumModerator.speaker_id == speaker_id)
    hidden = hidden_speaker_ids(dbs, event)
    found: dict[int, PublicSpeaker] = {}
    for part in dbs.scalars(parts_stmt):
        if part.speaker_id not in hidden:
            found.setdefault(part.speaker_id, PublicSpeaker(part.speaker)).parts.append(part)
    for moderator in dbs.scalars(moderators_stmt):
        if moderator.speaker_id not in hidden:
            found.setdefault(moderator.speaker_id, PublicSpeaker(moderator.speaker)) \
                .moderates.append(moderator.subforum)
    return sorted(found.values(), key=PublicSpeaker.sort_key)


def event_speakers(dbs: DbSession, event: Event) -> list[PublicSpeaker]:
    """The event's public speakers, by role weight then name, in a fixed number of queries."""
    return _collect(dbs, event, None)


def filter_speakers(
    speakers: list[PublicSpeaker], *, country: str | None = None, organization: str | None = None
) -> list[PublicSpeaker]:
    """Those from `country` (ISO code) whose organization contains `organization` (either
    language, any case)."""
    if country:
        speakers = [s for s in speakers if s.speaker.country == country.strip().upper()]
    if organization:
        needle = organization.strip().casefold()
        speakers = [
            s for s in speakers
            if needle in (s.speaker.organization_en or "").casefold()
            or needle in (s.speaker.organization_zh or "").casefold()
        ]
    return speakers


def speaker_in_event(dbs: DbSession, event: Event, speaker_id: int) -> PublicSpeaker:
    """One public speaker of the event with their parts, or NotFound."""
    found = _collect(dbs, event, speaker_id)
    if not found:
        raise NotFound(_l("No speaker %(id)s in this event.", id=speaker_id))
    return found[0]


def is_public_anywhere(dbs: DbSession, speaker_id: int) -> bool:
    """Whether some published event shows this speaker (the same rule as its pages)."""
    not_shown_in = select(EventSpeaker.event_id).where(
        EventSpeaker.speaker_id == speaker_id,
        EventSpeaker.state != InvitationState.CONFIRMED,
    )
    speaks = (
        select(SessionSpeaker.id)
        .join(SessionSpeaker.session)
        .join(Event, Event.id == Session.event_id)
        .where(
            SessionSpeaker.speaker_id == speaker_id,
            Session.status != SessionStatus.CANCELLED,
            Event.published.is_(True),
            Event.id.not_in(not_shown_in),
        )
    )
    moderates = (
        select(SubForumModerator.id)
        .join(SubForumModerator.subforum)
        .join(Event, Event.id == SubForum.event_id)
        .where(
            SubForumModerator.speaker_id == speaker_id,
            Event.published.is_(True),
            Event.id.not_in(not_shown_in),
        )
    )
    return bool(dbs.scalar(select(exists(speaks) | exists(moderates))))


def event_countries(speakers: list[PublicSpeaker]) -> list[str]:
    return sorted({s.speaker.country for s in speakers if s.speaker.country})
