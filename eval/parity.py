"""The int8 embedding model against the float32 one it is quantized from.

``python -m eval.parity`` (``make parity``) runs the whole evaluation once per model, each in
its own process and data folder (indexes built by that model, questions embedded by it), and
writes ``eval/parity.md``: how close the vectors are on every eval text, whether every
answer (gold questions, their other wordings, the follow-up dialogues) and its citations are
the same, and how fast each model embeds. The int8 model is the default only while this
holds: cosine ≥ 0.98 on every text and the same answer to every question.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

KINDS = ("float32", "int8")
FLOOR = 0.98
REPORT = Path(__file__).with_name("parity.md")


def eval_texts() -> list[str]:
    """Every question of the gold set, its wordings and the annotated sentences."""
    from .evaluate import load_gold, load_wordings
    from .facts import READ_APART, SETS, UNSEEN, load

    texts = [q["question"] for q in load_gold() + load_wordings()]
    texts += [s["sentence"] for name in (*SETS, *READ_APART, *UNSEEN) for s in load(name)]
    return list(dict.fromkeys(texts))


def child(kind: str, out: Path) -> None:
    """One model's answers and speed, written to ``out`` (run in a process of its own)."""
    from indexing.embed import get_embedder

    from .evaluate import evaluate

    texts = eval_texts()
    embedder = get_embedder()
    embedder.embed(texts[:64])  # warm
    started = time.perf_counter()
    vectors = embedder.embed(texts)
    rate = len(texts) / (time.perf_counter() - started)
    outcome = evaluate(systems=("resultsqa",))
    result = outcome["results"]["resultsqa"]
    rows = {}
    for label, part in (
        ("gold", result),
        ("wording", result.wordings),
        ("dialogue", result.dialogues),
    ):
        for row in part.rows:
            rows[f"{label}:{row['id']}:{row['question']}"] = {
                "answer": row["answer"],
                "citations": [list(c) for c in row["citations"]],
                "right": row["right"],
            }
    out.write_text(
        json.dumps(
            {"kind": kind, "texts_per_s": rate, "texts": texts, "vectors": vectors, "rows": rows}
        )
    )


def compare(base: dict, other: dict) -> dict:
    import numpy as np

    a = np.asarray(base["vectors"], dtype=np.float32)
    b = np.asarray(other["vectors"], dtype=np.float32)
    cosines = (a * b).sum(axis=1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))
    worst = int(np.argmin(cosines))
    differ = [
        key
        for key in base["rows"]
        if base["rows"][key]["answer"] != other["rows"].get(key, {}).get("answer")
    ]
    cited = [
        key
        for key in base["rows"]
        if base["rows"][key]["citations"] != other["rows"].get(key, {}).get("citations")
    ]
    runs = (base, other)
    right = [sum(r["right"] for r in run["rows"].values()) for run in runs]
    return {
        "texts": len(cosines),
        "min_cosine": float(cosines.min()),
        "mean_cosine": float(cosines.mean()),
        "below_floor": int((cosines < FLOOR).sum()),
        "worst_text": base["texts"][worst],
        "questions": len(base["rows"]),
        "answers_differ": differ,
        "citations_differ": cited,
        "right": right,
        "texts_per_s": [run["texts_per_s"] for run in runs],
        "kinds": [run["kind"] for run in runs],
        "examples": [
            (key, base["rows"][key]["answer"], other["rows"][key]["answer"]) for key in differ
        ],
    }


def report(summary: dict, command: str = "make parity") -> str:
    speed, right, (one, two) = summary["texts_per_s"], summary["right"], summary["kinds"]
    holds = summary["below_floor"] == 0 and not summary["answers_differ"]
    lines = [
        f"# {two} against {one} embeddings",
        "",
        f"Produced by `{command}` on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}: the",
        "whole evaluation once per model, each indexing and asking with its own model.",
        "",
        f"| | {one} | {two} |",
        "|---|---|---|",
        f"| texts embedded per second (2 cores) | {speed[0]:.0f} | {speed[1]:.0f} |",
        f"| questions answered right | {right[0]} | {right[1]} |",
        "",
        f"- Vectors on {summary['texts']} eval texts: cosine min {summary['min_cosine']:.4f}, "
        f"mean {summary['mean_cosine']:.4f}; {summary['below_floor']} below {FLOOR}. "
        f"Farthest: \u201c{summary['worst_text'][:120]}\u201d.",
        f"- Answers on {summary['questions']} questions (gold, other wordings, dialogues): "
        f"{len(summary['answers_differ'])} differ in text, "
        f"{len(summary['citations_differ'])} in citations.",
        f"- Parity {'holds' if holds else 'does not hold'}.",
    ]
    for key, first, second in summary["examples"][:40]:
        lines += [
            "",
            f"### {key}",
            f"- {one}: {first[:400]!r}",
            f"- {two}: {second[:400]!r}",
        ]
    return "\n".join(lines) + "\n"


def main(kinds: tuple[str, str] = KINDS) -> dict:
    runs = []
    with tempfile.TemporaryDirectory(prefix="resultsqa-parity-") as work:
        for number, kind in enumerate(kinds):
            out = Path(work) / f"{number}-{kind}.json"
            env = dict(
                os.environ,
                RESULTSQA_EMBEDDINGS=kind,
                RESULTSQA_HOME=str(Path(work) / f"{number}-{kind}"),
                HF_HUB_OFFLINE="1",
            )
            env.pop("RESULTSQA_STORE", None)
            subprocess.run(
                [sys.executable, "-m", "eval.parity", "--child", kind, str(out)],
                env=env,
                check=True,
            )
            runs.append(json.loads(out.read_text()))
    summary = compare(*runs)
    REPORT.write_text(report(summary), encoding="utf-8")
    print(report(summary))
    return summary


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2], Path(sys.argv[3]))
    else:
        main(tuple(sys.argv[1:3]) or KINDS)
