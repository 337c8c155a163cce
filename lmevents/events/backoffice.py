"""Organizers' back office: events, their organizing bodies and their contact block."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from lmevents.events.audit import entries_for
from lmevents.events.blueprint import bp
from lmevents.events.completeness import translation_gaps
from lmevents.events.forms import ContactForm, EventForm, HostsForm, TeamMemberForm, TeamRoleForm
from lmevents.events.services import (
    check_event,
    create_event,
    get_event,
    publish_event,
    set_contact,
    set_hosts,
    unpublish_event,
    update_event,
)
from lmevents.events.team import (
    add_to_team,
    change_team_role,
    managed_events,
    may_manage_team,
    remove_from_team,
    team_of,
)
from lmevents.extensions import db
from lmevents.web.access import admin_required, organizer_required
from lmevents.web.forms import commit_or_refuse, render_form, validate_with

AUDIT_PAGE = 50  # entries per page of the audit log


@bp.route("/manage/")
@organizer_required
def manage_index():
    return render_template("events/manage/index.html",
                           events=managed_events(db.session, current_user))


@bp.route("/manage/events/new", methods=["GET", "POST"])
@organizer_required
def manage_new_event():
    form = EventForm()
    if validate_with(form, lambda: check_event(db.session, form.to_input(), None),
                     form.REFUSAL_FIELDS):
        outcome = commit_or_refuse(lambda: create_event(
            db.session, form.to_input(), owner=current_user._get_current_object()), form,
            form.REFUSAL_FIELDS)
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
    if validate_with(form, lambda: check_event(db.session, form.to_input(), event),
                     form.REFUSAL_FIELDS):
        outcome = commit_or_refuse(lambda: update_event(db.session, event, form.to_input()),
                                   form, form.REFUSAL_FIELDS)
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


# Who organizes the event, and what they changed


@bp.route("/manage/events/<slug:slug>/team", methods=["GET", "POST"])
@organizer_required
def manage_team(slug: str):
    event = get_event(db.session, slug, published_only=False)
    form = TeamMemberForm()
    if form.validate_on_submit():
        outcome = commit_or_refuse(lambda: add_to_team(
            db.session, event, form.email.data, form.role.data, by=current_user), form)
        if outcome.ok:
            flash(_("%(email)s now organizes this event.", email=outcome.value.user.email),
                  "success")
            return redirect(url_for(".manage_team", slug=event.slug))
    return render_form("events/manage/team.html", form, event=event,
                       team=team_of(db.session, event), role_form=TeamRoleForm,
                       may_manage=may_manage_team(db.session, current_user, event))


@bp.route("/manage/events/<slug:slug>/team/<id:member_id>/role", methods=["POST"])
@organizer_required
def manage_team_role(slug: str, member_id: int):
    event = get_event(db.session, slug, published_only=False)
    form = TeamRoleForm()
    if form.validate_on_submit():
        change_team_role(db.session, event, member_id, form.role.data, by=current_user)
        db.session.commit()
        flash(_("Role changed."), "success")
    return redirect(url_for(".manage_team", slug=event.slug))


@bp.route("/manage/events/<slug:slug>/team/<id:member_id>/remove", methods=["POST"])
@organizer_required
def manage_remove_team_member(slug: str, member_id: int):
    event = get_event(db.session, slug, published_only=False)
    remove_from_team(db.session, event, member_id, by=current_user)
    db.session.commit()
    flash(_("Removed from the team."), "success")
    return redirect(url_for(".manage_team", slug=event.slug))


def _page_number() -> int:
    # Any number a visitor types is a page: past the last one, an empty page.
    return min(max(request.args.get("page", 1, type=int) or 1, 1), 10**6)


@bp.route("/manage/events/<slug:slug>/audit")
@organizer_required
def manage_audit(slug: str):
    event = get_event(db.session, slug, published_only=False)
    page = _page_number()
    entries, total = entries_for(db.session, event, limit=AUDIT_PAGE,
                                 offset=(page - 1) * AUDIT_PAGE)
    return render_template("events/manage/audit.html", event=event, entries=entries,
                           total=total, page=page, pages=max(1, -(-total // AUDIT_PAGE)))


@bp.route("/manage/audit")
@admin_required
def manage_audit_everything():
    """Administrators: every event's log, and changes outside events (speakers, deletions)."""
    page = _page_number()
    entries, total = entries_for(db.session, None, limit=AUDIT_PAGE,
                                 offset=(page - 1) * AUDIT_PAGE)
    return render_template("events/manage/audit.html", event=None, entries=entries,
                           total=total, page=page, pages=max(1, -(-total // AUDIT_PAGE)))


# What still lacks a language

GAP_KINDS = {
    "event": (_l("Event"), lambda s, g: url_for(".manage_edit_event", slug=s)),
    "host": (_l("Organizing bodies"), lambda s, g: url_for(".manage_hosts", slug=s)),
    "room": (_l("Virtual rooms"),
             lambda s, g: url_for("agenda.manage_edit_room", slug=s, room_id=g.id)),
    "session": (_l("Sessions"),
                lambda s, g: url_for("agenda.manage_edit_session", slug=s, session_id=g.id)),
    "session_topic": (_l("Topics of sessions"), lambda s, g: url_for(
        "agenda.manage_edit_session", slug=s, session_id=g.parent_id)),
    "subforum": (_l("Sub-forums"), lambda s, g: url_for(
        "subforums.manage_edit_subforum", slug=s, subforum_id=g.id)),
    "subforum_topic": (_l("Topics of sub-forums"), lambda s, g: url_for(
        "subforums.manage_edit_subforum", slug=s, subforum_id=g.parent_id)),
    "speaker": (_l("Speakers"),
                lambda s, g: url_for("speakers.manage_edit_speaker", speaker_id=g.id)),
    "exchange_topic": (_l("Exchange topics"), lambda s, g: url_for(
        "exchange.manage_edit_exchange_topic", slug=s, topic_id=g.id)),
    "presentation": (_l("Presentations"), lambda s, g: url_for(
        "exchange.manage_edit_presentation", slug=s, presentation_id=g.id)),
    "question": (_l("Registration questions"), lambda s, g: url_for(
        "registration.manage_edit_question", slug=s, question_id=g.id)),
}
FIELD_NAMES = {
    "title": _l("Title"), "theme": _l("Theme"), "description": _l("Description"),
    "schedule_note": _l("Note shown with the programme"), "name": _l("Name"),
    "honorific": _l("Honorific"), "position": _l("Position"),
    "organization": _l("Organization"), "bio": _l("Biography"), "enterprise": _l("Enterprise"),
    "summary": _l("Summary"), "label": _l("Question"), "options": _l("Options"),
}


@bp.route("/manage/events/<slug:slug>/translations")
@organizer_required
def manage_translations(slug: str):
    """Which texts exist in one language only, by kind, each with a link to fill it in."""
    event = get_event(db.session, slug, published_only=False)
    groups: dict[str, list] = {}
    for gap in translation_gaps(db.session, event):
        label, link = GAP_KINDS[gap.kind]
        groups.setdefault(str(label), []).append((gap, link(event.slug, gap)))
    return render_template("events/manage/translations.html", event=event, groups=groups,
                           field_names=FIELD_NAMES)
