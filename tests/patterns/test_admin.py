"""Admin: read-only adoption records; pattern editors keep the checklist and curators feature collections."""

from __future__ import annotations

import pytest
from django.urls import NoReverseMatch, reverse

from patterns.models import AdoptionRecord, AdoptionStatus
from tests.factories import content as make
from tests.factories.people import make_user


def test_adoption_records_are_read_only_in_the_admin(client, pattern, leeds, superuser):
    record = AdoptionRecord.objects.create(
        pattern=pattern, council=leeds, status=AdoptionStatus.ADOPTED, status_date="2026-01-01"
    )
    client.force_login(superuser)
    listing = client.get(reverse("adoption_records:index"))
    assert listing.status_code == 200 and "Leeds City Council" in listing.content.decode()
    assert client.get(reverse("adoption_records:inspect", args=[record.pk])).status_code == 200
    for name in ("adoption_records:edit", "adoption_records:delete"):
        assert client.post(reverse(name, args=[record.pk]), {"status": "compliant"}).status_code in (302, 403)
    with pytest.raises(NoReverseMatch):
        reverse("adoption_records:copy", args=[record.pk])
    record.refresh_from_db()
    assert record.status == AdoptionStatus.ADOPTED


def test_pattern_editors_maintain_the_checklist_and_curators_feature_collections(client, pattern, yorkshire_centre):
    admin = make_user("root", is_superuser=True, is_staff=True)
    client.force_login(admin)
    pattern_form = client.get(reverse("wagtailadmin_pages:edit", args=[pattern.pk])).content.decode()
    assert "Compliance checklist" in pattern_form and "Uses the open waste API" in pattern_form
    collection = make.collection(yorkshire_centre, "Bins collection", [])
    collection_form = client.get(reverse("wagtailadmin_pages:edit", args=[collection.pk])).content.decode()
    assert 'name="featured"' in collection_form
