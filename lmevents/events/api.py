"""JSON API of the events area: published events for everyone, edits for organizers."""

from __future__ import annotations

from dataclasses import fields, replace

from flask.views import MethodView
from flask_smorest import Page

from lmevents.api import ApiBlueprint
from lmevents.api.auth import api_user, organizers_only
from lmevents.api.checked import checked_with
from lmevents.events.audit import entries_for
from lmevents.events.models import Event
from lmevents.events.schemas import (
    AuditEntrySchema,
    EventInputSchema,
    EventPatchSchema,
    EventSchema,
    TeamMemberInputSchema,
    TeamMemberSchema,
    TeamRoleSchema,
)
from lmevents.events.services import (
    EventInput,
    check_event,
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
from lmevents.events.team import add_to_team, change_team_role, remove_from_team, team_of
from lmevents.extensions import db

blp = ApiBlueprint("events_api", __name__, description="events")


def _event_input(event: Event) -> EventInput:
    return EventInput(**{f.name: getattr(event, f.name) for f in fields(EventInput)})


def _event_fields(values: dict) -> dict:
    return {name: value for name, value in values.items()
            if name in {f.name for f in fields(EventInput)}}


# A refused body's other faults (lmevents.api.checked): the event's rules on the fields the
# schema read; the event's current values, or for a new one nothing, for the others.
def _check_new_event(values: dict) -> None:
    blank = {"slug": "", "timezone": "UTC", "start_date": None, "end_date": None}
    check_event(db.session, EventInput(**(blank | _event_fields(values))), None)


def _check_event_changes(values: dict, slug: str) -> None:
    event = get_event(db.session, slug, published_only=False)
    check_event(db.session, replace(_event_input(event), **_event_fields(values)), event)


@blp.route("/events")
class Events(MethodView):
    @blp.response(200, EventSchema(many=True))
    @blp.paginate(Page, page_size=100, max_page_size=1000)
    def get(self):
        """The published events, latest first, a page at a time (`page`, `page_size`; the
        `Link` header leads to the other pages, `X-Total-Count` counts them all)."""
        return list_events(db.session)

    @organizers_only(blp)
    @checked_with(_check_new_event)
    @blp.arguments(EventInputSchema)
    @blp.response(201, EventSchema)
    @blp.alt_response(409, response="CONFLICT")
    def post(self, data):
        """Create an event, owned by the caller (an organizer or an administrator); it stays
        unpublished until a PATCH publishes it."""
        hosts, contact = data.pop("hosts", None), data.pop("contact", None)
        event = create_event(db.session, EventInput(**data), owner=api_user())
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
    @checked_with(_check_event_changes)
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


@blp.route("/events/<slug:slug>/team")
class Team(MethodView):
    @organizers_only(blp)
    @blp.response(200, TeamMemberSchema(many=True))
    @blp.alt_response(404, response="NOT_FOUND")
    def get(self, slug):
        """Who organizes the event: owners first."""
        return team_of(db.session, get_event(db.session, slug, published_only=False))

    @organizers_only(blp)
    @blp.arguments(TeamMemberInputSchema)
    @blp.response(201, TeamMemberSchema)
    @blp.alt_response(404, response="NOT_FOUND")
    @blp.alt_response(409, response="CONFLICT")
    def post(self, data, slug):
        """Add an existing account to the team (owners and administrators only)."""
        event = get_event(db.session, slug, published_only=False)
        member = add_to_team(db.session, event, data["email"], data["role"], by=api_user())
        db.session.commit()
        return member


@blp.route("/events/<slug:slug>/team/<id:member_id>")
class TeamMember(MethodView):
    @organizers_only(blp)
    @blp.arguments(TeamRoleSchema)
    @blp.response(200, TeamMemberSchema)
    @blp.alt_response(404, response="NOT_FOUND")
    @blp.alt_response(409, response="CONFLICT")
    def patch(self, data, slug, member_id):
        """Make a team member owner or editor (an event keeps at least one owner)."""
        event = get_event(db.session, slug, published_only=False)
        member = change_team_role(db.session, event, member_id, data["role"], by=api_user())
        db.session.commit()
        return member

    @organizers_only(blp)
    @blp.response(204)
    @blp.alt_response(404, response="NOT_FOUND")
    @blp.alt_response(409, response="CONFLICT")
    def delete(self, slug, member_id):
        """Take someone off the team (an event keeps at least one owner)."""
        event = get_event(db.session, slug, published_only=False)
        remove_from_team(db.session, event, member_id, by=api_user())
        db.session.commit()


@blp.route("/events/<slug:slug>/audit")
class Audit(MethodView):
    @organizers_only(blp)
    @blp.response(200, AuditEntrySchema(many=True))
    @blp.paginate(page_size=100, max_page_size=1000)
    @blp.alt_response(404, response="NOT_FOUND")
    def get(self, slug, pagination_parameters):
        """The event's audit log, newest first: who changed what, when and from which
        address (the `X-Pagination` header has the totals)."""
        event = get_event(db.session, slug, published_only=False)
        entries, total = entries_for(db.session, event, limit=pagination_parameters.page_size,
                                     offset=min(pagination_parameters.first_item, 2**31))
        pagination_parameters.item_count = total
        return entries
