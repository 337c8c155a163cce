"""API schemas of the events area: what an event looks like in and out."""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from marshmallow import Schema, fields, post_load, validate

from lmevents.api.schemas import (
    MAX_TEXT,
    TITLE_RULE,
    AwareDateTime,
    Bilingual,
    Derived,
    EmailAddress,
    EndpointUrl,
    InputSchema,
    StrictBoolean,
    Text,
    WebLink,
    Zone,
)
from lmevents.core.models import LANGUAGES
from lmevents.events.models import SLUG_RE, RegistrationMode
from lmevents.events.services import JOIN_OPENS_AT_MOST, ContactInput, HostInput
from lmevents.registration.deadline import registration_is_open

JOIN_OPENS = ("how many minutes before a session its registered participants may join its "
              "room through lmevents (`/events/{slug}/sessions/{id}/join`), from 0 to 240")
CLOSES_AT = ("when registration closes (ISO 8601 with a UTC offset); null: when the event "
             "ends, at the end of its last day in its time zone")

# Wide enough for any conference, narrow enough that a day's bounds in any zone exist. The
# document says so with a pattern: JSON Schema bounds only numbers.
EVENT_DAYS = validate.Range(min=date(1970, 1, 1), max=date(2999, 12, 31))
EVENT_DAY = {"pattern": "^(19[7-9][0-9]|2[0-9]{3})-", "example": "2020-11-26"}


class HostSchema(Schema):
    name = Bilingual()
    abbreviation = fields.String(allow_none=True)
    role = fields.String(metadata={"example": "host"})
    url = fields.String(allow_none=True)


class ContactSchema(Schema):
    address = Bilingual()
    postcode = fields.String(allow_none=True)
    phone = fields.String(allow_none=True)
    fax = fields.String(allow_none=True)
    emails = fields.List(fields.String(), attribute="email_list")
    website = fields.String(allow_none=True)
    wechat = Bilingual()


class EventLinksSchema(Schema):
    page = EndpointUrl("events.event_home", slug="slug")
    agenda = EndpointUrl("agenda.agenda", slug="slug")
    sessions = EndpointUrl("agenda_api.Sessions", slug="slug")
    subforums = EndpointUrl("subforums_api.SubForums", slug="slug")


class EventSchema(Schema):
    slug = fields.String(metadata={"example": "lm-roundtable-2020"})
    title = Bilingual()
    theme = Bilingual()
    description = Bilingual()
    schedule_note = Bilingual()
    timezone = fields.String(metadata={"example": "Asia/Shanghai"})
    start_date = fields.Date()
    end_date = fields.Date()
    default_language = fields.String(validate=validate.OneOf(LANGUAGES))
    registration_mode = fields.String(metadata={
        "description": "open: registrations are confirmed at once; approval: organizers "
                       "confirm each one; closed: no new registrations"})
    registration_closes_at = fields.DateTime(format="iso", allow_none=True,
                                             metadata={"description": CLOSES_AT})
    join_opens_minutes = fields.Integer(metadata={"description": JOIN_OPENS})
    registration_open = fields.Function(
        lambda event: registration_is_open(event), dump_only=True,
        metadata={"type": "boolean",
                  "description": "whether one may register now: the mode lets people in and "
                                 "the deadline is ahead"})
    published = fields.Boolean()
    hosts = fields.List(fields.Nested(HostSchema))
    contact = fields.Nested(ContactSchema, allow_none=True)
    links = Derived(EventLinksSchema, dump_only=True)


class HostInputSchema(InputSchema):
    name_zh = Text(300, allow_none=True)
    name_en = Text(300, allow_none=True)
    abbreviation = Text(20, allow_none=True)
    role = Text(20, metadata={"example": "host"})
    url = WebLink(allow_none=True)

    @post_load
    def to_input(self, data, **kwargs) -> HostInput:
        return HostInput(**data)


class ContactInputSchema(InputSchema):
    address_zh = Text(allow_none=True, multiline=True)
    address_en = Text(allow_none=True, multiline=True)
    postcode = Text(20, allow_none=True)
    phone = Text(100, allow_none=True)
    fax = Text(100, allow_none=True)
    emails = fields.List(EmailAddress(), validate=validate.Length(max=20))
    website = WebLink(allow_none=True)
    wechat_zh = Text(200, allow_none=True)
    wechat_en = Text(200, allow_none=True)

    @post_load
    def to_input(self, data, **kwargs) -> ContactInput:
        return ContactInput(**data)


class EventInputSchema(InputSchema):
    """A new event; `hosts` and `contact` replace what the event had."""

    slug = Text(64, required=True, validate=validate.Regexp(
        SLUG_RE, error=_l("Use 1–64 lower-case letters, digits and inner hyphens.")))
    timezone = Zone(required=True)
    start_date = fields.Date(required=True, validate=EVENT_DAYS, metadata=EVENT_DAY | {
        "description": "the first day, from 1970-01-01 to 2999-12-31"})
    end_date = fields.Date(required=True, validate=EVENT_DAYS, metadata=EVENT_DAY | {
        "description": "the last day, from 1970-01-01 to 2999-12-31; not before start_date"})
    title_zh = Text(300, allow_none=True, metadata={"description": TITLE_RULE})
    title_en = Text(300, allow_none=True, metadata={"description": TITLE_RULE})
    theme_zh = Text(MAX_TEXT, multiline=True, allow_none=True)
    theme_en = Text(MAX_TEXT, multiline=True, allow_none=True)
    description_zh = Text(MAX_TEXT, multiline=True, allow_none=True)
    description_en = Text(MAX_TEXT, multiline=True, allow_none=True)
    schedule_note_zh = Text(MAX_TEXT, multiline=True, allow_none=True)
    schedule_note_en = Text(MAX_TEXT, multiline=True, allow_none=True)
    default_language = fields.String(validate=validate.OneOf(LANGUAGES))
    registration_mode = fields.String(validate=validate.OneOf([m.value for m in RegistrationMode]))
    registration_closes_at = AwareDateTime(
        allow_none=True, metadata={"description": CLOSES_AT + "; at the latest the event's end",
                                   "example": "2020-11-20T18:00:00+08:00"})
    join_opens_minutes = fields.Integer(
        strict=True, validate=validate.Range(min=0, max=JOIN_OPENS_AT_MOST),
        metadata={"description": JOIN_OPENS + "; 15 when not given"})
    hosts = fields.List(fields.Nested(HostInputSchema), validate=validate.Length(max=20),
                        metadata={"description": "the organizing bodies in display order, each "
                                                 "with a name in Chinese or English"})
    contact = fields.Nested(ContactInputSchema)


class EventPatchSchema(EventInputSchema):
    """Changes to an event: only the fields given are changed."""

    published = StrictBoolean(
        metadata={"description": "publish (true) or withdraw (false) the event"}
    )


class TeamMemberSchema(Schema):
    id = fields.Integer()
    email = fields.Function(lambda member: member.user.email)
    name = fields.Function(lambda member: member.user.name)
    role = fields.Function(lambda member: member.role.value,
                           metadata={"enum": ["owner", "editor"]})
    added_at = fields.DateTime()


class TeamMemberInputSchema(InputSchema):
    email = Text(254, required=True, metadata={
        "description": "the address of an existing account: one without an account is refused "
                       "(422), for they must sign up first"})
    role = fields.String(load_default="editor", validate=validate.OneOf(["owner", "editor"]))


class TeamRoleSchema(InputSchema):
    role = fields.String(required=True, validate=validate.OneOf(["owner", "editor"]))


class AuditChangeSchema(Schema):
    what = fields.String(metadata={"description": "the table", "example": "sessions"})
    id = fields.String(metadata={"description": "the row's key"})
    change = fields.String(metadata={"enum": ["added", "changed", "removed"]})
    # "fields" would shadow the schema's own attribute of that name.
    changed_fields = fields.List(fields.String(), attribute="fields", data_key="fields",
                                 metadata={"description": "columns changed"})


class AuditEntrySchema(Schema):
    id = fields.Integer()
    at = fields.DateTime()
    actor = fields.String(metadata={"description": "the e-mail address of who acted"})
    address = fields.String(allow_none=True, metadata={"description": "their IP address"})
    action = fields.String(metadata={"example": "PATCH /api/v1/events/lm-roundtable-2020"})
    changes = fields.List(fields.Nested(AuditChangeSchema))
