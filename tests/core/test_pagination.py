"""One pagination for the search page and the listings: which page links show, and where they point."""

from __future__ import annotations

from core.pagination import PageLink, pagination


def href(number: int) -> str:
    return f"?q=bins&page={number}"


def test_first_last_and_the_current_pages_neighbours_with_ellipses_between():
    shown = pagination(5, 9, href)

    assert shown is not None
    assert [link.number for link in shown.links] == [1, None, 4, 5, 6, None, 9]
    assert [link for link in shown.links if link.current] == [PageLink(5, "?q=bins&page=5", current=True)]
    assert [link.ellipsis for link in shown.links] == [False, True, False, False, False, True, False]
    assert shown.previous_href == "?q=bins&page=4"
    assert shown.next_href == "?q=bins&page=6"


def test_no_previous_link_on_the_first_page_nor_next_link_on_the_last():
    first, last = pagination(1, 3, href), pagination(3, 3, href)

    assert first is not None and last is not None
    assert [link.number for link in first.links] == [1, 2, 3]
    assert (first.previous_href, first.next_href) == ("", "?q=bins&page=2")
    assert (last.previous_href, last.next_href) == ("?q=bins&page=2", "")


def test_a_page_past_the_end_links_back_without_a_current_page():
    shown = pagination(50, 3, href)

    assert shown is not None
    assert [link.number for link in shown.links] == [1, None, 3]
    assert not any(link.current for link in shown.links)
    assert (shown.previous_href, shown.next_href) == ("?q=bins&page=49", "")


def test_one_page_needs_no_pagination():
    assert pagination(1, 1, href) is None
    assert pagination(1, 0, href) is None
