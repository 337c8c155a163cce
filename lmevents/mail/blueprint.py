"""The mail area's blueprint. Its back-office page attaches its route to it; lmevents.blueprints
loads it and registers it."""

from flask import Blueprint

bp = Blueprint("mail", __name__)
