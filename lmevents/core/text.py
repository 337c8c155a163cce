"""Text for people, written one way: gettext in the reader's language (catalogues in
lmevents/translations), and links that start from the configured public address, so mail and
feeds read the same whether made in a request, the CLI or a worker."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

from flask import current_app
from flask_babel import force_locale, get_locale

from lmevents.core.models import LANGUAGES


def format_locale(lang: str) -> str:
    """The Babel locale a language's dates, numbers and names are written in (config
    FORMAT_LOCALES, e.g. British English dates for `en`); the language itself otherwise."""
    return current_app.config.get("FORMAT_LOCALES", {}).get(lang, lang)


def reader_language(lang: str | None) -> str:
    """One of LANGUAGES: a reader whose language is unknown reads English."""
    return lang if lang in LANGUAGES else "en"


def current_language() -> str:
    """The language text is being written in: the viewer's in a request, the reader's inside
    `written_for`."""
    locale = get_locale()
    return locale.language if locale is not None else "en"


def html_lang() -> str:
    """The BCP 47 tag of the language being written ('en-GB', 'zh-Hans'): browsers pick
    fonts and line breaking by it."""
    locale = get_locale()
    return str(locale).replace("_", "-") if locale is not None else "en"


@contextmanager
def written_for(lang: str | None) -> Iterator[str]:
    """Everything gettext returns inside is in the reader's language (mail, personal feeds)."""
    lang = reader_language(lang)
    with force_locale(format_locale(lang)):
        yield lang


def public_url(endpoint: str, *, _anchor: str | None = None, **values) -> str:
    """The absolute address of a page for mail and feeds, from LMEVENTS_PUBLIC_URL: never from
    the request's Host header, which whoever sends the request chooses."""
    url = _public_adapter().build(endpoint, values, force_external=True)
    return f"{url}#{_anchor}" if _anchor else url


def _public_adapter():
    """The URL map bound to LMEVENTS_PUBLIC_URL, bound once per address (a feed builds a
    thousand links)."""
    public = current_app.config["PUBLIC_URL"]
    kept = current_app.extensions.get("lmevents.public_adapter")
    if kept is None or kept[0] != public:
        base = urlsplit(public)
        kept = (public, current_app.url_map.bind(base.netloc, script_name=base.path or "/",
                                                 url_scheme=base.scheme or "https"))
        current_app.extensions["lmevents.public_adapter"] = kept
    return kept[1]


def word_list(items) -> str:
    """Items as the reader's language lists them: 'A, B and C', 'A、B和C'."""
    from babel.lists import format_list

    items = [str(item) for item in items]
    locale = get_locale()
    return format_list(items, locale=locale or "en") if items else ""
