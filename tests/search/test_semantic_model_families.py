"""The numpy encoder reads MPNet's family too (all-mpnet-base-v2): a tiny model of that layout, built here.

The real all-mpnet-base-v2 was checked against sentence-transformers itself in a separate environment (cosine
similarity at least 0.9999999; docs/search.md). These tests pin what that layout needs: positions counted after the
padding id, its own padding token, and a learned bias per distance bucket in every layer's attention.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from safetensors.numpy import save_file
from tokenizers import Tokenizer, models, pre_tokenizers, processors

from search.semantic.model import MPNET, Encoder, _distance_buckets

HIDDEN, HEADS, LAYERS, INTERMEDIATE, POSITIONS, BUCKETS = 8, 2, 2, 16, 40, 32
WORDS = ["<s>", "<pad>", "</s>", "<unk>", "bins", "potholes", "tax", "roads", "crews", "sensors"]


def write_tokenizer(directory: Path) -> None:
    tokenizer = Tokenizer(models.WordLevel({w: i for i, w in enumerate(WORDS)}, unk_token="<unk>"))
    tokenizer.pre_tokenizer = pre_tokenizers.Whitespace()
    tokenizer.post_processor = processors.RobertaProcessing(("</s>", 2), ("<s>", 0))
    tokenizer.save(str(directory / "tokenizer.json"))


def mpnet_weights(seed: int = 1) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)

    def r(*shape: int) -> np.ndarray:
        return rng.normal(0, 0.5, shape).astype(np.float32)

    weights = {
        "embeddings.word_embeddings.weight": r(len(WORDS), HIDDEN),
        "embeddings.position_embeddings.weight": r(POSITIONS, HIDDEN),
        "embeddings.LayerNorm.weight": np.ones(HIDDEN, np.float32),
        "embeddings.LayerNorm.bias": np.zeros(HIDDEN, np.float32),
        "encoder.relative_attention_bias.weight": r(BUCKETS, HEADS) * 4,
    }
    for i in range(LAYERS):
        p = f"encoder.layer.{i}."
        for part in ("q", "k", "v", "o"):
            weights[f"{p}attention.attn.{part}.weight"] = r(HIDDEN, HIDDEN)
            weights[f"{p}attention.attn.{part}.bias"] = r(HIDDEN)
        weights[f"{p}intermediate.dense.weight"] = r(INTERMEDIATE, HIDDEN)
        weights[f"{p}intermediate.dense.bias"] = r(INTERMEDIATE)
        weights[f"{p}output.dense.weight"] = r(HIDDEN, INTERMEDIATE)
        weights[f"{p}output.dense.bias"] = r(HIDDEN)
        for norm in ("attention.LayerNorm", "output.LayerNorm"):
            weights[f"{p}{norm}.weight"] = np.ones(HIDDEN, np.float32)
            weights[f"{p}{norm}.bias"] = np.zeros(HIDDEN, np.float32)
    return weights


def tiny_mpnet(directory: Path, **changes: np.ndarray) -> Encoder:
    directory.mkdir(parents=True, exist_ok=True)
    write_tokenizer(directory)
    config = {"num_attention_heads": HEADS, "num_hidden_layers": LAYERS, "layer_norm_eps": 1e-5, "pad_token_id": 1}
    (directory / "config.json").write_text(json.dumps(config))
    save_file({**mpnet_weights(), **changes}, str(directory / "model.safetensors"))
    return Encoder(directory)


def test_the_family_is_recognised_and_vectors_are_unit_length(tmp_path):
    model = tiny_mpnet(tmp_path)
    assert model.family is MPNET
    vectors = model.encode(["bins", "potholes roads tax"])
    assert vectors.shape == (2, HIDDEN)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_padding_uses_the_models_own_token_and_changes_nothing(tmp_path):
    model = tiny_mpnet(tmp_path)
    texts = ["bins", "potholes roads tax crews sensors bins", "tax roads"]
    assert model.tokenizer.encode_batch(texts)[0].ids[-1] == 1  # <pad>, not BERT's 0 (<s> here)
    together = model.encode(texts)
    alone = np.stack([model.encode([text])[0] for text in texts])
    np.testing.assert_allclose(together, alone, atol=1e-5)


def test_positions_start_after_the_padding_id(tmp_path):
    """Rows 0 and 1 of the position table are never a real token's: changing them changes no vector."""
    base = mpnet_weights()["embeddings.position_embeddings.weight"]
    changed = base.copy()
    changed[:2] = 100.0
    texts = ["bins potholes", "tax roads crews"]
    before = tiny_mpnet(tmp_path / "a").encode(texts)
    after = tiny_mpnet(tmp_path / "b", **{"embeddings.position_embeddings.weight": changed}).encode(texts)
    np.testing.assert_allclose(before, after, atol=1e-6)
    moved = base.copy()
    moved[2] = moved[3]  # the first real token takes the second one's position
    assert not np.allclose(
        before, tiny_mpnet(tmp_path / "c", **{"embeddings.position_embeddings.weight": moved}).encode(texts)
    )


def test_the_distance_bias_makes_word_order_count(tmp_path):
    """With every position embedding equal, only the distance bias tells "bins tax roads" from "roads tax bins"."""
    flat = {"embeddings.position_embeddings.weight": np.zeros((POSITIONS, HIDDEN), np.float32)}
    ordered = tiny_mpnet(tmp_path / "a", **flat).encode(["bins tax roads", "roads tax bins"])
    assert float(ordered[0] @ ordered[1]) < 0.9999
    no_bias = {**flat, "encoder.relative_attention_bias.weight": np.zeros((BUCKETS, HEADS), np.float32)}
    unordered = tiny_mpnet(tmp_path / "b", **no_bias).encode(["bins tax roads", "roads tax bins"])
    assert float(unordered[0] @ unordered[1]) == pytest.approx(1.0, abs=1e-6)


@pytest.mark.parametrize(
    ("query_minus_key", "bucket"),
    # 32 buckets: 0-15 for keys before the token, 16-31 after; distances under 8 exactly, then a log scale to 128.
    [(0, 0), (3, 3), (7, 7), (8, 8), (20, 10), (127, 15), (200, 15), (-3, 19), (-20, 26), (-200, 31)],
)
def test_distance_buckets_follow_mpnet(query_minus_key, bucket):
    length = abs(query_minus_key) + 1
    buckets = _distance_buckets(length, BUCKETS)
    query, key = (length - 1, 0) if query_minus_key >= 0 else (0, length - 1)
    assert buckets[query, key] == bucket
