"""Organizers' back office for the agenda area."""

from lmevents.agenda.blueprint import bp  # noqa: F401
