"""Editors choose many councils from a list they can narrow by name, and find a council in the admin by name."""

from __future__ import annotations

import re

import pytest

from councils.models import CouncilIndexPage
from tests.factories import content as make

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, superuser, councils):
    client.force_login(superuser)
    return client


def test_partner_and_participating_councils_are_chosen_from_a_list_narrowed_by_name(admin_client, councils):
    study = make.case_study(councils["Leeds"], "Sensors in bins")
    experiment = make.experiment(make.centre(), "Smart bins trial")
    for page, field in ((study, "partner_councils"), (experiment, "participating_councils")):
        html = admin_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
        chooser = html.split("data-councils-chooser>", 1)[1].split('<div class="councils-chooser__list">', 1)
        assert 'label class="w-field__label" for="id_' + field + '-find">Find a council</label>' in chooser[0]
        boxes = re.findall(rf'<input type="checkbox" name="{field}" value="(\d+)"', chooser[1])
        assert len(boxes) == len(councils)  # every council, still usable without JavaScript
        assert "/static/js/councils-chooser.js" in html and "/static/css/councils-chooser.css" in html


def test_the_councils_listing_in_the_admin_finds_a_council_by_name(admin_client, councils):
    index = CouncilIndexPage.objects.get()
    html = admin_client.get(f"/admin/pages/{index.pk}/", {"q": "Leeds"}).content.decode()
    assert "Leeds City Council" in html
    assert "Bristol" not in html.split("<main", 1)[1]
