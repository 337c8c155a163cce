"""Exchange pages (manage)."""

from lmevents.exchange.blueprint import bp  # noqa: F401
