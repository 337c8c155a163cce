"""The speakers area's blueprint: the back office (manage.py); public pages come with the
speaker registry."""

from flask import Blueprint

bp = Blueprint("speakers", __name__)

from lmevents.speakers import manage  # noqa: E402,F401  (it attaches its routes to bp)
