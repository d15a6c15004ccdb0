"""The sentence encoder: a transformer forward pass in numpy over weights read from a directory (no torch, nothing
fetched).

The directory holds `model.safetensors` and `tokenizer.json` of a sentence-embedding model with mean pooling, as
sentence-transformers ships them: BERT's family (all-MiniLM-L6-v2, the default) or MPNet's (all-mpnet-base-v2,
which adds a relative position bias to every attention score). `config.json` gives the shape; its defaults are
MiniLM's. Texts are tokenised with the `tokenizers` library, truncated to MAX_TOKENS and padded per batch; the
output is one L2-normalised float32 vector per text, so a dot product is the cosine similarity.

Checked against sentence-transformers itself (docs/search.md, "Semantic retrieval"): cosine similarity of the two
libraries' vectors at least 0.99999 on 24 texts, short and long.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from safetensors import safe_open
from tokenizers import Tokenizer

from search.batching import batched

# Word pieces read from each text. all-MiniLM-L6-v2 was trained on 128; a document's text is its title, summary and
# the start of its body (search/semantic/text.py), which 128 pieces cover, and each extra piece costs encoding time.
MAX_TOKENS = 128
# Texts encoded together: one padded batch; texts are sorted by length first so padding stays small.
BATCH_SIZE = 32
WEIGHTS_FILE = "model.safetensors"
TOKENIZER_FILE = "tokenizer.json"
REQUIRED_FILES = (WEIGHTS_FILE, TOKENIZER_FILE)


class ModelFilesMissing(Exception):
    """The model directory lacks a file the encoder needs."""


@dataclass(frozen=True)
class _Layer:
    qkv: np.ndarray  # (hidden, 3 * hidden): query, key and value projections side by side
    qkv_bias: np.ndarray
    attention_out: np.ndarray
    attention_out_bias: np.ndarray
    attention_norm: tuple[np.ndarray, np.ndarray]
    intermediate: np.ndarray
    intermediate_bias: np.ndarray
    output: np.ndarray
    output_bias: np.ndarray
    output_norm: tuple[np.ndarray, np.ndarray]


@dataclass(frozen=True)
class _Family:
    """Where a model family keeps each weight, and how it numbers positions."""

    marker: str  # a weight only this family has
    query: str
    key: str
    value: str
    attention_out: str
    attention_norm: str
    position_offset: int  # the position of the first token
    has_token_types: bool


BERT = _Family(
    marker="embeddings.token_type_embeddings.weight",
    query="attention.self.query",
    key="attention.self.key",
    value="attention.self.value",
    attention_out="attention.output.dense",
    attention_norm="attention.output.LayerNorm",
    position_offset=0,
    has_token_types=True,
)
# MPNet numbers positions after its padding id (1), as RoBERTa does, and has no token types.
MPNET = _Family(
    marker="encoder.relative_attention_bias.weight",
    query="attention.attn.q",
    key="attention.attn.k",
    value="attention.attn.v",
    attention_out="attention.attn.o",
    attention_norm="attention.LayerNorm",
    position_offset=2,
    has_token_types=False,
)


def missing_files(directory: Path) -> list[str]:
    return [name for name in REQUIRED_FILES if not (directory / name).is_file()]


class Encoder:
    """A loaded model. Thread-safe: encoding reads the weights and never changes them."""

    def __init__(self, directory: Path, key: str = "") -> None:
        missing = missing_files(directory)
        if missing:
            raise ModelFilesMissing(f"{directory} has no {', '.join(missing)}")
        self.directory = directory
        # Identifies the weights (and the truncation) in the embedding cache: another model never reuses a vector.
        self.key = key or weights_key(directory / WEIGHTS_FILE)
        # Read one tensor at a time, and each let go of once it is laid out for encoding (w() below), so loading
        # never holds the file, the tensors and their working copies at once.
        with safe_open(str(directory / WEIGHTS_FILE), framework="numpy") as file:
            weights = {name: file.get_tensor(name).astype(np.float32, copy=False) for name in file.keys()}  # noqa: SIM118
        prefix = next((p for p in ("bert.", "mpnet.") if f"{p}embeddings.word_embeddings.weight" in weights), "")
        self.family = MPNET if prefix + MPNET.marker in weights else BERT
        family = self.family
        config_file = directory / "config.json"
        config = json.loads(config_file.read_text()) if config_file.is_file() else {}
        self.heads = int(config.get("num_attention_heads", 12))
        self.eps = float(config.get("layer_norm_eps", 1e-12))

        def w(name: str) -> np.ndarray:
            return weights.pop(prefix + name)

        self.word = w("embeddings.word_embeddings.weight")
        self.position = w("embeddings.position_embeddings.weight")
        self.token_type = w(BERT.marker) if family.has_token_types else None
        # MPNet: one learned bias per head and distance bucket, added to every layer's attention scores.
        self.relative_bias = w(MPNET.marker) if family is MPNET else None
        self.embedding_norm = (w("embeddings.LayerNorm.weight"), w("embeddings.LayerNorm.bias"))
        self.dimensions = self.word.shape[1]
        self.layers: list[_Layer] = []
        for i in range(int(config.get("num_hidden_layers", 0)) or _count_layers(weights, prefix)):
            p = f"encoder.layer.{i}."
            # The query projection carries the attention's 1/sqrt(head size) scaling, folded in once here.
            scale = np.float32(1.0 / math.sqrt(self.dimensions // self.heads))
            attention = [w(f"{p}{family.query}.weight") * scale] + [
                w(f"{p}{part}.weight") for part in (family.key, family.value)
            ]
            biases = [w(f"{p}{family.query}.bias") * scale] + [
                w(f"{p}{part}.bias") for part in (family.key, family.value)
            ]
            self.layers.append(
                _Layer(
                    # Weights are stored (out, in); transposed once here so each step is x @ W.
                    qkv=np.ascontiguousarray(np.concatenate(attention).T),
                    qkv_bias=np.concatenate(biases),
                    attention_out=np.ascontiguousarray(w(f"{p}{family.attention_out}.weight").T),
                    attention_out_bias=w(f"{p}{family.attention_out}.bias"),
                    attention_norm=(w(f"{p}{family.attention_norm}.weight"), w(f"{p}{family.attention_norm}.bias")),
                    intermediate=np.ascontiguousarray(w(f"{p}intermediate.dense.weight").T),
                    intermediate_bias=w(f"{p}intermediate.dense.bias"),
                    output=np.ascontiguousarray(w(f"{p}output.dense.weight").T),
                    output_bias=w(f"{p}output.dense.bias"),
                    output_norm=(w(f"{p}output.LayerNorm.weight"), w(f"{p}output.LayerNorm.bias")),
                )
            )
        self.max_tokens = min(MAX_TOKENS, self.position.shape[0] - family.position_offset)
        self.tokenizer = Tokenizer.from_file(str(directory / TOKENIZER_FILE))
        self.tokenizer.enable_truncation(max_length=self.max_tokens)
        pad_id = int(config.get("pad_token_id", 0))
        self.tokenizer.enable_padding(pad_id=pad_id, pad_token=self.tokenizer.id_to_token(pad_id) or "[PAD]")

    @staticmethod
    def key_for(weights_sha256: str) -> str:
        return f"{weights_sha256[:24]}/{MAX_TOKENS}"

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One unit-length float32 row per text, in the order given."""
        out = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for chosen in batched(order, BATCH_SIZE):
            out[chosen] = self._batch([texts[i] for i in chosen])
        return out

    def _batch(self, texts: list[str]) -> np.ndarray:
        encodings = self.tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        types = np.array([e.type_ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.float32)
        batch, length = ids.shape
        offset = self.family.position_offset
        x = self.word[ids.ravel()] + np.tile(self.position[offset : offset + length], (batch, 1))
        if self.token_type is not None:
            x += self.token_type[types.ravel()]
        x = self._norm(x, self.embedding_norm)  # (batch * length, hidden): dense layers are one matrix product each
        # Padding positions get the lowest score before the softmax, so no token attends to them.
        bias = ((1.0 - mask) * np.finfo(np.float32).min)[:, None, None, :]
        if self.relative_bias is not None:
            bias = bias + self.relative_bias[_distance_buckets(length, self.relative_bias.shape[0])].transpose(2, 0, 1)
        head = self.dimensions // self.heads
        for layer in self.layers:
            qkv = x @ layer.qkv
            qkv += layer.qkv_bias
            qkv = qkv.reshape(batch, length, 3, self.heads, head)
            q = qkv[:, :, 0].transpose(0, 2, 1, 3)  # (batch, heads, length, head), already scaled by 1/sqrt(head)
            k = qkv[:, :, 1].transpose(0, 2, 3, 1)  # (batch, heads, head, length)
            v = qkv[:, :, 2].transpose(0, 2, 1, 3)
            scores = np.matmul(np.ascontiguousarray(q), np.ascontiguousarray(k))
            scores += bias
            scores -= scores.max(axis=-1, keepdims=True)
            np.exp(scores, out=scores)
            scores /= scores.sum(axis=-1, keepdims=True)
            context = np.matmul(scores, np.ascontiguousarray(v)).transpose(0, 2, 1, 3).reshape(batch * length, -1)
            attended = context @ layer.attention_out
            attended += layer.attention_out_bias
            attended += x
            x = self._norm(attended, layer.attention_norm)
            hidden = x @ layer.intermediate
            hidden += layer.intermediate_bias
            out = _gelu(hidden) @ layer.output
            out += layer.output_bias
            out += x
            x = self._norm(out, layer.output_norm)
        x = x.reshape(batch, length, self.dimensions)
        # Mean of the token vectors, padding excluded, then unit length.
        pooled = (x * mask[:, :, None]).sum(axis=1) / np.maximum(mask.sum(axis=1, keepdims=True), 1e-9)
        norms = np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
        return (pooled / norms).astype(np.float32)

    def _norm(self, x: np.ndarray, weights: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
        """LayerNorm over the last axis, in place (x is always a fresh intermediate)."""
        x -= x.mean(axis=-1, keepdims=True)
        deviation = np.sqrt(np.einsum("ij,ij->i", x, x)[:, None] / np.float32(x.shape[-1]) + self.eps)
        x /= deviation
        x *= weights[0]
        x += weights[1]
        return x


def _distance_buckets(length: int, buckets: int, max_distance: int = 128) -> np.ndarray:
    """(length, length): MPNet's bucket for the distance from each token to each other token. Half the buckets
    are for tokens before, half for tokens after; within each half, near distances have a bucket each and far ones
    share buckets on a log scale up to max_distance."""
    position = np.arange(length)
    n = position[:, None] - position[None, :]  # minus (key position - query position)
    half = buckets // 2
    exact = half // 2
    distance = np.abs(n)
    far = exact + (np.log(np.maximum(distance, 1) / exact) / math.log(max_distance / exact) * (half - exact)).astype(
        np.int64
    )
    return (n < 0) * half + np.where(distance < exact, distance, np.minimum(far, half - 1))


def weights_key(weights: Path) -> str:
    """The model's key in the embedding cache: a hash of its weights file (read in pieces) and the truncation."""
    digest = hashlib.sha256()
    with weights.open("rb") as file:
        while chunk := file.read(1 << 20):
            digest.update(chunk)
    return Encoder.key_for(digest.hexdigest())


def _count_layers(weights: dict[str, np.ndarray], prefix: str) -> int:
    start = f"{prefix}encoder.layer."
    return len({name[len(start) :].split(".")[0] for name in weights if name.startswith(start)})


# Abramowitz and Stegun 7.1.26: erf to within 1.5e-7, below float32 precision here (numpy has no erf).
_ERF_P = np.float32(0.3275911)
_ERF_A = tuple(np.float32(a) for a in (1.061405429, -1.453152027, 1.421413741, -0.284496736, 0.254829592))
_ROOT_HALF = np.float32(1.0 / math.sqrt(2.0))
# GELU works through its input this many rows at a time, so the ten steps below run on data in the CPU cache.
_GELU_ROWS = 64


def _gelu(x: np.ndarray) -> np.ndarray:
    """BERT's GELU in its exact form, x * (1 + erf(x / sqrt 2)) / 2, computed in place on a 2-D float32 array."""
    rows = min(_GELU_ROWS, x.shape[0])
    a, t, q = (np.empty((rows, x.shape[1]), dtype=np.float32) for _ in range(3))
    for start in range(0, x.shape[0], rows):
        chunk = x[start : start + rows]
        n = chunk.shape[0]
        a_, t_, q_ = a[:n], t[:n], q[:n]
        np.multiply(chunk, _ROOT_HALF, out=a_)
        np.abs(a_, out=a_)  # |z|, z = x / sqrt 2
        np.multiply(a_, _ERF_P, out=t_)
        t_ += 1
        np.reciprocal(t_, out=t_)
        q_[...] = _ERF_A[0]
        for coefficient in _ERF_A[1:]:
            q_ *= t_
            q_ += coefficient
        q_ *= t_
        np.multiply(a_, a_, out=a_)
        np.negative(a_, out=a_)
        np.exp(a_, out=a_)
        q_ *= a_
        q_ *= 0.5  # (1 - erf|z|) / 2: the factor for x < 0; 1 minus it for x >= 0
        np.subtract(1, q_, out=t_)
        np.copyto(q_, t_, where=chunk >= 0)
        chunk *= q_
    return x
