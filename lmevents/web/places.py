"""Countries and time zones as people pick them: names in the reader's language (CLDR, through
Babel), the participating countries (config COUNTRIES) and their zones first."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel.core import get_global
from babel.dates import get_timezone_location
from flask import current_app
from flask_babel import get_locale
from flask_babel import gettext as _
from markupsafe import Markup, escape
from wtforms.fields.choices import SelectChoice

from lmevents.core.timezones import all_zones, is_valid_zone, utc_offset_label
from lmevents.core.validation import COUNTRY_CODES


def _pinyin(text: str) -> list[str]:
    from pypinyin import Style, lazy_pinyin

    return lazy_pinyin(text, style=Style.TONE3)


# How a language's readers expect names sorted, where code-point order is not it. A language
# added to the catalogues sorts by code point until it has a key here.
SORT_KEYS = {"zh": _pinyin}


def by_name(items, name):
    """`items` in the order of their names, as readers of the current language sort them."""
    locale = get_locale()
    key = SORT_KEYS.get(locale.language if locale is not None else "", lambda text: text)
    return sorted(items, key=lambda item: key(name(item)))


def participating_countries() -> list[str]:
    return [c for c in current_app.config.get("COUNTRIES", ()) if c in COUNTRY_CODES]


def country_name(code: str) -> str:
    locale = get_locale()
    return locale.territories.get(code, code) if locale is not None else code


def country_choices() -> list[SelectChoice]:
    """The participating countries, then every other, each group by name in the reader's
    language."""
    first = participating_countries()
    return ([SelectChoice("", "—")]
            + [SelectChoice(c, country_name(c), optgroup=_("Participating countries"))
               for c in by_name(first, country_name)]
            + [SelectChoice(c, country_name(c), optgroup=_("All countries"))
               for c in by_name(COUNTRY_CODES - set(first), country_name)])


def country_zones(code: str | None) -> list[str]:
    """A country's zones, its main one first (CLDR)."""
    if not code:
        return []
    return [z for z in get_global("territory_zones").get(code.upper(), []) if is_valid_zone(z)]


def zone_choices(now: datetime | None = None) -> list[SelectChoice]:
    """The participating countries' zones first ('Laos · Vientiane (UTC+07:00)', by country
    name in the reader's language), then every IANA zone by name.

    Made once per language and hour (offsets change only on the hour) and kept: a picker
    of ~600 zones costs nothing on each page."""
    now = (now or datetime.now(ZoneInfo("UTC"))).replace(minute=0, second=0, microsecond=0)
    return list(_zone_choices(str(get_locale() or "en"), tuple(participating_countries()), now))


@lru_cache(maxsize=32)
def _zone_choices(locale: str, countries: tuple[str, ...],
                  now: datetime) -> tuple[SelectChoice, ...]:
    first = []
    participating = _("Participating countries")
    for code in by_name(countries, country_name):
        for zone in country_zones(code):
            city = get_timezone_location(ZoneInfo(zone), locale=locale, return_city=True)
            first.append(SelectChoice(
                zone, f"{country_name(code)} · {city} "
                f"({utc_offset_label(now.astimezone(ZoneInfo(zone)))})",
                optgroup=participating))
    listed = {choice.value for choice in first}
    every = _("All zones")
    return (*first, *(SelectChoice(zone, zone, optgroup=every)
                      for zone in sorted(all_zones() - listed)))


def preset_zone(*candidates: str | None, country: str | None = None,
                fallback: str = "UTC") -> str:
    """The first valid zone among `candidates` (the account's, the browser's…), else the
    main zone of `country`, else `fallback`."""
    for zone in candidates:
        if is_valid_zone(zone):
            return zone
    zones = country_zones(country)
    return zones[0] if zones else fallback


def zone_options(selected: str | None) -> Markup:
    """`zone_choices` as a picker's `<optgroup>`s and `<option>`s, `selected` chosen."""
    now = datetime.now(ZoneInfo("UTC")).replace(minute=0, second=0, microsecond=0)
    html = _zone_options(str(get_locale() or "en"), tuple(participating_countries()), now)
    if selected:
        chosen = f'<option value="{escape(selected)}">'
        html = html.replace(chosen, chosen[:-1] + " selected>", 1)
    return Markup(html)


@lru_cache(maxsize=32)
def _zone_options(locale: str, countries: tuple[str, ...], now: datetime) -> str:
    groups: dict[str, list[SelectChoice]] = {}
    for choice in _zone_choices(locale, countries, now):
        groups.setdefault(str(choice.optgroup), []).append(choice)
    return "".join(
        f'<optgroup label="{escape(group)}">'
        + "".join(f'<option value="{escape(c.value)}">{escape(c.label)}</option>'
                  for c in choices)
        + "</optgroup>"
        for group, choices in groups.items())
