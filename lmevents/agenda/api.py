"""JSON API of the agenda area: the public programme, and sessions and rooms for organizers."""

from __future__ import annotations

from dataclasses import fields, replace

from flask.views import MethodView

from lmevents.agenda.models import SessionKind
from lmevents.agenda.rooms import (
    RoomInput,
    check_room,
    create_room,
    delete_room,
    event_rooms,
    get_room,
    update_room,
)
from lmevents.agenda.schemas import (
    RoomInputSchema,
    RoomSchema,
    SeenSession,
    SessionChangeSchema,
    SessionInputSchema,
    SessionPatchSchema,
    SessionSchema,
)
from lmevents.agenda.services import (
    EDITABLE_FIELDS,
    SessionInput,
    cancel_session,
    check_session_input,
    create_session,
    get_session,
    programme,
    restore_session,
    session_history,
    set_session_topics,
    update_session,
)
from lmevents.api import ApiBlueprint
from lmevents.api.auth import api_user, organizers_only
from lmevents.api.checked import checked_with
from lmevents.api.kept import kept_answer
from lmevents.api.schemas import ViewpointQuery
from lmevents.api.viewpoint import Viewpoint
from lmevents.events.services import get_event
from lmevents.extensions import db
from lmevents.revisions import event_version

blp = ApiBlueprint("agenda_api", __name__, description="agenda")


def _managed_session(slug: str, session_id: int):
    event = get_event(db.session, slug, published_only=False)
    return event, get_session(db.session, event, session_id)


# What a refused body could still be checked against (lmevents.api.checked): the session's
# own rules on the fields the schema read, the session's current values for the others.
def _check_new_session(values: dict, slug: str) -> None:
    event = get_event(db.session, slug, published_only=False)
    check_session_input(db.session, event, SessionInput(
        **({"kind": SessionKind.KEYNOTE, "starts_at": None, "ends_at": None} | values)))


def _check_session_changes(values: dict, slug: str, session_id: int) -> None:
    event, session = _managed_session(slug, session_id)
    current = {name: getattr(session, name) for name in EDITABLE_FIELDS}
    check_session_input(db.session, event, SessionInput(**(current | values)))


def _check_room(values: dict, slug: str, room_id: int | None = None) -> None:
    current = {}
    if room_id is not None:
        room = get_room(db.session, get_event(db.session, slug, published_only=False), room_id)
        current = {f.name: getattr(room, f.name) for f in fields(RoomInput)}
    check_room(RoomInput(**(current | values)))


@blp.route("/events/<slug:slug>/sessions")
class Sessions(MethodView):
    @blp.arguments(ViewpointQuery, location="query")
    @blp.response(200, SessionSchema(many=True))
    @blp.alt_response(404, response="NOT_FOUND")
    def get(self, query, slug):
        """The programme, cancelled sessions included, with times in `tz`."""
        event = get_event(db.session, slug)

        def build():
            viewpoint = Viewpoint.asked(event, query)
            return SessionSchema(many=True).dump(
                [SeenSession(s, viewpoint) for s in programme(db.session, event)])

        asked = f"{query.get('tz') or ''}|{query.get('lang') or ''}"
        return kept_answer(f"sessions|{event.id}|{event_version(event)}|{asked}", build)

    @organizers_only(blp)
    @checked_with(_check_new_session)
    @blp.arguments(SessionInputSchema)
    @blp.response(201, SessionSchema)
    @blp.alt_response(404, response="NOT_FOUND")
    @blp.alt_response(409, response="CONFLICT")
    def post(self, data, slug):
        """Place a new session; a clash is refused with 409 naming the session in the way."""
        event = get_event(db.session, slug, published_only=False)
        session = create_session(db.session, event, SessionInput(**data), actor=api_user())
        db.session.commit()
        return SeenSession(session, Viewpoint.asked(event))


@blp.route("/events/<slug:slug>/sessions/<id:session_id>")
class SessionResource(MethodView):
    @blp.arguments(ViewpointQuery, location="query")
    @blp.response(200, SessionSchema)
    @blp.alt_response(404, response="NOT_FOUND")
    def get(self, query, slug, session_id):
        """One session of the programme, with times in `tz`."""
        event = get_event(db.session, slug)
        session = get_session(db.session, event, session_id)
        return SeenSession(session, Viewpoint.asked(event, query))

    @organizers_only(blp)
    @checked_with(_check_session_changes)
    @blp.arguments(SessionPatchSchema.for_patch())
    @blp.response(200, SessionSchema)
    @blp.alt_response(404, response="NOT_FOUND")
    @blp.alt_response(409, response="CONFLICT")
    def patch(self, changes, slug, session_id):
        """Edit or move a session; once the event is published, the change is logged and
        calendars see a new revision."""
        event, session = _managed_session(slug, session_id)
        speakers, topics = changes.pop("speakers", None), changes.pop("topics", None)
        update_session(db.session, session, changes, actor=api_user(), speakers=speakers)
        if topics is not None:
            set_session_topics(db.session, session, topics)
        db.session.commit()
        return SeenSession(session, Viewpoint.asked(event))

    @organizers_only(blp)
    @blp.response(200, SessionSchema)
    @blp.alt_response(404, response="NOT_FOUND")
    @blp.alt_response(409, response="CONFLICT")
    def delete(self, slug, session_id):
        """Cancel a session: it stays in the programme as cancelled, so calendars drop it."""
        event, session = _managed_session(slug, session_id)
        cancel_session(db.session, session, actor=api_user())
        db.session.commit()
        return SeenSession(session, Viewpoint.asked(event))


@blp.route("/events/<slug:slug>/sessions/<id:session_id>/restore")
class SessionRestore(MethodView):
    @organizers_only(blp)
    @blp.response(200, SessionSchema)
    @blp.alt_response(404, response="NOT_FOUND")
    @blp.alt_response(409, response="CONFLICT")
    def post(self, slug, session_id):
        """Put a cancelled session back, if its place is still free."""
        event, session = _managed_session(slug, session_id)
        restore_session(db.session, session, actor=api_user())
        db.session.commit()
        return SeenSession(session, Viewpoint.asked(event))


@blp.route("/events/<slug:slug>/sessions/<id:session_id>/changes")
class SessionChanges(MethodView):
    @organizers_only(blp)
    @blp.response(200, SessionChangeSchema(many=True))
    @blp.alt_response(404, response="NOT_FOUND")
    def get(self, slug, session_id):
        """The session's change log, oldest first."""
        _, session = _managed_session(slug, session_id)
        return session_history(db.session, session)


@blp.route("/events/<slug:slug>/rooms")
class Rooms(MethodView):
    @organizers_only(blp)
    @blp.response(200, RoomSchema(many=True))
    @blp.alt_response(404, response="NOT_FOUND")
    def get(self, slug):
        """The event's virtual rooms, with their join details."""
        event = get_event(db.session, slug, published_only=False)
        return event_rooms(db.session, event)

    @organizers_only(blp)
    @checked_with(_check_room)
    @blp.arguments(RoomInputSchema)
    @blp.response(201, RoomSchema)
    @blp.alt_response(404, response="NOT_FOUND")
    def post(self, data, slug):
        """Add a virtual room."""
        event = get_event(db.session, slug, published_only=False)
        room = create_room(db.session, event, RoomInput(**data))
        db.session.commit()
        return room


@blp.route("/events/<slug:slug>/rooms/<id:room_id>")
class RoomResource(MethodView):
    @organizers_only(blp)
    @checked_with(_check_room)
    @blp.arguments(RoomInputSchema)
    @blp.response(200, RoomSchema)
    @blp.alt_response(404, response="NOT_FOUND")
    def patch(self, changes, slug, room_id):
        """Change a virtual room: only the fields given."""
        event = get_event(db.session, slug, published_only=False)
        room = get_room(db.session, event, room_id)
        current = RoomInput(**{f.name: getattr(room, f.name) for f in fields(RoomInput)})
        update_room(db.session, room, replace(current, **changes))
        db.session.commit()
        return room

    @organizers_only(blp)
    @blp.response(204)
    @blp.alt_response(404, response="NOT_FOUND")
    @blp.alt_response(409, response="CONFLICT")
    def delete(self, slug, room_id):
        """Delete a room no session uses."""
        event = get_event(db.session, slug, published_only=False)
        delete_room(db.session, get_room(db.session, event, room_id))
        db.session.commit()
