"""Checks every interface shares, kept in the services so no way in can skip them."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from babel import Locale
from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l

from lmevents.errors import Invalid

if TYPE_CHECKING:
    from flask_babel.speaklater import LazyString

# CLDR's two-letter regions, less the groupings and placeholders that are no one's country
# (European Union, Eurozone, United Nations, Outlying Oceania, pseudo-locales, Unknown).
COUNTRY_CODES = frozenset(
    code for code in Locale("en").territories
    if re.fullmatch(r"[A-Z]{2}", code) and code not in {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"}
)


def check_country(code: str | None, field: str = "country") -> None:
    """An ISO 3166-1 alpha-2 code of a real country or territory (upper case), or nothing."""
    if not code:
        return
    if not re.fullmatch(r"[A-Z]{2}", code):
        raise Invalid(_l("Use a two-letter ISO 3166 country code, e.g. LA."), field=field)
    if code not in COUNTRY_CODES:
        raise Invalid(_l("'%(code)s' is not an ISO 3166 country code; use e.g. LA, TH or CN.",
                         code=code), field=field)


def check_web_url(value: str | None, field: str, refusal: LazyString | None = None) -> None:
    """Only http(s) URLs with a host: anything else (javascript:, data:) would be a link that
    runs code for whoever clicks it on a public page. `refusal` says so of this address."""
    if not value:
        return
    try:
        parts = urlsplit(value.strip())
    except ValueError:  # a bracketed host that is no IPv6 address ("http://[x")
        parts = None
    if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        if refusal is None:
            refusal = _l("The address must start with https:// or http:// and name a web host.")
        raise Invalid(refusal, field=field)


def normalized_email(value: str, field: str = "email") -> str:
    """The address in canonical form, or Invalid naming the field (no DNS lookups)."""
    try:
        return validate_email(value.strip(), check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise Invalid(_l("'%(address)s' is not an e-mail address: %(reason)s.",
                         address=value.strip(), reason=str(exc).rstrip(".")), field=field) from exc


def require_either(zh: str | None, en: str | None, *, field: str,
                   refusal: LazyString | None = None) -> None:
    """Bilingual text that must be there in at least one language: Chinese, English or both.
    `field` names the input at fault (by custom the English one); `refusal` says what is
    missing when it is not a title."""
    if not (zh or "").strip() and not (en or "").strip():
        if refusal is None:
            refusal = _l("A title is required, in Chinese or English (or both).")
        raise Invalid(refusal, field=field)


# Control characters (C0, DEL, C1): none in a line (a name, a title, a subject); multi-line text
# (a description, a message) keeps tab and line breaks. Mail headers are built from lines.
_NOT_IN_A_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_NOT_IN_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def text_fault(value: str, *, multiline: bool) -> str | None:
    """Why `value` cannot be stored as text people read, or None: the one check of every form
    field and API text field."""
    if "\x00" in value:
        return _l("NUL characters are not allowed.")
    if not multiline and _NOT_IN_A_LINE.search(value):
        return _l("Line breaks and control characters are not allowed here.")
    if multiline and _NOT_IN_TEXT.search(value):
        return _l("Control characters are not allowed.")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return _l("Not valid Unicode text (a lone surrogate).")
    return None
