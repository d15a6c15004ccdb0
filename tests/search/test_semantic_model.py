"""The numpy sentence encoder: the packaged all-MiniLM-L6-v2, loaded once for the test session.

It was checked against sentence-transformers itself (cosine similarity at least 0.9999999 on 24 texts; see
docs/search.md); these tests pin what that check found in terms the search relies on, without the reference library.
"""

from __future__ import annotations

import numpy as np
import pytest

from search.semantic import encoder
from search.semantic.model import MAX_TOKENS, Encoder, ModelFilesMissing


@pytest.fixture
def model(semantic_on) -> Encoder:
    loaded = encoder.encoder()
    assert loaded is not None
    return loaded


def cosine(model: Encoder, a: str, b: str) -> float:
    va, vb = model.encode([a, b])
    return float(va @ vb)


def test_vectors_are_unit_length_float32_of_384(model):
    vectors = model.encode(["pothole repairs", "council tax", "x"])
    assert vectors.shape == (3, 384)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


@pytest.mark.parametrize(
    ("text", "nearer", "further"),
    [
        ("pothole repairs", "carriageway defects", "council tax"),
        ("missed bin collections", "waste collection complaints", "library opening hours"),
        ("ransomware attack", "cyber incident recovery", "school transport"),
        ("special educational needs transport", "home to school travel for disabled children", "planning applications"),
        ("chatbot for residents", "webchat on the council website", "street lighting"),
    ],
)
def test_words_of_the_same_meaning_are_nearer(model, text, nearer, further):
    assert cosine(model, text, nearer) > cosine(model, text, further) + 0.15


def test_reference_values(model):
    """Figures sentence-transformers gives for these pairs (to four places), pinned."""
    assert cosine(model, "pothole repairs", "carriageway defects") == pytest.approx(0.2816, abs=1e-3)
    assert cosine(model, "pothole repairs", "council tax") == pytest.approx(0.0606, abs=1e-3)


def test_a_batch_gives_the_same_vectors_as_one_at_a_time(model):
    texts = ["a short one", "a rather longer text about bins and recycling crews in Leeds", "tax"]
    together = model.encode(texts)
    alone = np.stack([model.encode([t])[0] for t in texts])
    np.testing.assert_allclose(together, alone, atol=1e-5)


def test_text_past_the_token_limit_is_ignored(model):
    start = "Leeds piloted sensors in communal bins so crews empty only full ones. " * 30
    assert len(model.tokenizer.encode(start).ids) == MAX_TOKENS
    a, b = model.encode([start, start + " Completely different words about swimming pools."])
    assert float(a @ b) == pytest.approx(1.0, abs=1e-6)


def test_queries_are_remembered_and_copies_returned(model):
    first = encoder.embed_query("fly-tipping hotspots")
    first[0] = 42.0  # a caller changing its copy changes nothing for the next
    again = encoder.embed_query("fly-tipping hotspots")
    assert again[0] != 42.0
    assert encoder.embed_query("   ") is None


def test_missing_files_are_named(tmp_path):
    (tmp_path / "tokenizer.json").write_text("{}")
    with pytest.raises(ModelFilesMissing, match=r"model\.safetensors"):
        Encoder(tmp_path)
