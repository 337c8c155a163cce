"""Organizers' back office for the speakers area."""

from lmevents.speakers.blueprint import bp  # noqa: F401
