"""Local sign-ins from `load_demo`: created only when DEBUG is on."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Page

from demo import accounts
from demo.base import DemoContext
from experiments.models import RegionalCentreIndexPage, RegionalCentrePage


@pytest.mark.django_db
def test_debug_creates_local_sign_ins_in_the_right_groups(councils, settings):
    settings.DEBUG = True
    centre = RegionalCentrePage(title="North of England Centre for Service Innovation", slug="north", summary="x")
    RegionalCentreIndexPage.objects.get().add_child(instance=centre)
    out: list[str] = []
    accounts.run(DemoContext(home=Page.objects.get(depth=2), write=out.append, debug=True))
    users = get_user_model().objects
    assert users.get(username="admin").is_superuser
    assert users.get(username="admin").check_password("admin")
    leeds_editor = users.get(username="leeds-editor")
    assert leeds_editor.groups.filter(name__contains=councils["Leeds"].gss_code).exists()
    assert users.get(username="north-curator").groups.filter(name__contains="North of England").exists()
    assert any("leeds-editor / leeds-editor" in line for line in out)
