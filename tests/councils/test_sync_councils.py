from io import StringIO

import pytest
from django.core.management import call_command

from councils.models import CouncilPage, Region, ServiceArea

HEADER = (
    "name,short_name,gss_code,local_authority_code,region,council_type,nation,county_council_code,"
    "combined_authority_code,source_type_label\n"
)


def leeds_csv(path, name: str):
    """A one-council file: Leeds under the given name (the same GSS code as the reference data)."""
    row = f"{name},Leeds,E08000035,LDS,Yorkshire and The Humber,metropolitan district,England,,WYCA,x\n"
    path.write_text(HEADER + row)
    return path


@pytest.mark.django_db
def test_sync_councils_loads_every_council_and_is_idempotent():
    call_command("sync_councils", stdout=StringIO())
    assert CouncilPage.objects.count() == 397
    assert Region.objects.count() == 12
    assert ServiceArea.objects.count() == 18

    out = StringIO()
    call_command("sync_councils", stdout=out)
    assert CouncilPage.objects.count() == 397
    assert "0 created, 0 updated, 397 unchanged" in out.getvalue()


@pytest.mark.django_db
def test_sync_updates_by_gss_code_and_keeps_content(councils, tmp_path):
    leeds = councils["Leeds"]
    leeds.website = "https://www.leeds.gov.uk"
    leeds.save()
    renamed = leeds_csv(tmp_path / "councils.csv", "Leeds Metropolitan Council")
    call_command("sync_councils", file=renamed, stdout=StringIO())
    leeds.refresh_from_db()
    assert leeds.title == "Leeds Metropolitan Council"
    assert leeds.website == "https://www.leeds.gov.uk"
    assert CouncilPage.objects.filter(gss_code="E06000023").exists()  # absent from the file, not deleted


@pytest.mark.django_db
def test_synced_councils_reach_search_without_a_reindex(home, django_capture_on_commit_callbacks, tmp_path):
    from search.engines import get_engine
    from search.types import SearchQuery

    csv_file = leeds_csv(tmp_path / "councils.csv", "Leeds City Council")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("sync_councils", file=csv_file, stdout=StringIO())
    assert [hit.title for hit in get_engine().search(SearchQuery(text="Leeds")).hits] == ["Leeds City Council"]

    leeds_csv(csv_file, "Leeds Metropolitan Council")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("sync_councils", file=csv_file, stdout=StringIO())
    assert [hit.title for hit in get_engine().search(SearchQuery(text="Leeds")).hits] == ["Leeds Metropolitan Council"]


@pytest.mark.django_db
def test_a_re_sync_takes_a_fixed_number_of_queries_and_keeps_every_editors_grant(django_assert_max_num_queries):
    from django.contrib.auth.models import Group
    from wagtail.models import GroupPagePermission

    call_command("sync_councils", stdout=StringIO())
    editors = GroupPagePermission.objects.filter(group__name__startswith="Council editors: ")
    grants = editors.count()
    # No per-row queries when nothing changed (before: about ten per council, over 4,000 in all).
    with django_assert_max_num_queries(40):
        call_command("sync_councils", stdout=StringIO())
    assert editors.count() == grants == 397 * 3
    leeds = CouncilPage.objects.get(gss_code="E08000035")
    group = Group.objects.get(name="Council editors: Leeds City Council (E08000035)")
    assert group.permissions.filter(codename="access_admin").exists()
    assert set(GroupPagePermission.objects.filter(group=group).values_list("page_id", "permission__codename")) == {
        (leeds.pk, "add_page"),
        (leeds.pk, "change_page"),
        (leeds.pk, "publish_page"),
    }


@pytest.mark.django_db
def test_renaming_a_council_renames_its_editors_group(councils, tmp_path):
    from django.contrib.auth.models import Group

    from councils.services import ensure_editors_group

    group = ensure_editors_group(councils["Leeds"])
    renamed = leeds_csv(tmp_path / "councils.csv", "Leeds Metropolitan Council")
    call_command("sync_councils", file=renamed, stdout=StringIO())
    group.refresh_from_db()
    assert group.name == "Council editors: Leeds Metropolitan Council (E08000035)"
    assert Group.objects.filter(name__startswith="Council editors: Leeds").count() == 1
