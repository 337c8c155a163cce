"""The organizers' matchmaking overview: which needs and which presenting enterprises got
meeting requests, how many were accepted, and the event's meetings by status."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session as DbSession
from sqlalchemy.orm import selectinload

from lmevents.agenda.models import Session
from lmevents.events.models import Event
from lmevents.exchange.models import (
    ExchangeTopic,
    MeetingRequest,
    MeetingStatus,
    Need,
    Presentation,
)


@dataclass
class Counts:
    """Meeting requests about one need or presentation: all of them, and by status."""

    by_status: dict[MeetingStatus, int] = field(
        default_factory=lambda: dict.fromkeys(MeetingStatus, 0))

    @property
    def requested(self) -> int:
        return sum(self.by_status.values())

    @property
    def accepted(self) -> int:
        return self.by_status[MeetingStatus.ACCEPTED]

    @property
    def waiting(self) -> int:
        return self.by_status[MeetingStatus.PROPOSED]


@dataclass
class NeedLine:
    need: Need
    topic: ExchangeTopic
    counts: Counts


@dataclass
class PresentationLine:
    presentation: Presentation
    topic: ExchangeTopic
    counts: Counts


@dataclass
class MatchmakingOverview:
    totals: Counts
    needs: list[NeedLine]
    presentations: list[PresentationLine]

    @property
    def needs_met(self) -> int:
        """Needs with at least one accepted meeting."""
        return sum(1 for line in self.needs if line.counts.accepted)

    @property
    def companies_asked(self) -> int:
        return sum(1 for line in self.presentations if line.counts.requested)


def matchmaking_overview(dbs: DbSession, event: Event) -> MatchmakingOverview:
    """Every need and presentation of the event's exchange with its meeting counts (hidden
    needs included: organizers see them), in a fixed number of queries."""
    topics = dbs.scalars(
        select(ExchangeTopic)
        .join(Session, Session.id == ExchangeTopic.session_id)
        .where(Session.event_id == event.id)
        .options(selectinload(ExchangeTopic.presentations),
                 selectinload(ExchangeTopic.needs).selectinload(Need.author))
        .order_by(Session.starts_at, ExchangeTopic.position, ExchangeTopic.id)
    ).all()
    rows = dbs.execute(
        select(MeetingRequest.presentation_id, MeetingRequest.need_id, MeetingRequest.status,
               func.count())
        .where(MeetingRequest.event_id == event.id)
        .group_by(MeetingRequest.presentation_id, MeetingRequest.need_id, MeetingRequest.status)
    ).all()
    totals = Counts()
    by_presentation: dict[int, Counts] = {}
    by_need: dict[int, Counts] = {}
    for presentation_id, need_id, status, count in rows:
        status = MeetingStatus(status)
        totals.by_status[status] += count
        if presentation_id is not None:
            by_presentation.setdefault(presentation_id, Counts()).by_status[status] += count
        if need_id is not None:
            by_need.setdefault(need_id, Counts()).by_status[status] += count
    return MatchmakingOverview(
        totals=totals,
        needs=[NeedLine(need, topic, by_need.get(need.id, Counts()))
               for topic in topics for need in topic.needs],
        presentations=[PresentationLine(p, topic, by_presentation.get(p.id, Counts()))
                       for topic in topics for p in topic.presentations],
    )
