"""API schemas of 1:1 meetings and of the organizers' matchmaking overview."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from marshmallow import Schema, fields

from lmevents.api.schemas import AwareDateTime, Bilingual, Id, InputSchema, Text, Zone
from lmevents.auth.models import User
from lmevents.exchange.meetings.services import MAX_MESSAGE
from lmevents.exchange.models import MeetingProposal, MeetingRequest, MeetingStatus


class MeetingTimeSchema(InputSchema):
    starts_at = AwareDateTime(required=True, metadata={"example": "2020-11-27T10:00:00+07:00"})
    ends_at = AwareDateTime(required=True, metadata={"example": "2020-11-27T10:45:00+07:00"})


class MeetingTimesField(fields.List):
    """Proposed times; how many and when is the meeting rules' call (`times.<i>`)."""

    def __init__(self, **kwargs):
        super().__init__(fields.Nested(MeetingTimeSchema), metadata={
            "description": "1–5 times, each 15 min–4 h, from the start of the exchange until "
                           "the end of the 7th day after the event, not in the past"},
            **kwargs)


# What lmevents.exchange.meetings.services.meeting_recipient asks of what a meeting follows up.
ONE_OF_THEM = "either a presentation or a need (one of them), not your own"


class MeetingRequestInputSchema(InputSchema):
    """A meeting request: about a presentation (its enterprise's contact answers) or a need
    (its author answers), exactly one of them."""

    presentation_id = Id(metadata={"description": f"the presentation to follow up: {ONE_OF_THEM}"})
    need_id = Id(metadata={"description": f"the need to follow up: {ONE_OF_THEM}"})
    times = MeetingTimesField(required=True)
    message = Text(MAX_MESSAGE, multiline=True, load_default="")


class ProposalsInputSchema(InputSchema):
    times = MeetingTimesField(required=True)


class AcceptInputSchema(InputSchema):
    proposal_id = Id(required=True, metadata={"description": "a time the other side proposed"})


class MeetingQuery(Schema):
    tz = Zone(metadata={"description": "IANA zone the times are given in (default: the "
                                       "event's; for /me/meetings the account's, else UTC)"})


def _zoned(start: datetime | None, zone: ZoneInfo) -> datetime | None:
    return start.astimezone(zone) if start is not None else None


class ShownProposal:
    """A proposed time as one side of the meeting sees it."""

    def __init__(self, proposal: MeetingProposal, meeting: MeetingRequest, viewer: User,
                 zone: ZoneInfo):
        self.id = proposal.id
        self.starts_at = proposal.starts_at.astimezone(zone)
        self.ends_at = proposal.ends_at.astimezone(zone)
        self.proposed_by = ("requester" if proposal.proposed_by_id == meeting.requester_id
                            else "recipient")
        self.yours_to_accept = meeting.may_accept(viewer, proposal)


class ShownMeeting:
    """A meeting as one of its two sides sees it, its times in the asked zone."""

    def __init__(self, meeting: MeetingRequest, viewer: User, zone_name: str):
        zone = ZoneInfo(zone_name)
        self.model = meeting
        self.timezone = zone_name
        self.role = meeting.side_of(viewer)
        self.starts_at = _zoned(meeting.starts_at, zone)
        self.ends_at = _zoned(meeting.ends_at, zone)
        self.proposals = [ShownProposal(p, meeting, viewer, zone) for p in meeting.proposals]
        accepted = meeting.status == MeetingStatus.ACCEPTED
        self.join_url = meeting.join_url if accepted else None

    def __getattr__(self, name):
        return getattr(self.model, name)


class PartySchema(Schema):
    """One side of a meeting: who they are, never their e-mail address."""

    id = fields.Integer()
    name = fields.String()
    organization = fields.String()


class ProposalSchema(Schema):
    id = fields.Integer()
    starts_at = fields.DateTime(format="iso")
    ends_at = fields.DateTime(format="iso")
    proposed_by = fields.String(metadata={"enum": ["requester", "recipient"]})
    yours_to_accept = fields.Boolean(metadata={
        "description": "the caller may accept it: the other side proposed it and the "
                       "meeting waits for an answer"})


class MeetingSchema(Schema):
    id = fields.Integer()
    event = fields.String(attribute="event.slug", metadata={"example": "lm-roundtable-2020"})
    uid = fields.String(metadata={"description": "stable calendar identity (RFC 5545 UID) of "
                                                 "the invitation"})
    status = fields.Enum(MeetingStatus, by_value=True, metadata={
        "description": "proposed (waits for an answer), accepted, declined (by the "
                       "recipient) or cancelled (withdrawn, or cancelled once accepted)"})
    role = fields.String(metadata={"enum": ["requester", "recipient"],
                                   "description": "the caller's side"})
    requester = fields.Nested(PartySchema)
    recipient = fields.Nested(PartySchema)
    presentation_id = fields.Integer(allow_none=True)
    need_id = fields.Integer(allow_none=True)
    message = fields.String()
    proposals = fields.List(fields.Nested(ProposalSchema))
    starts_at = fields.DateTime(format="iso", allow_none=True,
                                metadata={"description": "the accepted time"})
    ends_at = fields.DateTime(format="iso", allow_none=True)
    timezone = fields.String(metadata={"description": "the zone the times are given in"})
    join_url = fields.String(allow_none=True, metadata={
        "description": "the meeting's own join link, while it is accepted"})
    sequence = fields.Integer(metadata={"description": "the invitation's ICS SEQUENCE"})
    created_at = fields.DateTime(format="iso", metadata={"description": "in UTC"})
    updated_at = fields.DateTime(format="iso", metadata={"description": "in UTC"})


class StatusCountsSchema(Schema):
    requested = fields.Integer(metadata={"description": "meeting requests, whatever became "
                                                        "of them"})
    proposed = fields.Function(lambda c: c.by_status[MeetingStatus.PROPOSED])
    accepted = fields.Function(lambda c: c.by_status[MeetingStatus.ACCEPTED])
    declined = fields.Function(lambda c: c.by_status[MeetingStatus.DECLINED])
    cancelled = fields.Function(lambda c: c.by_status[MeetingStatus.CANCELLED])


class NeedLineSchema(Schema):
    need_id = fields.Integer(attribute="need.id")
    topic_id = fields.Integer(attribute="topic.id")
    topic = Bilingual(attribute="topic.title")
    country = fields.String(attribute="need.country")
    sector = fields.String(attribute="need.sector")
    hidden = fields.Function(lambda line: line.need.hidden_at is not None)
    meetings = fields.Nested(StatusCountsSchema, attribute="counts")


class PresentationLineSchema(Schema):
    presentation_id = fields.Integer(attribute="presentation.id")
    topic_id = fields.Integer(attribute="topic.id")
    enterprise = Bilingual(attribute="presentation.enterprise")
    title = Bilingual(attribute="presentation.title")
    has_contact = fields.Function(
        lambda line: line.presentation.contact_user_id is not None,
        metadata={"description": "whether someone answers meeting requests for it"})
    meetings = fields.Nested(StatusCountsSchema, attribute="counts")


class MatchmakingSchema(Schema):
    totals = fields.Nested(StatusCountsSchema)
    needs_met = fields.Integer(metadata={"description": "needs with an accepted meeting"})
    companies_asked = fields.Integer(metadata={"description": "presentations asked to meet"})
    needs = fields.List(fields.Nested(NeedLineSchema))
    presentations = fields.List(fields.Nested(PresentationLineSchema))
