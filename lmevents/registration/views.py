"""Participants' pages: the registration form, seats, and their own agenda."""

from flask import abort
from flask_login import login_required

from lmevents.registration.blueprint import bp


@bp.route("/me/agenda")
@login_required
def my_agenda():
    abort(404)
