"""sitemap.xml: Wagtail's sitemap of live, public pages, with every location on the configured base URL."""

from __future__ import annotations

from typing import Any

from wagtail.contrib.sitemaps import Sitemap

from core.links import rebase


class SiteSitemap(Sitemap):
    def _urls(self, page: int, protocol: str | None, domain: str | None) -> list[dict[str, Any]]:
        # As Wagtail's own, but each location comes off the base URL rather than the Site record's host.
        urls = []
        last_mods = set()
        for item in self.paginator.page(page).object_list.iterator():
            for info in item.get_sitemap_urls(self.request):
                urls.append({**info, "location": rebase(info["location"], item)})
                last_mods.add(info.get("lastmod"))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls
