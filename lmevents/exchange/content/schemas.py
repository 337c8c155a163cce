"""API schemas of the exchange's content: sessions, topics, presentations and needs.

Public shapes name a presenter by their public profile only, a need's poster only where they
allowed it and the reader is one of the event's participants, and never an e-mail address or
how to join a room.
"""

from __future__ import annotations

from datetime import datetime

from marshmallow import Schema, fields, validate

from lmevents.agenda.models import SessionStatus
from lmevents.agenda.schemas import PublicRoomSchema, Seen
from lmevents.api.schemas import (
    MAX_TEXT,
    TITLE_RULE,
    Bilingual,
    CountryCode,
    EndpointUrl,
    Id,
    InputSchema,
    StrictBoolean,
    Text,
)
from lmevents.api.viewpoint import Viewpoint
from lmevents.exchange.content.needs import DESCRIPTION_LENGTH, SECTOR_LENGTH, SeenNeed
from lmevents.exchange.content.services import (
    ENTERPRISE_LENGTH,
    MAX_POSITION,
    TITLE_LENGTH,
    ExchangeOverview,
)
from lmevents.exchange.models import NeedVisibility


class SeenPresenter(Seen):
    """A presenter (a registry speaker) as a reader sees them."""

    @property
    def display(self) -> str:
        return self.model.display_name(self.viewpoint.lang)


class SeenPresentation(Seen):
    def __init__(self, model, viewpoint: Viewpoint, page_url: str, hidden: frozenset[int]):
        super().__init__(model, viewpoint)
        self.url = page_url
        self.hidden = hidden

    @property
    def presenter(self) -> SeenPresenter | None:
        speaker = self.model.presenter
        if speaker is None or speaker.id in self.hidden:
            return None
        return SeenPresenter(speaker, self.viewpoint)

    @property
    def enterprise_text(self) -> str:
        return self.model.text("enterprise", self.viewpoint.lang)

    @property
    def title_text(self) -> str:
        return self.model.text("title", self.viewpoint.lang)

    @property
    def accepts_meetings(self) -> bool:
        return self.model.contact_user_id is not None


class SeenNeedOut(Seen):
    """A need as its reader may see it (`SeenNeed`), its time in the reader's zone."""

    @property
    def created_at(self) -> datetime:
        return self.model.need.created_at.astimezone(self.viewpoint.zone)

    @property
    def timezone(self) -> str:
        return self.viewpoint.zone_name


class SeenTopic(Seen):
    def __init__(self, model, viewpoint: Viewpoint, presentations: list[SeenPresentation],
                 needs: list[SeenNeedOut] | None = None):
        super().__init__(model, viewpoint)
        self.presentations = presentations
        self.needs = needs or []

    @property
    def title_text(self) -> str:
        return self.model.text("title", self.viewpoint.lang)


class SeenExchangeSession(Seen):
    def __init__(self, model, viewpoint: Viewpoint, topics: list[SeenTopic]):
        super().__init__(model, viewpoint)
        self.topics = topics

    @property
    def starts_at(self) -> datetime:
        return self.model.starts_at.astimezone(self.viewpoint.zone)

    @property
    def ends_at(self) -> datetime:
        return self.model.ends_at.astimezone(self.viewpoint.zone)

    @property
    def timezone(self) -> str:
        return self.viewpoint.zone_name

    @property
    def title_text(self) -> str:
        return self.model.text("title", self.viewpoint.lang)


def seen_exchange(overview: ExchangeOverview, needs: list[SeenNeed], viewpoint: Viewpoint,
                  page_url) -> dict:
    """The exchange as one reader sees it; `page_url(presentation)` gives a presentation's
    page."""
    by_topic: dict[int, list[SeenNeedOut]] = {}
    for need in needs:
        by_topic.setdefault(need.need.topic_id, []).append(SeenNeedOut(need, viewpoint))
    sessions = [
        SeenExchangeSession(entry.session, viewpoint, [
            SeenTopic(topic, viewpoint, [
                SeenPresentation(p, viewpoint, page_url(p), overview.hidden_speakers)
                for p in topic.presentations
            ], by_topic.get(topic.id, []))
            for topic in entry.topics
        ])
        for entry in overview.sessions
    ]
    return {"timezone": viewpoint.zone_name, "sessions": sessions}


# Output


class ExchangePresenterSchema(Schema):
    """The presenter's public profile (never the e-mail address)."""

    speaker_id = fields.Integer(attribute="id")
    name = Bilingual()
    name_native = fields.String(allow_none=True)
    honorific = Bilingual()
    position = Bilingual()
    organization = Bilingual()
    country = fields.String(allow_none=True)
    display = fields.String(metadata={"description": "honorific and name, in `lang`"})


class ExchangePresentationSchema(Schema):
    id = fields.Integer()
    topic_id = fields.Integer()
    position = fields.Integer()
    enterprise = Bilingual()
    enterprise_text = fields.String(metadata={"description": "the enterprise in `lang`"})
    title = Bilingual()
    title_text = fields.String(metadata={"description": "the title in `lang`"})
    summary = Bilingual()
    country = fields.String(allow_none=True, metadata={"example": "CN"})
    presenter = fields.Nested(ExchangePresenterSchema, allow_none=True, metadata={
        "description": "null when none is set or their invitation is not confirmed"})
    accepts_meetings = fields.Boolean(metadata={
        "description": "whether the enterprise has an account that answers meeting requests"})
    url = fields.String(metadata={"description": "the presentation's page, with its questions"})


class NeedPosterSchema(Schema):
    name = fields.String()
    organization = fields.String()


class ExchangeNeedSchema(Schema):
    id = fields.Integer(attribute="need.id")
    topic_id = fields.Integer(attribute="need.topic_id")
    country = fields.String(attribute="need.country", metadata={"example": "LA"})
    sector = fields.String(attribute="need.sector")
    description = fields.String(attribute="need.description")
    visibility = fields.Enum(NeedVisibility, by_value=True, attribute="need.visibility")
    show_contact = fields.Boolean(attribute="need.show_contact")
    poster = fields.Nested(NeedPosterSchema, allow_none=True, metadata={
        "description": "who posted it: only where they allowed it, for the event's "
                       "participants and organizers; never an e-mail address"})
    own = fields.Boolean(metadata={"description": "posted by the caller"})
    hidden = fields.Boolean(metadata={"description": "hidden by an organizer (organizers "
                                                     "alone see hidden needs)"})
    created_at = fields.DateTime(format="iso")
    timezone = fields.String(metadata={"description": "the zone the time is given in"})


class ExchangeTopicSchema(Schema):
    id = fields.Integer()
    session_id = fields.Integer()
    position = fields.Integer()
    title = Bilingual()
    title_text = fields.String(metadata={"description": "the title in `lang`"})
    description = Bilingual()
    presentations = fields.List(fields.Nested(ExchangePresentationSchema))
    needs = fields.List(fields.Nested(ExchangeNeedSchema),
                        metadata={"description": "the needs the caller may see"})


class ExchangeSessionSchema(Schema):
    id = fields.Integer()
    status = fields.Enum(SessionStatus, by_value=True)
    title = Bilingual()
    title_text = fields.String(metadata={"description": "the title in `lang`"})
    starts_at = fields.DateTime(format="iso")
    ends_at = fields.DateTime(format="iso")
    timezone = fields.String(metadata={"description": "the zone the times are given in"})
    room = fields.Nested(PublicRoomSchema, allow_none=True)
    url = EndpointUrl("agenda.session_page", slug="event.slug", session_id="id")
    topics = fields.List(fields.Nested(ExchangeTopicSchema))


class ExchangeSchema(Schema):
    timezone = fields.String(metadata={"description": "the zone the times are given in"})
    sessions = fields.List(fields.Nested(ExchangeSessionSchema),
                           metadata={"description": "exchange sessions by start"})


class ManagedExchangePresentationSchema(ExchangePresentationSchema):
    """A presentation as organizers write it, with the ids they set."""

    presenter_id = fields.Integer(allow_none=True)
    contact_user_id = fields.Integer(allow_none=True, metadata={
        "description": "the enterprise's account that answers meeting requests"})


class ManagedExchangeTopicSchema(Schema):
    id = fields.Integer()
    session_id = fields.Integer()
    position = fields.Integer()
    title = Bilingual()
    description = Bilingual()


# Input

POSITION = {"strict": True, "allow_none": True,
            "validate": validate.Range(min=0, max=MAX_POSITION),
            "metadata": {"description": "listed by position; null or left out: last"}}


class ExchangeTopicInputSchema(InputSchema):
    """A topic of an exchange session; a title in Chinese or English (or both)."""

    session_id = Id(required=True, metadata={
        "description": "one of this event's sessions: a session of kind `exchange`"})
    title_zh = Text(TITLE_LENGTH, allow_none=True, metadata={"description": TITLE_RULE})
    title_en = Text(TITLE_LENGTH, allow_none=True, metadata={"description": TITLE_RULE})
    description_zh = Text(MAX_TEXT, multiline=True, allow_none=True)
    description_en = Text(MAX_TEXT, multiline=True, allow_none=True)
    position = fields.Integer(**POSITION)


class ExchangeTopicPatchSchema(ExchangeTopicInputSchema):
    """Changes to a topic: only the fields given."""


# What lmevents.exchange.content.services.check_presentation asks of the enterprise's name.
ENTERPRISE_RULE = "The enterprise's name is required, in Chinese or English (or both)."


class ExchangePresentationInputSchema(InputSchema):
    """An enterprise's presentation; the enterprise and a title in Chinese or English."""

    topic_id = Id(required=True, metadata={"description": "one of this event's exchange topics"})
    enterprise_zh = Text(ENTERPRISE_LENGTH, allow_none=True,
                         metadata={"description": ENTERPRISE_RULE})
    enterprise_en = Text(ENTERPRISE_LENGTH, allow_none=True,
                         metadata={"description": ENTERPRISE_RULE})
    title_zh = Text(TITLE_LENGTH, allow_none=True, metadata={"description": TITLE_RULE})
    title_en = Text(TITLE_LENGTH, allow_none=True, metadata={"description": TITLE_RULE})
    summary_zh = Text(MAX_TEXT, multiline=True, allow_none=True)
    summary_en = Text(MAX_TEXT, multiline=True, allow_none=True)
    presenter_id = Id(allow_none=True, metadata={"description": "from the speaker registry"})
    country = CountryCode(allow_none=True, metadata={"example": "CN"})
    contact_user_id = Id(allow_none=True, metadata={
        "description": "the enterprise's account, a confirmed participant of the event"})
    position = fields.Integer(**POSITION)


class ExchangePresentationPatchSchema(ExchangePresentationInputSchema):
    """Changes to a presentation: only the fields given."""


class ExchangeNeedInputSchema(InputSchema):
    """A need posted by one of the event's confirmed participants."""

    country = CountryCode(required=True)
    sector = Text(SECTOR_LENGTH, required=True, validate=validate.Length(min=1),
                  metadata={"example": "industrial wastewater"})
    description = Text(DESCRIPTION_LENGTH, multiline=True, required=True,
                       validate=validate.Length(min=1))
    visibility = fields.Enum(NeedVisibility, by_value=True, load_default=None, metadata={
        "description": "`public`: anyone; `participants` (default): the event's registered "
                       "participants and organizers"})
    show_contact = StrictBoolean(load_default=False, metadata={
        "description": "show the poster's name and organization to participants"})
