"""A confirmed import runs on the background worker: its uploader watches "N of M records imported" rise on a
progress page (and its JSON status), then sees the pages created, or why nothing was imported."""

from __future__ import annotations

import contextlib
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult
from wagtail.signals import page_published

from challenges.models import CaseStudyPage, ChallengePage
from councils.services import ensure_editors_group
from importing.progress import published_so_far, record_published
from importing.status import SALT, Receipt
from importing.tasks import import_checked_file
from importing.views import UPLOADS
from sandbox_site.settings import base as base_settings
from tests.factories import content as make

pytestmark = pytest.mark.django_db
URL = "/admin/import-content/"
CONFIRM = URL + "confirm/"
ROWS = (
    "kind,title,summary,body,council,stage\n"
    "challenge,Missed bins in narrow streets,Lorries cannot turn.,The problem.,Leeds,open\n"
    "case_study,Bin sensor pilot,Sensors on bins.,We fitted sensors.,Leeds,beta\n"
    "challenge,Fly-tipping hot spots,Rubbish left in lanes.,The problem.,Leeds,open\n"
)


def _editor(username: str, council: Any) -> Any:
    user = get_user_model().objects.create_user(username, password="x")
    user.groups.add(ensure_editors_group(council))
    return user


def _confirm(client: Any, text: str = ROWS, name: str = "content.csv") -> str:
    """Check the file, confirm it, and return the address of its progress page."""
    checked = client.post(URL, {"file": SimpleUploadedFile(name, text.encode())})
    assert checked.status_code == 200, checked.context["result"].rejected
    confirmed = client.post(CONFIRM, {"token": checked.context["token"]})
    assert confirmed.status_code == 302
    return confirmed["Location"]


@pytest.fixture
def on_publish() -> Any:
    """Call a function each time the import publishes a page: inside the import's open transaction."""
    calls: list[Any] = []

    def receiver(**kwargs: Any) -> None:
        for call in calls:
            call()

    page_published.connect(receiver, weak=False, dispatch_uid="test_import_progress")
    yield calls.append
    page_published.disconnect(dispatch_uid="test_import_progress")


def test_the_count_rises_while_the_worker_imports_then_the_pages_show(client, councils, run_tasks, on_publish):
    client.force_login(_editor("leeds-editor", councils["Leeds"]))
    progress = _confirm(client)
    status = progress + "status.json"

    waiting = client.get(status)
    assert waiting.status_code == 200 and "no-cache" in waiting["Cache-Control"]
    assert waiting.json() == {
        "state": "waiting",
        "published": 0,
        "records": 3,
        "finished": False,
        "message": "Waiting to start: 0 of 3 records imported",
    }
    seen: list[tuple[str, int, str]] = []
    pages: list[str] = []

    def look() -> None:
        answer = client.get(status).json()
        seen.append((answer["state"], answer["published"], answer["message"]))
        pages.append(client.get(progress).content.decode())

    on_publish(look)
    assert run_tasks() == 1

    # Each page is published inside the one transaction; the count of those before it is already visible.
    assert seen == [
        ("importing", 0, "0 of 3 records imported"),
        ("importing", 1, "1 of 3 records imported"),
        ("importing", 2, "2 of 3 records imported"),
    ]
    assert 'aria-live="polite"' in pages[2] and '<progress id="import-progress-bar" max="3" value="2"' in pages[2]
    assert client.get(status).json() == {
        "state": "imported",
        "published": 3,
        "records": 3,
        "finished": True,
        "message": "Imported 3 records from content.csv",
    }
    done = client.get(progress)
    html = done.content.decode()
    assert "Imported 3 records from content.csv. Each page is published." in html
    assert [(row["line"], row["page"].title) for row in done.context["created"]] == [
        (2, "Missed bins in narrow streets"),
        (3, "Bin sensor pilot"),
        (4, "Fly-tipping hot spots"),
    ]
    assert ChallengePage.objects.live().count() == 2 and CaseStudyPage.objects.live().count() == 1
    assert "import-progress.js" not in html  # nothing left to ask about


def test_the_progress_page_works_without_javascript_and_asks_again_with_it(client, councils):
    client.force_login(_editor("leeds-editor", councils["Leeds"]))
    progress = _confirm(client)

    html = client.get(progress).content.decode()

    # Without JavaScript: a link to the page itself (no automatic refresh, which WCAG 2.2.1 rules out).
    assert f'<a href="{progress}" id="import-progress-refresh">Check progress</a>' in html
    assert 'http-equiv="refresh"' not in html
    # With it: the script, served from this site, polls the status address and writes to the live region.
    assert '<script src="/static/js/import-progress.js" defer></script>' in html
    assert f'data-status-url="{progress}status.json"' in html
    assert '<p id="import-progress-message" aria-live="polite" data-import-progress-message>' in html


def test_a_file_no_longer_valid_when_the_worker_checks_it_imports_nothing(client, councils, run_tasks):
    client.force_login(_editor("leeds-editor", councils["Leeds"]))
    checked = client.post(URL, {"file": SimpleUploadedFile("content.csv", ROWS.encode())})
    # Between the check and the import, someone publishes a page at the address the third line wants.
    make.challenge(councils["Leeds"], "Fly-tipping hot spots", slug="fly-tipping-hot-spots")
    progress = client.post(CONFIRM, {"token": checked.context["token"]})["Location"]

    assert run_tasks() == 1

    outcome = client.get(progress)
    html = outcome.content.decode()
    assert outcome.status_code == 200
    assert "Nothing was imported from content.csv." in html
    assert [problem.split(" exists")[0] for problem in outcome.context["status"].problems] == [
        "Line 4: a page called 'Fly-tipping hot spots' already"
    ]
    assert "Line 4: a page called &#x27;Fly-tipping hot spots&#x27; already exists" in html
    assert client.get(progress + "status.json").json()["state"] == "not imported"
    assert ChallengePage.objects.count() == 1 and not CaseStudyPage.objects.exists()


def test_a_failure_part_way_rolls_every_page_back(client, councils, run_tasks, on_publish):
    client.force_login(_editor("leeds-editor", councils["Leeds"]))
    progress = _confirm(client)
    published: list[int] = []

    def fail_on_the_second() -> None:
        published.append(1)
        if len(published) == 2:
            raise RuntimeError("the database went away")

    on_publish(fail_on_the_second)
    run_tasks()

    html = client.get(progress).content.decode()
    assert "Nothing was imported from content.csv." in html
    assert "Something went wrong on the site while importing" in html
    assert not ChallengePage.objects.exists() and not CaseStudyPage.objects.exists()
    assert client.get(progress + "status.json").json()["finished"] is True


def test_a_user_removed_before_the_worker_runs_imports_nothing(client, councils, run_tasks):
    editor = _editor("leeds-editor", councils["Leeds"])
    client.force_login(editor)
    progress = _confirm(client)
    receipt = Receipt.redeem(progress.split("/")[-2], editor.pk)
    assert receipt is not None
    get_user_model().objects.filter(pk=editor.pk).delete()

    run_tasks()

    outcome = DBTaskResult.objects.get(pk=receipt.task_id).return_value
    assert outcome["created"] == [] and "does not exist" in outcome["problems"][0]
    assert not ChallengePage.objects.exists()


def test_an_unreadable_file_reaching_the_worker_imports_nothing(councils, run_tasks, superuser):
    queued = import_checked_file.enqueue(user_id=superuser.pk, name="notes.txt", text="kind,title\n")

    run_tasks()

    assert DBTaskResult.objects.get(pk=queued.id).return_value == {
        "created": [],
        "problems": ["Cannot read 'notes.txt': use a .jsonl (JSON Lines) or .csv file"],
    }


def test_only_the_uploader_sees_their_import(client, councils, run_tasks, superuser):
    client.force_login(_editor("leeds-editor", councils["Leeds"]))
    progress = _confirm(client)
    run_tasks()

    for someone in (_editor("other-leeds-editor", councils["Leeds"]), superuser):
        client.force_login(someone)
        assert client.get(progress).status_code == 404
        assert client.get(progress + "status.json").status_code == 404
    client.logout()
    for address in (progress, progress + "status.json"):
        signed_out = client.get(address)
        assert signed_out.status_code == 302 and "/admin/login/" in signed_out["Location"]


def test_bad_tokens_are_not_found(client, councils):
    editor = _editor("leeds-editor", councils["Leeds"])
    client.force_login(editor)
    good = _confirm(client).split("/")[-2]
    receipt = Receipt.redeem(good, editor.pk)
    assert receipt is not None
    forged = signing.dumps([receipt.task_id, editor.pk, "content.csv", 3], salt="another purpose")
    malformed = signing.dumps({"task": receipt.task_id}, salt=SALT)
    DBTaskResult.objects.filter(pk=receipt.task_id).delete()  # results are pruned after a while

    tampered = good[:-1] + ("A" if good[-1] != "A" else "B")
    for token in ("nonsense", tampered, forged, malformed, good, "x" * 5000):
        for address in (f"{URL}imports/{token}/", f"{URL}imports/{token}/status.json"):
            assert client.get(address).status_code == 404, (token, address)
    assert client.post(f"{URL}imports/{good}/status.json").status_code == 405


def test_a_checked_file_changed_on_disk_is_not_queued(client, councils, run_tasks):
    client.force_login(_editor("leeds-editor", councils["Leeds"]))
    checked = client.post(URL, {"file": SimpleUploadedFile("content.csv", ROWS.encode())})
    token = checked.context["token"]
    (UPLOADS / f"{token}.csv").write_bytes("kind,title\nchallenge,Caf\xe9\n".encode("latin-1"))

    refused = client.post(CONFIRM, {"token": token})

    assert refused.status_code == 400
    assert "Nothing imported: Cannot read the file: save it as UTF-8 text" in refused.content.decode()
    assert run_tasks() == 0 and not list(UPLOADS.glob(f"{token}.*"))


def test_the_count_is_kept_outside_the_database_transaction(db):
    with contextlib.suppress(RuntimeError), transaction.atomic():
        record_published("a-task", 3)
        raise RuntimeError("rolls the transaction back")

    # A row written in the rolled-back transaction would be gone; until the commit, the web would not see it either.
    with CaptureQueriesContext(connection) as queries:
        assert published_so_far("a-task") == 3
    assert not queries.captured_queries
    assert published_so_far("another-task") == 0


def test_outside_tests_every_process_shares_the_count():
    # The worker and the web server are separate processes: memory local to one would hide the count.
    assert base_settings.CACHES["imports"]["BACKEND"] in (
        "django.core.cache.backends.filebased.FileBasedCache",
        "django.core.cache.backends.redis.RedisCache",
    )


class _Unreachable:
    def set(self, *args: Any) -> None:
        raise ConnectionError("Redis is down")

    def get(self, *args: Any) -> None:
        raise ConnectionError("Redis is down")


def test_an_unreachable_cache_costs_the_count_never_the_import(monkeypatch, caplog):
    monkeypatch.setattr("importing.progress.caches", {"imports": _Unreachable()})

    record_published("a-task", 1)  # no exception: the import goes on

    assert published_so_far("a-task") == 0
    assert [r.getMessage() for r in caplog.records] == [
        "Import progress not recorded: Redis is down",
        "Import progress unavailable: Redis is down",
    ]
