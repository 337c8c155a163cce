"""Organizers see the mail that could not be delivered, and why."""

from flask import render_template

from lmevents.extensions import db
from lmevents.mail.blueprint import bp
from lmevents.mail.outbox import failed_messages
from lmevents.web.access import admin_required


@bp.route("/manage/mail")
@admin_required
def manage_failed_mail():
    return render_template("mail/manage/failed.html", messages=failed_messages(db.session))
