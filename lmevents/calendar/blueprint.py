"""The calendar area's blueprint: ICS files and feeds (views.py)."""

from flask import Blueprint

bp = Blueprint("calendar", __name__)

from lmevents.calendar import views  # noqa: E402,F401  (it attaches its routes to bp)
