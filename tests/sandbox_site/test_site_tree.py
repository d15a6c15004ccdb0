import pytest
from wagtail.models import Locale, Page, Site

from sandbox_site.models import HomePage
from sandbox_site.site_tree import SECTIONS, ensure_site_tree


@pytest.mark.django_db
def test_site_tree_is_created_once_and_serves_the_home_page(client):
    home = ensure_site_tree()
    ensure_site_tree()
    assert HomePage.objects.count() == 1
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert all(page_class.objects.count() == 1 for page_class, _, _ in SECTIONS)
    assert not Page.objects.filter(depth=2).exclude(pk=home.pk).exists()  # Wagtail's welcome page is gone
    assert client.get("/").status_code == 200


@pytest.mark.django_db
def test_site_tree_is_rebuilt_after_a_flush_removed_the_root_and_locale(client):
    Page.objects.filter(depth=1).delete()
    Locale.objects.all().delete()
    home = ensure_site_tree()
    assert home.get_parent().depth == 1
    assert client.get("/councils/").status_code == 200
