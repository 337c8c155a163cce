"""The exchange area's blueprint: the pages and back office of its three parts."""

from flask import Blueprint

bp = Blueprint("exchange", __name__)

# They attach their routes to bp.
from lmevents.exchange.content import backoffice, views  # noqa: E402,F401
from lmevents.exchange.meetings import views as meeting_views  # noqa: E402,F401
from lmevents.exchange.qa import views as qa_views  # noqa: E402,F401
