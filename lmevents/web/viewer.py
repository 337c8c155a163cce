"""The viewer's language and time zone, chosen once per request at the web edge.

Language: `?lang=` (remembered for the visit), the signed-in account's choice, the browser's
Accept-Language, the event's default language. Zone: `?tz=` (remembered for the visit), the
account's zone, the zone given when registering for the event, the zone the browser reports
(lmevents.js keeps it in the `tz` cookie; pages work without it), the event's zone. A `?lang=`
or `?tz=` this site does not know falls back politely, with a notice on the page.
"""

from __future__ import annotations

from datetime import datetime
from urllib.parse import unquote
from zoneinfo import ZoneInfo

from babel.dates import get_timezone_name
from flask import current_app, g, has_request_context, request, session
from flask_babel import format_date, format_datetime, get_locale
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from lmevents.api.auth import bearer_user
from lmevents.core.models import LANGUAGES
from lmevents.core.text import format_locale
from lmevents.core.timezones import is_valid_zone, utc_offset_label
from lmevents.events.models import Event
from lmevents.extensions import db
from lmevents.registration.models import Registration

BROWSER_ZONE_COOKIE = "tz"


def select_language() -> str:
    """Flask-Babel's locale selector. Outside a request (the CLI, workers) text is in the
    default language unless written for a reader (`lmevents.core.text.written_for`)."""
    if not has_request_context():
        return format_locale(current_app.config["BABEL_DEFAULT_LOCALE"])
    return format_locale(viewer_language())


def viewer_language() -> str:
    asked = request.args.get("lang")
    if asked in LANGUAGES:
        session["lang"] = asked
        return asked
    if session.get("lang") in LANGUAGES:
        chosen = session["lang"]
    elif (account := _account()) is not None and account.language in LANGUAGES:
        chosen = account.language
    else:
        chosen = (request.accept_languages.best_match(LANGUAGES) or _event_language()
                  or current_app.config["BABEL_DEFAULT_LOCALE"])
    if asked is not None:
        _notice("lang", asked, chosen)
    return chosen


def language_chosen() -> str | None:
    """The language the visitor chose for this visit (`?lang=` or the language switch), if
    they chose one: it comes before what their registrations or account say."""
    asked = request.args.get("lang")
    if asked in LANGUAGES:
        return asked
    chosen = session.get("lang")
    return chosen if chosen in LANGUAGES else None


def _account():
    """Who is asking: the signed-in visitor, or the owner of the API call's bearer token."""
    if current_user.is_authenticated:
        return current_user
    return bearer_user()


def _event_language() -> str | None:
    slug = (request.view_args or {}).get("slug")
    if not slug:
        return None
    language = db.session.scalar(select(Event.default_language).where(Event.slug == slug))
    return language if language in LANGUAGES else None


def _notice(parameter: str, asked: str, used: str) -> None:
    """Remember, for the page, that `?parameter=asked` was not understood."""
    notices = g.setdefault("viewer_notices", {})
    notices[parameter] = (asked[:64], used)


def viewer_notices() -> list[str]:
    """What the page says about a `?lang=` or `?tz=` it did not understand."""
    notices = g.get("viewer_notices", {})
    said = []
    if "lang" in notices:
        asked, used = notices["lang"]
        said.append(_("“%(asked)s” is not a language of this site: the page is in %(used)s.",
                      asked=asked, used=language_name(used)))
    if "tz" in notices:
        asked, used = notices["tz"]
        said.append(_("“%(asked)s” is not a time zone we know: times are shown in %(used)s.",
                      asked=asked, used=used))
    return said


def language_name(lang: str) -> str:
    """A language's name in itself ("English", "中文")."""
    from babel import Locale

    return Locale.parse(format_locale(lang)).languages.get(lang, lang)


def signed_in_user():
    """The signed-in account, or None for an anonymous visitor (for services that take one)."""
    return current_user._get_current_object() if current_user.is_authenticated else None


def viewer_zone_name(default: str, *, event: Event | None = None) -> str:
    """The zone this viewer reads times in; `default` (the event's zone, usually) last."""
    asked = request.args.get("tz")
    if asked and is_valid_zone(asked):
        session["tz"] = asked
        return asked
    chosen = _remembered_zone(event) or default
    if asked is not None:
        _notice("tz", asked, chosen)
    return chosen


def _remembered_zone(event: Event | None) -> str | None:
    if is_valid_zone(session.get("tz")):
        return session["tz"]
    if current_user.is_authenticated:
        if is_valid_zone(current_user.timezone):
            return current_user.timezone
        if event is not None:
            registered = db.session.scalar(select(Registration.timezone).where(
                Registration.event_id == event.id, Registration.user_id == current_user.id))
            if is_valid_zone(registered):
                return registered
    browser = unquote(request.cookies.get(BROWSER_ZONE_COOKIE, ""))
    return browser if is_valid_zone(browser) else None


def viewer_clock(event: Event) -> ZonedClock:
    """The clock an event's pages use: the viewer's zone, with the event's own beside it."""
    return ZonedClock(viewer_zone_name(event.timezone, event=event), home=event.timezone)


# (zone, UTC offset, locale) → the zone's name: a zone has one name per offset it takes.
_ZONE_NAMES: dict[tuple[str, int, str], str] = {}


class ZonedClock:
    """Formats times in one zone, always saying which zone that is, in the viewer's language;
    with a `home` zone (the event's), spans also give the time there when it differs."""

    def __init__(self, zone_name: str, home: str | None = None):
        self.zone_name = zone_name
        self.zone = ZoneInfo(zone_name)
        self.home = ZoneInfo(home) if home and home != zone_name else None

    def local(self, moment: datetime) -> datetime:
        return moment.astimezone(self.zone)

    def time(self, moment: datetime) -> str:
        return format_datetime(self.local(moment), "HH:mm", rebase=False)

    def date(self, moment: datetime) -> str:
        """'Thursday, 26 November 2020', '2020年11月26日星期四'."""
        return format_date(self.local(moment).date(), "full")

    def day_time(self, moment: datetime) -> str:
        """'Thu 26 Nov, 09:30', '11月26日周四 09:30'."""
        local = self.local(moment)
        return _("%(day)s, %(time)s", day=format_datetime(local, _skeleton("MMMEd"),
                                                          rebase=False),
                 time=self.time(moment))

    def zone_label(self, moment: datetime) -> str:
        """'China Standard Time (UTC+08:00)', '中南半岛时间（UTC+07:00）'."""
        return zone_label(self.local(moment))

    def span(self, start: datetime, end: datetime) -> str:
        """'08:00–08:40 Indochina Time (UTC+07:00) · 09:00–09:40 China Standard Time'."""
        here = f"{self.time(start)}–{self.time(end)} {self.zone_label(start)}"
        if self.home is None or start.astimezone(self.home).utcoffset() == \
                self.local(start).utcoffset():
            return here
        there = ZonedClock(self.home.key)
        return _("%(here)s · %(there)s", here=here, there=(
            f"{there.time(start)}–{there.time(end)} {zone_name(there.local(start))}"))


def zone_name(local: datetime) -> str:
    """The zone's name in the viewer's language (CLDR): 'Indochina Time', '缅甸时间'."""
    locale = str(get_locale() or "en")
    key = (local.tzinfo.key, int(local.utcoffset().total_seconds()), locale)
    name = _ZONE_NAMES.get(key)
    if name is None:
        name = _ZONE_NAMES[key] = get_timezone_name(local, width="long", locale=locale)
    return name


def zone_label(local: datetime) -> str:
    return _("%(zone)s (%(offset)s)", zone=zone_name(local), offset=utc_offset_label(local))


def _skeleton(skeleton: str) -> str:
    """The locale's own pattern for a CLDR skeleton ('MMMEd': 'EEE d MMM', 'M月d日E')."""
    locale = get_locale()
    return locale.datetime_skeletons.get(skeleton).pattern if locale else "EEE d MMM"


def language_label(lang: str) -> str:
    """A language's name in the reader's language ("Chinese", "英语")."""
    locale = get_locale()
    return locale.languages.get(lang, lang) if locale is not None else lang


def language_choices() -> list:
    """The site's languages for a picker, each named in itself."""
    from wtforms.fields.choices import SelectChoice

    return [SelectChoice(code, language_name(code)) for code in current_app.config["LANGUAGES"]]
