"""Organizers' back office for registrations."""

from lmevents.registration.blueprint import bp  # noqa: F401
