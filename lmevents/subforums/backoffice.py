"""Organizers' back office for sub-forums: create, edit, delete."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _

from lmevents.agenda.rooms import event_rooms
from lmevents.core.text import current_language
from lmevents.events.models import Event
from lmevents.events.services import get_event
from lmevents.extensions import db
from lmevents.speakers.services import registry
from lmevents.subforums.blueprint import bp
from lmevents.subforums.forms import SubForumForm
from lmevents.subforums.services import (
    create_subforum,
    delete_subforum,
    event_subforums,
    get_subforum,
    update_subforum,
)
from lmevents.web.access import organizer_required
from lmevents.web.forms import commit_or_refuse, render_form

EVENT = "/manage/events/<slug:slug>"


def _event(slug: str) -> Event:
    return get_event(db.session, slug, published_only=False)


def _form(event: Event, **kwargs) -> SubForumForm:
    return SubForumForm(rooms=event_rooms(db.session, event), speakers=registry(db.session),
                        lang=current_language(), **kwargs)


def _list_page(event: Event, refusal: str | None = None):
    page = render_template("subforums/manage/subforums.html", event=event,
                           subforums=event_subforums(db.session, event), refusal=refusal)
    return page, 422 if refusal else 200


@bp.route(EVENT + "/subforums")
@organizer_required
def manage_subforums(slug: str):
    return _list_page(_event(slug))


@bp.route(EVENT + "/subforums/new", methods=["GET", "POST"])
@organizer_required
def manage_new_subforum(slug: str):
    event = _event(slug)
    form = _form(event)
    if form.validate_on_submit():
        outcome = commit_or_refuse(lambda: create_subforum(db.session, event, form.to_input()),
                                   form)
        if outcome.ok:
            flash(_("Sub-forum added."), "success")
            return redirect(url_for(".manage_subforums", slug=event.slug))
    return render_form("subforums/manage/subforum_form.html", form, event=event, subforum=None)


@bp.route(EVENT + "/subforums/<id:subforum_id>/edit", methods=["GET", "POST"])
@organizer_required
def manage_edit_subforum(slug: str, subforum_id: int):
    event = _event(slug)
    subforum = get_subforum(db.session, event, subforum_id)
    form = _form(event, data=SubForumForm.data_of(subforum))
    if form.validate_on_submit():
        outcome = commit_or_refuse(lambda: update_subforum(db.session, subforum, form.to_input()),
                                   form)
        if outcome.ok:
            flash(_("Sub-forum saved."), "success")
            return redirect(url_for(".manage_subforums", slug=event.slug))
    return render_form("subforums/manage/subforum_form.html", form, event=event,
                       subforum=subforum)


@bp.route(EVENT + "/subforums/<id:subforum_id>/delete", methods=["POST"])
@organizer_required
def manage_delete_subforum(slug: str, subforum_id: int):
    event = _event(slug)
    subforum = get_subforum(db.session, event, subforum_id)
    outcome = commit_or_refuse(lambda: delete_subforum(db.session, subforum))
    if not outcome.ok:
        return _list_page(event, outcome.error.message)
    flash(_("Sub-forum deleted."), "success")
    return redirect(url_for(".manage_subforums", slug=event.slug))
