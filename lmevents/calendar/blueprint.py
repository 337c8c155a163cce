"""The calendar area's blueprint. Its pages attach their routes to it; lmevents.blueprints
loads them and registers it."""

from flask import Blueprint

bp = Blueprint("calendar", __name__)
