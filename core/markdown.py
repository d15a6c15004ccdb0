"""Markdown for long-form fields: rendered with `markdown`, then sanitised with nh3.

Sanitising after rendering means raw HTML typed into Markdown (scripts, event handlers,
`javascript:` links, iframes) is stripped by the same allow-list as everything else.
"""

import html
import re

import markdown as md
import nh3
from django.utils.safestring import SafeString, mark_safe

_ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "em", "h2", "h3", "h4", "hr", "li", "ol",
    "p", "pre", "strong", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "td": {"align"}, "th": {"align"}}
_EXTENSIONS = ["tables", "sane_lists"]
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def _to_html(text: str) -> str:
    rendered = md.markdown(text or "", extensions=_EXTENSIONS, output_format="html")
    return nh3.clean(
        rendered,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


def render_markdown(text: str) -> SafeString:
    """Markdown to sanitised HTML, safe to place in a template."""
    return mark_safe(_to_html(text))  # noqa: S308 - nh3 has sanitised it


def markdown_to_text(text: str) -> str:
    """Markdown to plain text (for search documents, feeds and summaries)."""
    without_tags = _TAG.sub(" ", _to_html(text))
    return _SPACE.sub(" ", html.unescape(without_tags)).strip()
