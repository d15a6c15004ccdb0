"""Private register data (contract dates, costs, notes) and buying groups never reach the public.

Rather than name each public endpoint (search page and API, feeds, CSV downloads, the sitemap...), the test walks
every parameter-free URL the site serves, plus the council, product and register pages and searches for the
product, as an anonymous visitor, and looks for the private values in whatever comes back.
"""

from __future__ import annotations

import datetime

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from marketplace import services
from tests.factories import content as make
from tests.factories.marketplace import CouncilSystemFactory, ProductFactory

pytestmark = pytest.mark.django_db

SECRET_NOTE = "Zebra-clause renegotiation"
SECRET_GROUP = "Quokka procurement circle"
SECRETS = (
    SECRET_NOTE,
    SECRET_GROUP,
    "2031-07-19",
    "19 Jul 2031",
    "19 July 2031",
    "19/07/2031",
    "2019-02-03",
    "3 Feb 2019",
    "£500,000 to £1 million",
    "500k_1m",
)
SKIP_PREFIXES = ("admin/", "django-admin/", "accounts/", "__")  # sign-in forms show no content


def _public_paths(patterns: list, prefix: str = "") -> list[str]:
    """Every route that needs no arguments."""
    paths: list[str] = []
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if "<" in route or "(?P" in route or route.startswith(SKIP_PREFIXES):
            continue
        if isinstance(entry, URLResolver):
            paths += _public_paths(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            paths.append("/" + route.lstrip("^").rstrip("$"))
    return paths


@pytest.fixture
def secret_entry(councils, waste, leeds_member):
    leeds = councils["Leeds"]
    product = ProductFactory(name="Wombatware")
    system = CouncilSystemFactory(
        council=leeds,
        service_area=waste,
        product=product,
        contract_start=datetime.date(2019, 2, 3),
        contract_end=datetime.date(2031, 7, 19),
        annual_cost_band="500k_1m",
        notes=SECRET_NOTE,
    )
    make.case_study(leeds, "Wombatware routing pilot", product_records=[product])
    services.start_buying_group(
        leeds_member, name=SECRET_GROUP, service_area=waste, target_contract_date=datetime.date(2031, 7, 19)
    )
    return system


def test_private_register_data_never_reaches_an_anonymous_visitor(
    client, secret_entry, django_capture_on_commit_callbacks
):
    leeds = secret_entry.council
    paths = set(_public_paths(get_resolver().url_patterns))
    paths |= {
        leeds.url,
        secret_entry.product.get_absolute_url(),
        f"/marketplace/councils/{leeds.gss_code}/register/",
        "/sitemap.xml",
    }
    for search_path in [p for p in list(paths) if any(w in p for w in ("search", "api", "feed", ".csv"))]:
        paths |= {f"{search_path}?q=Wombatware", f"{search_path}?q=Zebra-clause"}
    fetched = {}
    for path in sorted(paths):
        response = client.get(path)
        if response.status_code == 200:
            body = b"".join(response.streaming_content) if response.streaming else response.content
            fetched[path] = body.decode("utf-8", errors="replace")
    # The walk must actually have reached the public pages that show this product.
    assert "Wombatware" in fetched[secret_entry.product.get_absolute_url()]
    assert "/sitemap.xml" in fetched
    leaks = [(path, secret) for path, body in fetched.items() for secret in SECRETS if secret in body]
    assert leaks == [], f"private register data leaked: {leaks}"
