"""The events area's blueprint: public pages and the back office (backoffice.py)."""

from flask import Blueprint

bp = Blueprint("events", __name__)

from lmevents.events import backoffice, views  # noqa: E402,F401  (they attach their routes to bp)
