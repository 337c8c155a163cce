"""The agenda area's blueprint: public pages (views.py) and the back office (manage.py)."""

from flask import Blueprint

bp = Blueprint("agenda", __name__)

from lmevents.agenda import manage, views  # noqa: E402,F401  (they attach their routes to bp)
