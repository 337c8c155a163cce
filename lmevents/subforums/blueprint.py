"""The sub-forums area's blueprint: public pages and the back office (backoffice.py)."""

from flask import Blueprint

bp = Blueprint("subforums", __name__)

from lmevents.subforums import backoffice, views  # noqa: E402,F401  (they attach their routes to bp)
