"""`manage.py load_demo`: enough realistic content, deterministic and idempotent."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from challenges.models import CaseStudyPage, ChallengePage
from core.pages import is_dormant
from councils.models import CouncilPage, Region
from demo import content
from demo.content import PUBLIC_PROJECTS
from experiments.models import CollectionPage, ExperimentPage, ExperimentStatus, RegionalCentrePage
from patterns.models import PatternPage

CONTENT_TYPES = [ChallengePage, CaseStudyPage, PatternPage, RegionalCentrePage, ExperimentPage, CollectionPage]


def snapshot() -> dict:
    """Everything a second run could change: every page's identity, content and dates."""
    rows = Page.objects.order_by("pk").values_list(
        "pk", "path", "url_path", "title", "live", "first_published_at", "last_published_at", "latest_revision_id"
    )
    confirmed = {
        model.__name__: sorted(model.objects.values_list("pk", "last_confirmed", "summary"))
        for model in [ChallengePage, CaseStudyPage, PatternPage]
    }
    return {
        "pages": list(rows),
        "confirmed": confirmed,
        "restrictions": list(PageViewRestriction.objects.values_list("page_id", "restriction_type")),
        "users": sorted(get_user_model().objects.values_list("username", "password")),
    }


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker):
    """Load the demo twice, once for this module's tests (the first run syncs all 397 councils itself)."""
    # One outer transaction, rolled back at the end, so no other test module sees the demo data.
    with django_db_blocker.unblock(), transaction.atomic():
        first = StringIO()
        call_command("load_demo", stdout=first)
        before = snapshot()
        second = StringIO()
        call_command("load_demo", stdout=second)
        after = snapshot()
        yield {"first": first.getvalue(), "second": second.getvalue(), "before": before, "after": after}
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_second_run_changes_nothing(demo_output):
    assert demo_output["before"] == demo_output["after"]
    assert "0 pages created" in demo_output["second"]


@pytest.mark.django_db
def test_demo_has_at_least_60_live_public_content_pages_of_every_type(demo_output):
    counts = {model.__name__: model.objects.live().public().count() for model in CONTENT_TYPES}
    assert all(counts.values()), counts
    assert sum(counts.values()) >= 60, counts
    assert "pages created" in demo_output["first"]


@pytest.mark.django_db
def test_demo_covers_every_region_status_and_link(demo_output):
    covered = set(Region.objects.filter(regional_centres__isnull=False).values_list("slug", flat=True))
    assert covered == set(Region.objects.values_list("slug", flat=True))
    owners = CouncilPage.objects.filter(path__in=[p.path[:-4] for p in ChallengePage.objects.all()])
    assert set(owners.values_list("nation", flat=True)) == {"England", "Wales", "Scotland", "Northern Ireland"}
    assert set(ExperimentPage.objects.values_list("status", flat=True)) == set(ExperimentStatus.values)
    assert CaseStudyPage.objects.filter(challenge__isnull=False, partner_councils__isnull=False).exists()
    assert ExperimentPage.objects.filter(challenge__isnull=False, case_study__isnull=False).exists()
    assert PatternPage.objects.filter(evidence__isnull=False).exists()
    assert CollectionPage.objects.filter(items__isnull=False).exists()
    assert ChallengePage.objects.filter(tagged_items__tag__name="bin collections").exists()


@pytest.mark.django_db
def test_demo_has_a_draft_and_a_private_page(demo_output):
    assert Page.objects.filter(live=False, slug="route-optimisation-draft").exists()
    private = Page.objects.get(slug="recycling-contract-options-private")
    assert PageViewRestriction.objects.filter(page=private).exists()


@pytest.mark.django_db
def test_no_sign_ins_are_created_when_debug_is_off(demo_output):
    # The test settings run with DEBUG off.
    assert not get_user_model().objects.exists()
    assert "skipped (DEBUG is off)" in demo_output["first"]


@pytest.mark.django_db
def test_demo_pages_come_through_the_importer_with_their_links(demo_output):
    assert "challenges.jsonl: 16 imported, 0 already there" in demo_output["first"]
    assert "collections.jsonl: 0 imported, 3 already there" in demo_output["second"]
    experiment = ExperimentPage.objects.get(slug="auto-award-council-tax-reduction")
    assert experiment.get_parent().slug == "midlands"
    assert (experiment.challenge.slug, experiment.case_study.slug) == (
        "council-tax-reduction-take-up",
        "automatic-council-tax-reduction",
    )
    assert experiment.participating_councils.count() == 3
    bins = CollectionPage.objects.get(slug="getting-bin-collections-right")
    assert [item.page.slug for item in bins.items.all()] == [
        "missed-bin-collections",
        "bin-collection-text-alerts",
        "proactive-bin-collection-alerts",
        "open-source-waste-platform",
        "predict-missed-bin-collections",
    ]


@pytest.mark.django_db
def test_demo_dates_are_relative_to_the_day_it_is_loaded(demo_output):
    # Two challenges are meant to look dormant; the rest stay current whatever the date.
    dormant = {page.slug for page in ChallengePage.objects.live() if is_dormant(page)}
    assert dormant == {"pothole-reports", "rural-library-use"}
    invented = ChallengePage.objects.filter(source_url="")  # the public write-ups are confirmed on the day loaded
    newest = max(invented.values_list("last_confirmed", flat=True))
    assert 0 < (timezone.localdate() - newest).days < 30


@pytest.mark.django_db
def test_demo_publishes_every_real_public_write_up_with_its_source(demo_output):
    records = [record for name in PUBLIC_PROJECTS for record in content.records(name)]
    with_source = {
        (page.title, page.source_url)
        for model in (ChallengePage, CaseStudyPage, PatternPage)
        for page in model.objects.live().public().exclude(source_url="")
    }
    assert with_source == {(r["title"], r["source"]) for r in records}
    assert len(records) >= 150
