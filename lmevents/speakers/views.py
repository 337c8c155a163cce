"""Public pages of the speakers area."""

from lmevents.speakers.blueprint import bp  # noqa: F401
