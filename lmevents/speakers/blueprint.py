"""The speakers area's blueprint: public pages and the back office (backoffice.py)."""

from flask import Blueprint

bp = Blueprint("speakers", __name__)

from lmevents.speakers import backoffice, views  # noqa: E402,F401  (they attach their routes to bp)
