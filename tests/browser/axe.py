"""Inject axe-core (from npm, node_modules/axe-core) into a page and report WCAG A/AA violations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import Page

AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def run(page: Page) -> list[dict[str, Any]]:
    """Every WCAG 2.0/2.1/2.2 A and AA violation axe finds on the page as it is now."""
    if not AXE_JS.exists():
        raise FileNotFoundError(f"{AXE_JS} is missing: run `make install` (npm ci)")
    # Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not govern (a <script>
    # tag added to the page would be refused as an inline script).
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    return result["violations"]


def report(url: str, violations: list[dict[str, Any]]) -> str:
    """One readable paragraph per rule: what is wrong, how serious, where, and how to fix it."""
    lines = [f"{len(violations)} accessibility rule(s) failed on {url}:"]
    for violation in violations:
        lines.append(f"- [{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})")
        for node in violation["nodes"][:5]:
            lines.append(
                f"    at {' '.join(map(str, node['target']))}: {node['failureSummary'].splitlines()[-1].strip()}"
            )
            lines.append(f"      {node['html'][:200]}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    … and {len(violation['nodes']) - 5} more")
    return "\n".join(lines)
