"""JSON API of the auth area."""

from flask_smorest import Blueprint

blp = Blueprint("auth_api", __name__, description="auth")
