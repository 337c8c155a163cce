"""API schemas of the exchange's questions and votes."""

from __future__ import annotations

from datetime import datetime

from marshmallow import Schema, fields

from lmevents.api.schemas import FILLED_TEXT_PATTERN, InputSchema, Text
from lmevents.api.viewpoint import Viewpoint
from lmevents.exchange.qa.services import MAX_QUESTION, QuestionLine


class SeenQuestion:
    """A question line as the caller sees it, its times in the asked zone."""

    def __init__(self, line: QuestionLine, viewpoint: Viewpoint):
        self.line = line
        self.viewpoint = viewpoint

    def __getattr__(self, name):
        return getattr(self.line.question, name)

    def _zoned(self, moment: datetime | None) -> datetime | None:
        return moment.astimezone(self.viewpoint.zone) if moment is not None else None

    @property
    def created_at(self) -> datetime:
        return self._zoned(self.line.question.created_at)

    @property
    def answered_at(self) -> datetime | None:
        return self._zoned(self.line.question.answered_at)

    @property
    def timezone(self) -> str:
        return self.viewpoint.zone_name

    @property
    def answered(self) -> bool:
        return self.line.answered

    @property
    def hidden(self) -> bool:
        return self.line.hidden

    @property
    def votes(self) -> int:
        return self.line.votes

    @property
    def voted(self) -> bool:
        return self.line.voted

    @property
    def mine(self) -> bool:
        return self.line.mine

    @property
    def author(self) -> dict | None:
        if self.line.author_name is None and self.line.author_organization is None:
            return None
        return {"name": self.line.author_name, "organization": self.line.author_organization}


class QuestionAuthorSchema(Schema):
    name = fields.String(allow_none=True)
    organization = fields.String(allow_none=True)


class ExchangeQuestionSchema(Schema):
    id = fields.Integer()
    presentation_id = fields.Integer()
    text = fields.String()
    created_at = fields.DateTime(format="iso")
    timezone = fields.String(metadata={"description": "the zone of the times given"})
    votes = fields.Integer(metadata={"description": "upvotes, one per participant at most"})
    voted = fields.Boolean(metadata={"description": "whether the caller voted for it"})
    mine = fields.Boolean(metadata={"description": "whether the caller asked it"})
    answered = fields.Boolean()
    answered_at = fields.DateTime(format="iso", allow_none=True)
    hidden = fields.Boolean(metadata={
        "description": "hidden by a moderator: such questions reach moderators only"})
    author = fields.Nested(QuestionAuthorSchema, allow_none=True, metadata={
        "description": "who asked, as registered: for the organizers and the session's "
                       "chairs and moderators only (null otherwise)"})


class ExchangeQuestionInputSchema(InputSchema):
    """A question to a presenting enterprise."""

    # Blank text passes the schema and is refused by the service (clean_question_text), in
    # the words forms use; the pattern says the same to the document's readers.
    text = Text(MAX_QUESTION, multiline=True, required=True,
                metadata={"pattern": FILLED_TEXT_PATTERN,
                          "description": f"not blank; at most {MAX_QUESTION} characters"})
