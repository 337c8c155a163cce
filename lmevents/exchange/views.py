"""Exchange pages (views)."""

from lmevents.exchange.blueprint import bp  # noqa: F401
