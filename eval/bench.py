"""Speed of indexing and answering on this machine: ``make bench``.

Not a test: timings are printed and written to eval/bench.md with the machine and command,
so that they can be compared run to run. Targets (issue 2): a warm question under 100 ms,
a cold single ``resultsqa ask`` under 10 s, indexing at least 10 pages a second.
"""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

QUESTIONS = [
    "What was the shortfall on output MEX_D_2.1.1?",
    "How much did the Multi-Partner Trust Fund Office contribute to the Mexico care outcome?",
    "Which output has the largest shortfall?",
    "How many women were reached with labour-rights information in 2021, against the milestone?",
    "Which milestones were missed in 2023?",
    "What is the 2025 target for the number of women with improved access to information?",
    "What did the care-system work achieve in 2022?",
    "Who are the UN partners on the Mexico outcome?",
    "What is the total planned budget of the outputs under MEX_D_2.1?",
    "Why was the prevalence survey delayed?",
    "What were the expenses of MEX_D_2.1.3?",
    "What is the gender pay gap in Peru?",
]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main(fictional: int = 8) -> str:
    from app.answer import Answerer
    from indexing.embed import get_embedder
    from indexing.pipeline import index_paths
    from indexing.samples import build_samples
    from indexing.store import open_store

    work = Path(tempfile.mkdtemp(prefix="resultsqa-bench-"))
    folder = work / "samples"
    build_samples(folder, count=fictional)
    started = time.perf_counter()
    embedder = get_embedder()
    load_s = time.perf_counter() - started

    store = open_store(work / "store")
    summary = index_paths([folder], store, embedder=embedder)
    pages_per_s = summary.pages / summary.seconds

    answerer = Answerer(store, embedder=embedder)
    for question in QUESTIONS:  # warm-up: the catalog and the first query
        answerer.ask(question)
    timings = []
    for _ in range(5):
        for question in QUESTIONS:
            started = time.perf_counter()
            answerer.ask(question)
            timings.append((time.perf_counter() - started) * 1000)

    resultsqa = Path(sys.executable).with_name("resultsqa")
    cold = []
    for _ in range(3):
        started = time.perf_counter()
        subprocess.run(
            [str(resultsqa), "ask", QUESTIONS[3], "--store", str(work / "store")],
            check=True,
            capture_output=True,
        )
        cold.append(time.perf_counter() - started)

    rows = [
        ("files indexed", f"{len(summary.indexed)}"),
        ("pages indexed", f"{summary.pages}"),
        ("records indexed", f"{summary.records}"),
        ("model load (s)", f"{load_s:.2f}"),
        ("indexing, model warm (pages/s)", f"{pages_per_s:.1f}  (target ≥ 10)"),
        ("indexing (records/s)", f"{summary.records / summary.seconds:.1f}"),
        ("warm question p50 (ms)", f"{statistics.median(timings):.1f}"),
        ("warm question p95 (ms)", f"{percentile(timings, 0.95):.1f}  (target < 100)"),
        ("warm question max (ms)", f"{max(timings):.1f}"),
        ("cold `resultsqa ask` median (s)", f"{statistics.median(cold):.2f}  (target < 10)"),
    ]
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    lines = [
        "# Benchmarks",
        "",
        "Command: `make bench` (`.venv/bin/python -m eval.bench`)  ",
        f"Machine: {machine}  ",
        f"Date: {time.strftime('%Y-%m-%d %H:%M %Z')}  ",
        f"Corpus: the seed PDF and {fictional} fictional sample reports "
        f"({len(QUESTIONS)} questions × 5 rounds for the warm figures)",
        "",
        "| measure | value |",
        "|---|---|",
        *[f"| {name} | {value} |" for name, value in rows],
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    report = main()
    print(report)
    Path(__file__).with_name("bench.md").write_text(report, encoding="utf-8")
