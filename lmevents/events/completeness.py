"""Which of an event's texts exist in one language only: what organizers still have to
translate before every participant can read the programme in their own language.

A text counts when it is written in some languages and not in others; a text written in none
is not a translation gap (an optional field left empty). Speakers' names are not translated
(each keeps their own), so they are not counted. One query per kind of content, whatever the
event's size.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, union
from sqlalchemy.orm import Session as DbSession

from lmevents.agenda.models import Session, SessionSpeaker, SessionTopic, VirtualRoom
from lmevents.core.models import CONTENT_LANGUAGES as LANGUAGES
from lmevents.events.models import Event, EventHost
from lmevents.exchange.models import ExchangeTopic, Presentation
from lmevents.registration.models import RegistrationQuestion
from lmevents.speakers.models import EventSpeaker, Speaker
from lmevents.subforums.models import SubForum, SubForumTopic

# The texts of each kind of content (the `<name>_<lang>` columns).
TEXTS = {
    "event": ("title", "theme", "description", "schedule_note"),
    "host": ("name",),
    "room": ("name",),
    "session": ("title", "description"),
    "session_topic": ("title",),
    "subforum": ("title", "description"),
    "subforum_topic": ("title",),
    "speaker": ("honorific", "position", "organization", "bio"),
    "exchange_topic": ("title", "description"),
    "presentation": ("enterprise", "title", "summary"),
    "question": ("label",),
}


@dataclass(frozen=True)
class Gap:
    """One piece of content with texts missing in some languages."""

    kind: str  # a key of TEXTS
    id: int
    name: dict[str, str | None]  # how to call it, by language (its title, name or label)
    # The missing texts: field name → the languages it lacks.
    missing: dict[str, tuple[str, ...]]
    parent_id: int | None = None  # the session or sub-forum a topic belongs to


def _gaps(obj, kind: str, names: tuple[str, ...], extra: dict | None = None) -> dict:
    missing = {}
    for field in names:
        values = {lang: (getattr(obj, f"{field}_{lang}", None) or "").strip()
                  for lang in LANGUAGES}
        written = [lang for lang, value in values.items() if value]
        if written and len(written) < len(LANGUAGES):
            missing[field] = tuple(lang for lang in LANGUAGES if lang not in written)
    for field, langs in (extra or {}).items():
        missing[field] = langs
    return missing


def _option_gaps(question: RegistrationQuestion) -> dict:
    lacking = set()
    for option in question.options or []:
        written = [lang for lang in LANGUAGES if (option.get(lang) or "").strip()]
        if written and len(written) < len(LANGUAGES):
            lacking |= {lang for lang in LANGUAGES if lang not in written}
    return {"options": tuple(sorted(lacking))} if lacking else {}


def translation_gaps(dbs: DbSession, event: Event) -> list[Gap]:
    """Every text of the event written in some languages only, by kind of content."""
    found: list[Gap] = []

    def add(obj, kind, name_field, parent_id=None, extra=None):
        missing = _gaps(obj, kind, TEXTS[kind], extra)
        if missing:
            name = {lang: getattr(obj, f"{name_field}_{lang}", None) for lang in LANGUAGES}
            found.append(Gap(kind, obj.id, name, missing, parent_id))

    add(event, "event", "title")
    for host in dbs.scalars(select(EventHost).where(EventHost.event_id == event.id)
                            .order_by(EventHost.position)):
        add(host, "host", "name")
    for room in dbs.scalars(select(VirtualRoom).where(VirtualRoom.event_id == event.id)
                            .order_by(VirtualRoom.id)):
        add(room, "room", "name")
    sessions = select(Session.id).where(Session.event_id == event.id)
    for session in dbs.scalars(select(Session).where(Session.event_id == event.id)
                               .order_by(Session.starts_at, Session.id)):
        add(session, "session", "title")
    for topic in dbs.scalars(select(SessionTopic).where(SessionTopic.session_id.in_(sessions))
                             .order_by(SessionTopic.session_id, SessionTopic.position)):
        add(topic, "session_topic", "title", parent_id=topic.session_id)
    subforums = select(SubForum.id).where(SubForum.event_id == event.id)
    for subforum in dbs.scalars(select(SubForum).where(SubForum.event_id == event.id)
                                .order_by(SubForum.position, SubForum.code)):
        add(subforum, "subforum", "title")
    for topic in dbs.scalars(select(SubForumTopic)
                             .where(SubForumTopic.subforum_id.in_(subforums))
                             .order_by(SubForumTopic.subforum_id, SubForumTopic.position)):
        add(topic, "subforum_topic", "title", parent_id=topic.subforum_id)
    speaker_ids = union(
        select(SessionSpeaker.speaker_id).where(SessionSpeaker.session_id.in_(sessions)),
        select(EventSpeaker.speaker_id).where(EventSpeaker.event_id == event.id),
    ).subquery()
    for speaker in dbs.scalars(select(Speaker).where(Speaker.id.in_(select(speaker_ids)))
                               .order_by(Speaker.id)):
        add(speaker, "speaker", "name")
    topics = select(ExchangeTopic.id).where(ExchangeTopic.session_id.in_(sessions))
    for topic in dbs.scalars(select(ExchangeTopic).where(ExchangeTopic.id.in_(topics))
                             .order_by(ExchangeTopic.position, ExchangeTopic.id)):
        add(topic, "exchange_topic", "title")
    for presentation in dbs.scalars(select(Presentation)
                                    .where(Presentation.topic_id.in_(topics))
                                    .order_by(Presentation.topic_id, Presentation.position)):
        add(presentation, "presentation", "title")
    for question in dbs.scalars(select(RegistrationQuestion)
                                .where(RegistrationQuestion.event_id == event.id)
                                .order_by(RegistrationQuestion.position)):
        add(question, "question", "label", extra=_option_gaps(question))
    return found
