"""Who may open which page: organizers' pages and the sign-in redirect."""

from __future__ import annotations

from functools import wraps

from flask import abort, redirect, request, url_for
from flask_login import current_user

from lmevents.extensions import login_manager


def organizer_required(view):
    """Anonymous users go to the sign-in page; signed-in non-organizers get 403."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        if not current_user.is_authenticated:
            if request.method != "GET":
                # `next` must be a page: returning to a POST-only action would answer 405.
                return redirect(url_for(login_manager.login_view,
                                        next=url_for("events.manage_index")))
            return login_manager.unauthorized()
        if not current_user.is_organizer:
            abort(403, description="This page is for the event's organizers.")
        return view(*args, **kwargs)

    return wrapper
