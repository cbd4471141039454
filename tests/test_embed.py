"""The ONNX embeddings against the sentence-transformers reference they replace."""

from __future__ import annotations

import numpy as np
import pytest

from eval.evaluate import load_gold
from indexing.embed import OnnxEmbedder, ReferenceEmbedder, get_embedder
from indexing.store import open_store


@pytest.fixture(scope="module")
def reference():
    return ReferenceEmbedder()


def eval_texts() -> list[str]:
    gold = load_gold()
    return [q["question"] for q in gold] + [
        q["answer_sentence"] for q in gold if "answer_sentence" in q
    ]


@pytest.fixture(scope="module")
def float32(embedder):
    return embedder if embedder.kind == "float32" else OnnxEmbedder(kind="float32")


@pytest.fixture(scope="module")
def int8(embedder):
    return embedder if embedder.kind == "int8" else OnnxEmbedder(kind="int8")


def test_int8_vectors_stay_within_0_98_of_float32_on_every_eval_text_and_sentence(
    float32, int8, eval_store
):
    from eval.parity import eval_texts

    assert int8.model_id != float32.model_id
    sentences = [hit.text for hit in open_store(eval_store).get(where={"kind": "sentence"})]
    texts = eval_texts() + sentences
    full = np.asarray(float32.embed(texts))
    small = np.asarray(int8.embed(texts))
    cosines = (full * small).sum(axis=1)
    assert len(texts) > 2000
    assert cosines.min() >= 0.98, [texts[i] for i in np.argsort(cosines)[:3]]
    # Quantized, not the same model by another name.
    assert cosines.mean() < 0.9999


def test_the_default_embedder_is_onnx_without_torch_loaded():
    import subprocess
    import sys

    code = (
        "import sys; from indexing.embed import get_embedder; e = get_embedder(); "
        "e.embed(['a question']); print(type(e).__name__, 'torch' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.split() == ["OnnxEmbedder", "False"], result.stderr[-800:]


def test_onnx_and_reference_vectors_agree_on_every_eval_text(float32, reference):
    texts = eval_texts()
    onnx = np.asarray(float32.embed(texts))
    torch = np.asarray(reference.embed(texts))
    assert onnx.shape == torch.shape == (len(texts), 384)
    cosines = (onnx * torch).sum(axis=1)
    assert cosines.min() >= 0.99, [texts[i] for i in np.argsort(cosines)[:3]]


def test_onnx_and_reference_rank_the_same_top_five_for_every_eval_question(
    eval_store, float32, reference
):
    sentences = open_store(eval_store).get(where={"kind": "sentence"}, embeddings=True)
    matrix = np.asarray([hit.embedding for hit in sentences], dtype=np.float32)
    questions = [q["question"] for q in load_gold()]
    onnx = matrix @ np.asarray(float32.embed(questions), dtype=np.float32).T
    torch = matrix @ np.asarray(reference.embed(questions), dtype=np.float32).T
    differ = []
    for column, question in enumerate(questions):
        top_onnx = set(np.argsort(-onnx[:, column])[:5])
        top_torch = set(np.argsort(-torch[:, column])[:5])
        if top_onnx != top_torch:
            differ.append(question)
    assert differ == []


def test_texts_come_back_in_the_order_given_whatever_their_lengths(embedder):
    texts = ["a much longer sentence about women entrepreneurs and credit", "short", "mid length"]
    together = embedder.embed(texts)
    alone = [embedder.embed([text])[0] for text in texts]
    assert np.allclose(together, alone, atol=1e-5)
    assert get_embedder() is get_embedder()
