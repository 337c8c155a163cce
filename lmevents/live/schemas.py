"""API schemas of the live day: attendance per session."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from lmevents.api.schemas import Bilingual, BilingualSchema, InputSchema
from lmevents.core.models import MAX_ID
from lmevents.live.late import MOST_MINUTES

HELD = ("those holding a seat there; null when the session takes no seat (everyone "
        "registered attends it)")


class CountsSchema(Schema):
    registered = fields.Integer(metadata={"description": "confirmed registrations"})
    held_seat = fields.Integer(allow_none=True, metadata={"description": HELD})
    joined = fields.Integer(metadata={"description": "people who joined through lmevents, "
                                                     "each once"})


class CountryCountsSchema(CountsSchema):
    country = fields.String(metadata={"description": "ISO 3166-1 alpha-2; empty when none "
                                                     "was given"})


class AnswerCountsSchema(CountsSchema):
    answer = fields.Integer(allow_none=True, metadata={
        "description": "the option's number in the question's `options`; null: no answer"})
    label = fields.Nested(BilingualSchema, allow_none=True,
                          metadata={"description": "the option as the form shows it"})


class ListeningCountsSchema(CountsSchema):
    language = fields.String(metadata={"description": "the language listened in (ISO 639-1)"})
    heard = fields.Boolean(metadata={
        "description": "whether they hear the session: it is held in their language or "
                       "offers its interpretation (true when the floor language is not said)"})


class QuestionRefSchema(Schema):
    id = fields.Integer()
    label = Bilingual()


class SessionAttendanceSchema(CountsSchema):
    session_id = fields.Integer()
    title = fields.Nested(BilingualSchema)
    starts_at = fields.AwareDateTime()
    ends_at = fields.AwareDateTime()
    joined = fields.Integer(metadata={
        "description": "everyone who joined through lmevents, the event's organizers "
                       "included, each once"})
    by_country = fields.List(fields.Nested(CountryCountsSchema))
    by_answer = fields.List(fields.Nested(AnswerCountsSchema), metadata={
        "description": "by the answer to `question`; empty when there is none"})
    by_listening = fields.List(fields.Nested(ListeningCountsSchema), metadata={
        "description": "by the language listened in: how many need each interpretation"})


class AttendanceSchema(Schema):
    question = fields.Nested(QuestionRefSchema, allow_none=True, metadata={
        "description": "the registration form's choice question `by_answer` breaks down by"})
    sessions = fields.List(fields.Nested(SessionAttendanceSchema))


class AttendanceQuery(Schema):
    # Query strings are text: a strict `Id` would refuse every number given there.
    question_id = fields.Integer(validate=validate.Range(min=1, max=MAX_ID), metadata={
        "description": "a choice question of this event's registration form (`GET "
                       "…/registration-questions`) to break down by: another id is refused; "
                       "the form's first choice question when not given"})


class LiveRoomSchema(Schema):
    name = Bilingual()
    platform = fields.String(metadata={"example": "zoom"})


class LiveSubForumSchema(Schema):
    id = fields.Integer()
    code = fields.String(metadata={"example": "A"})


class LiveSessionSchema(Schema):
    id = fields.Integer()
    kind = fields.String(metadata={"example": "keynote"})
    title = fields.Nested(BilingualSchema)
    starts_at = fields.AwareDateTime()
    ends_at = fields.AwareDateTime()
    subforum = fields.Nested(LiveSubForumSchema, allow_none=True)
    room = fields.Nested(LiveRoomSchema, allow_none=True, attribute="meeting_room",
                         metadata={"description": "where it meets; how to join is given to "
                                                  "those who may, by `join_url`"})
    join_url = fields.String(allow_none=True, metadata={
        "description": "the session's join page on lmevents, which checks that the person may "
                       "join and sends them to the room; null when the session has no room to "
                       "join (a break)"})
    join_opens_at = fields.AwareDateTime(allow_none=True, metadata={
        "description": "from when the join page lets registered participants in (the event's "
                       "`join_opens_minutes` before the start)"})
    page_url = fields.String(metadata={"description": "the session's page"})


class DelaySchema(Schema):
    id = fields.Integer()
    room_id = fields.Integer(allow_none=True)
    subforum_id = fields.Integer(allow_none=True)
    minutes = fields.Integer()
    since = fields.AwareDateTime(metadata={"description": "when it was announced"})
    until = fields.AwareDateTime(metadata={
        "description": "the end of the last session it moved"})


class LateInputSchema(InputSchema):
    minutes = fields.Integer(strict=True, required=True,
                             validate=validate.Range(min=1, max=MOST_MINUTES),
                             metadata={"description": "how late, from 1 to 240"})
    room_id = fields.Integer(strict=True, allow_none=True,
                             validate=validate.Range(min=1, max=MAX_ID), metadata={
                                 "description": "one of this event's virtual rooms: every "
                                                "session meeting there moves; give either "
                                                "room_id or subforum_id (one of them)"})
    subforum_id = fields.Integer(strict=True, allow_none=True,
                                 validate=validate.Range(min=1, max=MAX_ID), metadata={
                                     "description": "one of this event's sub-forums: its "
                                                    "sessions move; give either room_id or "
                                                    "subforum_id (one of them)"})


class LateSchema(Schema):
    delay = fields.Nested(DelaySchema)
    moved = fields.List(fields.Integer(), metadata={
        "description": "the sessions moved, in start order: each one's revision (and its "
                       "calendar SEQUENCE) rose"})
    told = fields.Integer(metadata={"description": "participants holding a seat there, "
                                                   "each sent one e-mail"})


class LiveSchema(Schema):
    on_now = fields.List(fields.Nested(LiveSessionSchema), metadata={
        "description": "the scheduled sessions under way, in start order"})
    up_next = fields.List(fields.Nested(LiveSessionSchema), metadata={
        "description": "the sessions with the next start (parallel ones together); empty "
                       "once the programme is over"})
    delays = fields.List(fields.Nested(DelaySchema), metadata={
        "description": "rooms and sub-forums running late (the times above include it), "
                       "newest first"})
