"""JSON API of 1:1 meetings: participants ask to meet, propose times, accept, decline and
cancel; only a meeting's two sides see it. Organizers read the matchmaking overview."""

from __future__ import annotations

from flask import current_app
from flask.views import MethodView

from lmevents.api import ApiBlueprint
from lmevents.api.auth import api_user, organizers_only, signed_in
from lmevents.core.timezones import is_valid_zone
from lmevents.events.models import Event
from lmevents.events.services import get_event
from lmevents.exchange.meetings.matchmaking import matchmaking_overview
from lmevents.exchange.meetings.schemas import (
    AcceptInputSchema,
    MatchmakingSchema,
    MeetingQuery,
    MeetingRequestInputSchema,
    MeetingSchema,
    ProposalsInputSchema,
    ShownMeeting,
)
from lmevents.exchange.meetings.services import (
    accept,
    cancel,
    decline,
    get_meeting,
    meeting_need,
    meeting_presentation,
    meeting_proposal,
    propose_times,
    request_meeting,
    user_meetings,
)
from lmevents.exchange.models import MeetingRequest
from lmevents.extensions import db

blp = ApiBlueprint("exchange_meetings_api", __name__, description="exchange")

MEETINGS = "/events/<slug:slug>/exchange/meetings"
MEETING = MEETINGS + "/<id:meeting_id>"


def _times(data: dict) -> list[tuple]:
    return [(t["starts_at"], t["ends_at"]) for t in data["times"]]


def _shown(meeting: MeetingRequest, query: dict) -> ShownMeeting:
    return ShownMeeting(meeting, api_user(), query.get("tz") or meeting.event.timezone)


def _reloaded(event: Event, meeting_id: int, query: dict) -> ShownMeeting:
    """The meeting as committed, with what the change loaded afresh."""
    return _shown(get_meeting(db.session, event, meeting_id, api_user()), query)


@blp.route(MEETINGS)
class Meetings(MethodView):
    @signed_in(blp)
    @blp.arguments(MeetingRequestInputSchema)
    @blp.arguments(MeetingQuery, location="query")
    @blp.response(201, MeetingSchema)
    @blp.alt_response(403, response="FORBIDDEN")
    @blp.alt_response(404, response="NOT_FOUND")
    @blp.alt_response(409, response="CONFLICT")
    def post(self, data, query, slug):
        """Ask to meet 1:1: the contact of a presenting enterprise (`presentation_id`) or
        the author of a need (`need_id`), at one of the proposed `times`. Both must be
        confirmed participants; the recipient is told by e-mail."""
        event = get_event(db.session, slug)
        presentation = need = None
        if data.get("presentation_id") is not None:
            presentation = meeting_presentation(db.session, event, data["presentation_id"])
        if data.get("need_id") is not None:
            need = meeting_need(db.session, event, data["need_id"])
        meeting = request_meeting(db.session, event, api_user(), presentation=presentation,
                                  need=need, times=_times(data), message=data["message"])
        db.session.commit()
        return _reloaded(event, meeting.id, query)


@blp.route("/me/meetings")
class MyMeetings(MethodView):
    @signed_in(blp)
    @blp.arguments(MeetingQuery, location="query")
    @blp.response(200, MeetingSchema(many=True))
    def get(self, query):
        """The caller's meetings in every event, asked for or asked, newest first."""
        user = api_user()
        zone = query.get("tz") or (user.timezone if is_valid_zone(user.timezone) else "UTC")
        return [ShownMeeting(m, user, zone) for m in user_meetings(db.session, user)]


@blp.route(MEETING)
class MeetingResource(MethodView):
    @signed_in(blp)
    @blp.arguments(MeetingQuery, location="query")
    @blp.response(200, MeetingSchema)
    @blp.alt_response(404, response="NOT_FOUND")
    def get(self, query, slug, meeting_id):
        """One meeting, for its two sides only (404 for anyone else)."""
        event = get_event(db.session, slug)
        return _shown(get_meeting(db.session, event, meeting_id, api_user()), query)


@blp.route(MEETING + "/proposals")
class MeetingProposals(MethodView):
    @signed_in(blp)
    @blp.arguments(ProposalsInputSchema)
    @blp.arguments(MeetingQuery, location="query")
    @blp.response(201, MeetingSchema)
    @blp.alt_response(403, response="FORBIDDEN")
    @blp.alt_response(404, response="NOT_FOUND")
    @blp.alt_response(409, response="CONFLICT")
    def post(self, data, query, slug, meeting_id):
        """Propose other times while the meeting waits for an answer (either side); the
        other side is told by e-mail."""
        event = get_event(db.session, slug)
        meeting = get_meeting(db.session, event, meeting_id, api_user())
        propose_times(db.session, meeting, api_user(), _times(data))
        db.session.commit()
        return _reloaded(event, meeting_id, query)


@blp.route(MEETING + "/accept")
class MeetingAcceptance(MethodView):
    @signed_in(blp)
    @blp.arguments(AcceptInputSchema)
    @blp.arguments(MeetingQuery, location="query")
    @blp.response(200, MeetingSchema)
    @blp.alt_response(403, response="FORBIDDEN")
    @blp.alt_response(404, response="NOT_FOUND")
    @blp.alt_response(409, response="CONFLICT")
    def post(self, data, query, slug, meeting_id):
        """Accept a time the other side proposed. Refused (409) when either side has
        another accepted meeting or holds a seat in a session then. Both get an e-mail
        with the calendar invitation and the meeting's own join link."""
        event = get_event(db.session, slug)
        meeting = get_meeting(db.session, event, meeting_id, api_user())
        proposal = meeting_proposal(meeting, data["proposal_id"])
        accept(db.session, meeting, api_user(), proposal,
               join_url_template=current_app.config["MEETING_URL_TEMPLATE"])
        db.session.commit()
        return _reloaded(event, meeting_id, query)


@blp.route(MEETING + "/decline")
class MeetingDecline(MethodView):
    @signed_in(blp)
    @blp.arguments(MeetingQuery, location="query")
    @blp.response(200, MeetingSchema)
    @blp.alt_response(404, response="NOT_FOUND")
    @blp.alt_response(409, response="CONFLICT")
    def post(self, query, slug, meeting_id):
        """Decline a request that waits for an answer (the recipient), or withdraw it (the
        requester: it becomes cancelled)."""
        event = get_event(db.session, slug)
        meeting = get_meeting(db.session, event, meeting_id, api_user())
        decline(db.session, meeting, api_user())
        db.session.commit()
        return _reloaded(event, meeting_id, query)


@blp.route(MEETING + "/cancel")
class MeetingCancellation(MethodView):
    @signed_in(blp)
    @blp.arguments(MeetingQuery, location="query")
    @blp.response(200, MeetingSchema)
    @blp.alt_response(404, response="NOT_FOUND")
    @blp.alt_response(409, response="CONFLICT")
    def post(self, query, slug, meeting_id):
        """Cancel an accepted meeting (either side): both get the calendar cancellation."""
        event = get_event(db.session, slug)
        meeting = get_meeting(db.session, event, meeting_id, api_user())
        cancel(db.session, meeting, api_user())
        db.session.commit()
        return _reloaded(event, meeting_id, query)


@blp.route("/events/<slug:slug>/exchange/matchmaking")
class Matchmaking(MethodView):
    @organizers_only(blp)
    @blp.response(200, MatchmakingSchema)
    @blp.alt_response(404, response="NOT_FOUND")
    def get(self, slug):
        """For organizers: every need and presentation of the exchange with its meeting
        requests by status, and the event's totals."""
        event = get_event(db.session, slug, published_only=False)
        return matchmaking_overview(db.session, event)
