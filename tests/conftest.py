"""Shared fixtures: the site tree, reference data and a handful of real councils."""

from __future__ import annotations

import pytest

from councils import services as council_services
from councils.models import CouncilIndexPage, CouncilPage
from sandbox_site.models import HomePage
from sandbox_site.site_tree import ensure_site_tree
from search.models import IndexChange

# A small, varied sample of the national list keeps tests fast (the full sync has its own test).
SAMPLE_GSS_CODES = (
    "E08000035",  # Leeds (metropolitan district, Yorkshire and The Humber)
    "E06000023",  # Bristol (unitary, South West)
    "E09000028",  # Southwark (London borough)
    "E10000003",  # Cambridgeshire (county, East of England)
    "W06000015",  # Cardiff (Wales)
    "S12000036",  # City of Edinburgh (Scotland)
)


@pytest.fixture
def home(db) -> HomePage:
    home = ensure_site_tree()
    council_services.sync_regions()
    council_services.sync_service_areas()
    return home


@pytest.fixture
def councils(home: HomePage) -> dict[str, CouncilPage]:
    """The sample councils, keyed by short name."""
    rows = [
        r
        for r in council_services.load_rows(council_services.DATA_DIR / "councils.csv")
        if r["gss_code"] in SAMPLE_GSS_CODES
    ]
    council_services.sync_councils(rows, CouncilIndexPage.objects.get())
    # sync_councils queues the new councils for indexing; tests that want councils in the index reindex
    # them explicitly, so counts in search tests cover only the content each test creates.
    IndexChange.objects.all().delete()
    return {c.short_name: c for c in CouncilPage.objects.all()}


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run on-commit callbacks (the index update) as a real commit would."""

    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run
