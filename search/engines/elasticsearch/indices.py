"""Versioned indices behind an alias: create, zero-downtime rebuild, atomic swap, clean-up.

Searches always read the alias. A rebuild loads a fresh versioned index while the alias keeps
pointing at the old one, verifies the new index's count, then moves the alias in one atomic
`_aliases` call and deletes the old index. While a rebuild runs, the new index also carries a
"building" alias, so index changes made meanwhile are written to both and none is lost at the swap.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from elastic_transport import TransportError
from elasticsearch import ApiError, BadRequestError, Elasticsearch, NotFoundError
from elasticsearch.helpers import streaming_bulk

from search.types import SearchDocument

from .mapping import MAPPING_VERSION, index_body, to_source, versioned_index_name

logger = logging.getLogger("search")

Progress = Callable[[int], None]


class RebuildError(RuntimeError):
    """The new index was not complete; the alias was left on the old index."""


@dataclass
class RebuildReport:
    index: str
    indexed: int = 0
    failures: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)


def building_alias(alias: str) -> str:
    return f"{alias}-building"


def indices_behind(client: Elasticsearch, alias: str) -> list[str]:
    try:
        return sorted(client.indices.get_alias(name=alias).body)
    except NotFoundError:
        return []


def create_index(client: Elasticsearch, name: str, *, aliases: Iterable[str] = ()) -> None:
    body = index_body()
    body["aliases"] = {a: {} for a in aliases}
    client.indices.create(index=name, **body)


def ensure_alias(client: Elasticsearch, alias: str) -> str:
    """The index behind the alias, creating a first (empty) versioned index if there is none."""
    current = indices_behind(client, alias)
    if current:
        return current[0]
    # A fixed name, so two processes making the first write race to one index, not two behind one alias.
    name = f"{alias}-v{MAPPING_VERSION}-initial"
    try:
        create_index(client, name, aliases=[alias])
    except BadRequestError as error:
        if error.error != "resource_already_exists_exception":
            raise
        return name
    logger.info("search: created Elasticsearch index %s behind alias %s", name, alias)
    return name


def write_targets(client: Elasticsearch, alias: str) -> list[str]:
    """Where an index change goes: the live alias, plus any index being rebuilt right now."""
    ensure_alias(client, alias)
    return [alias, *indices_behind(client, building_alias(alias))]


def _actions(docs: Iterable[SearchDocument], index: str) -> Iterator[dict[str, Any]]:
    for doc in docs:
        yield {"_op_type": "index", "_index": index, "_id": doc.id, "_source": to_source(doc)}


def rebuild(
    client: Elasticsearch,
    alias: str,
    docs: Iterable[SearchDocument],
    *,
    chunk_size: int = 500,
    request_timeout: float = 60.0,
    progress: Progress | None = None,
) -> RebuildReport:
    """Load every document into a new index, verify, swap the alias atomically, delete the old index."""
    report = RebuildReport(index=versioned_index_name(alias))
    create_index(client, report.index, aliases=[building_alias(alias)])
    try:
        results = streaming_bulk(
            client.options(request_timeout=request_timeout),
            _actions(docs, report.index),
            chunk_size=chunk_size,
            raise_on_error=False,
        )
        for ok, item in results:
            if ok:
                report.indexed += 1
            else:
                detail = item.get("index", item)
                report.failures.append(f"{detail.get('_id')}: {detail.get('error')}")
            if progress:
                progress(report.indexed + len(report.failures))
        client.indices.refresh(index=report.index)
        counted = client.count(index=report.index)["count"]
        # Changes written through the building alias during the load may add documents, never remove them.
        if report.failures or counted < report.indexed:
            raise RebuildError(
                f"new index {report.index} has {counted} documents, expected {report.indexed}; "
                f"{len(report.failures)} failed; the old index is still live"
            )
    except BaseException:
        _drop_quietly(client, report.index)
        raise
    old = indices_behind(client, alias)
    actions: list[dict[str, Any]] = [{"remove": {"index": name, "alias": alias}} for name in old]
    actions += [
        {"add": {"index": report.index, "alias": alias}},
        {"remove": {"index": report.index, "alias": building_alias(alias)}},
    ]
    client.indices.update_aliases(actions=actions)
    for name in old:
        client.options(ignore_status=404).indices.delete(index=name)
        report.deleted.append(name)
    logger.info("search: Elasticsearch alias %s now on %s (%d documents)", alias, report.index, report.indexed)
    return report


def _drop_quietly(client: Elasticsearch, name: str) -> None:
    """Best-effort removal of a half-built index; the original error is the one worth raising."""
    try:
        client.options(ignore_status=404).indices.delete(index=name)
    except (ApiError, TransportError):
        logger.warning("search: could not delete half-built index %s; delete it by hand", name)
