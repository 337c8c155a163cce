"""JSON API of the subforums area."""

from flask_smorest import Blueprint

blp = Blueprint("subforums_api", __name__, description="subforums")
