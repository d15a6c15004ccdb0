"""The fixed top of the page tree: the home page and one listing page per section."""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.db import transaction
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from core.kinds import sections
from experiments.models import RegionalCentreIndexPage
from sandbox_site.models import HomePage

# Each kind's section page (from the kinds registry), then the regional centres, which are not a kind of content.
SECTIONS: list[tuple[type[Page], str, str]] = [
    *((apps.get_model(kind.index_model_label), kind.plural_label, kind.plural_slug) for kind in sections()),
    (RegionalCentreIndexPage, "Regional centres", "regional-centres"),
]


def _tree_root() -> Page:
    """Wagtail's root node, recreated if a database flush (e.g. a live-server test) removed it with its locale."""
    root = Page.get_first_root_node()
    if root is None:
        Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
        root = Page.add_root(instance=Page(title="Root", slug="root"))
    return root


@transaction.atomic
def ensure_site_tree() -> HomePage:
    """Create the home page and section pages if missing; leave existing ones untouched."""
    home = HomePage.objects.first()
    if home is None:
        root = _tree_root()
        home = HomePage(
            title="Council innovation sandbox",
            slug="home-sandbox",
            intro="Find what other councils have already tried, join shared challenges and reuse proven patterns.",
        )
        root.add_child(instance=home)
        site = Site.objects.filter(is_default_site=True).first()
        old_root = site.root_page if site else None
        if site:
            site.root_page = home
            site.site_name = "Council innovation sandbox"
            site.save()
        else:
            Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
        # Wagtail's placeholder "Welcome" page is replaced, not kept alongside.
        if old_root is not None and old_root.specific_class is Page and not old_root.get_children().exists():
            old_root.delete()
        home = HomePage.objects.get(pk=home.pk)
        home.slug = "home"
        home.save_revision().publish()
        # Publishing saves a copy from the revision; reload so children get the new url_path ("/home/...").
        home = HomePage.objects.get(pk=home.pk)
    for page_class, title, slug in SECTIONS:
        if not page_class.objects.exists():
            home.add_child(instance=page_class(title=title, slug=slug))
    return home
