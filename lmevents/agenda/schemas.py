"""API schemas of the agenda area: sessions, their speakers, virtual rooms, the change log."""

from __future__ import annotations

from datetime import datetime

from marshmallow import Schema, fields, post_load, validate

from lmevents.agenda.models import Platform, SessionKind, SessionStatus, SpeakerRole
from lmevents.agenda.services import SpeakerEntry, TopicEntry
from lmevents.api.schemas import (
    MAX_TEXT,
    TIME_DESCRIPTION,
    TITLE_RULE,
    AwareDateTime,
    Bilingual,
    Count,
    EndpointUrl,
    Id,
    InputSchema,
    Text,
    WebLink,
)
from lmevents.api.viewpoint import Viewpoint
from lmevents.core.models import SPOKEN_LANGUAGES


class Seen:
    """A model as a reader sees it from a viewpoint; other attributes are the model's own."""

    def __init__(self, model, viewpoint: Viewpoint):
        self.model = model
        self.viewpoint = viewpoint

    def __getattr__(self, name):
        return getattr(self.model, name)


class SeenSpeaker(Seen):
    """A speaker's (or moderator's) line: anything with a `speaker`."""

    @property
    def display(self) -> str:
        return self.model.speaker.display_name(self.viewpoint.lang)


class SeenSession(Seen):
    """A session with its times in the reader's zone and its texts in their language."""

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

    @property
    def speakers(self) -> list[SeenSpeaker]:
        return [SeenSpeaker(line, self.viewpoint) for line in self.model.speakers
                if line.speaker_id not in self.viewpoint.hidden_speakers]


class PublicRoomSchema(Schema):
    """A virtual room as the public sees it: never how to join."""

    id = fields.Integer()
    name = Bilingual()
    platform = fields.Enum(Platform, by_value=True)


class ChannelSchema(Schema):
    language = fields.String(validate=validate.OneOf(SPOKEN_LANGUAGES), metadata={
        "description": "the language interpreted into (ISO 639-1): one of "
                       + ", ".join(SPOKEN_LANGUAGES) + "; each once, not the floor's"})
    channel = fields.String(allow_none=True, metadata={
        "description": "the language channel's name in the room's platform", "example": "English"})
    join_url = fields.String(allow_none=True, metadata={
        "description": "a separate link to hear it; give a channel, a link or both"})


class RoomSchema(PublicRoomSchema):
    """A virtual room for organizers, with its join details and interpretation."""

    join_url = fields.String(allow_none=True)
    meeting_id = fields.String(allow_none=True)
    passcode = fields.String(allow_none=True)
    floor_language = fields.String(allow_none=True, metadata={
        "description": "the language its sessions are held in (ISO 639-1)"})
    channels = fields.List(fields.Nested(ChannelSchema), metadata={
        "description": "how to hear each interpretation, in order"})


class SubForumRefSchema(Schema):
    id = fields.Integer()
    code = fields.String(metadata={"example": "A"})
    title = Bilingual()


class SpeakerLineSchema(Schema):
    """A speaker in a session or sub-forum: public profile only (never the e-mail address)."""

    speaker_id = fields.Integer()
    name = Bilingual(attribute="speaker.name")
    name_native = fields.String(attribute="speaker.name_native", allow_none=True)
    honorific = Bilingual(attribute="speaker.honorific")
    position = Bilingual(attribute="speaker.position")
    organization = Bilingual(attribute="speaker.organization")
    country = fields.String(attribute="speaker.country", allow_none=True)
    display = fields.String(metadata={"description": "honorific and name, in `lang`"})


class SessionSpeakerSchema(SpeakerLineSchema):
    role = fields.Enum(SpeakerRole, by_value=True)
    talk_title = Bilingual()


class TopicSchema(Schema):
    title = Bilingual()


class SessionSummarySchema(Schema):
    id = fields.Integer()
    kind = fields.Enum(SessionKind, by_value=True)
    status = fields.Enum(SessionStatus, by_value=True)
    title = Bilingual()
    title_text = fields.String(metadata={"description": "the title in `lang`"})
    starts_at = fields.DateTime(format="iso")
    ends_at = fields.DateTime(format="iso")
    timezone = fields.String(metadata={"description": "the zone the times are given in"})
    url = EndpointUrl("agenda.session_page", slug="event.slug", session_id="id")


class SessionSchema(SessionSummarySchema):
    uid = fields.String(metadata={"description": "stable calendar identity (RFC 5545 UID)"})
    revision = fields.Integer(metadata={"description": "bumped by each published change"})
    description = Bilingual()
    room = fields.Nested(PublicRoomSchema, allow_none=True)
    subforum = fields.Nested(SubForumRefSchema, allow_none=True)
    capacity = fields.Integer(allow_none=True)
    floor_language = fields.String(attribute="spoken_language", allow_none=True, metadata={
        "description": "the language spoken (ISO 639-1): the session's own, else its room's"})
    topics = fields.Pluck(TopicSchema, "title", many=True)
    speakers = fields.List(fields.Nested(SessionSpeakerSchema))


class SessionChangeSchema(Schema):
    id = fields.Integer()
    action = fields.String(metadata={"example": "modified"})
    changes = fields.Dict(
        keys=fields.String(), values=fields.List(fields.Raw()),
        metadata={"description": "{field: [old, new]}"},
    )
    revision = fields.Integer()
    changed_at = fields.DateTime(format="iso")
    changed_by_id = fields.Integer(allow_none=True)
    changed_by = fields.String(attribute="changed_by.name", allow_none=True, dump_default=None)


class SpeakerEntrySchema(InputSchema):
    speaker_id = Id(required=True)
    role = fields.Enum(SpeakerRole, by_value=True, required=True)
    talk_title_zh = Text(300, allow_none=True)
    talk_title_en = Text(300, allow_none=True)

    @post_load
    def to_entry(self, data, **kwargs) -> SpeakerEntry:
        return SpeakerEntry(**data)


class TopicInputSchema(InputSchema):
    title_zh = Text(300, allow_none=True)
    title_en = Text(300, allow_none=True)

    @post_load
    def to_entry(self, data, **kwargs) -> TopicEntry:
        return TopicEntry(**data)


# What lmevents.agenda.scheduling.check_times asks of a session's times, in the event's zone.
WITHIN_THE_EVENT = ("within the event's dates (from the start of its first day to the end of its "
                    "last, in its time zone)")


class SessionInputSchema(InputSchema):
    """A new session; every scheduling rule is checked when it is placed."""

    kind = fields.Enum(SessionKind, by_value=True, required=True)
    starts_at = AwareDateTime(required=True, metadata={
        "description": f"{TIME_DESCRIPTION}; {WITHIN_THE_EVENT}"})
    ends_at = AwareDateTime(required=True, metadata={
        "description": f"{TIME_DESCRIPTION}; after starts_at, {WITHIN_THE_EVENT}"})
    title_zh = Text(300, allow_none=True, metadata={"description": TITLE_RULE})
    title_en = Text(300, allow_none=True, metadata={"description": TITLE_RULE})
    description_zh = Text(MAX_TEXT, multiline=True, allow_none=True)
    description_en = Text(MAX_TEXT, multiline=True, allow_none=True)
    room_id = Id(allow_none=True, metadata={
        "description": "one of this event's virtual rooms: another is refused (422)"})
    subforum_id = Id(allow_none=True, metadata={
        "description": "one of this event's sub-forums: another is refused (422); required "
                       "when kind is `subforum`"})
    capacity = Count(allow_none=True)
    floor_language = fields.String(
        allow_none=True, validate=validate.OneOf(SPOKEN_LANGUAGES), metadata={
            "description": "the language spoken, when not its room's: one of "
                           + ", ".join(SPOKEN_LANGUAGES) + "; null: the room's"})
    speakers = fields.List(
        fields.Nested(SpeakerEntrySchema), validate=validate.Length(max=100), metadata={
            "description": "speakers of the registry, each once: an unknown one is refused "
                           "(422)"})
    topics = fields.List(fields.Nested(TopicInputSchema), validate=validate.Length(max=50))


class SessionPatchSchema(SessionInputSchema):
    """Changes to a session: only the fields given; `speakers` and `topics` replace the lists."""


ROOM_NAME = "A room name is required, in Chinese or English (or both)."


class ChannelInputSchema(InputSchema):
    language = fields.String(required=True, validate=validate.OneOf(SPOKEN_LANGUAGES),
                             metadata={"description": "the language interpreted into: each "
                                                      "language once, not the floor's"})
    channel = Text(100, allow_none=True, metadata={
        "description": "the language channel's name in the room's platform; give a channel, "
                       "a join_url or both"})
    join_url = WebLink(allow_none=True, metadata={
        "description": "a separate link to hear it; give a channel, a join_url or both"})


class RoomInputSchema(InputSchema):
    name_zh = Text(200, allow_none=True, metadata={"description": ROOM_NAME})
    name_en = Text(200, allow_none=True, metadata={"description": ROOM_NAME})
    platform = fields.Enum(Platform, by_value=True)
    join_url = WebLink(allow_none=True)
    meeting_id = Text(100, allow_none=True)
    passcode = Text(100, allow_none=True)
    floor_language = fields.String(
        allow_none=True, validate=validate.OneOf(SPOKEN_LANGUAGES), metadata={
            "description": "the language its sessions are held in: one of "
                           + ", ".join(SPOKEN_LANGUAGES)})
    channels = fields.List(fields.Nested(ChannelInputSchema),
                           validate=validate.Length(max=len(SPOKEN_LANGUAGES) - 1), metadata={
                               "description": "how to hear each interpretation (replaces the "
                                              "room's); each language once, not the floor's"})
