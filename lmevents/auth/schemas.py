"""API schemas of the auth area."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from lmevents.api.schemas import InputSchema, Text
from lmevents.core.models import LANGUAGES


class TokenRequestSchema(InputSchema):
    email = Text(254, required=True)
    # Long enough for any passphrase, short enough that hashing it is no burden.
    password = Text(1024, multiline=True, required=True, load_only=True)


class SignUpSchema(InputSchema):
    email = Text(254, required=True)
    password = Text(1024, multiline=True, required=True, load_only=True,
                    metadata={"description": "at least 10 characters"})
    name = Text(200, required=True)
    organization = Text(300, load_default="")
    country = Text(2, load_default=None, metadata={"description": "ISO 3166 code, e.g. LA"})
    timezone = Text(64, load_default=None, metadata={"description": "IANA zone"})
    language = fields.String(load_default="en", validate=validate.OneOf(LANGUAGES))


class AccountSchema(Schema):
    id = fields.Integer()
    email = fields.String()
    name = fields.String()
    organization = fields.String()
    country = fields.String(allow_none=True)
    timezone = fields.String(allow_none=True)
    language = fields.String()
    email_confirmed = fields.Function(lambda user: user.email_confirmed_at is not None)


class TokenInfoSchema(Schema):
    """A token as its owner may see it later: never the secret itself."""

    id = fields.Integer()
    label = fields.String()
    created_at = fields.DateTime()
    last_used_at = fields.DateTime(allow_none=True)
    revoked = fields.Function(lambda token: token.revoked_at is not None)


class TokenSchema(Schema):
    token = fields.String(
        required=True,
        metadata={"description": "send as 'Authorization: Bearer <token>'; shown only once"},
    )
