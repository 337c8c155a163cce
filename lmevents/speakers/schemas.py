"""API schemas of the speakers area: an event's public speakers, and the registry for organizers.

The public shapes never carry the e-mail address, and a session appears only by its title,
times and page, so a room's join details cannot leak through a speaker either.
"""

from __future__ import annotations

from datetime import datetime

from flask import url_for
from flask_babel import lazy_gettext as _l
from marshmallow import Schema, fields, validate

from lmevents.agenda.models import SpeakerRole
from lmevents.agenda.schemas import Seen, SubForumRefSchema
from lmevents.api.schemas import (
    MAX_TEXT,
    Bilingual,
    BilingualSchema,
    CountryCode,
    EmailAddress,
    EndpointUrl,
    InputSchema,
    Text,
    ViewpointQuery,
    WebLink,
)
from lmevents.api.viewpoint import Viewpoint
from lmevents.core.models import CONTENT_LANGUAGES
from lmevents.core.richtext import render_limited_markdown
from lmevents.events.models import Event
from lmevents.speakers.models import InvitationState, Speaker
from lmevents.speakers.queries import PublicSpeaker
from lmevents.subforums.models import SubForum

COUNTRY = validate.Regexp(r"^[A-Za-z]{2}$",
                          error=_l("A two-letter ISO 3166 country code, e.g. LA."))


def portrait_url(speaker: Speaker) -> str | None:
    """Where the uploaded portrait is served, when there is one."""
    if speaker.photo is None:
        return None
    return url_for("speakers.speaker_photo", speaker_id=speaker.id, _external=True)


class SeenPart(Seen):
    """A speaker's part in a session, its times in the reader's zone."""

    @property
    def starts_at(self) -> datetime:
        return self.model.session.starts_at.astimezone(self.viewpoint.zone)

    @property
    def ends_at(self) -> datetime:
        return self.model.session.ends_at.astimezone(self.viewpoint.zone)

    @property
    def timezone(self) -> str:
        return self.viewpoint.zone_name


class SeenPublicSpeaker(Seen):
    """A public speaker of an event, as a reader sees it; other attributes are the speaker's."""

    def __init__(self, public: PublicSpeaker, event: Event, viewpoint: Viewpoint):
        super().__init__(public.speaker, viewpoint)
        self.public = public
        self.event = event

    @property
    def display_name(self) -> str:
        return self.model.display_name(self.viewpoint.lang)

    @property
    def bio_html(self) -> dict[str, str | None]:
        rendered = {}
        for lang in CONTENT_LANGUAGES:
            text = getattr(self.model, f"bio_{lang}")
            rendered[lang] = str(render_limited_markdown(text)) if text else None
        return rendered

    @property
    def photo_url(self) -> str | None:
        return portrait_url(self.model) or self.model.photo_url

    @property
    def roles(self) -> list[SpeakerRole]:
        return self.public.roles

    @property
    def parts(self) -> list[SeenPart]:
        return [SeenPart(part, self.viewpoint) for part in self.public.parts]

    @property
    def moderates(self) -> list[SubForum]:
        return self.public.moderates


class SpeakerQuery(ViewpointQuery):
    country = fields.String(validate=COUNTRY, metadata={"example": "LA"})
    organization = Text(200, metadata={
        "description": "part of the organization's name, in either language, any case"})


class SpeakerPartSchema(Schema):
    session_id = fields.Integer()
    title = Bilingual(attribute="session.title")
    role = fields.Enum(SpeakerRole, by_value=True)
    talk_title = Bilingual()
    starts_at = fields.DateTime(format="iso")
    ends_at = fields.DateTime(format="iso")
    timezone = fields.String(metadata={"description": "the zone the times are given in"})
    url = EndpointUrl("agenda.session_page", slug="session.event.slug", session_id="session_id")


class SpeakerProfileSchema(Schema):
    """What anyone may know of a speaker."""

    id = fields.Integer()
    name = Bilingual()
    name_native = fields.String(allow_none=True)
    honorific = Bilingual()
    position = Bilingual()
    organization = Bilingual()
    country = fields.String(allow_none=True, metadata={"example": "LA"})
    bio = Bilingual(metadata={"description": "limited Markdown, as written"})


class PublicSpeakerSchema(SpeakerProfileSchema):
    """A speaker of one event: profile, roles and parts (never the e-mail address)."""

    display_name = fields.String(metadata={"description": "honorific and name, in `lang`"})
    bio_html = fields.Nested(BilingualSchema, metadata={"description": "the biography as HTML"})
    photo_url = fields.String(allow_none=True, metadata={
        "description": "the uploaded portrait, else the linked photo"})
    roles = fields.List(fields.Enum(SpeakerRole, by_value=True),
                        metadata={"description": "in this event, weightiest first"})
    parts = fields.List(fields.Nested(SpeakerPartSchema),
                        metadata={"description": "sessions spoken in, by start"})
    moderates = fields.List(fields.Nested(SubForumRefSchema),
                            metadata={"description": "sub-forums moderated"})
    url = EndpointUrl("speakers.speaker_profile", slug="event.slug", speaker_id="id")


class InvitationSchema(Schema):
    """A speaker's invitation to one event."""

    event = fields.String(attribute="event.slug", metadata={"example": "lm-roundtable-2020"})
    speaker_id = fields.Integer()
    state = fields.Enum(InvitationState, by_value=True)
    updated_at = fields.DateTime(format="iso")


class RegistrySpeakerSchema(SpeakerProfileSchema):
    """A registry entry for organizers: the fields as entered, the e-mail address included."""

    photo_url = fields.String(allow_none=True, metadata={"description": "the linked photo"})
    portrait_url = fields.Function(portrait_url, allow_none=True, metadata={
        "type": "string", "description": "the uploaded portrait, if any"})
    email = fields.String(allow_none=True)
    created_at = fields.DateTime(format="iso")
    invitations = fields.List(fields.Nested(InvitationSchema))


NAME = "A name is required, in Chinese or English (or both)."


class SpeakerInputSchema(InputSchema):
    """A registry entry; a name in Chinese or English (or both) is required."""

    name_zh = Text(200, allow_none=True, metadata={"description": NAME})
    name_en = Text(200, allow_none=True, metadata={"description": NAME})
    name_native = Text(200, allow_none=True)
    honorific_zh = Text(50, allow_none=True)
    honorific_en = Text(50, allow_none=True)
    position_zh = Text(MAX_TEXT, allow_none=True)
    position_en = Text(MAX_TEXT, allow_none=True)
    organization_zh = Text(MAX_TEXT, allow_none=True)
    organization_en = Text(MAX_TEXT, allow_none=True)
    country = CountryCode(allow_none=True)
    bio_zh = Text(MAX_TEXT, multiline=True, allow_none=True,
                  metadata={"description": "limited Markdown"})
    bio_en = Text(MAX_TEXT, multiline=True, allow_none=True,
                  metadata={"description": "limited Markdown"})
    photo_url = WebLink(allow_none=True)
    email = EmailAddress(allow_none=True, metadata={"description": "private: never shown"})


class SpeakerPatchSchema(SpeakerInputSchema):
    """Changes to a registry entry: only the fields given."""


class InvitationInputSchema(InputSchema):
    state = fields.Enum(InvitationState, by_value=True, required=True)
