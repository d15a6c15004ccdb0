"""The "Import content" admin screen: upload a CSV or JSON Lines file, check it (a dry run), then confirm.

Registered by importing/wagtail_hooks.py. Who may import what is Wagtail's page permissions: a council's editors
publish under their own council only, so a line for another council is refused with its number, and nothing is
imported while any line is refused. The checked file waits in a private temporary folder, named by a random token
kept in the uploader's session, until they confirm. Every confirmed file is imported by the background worker
(importing/tasks.py), which checks it again and imports it in one transaction, while the uploader
watches its progress page (importing/status.py).
"""

from __future__ import annotations

import json
import secrets
import tempfile
import time
from pathlib import Path
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import path as url_path
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from wagtail.admin.auth import require_admin_access
from wagtail.models import Page

from importing.fields import FORMATS
from importing.parsing import CSV_EXTENSIONS, JSONL_EXTENSIONS, MAX_FILE_BYTES, MAX_RECORDS, read_text
from importing.services import ImportResult, UnsupportedFile, import_file
from importing.status import ImportStatus, Receipt, import_status
from importing.tasks import import_checked_file
from importing.template import csv_template, json_schema

SESSION_KEY = "content_import"
TEMPLATE = "importing/admin/import_content.html"
PROGRESS_TEMPLATE = "importing/admin/import_progress.html"
UPLOADS = Path(tempfile.gettempdir()) / "content-imports"
KEEP_CHECKED_SECONDS = 24 * 3600  # a checked file not confirmed within a day is removed


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Upload a file",
        help_text=f"A .csv or .jsonl (JSON Lines) file, up to {MAX_FILE_BYTES // (1024 * 1024)} MB "
        f"and {MAX_RECORDS:,} records.",
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        suffix = Path(upload.name).suffix.lower()
        if suffix not in (*CSV_EXTENSIONS, *JSONL_EXTENSIONS):
            raise ValidationError("The file must be a .csv or .jsonl (JSON Lines) file")
        if upload.size > MAX_FILE_BYTES:
            raise ValidationError(
                f"The file must be smaller than {MAX_FILE_BYTES // (1024 * 1024)} MB: split it into smaller files"
            )
        return upload


def _context(request: HttpRequest, **extra: Any) -> dict[str, Any]:
    return {
        "page_title": "Import content",
        "header_icon": "upload",
        "formats": FORMATS.values(),
        **extra,
    }


def _stored(request: HttpRequest) -> Path | None:
    """The file this person checked last, if they are confirming that one (the token must match)."""
    kept = request.session.get(SESSION_KEY) or {}
    token, suffix = kept.get("token", ""), kept.get("suffix", "")
    if not token or request.POST.get("token") != token or suffix not in (*CSV_EXTENSIONS, *JSONL_EXTENSIONS):
        return None
    path = UPLOADS / f"{token}{suffix}"
    return path if path.is_file() else None


def _unnamed(error: Exception, path: Path) -> str:
    """The message without the stored file's name, a token that means nothing to the uploader."""
    return str(error).replace(f"'{path.name}'", "the file")


def _remove_stale(request: HttpRequest) -> None:
    """This person's previous checked file, and anyone's left unconfirmed for a day."""
    kept = request.session.pop(SESSION_KEY, None) or {}
    if kept.get("token") and kept.get("suffix") in (*CSV_EXTENSIONS, *JSONL_EXTENSIONS):
        (UPLOADS / f"{kept['token']}{kept['suffix']}").unlink(missing_ok=True)
    cutoff = time.time() - KEEP_CHECKED_SECONDS
    for old in UPLOADS.iterdir():
        if old.is_file() and old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)


def _preview(result: ImportResult) -> list[dict[str, Any]]:
    councils = dict(Page.objects.filter(pk__in={r.council_id for r in result.valid}).values_list("pk", "title"))
    return [
        {
            "line": record.line,
            "kind": record.label,
            "title": record.title,
            "where": councils.get(record.council_id, "") if record.council_id else "Patterns",
        }
        for record in result.valid
    ]


@require_admin_access
def import_content(request: HttpRequest) -> HttpResponse:
    """GET: the form. POST: check the uploaded file without writing anything, and show what would happen."""
    if request.method != "POST":
        return render(request, TEMPLATE, _context(request, form=UploadForm()))
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, TEMPLATE, _context(request, form=form), status=400)
    upload = form.cleaned_data["file"]
    token, suffix = secrets.token_hex(16), Path(upload.name).suffix.lower()
    UPLOADS.mkdir(mode=0o700, exist_ok=True)
    _remove_stale(request)
    path = UPLOADS / f"{token}{suffix}"
    with path.open("wb") as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
    try:
        result = import_file(path, user=request.user, dry_run=True)
    except UnsupportedFile as exc:
        path.unlink(missing_ok=True)
        form.add_error("file", _unnamed(exc, path))
        return render(request, TEMPLATE, _context(request, form=form), status=400)
    if result.rejected or not result.valid:
        path.unlink(missing_ok=True)
    else:
        request.session[SESSION_KEY] = {
            "token": token,
            "suffix": suffix,
            "name": upload.name,
            "records": len(result.valid),
        }
    context = _context(
        request,
        form=UploadForm(),
        checked=upload.name,
        result=result,
        preview=_preview(result),
        token=token if result.valid and not result.rejected else "",
    )
    return render(request, TEMPLATE, context, status=400 if result.rejected else 200)


@require_admin_access
@require_POST
def confirm_import(request: HttpRequest) -> HttpResponse:
    """Queue the checked file for the background worker, and send the uploader to its progress page."""
    path = _stored(request)
    if path is None:
        message = "There is no checked file to import: upload it again"
        return render(request, TEMPLATE, _context(request, form=UploadForm(), problem=message), status=400)
    kept = request.session.pop(SESSION_KEY)
    try:
        text = read_text(path)
    except UnsupportedFile as exc:  # only if the checked file was changed on disk since
        problem = f"Nothing imported: {_unnamed(exc, path)}"
        return render(request, TEMPLATE, _context(request, form=UploadForm(), problem=problem), status=400)
    finally:
        path.unlink(missing_ok=True)
    name, user_id = kept.get("name", path.name), int(request.user.pk or 0)  # admin access: signed in
    queued = import_checked_file.enqueue(user_id=user_id, name=name, text=text)
    receipt = Receipt(str(queued.id), user_id, name, kept.get("records", 0))
    return redirect("import_content_progress", token=receipt.token())


def _status(request: HttpRequest, token: str) -> ImportStatus:
    """The import the token names, if it is this person's: anyone else, and any token this site did not sign, gets
    "not found", so a token says nothing about imports that are not yours."""
    receipt = Receipt.redeem(token, request.user.pk)
    status = import_status(receipt) if receipt else None
    if status is None:
        raise Http404("No such import")
    return status


@require_admin_access
@require_GET
@never_cache
def import_progress(request: HttpRequest, token: str) -> HttpResponse:
    """How far the import has got (the page asks again by itself with JavaScript, or by its link), then its outcome."""
    status = _status(request, token)
    pages = Page.objects.in_bulk([pk for _, pk in status.created])
    created = [{"line": line, "page": pages[pk]} for line, pk in status.created if pk in pages]
    context = _context(request, status=status, created=created, token=token)
    return render(request, PROGRESS_TEMPLATE, context)


@require_admin_access
@require_GET
@never_cache
def import_progress_status(request: HttpRequest, token: str) -> JsonResponse:
    return JsonResponse(_status(request, token).as_json())


@require_admin_access
def download_template(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(csv_template(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="content-import-template.csv"'
    return response


@require_admin_access
def download_schema(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(json.dumps(json_schema(), indent=2), content_type="application/schema+json")
    response["Content-Disposition"] = 'attachment; filename="content-import.schema.json"'
    return response


ADMIN_URLS = [
    url_path("import-content/", import_content, name="import_content"),
    url_path("import-content/confirm/", confirm_import, name="import_content_confirm"),
    url_path("import-content/imports/<str:token>/", import_progress, name="import_content_progress"),
    url_path("import-content/imports/<str:token>/status.json", import_progress_status, name="import_content_status"),
    url_path("import-content/template.csv", download_template, name="import_content_template"),
    url_path("import-content/schema.json", download_schema, name="import_content_schema"),
]
