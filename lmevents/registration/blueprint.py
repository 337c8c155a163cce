"""The registration area's blueprint: public pages (views.py) and the back office (manage.py)."""

from flask import Blueprint

bp = Blueprint("registration", __name__)

from lmevents.registration import manage, seat_views, views  # noqa: E402,F401  (their routes)
