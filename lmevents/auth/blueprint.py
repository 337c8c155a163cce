"""Accounts: sign in and out (sign-up and password reset come with registration)."""

from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_user, logout_user

from lmevents.auth.forms import LoginForm
from lmevents.auth.services import authenticate
from lmevents.extensions import db

bp = Blueprint("auth", __name__, url_prefix="/auth")


def safe_next(target: str | None) -> str | None:
    """Only same-site paths: `next` must never send a user off-site."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    if "\\" in target:
        return None
    return target


@bp.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm()
    if form.validate_on_submit():
        user = authenticate(db.session, form.email.data, form.password.data)
        if user is None:
            form.password.errors.append(_("Wrong e-mail address or password."))
        else:
            login_user(user, remember=form.remember.data)
            db.session.commit()
            flash(_("Signed in."), "success")
            return redirect(safe_next(request.args.get("next")) or url_for("events.index"))
    return render_template("auth/login.html", form=form), 200 if not form.errors else 422


@bp.route("/logout", methods=["GET", "POST"])
def logout():
    # Signing out changes state: a GET only asks, so a link elsewhere cannot sign anyone out.
    if request.method == "GET":
        return render_template("auth/logout.html")
    logout_user()
    flash(_("Signed out."), "success")
    return redirect(url_for("events.index"))
