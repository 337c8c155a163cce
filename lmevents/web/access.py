"""Who may open the back office: an event's pages are for its organizers (its team and the
administrators), and whatever they change there goes into the event's audit log."""

from __future__ import annotations

from functools import wraps

from flask import abort, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from lmevents.api.auth import organizer_check
from lmevents.events import audit
from lmevents.extensions import db, login_manager


def _signed_in_or_redirect():
    if current_user.is_authenticated:
        return None
    if request.method != "GET":
        # `next` must be a page: returning to a POST-only action would answer 405.
        return redirect(url_for(login_manager.login_view, next=url_for("events.manage_index")))
    return login_manager.unauthorized()


def organizer_required(view):
    """A back-office page, for those who may change what its URL names (`organizer_check`:
    an event's pages for its organizers, a speaker's for those of the speaker's events);
    others get 403. Anonymous users go to the sign-in page."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        refused = _signed_in_or_redirect()
        if refused is not None:
            return refused
        user = current_user._get_current_object()
        event, refusal = organizer_check(user, kwargs)
        if refusal is not None:
            abort(403, description=_("This page is for the organizers of this event.")
                  if event is not None else _("This page is for the event's organizers."))
        return audited(view, user, event, *args, **kwargs)

    wrapper.for_organizers = True  # what the access tests look for
    return wrapper


def admin_required(view):
    """A page for administrators only (accounts, the outbox of every event)."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        refused = _signed_in_or_redirect()
        if refused is not None:
            return refused
        if not current_user.is_admin:
            abort(403, description=_("This page is for administrators."))
        return audited(view, current_user._get_current_object(), None, *args, **kwargs)

    wrapper.for_administrators = True
    return wrapper


def audited(view, user, event, *args, **kwargs):
    """Run an organizer's request, recording what it changes (reads record nothing)."""
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return view(*args, **kwargs)
    with audit.recording(db.session, actor=user, event=event,
                         action=f"{request.method} {request.path}", address=request.remote_addr):
        return view(*args, **kwargs)
