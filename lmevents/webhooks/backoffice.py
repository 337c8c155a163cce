"""Organizers register their systems' receivers and see what was delivered, and why not."""

from __future__ import annotations

from flask import flash, redirect, url_for
from flask_babel import gettext as _

from lmevents.events.services import get_event
from lmevents.extensions import db
from lmevents.web.access import organizer_required
from lmevents.web.forms import ManageForm, commit_or_refuse, render_form, validate_with
from lmevents.webhooks.blueprint import bp
from lmevents.webhooks.forms import KIND_LABELS, WebhookForm
from lmevents.webhooks.subscriptions import (
    check_webhook,
    create_webhook,
    delete_webhook,
    deliveries_of,
    event_webhooks,
    get_delivery,
    get_webhook,
    ping,
    rotate_secret,
    send_again,
    update_webhook,
)

HOOK = "/manage/events/<slug:slug>/webhooks/<id:webhook_id>"


def _event(slug: str):
    return get_event(db.session, slug, published_only=False)


@bp.route("/manage/events/<slug:slug>/webhooks", methods=["GET", "POST"])
@organizer_required
def manage_webhooks(slug: str):
    event = _event(slug)
    form = WebhookForm()
    if validate_with(form, lambda: check_webhook(form.to_input())):
        outcome = commit_or_refuse(lambda: create_webhook(db.session, event, form.to_input()),
                                   form)
        if outcome.ok:
            flash(_("Webhook added. Give its secret to the receiver, then send a test."),
                  "success")
            return redirect(url_for(".manage_webhook", slug=event.slug,
                                    webhook_id=outcome.value.id))
    return render_form("webhooks/manage/list.html", form, event=event,
                       webhooks=event_webhooks(db.session, event), kind_labels=KIND_LABELS)


@bp.route(HOOK, methods=["GET", "POST"])
@organizer_required
def manage_webhook(slug: str, webhook_id: int):
    event = _event(slug)
    hook = get_webhook(db.session, event, webhook_id)
    form = WebhookForm(data=WebhookForm.data_of(hook))
    if validate_with(form, lambda: check_webhook(form.to_input())):
        changes = vars(form.to_input())
        outcome = commit_or_refuse(lambda: update_webhook(db.session, hook, changes), form)
        if outcome.ok:
            flash(_("Webhook saved."), "success")
            return redirect(url_for(".manage_webhook", slug=event.slug, webhook_id=hook.id))
    return render_form("webhooks/manage/detail.html", form, event=event, hook=hook,
                       deliveries=deliveries_of(db.session, hook), kind_labels=KIND_LABELS,
                       action_form=ManageForm())


def _action(slug: str, webhook_id: int, act, done: str):
    event = _event(slug)
    hook = get_webhook(db.session, event, webhook_id)
    outcome = commit_or_refuse(lambda: act(event, hook))
    flash(done if outcome.ok else outcome.error.message, "success" if outcome.ok else "error")
    return redirect(url_for(".manage_webhook", slug=event.slug, webhook_id=hook.id))


@bp.route(HOOK + "/ping", methods=["POST"])
@organizer_required
def manage_ping_webhook(slug: str, webhook_id: int):
    return _action(slug, webhook_id, lambda event, hook: ping(db.session, event, hook),
                   _("A test announcement is queued: it appears below once sent."))


@bp.route(HOOK + "/secret", methods=["POST"])
@organizer_required
def manage_rotate_secret(slug: str, webhook_id: int):
    return _action(slug, webhook_id, lambda event, hook: rotate_secret(db.session, hook),
                   _("New secret made: the receiver needs it from now on."))


@bp.route(HOOK + "/deliveries/<id:delivery_id>/retry", methods=["POST"])
@organizer_required
def manage_retry_delivery(slug: str, webhook_id: int, delivery_id: int):
    return _action(
        slug, webhook_id,
        lambda event, hook: send_again(db.session, get_delivery(db.session, hook, delivery_id)),
        _("The delivery is queued again."))


@bp.route(HOOK + "/delete", methods=["POST"])
@organizer_required
def manage_delete_webhook(slug: str, webhook_id: int):
    event = _event(slug)
    delete_webhook(db.session, get_webhook(db.session, event, webhook_id))
    db.session.commit()
    flash(_("Webhook removed."), "success")
    return redirect(url_for(".manage_webhooks", slug=event.slug))
