"""Merging two registry records of one person: the second one's parts move to the first."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession

from lmevents.agenda.models import SessionSpeaker
from lmevents.availability import clash_label, first_shared_speaking_clash
from lmevents.core.text import current_language
from lmevents.errors import Conflict, Invalid
from lmevents.speakers.models import EventSpeaker, Speaker
from lmevents.speakers.services import FIELDS
from lmevents.subforums.models import SubForumModerator


@dataclass
class MergePlan:
    """What merging `drop` into `keep` does; rows in `*_removed` duplicate one keep has."""

    keep: Speaker
    drop: Speaker
    parts_moved: list[SessionSpeaker] = field(default_factory=list)
    parts_removed: list[SessionSpeaker] = field(default_factory=list)
    moderations_moved: list[SubForumModerator] = field(default_factory=list)
    moderations_removed: list[SubForumModerator] = field(default_factory=list)
    invitations_moved: list[EventSpeaker] = field(default_factory=list)
    invitations_removed: list[EventSpeaker] = field(default_factory=list)
    filled: dict[str, str] = field(default_factory=dict)
    photo_moved: bool = False


def _check_no_clash(dbs: DbSession, keep: Speaker, drop: Speaker) -> None:
    """After the merge one person holds both sets of parts: none may overlap another."""
    clash = first_shared_speaking_clash(dbs, keep.id, drop.id)
    if clash is not None:
        other, own = clash
        lang = current_language()
        raise Conflict(
            _l("%(drop)s speaks in %(other)s, which overlaps %(own)s where %(keep)s speaks: "
               "one person cannot be in both.",
               drop=drop.display_name(lang), other=clash_label(other, other.event.timezone),
               own=clash_label(own, own.event.timezone), keep=keep.display_name(lang)),
            field="drop", session_ids=[other.id, own.id],
        )


def plan_merge(dbs: DbSession, keep: Speaker, drop: Speaker) -> MergePlan:
    """Check that `drop` can merge into `keep` and say what the merge would do; no writes."""
    if keep.id == drop.id:
        raise Invalid(_l("A speaker cannot be merged with itself."), field="drop")
    _check_no_clash(dbs, keep, drop)
    plan = MergePlan(keep, drop)

    def split(model, group_column: str, moved: list, removed: list) -> None:
        group = getattr(model, group_column)
        held = set(dbs.scalars(select(group).where(model.speaker_id == keep.id)))
        for row in dbs.scalars(select(model).where(model.speaker_id == drop.id)):
            (removed if getattr(row, group_column) in held else moved).append(row)

    split(SessionSpeaker, "session_id", plan.parts_moved, plan.parts_removed)
    split(SubForumModerator, "subforum_id", plan.moderations_moved, plan.moderations_removed)
    split(EventSpeaker, "event_id", plan.invitations_moved, plan.invitations_removed)
    plan.filled = {
        name: getattr(drop, name) for name in FIELDS
        if not getattr(keep, name) and getattr(drop, name)
    }
    plan.photo_moved = keep.photo is None and drop.photo is not None
    return plan


def merge_speakers(dbs: DbSession, keep: Speaker, drop: Speaker) -> MergePlan:
    """Move `drop`'s parts, moderations, invitations, missing details and photo to `keep`,
    then delete `drop`. Keep's own values always win. The caller commits."""
    if keep.id != drop.id:
        # Bookings serialize on speaker rows (see agenda.scheduling.check_speakers_free): a
        # session edit cannot slip a clash in between the check and the move.
        dbs.execute(select(Speaker.id).where(Speaker.id.in_([keep.id, drop.id]))
                    .order_by(Speaker.id).with_for_update())
    plan = plan_merge(dbs, keep, drop)
    for row in [*plan.parts_removed, *plan.moderations_removed, *plan.invitations_removed]:
        dbs.delete(row)
    for row in [*plan.parts_moved, *plan.moderations_moved, *plan.invitations_moved]:
        row.speaker = keep
    for name, value in plan.filled.items():
        setattr(keep, name, value)
    if plan.photo_moved:
        drop.photo.speaker = keep
    dbs.flush()
    # Reload drop's collections: the rows that moved must not be deleted with it.
    dbs.expire(drop)
    dbs.delete(drop)
    dbs.flush()
    return plan
