"""The exchange area's blueprint: public pages and the back office."""

from flask import Blueprint

bp = Blueprint("exchange", __name__)

from lmevents.exchange import (  # noqa: E402,F401  (they attach their routes to bp)
    manage,
    meeting_views,
    qa_views,
    views,
)
