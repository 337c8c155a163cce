"""JSON API of the events area."""

from flask_smorest import Blueprint

blp = Blueprint("events_api", __name__, description="events")
