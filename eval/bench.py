"""Speed and scale: `make bench`.

Corpora of 10, 50 and 200 fictional reports from the sample generator. For each, resultsqa
and the naive llama-index pipeline each run in a process of their own (so peak memory is
theirs alone): index the corpus, then answer the same questions warm. Also: a cold single
`resultsqa ask`, and the seed corpus figures from issue 2. Results go to eval/bench.md with
the machine and command, and a plot to eval/bench.png. Timings are not tests: machines here
are noisy, so targets are checked here, not in the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

HERE = Path(__file__).parent
ROUNDS = 5


def questions() -> list[str]:
    from indexing.samples import fictional_report

    truth, _ = fictional_report(0)
    outcome, output = truth.outcomes[0], truth.outputs[0]
    donor = outcome.non_core[0].partner
    return [
        f"What was the shortfall on output {output.code}?",
        "Which output has the largest shortfall?",
        "Which milestones were missed in 2023 in Kenya?",
        f"How much did {donor} contribute to {outcome.code}?",
        f"What is the total planned budget of the outputs under {outcome.code}?",
        "Why was the prevalence survey delayed?",
        "What did the guarantee facility achieve in Nairobi?",
        "How many women were trained in digital and financial skills in Kenya in 2023?",
        f"Who are the UN partners on {outcome.code}?",
        "What is the gender pay gap in Peru?",
        # Figures stated only in progress notes: answered from the sentence index.
        "What was the Kenya office's delivery rate in 2023?",
        "How many women obtained protection orders in the first six months?",
    ]


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def child(system: str, corpus: Path, work: Path) -> dict:
    """Runs in its own process: index ``corpus``, then time the questions warm."""
    asked = questions()
    started = time.perf_counter()
    if system == "resultsqa":
        from app.answering import Answerer
        from indexing.embed import get_embedder
        from indexing.pipeline import index_paths
        from indexing.store import open_store

        embedder = get_embedder()
        load_s = time.perf_counter() - started
        store = open_store(work / "store")
        began = time.perf_counter()
        summary = index_paths([corpus], store, embedder=embedder)
        index_s = time.perf_counter() - began
        pages, records = summary.pages, summary.records
        answerer = Answerer(store, embedder=embedder)

        def ask(question: str) -> None:
            answerer.ask(question)
    else:
        from eval.naive import NaiveRAG

        naive = NaiveRAG(work / "naive")
        load_s = time.perf_counter() - started
        began = time.perf_counter()
        naive.index(corpus)
        index_s = time.perf_counter() - began
        pages, records = naive.pages, naive.chunks

        def ask(question: str) -> None:
            naive.ask(question)

    for question in asked:  # warm-up
        ask(question)
    timings = []
    for _ in range(ROUNDS):
        for question in asked:
            began = time.perf_counter()
            ask(question)
            timings.append((time.perf_counter() - began) * 1000)
    return {
        "system": system,
        "pages": pages,
        "records": records,
        "model_load_s": round(load_s, 2),
        "index_s": round(index_s, 2),
        "pages_per_s": round(pages / index_s, 1),
        "records_per_s": round(records / index_s, 1),
        "p50_ms": round(statistics.median(timings), 1),
        "p95_ms": round(percentile(timings, 0.95), 1),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "store_mb": round(folder_size(work) / 1024 / 1024, 1),
    }


def run_child(system: str, corpus: Path, work: Path) -> dict:
    work.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "eval.bench",
            "--child",
            system,
            "--corpus",
            str(corpus),
            "--work",
            str(work),
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=HERE.parent,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def cold_ask(store: Path, question: str) -> float:
    """Median wall time of a fresh `resultsqa ask` process, start to answer."""
    resultsqa = Path(sys.executable).with_name("resultsqa")
    timings = []
    for _ in range(3):
        began = time.perf_counter()
        subprocess.run(
            [str(resultsqa), "ask", question, "--store", str(store)],
            check=True,
            capture_output=True,
        )
        timings.append(time.perf_counter() - began)
    return statistics.median(timings)


def plot(rows: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = sorted({r["reports"] for r in rows})
    figure, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    for system, style in (("resultsqa", "o-"), ("naive_rag", "s--")):
        mine = sorted((r for r in rows if r["system"] == system), key=lambda r: r["reports"])
        left.plot(sizes, [r["index_s"] for r in mine], style, label=system)
        right.plot(sizes, [r["p95_ms"] for r in mine], style, label=f"{system} p95")
        right.plot(sizes, [r["p50_ms"] for r in mine], style, alpha=0.5, label=f"{system} p50")
    left.set(title="Indexing time", xlabel="reports", ylabel="seconds")
    right.set(title="Warm question latency", xlabel="reports", ylabel="ms")
    right.axhline(100, color="grey", linewidth=0.8, linestyle=":")
    for axis in (left, right):
        axis.legend()
        axis.grid(alpha=0.3)
    figure.tight_layout()
    figure.savefig(path, dpi=110)


def main(sizes: list[int]) -> str:
    from indexing.samples import build_samples

    root = Path(tempfile.mkdtemp(prefix="resultsqa-bench-"))
    rows = []
    cold = None
    try:
        for size in sizes:
            corpus = root / f"corpus-{size}"
            build_samples(corpus, count=size, include_seed=False)
            for system in ("resultsqa", "naive_rag"):
                row = run_child(system, corpus, root / f"{system}-{size}")
                row["reports"] = size
                rows.append(row)
                print(json.dumps(row), flush=True)
        store = root / f"resultsqa-{max(sizes)}" / "store"
        # A figure by code needs no model; a question by meaning loads it.
        cold = (cold_ask(store, questions()[0]), cold_ask(store, questions()[5]))
    finally:
        if rows:
            plot(rows, HERE / "bench.png")
        shutil.rmtree(root, ignore_errors=True)
    return report(rows, cold, sizes)


def report(rows: list[dict], cold: float | None, sizes: list[int]) -> str:
    machine = (
        f"{platform.machine()}, {os.cpu_count()} cores, "
        f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB, "
        f"Python {platform.python_version()}"
    )
    lines = [
        "# Benchmarks",
        "",
        f"Command: `make bench` (`.venv/bin/python -m eval.bench --sizes "
        f"{','.join(map(str, sizes))}`)  ",
        f"Machine: {machine}  ",
        f"Date: {time.strftime('%Y-%m-%d %H:%M %Z')}  ",
        "Corpora: fictional reports from the sample generator (about 15 pages each). Each "
        f"system indexes in its own process, then answers {len(questions())} questions × "
        f"{ROUNDS} rounds warm. The naive pipeline's answer is its retrieval (no LLM).",
        "",
        "| reports | system | pages | records/chunks | model load s | index s | pages/s | "
        "records/s | p50 ms | p95 ms | peak MB | store MB |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        lines.append(
            f"| {row['reports']} | {row['system']} | {row['pages']} | {row['records']} | "
            f"{row['model_load_s']} | {row['index_s']} | {row['pages_per_s']} | "
            f"{row['records_per_s']} | "
            f"{row['p50_ms']} | {row['p95_ms']} | {row['peak_mb']} | {row['store_mb']} |"
        )
    lines += [
        "",
        "resultsqa ÷ naive, same corpus and run:",
        "",
        "| reports | indexing time | p95 latency | peak memory | store size |",
        "|---|---|---|---|---|",
    ]
    for size in sizes:
        ours = next(r for r in rows if r["reports"] == size and r["system"] == "resultsqa")
        naive = next(r for r in rows if r["reports"] == size and r["system"] == "naive_rag")
        lines.append(
            f"| {size} | {ours['index_s'] / naive['index_s']:.2f} | "
            f"{ours['p95_ms'] / naive['p95_ms']:.2f} | {ours['peak_mb'] / naive['peak_mb']:.2f} "
            f"| {ours['store_mb'] / naive['store_mb']:.2f} |"
        )
    largest = max(sizes)
    ours = next(r for r in rows if r["reports"] == largest and r["system"] == "resultsqa")
    naive = next(r for r in rows if r["reports"] == largest and r["system"] == "naive_rag")
    lines += [
        "",
        f"Targets at {largest} reports: warm question p95 {ours['p95_ms']} ms (target < 100); "
        f"indexing {ours['index_s']} s against the naive {naive['index_s']} s (target: no "
        f"slower); cold single `resultsqa ask` {cold[0]:.2f} s for a figure by code, "
        f"{cold[1]:.2f} s for a question that loads the model (target < 10)."
        if cold is not None
        else "",
        "",
        "![Indexing time and warm latency by corpus size](bench.png)",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10,50,200")
    parser.add_argument("--child", choices=["resultsqa", "naive_rag"])
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--work", type=Path)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.corpus, args.work)))
    else:
        text = main([int(s) for s in args.sizes.split(",")])
        print(text)
        (HERE / "bench.md").write_text(text, encoding="utf-8")
