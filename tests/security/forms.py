"""Read HTML forms the way a browser submits them, so tests can replay real admin and public forms."""

from __future__ import annotations

from dataclasses import dataclass, field

from bs4 import BeautifulSoup, Tag

CSRF_FIELD = "csrfmiddlewaretoken"


@dataclass
class Form:
    action: str
    method: str
    data: dict[str, list[str]] = field(default_factory=dict)
    # A form with no action and no submit button is driven by script (e.g. Wagtail's editing-sessions ping,
    # which sends its token in a header), so a browser never submits it as a plain form.
    script_driven: bool = False

    def set(self, name: str, value: str) -> Form:
        self.data[name] = [value]
        return self

    def without_csrf(self) -> dict[str, list[str]]:
        return {name: values for name, values in self.data.items() if name != CSRF_FIELD}


def _field_values(element: Tag) -> list[str] | None:
    name = element.get("name")
    if not name or element.has_attr("disabled"):
        return None
    if element.name == "textarea":
        return [element.get_text()]
    if element.name == "select":
        chosen = element.find_all("option", selected=True) or (
            [] if element.has_attr("multiple") else element.find_all("option")[:1]
        )
        return [option.get("value", option.get_text()) for option in chosen]
    kind = (element.get("type") or "text").lower()
    if kind in {"submit", "button", "image", "reset", "file"}:
        return None
    if kind in {"checkbox", "radio"}:
        return [element.get("value", "on")] if element.has_attr("checked") else None
    return [element.get("value", "")]


def parse_forms(html: str | bytes, page_url: str = "") -> list[Form]:
    """Every form on the page with the values a browser would send (submit buttons excluded)."""
    forms = []
    for form in BeautifulSoup(html, "html.parser").find_all("form"):
        parsed = Form(action=form.get("action") or page_url, method=(form.get("method") or "get").lower())
        submits = form.find_all(["button", "input"], attrs={"type": lambda t: (t or "submit").lower() == "submit"})
        parsed.script_driven = not form.get("action") and not submits
        for element in form.find_all(["input", "textarea", "select"]):
            values = _field_values(element)
            if values is not None:
                parsed.data.setdefault(element["name"], []).extend(values)
        forms.append(parsed)
    return forms


def post_forms(html: str | bytes, page_url: str = "") -> list[Form]:
    return [form for form in parse_forms(html, page_url) if form.method == "post" and not form.script_driven]
