"""JSON API of webhooks: an event's organizers register receivers and follow deliveries."""

from __future__ import annotations

from flask.views import MethodView

from lmevents.api import ApiBlueprint
from lmevents.api.auth import api_user, organizers_only
from lmevents.events.services import get_event
from lmevents.extensions import db
from lmevents.webhooks.schemas import (
    DeliverySchema,
    WebhookInputSchema,
    WebhookPatchSchema,
    WebhookSchema,
)
from lmevents.webhooks.subscriptions import (
    WebhookInput,
    count_deliveries,
    create_webhook,
    delete_webhook,
    deliveries_of,
    event_webhooks,
    get_delivery,
    get_webhook,
    ping,
    rotate_secret,
    send_again,
    update_webhook,
)

blp = ApiBlueprint("webhooks_api", __name__, description="webhooks")

HOOKS = "/events/<slug:slug>/webhooks"
HOOK = HOOKS + "/<id:webhook_id>"


def _event(slug):
    return get_event(db.session, slug, published_only=False)


def _hook(slug, webhook_id):
    return get_webhook(db.session, _event(slug), webhook_id)


@blp.route(HOOKS)
class Webhooks(MethodView):
    @organizers_only(blp)
    @blp.response(200, WebhookSchema(many=True))
    @blp.alt_response(404, response="NOT_FOUND")
    def get(self, slug):
        """The event's webhooks, oldest first."""
        return event_webhooks(db.session, _event(slug))

    @organizers_only(blp)
    @blp.arguments(WebhookInputSchema)
    @blp.response(201, WebhookSchema)
    @blp.alt_response(404, response="NOT_FOUND")
    @blp.alt_response(409, response="CONFLICT")
    def post(self, data, slug):
        """Register a receiver: from the next change on, it gets a signed POST for each
        announcement it receives (at most 10 webhooks per event)."""
        hook = create_webhook(db.session, _event(slug), WebhookInput(**data), by=api_user())
        db.session.commit()
        return hook


@blp.route(HOOK)
class WebhookResource(MethodView):
    @organizers_only(blp)
    @blp.response(200, WebhookSchema)
    @blp.alt_response(404, response="NOT_FOUND")
    def get(self, slug, webhook_id):
        return _hook(slug, webhook_id)

    @organizers_only(blp)
    @blp.arguments(WebhookPatchSchema.for_patch())
    @blp.response(200, WebhookSchema)
    @blp.alt_response(404, response="NOT_FOUND")
    def patch(self, changes, slug, webhook_id):
        """Change the address, what it receives, or switch it off (`active: false`: nothing
        is sent, pending deliveries wait until it is switched on again)."""
        hook = update_webhook(db.session, _hook(slug, webhook_id), changes)
        db.session.commit()
        return hook

    @organizers_only(blp)
    @blp.response(204)
    @blp.alt_response(404, response="NOT_FOUND")
    def delete(self, slug, webhook_id):
        """Remove the webhook with its deliveries, sent or not."""
        delete_webhook(db.session, _hook(slug, webhook_id))
        db.session.commit()


@blp.route(HOOK + "/secret")
class WebhookSecret(MethodView):
    @organizers_only(blp)
    @blp.response(200, WebhookSchema)
    @blp.alt_response(404, response="NOT_FOUND")
    def post(self, slug, webhook_id):
        """A new secret, used from the next try on."""
        hook = rotate_secret(db.session, _hook(slug, webhook_id))
        db.session.commit()
        return hook


@blp.route(HOOK + "/ping")
class WebhookPing(MethodView):
    @organizers_only(blp)
    @blp.response(202, DeliverySchema)
    @blp.alt_response(404, response="NOT_FOUND")
    @blp.alt_response(409, response="CONFLICT")
    def post(self, slug, webhook_id):
        """Queue a `ping` announcement to this webhook, to try the receiver."""
        event = _event(slug)
        delivery = ping(db.session, event, get_webhook(db.session, event, webhook_id))
        db.session.commit()
        return delivery


@blp.route(HOOK + "/deliveries")
class Deliveries(MethodView):
    @organizers_only(blp)
    @blp.response(200, DeliverySchema(many=True))
    @blp.paginate(page_size=50, max_page_size=500)
    @blp.alt_response(404, response="NOT_FOUND")
    def get(self, slug, webhook_id, pagination_parameters):
        """What was announced to this webhook, newest first, with every try."""
        hook = _hook(slug, webhook_id)
        pagination_parameters.item_count = count_deliveries(db.session, hook)
        return deliveries_of(db.session, hook, limit=pagination_parameters.page_size,
                             offset=min(pagination_parameters.first_item, 2**31))


@blp.route(HOOK + "/deliveries/<id:delivery_id>")
class DeliveryResource(MethodView):
    @organizers_only(blp)
    @blp.response(200, DeliverySchema)
    @blp.alt_response(404, response="NOT_FOUND")
    def get(self, slug, webhook_id, delivery_id):
        return get_delivery(db.session, _hook(slug, webhook_id), delivery_id)


@blp.route(HOOK + "/deliveries/<id:delivery_id>/retry")
class DeliveryRetry(MethodView):
    @organizers_only(blp)
    @blp.response(200, DeliverySchema)
    @blp.alt_response(404, response="NOT_FOUND")
    @blp.alt_response(409, response="CONFLICT")
    def post(self, slug, webhook_id, delivery_id):
        """Send a given-up delivery again, now (and for three more days if need be); one the
        receiver acknowledged is never sent twice (409)."""
        delivery = send_again(db.session, get_delivery(db.session, _hook(slug, webhook_id),
                                                       delivery_id))
        db.session.commit()
        return delivery
