"""Challenge and case study pages show every structured field."""

from __future__ import annotations

import pytest
from django.utils import timezone

from tests.factories import content as make


@pytest.mark.django_db
def test_challenge_page_shows_all_its_fields(client, councils):
    leeds = councils["Leeds"]
    challenge = make.challenge(leeds, "Missed bin collections")
    answer = make.case_study(councils["Southwark"], "Bin alerts in Southwark", challenge=challenge)

    html = client.get(challenge.url).content.decode()

    assert html.count("<h1") == 1
    for text in (
        "Missed bin collections",
        "Missed bin collections: residents report them too late.",
        "<strong>two days</strong>",  # problem statement, rendered Markdown
        "Households on bin rounds.",
        "<li>Same-day alerts</li>",
        "Open",
        "Waste and recycling",
        leeds.title,
        "bins",
        answer.title,
        f'Last confirmed: <time datetime="{timezone.localdate():%Y-%m-%d}"',
    ):
        assert text in html, text


@pytest.mark.django_db
def test_case_study_page_shows_impact_evidence_partners_outputs_and_challenge(client, councils):
    challenge = make.challenge(councils["Leeds"], "Missed bin collections")
    study = make.case_study(
        councils["Leeds"],
        "Text alerts for missed bins",
        partner_councils=[councils["Cardiff"]],
        challenge=challenge,
        also_mentioned="In-house digital team",
    )
    pattern = make.pattern("Tell residents", evidence=[study])

    html = client.get(study.url).content.decode()

    assert html.count("<h1") == 1
    for text in (
        "Impact in numbers",
        "£84,000",
        "3,100",
        "120,000",
        "Independently evaluated",
        "Live",
        councils["Cardiff"].title,
        "Started October 2024, ended June 2025",
        "£68,000",
        "Also mentioned",
        "In-house digital team",
        "https://example.org/reason-codes",
        "OGL v3.0",
        "Missed bin collections",
        "Late reports of missed bins.",
        "Crews record reasons on tablets.",
        "41% fewer calls.",
        "Keep the buttons simple.",
        "notifications",
        pattern.title,
        "Last confirmed:",
    ):
        assert text in html, text


@pytest.mark.django_db
def test_case_study_hides_links_to_draft_and_private_pages(client, councils):
    from wagtail.models import PageViewRestriction

    draft_challenge = make.challenge(councils["Leeds"], "Secret draft challenge", state="draft")
    private_partner = councils["Cardiff"]
    PageViewRestriction.objects.create(page=private_partner, restriction_type=PageViewRestriction.LOGIN)
    study = make.case_study(
        councils["Leeds"], "Public study", partner_councils=[private_partner], challenge=draft_challenge
    )

    html = client.get(study.url).content.decode()

    assert "Secret draft challenge" not in html
    assert private_partner.title not in html


@pytest.mark.django_db
def test_case_study_without_figures_says_so(client, councils):
    study = make.case_study(
        councils["Leeds"], "No numbers", money_saved_per_year=None, staff_hours_saved_per_year=None,
        residents_reached=None,
    )  # fmt: skip
    html = client.get(study.url).content.decode()
    assert "No figures have been published for this work yet." in html
