"""API schemas of webhooks: a webhook, its deliveries and their tries."""

from __future__ import annotations

import json

from marshmallow import Schema, ValidationError, fields, validate

from lmevents.api.schemas import InputSchema, StrictBoolean, Text
from lmevents.webhooks.models import SUBSCRIBABLE, Kind
from lmevents.webhooks.subscriptions import DESCRIPTION_LENGTH, URL_LENGTH, private_targets
from lmevents.webhooks.targets import url_fault

KINDS = ("what it receives: any of " + ", ".join(SUBSCRIBABLE) + "; every kind when empty")


def receiver_url(value: str) -> None:
    fault = url_fault(value.strip(), private_targets())
    if fault is not None:
        raise ValidationError(str(fault))


class WebhookSchema(Schema):
    id = fields.Integer()
    url = fields.String(metadata={"example": "https://crm.example.org/hooks/lmevents"})
    description = fields.String()
    kinds = fields.List(fields.String(validate=validate.OneOf(SUBSCRIBABLE)),
                        metadata={"description": KINDS})
    active = fields.Boolean()
    secret = fields.String(metadata={
        "description": "verifies the `webhook-signature` header (Standard Webhooks: base64 "
                       "HMAC-SHA256 of `<webhook-id>.<webhook-timestamp>.<body>` under the "
                       "base64-decoded part after `whsec_`)"})
    created_at = fields.DateTime()


class WebhookInputSchema(InputSchema):
    url = Text(URL_LENGTH, required=True, validate=receiver_url, metadata={
        "format": "uri",
        "description": "a public http(s) address, without user name or password; redirects "
                       "are not followed"})
    description = Text(DESCRIPTION_LENGTH, load_default="")
    kinds = fields.List(fields.String(validate=validate.OneOf(SUBSCRIBABLE)),
                        load_default=list, metadata={"description": KINDS})
    active = StrictBoolean(load_default=True)


class WebhookPatchSchema(WebhookInputSchema):
    """The fields to change; those left out stay as they are."""

    description = Text(DESCRIPTION_LENGTH)
    kinds = fields.List(fields.String(validate=validate.OneOf(SUBSCRIBABLE)),
                        metadata={"description": KINDS})
    active = StrictBoolean()


class AttemptSchema(Schema):
    at = fields.DateTime()
    status_code = fields.Integer(allow_none=True, metadata={
        "description": "the receiver's answer; null when there was none (see `error`)"})
    error = fields.String(allow_none=True)
    duration_ms = fields.Integer()


class DeliverySchema(Schema):
    id = fields.Integer()
    message_id = fields.String(metadata={"description": "the `webhook-id` header"})
    type = fields.String(attribute="kind", metadata={"enum": [str(kind) for kind in Kind]})
    state = fields.String(metadata={"enum": ["pending", "delivered", "failed"]})
    created_at = fields.DateTime()
    attempts = fields.Integer()
    next_attempt_at = fields.DateTime(allow_none=True)
    last_status = fields.Integer(allow_none=True)
    last_error = fields.String(allow_none=True)
    delivered_at = fields.DateTime(allow_none=True)
    failed_at = fields.DateTime(allow_none=True)
    body = fields.Function(lambda delivery: json.loads(delivery.body), metadata={
        "type": "object", "description": "the JSON body as it is posted"})
    tries = fields.List(fields.Nested(AttemptSchema))
