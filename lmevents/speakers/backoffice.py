"""Organizers' back office for the speaker registry (shared by all events) and for each
event's invitations."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from lmevents.core.text import current_language
from lmevents.errors import DomainError
from lmevents.events.models import Event
from lmevents.events.services import get_event
from lmevents.extensions import db
from lmevents.speakers.blueprint import bp
from lmevents.speakers.editors import may_edit_speaker
from lmevents.speakers.forms import (
    FIELD_LABELS,
    INVITATION_ACTIONS,
    INVITATION_LABELS,
    ImportForm,
    InvitationForm,
    InviteForm,
    MergeForm,
    SpeakerForm,
)
from lmevents.speakers.importer import COLUMNS, decode_csv, import_speakers
from lmevents.speakers.merge import merge_speakers, plan_merge
from lmevents.speakers.models import Speaker
from lmevents.speakers.photos import remove_speaker_photo, set_speaker_photo
from lmevents.speakers.services import (
    create_speaker,
    event_roster,
    get_speaker,
    invite_speaker,
    registry,
    set_invitation,
    update_speaker,
    withdraw_invitation,
)
from lmevents.web.access import organizer_required
from lmevents.web.forms import Outcome, commit_or_refuse, render_form, show_refusal

SPEAKER = "/manage/speakers/<id:speaker_id>"
EVENT_SPEAKERS = "/manage/events/<slug:slug>/speakers"


def _to_registry(speaker_id: int):
    return redirect(url_for(".manage_speakers", _anchor=f"speaker-{speaker_id}"))


@bp.route("/manage/speakers")
@organizer_required
def manage_speakers():
    return render_template("speakers/manage/speakers.html", speakers=registry(db.session))


# One speaker's record


def _save(form: SpeakerForm, speaker: Speaker | None) -> Outcome:
    """Save the form's fields and its uploaded photo, if any, as one transaction."""

    def write() -> Speaker:
        if speaker is None:
            saved = create_speaker(db.session, form.to_input())
        else:
            saved = update_speaker(db.session, speaker, form.to_input())
        photo = form.photo_bytes()
        if photo is not None:
            set_speaker_photo(db.session, saved, photo)
        return saved

    return commit_or_refuse(write, form)


def _speaker_page(form: SpeakerForm, speaker: Speaker | None):
    return render_form("speakers/manage/speaker_form.html", form, speaker=speaker)


@bp.route("/manage/speakers/new", methods=["GET", "POST"])
@organizer_required
def manage_new_speaker():
    form = SpeakerForm()
    if form.validate_on_submit() and not form.preview.data:
        outcome = _save(form, None)
        if outcome.ok:
            flash(_("Speaker added to the registry."), "success")
            return _to_registry(outcome.value.id)
    return _speaker_page(form, None)


@bp.route(SPEAKER + "/edit", methods=["GET", "POST"])
@organizer_required
def manage_edit_speaker(speaker_id: int):
    speaker = get_speaker(db.session, speaker_id)
    form = SpeakerForm(data=SpeakerForm.data_of(speaker))
    if form.validate_on_submit() and not form.preview.data:
        outcome = _save(form, speaker)
        if outcome.ok:
            flash(_("Speaker saved."), "success")
            return _to_registry(speaker.id)
    return _speaker_page(form, speaker)


@bp.route(SPEAKER + "/photo/remove", methods=["POST"])
@organizer_required
def manage_remove_speaker_photo(speaker_id: int):
    speaker = get_speaker(db.session, speaker_id)
    form = SpeakerForm(formdata=None, data=SpeakerForm.data_of(speaker))
    outcome = commit_or_refuse(lambda: remove_speaker_photo(db.session, speaker), form)
    if outcome.ok:
        flash(_("Uploaded photo removed."), "success")
        return redirect(url_for(".manage_edit_speaker", speaker_id=speaker.id))
    return _speaker_page(form, speaker)


# Merging duplicates


@bp.route(SPEAKER + "/merge", methods=["GET", "POST"])
@organizer_required
def manage_merge_speaker(speaker_id: int):
    keep = get_speaker(db.session, speaker_id)
    others = [s for s in registry(db.session) if s.id != keep.id]
    form = MergeForm(speakers=others, lang=current_language())
    plan = None
    if form.validate_on_submit():
        drop = get_speaker(db.session, form.drop_id.data)
        if not may_edit_speaker(db.session, current_user, drop.id):
            form.drop_id.errors.append(_(
                "Only the organizers of the events this speaker takes part in may merge them."))
        elif form.confirm.data:
            merged_name = drop.display_name(current_language())
            outcome = commit_or_refuse(lambda: merge_speakers(db.session, keep, drop), form,
                                       MergeForm.REFUSAL_FIELDS)
            if outcome.ok:
                flash(_("%(merged)s was merged into %(kept)s.", merged=merged_name,
                        kept=keep.display_name(current_language())), "success")
                return _to_registry(keep.id)
        else:
            try:
                plan = plan_merge(db.session, keep, drop)
            except DomainError as error:
                show_refusal(form, error, MergeForm.REFUSAL_FIELDS)
    return render_form("speakers/manage/merge.html", form, keep=keep, plan=plan,
                       form_labels=FIELD_LABELS, state_labels=INVITATION_LABELS)


# Import from a spreadsheet


@bp.route("/manage/speakers/import", methods=["GET", "POST"])
@organizer_required
def manage_import_speakers():
    form = ImportForm()
    report = None
    if form.validate_on_submit():
        dry_run = not form.run.data
        outcome = commit_or_refuse(
            lambda: import_speakers(db.session, decode_csv(form.text_bytes()), dry_run=dry_run),
            form,
        )
        report = outcome.value
        if report is not None and report.written:
            flash(_("Import done: %(created)d speakers added, %(updated)d updated.",
                    created=report.created, updated=report.updated), "success")
            return redirect(url_for(".manage_speakers"))
    page = render_template("speakers/manage/import.html", form=form, report=report,
                           columns=COLUMNS)
    return page, 422 if form.errors or (report is not None and not report.ok) else 200


# An event's speakers and their invitations


def _event(slug: str) -> Event:
    return get_event(db.session, slug, published_only=False)


def _roster_page(event: Event, form: InviteForm | None = None, refusal: str | None = None,
                 everyone: list[Speaker] | None = None):
    """The event's speakers; the invitation form offers those not on the list yet."""
    roster = event_roster(db.session, event)
    tracked = {entry.speaker.id for entry in roster if entry.invitation}
    if form is None:
        form = InviteForm(formdata=None, speakers=[], lang=current_language())
    if everyone is None:
        everyone = registry(db.session)
    form.offer([s for s in everyone if s.id not in tracked], current_language())
    page = render_template(
        "speakers/manage/event_speakers.html", event=event, roster=roster, form=form,
        refusal=refusal, state_labels=INVITATION_LABELS, state_actions=INVITATION_ACTIONS,
    )
    return page, 422 if refusal or form.errors else 200


@bp.route(EVENT_SPEAKERS, methods=["GET", "POST"])
@organizer_required
def manage_event_speakers(slug: str):
    event = _event(slug)
    everyone = registry(db.session)
    form = InviteForm(speakers=everyone, lang=current_language())
    if form.validate_on_submit():
        speaker = get_speaker(db.session, form.speaker_id.data)
        outcome = commit_or_refuse(lambda: invite_speaker(db.session, event, speaker), form)
        if outcome.ok:
            flash(_("%(name)s is invited.", name=speaker.display_name(current_language())),
                  "success")
            return redirect(url_for(".manage_event_speakers", slug=event.slug,
                                    _anchor=f"speaker-{speaker.id}"))
    return _roster_page(event, form, everyone=everyone)


@bp.route(EVENT_SPEAKERS + "/<id:speaker_id>/invitation", methods=["POST"])
@organizer_required
def manage_set_invitation(slug: str, speaker_id: int):
    event = _event(slug)
    speaker = get_speaker(db.session, speaker_id)
    form = InvitationForm()
    if not form.validate_on_submit():
        return _roster_page(event, refusal=_("Choose invited, confirmed or declined."))
    outcome = commit_or_refuse(lambda: set_invitation(db.session, event, speaker, form.state.data))
    if not outcome.ok:
        return _roster_page(event, refusal=outcome.error.message)
    flash(_("%(name)s: %(state)s.", name=speaker.display_name(current_language()),
            state=INVITATION_LABELS[form.state.data]), "success")
    return redirect(url_for(".manage_event_speakers", slug=event.slug,
                            _anchor=f"speaker-{speaker.id}"))


@bp.route(EVENT_SPEAKERS + "/<id:speaker_id>/invitation/remove", methods=["POST"])
@organizer_required
def manage_withdraw_invitation(slug: str, speaker_id: int):
    event = _event(slug)
    speaker = get_speaker(db.session, speaker_id)
    withdraw_invitation(db.session, event, speaker)
    db.session.commit()
    flash(_("%(name)s is no longer on the invitation list.",
            name=speaker.display_name(current_language())), "success")
    return redirect(url_for(".manage_event_speakers", slug=event.slug))
