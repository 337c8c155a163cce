"""The speakers area's blueprint: public pages (views.py) and the back office (manage.py)."""

from flask import Blueprint

bp = Blueprint("speakers", __name__)

from lmevents.speakers import manage, views  # noqa: E402,F401  (they attach their routes to bp)
