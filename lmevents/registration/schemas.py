"""API schemas of the registration area: registrations, seats and the organizer's questions."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from marshmallow import Schema, ValidationError, fields, validate

from lmevents.api.schemas import (
    FILLED_LINE_PATTERN,
    Bilingual,
    BilingualSchema,
    CountryCode,
    Id,
    InputSchema,
    StrictBoolean,
    Text,
    Zone,
)
from lmevents.core.models import LANGUAGES, MAX_ID, SPOKEN_LANGUAGES
from lmevents.registration.models import (
    QuestionKind,
    Registration,
    RegistrationStatus,
    Seat,
    SeatState,
)
from lmevents.registration.questions import MAX_ANSWER_LENGTH, MAX_OPTIONS


class ShownSeat:
    """A seat with what it is for and its place in the waiting line (None while held)."""

    def __init__(self, seat: Seat, positions: dict[int, int]):
        self.model = seat
        self.waiting_position = positions.get(seat.id)

    def __getattr__(self, name):
        return getattr(self.model, name)

    @property
    def kind(self) -> str:
        return "subforum" if self.model.subforum_id is not None else "session"

    @property
    def target(self):
        return self.model.subforum if self.model.subforum_id is not None else self.model.session


class ShownRegistration:
    """A registration with its seats' places in their waiting lines."""

    def __init__(self, registration: Registration, positions: dict[int, int]):
        self.model = registration
        self.seats = [ShownSeat(seat, positions) for seat in registration.seats]

    def __getattr__(self, name):
        return getattr(self.model, name)


class SeatSchema(Schema):
    id = fields.Integer()
    kind = fields.String(metadata={"description": "subforum or session: what the seat is in"})
    subforum_id = fields.Integer(allow_none=True)
    session_id = fields.Integer(allow_none=True)
    title = Bilingual(attribute="target.title")
    state = fields.Enum(SeatState, by_value=True,
                        metadata={"description": "held, or waiting for a seat to free up"})
    waiting_position = fields.Integer(
        allow_none=True, metadata={"description": "place in the waiting line (1 is next); "
                                                  "null when the seat is held"})
    replaces_seat_id = fields.Integer(
        attribute="replaces_id", allow_none=True,
        metadata={"description": "a switch that waits: the held seat given up once this one "
                                 "is held"})


class RegistrationSchema(Schema):
    id = fields.Integer()
    event = fields.String(attribute="event.slug", metadata={"example": "lm-roundtable-2020"})
    status = fields.String(attribute="standing", metadata={
        "enum": ["pending", "confirmed", "waitlisted", "rejected", "cancelled"],
        "description": "pending (awaits an organizer's approval), confirmed, waitlisted "
                       "(confirmed, waiting for a seat in a sub-forum: see `seats`), rejected "
                       "or cancelled"})
    name = fields.String()
    organization = fields.String()
    position = fields.String()
    country = fields.String(allow_none=True)
    language = fields.String()
    listening_language = fields.String(allow_none=True, metadata={
        "description": "the language the participant listens in: their interpretation "
                       "channel follows from it"})
    timezone = fields.String()
    answers = fields.Dict(keys=fields.String(), values=fields.Raw(), metadata={
        "description": "by question id: text, an option number, or true/false"})
    created_at = fields.DateTime(format="iso", metadata={"description": "in UTC"})
    seats = fields.List(fields.Nested(SeatSchema))
    preferred_subforum_id = fields.Integer(
        allow_none=True, metadata={"description": "the sub-forum asked for, while pending"})
    reminders = fields.Boolean(metadata={
        "description": "reminders before each session (e-mail and feed alarm); the "
                       "participant switches them with PATCH …/registrations/me"})


class OrganizerRegistrationSchema(RegistrationSchema):
    """A registration as organizers see it: with the account and the decision."""

    user_id = fields.Integer()
    email = fields.String(attribute="user.email")
    consented_at = fields.DateTime(format="iso")
    updated_at = fields.DateTime(format="iso")
    decided_at = fields.DateTime(format="iso", allow_none=True)
    decision_note = fields.String(allow_none=True)


MAX_ANSWERS = 500


def _at_most_answers(answers: dict) -> None:
    if len(answers) > MAX_ANSWERS:
        raise ValidationError(str(_l("At most %(limit)s answers.", limit=MAX_ANSWERS)))


class RegistrationInputSchema(InputSchema):
    """Registering: each left-out personal field is taken from the caller's account."""

    name = Text(200, metadata={"pattern": FILLED_LINE_PATTERN,
                               "description": "not blank; default: the account's name"})
    organization = Text(300, allow_none=True)
    position = Text(300, allow_none=True)
    country = CountryCode(allow_none=True)
    language = fields.String(validate=validate.OneOf(LANGUAGES))
    listening_language = fields.String(
        allow_none=True, validate=validate.OneOf(SPOKEN_LANGUAGES), metadata={
            "description": "the language listened in, one of " + ", ".join(SPOKEN_LANGUAGES)
                           + "; default: `language`"})
    timezone = Zone(metadata={"description": "default: the account's zone, else the event's"})
    consent = StrictBoolean(required=True, metadata={
        "description": "must be true: agreement to the use of these data for the event"})
    answers = fields.Dict(
        keys=fields.String(), values=fields.Raw(allow_none=True),
        # Counted in entries: the document's maxProperties (a Length would say maxLength).
        validate=_at_most_answers, metadata={
            "maxProperties": MAX_ANSWERS,
            "description": "answers to the event's questions by question id (another id is "
                           f"refused): text of at most {MAX_ANSWER_LENGTH} characters, an "
                           "option number (from 0), or true/false, as the question's kind "
                           "asks; every required question needs an answer"})
    subforum_id = Id(allow_none=True, metadata={
        "description": "a sub-forum to take a seat in (asked for while approval is pending)"})


class RegistrationQuery(Schema):
    status = fields.Enum(RegistrationStatus, by_value=True)
    # Query strings are text: a strict `Id` would refuse every number given there.
    subforum_id = fields.Integer(
        validate=validate.Range(min=1, max=MAX_ID),
        metadata={"description": "only those holding or waiting for a seat there"})


class RejectionSchema(InputSchema):
    note = Text(2000, multiline=True, allow_none=True,
                metadata={"description": "told to the participant"})


class MyRegistrationPatchSchema(InputSchema):
    reminders = StrictBoolean(required=True, metadata={
        "description": "e-mail reminders the day before and 15 minutes before each of the "
                       "caller's sessions of this event, and an alarm in their personal feed"})


class SeatRequestSchema(InputSchema):
    switch = StrictBoolean(load_default=False, metadata={
        "description": "give up the overlapping seat (kept until this one is held when full)"})


class RegistrationQuestionSchema(Schema):
    id = fields.Integer()
    kind = fields.Enum(QuestionKind, by_value=True)
    label = Bilingual()
    options = fields.List(fields.Nested(BilingualSchema),
                          metadata={"description": "choice questions: answered by number"})
    required = fields.Boolean()
    position = fields.Integer()


class QuestionOptionSchema(InputSchema):
    zh = Text(300, allow_none=True)
    en = Text(300, allow_none=True)


# What lmevents.registration.questions asks of a question's text and options.
LABEL = "A text for the question is required, in Chinese or English (or both)."
OPTIONS = ("in display order, answered by number (from 0); an option with neither text is "
           "dropped. A choice question needs at least two options, and options are only for "
           "choice questions")
# update_question: answers keep option numbers.
OPTIONS_KEPT = ("once a choice question exists, its options are only added or renamed, never "
                "removed: the new list has at least as many, so it stays a choice question")


class RegistrationQuestionInputSchema(InputSchema):
    kind = fields.Enum(QuestionKind, by_value=True, required=True)
    label_zh = Text(300, allow_none=True, metadata={"description": LABEL})
    label_en = Text(300, allow_none=True, metadata={"description": LABEL})
    options = fields.List(fields.Nested(QuestionOptionSchema),
                          validate=validate.Length(max=MAX_OPTIONS),
                          metadata={"description": OPTIONS})
    required = StrictBoolean()
    position = fields.Integer(strict=True, validate=validate.Range(min=0, max=10_000))


class RegistrationQuestionPatchSchema(RegistrationQuestionInputSchema):
    """Changes to a question: only the fields given; `options` replaces the list."""

    options = fields.List(fields.Nested(QuestionOptionSchema),
                          validate=validate.Length(max=MAX_OPTIONS),
                          metadata={"description": f"{OPTIONS}; {OPTIONS_KEPT}"})
