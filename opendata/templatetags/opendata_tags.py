"""`{% load opendata_tags %}{% jsonld page %}` in a page template's `{% block extra_head %}`."""

from __future__ import annotations

import json

from django import template
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Page

from opendata.jsonld import page_jsonld

register = template.Library()

# The same escapes as django.utils.html.json_script: nothing in the data can close the <script> element.
_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def jsonld(page: Page | None) -> SafeString:
    data = page_jsonld(page) if isinstance(page, Page) else None
    if data is None:
        return mark_safe("")
    payload = json.dumps(data, ensure_ascii=False, sort_keys=True).translate(_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308 - escaped above
