"""Limited Markdown for text people write (biographies): rendered, then sanitized."""

from __future__ import annotations

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

# "js-default": CommonMark without raw HTML; what it renders is then cleaned by an allow-list.
_markdown = MarkdownIt("js-default").disable(["image", "heading", "table", "fence", "code"])
ALLOWED_TAGS = {"p", "br", "em", "strong", "a", "ul", "ol", "li", "blockquote"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}


def render_limited_markdown(text: str | None) -> Markup:
    """Safe HTML for a biography: paragraphs, emphasis, lists, quotes and web links only."""
    if not text:
        return Markup("")
    html = _markdown.render(text)
    return Markup(nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="nofollow noopener noreferrer",
    ))
