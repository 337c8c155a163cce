"""Needs the Mekong countries' participants post under exchange topics, and who sees them:
public ones everyone, participants-only ones the event's confirmed participants and
organizers; the poster's name only where they allowed it, their e-mail address never."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession
from sqlalchemy.orm import contains_eager, selectinload

from lmevents.agenda.models import Session
from lmevents.auth.models import User
from lmevents.core.models import utcnow
from lmevents.core.validation import check_country
from lmevents.errors import Faults, Forbidden, Invalid, NotFound
from lmevents.events.models import Event
from lmevents.events.team import organizes
from lmevents.exchange.models import ExchangeTopic, Need, NeedVisibility
from lmevents.exchange.participation import require_participant, sees_participant_content
from lmevents.registration.models import Registration

SECTOR_LENGTH = 200
DESCRIPTION_LENGTH = 2000


@dataclass
class NeedInput:
    country: str | None
    sector: str | None
    description: str | None
    visibility: str = NeedVisibility.PARTICIPANTS.value
    show_contact: bool = False


def _organizes(dbs: DbSession, need: Need, user: User | None) -> bool:
    return organizes(dbs, user, need.topic.session.event)


def _validate(data: NeedInput) -> None:
    """The input trimmed, or every fault of it at once (Faults)."""
    faults = Faults()
    data.country = (data.country or "").strip().upper() or None
    data.sector = (data.sector or "").replace("\x00", "").strip()
    data.description = (data.description or "").replace("\x00", "").strip()
    if not data.country:
        faults.add(Invalid(_l("Say which country the need is in (a two-letter ISO code, "
                              "e.g. LA)."), field="country"))
    else:
        with faults.caught():
            check_country(data.country)
    if not data.sector:
        faults.add(Invalid(_l("Name the sector, e.g. industrial wastewater."), field="sector"))
    elif len(data.sector) > SECTOR_LENGTH:
        faults.add(Invalid(_l("At most %(limit)s characters.", limit=SECTOR_LENGTH),
                           field="sector"))
    if not data.description:
        faults.add(Invalid(_l("Describe the need in a few sentences."), field="description"))
    elif len(data.description) > DESCRIPTION_LENGTH:
        faults.add(Invalid(_l("At most %(limit)s characters.", limit=DESCRIPTION_LENGTH),
                           field="description"))
    if data.visibility not in set(NeedVisibility):
        faults.add(Invalid(_l("Choose one of %(choices)s.", choices=", ".join(NeedVisibility)),
                           field="visibility"))
    if not isinstance(data.show_contact, bool):
        faults.add(Invalid(_l("True or false."), field="show_contact"))
    faults.raise_any()


def post_need(
    dbs: DbSession, event: Event, topic: ExchangeTopic, author: User, data: NeedInput
) -> Need:
    """A confirmed participant's need under one of the event's topics."""
    if topic.session.event_id != event.id:
        raise NotFound(_l("No exchange topic %(id)s in this event.", id=topic.id))
    require_participant(dbs, event, author, _l(
        "Only the event's confirmed participants may post needs: register first (or wait for "
        "the organizers' approval)."))
    _validate(data)
    need = Need(topic=topic, author_id=author.id, country=data.country, sector=data.sector,
                description=data.description, visibility=NeedVisibility(data.visibility),
                show_contact=data.show_contact)
    dbs.add(need)
    dbs.flush()
    return need


def get_need(dbs: DbSession, event: Event, need_id: int) -> Need:
    need = dbs.scalar(
        select(Need).join(Need.topic).join(ExchangeTopic.session)
        .where(Need.id == need_id, Session.event_id == event.id)
        .options(contains_eager(Need.topic).contains_eager(ExchangeTopic.session))
    )
    if need is None:
        raise NotFound(_l("No need %(id)s in this event.", id=need_id))
    return need


def event_needs(dbs: DbSession, event: Event) -> list[Need]:
    """Every need of the event, hidden ones included, with its author: for organizers."""
    return list(dbs.scalars(
        select(Need).join(Need.topic).join(ExchangeTopic.session)
        .where(Session.event_id == event.id)
        .options(contains_eager(Need.topic), selectinload(Need.author))
        .order_by(ExchangeTopic.position, ExchangeTopic.id, Need.id)
    ))


def withdraw_need(dbs: DbSession, need: Need, user: User) -> None:
    """The author takes their need down (organizers may too); it is deleted."""
    if need.author_id != user.id and not _organizes(dbs, need, user):
        raise Forbidden(_l("Only the need's author or an organizer may withdraw it."),
                        field="need")
    dbs.delete(need)
    dbs.flush()


def hide_need(dbs: DbSession, need: Need, by: User) -> Need:
    """An organizer hides a need (abuse, off topic): shown to organizers only from then on."""
    if not _organizes(dbs, need, by):
        raise Forbidden(_l("Only the event's organizers may hide needs."), field="need")
    if need.hidden_at is None:
        need.hidden_at = utcnow()
        dbs.flush()
    return need


def restore_need(dbs: DbSession, need: Need, by: User) -> Need:
    """An organizer shows a hidden need again."""
    if not _organizes(dbs, need, by):
        raise Forbidden(_l("Only the event's organizers may show hidden needs again."),
                        field="need")
    need.hidden_at = None
    dbs.flush()
    return need


@dataclass
class Poster:
    """Who posted a need, as they gave it when registering for the event."""

    name: str
    organization: str


@dataclass
class SeenNeed:
    """A need as one viewer may see it."""

    need: Need
    # Name and organization, only where the poster allowed it and the viewer is one of the
    # event's participants or an organizer.
    poster: Poster | None
    own: bool

    @property
    def hidden(self) -> bool:
        return self.need.hidden_at is not None

    def __getattr__(self, name):
        return getattr(self.need, name)


def visible_needs(
    dbs: DbSession, event: Event, viewer: User | None, topic_id: int | None = None
) -> list[SeenNeed]:
    """The event's needs `viewer` may see (anonymous when None), by topic then posting, in a
    fixed number of queries. Hidden needs are for organizers; the author always sees their
    own unless hidden."""
    organizer = organizes(dbs, viewer, event)
    insider = sees_participant_content(dbs, event, viewer)
    viewer_id = viewer.id if viewer is not None and getattr(viewer, "is_authenticated",
                                                            True) else None
    stmt = (
        select(Need).join(Need.topic).join(ExchangeTopic.session)
        .where(Session.event_id == event.id)
        .options(contains_eager(Need.topic))
        .order_by(ExchangeTopic.position, ExchangeTopic.id, Need.id)
    )
    if topic_id is not None:
        stmt = stmt.where(Need.topic_id == topic_id)
    if not organizer:
        stmt = stmt.where(Need.hidden_at.is_(None))
        if not insider:
            shown = Need.visibility == NeedVisibility.PUBLIC
            if viewer_id is not None:
                shown = shown | (Need.author_id == viewer_id)
            stmt = stmt.where(shown)
    needs = list(dbs.scalars(stmt))
    posters = _posters(dbs, event, {n.author_id for n in needs if n.show_contact}) \
        if insider else {}
    return [SeenNeed(n, posters.get(n.author_id) if n.show_contact else None,
                     own=n.author_id == viewer_id) for n in needs]


def seen_need(dbs: DbSession, event: Event, need: Need, viewer: User | None) -> SeenNeed:
    """One need as `viewer` sees it (who may see it at all is for `visible_needs`)."""
    insider = sees_participant_content(dbs, event, viewer)
    poster = None
    if insider and need.show_contact:
        poster = _posters(dbs, event, {need.author_id}).get(need.author_id)
    return SeenNeed(need, poster, own=viewer is not None and need.author_id == viewer.id)


def _posters(dbs: DbSession, event: Event, user_ids: set[int]) -> dict[int, Poster]:
    """Each author's name and organization from their registration, else their account."""
    if not user_ids:
        return {}
    rows = dbs.execute(
        select(User.id, User.name, User.organization, Registration.name,
               Registration.organization)
        .outerjoin(Registration, (Registration.user_id == User.id)
                   & (Registration.event_id == event.id))
        .where(User.id.in_(user_ids))
    )
    return {user_id: Poster(reg_name or name or "", reg_org if reg_name else org or "")
            for user_id, name, org, reg_name, reg_org in rows}
