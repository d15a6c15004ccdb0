"""Script payloads, and a checker that finds any of them live (not inert) in HTML."""

from __future__ import annotations

import json
import warnings

from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning

MARK = "xssmark"
PAYLOADS = (
    f"<script>{MARK}()</script>",
    f'<img src="x" onerror="{MARK}()">',
    f"[click me](javascript:{MARK}())",
    f'<a href="javascript:{MARK}()">link</a>',
    f'<iframe src="https://evil.example/{MARK}"></iframe>',
    f'<a href="data:text/html,<script>{MARK}()</script>">data</a>',
    f'"><svg onload="{MARK}()">',
    f"</script><script>{MARK}()</script>",
    f"<object data='javascript:{MARK}()'></object>",
    f'<div style="background:url(javascript:{MARK}())" onclick="{MARK}()">x</div>',
)
ALL_PAYLOADS = " ".join(PAYLOADS)
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "background"}
DANGEROUS_TAGS = {"iframe", "object", "embed", "frame", "frameset", "base", "form"}


def live_payloads(html: str | bytes) -> list[str]:
    """Every place a payload survived as markup or script rather than as inert text."""
    problems = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)  # feeds are checked with the same parser
        soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(True):
        for attribute, value in tag.attrs.items():
            text = " ".join(value) if isinstance(value, list) else str(value)
            if MARK not in text:
                continue
            if attribute.lower().startswith("on") or attribute.lower() == "style":
                problems.append(f"<{tag.name} {attribute}=…{MARK}…> event handler or style")
            if attribute.lower() in URL_ATTRIBUTES and text.strip().lower().startswith(("javascript:", "data:")):
                problems.append(f"<{tag.name} {attribute}={text[:60]!r}> script URL")
        if tag.name in DANGEROUS_TAGS and any(MARK in str(value) for value in tag.attrs.values()):
            problems.append(f"<{tag.name}> element from a payload")
        if tag.name == "script" and MARK in (tag.string or ""):
            if tag.get("type") == "application/ld+json":
                try:
                    json.loads(tag.string)
                except ValueError:
                    problems.append("JSON-LD broken by a payload")
            else:
                problems.append(f"<script> running payload: {tag.string[:80]!r}")
        if tag.name == "meta" and tag.get("http-equiv", "").lower() == "refresh" and MARK in str(tag):
            problems.append("<meta http-equiv=refresh> from a payload")
        if tag.name == "svg" and any(MARK in str(value) for value in tag.attrs.values()):
            problems.append("<svg> element from a payload")
    return problems
