"""The speaker registry: its records and each event's invitations (photos, merging and
import have their own modules)."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import String, func, select
from sqlalchemy.orm import Session as DbSession
from sqlalchemy.orm import contains_eager, selectinload

from lmevents.agenda.models import Session, SessionSpeaker
from lmevents.core.models import utcnow
from lmevents.core.text import current_language
from lmevents.core.validation import check_country, check_web_url, normalized_email, require_either
from lmevents.errors import Conflict, Faults, Invalid, NotFound
from lmevents.events.models import Event
from lmevents.speakers.models import EventSpeaker, InvitationState, Speaker
from lmevents.speakers.queries import event_speakers
from lmevents.subforums.models import SubForum, SubForumModerator

FIELDS = (
    "name_zh", "name_en", "name_native", "honorific_zh", "honorific_en", "position_zh",
    "position_en", "organization_zh", "organization_en", "country", "bio_zh", "bio_en",
    "photo_url", "email",
)
# The database's own limits, so every way in (form, API, CSV) is refused before it fails.
MAX_LENGTHS = {
    name: column.type.length
    for name, column in Speaker.__table__.columns.items()
    if name in FIELDS and isinstance(column.type, String) and column.type.length
}


@dataclass
class SpeakerInput:
    name_zh: str | None = None
    name_en: str | None = None
    name_native: str | None = None
    honorific_zh: str | None = None
    honorific_en: str | None = None
    position_zh: str | None = None
    position_en: str | None = None
    organization_zh: str | None = None
    organization_en: str | None = None
    country: str | None = None
    bio_zh: str | None = None
    bio_en: str | None = None
    photo_url: str | None = None
    email: str | None = None

    @classmethod
    def of(cls, speaker: Speaker) -> SpeakerInput:
        """The speaker's current values, to change some and save the rest unchanged."""
        return cls(**{name: getattr(speaker, name) for name in FIELDS})


def validate_speaker(data: SpeakerInput) -> None:
    """The registry's rules for what a speaker record may hold (forms, API and CSV alike),
    every fault at once (Faults)."""
    faults = Faults()
    with faults.caught():
        require_either(data.name_zh, data.name_en, field="name_en",
                       refusal=_l("A name is required, in Chinese or English (or both)."))
    country = (data.country or "").strip().upper()
    with faults.caught():
        check_country(country)
    for name, limit in MAX_LENGTHS.items():
        value = (getattr(data, name) or "").strip()
        if len(value) > limit and not faults.has(name):
            faults.add(Invalid(_l("At most %(limit)s characters (this has %(length)s).",
                                  limit=limit, length=len(value)), field=name))
    if (data.email or "").strip() and not faults.has("email"):
        with faults.caught():
            data.email = normalized_email(data.email)
    with faults.caught():
        check_web_url(data.photo_url, "photo_url", _l(
            "The photo URL must start with https:// or http:// and name a web host."))
    faults.raise_any()


def _assign(speaker: Speaker, data: SpeakerInput) -> None:
    for name in FIELDS:
        value = (getattr(data, name) or "").strip() or None
        if name == "country" and value:
            value = value.upper()
        setattr(speaker, name, value)


def create_speaker(dbs: DbSession, data: SpeakerInput) -> Speaker:
    validate_speaker(data)
    speaker = Speaker()
    _assign(speaker, data)
    dbs.add(speaker)
    dbs.flush()
    return speaker


def update_speaker(dbs: DbSession, speaker: Speaker, data: SpeakerInput) -> Speaker:
    validate_speaker(data)
    _assign(speaker, data)
    dbs.flush()
    return speaker


def registry(dbs: DbSession, *, with_invitations: bool = False) -> list[Speaker]:
    """Every speaker by name (with portrait, and invitations if asked), in a fixed number of
    queries; one order on every database, which disagree on where NULLs sort."""
    options = [selectinload(Speaker.photo)]
    if with_invitations:
        options.append(selectinload(Speaker.invitations).selectinload(EventSpeaker.event))
    return list(dbs.scalars(
        select(Speaker).options(*options)
        .order_by(func.coalesce(Speaker.name_en, Speaker.name_zh, ""), Speaker.id)
    ))


def get_speaker(dbs: DbSession, speaker_id: int) -> Speaker:
    speaker = dbs.get(Speaker, speaker_id)
    if speaker is None:
        raise NotFound(_l("No speaker %(id)s.", id=speaker_id))
    return speaker


def speakers_by_id(dbs: DbSession, speaker_ids) -> dict[int, Speaker]:
    """The speakers with these ids (unknown ids are left out), in one query."""
    ids = set(speaker_ids)
    if not ids:
        return {}
    return {s.id: s for s in dbs.scalars(select(Speaker).where(Speaker.id.in_(ids)))}


# Invitations to an event


def _invitation(dbs: DbSession, event: Event, speaker: Speaker) -> EventSpeaker | None:
    # Two organizers tracking one speaker at once queue on the speaker's row (PostgreSQL), so
    # the second sees the first's row instead of breaking the (event, speaker) unique rule.
    dbs.execute(select(Speaker.id).where(Speaker.id == speaker.id).with_for_update())
    return dbs.scalar(select(EventSpeaker).where(
        EventSpeaker.event_id == event.id, EventSpeaker.speaker_id == speaker.id
    ))


def set_invitation(
    dbs: DbSession, event: Event, speaker: Speaker, state: InvitationState | str
) -> EventSpeaker:
    """Record where the speaker's invitation to the event stands (tracking them if new)."""
    try:
        state = InvitationState(state)
    except ValueError:
        raise Invalid(_l("Unknown invitation state '%(state)s'.", state=state),
                      field="state") from None
    invitation = _invitation(dbs, event, speaker)
    if invitation is None:
        invitation = EventSpeaker(event_id=event.id, speaker=speaker)
        dbs.add(invitation)
    invitation.state = state
    invitation.updated_at = utcnow()
    dbs.flush()
    return invitation


def invite_speaker(dbs: DbSession, event: Event, speaker: Speaker) -> EventSpeaker:
    """Invite a registry speaker; one already tracked keeps the state they reached."""
    invitation = _invitation(dbs, event, speaker)
    if invitation is not None:
        raise Conflict(_l("%(speaker)s is already on this event's list (%(state)s).",
                          speaker=speaker.display_name(current_language()),
                          state=invitation.state.value), field="speaker_id")
    return set_invitation(dbs, event, speaker, InvitationState.INVITED)


def withdraw_invitation(dbs: DbSession, event: Event, speaker: Speaker) -> None:
    """Stop tracking the speaker's invitation: their parts, if any, become public again."""
    invitation = _invitation(dbs, event, speaker)
    if invitation is None:
        raise NotFound(_l("%(speaker)s has no invitation to this event.",
                         speaker=speaker.display_name(current_language())))
    dbs.delete(invitation)
    dbs.flush()


@dataclass
class RosterEntry:
    """A speaker's standing in one event, as organizers see it."""

    speaker: Speaker
    parts: list[SessionSpeaker] = field(default_factory=list)
    moderates: list[SubForum] = field(default_factory=list)
    invitation: EventSpeaker | None = None
    public: bool = False


def event_roster(dbs: DbSession, event: Event) -> list[RosterEntry]:
    """Everyone with a part in the event's sessions, a sub-forum to moderate or an invitation,
    with whether the public pages show them; in a fixed number of queries."""
    found: dict[int, RosterEntry] = {}

    def entry(speaker: Speaker) -> RosterEntry:
        return found.setdefault(speaker.id, RosterEntry(speaker))

    for part in dbs.scalars(
        select(SessionSpeaker).join(SessionSpeaker.session)
        .where(Session.event_id == event.id)
        .options(contains_eager(SessionSpeaker.session), selectinload(SessionSpeaker.speaker))
        .order_by(Session.starts_at, Session.id)
    ):
        entry(part.speaker).parts.append(part)
    for moderator in dbs.scalars(
        select(SubForumModerator).join(SubForumModerator.subforum)
        .where(SubForum.event_id == event.id)
        .options(contains_eager(SubForumModerator.subforum),
                 selectinload(SubForumModerator.speaker))
        .order_by(SubForum.position, SubForum.code)
    ):
        entry(moderator.speaker).moderates.append(moderator.subforum)
    for invitation in dbs.scalars(
        select(EventSpeaker).where(EventSpeaker.event_id == event.id)
        .options(selectinload(EventSpeaker.speaker))
    ):
        entry(invitation.speaker).invitation = invitation
    # The public rule lives in one place: ask it rather than restate it.
    for public in event_speakers(dbs, event):
        if public.speaker.id in found:
            found[public.speaker.id].public = True
    return sorted(found.values(), key=lambda e: (
        (e.speaker.name_en or e.speaker.name_zh or "").casefold(), e.speaker.id))
