"""JSON API of the events area: published events for everyone, edits for organizers."""

from __future__ import annotations

from dataclasses import fields, replace

from flask.views import MethodView

from lmevents.api import ApiBlueprint
from lmevents.api.auth import organizers_only
from lmevents.events.models import Event
from lmevents.events.schemas import EventInputSchema, EventPatchSchema, EventSchema
from lmevents.events.services import (
    EventInput,
    create_event,
    delete_event,
    get_event,
    list_events,
    publish_event,
    set_contact,
    set_hosts,
    unpublish_event,
    update_event,
)
from lmevents.extensions import db

blp = ApiBlueprint("events_api", __name__, description="events")


def _event_input(event: Event) -> EventInput:
    return EventInput(**{f.name: getattr(event, f.name) for f in fields(EventInput)})


@blp.route("/events")
class Events(MethodView):
    @blp.response(200, EventSchema(many=True))
    def get(self):
        """The published events, latest first."""
        return list_events(db.session)

    @organizers_only(blp)
    @blp.arguments(EventInputSchema)
    @blp.response(201, EventSchema)
    @blp.alt_response(409, response="CONFLICT")
    def post(self, data):
        """Create an event; it stays unpublished until a PATCH publishes it."""
        hosts, contact = data.pop("hosts", None), data.pop("contact", None)
        event = create_event(db.session, EventInput(**data))
        if hosts is not None:
            set_hosts(db.session, event, hosts)
        if contact is not None:
            set_contact(db.session, event, contact)
        db.session.commit()
        return event


@blp.route("/events/<slug:slug>")
class EventResource(MethodView):
    @blp.response(200, EventSchema)
    @blp.alt_response(404, response="NOT_FOUND")
    def get(self, slug):
        """One published event."""
        return get_event(db.session, slug)

    @organizers_only(blp)
    @blp.arguments(EventPatchSchema.for_patch())
    @blp.response(200, EventSchema)
    @blp.alt_response(404, response="NOT_FOUND")
    @blp.alt_response(409, response="CONFLICT")
    def patch(self, changes, slug):
        """Change an event: only the fields given; `published` publishes or withdraws it."""
        event = get_event(db.session, slug, published_only=False)
        hosts, contact = changes.pop("hosts", None), changes.pop("contact", None)
        published = changes.pop("published", None)
        if changes:
            update_event(db.session, event, replace(_event_input(event), **changes))
        if hosts is not None:
            set_hosts(db.session, event, hosts)
        if contact is not None:
            set_contact(db.session, event, contact)
        if published is True and not event.published:
            publish_event(db.session, event)
        elif published is False and event.published:
            unpublish_event(db.session, event)
        db.session.commit()
        return event

    @organizers_only(blp)
    @blp.response(204)
    @blp.alt_response(404, response="NOT_FOUND")
    @blp.alt_response(409, response="CONFLICT")
    def delete(self, slug):
        """Delete an event that was never published; a published one can only be withdrawn."""
        delete_event(db.session, get_event(db.session, slug, published_only=False))
        db.session.commit()
