"""Shared fixtures: the site tree, reference data and a handful of real councils."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from councils import services as council_services
from councils.models import CouncilIndexPage, CouncilPage
from patterns.models import PatternCriterion
from sandbox_site.models import HomePage
from sandbox_site.site_tree import ensure_site_tree
from search.models import IndexChange
from tests.factories import content as make
from tests.factories.people import curator_of, editor_of, make_user, member_of
from tests.mailserver import MailServer

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


def _due_task() -> DBTaskResult | None:
    # ready() compares run_after with the time it is called: ask again each time.
    return DBTaskResult.objects.ready().filter(backend_name=settings.BACKGROUND_TASK_BACKEND).first()


@pytest.fixture
def run_tasks() -> Callable[[], int]:
    """Run the background tasks that are due, one at a time, through the worker's own code (claim, then run_task),
    on the real database backend. Returns how many ran. (tests/challenges/test_interest_notifications.py runs the
    whole worker loop too.)"""

    def run(limit: int = 100) -> int:
        worker = Worker(
            queue_names=["*"],
            interval=0,
            batch=True,
            backend_name=settings.BACKGROUND_TASK_BACKEND,
            startup_delay=False,
            max_tasks=None,
            worker_id="tests",
        )
        ran = 0
        while ran < limit and (result := _due_task()) is not None:
            result.claim(worker.worker_id)
            worker.run_task(result)
            ran += 1
        return ran

    return run


@pytest.fixture
def mail_server(settings: Any) -> Iterator[MailServer]:
    """Django's SMTP backend pointed at a local mail server that starts out down (see tests/mailserver.py)."""
    server = MailServer()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", server.port, 10
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    yield server
    server.stop()


@pytest.fixture
def leeds(councils: dict[str, CouncilPage]) -> CouncilPage:
    return councils["Leeds"]


@pytest.fixture
def bristol(councils: dict[str, CouncilPage]) -> CouncilPage:
    return councils["City of Bristol"]


@pytest.fixture
def southwark(councils: dict[str, CouncilPage]) -> CouncilPage:
    return councils["Southwark"]


@pytest.fixture
def leeds_editor(leeds: CouncilPage) -> User:
    return editor_of(leeds, "leeds-editor")


@pytest.fixture
def leeds_member(leeds: CouncilPage) -> User:
    return member_of(leeds, "leeds-member")


@pytest.fixture
def bristol_member(bristol: CouncilPage) -> User:
    return member_of(bristol, "bristol-member")


@pytest.fixture
def bristol_editor(bristol: CouncilPage) -> User:
    return editor_of(bristol, "bristol-editor")


@pytest.fixture
def outsider(db: Any) -> User:
    """Signed in, but belongs to no council."""
    return make_user("supplier")


@pytest.fixture
def superuser(db: Any) -> User:
    """A site administrator: every permission, on every council's pages."""
    return make_user("site-admin", is_staff=True, is_superuser=True)


@pytest.fixture
def challenge(leeds: CouncilPage) -> Any:
    return make.challenge(leeds, "Missed bin collections")


@pytest.fixture
def yorkshire_centre(home: Any) -> Any:
    return make.centre("Yorkshire centre for service innovation", ["Yorkshire and The Humber", "North East"])


@pytest.fixture
def yorkshire_curator(yorkshire_centre: Any) -> User:
    return curator_of(yorkshire_centre, "yorkshire-curator")


@pytest.fixture
def pattern(home: Any) -> Any:
    page = make.pattern("Report a missed bin")
    PatternCriterion.objects.create(pattern=page, text="Uses the open waste API", sort_order=0)
    PatternCriterion.objects.create(pattern=page, text="Tells residents when it will be collected", sort_order=1)
    return page
