"""JSON API of the speakers area: an event's public speakers, and the registry for organizers."""

from __future__ import annotations

from dataclasses import replace

from flask.views import MethodView
from flask_smorest import Page

from lmevents.api import ApiBlueprint
from lmevents.api.auth import organizers_only
from lmevents.api.checked import checked_with
from lmevents.api.schemas import ViewpointQuery
from lmevents.api.viewpoint import Viewpoint
from lmevents.events.services import get_event
from lmevents.extensions import db
from lmevents.speakers.queries import event_speakers, filter_speakers, speaker_in_event
from lmevents.speakers.schemas import (
    InvitationInputSchema,
    InvitationSchema,
    PublicSpeakerSchema,
    RegistrySpeakerSchema,
    SeenPublicSpeaker,
    SpeakerInputSchema,
    SpeakerPatchSchema,
    SpeakerQuery,
)
from lmevents.speakers.services import (
    SpeakerInput,
    create_speaker,
    get_speaker,
    registry,
    set_invitation,
    update_speaker,
    validate_speaker,
)

blp = ApiBlueprint("speakers_api", __name__, description="speakers")


@blp.route("/events/<slug:slug>/speakers")
class EventSpeakers(MethodView):
    @blp.arguments(SpeakerQuery, location="query")
    @blp.response(200, PublicSpeakerSchema(many=True))
    @blp.alt_response(404, response="NOT_FOUND")
    def get(self, query, slug):
        """The event's speakers, by role weight then name; `country` and `organization`
        narrow the list, `tz` converts the times of their sessions."""
        event = get_event(db.session, slug)
        viewpoint = Viewpoint.asked(event, query)
        shown = filter_speakers(event_speakers(db.session, event),
                                country=query.get("country"),
                                organization=query.get("organization"))
        return [SeenPublicSpeaker(public, event, viewpoint) for public in shown]


@blp.route("/events/<slug:slug>/speakers/<id:speaker_id>")
class EventSpeakerResource(MethodView):
    @blp.arguments(ViewpointQuery, location="query")
    @blp.response(200, PublicSpeakerSchema)
    @blp.alt_response(404, response="NOT_FOUND")
    def get(self, query, slug, speaker_id):
        """One speaker of the event with their sessions, times in `tz`."""
        event = get_event(db.session, slug)
        public = speaker_in_event(db.session, event, speaker_id)
        return SeenPublicSpeaker(public, event, Viewpoint.asked(event, query))


@blp.route("/events/<slug:slug>/speakers/<id:speaker_id>/invitation")
class Invitation(MethodView):
    @organizers_only(blp)
    @blp.arguments(InvitationInputSchema)
    @blp.response(200, InvitationSchema)
    @blp.alt_response(404, response="NOT_FOUND")
    def put(self, data, slug, speaker_id):
        """Record where the speaker's invitation to the event stands; only confirmed (or
        untracked) speakers are shown publicly."""
        event = get_event(db.session, slug, published_only=False)
        speaker = get_speaker(db.session, speaker_id)
        invitation = set_invitation(db.session, event, speaker, data["state"])
        db.session.commit()
        return invitation


@blp.route("/speakers")
class Speakers(MethodView):
    @organizers_only(blp)
    @blp.response(200, RegistrySpeakerSchema(many=True))
    @blp.paginate(Page, page_size=100, max_page_size=1000)
    def get(self):
        """The speaker registry, shared by all events, with e-mail addresses, a page at a
        time (`page`, `page_size`; `Link` and `X-Total-Count` as on every list)."""
        return registry(db.session, with_invitations=True)

    @organizers_only(blp)
    @checked_with(lambda values: validate_speaker(SpeakerInput(**values)))
    @blp.arguments(SpeakerInputSchema)
    @blp.response(201, RegistrySpeakerSchema)
    def post(self, data):
        """Add a speaker to the registry."""
        speaker = create_speaker(db.session, SpeakerInput(**data))
        db.session.commit()
        return speaker


@blp.route("/speakers/<id:speaker_id>")
class SpeakerResource(MethodView):
    @organizers_only(blp)
    @blp.response(200, RegistrySpeakerSchema)
    @blp.alt_response(404, response="NOT_FOUND")
    def get(self, speaker_id):
        """One registry entry, with the e-mail address and invitations."""
        return get_speaker(db.session, speaker_id)

    @organizers_only(blp)
    @checked_with(lambda values, speaker_id: validate_speaker(
        replace(SpeakerInput.of(get_speaker(db.session, speaker_id)), **values)))
    @blp.arguments(SpeakerPatchSchema.for_patch())
    @blp.response(200, RegistrySpeakerSchema)
    @blp.alt_response(404, response="NOT_FOUND")
    def patch(self, changes, speaker_id):
        """Change a registry entry: only the fields given."""
        speaker = get_speaker(db.session, speaker_id)
        update_speaker(db.session, speaker, replace(SpeakerInput.of(speaker), **changes))
        db.session.commit()
        return speaker
