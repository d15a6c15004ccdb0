"""The "Import content" admin screen: a dry run first, then all-or-nothing on confirm, for your own council only.
(The background import and its progress page: test_import_progress.py.)"""

from __future__ import annotations

import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile

from challenges.models import CaseStudyPage, ChallengePage
from councils.services import ensure_editors_group
from importing.fields import ALL_FIELDS, FORMATS
from importing.views import UPLOADS
from patterns.models import PatternPage

pytestmark = pytest.mark.django_db
URL = "/admin/import-content/"
CONFIRM = "/admin/import-content/confirm/"

HEADER = "kind,title,summary,body,council,stage\n"
LEEDS_ROWS = (
    "challenge,Missed bins in narrow streets,Lorries cannot turn.,The problem.,Leeds,open\n"
    "case_study,Bin sensor pilot,Sensors on bins.,We fitted sensors.,Leeds,beta\n"
)


def _editor(username: str, council):
    user = get_user_model().objects.create_user(username, password="x")
    user.groups.add(ensure_editors_group(council))
    return user


def _upload(client, text: str, name: str = "content.csv"):
    return client.post(URL, {"file": SimpleUploadedFile(name, text.encode())})


def test_an_editor_checks_a_file_then_confirms_and_every_page_is_published(client, councils, run_tasks):
    client.force_login(_editor("leeds-editor", councils["Leeds"]))

    checked = _upload(client, HEADER + LEEDS_ROWS)

    assert checked.status_code == 200
    assert [(r["line"], r["title"], r["where"]) for r in checked.context["preview"]] == [
        (2, "Missed bins in narrow streets", "Leeds City Council"),
        (3, "Bin sensor pilot", "Leeds City Council"),
    ]
    assert "Import 2 pages" in checked.content.decode()
    assert not ChallengePage.objects.exists() and not CaseStudyPage.objects.exists()  # a dry run writes nothing

    confirmed = client.post(CONFIRM, {"token": checked.context["token"]})

    assert confirmed.status_code == 302
    assert "Waiting to start: 0 of 2 records imported" in client.get(confirmed["Location"]).content.decode()
    assert not ChallengePage.objects.exists()  # the worker imports it
    assert run_tasks() == 1
    done = client.get(confirmed["Location"])
    assert done.status_code == 200
    assert ChallengePage.objects.get().live and CaseStudyPage.objects.get().live
    assert "Imported 2 records from content.csv. Each page is published." in done.content.decode()
    assert [(row["line"], row["page"].title) for row in done.context["created"]] == [
        (2, "Missed bins in narrow streets"),
        (3, "Bin sensor pilot"),
    ]
    # The checked file is used once: confirming again imports nothing twice.
    again = client.post(CONFIRM, {"token": checked.context["token"]})
    assert again.status_code == 400 and run_tasks() == 0 and ChallengePage.objects.count() == 1


def test_a_council_editor_cannot_import_for_another_council(client, councils):
    client.force_login(_editor("leeds-editor", councils["Leeds"]))
    rows = LEEDS_ROWS + "challenge,Bristol potholes,Holes.,Potholes.,Bristol,open\n"

    checked = _upload(client, HEADER + rows)

    assert checked.status_code == 400
    html = checked.content.decode()
    assert "Line 4: you cannot publish pages for Bristol City Council" in html
    assert "Nothing can be imported" in html
    assert checked.context["token"] == "" and 'id="import-confirm"' not in html
    # Not even the Leeds lines are imported, and no confirm can be made without a checked file.
    assert client.post(CONFIRM, {"token": "0" * 32}).status_code == 400
    assert not ChallengePage.objects.exists() and not CaseStudyPage.objects.exists()


def test_a_council_editor_cannot_import_patterns(client, councils):
    client.force_login(_editor("leeds-editor", councils["Leeds"]))
    checked = _upload(client, "kind,title,summary,body\npattern,Report a missed bin,Tell us.,Ask for the address.\n")
    assert checked.status_code == 400
    assert "Line 2: you do not have permission to publish patterns" in checked.content.decode()
    assert not PatternPage.objects.exists()


def test_a_token_from_someone_elses_check_is_refused(client, councils, run_tasks):
    client.force_login(_editor("leeds-editor", councils["Leeds"]))
    token = _upload(client, HEADER + LEEDS_ROWS).context["token"]
    client.force_login(_editor("other-leeds-editor", councils["Leeds"]))

    assert client.post(CONFIRM, {"token": token}).status_code == 400
    assert run_tasks() == 0 and not ChallengePage.objects.exists()


def test_a_site_admin_imports_patterns_and_json_lines(client, councils, run_tasks, superuser):
    client.force_login(superuser)
    record = {
        "kind": "pattern",
        "title": "Report a missed bin",
        "summary": "Tell us.",
        "solution": "Ask.",
        "criteria": ["Asks for the address first"],
    }
    checked = _upload(client, json.dumps(record) + "\n", "patterns.jsonl")
    assert checked.status_code == 200
    client.post(CONFIRM, {"token": checked.context["token"]})
    run_tasks()
    pattern = PatternPage.objects.get()
    assert pattern.live and [c.text for c in pattern.criteria.all()] == ["Asks for the address first"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("content.txt", "anything", "must be a .csv or .jsonl"),
        ("content.csv", "", "The submitted file is empty"),
        ("latin.csv", "kind,title\nchallenge,Caf\xe9\n", "save it as UTF-8 text"),
    ],
)
def test_unreadable_files_get_a_clear_400(client, councils, name, content, message):
    client.force_login(_editor("leeds-editor", councils["Leeds"]))
    response = client.post(URL, {"file": SimpleUploadedFile(name, content.encode("latin-1"))})
    assert response.status_code == 400
    assert message in response.content.decode()


def test_the_menu_item_is_for_people_who_edit_a_council(client, councils):
    client.force_login(_editor("leeds-editor", councils["Leeds"]))
    assert URL in client.get("/admin/").content.decode()
    nobody = get_user_model().objects.create_user("no-council", password="x")
    nobody.groups.add(Group.objects.get(name="Editors"))  # Wagtail's own group: admin access, no council
    client.force_login(nobody)
    assert URL not in client.get("/admin/").content.decode()


def test_anonymous_visitors_are_sent_to_sign_in(client, councils):
    for url in (URL, CONFIRM, URL + "template.csv", URL + "schema.json"):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_the_csv_template_and_json_schema_come_from_the_format(client, councils):
    client.force_login(_editor("leeds-editor", councils["Leeds"]))

    template = client.get(URL + "template.csv")
    assert template.content.decode().strip() == ",".join(ALL_FIELDS)
    schema = json.loads(client.get(URL + "schema.json").content)

    by_kind = {s["properties"]["kind"]["const"]: s for s in schema["oneOf"]}
    assert set(by_kind) == set(FORMATS)
    for name, form in FORMATS.items():
        assert set(by_kind[name]["properties"]) == {f.name for f in form.fields}
        assert by_kind[name]["additionalProperties"] is False
    case_study = by_kind["case_study"]["properties"]
    assert case_study["summary"]["maxLength"] == CaseStudyPage._meta.get_field("summary").max_length
    assert "Independently evaluated" in case_study["evidence_strength"]["enum"]
    assert case_study["reusable_outputs"]["items"]["anyOf"][0]["required"] == ["title", "url"]
    also_mentioned = CaseStudyPage._meta.get_field("also_mentioned").max_length
    assert case_study["also_mentioned"]["anyOf"] == [
        {"type": "array", "items": {"type": "string"}},
        {"type": "string", "maxLength": also_mentioned},
    ]
    assert "also_mentioned" in ALL_FIELDS
    # A challenge's problem may come as body or problem_statement.
    assert {"anyOf": [{"required": ["problem_statement"]}, {"required": ["body"]}]} in by_kind["challenge"]["allOf"]


def test_a_new_check_replaces_the_last_unconfirmed_one(client, councils):
    client.force_login(_editor("leeds-editor", councils["Leeds"]))
    first = _upload(client, HEADER + LEEDS_ROWS).context["token"]
    second = _upload(client, HEADER + LEEDS_ROWS).context["token"]

    assert not list(UPLOADS.glob(f"{first}.*")) and list(UPLOADS.glob(f"{second}.*"))
    assert client.post(CONFIRM, {"token": first}).status_code == 400
    assert client.post(CONFIRM, {"token": second}).status_code == 302
    assert not list(UPLOADS.glob(f"{second}.*"))  # its text went with the task
