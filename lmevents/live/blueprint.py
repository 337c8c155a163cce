"""The live day's blueprint. Its pages, back-office pages attach their routes to it;
lmevents.blueprints loads it and registers it."""

from flask import Blueprint

bp = Blueprint("live", __name__)
