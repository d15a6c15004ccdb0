"""Queries per page type: a ceiling for each, and no growth with the number of related items (no N+1).

Each test renders a page with one related item, then adds more (partners, evidence, interests, collection items,
children) and renders it again: the count must not grow. The ceilings are today's counts plus a little room;
raise one only with a reason (and look at the queries first: `CaptureQueriesContext`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from search.indexing import drain_queue
from tests.factories import content as make


def count_queries(client: Client, url: str) -> int:
    client.get(url)  # warm per-process caches (site root paths, content types)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries.captured_queries)


def assert_flat(client: Client, url: str, ceiling: int, add_more: Callable[[], Any]) -> None:
    drain_queue()  # related content comes from the index: index the page itself before counting
    few = count_queries(client, url)
    add_more()
    drain_queue()
    many = count_queries(client, url)
    assert many <= few, f"{url}: {few} queries with few related items, {many} with more (an N+1?)"
    assert many <= ceiling, f"{url}: {many} queries, ceiling {ceiling}"


@pytest.mark.django_db
def test_challenge_page(client, councils):
    names = list(councils)
    page = make.challenge(councils["Leeds"], "Overflowing litter bins")
    make.interest(page, councils[names[1]])
    make.case_study(councils[names[1]], "First answer", challenge=page)

    def add_more() -> None:
        for name in names[2:5]:
            make.interest(page, councils[name], pledge_staff_days=3)
            make.case_study(councils[name], f"Answer from {name}", challenge=page)

    assert_flat(client, page.url, 31, add_more)


@pytest.mark.django_db
def test_case_study_page(client, councils):
    names = list(councils)
    page = make.case_study(councils["Leeds"], "Text alerts", partner_councils=[councils[names[1]]])
    make.pattern("First pattern", evidence=[page])

    def add_more() -> None:
        page.partner_councils = [councils[name] for name in names[1:5]]
        page.save_revision().publish()
        for number in range(3):
            make.pattern(f"Pattern {number}", evidence=[page])

    assert_flat(client, page.url, 32, add_more)


@pytest.mark.django_db
def test_pattern_page(client, councils):
    names = list(councils)
    evidence = [make.case_study(councils[name], f"Evidence from {name}") for name in names[:4]]
    page = make.pattern("Same-day alerts", evidence=evidence[:1])

    def add_more() -> None:
        page.evidence = evidence
        page.save_revision().publish()

    assert_flat(client, page.url, 29, add_more)


@pytest.mark.django_db
def test_experiment_page(client, councils):
    names = list(councils)
    centre = make.centre()
    page = make.experiment(centre, participating_councils=[councils[names[0]]])

    def add_more() -> None:
        page.participating_councils = [councils[name] for name in names[:5]]
        page.save_revision().publish()

    assert_flat(client, page.url, 23, add_more)


@pytest.mark.django_db
def test_collection_page(client, councils):
    names = list(councils)
    centre = make.centre()
    items = [make.challenge(councils[name], f"Challenge from {name}") for name in names[:5]]
    page = make.collection(centre, items=items[:1])

    def add_more() -> None:
        from experiments.models import CollectionItem

        page.items = [CollectionItem(page=item, note=f"Why: {item.title}") for item in items]
        page.save_revision().publish()

    assert_flat(client, page.url, 21, add_more)


@pytest.mark.django_db
def test_council_page(client, councils):
    council = councils["Leeds"]
    make.challenge(council, "First challenge")
    make.case_study(council, "First case study")

    def add_more() -> None:
        for number in range(3):
            make.challenge(council, f"Challenge {number}")
            make.case_study(council, f"Case study {number}")

    assert_flat(client, council.url, 30, add_more)


@pytest.mark.django_db
def test_regional_centre_page(client, councils):
    centre = make.centre()
    make.experiment(centre, "First experiment")

    def add_more() -> None:
        for number in range(3):
            make.experiment(centre, f"Experiment {number}")

    assert_flat(client, centre.url, 17, add_more)


@pytest.mark.django_db
def test_home_page(client, councils):
    names = list(councils)
    make.challenge(councils[names[0]], "First challenge")
    make.case_study(councils[names[0]], "First case study")

    def add_more() -> None:
        for name in names[1:5]:
            make.challenge(councils[name], f"Challenge from {name}")
            make.case_study(councils[name], f"Case study from {name}")

    assert_flat(client, "/", 25, add_more)


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/challenges/", "/case-studies/", "/experiments/", "/patterns/", "/councils/"])
def test_listing_pages(client, councils, url):
    names = list(councils)
    centre = make.centre()
    make.challenge(councils[names[0]], "First challenge")
    make.case_study(councils[names[0]], "First case study")
    make.experiment(centre, "First experiment")
    make.pattern("First pattern")

    def add_more() -> None:
        for name in names[1:5]:
            make.challenge(councils[name], f"Challenge from {name}")
            make.case_study(councils[name], f"Case study from {name}")
            make.experiment(centre, f"Experiment with {name}")
            make.pattern(f"Pattern from {name}")

    assert_flat(client, url, 15, add_more)


def test_home_and_council_pages_do_not_grow_queries_with_more_content(client, leeds, councils, yorkshire_centre):
    def count(url: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    def add(n: int) -> None:
        for i in range(n):
            page = make.challenge(leeds, f"Challenge {n}-{i}")
            for council in councils.values():
                make.interest(page, council)
            collection = make.collection(yorkshire_centre, f"Collection {n}-{i}", [page])
            collection.featured = True
            collection.save_revision().publish()

    add(1)
    home_before, council_before = count("/"), count(leeds.url)
    add(3)
    assert count("/") <= home_before
    assert count(leeds.url) <= council_before
