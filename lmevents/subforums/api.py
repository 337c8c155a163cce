"""JSON API of the subforums area: parallel sub-forums, public and for organizers."""

from __future__ import annotations

from dataclasses import replace

from flask.views import MethodView

from lmevents.agenda.services import TopicEntry
from lmevents.api import ApiBlueprint
from lmevents.api.auth import organizers_only
from lmevents.api.checked import checked_with
from lmevents.api.schemas import ViewpointQuery
from lmevents.api.viewpoint import Viewpoint
from lmevents.events.services import get_event
from lmevents.extensions import db
from lmevents.registration.seats import seat_counts
from lmevents.subforums.models import SubForum
from lmevents.subforums.schemas import (
    SeenSubForum,
    SubForumInputSchema,
    SubForumPatchSchema,
    SubForumSchema,
)
from lmevents.subforums.services import (
    SubForumInput,
    check_subforum,
    create_subforum,
    delete_subforum,
    event_subforums,
    get_subforum,
    update_subforum,
)

blp = ApiBlueprint("subforums_api", __name__, description="subforums")


def _check(values: dict, slug: str, subforum_id: int | None = None) -> None:
    """A refused body's other faults (lmevents.api.checked): the sub-forum's rules on the
    fields the schema read, its current values for the others."""
    event = get_event(db.session, slug, published_only=False)
    subforum = None if subforum_id is None else get_subforum(db.session, event, subforum_id)
    current = SubForumInput(code="") if subforum is None else _subforum_input(subforum)
    check_subforum(db.session, event, replace(current, **values), subforum)


def _subforum_input(subforum: SubForum) -> SubForumInput:
    return SubForumInput(
        code=subforum.code,
        title_zh=subforum.title_zh,
        title_en=subforum.title_en,
        description_zh=subforum.description_zh,
        description_en=subforum.description_en,
        room_id=subforum.room_id,
        capacity=subforum.capacity,
        position=subforum.position,
        topics=[TopicEntry(t.title_zh, t.title_en) for t in subforum.topics],
        moderator_ids=[m.speaker_id for m in subforum.moderators],
    )


@blp.route("/events/<slug:slug>/subforums")
class SubForums(MethodView):
    @blp.arguments(ViewpointQuery, location="query")
    @blp.response(200, SubForumSchema(many=True))
    @blp.alt_response(404, response="NOT_FOUND")
    def get(self, query, slug):
        """The event's parallel sub-forums with their sessions, times in `tz`."""
        event = get_event(db.session, slug)
        viewpoint = Viewpoint.asked(event, query)
        counts = seat_counts(db.session, event)
        return [SeenSubForum(f, viewpoint, counts) for f in event_subforums(db.session, event)]

    @organizers_only(blp)
    @checked_with(lambda values, slug: _check(values, slug))
    @blp.arguments(SubForumInputSchema)
    @blp.response(201, SubForumSchema)
    @blp.alt_response(404, response="NOT_FOUND")
    @blp.alt_response(409, response="CONFLICT")
    def post(self, data, slug):
        """Add a sub-forum."""
        event = get_event(db.session, slug, published_only=False)
        subforum = create_subforum(db.session, event, SubForumInput(**data))
        db.session.commit()
        return SeenSubForum(subforum, Viewpoint.asked(event), seat_counts(db.session, event))


@blp.route("/events/<slug:slug>/subforums/<id:subforum_id>")
class SubForumResource(MethodView):
    @blp.arguments(ViewpointQuery, location="query")
    @blp.response(200, SubForumSchema)
    @blp.alt_response(404, response="NOT_FOUND")
    def get(self, query, slug, subforum_id):
        """One sub-forum with its sessions, times in `tz`."""
        event = get_event(db.session, slug)
        subforum = get_subforum(db.session, event, subforum_id)
        return SeenSubForum(subforum, Viewpoint.asked(event, query),
                            seat_counts(db.session, event))

    @organizers_only(blp)
    @checked_with(lambda values, slug, subforum_id: _check(values, slug, subforum_id))
    @blp.arguments(SubForumPatchSchema.for_patch())
    @blp.response(200, SubForumSchema)
    @blp.alt_response(404, response="NOT_FOUND")
    @blp.alt_response(409, response="CONFLICT")
    def patch(self, changes, slug, subforum_id):
        """Change a sub-forum: only the fields given; `topics` and `moderator_ids` replace
        the lists."""
        event = get_event(db.session, slug, published_only=False)
        subforum = get_subforum(db.session, event, subforum_id)
        update_subforum(db.session, subforum, replace(_subforum_input(subforum), **changes))
        db.session.commit()
        return SeenSubForum(subforum, Viewpoint.asked(event), seat_counts(db.session, event))

    @organizers_only(blp)
    @blp.response(204)
    @blp.alt_response(404, response="NOT_FOUND")
    @blp.alt_response(409, response="CONFLICT")
    def delete(self, slug, subforum_id):
        """Delete a sub-forum that has no sessions."""
        event = get_event(db.session, slug, published_only=False)
        delete_subforum(db.session, get_subforum(db.session, event, subforum_id))
        db.session.commit()
