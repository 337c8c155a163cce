"""Schema pieces shared by every area's API: bilingual text, times, zones, ids, problems."""

from __future__ import annotations

import re

from flask import url_for
from flask_babel import lazy_gettext as _l
from marshmallow import RAISE, Schema, ValidationError, fields, utils, validate

from lmevents.core.models import LANGUAGES, MAX_ID
from lmevents.core.timezones import is_valid_zone
from lmevents.core.validation import check_country, check_web_url, normalized_email, text_fault
from lmevents.errors import DomainError

MAX_TEXT = 20_000


class InputSchema(Schema):
    """A request body: unknown fields are refused, naming them."""

    class Meta:
        unknown = RAISE

    @classmethod
    def for_patch(cls) -> InputSchema:
        """An instance for PATCH: each top-level field may be left out, while the entries of
        nested lists (a speaker, a host) must still be whole."""
        required = tuple(name for name, field in cls._declared_fields.items() if field.required)
        return cls(partial=required)


# What core.validation.require_either asks of a bilingual title, as the document says it.
TITLE_RULE = "A title is required, in Chinese or English (or both)."


class BilingualSchema(Schema):
    zh = fields.String(allow_none=True)
    en = fields.String(allow_none=True)


class Bilingual(fields.Nested):
    """Dumps a model's `<name>_zh` and `<name>_en` columns as `{zh, en}`.

    `attribute` may reach through relationships, e.g. `speaker.name`.
    """

    def __init__(self, **kwargs):
        super().__init__(BilingualSchema, dump_only=True, **kwargs)

    def get_value(self, obj, attr, accessor=None, default=utils.missing):
        owner_path, _, base = (self.attribute or attr).rpartition(".")
        owner = utils.get_value(obj, owner_path) if owner_path else obj
        return {lang: getattr(owner, f"{base}_{lang}", None) for lang in LANGUAGES}


class Derived(fields.Nested):
    """A nested object computed from the dumped object itself (its links, say)."""

    def get_value(self, obj, attr, accessor=None, default=utils.missing):
        return obj


class EndpointUrl(fields.Url):
    """The absolute URL of a Flask endpoint; `params` map URL arguments to attribute paths."""

    def __init__(self, endpoint: str, **params: str):
        super().__init__(dump_only=True)
        self.endpoint = endpoint
        self.params = params

    def get_value(self, obj, attr, accessor=None, default=utils.missing):
        return url_for(
            self.endpoint,
            _external=True,
            **{name: utils.get_value(obj, path) for name, path in self.params.items()},
        )


def storable(value: str) -> None:
    """Refuse text a database cannot keep, rather than fail in the driver."""
    fault = text_fault(value, multiline=True)
    if fault:
        raise ValidationError(str(fault))  # marshmallow takes text, not a lazy message


def one_line(value: str) -> None:
    """Refuse line breaks and control characters where a line is expected (names, titles:
    they end up in mail headers)."""
    fault = text_fault(value, multiline=False)
    if fault:
        raise ValidationError(str(fault))


def domain_rule(check):
    """A marshmallow validator from a domain check that raises DomainError: the schema then
    refuses what the service would, in the same words and in the same answer as the other
    fields' faults."""

    def validator(value) -> None:
        try:
            check(value)
        except DomainError as refusal:
            raise ValidationError(refusal.message) from None

    return validator


# What core.validation.text_fault lets through, as JSON Schema patterns: no control
# characters in a line; tab and line breaks in multi-line text.
LINE_PATTERN = "^[^\\u0000-\\u001f\\u007f-\\u009f]*$"
TEXT_PATTERN = "^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f]*$"
# Multi-line text with something in it besides spaces and line breaks (a question): what
# str.strip() leaves something of. Its blanks are spelled out (control characters, spaces,
# U+00A0, U+1680, U+2000-U+200A, U+2028, U+2029, U+202F, U+205F, U+3000) rather than `\\s`,
# which in ECMA-262 also takes U+FEFF, a character strip() keeps.
_BLANK = "\\u0000-\\u0020\\u007f-\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000"
_IN_TEXT = "[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f]"
FILLED_TEXT_PATTERN = f"^{_IN_TEXT}*[^{_BLANK}]{_IN_TEXT}*$"
# A line with something in it besides spaces (a name), its blanks spelled out likewise.
_IN_LINE = "[^\\u0000-\\u001f\\u007f-\\u009f]"
FILLED_LINE_PATTERN = f"^{_IN_LINE}*[^{_BLANK}]{_IN_LINE}*$"


class Text(fields.String):
    """Input text of at most `max_length` characters, storable in every database: one line
    unless `multiline` (a description, a message), which keeps tabs and line breaks."""

    def __init__(self, max_length: int = MAX_TEXT, *, multiline: bool = False, **kwargs):
        checks = [validate.Length(max=max_length), storable if multiline else one_line]
        if "validate" in kwargs:
            extra = kwargs.pop("validate")
            checks.extend(extra if isinstance(extra, list | tuple) else [extra])
        if not any(isinstance(check, validate.Regexp) for check in checks):
            # The document says which characters the text may hold (core.validation).
            metadata = kwargs.setdefault("metadata", {})
            metadata.setdefault("pattern", TEXT_PATTERN if multiline else LINE_PATTERN)
        super().__init__(validate=checks, **kwargs)


# An http(s) address naming a host, on one line and without spaces, as a JSON Schema pattern
# (Python's `re` reads it the same way); the empty string is no link, as in the forms.
WEB_LINK_PATTERN = ("^$|^[Hh][Tt][Tt][Pp][Ss]?://[^\\s\\u0000-\\u001f\\u007f-\\u009f/?#]+"
                    "(?:[/?#][^\\s\\u0000-\\u001f\\u007f-\\u009f]*)?$")


def web_link(value: str) -> None:
    """Refuse what is not an http(s) address with a host (javascript:, data:, a bare word)."""
    try:
        check_web_url(value, "url")
    except DomainError:
        ok = False
    else:
        ok = re.fullmatch(WEB_LINK_PATTERN, value) is not None
    if not ok:
        raise ValidationError("Not a valid URL.")  # marshmallow's words, translated when answered


class WebLink(fields.String):
    """An http(s) URL given in a request, or the empty string for none (as the services read
    it); the document says which with a format and a pattern."""

    def __init__(self, **kwargs):
        metadata = {"format": "uri-reference", "pattern": WEB_LINK_PATTERN,
                    "description": "an http:// or https:// address; empty: none",
                    "example": "https://www.example.org/"}
        metadata.update(kwargs.pop("metadata", {}))
        super().__init__(validate=[validate.Length(max=500), storable, web_link], metadata=metadata,
                         **kwargs)


# The addresses the services take (core.validation.normalized_email: email_validator, without
# DNS lookups), as the document says them beside `format: email`: no quoted part or bracketed
# IP address, a dot in the domain and a letter at its end, and no special-use domain (RFC 6761:
# .test, .invalid, .local, .localhost, .onion, .arpa), where no mail is ever delivered.
_NOT_IN_AN_ADDRESS = '[^\\s"@\\[\\]]'
_SPECIAL_USE = "|".join("".join(f"[{c.upper()}{c}]" for c in name)
                        for name in ("arpa", "invalid", "local", "localhost", "onion", "test"))
EMAIL_PATTERN = (f"^{_NOT_IN_AN_ADDRESS}+@(?!(?:[^@]*\\.)?(?:{_SPECIAL_USE})$)"
                 f"{_NOT_IN_AN_ADDRESS}+\\.{_NOT_IN_AN_ADDRESS}*[A-Za-z]$")
EMAIL_DESCRIPTION = ("an address that can receive mail: no quoted part or [IP address], and "
                     "not in a special-use domain (.test, .invalid, .local, .localhost, .onion, "
                     ".arpa)")


def deliverable_address(value: str) -> None:
    """Refuse an address the services would refuse, in marshmallow's words."""
    try:
        normalized_email(value)
    except DomainError:
        raise ValidationError("Not a valid email address.") from None  # translated when answered


class EmailAddress(fields.String):
    """An e-mail address given in a request, checked as the services check it."""

    def __init__(self, **kwargs):
        metadata = {"format": "email", "pattern": EMAIL_PATTERN,
                    "description": EMAIL_DESCRIPTION}
        metadata.update(kwargs.pop("metadata", {}))
        super().__init__(validate=[validate.Length(max=254), storable, deliverable_address],
                         metadata=metadata, **kwargs)


class Id(fields.Integer):
    """A database id given in a request."""

    def __init__(self, **kwargs):
        super().__init__(strict=True, validate=validate.Range(min=1, max=MAX_ID), **kwargs)


class Count(fields.Integer):
    """A non-negative count such as a capacity."""

    def __init__(self, **kwargs):
        super().__init__(strict=True, validate=validate.Range(min=0, max=MAX_ID), **kwargs)


class StrictBoolean(fields.Boolean):
    """Only JSON `true` and `false` (not 1 and 0, which Python counts as equal to them)."""

    def __init__(self, **kwargs):
        super().__init__(truthy={True}, falsy={False}, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, bool):
            raise self.make_error("invalid", input=value)
        return value


# The times AwareDateTime takes, as a JSON Schema pattern beside `format: date-time` (RFC 3339):
# written in the years 1970 to 2999, with a UTC offset, to the microsecond at most.
TIME_PATTERN = ("^(19[7-9][0-9]|2[0-9]{3})-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-5][0-9]"
                "(\\.[0-9]{1,6})?(Z|[+-][0-9]{2}:[0-9]{2})$")
# The same in words, for a description that adds a rule of its own to them.
TIME_DESCRIPTION = "ISO 8601 with a UTC offset, in the years 1970 to 2999"


class AwareDateTime(fields.AwareDateTime):
    """An ISO 8601 time that must carry a UTC offset: a bare clock time is ambiguous."""

    default_error_messages = {
        # Translated when answered (lmevents.api.messages).
        "invalid_awareness": "Give a UTC offset, e.g. 2020-11-26T09:00:00+08:00.",
    }

    def __init__(self, **kwargs):
        metadata = {"pattern": TIME_PATTERN, "description": TIME_DESCRIPTION}
        metadata.update(kwargs.pop("metadata", {}))
        super().__init__(format="iso", metadata=metadata, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        moment = super()._deserialize(value, attr, data, **kwargs)
        # The year as written (the document's pattern says so), far from the calendar's edges,
        # so converting between zones can never overflow.
        if not 1970 <= moment.year <= 2999:
            raise ValidationError(str(_l("Give a time between the years 1970 and 2999.")))
        return moment


def _known_zone(name: str) -> None:
    if not is_valid_zone(name):
        raise ValidationError(str(_l(
            "'%(zone)s' is not an IANA time zone (e.g. Asia/Shanghai).", zone=name)))


class CountryCode(fields.String):
    """An ISO 3166-1 alpha-2 code (upper case), checked as the services check it; the
    document lists the codes (the CountryCode component)."""

    def __init__(self, **kwargs):
        metadata = {"description": "ISO 3166 code, e.g. LA", "example": "LA"}
        metadata.update(kwargs.pop("metadata", {}))
        super().__init__(validate=domain_rule(check_country), metadata=metadata, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        # "la" and " LA " are Laos too, as the services read them.
        return super()._deserialize(value, attr, data, **kwargs).strip().upper()


class Zone(fields.String):
    """An IANA time-zone name."""

    def __init__(self, **kwargs):
        metadata = {"description": "IANA time zone", "example": "Asia/Shanghai"}
        metadata.update(kwargs.pop("metadata", {}))
        super().__init__(validate=_known_zone, metadata=metadata, **kwargs)


class ViewpointQuery(Schema):
    tz = Zone(metadata={"description": "IANA zone the times are given in (default: the event's)"})
    lang = fields.String(
        validate=validate.OneOf(LANGUAGES),
        metadata={"description": "language of the `*_text`/`display` conveniences"},
    )


class ProblemSchema(Schema):
    """RFC 9457 problem details, the body of every error response."""

    type = fields.String(metadata={"example": "about:blank"})
    title = fields.String(metadata={"example": "Conflict"})
    status = fields.Integer(metadata={"example": 409})
    detail = fields.String()
    errors = fields.Dict(
        keys=fields.String(), values=fields.String(),
        metadata={"description": "each bad field (dotted path in nested input) and why"},
    )
    session_id = fields.Integer(metadata={"description": "the clashing session, on a conflict"})
    speaker_id = fields.Integer(metadata={"description": "the busy speaker, on a conflict"})
