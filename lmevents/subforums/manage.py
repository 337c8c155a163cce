"""Organizers' back office for the subforums area."""

from lmevents.subforums.blueprint import bp  # noqa: F401
