"""The registration area's blueprint: public pages and the back office (backoffice.py)."""

from flask import Blueprint

bp = Blueprint("registration", __name__)

from lmevents.registration import backoffice, seat_views, views  # noqa: E402,F401  (their routes)
