"""The Content-Security-Policy as Chromium enforces it: the site's pages, the Wagtail admin and the API docs
load with no CSP violation and no console error, and the API docs' Swagger UI comes from this site."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from playwright.sync_api import ConsoleMessage, Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "correct-horse-battery"
# Registered before any of the page's own scripts run: every violation of this document is recorded.
LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  const where = `${e.sourceFile}:${e.lineNumber}`;
  window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${where})`);
});
"""


class Watch:
    """CSP violations, console errors and requests to other hosts, per page visited."""

    def __init__(self, page: Page, site_url: str) -> None:
        self.page = page
        self.site_host = urlsplit(site_url).netloc
        self.problems: list[str] = []
        self.current = ""
        page.add_init_script(LISTEN)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"{self.current}: page error {error}"))
        page.on("request", self._request)

    def _console(self, message: ConsoleMessage) -> None:
        # Errors, and warnings about the policies (Chromium reports an unknown Permissions-Policy feature as one).
        if message.text.startswith("Failed to load resource") and self._expected_failure(message.location["url"]):
            return
        if message.type == "error" or re.search("Content.Security.Policy|Permissions.Policy", message.text):
            self.problems.append(f"{self.current}: console {message.type}: {message.text}")

    def _expected_failure(self, url: str) -> bool:
        """The 404 and 429 pages visited on purpose, and the favicon browsers ask for (the site has none)."""
        path = urlsplit(url).path
        return path == self.current.split("?")[0] or path == "/favicon.ico"

    def _request(self, request: Any) -> None:
        host = urlsplit(request.url).netloc
        if request.url.startswith("http") and host != self.site_host:
            self.problems.append(f"{self.current}: request to another host {request.url}")

    def visit(self, path: str, *, ready: str | None = None) -> None:
        self.current = path
        response = self.page.goto(f"http://{self.site_host}{path}")
        assert response is not None
        assert response.headers.get("content-security-policy"), f"{path} has no Content-Security-Policy"
        if ready:
            expect(self.page.locator(ready).first).to_be_visible()
        self.page.wait_for_load_state("networkidle")
        self.collect()

    def collect(self) -> None:
        for violation in self.page.evaluate("window.__cspViolations || []"):
            self.problems.append(f"{self.current}: CSP violation: {violation}")
        self.page.evaluate("window.__cspViolations = []")


@pytest.fixture
def editor(sample_site: dict[str, Any]) -> User:
    return User.objects.create_superuser("csp-admin", "csp-admin@example.gov.uk", PASSWORD)


def test_site_pages_pass_the_policy(page: Page, site_url: str, sample_site: dict[str, Any], screenshot: Any) -> None:
    watch = Watch(page, site_url)
    for path in [
        "/",
        sample_site["challenge"].url,
        sample_site["leeds_study"].url,
        sample_site["pattern"].url,
        sample_site["collection"].url,
        "/case-studies/",
        "/search/?q=bin+collections",
        "/marketplace/contracts-ending/?service_area=waste-and-recycling",
        "/accounts/login/",
        "/no-such-page/",
    ]:
        watch.visit(path)

    # The search box's autocomplete (a script from this site fetching from this site).
    watch.visit("/search/")
    page.locator("#search-q").fill("bin")
    expect(page.locator(".autocomplete__menu")).to_be_attached()
    page.wait_for_load_state("networkidle")
    watch.collect()

    # The lock-out page after too many wrong passwords.
    for _ in range(settings.AXES_FAILURE_LIMIT):
        watch.visit("/accounts/login/")
        page.locator("#id_username").fill("nobody")
        page.locator("#id_password").fill("wrong")
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state("networkidle")
        watch.collect()
    expect(page.get_by_role("heading", level=1)).to_contain_text("You cannot sign in for")

    screenshot(page)
    assert not watch.problems, "\n".join(watch.problems)


def test_the_admin_passes_the_policy(
    page: Page, site_url: str, sample_site: dict[str, Any], editor: User, screenshot: Any
) -> None:
    watch = Watch(page, site_url)
    watch.visit("/admin/login/")
    page.locator("#id_username").fill(editor.username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Sign in", re.I)).click()
    page.wait_for_url(re.compile(r"/admin/$"))
    watch.collect()

    leeds = sample_site["councils"]["Leeds"]
    study = sample_site["leeds_study"]
    for path in [
        "/admin/",
        f"/admin/pages/{leeds.pk}/",
        f"/admin/pages/{study.pk}/edit/",
        f"/admin/pages/add/challenges/challengepage/{leeds.pk}/",
        "/admin/images/",
        "/admin/documents/",
        "/admin/users/",
        "/admin/reports/site-history/",
    ]:
        watch.visit(path)

    # The live preview panel: the public page's template in an iframe from this site.
    watch.visit(f"/admin/pages/{study.pk}/edit/")
    page.get_by_role("button", name="Toggle preview").first.click()
    expect(page.frame_locator("#w-preview-iframe").first.get_by_role("heading", level=1)).to_have_text(study.title)
    page.wait_for_load_state("networkidle")
    watch.collect()

    screenshot(page)
    # The editor keeps pinging the server (editing sessions, preview): leave it before the test database is flushed,
    # which a request in flight would hold locked.
    page.goto("about:blank")
    assert not watch.problems, "\n".join(watch.problems)


def test_the_api_docs_pass_the_policy_with_swagger_ui_from_this_site(
    page: Page, site_url: str, sample_site: dict[str, Any], screenshot: Any
) -> None:
    watch = Watch(page, site_url)
    watch.visit("/api/v1/docs", ready=".opblock")

    # Try one operation: Swagger UI calls the API from the page.
    page.locator(".opblock-summary").first.click()
    page.get_by_role("button", name="Try it out").first.click()
    page.get_by_role("button", name="Execute").first.click()
    expect(page.locator(".responses-wrapper .live-responses-table").first).to_be_visible()
    page.wait_for_load_state("networkidle")
    watch.collect()

    screenshot(page)
    assert not watch.problems, "\n".join(watch.problems)
