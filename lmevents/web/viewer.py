"""The viewer's language and time zone, chosen once per request at the web edge."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from flask import current_app, has_request_context, request, session
from flask_babel import format_date, format_datetime
from flask_login import current_user

from lmevents.core.models import LANGUAGES
from lmevents.core.timezones import is_valid_zone, utc_offset_label


def select_language() -> str:
    """`?lang=` (remembered for the visit), then the account's choice, then the browser's.
    Outside a request (the CLI, workers) text is in the default language unless written for
    a reader (`lmevents.core.text.written_for`)."""
    if not has_request_context():
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    asked = request.args.get("lang")
    if asked in LANGUAGES:
        session["lang"] = asked
        return asked
    if session.get("lang") in LANGUAGES:
        return session["lang"]
    if current_user.is_authenticated and current_user.language in LANGUAGES:
        return current_user.language
    best = request.accept_languages.best_match(LANGUAGES)
    return best or current_app.config["BABEL_DEFAULT_LOCALE"]


def signed_in_user():
    """The signed-in account, or None for an anonymous visitor (for services that take one)."""
    return current_user._get_current_object() if current_user.is_authenticated else None


def viewer_zone_name(default: str) -> str:
    """`?tz=` (remembered for the visit), then the account's zone, then `default`."""
    asked = request.args.get("tz")
    if asked and is_valid_zone(asked):
        session["tz"] = asked
        return asked
    if session.get("tz") and is_valid_zone(session["tz"]):
        return session["tz"]
    if current_user.is_authenticated and is_valid_zone(current_user.timezone):
        return current_user.timezone
    return default


class ZonedClock:
    """Formats times in one zone and always says which zone that is."""

    def __init__(self, zone_name: str):
        self.zone_name = zone_name
        self.zone = ZoneInfo(zone_name)

    def local(self, moment: datetime) -> datetime:
        return moment.astimezone(self.zone)

    def time(self, moment: datetime) -> str:
        return format_datetime(self.local(moment), "HH:mm", rebase=False)

    def date(self, moment: datetime) -> str:
        return format_date(self.local(moment).date(), "full")

    def zone_label(self, moment: datetime) -> str:
        """'Asia/Shanghai (UTC+08:00)'."""
        return f"{self.zone_name} ({utc_offset_label(self.local(moment))})"

    def span(self, start: datetime, end: datetime) -> str:
        return f"{self.time(start)}–{self.time(end)} {self.zone_label(start)}"
