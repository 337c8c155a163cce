"""Exchange pages (qa_views)."""

from lmevents.exchange.blueprint import bp  # noqa: F401
