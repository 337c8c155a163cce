"""Checks every interface shares, kept in the services so no way in can skip them."""

from __future__ import annotations

from urllib.parse import urlsplit

from email_validator import EmailNotValidError, validate_email

from lmevents.errors import Invalid


def check_web_url(value: str | None, field: str, what: str = "the address") -> None:
    """Only http(s) URLs with a host: anything else (javascript:, data:) would be a link that
    runs code for whoever clicks it on a public page."""
    if not value:
        return
    parts = urlsplit(value.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise Invalid(f"{what} must start with https:// or http:// and name a web host",
                      field=field)


def normalized_email(value: str, field: str = "email") -> str:
    """The address in canonical form, or Invalid naming the field (no DNS lookups)."""
    try:
        return validate_email(value.strip(), check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise Invalid(f"'{value.strip()}' is not an e-mail address: {exc}", field=field) from exc
