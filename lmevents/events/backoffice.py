"""Organizers' back office: events, their organizing bodies and their contact block."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _

from lmevents.auth.access import organizer_required
from lmevents.events.blueprint import bp
from lmevents.events.forms import ContactForm, EventForm, HostsForm
from lmevents.events.services import (
    create_event,
    get_event,
    list_events,
    publish_event,
    set_contact,
    set_hosts,
    unpublish_event,
    update_event,
)
from lmevents.extensions import db
from lmevents.web.forms import commit_or_refuse, render_form


@bp.route("/manage/")
@organizer_required
def manage_index():
    return render_template("events/manage/index.html",
                           events=list_events(db.session, published_only=False))


@bp.route("/manage/events/new", methods=["GET", "POST"])
@organizer_required
def manage_new_event():
    form = EventForm()
    if form.validate_on_submit():
        outcome = commit_or_refuse(lambda: create_event(db.session, form.to_input()), form)
        if outcome.ok:
            flash(_("Event created. It stays hidden from the public until you publish it."),
                  "success")
            return redirect(url_for(".manage_edit_event", slug=outcome.value.slug))
    return render_form("events/manage/event_form.html", form, event=None)


@bp.route("/manage/events/<slug:slug>/edit", methods=["GET", "POST"])
@organizer_required
def manage_edit_event(slug: str):
    event = get_event(db.session, slug, published_only=False)
    form = EventForm(data=EventForm.data_of(event))
    if form.validate_on_submit():
        outcome = commit_or_refuse(lambda: update_event(db.session, event, form.to_input()), form)
        if outcome.ok:
            flash(_("Event saved."), "success")
            return redirect(url_for(".manage_edit_event", slug=event.slug))
    return render_form("events/manage/event_form.html", form, event=event)


@bp.route("/manage/events/<slug:slug>/publish", methods=["POST"])
@organizer_required
def manage_publish_event(slug: str):
    event = get_event(db.session, slug, published_only=False)
    publish_event(db.session, event)
    db.session.commit()
    flash(_("“%(title)s” is published.", title=event.text("title")), "success")
    return redirect(url_for(".manage_index"))


@bp.route("/manage/events/<slug:slug>/unpublish", methods=["POST"])
@organizer_required
def manage_unpublish_event(slug: str):
    event = get_event(db.session, slug, published_only=False)
    unpublish_event(db.session, event)
    db.session.commit()
    flash(_("“%(title)s” is hidden from the public again.", title=event.text("title")),
          "success")
    return redirect(url_for(".manage_index"))


@bp.route("/manage/events/<slug:slug>/hosts", methods=["GET", "POST"])
@organizer_required
def manage_hosts(slug: str):
    event = get_event(db.session, slug, published_only=False)
    roles_in_use = {host.role for host in event.hosts}
    form = HostsForm(data=HostsForm.data_of(event.hosts))
    form.offer_roles(roles_in_use)
    if form.validate_on_submit():
        # The rule names the whole list: its message goes above the table.
        outcome = commit_or_refuse(lambda: set_hosts(db.session, event, form.to_inputs()), form,
                                   fields={"hosts": None})
        if outcome.ok:
            flash(_("Organizing bodies saved."), "success")
            return redirect(url_for(".manage_hosts", slug=event.slug))
    form.add_spare_rows(roles_in_use)
    return render_form("events/manage/hosts.html", form, event=event)


@bp.route("/manage/events/<slug:slug>/contact", methods=["GET", "POST"])
@organizer_required
def manage_contact(slug: str):
    event = get_event(db.session, slug, published_only=False)
    form = ContactForm(data=ContactForm.data_of(event))
    if form.validate_on_submit():
        outcome = commit_or_refuse(lambda: set_contact(db.session, event, form.to_input()), form)
        if outcome.ok:
            flash(_("Contact details saved."), "success")
            return redirect(url_for(".manage_contact", slug=event.slug))
    return render_form("events/manage/contact.html", form, event=event)
