"""What organizers put on the exchange: topics of exchange sessions and the enterprises'
presentations under them; and the named query that loads the whole exchange page at once."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session as DbSession
from sqlalchemy.orm import contains_eager, selectinload

from lmevents.agenda.models import Session, SessionKind
from lmevents.auth.models import User
from lmevents.core.ordering import move_one_place
from lmevents.core.validation import check_country, require_either
from lmevents.errors import Faults, Invalid, NotFound
from lmevents.events.models import Event
from lmevents.exchange.models import ExchangeTopic, Presentation
from lmevents.exchange.participation import is_participant
from lmevents.speakers.models import Speaker
from lmevents.speakers.queries import hidden_speaker_ids

if TYPE_CHECKING:
    from flask_babel.speaklater import LazyString

TITLE_LENGTH = 300
ENTERPRISE_LENGTH = 300
LONG_TEXT_LENGTH = 20_000
MAX_POSITION = 10_000


@dataclass
class TopicInput:
    session_id: int
    title_zh: str | None = None
    title_en: str | None = None
    description_zh: str | None = None
    description_en: str | None = None
    # None: after the session's other topics.
    position: int | None = None

    @classmethod
    def of(cls, topic: ExchangeTopic) -> TopicInput:
        return cls(session_id=topic.session_id, title_zh=topic.title_zh,
                   title_en=topic.title_en, description_zh=topic.description_zh,
                   description_en=topic.description_en, position=topic.position)


@dataclass
class PresentationInput:
    topic_id: int
    enterprise_zh: str | None = None
    enterprise_en: str | None = None
    title_zh: str | None = None
    title_en: str | None = None
    summary_zh: str | None = None
    summary_en: str | None = None
    presenter_id: int | None = None
    country: str | None = None
    # The enterprise's account, which answers meeting requests: a confirmed participant.
    contact_user_id: int | None = None
    # None: after the topic's other presentations.
    position: int | None = None

    @classmethod
    def of(cls, presentation: Presentation) -> PresentationInput:
        return cls(**{name: getattr(presentation, name) for name in PRESENTATION_FIELDS})


PRESENTATION_FIELDS = (
    "topic_id", "enterprise_zh", "enterprise_en", "title_zh", "title_en", "summary_zh",
    "summary_en", "presenter_id", "country", "contact_user_id", "position",
)


def _clean(value: str | None) -> str | None:
    return (value or "").replace("\x00", "").strip() or None


def _check_length(value: str | None, limit: int, name: str) -> None:
    if value is not None and len(value) > limit:
        raise Invalid(_l("At most %(limit)s characters.", limit=limit), field=name)


def _check_pair(data, name: str, limit: int, required: bool,
                refusal: LazyString | None = None) -> None:
    """`<name>_zh` and `<name>_en`: each at most `limit` long; one of them if `required`,
    else refused with `refusal` (by default: a title is required)."""
    faults = Faults()
    for lang in ("zh", "en"):
        with faults.caught():
            _check_length(getattr(data, f"{name}_{lang}"), limit, f"{name}_{lang}")
    if required and not faults.has(f"{name}_en"):
        with faults.caught():
            require_either(getattr(data, f"{name}_zh"), getattr(data, f"{name}_en"),
                           field=f"{name}_en", refusal=refusal)
    faults.raise_any()


def _check_position(position: int | None) -> None:
    if position is not None and not 0 <= position <= MAX_POSITION:
        raise Invalid(_l("A position from 0 to %(last)s.", last=MAX_POSITION), field="position")


def _cleaned(data, names):
    for name in names:
        setattr(data, name, _clean(getattr(data, name)))
    return data


# Topics


def exchange_sessions(dbs: DbSession, event: Event) -> list[Session]:
    """The event's exchange sessions, by start."""
    return list(dbs.scalars(
        select(Session).where(Session.event_id == event.id, Session.kind == SessionKind.EXCHANGE)
        .order_by(Session.starts_at, Session.id)
    ))


def _exchange_session(dbs: DbSession, event: Event, session_id: int | None) -> Session:
    session = dbs.get(Session, session_id) if session_id is not None else None
    if session is None or session.event_id != event.id:
        raise Invalid(_l("No session %(id)s in this event.", id=session_id), field="session_id")
    if session.kind != SessionKind.EXCHANGE:
        raise Invalid(_l("Session %(id)s is not a technical exchange session: topics belong to "
                         "sessions of kind 'exchange'.", id=session_id), field="session_id")
    return session


def _next_topic_position(dbs: DbSession, session_id: int) -> int:
    last = dbs.scalar(select(func.max(ExchangeTopic.position))
                      .where(ExchangeTopic.session_id == session_id))
    return 0 if last is None else last + 1


def check_topic(dbs: DbSession, event: Event, data: TopicInput) -> Session:
    """Every fault of a topic's input at once (Faults); its exchange session when none."""
    _cleaned(data, ("title_zh", "title_en", "description_zh", "description_en"))
    faults = Faults()
    session = None
    with faults.caught():
        session = _exchange_session(dbs, event, data.session_id)
    with faults.caught():
        _check_pair(data, "title", TITLE_LENGTH, required=True)
    with faults.caught():
        _check_pair(data, "description", LONG_TEXT_LENGTH, required=False)
    with faults.caught():
        _check_position(data.position)
    faults.raise_any()
    return session


def _assign_topic(dbs: DbSession, event: Event, topic: ExchangeTopic, data: TopicInput) -> None:
    session = check_topic(dbs, event, data)
    position = data.position
    if position is None:
        moved = topic.id is None or topic.session_id != session.id
        position = _next_topic_position(dbs, session.id) if moved else topic.position
    topic.session = session
    topic.position = position
    for name in ("title_zh", "title_en", "description_zh", "description_en"):
        setattr(topic, name, getattr(data, name))


def create_topic(dbs: DbSession, event: Event, data: TopicInput) -> ExchangeTopic:
    """Add a topic to one of the event's exchange sessions."""
    topic = ExchangeTopic()
    _assign_topic(dbs, event, topic, data)
    dbs.add(topic)
    dbs.flush()
    return topic


def update_topic(dbs: DbSession, topic: ExchangeTopic, data: TopicInput) -> ExchangeTopic:
    _assign_topic(dbs, topic.session.event, topic, data)
    dbs.flush()
    return topic


def delete_topic(dbs: DbSession, topic: ExchangeTopic) -> None:
    """Delete a topic with its presentations (and their questions) and the needs posted
    under it."""
    dbs.delete(topic)
    dbs.flush()


def move_topic(dbs: DbSession, topic: ExchangeTopic, direction: str) -> None:
    """Move a topic one place up or down its session."""
    order = list(dbs.scalars(
        select(ExchangeTopic).where(ExchangeTopic.session_id == topic.session_id)
        .order_by(ExchangeTopic.position, ExchangeTopic.id)
    ))
    move_one_place(order, topic, direction)
    dbs.flush()


def get_topic(dbs: DbSession, event: Event, topic_id: int) -> ExchangeTopic:
    topic = dbs.scalar(
        select(ExchangeTopic).join(ExchangeTopic.session)
        .where(ExchangeTopic.id == topic_id, Session.event_id == event.id)
        .options(contains_eager(ExchangeTopic.session))
    )
    if topic is None:
        raise NotFound(_l("No exchange topic %(id)s in this event.", id=topic_id))
    return topic


# Presentations


def _topic_in(dbs: DbSession, event: Event, topic_id: int | None) -> ExchangeTopic:
    try:
        return get_topic(dbs, event, topic_id)
    except NotFound:
        raise Invalid(_l("No exchange topic %(id)s in this event.", id=topic_id),
                      field="topic_id") from None


def _check_contact(dbs: DbSession, event: Event, user_id: int | None) -> None:
    if user_id is None:
        return
    user = dbs.get(User, user_id)
    if user is None or not is_participant(dbs, event, user):
        raise Invalid(
            _l("Account %(id)s is not a confirmed participant of this event: the enterprise's "
               "contact must register for the event (and be confirmed) before meeting requests "
               "can reach them.", id=user_id), field="contact_user_id")


def check_presentation(dbs: DbSession, event: Event, data: PresentationInput) -> ExchangeTopic:
    """Every fault of a presentation's input at once (Faults); its topic when none."""
    _cleaned(data, ("enterprise_zh", "enterprise_en", "title_zh", "title_en", "summary_zh",
                    "summary_en", "country"))
    faults = Faults()
    topic = None
    with faults.caught():
        topic = _topic_in(dbs, event, data.topic_id)
    with faults.caught():
        _check_pair(data, "enterprise", ENTERPRISE_LENGTH, required=True, refusal=_l(
            "The enterprise's name is required, in Chinese or English (or both)."))
    with faults.caught():
        _check_pair(data, "title", TITLE_LENGTH, required=True)
    with faults.caught():
        _check_pair(data, "summary", LONG_TEXT_LENGTH, required=False)
    if data.presenter_id is not None and dbs.get(Speaker, data.presenter_id) is None:
        faults.add(Invalid(_l("Speaker %(id)s is not in the speaker registry.",
                              id=data.presenter_id), field="presenter_id"))
    if data.country:
        data.country = data.country.upper()
    with faults.caught():
        check_country(data.country)
    with faults.caught():
        _check_contact(dbs, event, data.contact_user_id)
    with faults.caught():
        _check_position(data.position)
    faults.raise_any()
    return topic


def _next_presentation_position(dbs: DbSession, topic_id: int) -> int:
    last = dbs.scalar(select(func.max(Presentation.position))
                      .where(Presentation.topic_id == topic_id))
    return 0 if last is None else last + 1


def _assign_presentation(
    dbs: DbSession, event: Event, presentation: Presentation, data: PresentationInput
) -> None:
    topic = check_presentation(dbs, event, data)
    position = data.position
    if position is None:
        moved = presentation.id is None or presentation.topic_id != topic.id
        position = (_next_presentation_position(dbs, topic.id) if moved
                    else presentation.position)
    presentation.topic = topic
    presentation.position = position
    for name in PRESENTATION_FIELDS:
        if name not in ("topic_id", "position"):
            setattr(presentation, name, getattr(data, name))


def create_presentation(dbs: DbSession, event: Event, data: PresentationInput) -> Presentation:
    """Add an enterprise's presentation under one of the event's topics."""
    presentation = Presentation()
    _assign_presentation(dbs, event, presentation, data)
    dbs.add(presentation)
    dbs.flush()
    return presentation


def update_presentation(
    dbs: DbSession, event: Event, presentation: Presentation, data: PresentationInput
) -> Presentation:
    _assign_presentation(dbs, event, presentation, data)
    dbs.flush()
    return presentation


def delete_presentation(dbs: DbSession, presentation: Presentation) -> None:
    """Delete a presentation with the questions asked on it."""
    dbs.delete(presentation)
    dbs.flush()


def move_presentation(dbs: DbSession, presentation: Presentation, direction: str) -> None:
    """Move a presentation one place up or down its topic."""
    order = list(dbs.scalars(
        select(Presentation).where(Presentation.topic_id == presentation.topic_id)
        .order_by(Presentation.position, Presentation.id)
    ))
    move_one_place(order, presentation, direction)
    dbs.flush()


def get_presentation(dbs: DbSession, event: Event, presentation_id: int) -> Presentation:
    """One presentation of the event, with its topic, session and presenter."""
    presentation = dbs.scalar(
        select(Presentation).join(Presentation.topic).join(ExchangeTopic.session)
        .where(Presentation.id == presentation_id, Session.event_id == event.id)
        .options(contains_eager(Presentation.topic).contains_eager(ExchangeTopic.session),
                 selectinload(Presentation.presenter))
    )
    if presentation is None:
        raise NotFound(_l("No presentation %(id)s in this event.", id=presentation_id))
    return presentation


# The page


@dataclass
class ExchangeSession:
    """An exchange session with its topics in order."""

    session: Session
    topics: list[ExchangeTopic] = field(default_factory=list)


@dataclass
class ExchangeOverview:
    """The event's exchange as a page shows it: sessions by start, their topics by position,
    each topic's presentations (presenters loaded)."""

    sessions: list[ExchangeSession]
    # Presenters whose invitation to the event is open or declined: never named publicly.
    hidden_speakers: frozenset[int]

    @property
    def topics(self) -> list[ExchangeTopic]:
        return [topic for entry in self.sessions for topic in entry.topics]

    def presenter_of(self, presentation: Presentation) -> Speaker | None:
        """The presenter, unless their invitation to the event is not confirmed."""
        if presentation.presenter_id in self.hidden_speakers:
            return None
        return presentation.presenter


def exchange_overview(dbs: DbSession, event: Event) -> ExchangeOverview:
    """Everything the exchange page shows but the needs, in a fixed number of queries."""
    sessions = list(dbs.scalars(
        select(Session).where(Session.event_id == event.id, Session.kind == SessionKind.EXCHANGE)
        .options(selectinload(Session.room))
        .order_by(Session.starts_at, Session.id)
    ))
    entries = {session.id: ExchangeSession(session) for session in sessions}
    topics = dbs.scalars(
        select(ExchangeTopic).join(ExchangeTopic.session)
        .where(Session.event_id == event.id)
        .options(contains_eager(ExchangeTopic.session),
                 selectinload(ExchangeTopic.presentations).selectinload(Presentation.presenter))
        .order_by(ExchangeTopic.position, ExchangeTopic.id)
    )
    for topic in topics:
        # A session whose kind changed since keeps its topics, listed after the exchange ones.
        entry = entries.setdefault(topic.session_id, ExchangeSession(topic.session))
        entry.topics.append(topic)
    return ExchangeOverview(list(entries.values()), hidden_speaker_ids(dbs, event))
