"""Organizers' back office for the agenda: virtual rooms, sessions, speakers, change log."""

from __future__ import annotations

from datetime import datetime

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from lmevents.agenda.blueprint import bp
from lmevents.agenda.forms import RoomForm, SessionForm, SessionSpeakerForm
from lmevents.agenda.labels import KIND_LABELS, ROLE_LABELS, STATUS_LABELS
from lmevents.agenda.models import Session, SessionKind, SessionStatus, SpeakerRole
from lmevents.agenda.rooms import create_room, delete_room, event_rooms, get_room, update_room
from lmevents.agenda.services import (
    SpeakerEntry,
    cancel_session,
    create_session,
    get_session,
    programme,
    restore_session,
    session_history,
    set_session_speakers,
    set_session_topics,
    update_session,
)
from lmevents.core.text import current_language
from lmevents.errors import NotFound
from lmevents.events.models import Event
from lmevents.events.services import get_event
from lmevents.extensions import db
from lmevents.speakers.services import registry, speakers_by_id
from lmevents.subforums.services import subforum_titles
from lmevents.web.access import organizer_required
from lmevents.web.forms import commit_or_refuse, render_form
from lmevents.web.viewer import ZonedClock

EVENT = "/manage/events/<slug:slug>"
SESSION = EVENT + "/sessions/<id:session_id>"


def _event(slug: str) -> Event:
    return get_event(db.session, slug, published_only=False)


def _actor():
    """The signed-in organizer, recorded in the change log."""
    return current_user._get_current_object()


# Virtual rooms


@bp.route(EVENT + "/rooms", methods=["GET", "POST"])
@organizer_required
def manage_rooms(slug: str):
    event = _event(slug)
    form = RoomForm()
    if form.validate_on_submit():
        outcome = commit_or_refuse(lambda: create_room(db.session, event, form.to_input()), form)
        if outcome.ok:
            flash(_("Virtual room added."), "success")
            return redirect(url_for(".manage_rooms", slug=event.slug))
    return render_form("agenda/manage/rooms.html", form, event=event,
                       rooms=event_rooms(db.session, event))


@bp.route(EVENT + "/rooms/<id:room_id>/edit", methods=["GET", "POST"])
@organizer_required
def manage_edit_room(slug: str, room_id: int):
    event = _event(slug)
    room = get_room(db.session, event, room_id)
    form = RoomForm(data=RoomForm.data_of(room))
    if form.validate_on_submit():
        outcome = commit_or_refuse(lambda: update_room(db.session, room, form.to_input()), form)
        if outcome.ok:
            flash(_("Virtual room saved."), "success")
            return redirect(url_for(".manage_rooms", slug=event.slug))
    return render_form("agenda/manage/room_form.html", form, event=event, room=room)


@bp.route(EVENT + "/rooms/<id:room_id>/delete", methods=["POST"])
@organizer_required
def manage_delete_room(slug: str, room_id: int):
    event = _event(slug)
    room = get_room(db.session, event, room_id)
    outcome = commit_or_refuse(lambda: delete_room(db.session, room))
    if outcome.ok:
        flash(_("Virtual room deleted."), "success")
        return redirect(url_for(".manage_rooms", slug=event.slug))
    page = render_template("agenda/manage/rooms.html", form=RoomForm(formdata=None), event=event,
                           rooms=event_rooms(db.session, event), refusal=outcome.error.message)
    return page, 422


# Sessions


def _sessions_page(event: Event, refusal: str | None = None):
    page = render_template(
        "agenda/manage/sessions.html", event=event, clock=ZonedClock(event.timezone),
        sessions=programme(db.session, event), refusal=refusal,
    )
    return page, 422 if refusal else 200


def _session_form(event: Event, **kwargs) -> SessionForm:
    return SessionForm(
        zone_name=event.timezone, rooms=event_rooms(db.session, event),
        subforums=subforum_titles(db.session, event), lang=current_language(), **kwargs,
    )


@bp.route(EVENT + "/sessions")
@organizer_required
def manage_sessions(slug: str):
    return _sessions_page(_event(slug))


@bp.route(EVENT + "/sessions/new", methods=["GET", "POST"])
@organizer_required
def manage_new_session(slug: str):
    event = _event(slug)
    form = _session_form(event)
    if form.validate_on_submit():
        outcome = commit_or_refuse(
            lambda: create_session(db.session, event, form.to_input(), _actor()),
            form, SessionForm.REFUSAL_FIELDS,
        )
        if outcome.ok:
            flash(_("Session added. Now add its speakers."), "success")
            return redirect(url_for(".manage_session_speakers", slug=event.slug,
                                    session_id=outcome.value.id))
    return render_form("agenda/manage/session_form.html", form, event=event, session=None)


@bp.route(SESSION + "/edit", methods=["GET", "POST"])
@organizer_required
def manage_edit_session(slug: str, session_id: int):
    event = _event(slug)
    session = get_session(db.session, event, session_id)
    form = _session_form(event, data=SessionForm.data_of(session))
    if form.validate_on_submit():

        def write():
            update_session(db.session, session, form.changes(), _actor())
            set_session_topics(db.session, session, form.topics.data or [])

        outcome = commit_or_refuse(write, form, SessionForm.REFUSAL_FIELDS)
        if outcome.ok:
            flash(_("Session saved."), "success")
            return redirect(url_for(".manage_sessions", slug=event.slug,
                                    _anchor=f"session-{session.id}"))
    return render_form("agenda/manage/session_form.html", form, event=event, session=session)


@bp.route(SESSION + "/cancel", methods=["POST"])
@organizer_required
def manage_cancel_session(slug: str, session_id: int):
    event = _event(slug)
    session = get_session(db.session, event, session_id)
    outcome = commit_or_refuse(lambda: cancel_session(db.session, session, _actor()))
    if not outcome.ok:
        return _sessions_page(event, outcome.error.message)
    flash(_("Session cancelled. It stays in the programme, marked as cancelled."), "success")
    return redirect(url_for(".manage_sessions", slug=event.slug, _anchor=f"session-{session.id}"))


@bp.route(SESSION + "/restore", methods=["POST"])
@organizer_required
def manage_restore_session(slug: str, session_id: int):
    event = _event(slug)
    session = get_session(db.session, event, session_id)
    outcome = commit_or_refuse(lambda: restore_session(db.session, session, _actor()))
    if not outcome.ok:
        return _sessions_page(event, outcome.error.message)
    flash(_("Session restored."), "success")
    return redirect(url_for(".manage_sessions", slug=event.slug, _anchor=f"session-{session.id}"))


# A session's speakers


def _entries(session: Session) -> list[SpeakerEntry]:
    return [
        SpeakerEntry(speaker_id=part.speaker_id, role=part.role,
                     talk_title_zh=part.talk_title_zh, talk_title_en=part.talk_title_en)
        for part in session.speakers
    ]


def _speakers_page(event: Event, session: Session, form: SessionSpeakerForm,
                   refusal: str | None = None):
    page = render_template(
        "agenda/manage/session_speakers.html", event=event, session=session, form=form,
        clock=ZonedClock(event.timezone), refusal=refusal,
    )
    return page, 422 if refusal or form.errors else 200


def _speaker_form(**kwargs) -> SessionSpeakerForm:
    return SessionSpeakerForm(speakers=registry(db.session), lang=current_language(),
                              **kwargs)


@bp.route(SESSION + "/speakers", methods=["GET", "POST"])
@organizer_required
def manage_session_speakers(slug: str, session_id: int):
    event = _event(slug)
    session = get_session(db.session, event, session_id)
    # Preset to the part speakers usually play in such a session (it was always "Chair").
    form = _speaker_form(data={"role": SpeakerRole.usual_for(session.kind)})
    if form.validate_on_submit():
        entries = [*_entries(session), form.to_entry()]
        outcome = commit_or_refuse(
            lambda: set_session_speakers(db.session, session, entries, _actor()),
            form, SessionSpeakerForm.REFUSAL_FIELDS,
        )
        if outcome.ok:
            flash(_("Speaker added."), "success")
            return redirect(url_for(".manage_session_speakers", slug=event.slug,
                                    session_id=session.id))
    return _speakers_page(event, session, form)


def _rewrite_speakers(slug: str, session_id: int, speaker_id: int, rearrange):
    """Apply `rearrange(entries, index)` to the session's speaker list and save it."""
    event = _event(slug)
    session = get_session(db.session, event, session_id)
    entries = _entries(session)
    index = next((i for i, e in enumerate(entries) if e.speaker_id == speaker_id), None)
    if index is None:
        raise NotFound(_("This speaker is not in this session."))
    entries = rearrange(entries, index)
    outcome = commit_or_refuse(
        lambda: set_session_speakers(db.session, session, entries, _actor())
    )
    if not outcome.ok:
        return _speakers_page(event, session, _speaker_form(formdata=None),
                              outcome.error.message)
    return redirect(url_for(".manage_session_speakers", slug=event.slug, session_id=session.id))


@bp.route(SESSION + "/speakers/<id:speaker_id>/remove", methods=["POST"])
@organizer_required
def manage_remove_session_speaker(slug: str, session_id: int, speaker_id: int):
    return _rewrite_speakers(slug, session_id, speaker_id,
                             lambda entries, i: entries[:i] + entries[i + 1:])


@bp.route(SESSION + "/speakers/<id:speaker_id>/<any(up, down):direction>", methods=["POST"])
@organizer_required
def manage_move_session_speaker(slug: str, session_id: int, speaker_id: int, direction: str):
    def move(entries, i):
        j = i - 1 if direction == "up" else i + 1
        if 0 <= j < len(entries):
            entries[i], entries[j] = entries[j], entries[i]
        return entries

    return _rewrite_speakers(slug, session_id, speaker_id, move)


# The change log

FIELD_LABELS = {
    "kind": _l("Kind"), "status": _l("Status"), "starts_at": _l("Start"), "ends_at": _l("End"),
    "title_zh": _l("Title (Chinese)"), "title_en": _l("Title (English)"),
    "description_zh": _l("Description (Chinese)"), "description_en": _l("Description (English)"),
    "room_id": _l("Virtual room"), "subforum_id": _l("Sub-forum"), "capacity": _l("Capacity"),
    "speakers": _l("Speakers"),
}
ACTION_LABELS = {
    "created": _l("Created"), "modified": _l("Modified"), "cancelled": _l("Cancelled"),
    "restored": _l("Restored"),
}


class ChangeWording:
    """Words for the values a change log holds: times in the event's zone, names for ids."""

    def __init__(self, event: Event, history, lang: str):
        self.clock = ZonedClock(event.timezone)
        self.lang = lang
        self.rooms = {r.id: r.text("name", lang) for r in event_rooms(db.session, event)}
        self.subforums = {s.id: s.code for s in subforum_titles(db.session, event)}
        ids = [pair[0] for change in history for value in change.changes.get("speakers", [])
               for pair in value or []]
        self.speakers = speakers_by_id(db.session, ids)

    def moment(self, moment: datetime) -> str:
        local = self.clock.local(moment)
        return f"{local:%Y-%m-%d %H:%M} {self.clock.zone_label(moment)}"

    def value(self, name: str, value) -> str:
        if value is None or value == []:
            return "—"
        if name in ("starts_at", "ends_at"):
            return self.moment(datetime.fromisoformat(value))
        if name == "room_id":
            return self.rooms.get(value, f"#{value}")
        if name == "subforum_id":
            return self.subforums.get(value, f"#{value}")
        if name == "kind":
            return str(KIND_LABELS[SessionKind(value)])
        if name == "status":
            return str(STATUS_LABELS[SessionStatus(value)])
        if name == "speakers":
            return "; ".join(
                f"{self._speaker(speaker_id)} ({ROLE_LABELS[SpeakerRole(role)]})"
                for speaker_id, role in value
            )
        return str(value)

    def _speaker(self, speaker_id: int) -> str:
        speaker = self.speakers.get(speaker_id)
        return speaker.display_name(self.lang) if speaker else f"#{speaker_id}"

    def rows(self, change) -> list[tuple[str, str, str]]:
        return [
            (str(FIELD_LABELS.get(name, name)), self.value(name, old), self.value(name, new))
            for name, (old, new) in change.changes.items()
        ]


@bp.route(SESSION + "/changes")
@organizer_required
def manage_session_changes(slug: str, session_id: int):
    event = _event(slug)
    session = get_session(db.session, event, session_id)
    history = session_history(db.session, session)
    return render_template(
        "agenda/manage/session_changes.html", event=event, session=session, history=history,
        wording=ChangeWording(event, history, current_language()), action_labels=ACTION_LABELS,
    )
