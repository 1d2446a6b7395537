"""Embeddings from the same OpenAI-compatible endpoint's /v1/embeddings (optional retrieval model)."""

from __future__ import annotations

from typing import Sequence

import numpy as np


class OpenAIEmbedder:
    """The `Embedder` interface over /v1/embeddings; vectors are L2-normalised here."""

    def __init__(self, client, model: str) -> None:
        self.client = client
        self.model = model
        self.name = f"openai:{model}@{client.base_url}"

    def _embed(self, texts: Sequence[str]) -> np.ndarray:
        out = []
        for start in range(0, len(texts), 256):
            response = self.client.embeddings.create(model=self.model, input=list(texts[start:start + 256]))
            out.extend(item.embedding for item in sorted(response.data, key=lambda d: d.index))
        arr = np.asarray(out, dtype=np.float32)
        return arr / np.maximum(np.linalg.norm(arr, axis=1, keepdims=True), 1e-9)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._embed(texts)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._embed(texts)
