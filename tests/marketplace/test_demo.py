"""The marketplace demo step gives every view data, and running it again changes nothing."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from demo import STEPS
from demo import marketplace as demo_step
from demo.base import DemoContext
from marketplace.models import BuyingGroup, CouncilSystem, Product
from sandbox_site.site_tree import ensure_site_tree

pytestmark = pytest.mark.django_db


def test_demo_builds_registers_products_and_buying_groups_idempotently():
    assert "demo.marketplace" in STEPS
    call_command("sync_councils", stdout=StringIO())
    demo = DemoContext(home=ensure_site_tree(), write=lambda _: None)
    demo_step.run(demo)
    systems = CouncilSystem.objects.all()
    assert systems.values("council").distinct().count() >= 40
    assert systems.values("service_area").distinct().count() >= 6
    assert Product.objects.filter(open_apis=True).exists() and Product.objects.filter(open_apis=False).exists()
    today = timezone.localdate()
    ends = sorted(systems.values_list("contract_end", flat=True))
    assert ends[0] > today and ends[-1] <= today + datetime.timedelta(days=3 * 366)
    assert ends[-1] - ends[0] > datetime.timedelta(days=2 * 365)  # spread across the next three years
    assert BuyingGroup.objects.count() >= 2
    assert all(group.members.count() >= 2 for group in BuyingGroup.objects.all())

    counts = (systems.count(), Product.objects.count(), BuyingGroup.objects.count())
    demo_step.run(demo)
    assert (CouncilSystem.objects.count(), Product.objects.count(), BuyingGroup.objects.count()) == counts
