"""Who organizes which event: its team (owners and editors) changes it, administrators change
every event, and nobody else changes anything."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session as DbSession
from sqlalchemy.orm import selectinload

from lmevents.auth.models import User
from lmevents.auth.services import user_by_email
from lmevents.errors import Conflict, Forbidden, Invalid, NotFound
from lmevents.events.models import Event, EventOrganizer, TeamRole


def team_role(dbs: DbSession, user: User | None, event: Event) -> TeamRole | None:
    """The user's place on the event's team, if any."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.active:
        return None
    # The team is loaded once per event and session: asking again costs no query.
    return next((member.role for member in event.team if member.user_id == user.id), None)


def organizes(dbs: DbSession, user: User | None, event: Event) -> bool:
    """May this user change this event (its programme, registrations, exchange, team)?"""
    if user is None or not getattr(user, "is_authenticated", False) or not user.active:
        return False
    return user.is_admin or team_role(dbs, user, event) is not None


def require_organizer(dbs: DbSession, user: User | None, event: Event) -> None:
    if not organizes(dbs, user, event):
        raise Forbidden(_l("Only this event's organizers may do this."))


def may_manage_team(dbs: DbSession, user: User | None, event: Event) -> bool:
    return user is not None and (user.is_admin or team_role(dbs, user, event) == TeamRole.OWNER)


def organizes_any(dbs: DbSession, user: User | None) -> bool:
    """Has the user a place in the back office: an organizer, an administrator, or on a
    team (an owner may add any account as an editor of their event)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return user.is_organizer or dbs.scalar(
        select(func.count()).select_from(EventOrganizer)
        .where(EventOrganizer.user_id == user.id)) > 0


def managed_events(dbs: DbSession, user: User) -> list[Event]:
    """The events the user may change, newest first: all of them for an administrator."""
    stmt = select(Event).options(selectinload(Event.hosts)).order_by(
        Event.start_date.desc(), Event.id)
    if not user.is_admin:
        stmt = stmt.join(EventOrganizer).where(EventOrganizer.user_id == user.id)
    return list(dbs.scalars(stmt))


def visible_event(dbs: DbSession, slug: str, user: User | None) -> Event:
    """The event with `slug` as this user may see it: an unpublished one only for its
    organizers (to anyone else it does not exist)."""
    event = dbs.scalar(select(Event).where(Event.slug == slug))
    if event is None or not (event.published or organizes(dbs, user, event)):
        raise NotFound(_l("No event '%(slug)s'.", slug=slug))
    return event


def team_of(dbs: DbSession, event: Event) -> list[EventOrganizer]:
    return list(dbs.scalars(
        select(EventOrganizer).options(selectinload(EventOrganizer.user))
        .where(EventOrganizer.event_id == event.id)
        .order_by(EventOrganizer.role.desc(), EventOrganizer.id)))


def make_owner(dbs: DbSession, event: Event, user: User) -> EventOrganizer:
    """Whoever creates an event owns it."""
    member = EventOrganizer(event=event, user=user, role=TeamRole.OWNER)
    dbs.add(member)
    dbs.flush()
    return member


def add_to_team(dbs: DbSession, event: Event, email: str, role: TeamRole | str,
                *, by: User) -> EventOrganizer:
    """Give an existing account a place on the event's team (owners and administrators)."""
    if not may_manage_team(dbs, by, event):
        raise Forbidden(_l("Only the event's owners may change who organizes it."))
    try:
        role = TeamRole(role)
    except ValueError:
        raise Invalid(_l("Choose one of %(choices)s.", choices=", ".join(TeamRole)),
                      field="role") from None
    user = user_by_email(dbs, email or "")
    if user is None or not user.active:
        raise Invalid(_l("No account has this address: ask them to sign up first."),
                      field="email")
    if team_role(dbs, user, event) is not None:
        raise Conflict(_l("%(email)s is on the team already.", email=user.email), field="email")
    member = EventOrganizer(event=event, user=user, role=role)
    dbs.add(member)
    dbs.flush()
    return member


def change_team_role(dbs: DbSession, event: Event, member_id: int, role: TeamRole | str,
                     *, by: User) -> EventOrganizer:
    member = _member(dbs, event, member_id, by)
    try:
        role = TeamRole(role)
    except ValueError:
        raise Invalid(_l("Choose one of %(choices)s.", choices=", ".join(TeamRole)),
                      field="role") from None
    if member.role == TeamRole.OWNER and role != TeamRole.OWNER:
        _keep_an_owner(dbs, event)
    member.role = role
    dbs.flush()
    return member


def remove_from_team(dbs: DbSession, event: Event, member_id: int, *, by: User) -> None:
    member = _member(dbs, event, member_id, by)
    if member.role == TeamRole.OWNER:
        _keep_an_owner(dbs, event)
    dbs.delete(member)
    dbs.flush()


def _member(dbs: DbSession, event: Event, member_id: int, by: User) -> EventOrganizer:
    if not may_manage_team(dbs, by, event):
        raise Forbidden(_l("Only the event's owners may change who organizes it."))
    member = dbs.get(EventOrganizer, member_id)
    if member is None or member.event_id != event.id:
        raise NotFound(_l("No team member %(id)s in this event.", id=member_id))
    return member


def _keep_an_owner(dbs: DbSession, event: Event) -> None:
    owners = dbs.scalar(select(func.count()).select_from(EventOrganizer).where(
        EventOrganizer.event_id == event.id, EventOrganizer.role == TeamRole.OWNER))
    if owners <= 1:
        raise Conflict(_l("An event keeps at least one owner: make someone else owner first."),
                       field="role")
