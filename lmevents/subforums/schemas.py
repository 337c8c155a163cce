"""API schemas of the subforums area."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from marshmallow import Schema, fields, validate

from lmevents.agenda.schemas import (
    PublicRoomSchema,
    Seen,
    SeenSession,
    SeenSpeaker,
    SessionSummarySchema,
    SpeakerLineSchema,
    TopicInputSchema,
    TopicSchema,
)
from lmevents.api.schemas import (
    MAX_TEXT,
    TITLE_RULE,
    Bilingual,
    Count,
    EndpointUrl,
    Id,
    InputSchema,
    Text,
)
from lmevents.api.viewpoint import Viewpoint
from lmevents.registration import seats
from lmevents.subforums.services import CODE_RE

SeatCounts = dict[tuple[str, int], dict[str, int]]


class SeenSubForum(Seen):
    """A sub-forum with its sessions' times in the reader's zone and its seats, counted for
    the whole event beforehand (`seat_counts`) so a list costs no query per sub-forum."""

    def __init__(self, model, viewpoint: Viewpoint, counts: SeatCounts):
        super().__init__(model, viewpoint)
        self.counts = counts
        # Held while the response is written: the identity map keeps objects only as long as
        # something refers to them, and the sessions' links would otherwise reload the event.
        self.event = model.event

    @property
    def title_text(self) -> str:
        return self.model.text("title", self.viewpoint.lang)

    @property
    def moderators(self) -> list[SeenSpeaker]:
        return [SeenSpeaker(line, self.viewpoint) for line in self.model.moderators
                if line.speaker_id not in self.viewpoint.hidden_speakers]

    @property
    def sessions(self) -> list[SeenSession]:
        return [SeenSession(s, self.viewpoint) for s in self.model.sessions]

    @property
    def seats_left(self) -> int | None:
        return seats.seats_left(self.model, self.counts)

    @property
    def waiting(self) -> int:
        return self.counts.get(("subforum", self.model.id), {}).get("waiting", 0)


class SubForumSchema(Schema):
    id = fields.Integer()
    code = fields.String(metadata={"example": "A"})
    position = fields.Integer()
    title = Bilingual()
    title_text = fields.String(metadata={"description": "the title in `lang`"})
    description = Bilingual()
    topics = fields.Pluck(TopicSchema, "title", many=True)
    moderators = fields.List(fields.Nested(SpeakerLineSchema))
    room = fields.Nested(PublicRoomSchema, allow_none=True)
    capacity = fields.Integer(allow_none=True)
    seats_left = fields.Integer(
        allow_none=True,
        metadata={"description": "capacity less the seats held; null when the room is unlimited"},
    )
    waiting = fields.Integer(metadata={"description": "people in the waiting line"})
    sessions = fields.List(fields.Nested(SessionSummarySchema))
    url = EndpointUrl("subforums.subforum_page", slug="event.slug", subforum_id="id")


class SubForumInputSchema(InputSchema):
    """A new sub-forum; `topics` and `moderator_ids` are lists in display order."""

    code = Text(10, required=True, validate=validate.Regexp(
        CODE_RE, error=_l("A short code of 1–10 letters, digits or hyphens, e.g. 'A'.")))
    title_zh = Text(300, allow_none=True, metadata={"description": TITLE_RULE})
    title_en = Text(300, allow_none=True, metadata={"description": TITLE_RULE})
    description_zh = Text(MAX_TEXT, multiline=True, allow_none=True)
    description_en = Text(MAX_TEXT, multiline=True, allow_none=True)
    room_id = Id(allow_none=True, metadata={
        "description": "one of this event's virtual rooms: another is refused (422)"})
    capacity = Count(allow_none=True)
    position = fields.Integer(strict=True, validate=validate.Range(min=0, max=10_000))
    topics = fields.List(fields.Nested(TopicInputSchema), validate=validate.Length(max=50))
    moderator_ids = fields.List(Id(), validate=validate.Length(max=20), metadata={
        "uniqueItems": True,
        "description": "speakers of the registry, each once: an unknown one is refused (422)"})


class SubForumPatchSchema(SubForumInputSchema):
    """Changes to a sub-forum: only the fields given."""
