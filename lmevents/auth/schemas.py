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


class SignUpReceiptSchema(Schema):
    """What sign-up tells anyone: the same for a new address and one that has an account."""

    email = fields.String(metadata={"description": "the address, as it is stored"})
    confirmation = fields.String(metadata={
        "description": "'mailed': open the link sent to the address, then ask for a token"})


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
