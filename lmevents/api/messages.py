"""The API's validation messages in the reader's language. Marshmallow and webargs write their
messages in English; each is matched here (the fixed ones as they are, the ones with numbers or
choices by pattern) and written again through the catalogue. Anything else passes unchanged."""

from __future__ import annotations

import re

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

# Marshmallow's fixed messages, marked for the catalogue.
FIXED = {m._args[0]: m for m in (
    _l("Missing data for required field."),
    _l("Field may not be null."),
    _l("Invalid value."),
    _l("Not a valid string."),
    _l("Not a valid utf-8 string."),
    _l("Not a valid number."),
    _l("Number too large."),
    _l("Not a valid integer."),
    _l("Not a valid boolean."),
    _l("Not a valid datetime."),
    _l("Not a valid date."),
    _l("Not a valid time."),
    _l("Not a valid email address."),
    _l("Not a valid URL."),
    _l("Not a valid list."),
    _l("Not a valid mapping type."),
    _l("Invalid input type."),
    _l("Unknown field."),
    _l("Not a valid UUID."),
    _l("Give a UTC offset, e.g. 2020-11-26T09:00:00+08:00."),
)}

# Marshmallow's messages that carry values: (pattern, message with the same values named).
PATTERNS = [
    (re.compile(r"^Longer than maximum length (?P<max>\d+)\.$"),
     lambda m: _("Longer than maximum length %(max)s.", **m)),
    (re.compile(r"^Shorter than minimum length (?P<min>\d+)\.$"),
     lambda m: _("Shorter than minimum length %(min)s.", **m)),
    (re.compile(r"^Length must be between (?P<min>\d+) and (?P<max>\d+)\.$"),
     lambda m: _("Length must be between %(min)s and %(max)s.", **m)),
    (re.compile(r"^Must be one of: (?P<choices>.*)\.$"),
     lambda m: _("Must be one of: %(choices)s.", **m)),
    (re.compile(r"^Must be greater than or equal to (?P<min>\S+) and less than or equal to "
                r"(?P<max>\S+)\.$"),
     lambda m: _("Must be greater than or equal to %(min)s and less than or equal to %(max)s.",
                 **m)),
    (re.compile(r"^Must be greater than or equal to (?P<min>\S+)\.$"),
     lambda m: _("Must be greater than or equal to %(min)s.", **m)),
    (re.compile(r"^Must be less than or equal to (?P<max>\S+)\.$"),
     lambda m: _("Must be less than or equal to %(max)s.", **m)),
]


def translated(message) -> str:
    """`message` in the reader's language when it is one of the library's."""
    text = str(message)
    if not isinstance(message, str):
        return text  # already a translatable message of ours
    if text in FIXED:
        return str(FIXED[text])
    for pattern, write in PATTERNS:
        match = pattern.match(text)
        if match:
            return write(match.groupdict())
    return text
