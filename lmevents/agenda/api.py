"""JSON API of the agenda area."""

from flask_smorest import Blueprint

blp = Blueprint("agenda_api", __name__, description="agenda")
