"""Reading what a request left behind: rows in the database, text on the page, problems."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from sqlalchemy import func, select
from werkzeug.datastructures import MultiDict

# The content type of every API error (RFC 9457).
PROBLEM = "application/problem+json"
# The hidden CSRF field of a form, whichever order WTForms writes its attributes in.
TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|'
                   r'type="hidden" name="csrf_token" value="([^"]+)"')


def csrf_token(page: str) -> str:
    """The CSRF token of the (first) form on `page`."""
    match = TOKEN.search(page)
    assert match, "the page has no CSRF token"
    return match.group(1) or match.group(2)


def count(dbs, model) -> int:
    """Rows of `model`, read fresh from the database."""
    dbs.expire_all()
    return dbs.scalar(select(func.count()).select_from(model))


def fresh(dbs, model, ident):
    """`model` row `ident` as the database has it now."""
    dbs.expire_all()
    return dbs.get(model, ident)


def text(response) -> str:
    return response.get_data(as_text=True)


class _FormReader(HTMLParser):
    """Collects what a browser would submit from the page's first POST form with fields."""

    def __init__(self):
        super().__init__()
        self.values: list[tuple[str, str]] = []
        self._select: str | None = None
        self._textarea: str | None = None
        self._text: list[str] = []
        self._done = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self._done:
            return
        if tag == "input" and attrs.get("name") and attrs.get("type") != "submit":
            if attrs.get("type") not in ("checkbox", "radio") or "checked" in attrs:
                self.values.append((attrs["name"], attrs.get("value") or ""))
        elif tag == "select":
            self._select, self._options, self._chosen = attrs.get("name"), [], False
            self._multiple = "multiple" in attrs
        elif tag == "option" and self._select:
            self._options.append(attrs.get("value") or "")
            if "selected" in attrs:
                self._chosen = True
                self.values.append((self._select, attrs.get("value") or ""))
        elif tag == "textarea":
            self._textarea, self._text = attrs.get("name"), []

    def handle_data(self, data):
        if self._textarea:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "select" and self._select:
            # A single select with nothing marked sends its first option.
            if not self._chosen and self._options and not self._multiple:
                self.values.append((self._select, self._options[0]))
            self._select = None
        elif tag == "textarea" and self._textarea:
            # Browsers drop the one newline that starts a textarea's content.
            content = "".join(self._text)
            content = content[1:] if content.startswith("\n") else content
            self.values.append((self._textarea, content))
            self._textarea = None
        elif tag == "form" and self.values:
            self._done = True


def form_fields(page: str, form_marker: str = 'class="stacked"') -> MultiDict:
    """The name/value pairs the form after `form_marker` would send as it stands."""
    reader = _FormReader()
    reader.feed(page[page.index(form_marker):])
    return MultiDict(reader.values)


# What a caller without the right to change something is told (the API's 403 details).
ORGANIZERS_ONLY = {
    "Only organizers may do this.",
    "Only this event's organizers may do this.",
    "Only the organizers of the events this speaker takes part in may change them.",
}
