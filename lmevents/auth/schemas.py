"""API schemas of the auth area."""

from __future__ import annotations

from marshmallow import Schema, fields

from lmevents.api.schemas import InputSchema, Text


class TokenRequestSchema(InputSchema):
    email = Text(254, required=True)
    # Long enough for any passphrase, short enough that hashing it is no burden.
    password = Text(1024, required=True, load_only=True)


class TokenSchema(Schema):
    token = fields.String(
        required=True,
        metadata={"description": "send as 'Authorization: Bearer <token>'; shown only once"},
    )
