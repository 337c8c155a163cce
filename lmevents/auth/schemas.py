"""API schemas of the auth area."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from marshmallow import Schema, ValidationError, fields, validate

from lmevents.api.schemas import (
    EMAIL_DESCRIPTION,
    EMAIL_PATTERN,
    FILLED_LINE_PATTERN,
    CountryCode,
    InputSchema,
    Text,
    Zone,
    domain_rule,
)
from lmevents.auth.services import MIN_PASSWORD_LENGTH, check_password
from lmevents.core.models import LANGUAGES
from lmevents.core.validation import normalized_email


def filled(name: str) -> None:
    """Refuse a name of spaces, as sign-up does, with the other faults of the request."""
    if not name.strip():
        raise ValidationError(str(_l("A name is required.")))


class TokenRequestSchema(InputSchema):
    email = Text(254, required=True)
    # Long enough for any passphrase, short enough that hashing it is no burden.
    password = Text(1024, multiline=True, required=True, load_only=True)


class SignUpSchema(InputSchema):
    # The account's own rules, checked with the other fields: every fault in one answer.
    email = Text(254, required=True, validate=domain_rule(normalized_email),
                 metadata={"format": "email", "pattern": EMAIL_PATTERN,
                           "description": EMAIL_DESCRIPTION})
    password = Text(1024, multiline=True, required=True, load_only=True,
                    validate=domain_rule(check_password),
                    metadata={"description": f"at least {MIN_PASSWORD_LENGTH} characters",
                              "minLength": MIN_PASSWORD_LENGTH})
    name = Text(200, required=True, validate=[validate.Length(min=1), filled],
                metadata={"pattern": FILLED_LINE_PATTERN, "description": "not blank"})
    organization = Text(300, load_default="")
    country = CountryCode(load_default=None, allow_none=True)
    timezone = Zone(load_default=None, allow_none=True,
                    metadata={"description": "IANA zone, e.g. Asia/Vientiane"})
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
