"""The base layout, the unbranded stylesheet, and the 404 and 500 pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.views.defaults import permission_denied

from challenges.models import ChallengeInterest
from sandbox_site.views import server_error
from tests.factories import content as make


@pytest.mark.django_db
def test_layout_has_skip_link_landmarks_navigation_breadcrumbs_and_footer_credit(client, home):
    html = client.get("/challenges/").content.decode()

    assert '<a href="#main-content" class="govuk-skip-link"' in html
    assert '<main class="govuk-main-wrapper" id="main-content">' in html
    assert html.count("<h1") == 1
    assert "Council innovation sandbox" in html
    for label, href in [
        ("Challenges", "/challenges/"), ("Case studies", "/case-studies/"), ("Patterns", "/patterns/"),
        ("Experiments", "/experiments/"), ("Regional centres", "/regional-centres/"), ("Councils", "/councils/"),
        ("Search", "/search/"),
    ]:  # fmt: skip
        assert f'href="{href}"' in html and label in html
    assert 'aria-current="page"' in html  # the current section is marked
    assert '<nav class="govuk-breadcrumbs" aria-label="Breadcrumb">' in html
    assert "Council data: mySociety" in html and "CC BY 4.0" in html
    assert "/static/build/site.css" in html


@pytest.mark.django_db
def test_no_gov_uk_brand_in_the_page(client, home):
    html = client.get("/").content.decode()
    assert "govuk-logo" not in html
    assert "govuk-header__logotype" not in html
    assert "GOV.UK" not in html.replace("GOV.UK Notify", "")


def test_stylesheet_uses_system_fonts_not_gds_transport():
    # Built by `npm run build:css` during `make install`; `make test` depends on it.
    css = (Path(settings.BASE_DIR) / "static" / "build" / "site.css").read_text()
    assert "GDS Transport" not in css
    assert "system-ui" in css
    assert ".govuk-button" in css and ".app-result" in css


def test_search_suggestions_use_the_sites_font_not_the_browsers_serif():
    css = (Path(settings.BASE_DIR) / "static" / "build" / "site.css").read_text()
    rules = re.findall(r"\.autocomplete__wrapper \.autocomplete__menu\{([^}]*)\}", css)
    assert any("font-family:system-ui" in rule for rule in rules)


@pytest.mark.django_db
def test_404_page_is_styled_and_helpful(client, home):
    response = client.get("/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert '<h1 class="govuk-heading-l">Page not found</h1>' in html
    assert "/static/build/site.css" in html
    assert "govuk-skip-link" in html


def test_500_page_renders_without_a_database():
    # No django_db mark: any database query here would raise.
    response = server_error(RequestFactory().get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in html
    assert "/static/build/site.css" in html
    assert html.count("<h1") == 1


@pytest.mark.django_db
def test_navigation_marks_the_section_a_page_belongs_to(client, councils):
    from tests.factories import content as make

    study = make.case_study(councils["Leeds"], "A study")
    html = client.get(study.url).content.decode()
    marked = html.split('aria-current="true"')[1][:200]
    assert "Case studies" in marked
    assert "Councils" not in marked


@pytest.mark.django_db
def test_403_page_is_styled_and_says_what_to_do_next(client, councils):
    challenge = make.challenge(councils["Leeds"], "Missed bins")
    client.force_login(User.objects.create_user("supplier"))
    response = client.post(f"/interest/challenges/{challenge.pk}/", {"role": "partner"})
    html = response.content.decode()
    assert response.status_code == 403
    assert not ChallengeInterest.objects.exists()
    assert '<h1 class="govuk-heading-l">You cannot do this</h1>' in html
    assert "/static/build/site.css" in html and "govuk-skip-link" in html
    assert "Only members of a council can register interest." in html
    assert "Ask your council's admin" in html


@pytest.mark.django_db
def test_403_page_offers_sign_in_to_someone_signed_out(rf, home):
    request = rf.get("/membership/E08000035/")
    request.user = AnonymousUser()
    html = permission_denied(request, PermissionDenied()).content.decode()
    assert 'href="/accounts/login/?next=/membership/E08000035/"' in html


@pytest.mark.django_db
@pytest.mark.parametrize("on", [True, False])
def test_the_banner_says_when_the_content_is_demo_data(client, home, settings, on):
    settings.DEMO_NOTICE = on

    html = client.get("/search/").content.decode()

    assert ("Demo data" in html) is on
    assert ("is not the work or the figures of the councils and regional centres it names" in html) is on
    assert ("Content is written by the councils and regional centres named on each page." in html) is not on
