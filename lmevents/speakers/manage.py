"""Organizers' back office for the speaker registry (shared by all events)."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _

from lmevents.auth.access import organizer_required
from lmevents.core.forms import commit_or_refuse, render_form
from lmevents.extensions import db
from lmevents.speakers.blueprint import bp
from lmevents.speakers.forms import SpeakerForm
from lmevents.speakers.services import all_speakers, create_speaker, get_speaker, update_speaker


@bp.route("/manage/speakers")
@organizer_required
def manage_speakers():
    return render_template("speakers/manage/speakers.html", speakers=all_speakers(db.session))


@bp.route("/manage/speakers/new", methods=["GET", "POST"])
@organizer_required
def manage_new_speaker():
    form = SpeakerForm()
    if form.validate_on_submit():
        outcome = commit_or_refuse(lambda: create_speaker(db.session, form.to_input()), form)
        if outcome.ok:
            flash(_("Speaker added to the registry."), "success")
            return redirect(url_for(".manage_speakers", _anchor=f"speaker-{outcome.value.id}"))
    return render_form("speakers/manage/speaker_form.html", form, speaker=None)


@bp.route("/manage/speakers/<id:speaker_id>/edit", methods=["GET", "POST"])
@organizer_required
def manage_edit_speaker(speaker_id: int):
    speaker = get_speaker(db.session, speaker_id)
    form = SpeakerForm(data=SpeakerForm.data_of(speaker))
    if form.validate_on_submit():
        outcome = commit_or_refuse(lambda: update_speaker(db.session, speaker, form.to_input()),
                                   form)
        if outcome.ok:
            flash(_("Speaker saved."), "success")
            return redirect(url_for(".manage_speakers", _anchor=f"speaker-{speaker.id}"))
    return render_form("speakers/manage/speaker_form.html", form, speaker=speaker)
