"""Admin: the concluded-experiment prompt for curators, read-only adoption records, memberships for site admins."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.urls import NoReverseMatch, reverse

from experiments.models import ExperimentStatus
from patterns.models import AdoptionRecord, AdoptionStatus
from tests.factories import open_content as content

from .conftest import make_user


def test_curators_are_prompted_for_case_studies_of_their_concluded_experiments(
    client, yorkshire_centre, yorkshire_curator, leeds
):
    done = content.experiment(yorkshire_centre, "Finished without write-up", status=ExperimentStatus.CONCLUDED)
    content.experiment(yorkshire_centre, "Still running", status=ExperimentStatus.RUNNING)
    written = content.experiment(yorkshire_centre, "Finished with write-up", status=ExperimentStatus.CONCLUDED)
    written.case_study = content.case_study(leeds, "The write-up")
    written.save_revision().publish()
    other_centre = content.centre("Wales centre", ["Wales"])
    content.experiment(other_centre, "Another centre's experiment", status=ExperimentStatus.CONCLUDED)

    client.force_login(yorkshire_curator)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Concluded experiments without a case study" in dashboard
    assert "Finished without write-up" in dashboard
    for absent in ("Still running", "Finished with write-up", "Another centre&#x27;s experiment"):
        assert absent not in dashboard
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[done.pk])).content.decode()
    assert "This experiment has concluded. Link the case study" in edit


def test_adoption_records_are_read_only_in_the_admin(client, pattern, leeds):
    record = AdoptionRecord.objects.create(
        pattern=pattern, council=leeds, status=AdoptionStatus.ADOPTED, status_date="2026-01-01"
    )
    admin = User.objects.create_superuser("root", "root@example.gov.uk", "pw")
    client.force_login(admin)
    listing = client.get(reverse("adoption_records:index"))
    assert listing.status_code == 200 and "Leeds City Council" in listing.content.decode()
    assert client.get(reverse("adoption_records:inspect", args=[record.pk])).status_code == 200
    for name in ("adoption_records:edit", "adoption_records:delete"):
        assert client.post(reverse(name, args=[record.pk]), {"status": "compliant"}).status_code in (302, 403)
    with pytest.raises(NoReverseMatch):
        reverse("adoption_records:copy", args=[record.pk])
    record.refresh_from_db()
    assert record.status == AdoptionStatus.ADOPTED


def test_memberships_admin_is_for_site_admins(client, leeds, leeds_editor):
    client.force_login(leeds_editor)
    assert client.get(reverse("council_memberships:index")).status_code in (302, 403)
    admin = make_user("root", is_superuser=True, is_staff=True)
    client.force_login(admin)
    assert client.get(reverse("council_memberships:index")).status_code == 200


def test_pattern_editors_maintain_the_checklist_and_curators_feature_collections(client, pattern, yorkshire_centre):
    admin = make_user("root", is_superuser=True, is_staff=True)
    client.force_login(admin)
    pattern_form = client.get(reverse("wagtailadmin_pages:edit", args=[pattern.pk])).content.decode()
    assert "Compliance checklist" in pattern_form and "Uses the open waste API" in pattern_form
    collection = content.collection(yorkshire_centre, "Bins collection", [])
    collection_form = client.get(reverse("wagtailadmin_pages:edit", args=[collection.pk])).content.decode()
    assert 'name="featured"' in collection_form
