"""The agenda area's blueprint: public pages and the back office (backoffice.py)."""

from flask import Blueprint

bp = Blueprint("agenda", __name__)

from lmevents.agenda import backoffice, views  # noqa: E402,F401  (they attach their routes to bp)
