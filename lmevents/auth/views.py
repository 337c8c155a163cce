"""Account pages: sign up and confirm the address, sign in and out, reset a password."""

from urllib.parse import urlsplit

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from lmevents.auth import limits
from lmevents.auth.accounts import SignUpInput, confirm_email, sign_in, sign_up
from lmevents.auth.blueprint import bp
from lmevents.auth.forms import (
    LoginForm,
    NewPasswordForm,
    ProfileForm,
    ResetRequestForm,
    SignupForm,
)
from lmevents.auth.profile import update_profile
from lmevents.auth.recovery import request_password_reset, reset_password
from lmevents.core.text import current_language, written_for
from lmevents.events.team import organizes_any
from lmevents.extensions import db
from lmevents.web.forms import commit_or_refuse, render_form
from lmevents.web.places import preset_zone
from lmevents.web.viewer import BROWSER_ZONE_COOKIE


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
@limits.SIGN_IN
@limits.SIGN_IN_ACCOUNT
def login():
    form = LoginForm()
    if form.validate_on_submit():
        user = sign_in(db.session, form.email.data, form.password.data,
                       secret=current_app.secret_key)
        if user is None:
            db.session.commit()  # a confirmation link mailed again
            form.password.errors.append(_(
                "Wrong e-mail address or password. Just signed up? Open the link we mailed "
                "you first: signing in with the right password sends it again."))
        else:
            login_user(user, remember=form.remember.data)
            db.session.commit()
            flash(_("Signed in."), "success")
            # Organizers come to work: the back office, unless they were on their way.
            landing = ("events.manage_index" if organizes_any(db.session, user)
                       else "events.index")
            return redirect(safe_next(request.args.get("next")) or url_for(landing))
    return render_template("auth/login.html", form=form), 200 if not form.errors else 422


@bp.route("/logout", methods=["GET", "POST"])
def logout():
    # Signing out changes state: a GET only asks, so a link elsewhere cannot sign anyone out.
    if request.method == "GET":
        return render_template("auth/logout.html")
    logout_user()
    flash(_("Signed out."), "success")
    return redirect(url_for("events.index"))


@bp.route("/signup", methods=["GET", "POST"])
@limits.SIGN_UP
def signup():
    # The zone the browser reports and the page's language, until the visitor says otherwise.
    form = SignupForm(data={
        "timezone": preset_zone(request.cookies.get(BROWSER_ZONE_COOKIE), fallback=""),
        "language": current_language()})
    form.offer_choices()
    if form.validate_on_submit():
        data = SignUpInput(**{name: form[name].data or "" for name in (
            "email", "password", "name", "organization", "country", "timezone", "language")})
        data.country = data.country.upper() or None
        outcome = commit_or_refuse(lambda: sign_up(
            db.session, data, secret=current_app.secret_key,
        ), form)
        if outcome.ok:
            # The same page whether or not the address had an account: only its mailbox
            # learns which.
            return render_template("auth/signup_sent.html", email=outcome.value)
    return render_form("auth/signup.html", form)


@bp.route("/confirm/<token>")
def confirm(token: str):
    user, first_time = confirm_email(db.session, token, secret=current_app.secret_key)
    db.session.commit()
    if first_time and user.active:
        # Opening the mailed link proves the mailbox: that is the sign-in.
        login_user(user)
        flash(_("Thank you: %(email)s is confirmed and you are signed in.", email=user.email),
              "success")
        return redirect(url_for("events.index"))
    flash(_("%(email)s was confirmed already: sign in.", email=user.email), "success")
    return redirect(url_for("auth.login"))


@bp.route("/reset", methods=["GET", "POST"])
@limits.RESET
@limits.RESET_ACCOUNT
def request_reset():
    form = ResetRequestForm()
    if form.validate_on_submit():
        request_password_reset(
            db.session, form.email.data, secret=current_app.secret_key)
        db.session.commit()
        # The same answer whether or not the address has an account.
        flash(_("If %(email)s has an account, a link to reset its password is on its way.",
                email=form.email.data), "success")
        return redirect(url_for("auth.login"))
    return render_form("auth/reset_request.html", form)


@bp.route("/reset/<token>", methods=["GET", "POST"])
@limits.NEW_PASSWORD
def choose_password(token: str):
    form = NewPasswordForm()
    if form.validate_on_submit():
        outcome = commit_or_refuse(lambda: reset_password(
            db.session, token, form.password.data, secret=current_app.secret_key), form)
        if outcome.ok:
            flash(_("Your password is changed: sign in with it."), "success")
            return redirect(url_for("auth.login"))
    return render_form("auth/reset_password.html", form)


@bp.route("/profile", methods=["GET", "POST"])
@login_required
def profile():
    user = current_user._get_current_object()
    form = ProfileForm(obj=user)
    form.offer_choices()
    if form.validate_on_submit():
        outcome = commit_or_refuse(lambda: update_profile(db.session, user, form.to_input()),
                                   form)
        if outcome.ok:
            # The account's language from now on, not the one this visit asked for.
            session.pop("lang", None)
            session.pop("tz", None)
            with written_for(user.language):
                flash(_("Your profile is saved."), "success")
            return redirect(url_for(".profile"))
    return render_form("auth/profile.html", form)
