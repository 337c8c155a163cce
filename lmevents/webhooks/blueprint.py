"""The webhooks area's blueprint. Its back-office pages attach their routes to it;
lmevents.blueprints loads it and registers it."""

from flask import Blueprint

bp = Blueprint("webhooks", __name__)
