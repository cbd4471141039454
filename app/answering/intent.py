"""What a question asks for (the measure) and what is done with it (the operation), read by
meaning.

The lexicon (``app/vocabulary.py``) reads the domain's own terms precisely ("shortfall",
"2025 target", "which milestones were missed"). Everything else people type — "how much less
than planned did it get", "what's still left to raise", "¿quién más aporta?" — is read by a
classifier: scikit-learn's logistic regression over two kinds of feature of the question as
read (lower case, accents off, codes masked):

- the frozen sentence embedding of the bundled all-MiniLM-L6-v2 (what it means), and
- hashed character n-grams of each word (how it is spelled: carries Spanish and French,
  which an English model reads poorly, and shorthand such as "tgt" or "bdgt").

It is trained on the exemplar bank, ``exemplars/*.yaml``: phrasings per measure and per
operation in English, Spanish and French, written by people who never saw the lexicon. The
trained heads are kept beside the model's ONNX export (``resultsqa models`` trains them at
install; else the first question does), named by a hash of the bank and the model, so
editing the bank retrains them. They are plain arrays (``.npz``), never pickles.
"""

from __future__ import annotations

import hashlib
import re
import threading
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

EXEMPLARS = Path(__file__).with_name("exemplars")
HEADS = ("measure", "operation")
MEASURES = (
    "planned_budget",
    "actual_budget",
    "shortfall",
    "expenses",
    "budget",
    "contribution",
    "funding_partners",
    "core",
    "non_core",
    "un_partners",
    "impact_areas",
    "humanitarian_scope",
    "baseline",
    "milestone",
    "target",
    "result",
    "stated_figure",
    "narrative",
    "none",
)
OPERATIONS = (
    "value",
    "difference",
    "ranking_largest",
    "ranking_smallest",
    "total",
    "list",
    "compare",
    "status_met",
    "status_missed",
    "change",
    "summary",
    "collection",
    "quote",
)
LABELS = {"measure": MEASURES, "operation": OPERATIONS}
# Hashed character n-grams: enough buckets that the bank's n-grams rarely collide.
HASHED = 2**14
# Regularisation, chosen by cross-validation on the bank (eval/intent.py prints it).
C = 4.0
CODE = re.compile(r"\b[a-z0-9]{2,4}_[do]_\d+(?:\.\d+)*\b")


@dataclass(frozen=True)
class Guess:
    """The classifier's reading of one head: the best label, its probability, and the
    runner-up with its probability (a small margin means two readings are close)."""

    label: str
    p: float
    second: str
    p_second: float

    @property
    def margin(self) -> float:
        return self.p - self.p_second


def normal(text: str) -> str:
    """The text the classifier reads: lower case, accents off, codes masked, spaces single."""
    from ..spelling import strip_accents

    text = strip_accents(text.lower().replace("’", "'"))
    return " ".join(CODE.sub(" code ", text).split())


def bank() -> dict[str, dict[str, list[str]]]:
    """head → label → phrasings, from ``exemplars/<head>s.yaml``."""
    import yaml

    out = {}
    for head in HEADS:
        data = yaml.safe_load((EXEMPLARS / f"{head}s.yaml").read_text(encoding="utf-8"))
        unknown = set(data) - set(LABELS[head])
        if unknown:
            raise ValueError(f"exemplars/{head}s.yaml: unknown labels {sorted(unknown)}")
        out[head] = {label: [str(p) for p in data.get(label) or []] for label in LABELS[head]}
    return out


def _hashed(texts: list[str]) -> np.ndarray:
    """Character 2- to 4-grams of each word (padded with a space each side), hashed into
    ``HASHED`` buckets by CRC-32 and scaled to unit length. Written out rather than taken
    from scikit-learn so that reading a question never imports it (it costs a cold ask half
    a second); the same function makes the training features."""
    out = np.zeros((len(texts), HASHED), dtype=np.float32)
    for row, text in enumerate(texts):
        for word in text.split():
            padded = f" {word} "
            for size in (2, 3, 4):
                for start in range(len(padded) - size + 1):
                    gram = padded[start : start + size].encode()
                    out[row, zlib.crc32(gram) % HASHED] += 1.0
        norm = float(np.linalg.norm(out[row]))
        if norm:
            out[row] /= norm
    return out


def features(texts: list[str], embed) -> np.ndarray:
    """Embedding and hashed n-grams of the normalised texts, side by side."""
    texts = [normal(t) for t in texts]
    dense = np.asarray(embed(texts), dtype=np.float32)
    return np.hstack([dense, _hashed(texts)])


@dataclass
class Head:
    labels: tuple[str, ...]
    coef: np.ndarray  # labels × features
    intercept: np.ndarray

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        logits = x @ self.coef.T + self.intercept
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return exp / exp.sum(axis=1, keepdims=True)

    def guess(self, x: np.ndarray) -> list[Guess]:
        out = []
        for row in self.probabilities(x):
            first, second = np.argsort(-row)[:2]
            out.append(
                Guess(
                    self.labels[first],
                    float(row[first]),
                    self.labels[second],
                    float(row[second]),
                )
            )
        return out


def train(embed, data: dict | None = None) -> dict[str, Head]:
    """Fit one logistic regression per head on the exemplar bank (deterministic)."""
    from sklearn.linear_model import LogisticRegression

    data = data or bank()
    heads = {}
    for head, labelled in data.items():
        texts = [text for label in LABELS[head] for text in labelled[label]]
        y = [label for label in LABELS[head] for _ in labelled[label]]
        from scipy import sparse

        model = LogisticRegression(C=C, max_iter=5000)
        model.fit(sparse.csr_matrix(features(texts, embed)), y)
        heads[head] = Head(tuple(model.classes_), model.coef_.astype(np.float32), model.intercept_)
    return heads


def stamp() -> str:
    """What the heads are trained from: the bank's bytes and the embedding model's export."""
    from indexing.embed import model_id

    recipe = f"{model_id()} char-2-4 crc32 {HASHED} C={C}"
    digest = hashlib.sha256(recipe.encode())
    for head in HEADS:
        digest.update((EXEMPLARS / f"{head}s.yaml").read_bytes())
    return digest.hexdigest()[:12]


def heads_path() -> Path:
    from indexing.settings import embeddings, models

    return models() / f"intent-{embeddings()}-{stamp()}.npz"


def save(heads: dict[str, Head], path: Path) -> None:
    arrays = {}
    for name, head in heads.items():
        arrays[f"{name}_labels"] = np.asarray(head.labels)
        arrays[f"{name}_coef"] = head.coef
        arrays[f"{name}_intercept"] = head.intercept
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp.npz")
    np.savez(temporary, **arrays)
    temporary.replace(path)
    # Heads of an earlier bank or export of this kind of model (another kind's stay: the
    # int8 and float32 models each have theirs).
    kind = path.name.rsplit("-", 1)[0]
    stale_heads = [
        *path.parent.glob(f"{kind}-*.npz"),
        *path.parent.glob("intent-" + "?" * 12 + ".npz"),
    ]
    for stale in stale_heads:  # the second: heads named before the kind was
        if stale != path:
            stale.unlink(missing_ok=True)


def load(path: Path) -> dict[str, Head]:
    with np.load(path, allow_pickle=False) as arrays:
        return {
            name: Head(
                tuple(str(label) for label in arrays[f"{name}_labels"]),
                arrays[f"{name}_coef"],
                arrays[f"{name}_intercept"],
            )
            for name in HEADS
        }


_lock = threading.Lock()


def ready(embed) -> Path:
    """The trained heads' file, trained now if there is none for this bank and model."""
    path = heads_path()
    with _lock:
        if not path.exists():
            try:
                save(train(embed), path)
            except OSError:
                # A read-only models folder: train into memory each process instead.
                return path
    return path


@lru_cache(maxsize=4)
def _heads(path: Path) -> dict[str, Head] | None:
    return load(path) if path.exists() else None


class Classifier:
    """The trained heads and the model that embeds; ``read`` classifies one question."""

    def __init__(self, embed):
        self._embed = embed
        path = ready(embed)
        self.heads = _heads(path) or train(embed)

    def read(self, text: str) -> dict[str, Guess]:
        x = features([text], self._embed)
        return {name: head.guess(x)[0] for name, head in self.heads.items()}
