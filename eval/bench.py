"""Speed and scale: `make bench`.

Corpora of 10, 50, 200 and 1,000 fictional reports from the sample generator (about 15
pages each, so 1,000 reports is some 15,000 pages, half the portal's size). For each,
resultsqa and the naive llama-index pipeline each run in a process of their own (so peak
memory is theirs alone): index the corpus, then answer the same questions warm. At the
largest size resultsqa runs once more against a Chroma server (`chroma run`). Also: a cold
single `resultsqa ask` by code and by meaning, the catalog's size in memory and on disk, and
the extrapolation to the portal's 30,000 pages. Results go to eval/bench.md with the machine
and command, and a plot to eval/bench.png. Timings are not tests: machines here are noisy,
so targets are checked here, not in the test suite.
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
    extra = {}
    if system.startswith("resultsqa"):
        from app.answering import Answerer
        from indexing.embed import get_embedder
        from indexing.pipeline import index_paths
        from indexing.store import open_store

        embedder = get_embedder()
        load_s = time.perf_counter() - started
        store = open_store(work / "store")  # the server, when RESULTSQA_CHROMA_URL is set
        began = time.perf_counter()
        summary = index_paths([corpus], store, embedder=embedder)
        index_s = time.perf_counter() - began
        pages, records = summary.pages, summary.records
        extra["texts"], extra["embedded"] = summary.texts, summary.embedded
        answerer = Answerer(store, embedder=embedder)
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        began = time.perf_counter()
        catalog = answerer.catalog()
        extra["catalog_load_s"] = round(time.perf_counter() - began, 2)
        extra["catalog_mb"] = round(catalog_bytes(catalog) / 2**20, 1)
        extra["rss_growth_mb"] = round(
            (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024, 1
        )
        snapshots = list((work / "store").glob(".resultsqa-catalog-*"))
        if snapshots:  # written beside an embedded index: what a cold question reads from
            extra["snapshot_mb"] = round(folder_size(snapshots[0]) / 2**20, 1)

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
        **extra,
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


EDITION_YEARS = (2022, 2023, 2024)


def build_editions(root: Path, offices: int) -> list[Path]:
    """Three yearly editions of each office's report, a folder per year: one plan and one
    generator seed per office, as the portal keeps an office's report from year to year
    (the statements, indicators and outputs repeat; tables, budgets and notes move on)."""
    from dataclasses import replace

    from indexing.samples import fictional_spec, render_pdf, spec_report

    folders = []
    for year in EDITION_YEARS:
        folder = root / str(year)
        folder.mkdir(parents=True, exist_ok=True)
        for office in range(offices):
            spec = fictional_spec(office)
            edition = replace(
                spec,
                file=f"{Path(spec.file).stem.removesuffix('_2023')}_{year}.pdf",
                seed=f"resultsqa-edition-{office}",
                data_years=(year,),
            )
            render_pdf(spec_report(edition)[1], folder / edition.file)
        folders.append(folder)
    return folders


def editions_child(root: Path, work: Path) -> dict:
    """Index the editions a year at a time into one index, then all of them again into a
    second index in the same folder: how many texts each step asked for and embedded."""
    from indexing.embed import get_embedder
    from indexing.pipeline import index_paths
    from indexing.store import open_store

    embedder = get_embedder()
    steps = []
    store = open_store(work / "store")
    for year in EDITION_YEARS:
        began = time.perf_counter()
        summary = index_paths([root / str(year)], store, embedder=embedder)
        steps.append(_step(f"{year} editions", summary, time.perf_counter() - began))
    again = open_store(work / "store", "again")  # same folder, so the same cache
    began = time.perf_counter()
    summary = index_paths([root / str(year) for year in EDITION_YEARS], again, embedder=embedder)
    steps.append(_step("all three again, a new index", summary, time.perf_counter() - began))
    return {
        "steps": steps,
        "cache_mb": round((work / "store" / "embeddings.sqlite3").stat().st_size / 2**20, 1),
    }


def _step(name: str, summary, seconds: float) -> dict:
    return {
        "step": name,
        "files": len(summary.indexed),
        "pages": summary.pages,
        "texts": summary.texts,
        "embedded": summary.embedded,
        "index_s": round(seconds, 1),
        "pages_per_s": round(summary.pages / seconds, 1) if seconds else 0,
    }


def run_editions(offices: int, root: Path) -> dict:
    build_editions(root / "editions", offices)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "eval.bench",
            "--editions-child",
            str(root / "editions"),
            "--work",
            str(root / "editions-work"),
        ],
        capture_output=True,
        text=True,
        cwd=HERE.parent,
    )
    if result.returncode != 0:
        raise RuntimeError(f"the editions run failed:\n{result.stderr[-4000:]}")
    return {"offices": offices, **json.loads(result.stdout.strip().splitlines()[-1])}


def catalog_bytes(catalog) -> int:
    """What the in-memory catalog holds, as its pickle's size (vectors, records, BM25)."""
    import pickle

    return len(pickle.dumps(catalog, protocol=5))


def run_child(system: str, corpus: Path, work: Path, env: dict | None = None) -> dict:
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
        cwd=HERE.parent,
        env=env,
    )
    if result.returncode != 0:  # say why, not only that it failed
        raise RuntimeError(f"{system} on {corpus} failed:\n{result.stderr[-4000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def on_server(corpus: Path, work: Path) -> dict:
    """resultsqa indexing and answering against a `chroma run` server on 127.0.0.1."""
    import urllib.request

    from tests.servers import chroma_command, free_port

    port = free_port()
    work.mkdir(parents=True, exist_ok=True)
    with (work / "server.log").open("w") as log:
        server = subprocess.Popen(chroma_command(work / "data", port), stdout=log, stderr=log)
        try:
            for _ in range(240):
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=2)
                    break
                except OSError:
                    time.sleep(0.5)
            env = dict(
                os.environ,
                RESULTSQA_CHROMA_URL=f"http://127.0.0.1:{port}",
                RESULTSQA_COLLECTION="bench",
            )
            return run_child("resultsqa_server", corpus, work / "client", env=env)
        finally:
            server.terminate()
            server.wait(timeout=60)


def cold_ask(store: Path, question: str) -> tuple[float, float]:
    """Median wall time of a fresh `resultsqa ask` process, start to answer, and its peak
    memory in MB (the first run, which writes the catalog's snapshot, is not counted: that
    happens once per change of the index)."""
    resultsqa = Path(sys.executable).with_name("resultsqa")
    command = [str(resultsqa), "ask", question, "--store", str(store)]
    subprocess.run(command, check=True, capture_output=True)
    timings, peaks = [], []
    for _ in range(5):
        began = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(process.pid, 0)
        timings.append(time.perf_counter() - began)
        if os.waitstatus_to_exitcode(status) != 0:
            raise RuntimeError(f"resultsqa ask failed:\n{process.stderr.read().decode()[-4000:]}")
        process.stderr.close()
        peaks.append(usage.ru_maxrss / 1024)
    return statistics.median(timings), max(peaks)


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
    served = [r for r in rows if r["system"] == "resultsqa_server"]
    if served:
        right.plot(
            [r["reports"] for r in served],
            [r["p95_ms"] for r in served],
            "^",
            label="on a server p95",
        )
    for axis in (left, right):
        axis.set_xscale("log")
        axis.legend()
        axis.grid(alpha=0.3)
    figure.tight_layout()
    figure.savefig(path, dpi=110)


def main(sizes: list[int], server: bool = True, offices: int = 125) -> str:
    from indexing.samples import build_samples

    root = Path(tempfile.mkdtemp(prefix="resultsqa-bench-"))
    rows = []
    cold = {}
    editions = None
    try:
        if offices:
            editions = run_editions(offices, root)
            print(json.dumps(editions), flush=True)
        for size in sizes:
            corpus = root / f"corpus-{size}"
            build_samples(corpus, count=size, include_seed=False)
            for system in SYSTEMS:
                env = (
                    dict(os.environ, RESULTSQA_EMBEDDINGS=SYSTEMS[system])
                    if SYSTEMS[system]
                    else None
                )
                row = run_child(system, corpus, root / f"{system}-{size}", env)
                row["reports"] = size
                rows.append(row)
                print(json.dumps(row), flush=True)
            if size >= 200:
                store = root / f"resultsqa-{size}" / "store"
                # A figure by code needs no model; a question by meaning loads it.
                cold[size] = (*cold_ask(store, questions()[0]), *cold_ask(store, questions()[5]))
                print(json.dumps({"cold": size, "s": cold[size]}), flush=True)
            if server and size == max(sizes):
                try:
                    row = on_server(corpus, root / f"server-{size}")
                except RuntimeError as error:  # reported, and the embedded figures still stand
                    print(f"server run failed: {error}", file=sys.stderr, flush=True)
                else:
                    row["reports"] = size
                    rows.append(row)
                    print(json.dumps(row), flush=True)
            shutil.rmtree(corpus, ignore_errors=True)
    finally:
        if rows:
            plot(rows, HERE / "bench.png")
        shutil.rmtree(root, ignore_errors=True)
    return report(rows, cold, sizes, editions)


# Each system's run, and the embedding model it is given (None: the configured default).
SYSTEMS = {"resultsqa": None, "resultsqa_int8": "int8", "naive_rag": None}


def editions_table(editions: dict) -> list[str]:
    lines = [
        "",
        f"Editions: {editions['offices']} offices, three yearly editions each "
        f"({', '.join(map(str, EDITION_YEARS))}), indexed a year at a time into one index, "
        "then all again into a second index in the same folder. Texts are what the chunks "
        "give the model; embedded are those it ran on (the rest were in the embedding cache, "
        f"`embeddings.sqlite3`, {editions['cache_mb']} MB at the end):",
        "",
        "| step | files | pages | texts | embedded | share embedded | index s | pages/s |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for step in editions["steps"]:
        share = step["embedded"] / step["texts"] if step["texts"] else 0
        lines.append(
            f"| {step['step']} | {step['files']} | {step['pages']} | {step['texts']} | "
            f"{step['embedded']} | {share:.0%} | {step['index_s']} | {step['pages_per_s']} |"
        )
    return lines


def report(rows: list[dict], cold: dict, sizes: list[int], editions: dict | None = None) -> str:
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
        f"{ROUNDS} rounds warm. The naive pipeline's answer is its retrieval (no LLM). "
        "`resultsqa` embeds with the float32 ONNX model, `resultsqa_int8` with its int8 "
        "copy (`RESULTSQA_EMBEDDINGS=int8`; eval/parity.md compares their answers). "
        "`resultsqa_server` is resultsqa on a Chroma server (`chroma run` on 127.0.0.1).",
        "",
        "| reports | system | pages | records/chunks | model load s | index s | pages/s | "
        "records/s | texts embedded / asked | p50 ms | p95 ms | peak MB | store MB |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        lines.append(
            f"| {row['reports']} | {row['system']} | {row['pages']} | {row['records']} | "
            f"{row['model_load_s']} | {row['index_s']} | {row['pages_per_s']} | "
            f"{row['records_per_s']} | {row.get('embedded', '—')} / {row.get('texts', '—')} | "
            f"{row['p50_ms']} | {row['p95_ms']} | {row['peak_mb']} | {row['store_mb']} |"
        )
    lines += [
        "",
        "resultsqa ÷ naive, same corpus and run (below 1 is resultsqa faster or smaller):",
        "",
        "| reports | indexing time | pages/s ratio | p95 latency | peak memory | store size |",
        "|---|---|---|---|---|---|",
    ]
    for size in sizes:
        ours = _row(rows, size, "resultsqa")
        naive = _row(rows, size, "naive_rag")
        lines.append(
            f"| {size} | {ours['index_s'] / naive['index_s']:.2f} | "
            f"{ours['pages_per_s'] / naive['pages_per_s']:.2f}× | "
            f"{ours['p95_ms'] / naive['p95_ms']:.2f} | {ours['peak_mb'] / naive['peak_mb']:.2f} "
            f"| {ours['store_mb'] / naive['store_mb']:.2f} |"
        )
    lines += [
        "",
        "The catalog a question is answered from (records, their vectors, BM25 and the",
        "indexes that pick records by country, code, year and figure as arrays) grows with the",
        "corpus. It is read back from Chroma once per change of the index; beside an embedded",
        "index it is then kept as a snapshot, one file per kind of record with its vectors",
        "memory-mapped, and a cold question reads only the kinds it needs:",
        "",
        "| reports | records | catalog MB (pickled) | RSS growth on load MB | "
        "load from Chroma s | snapshot on disk MB |",
        "|---|---|---|---|---|---|",
    ]
    for row in rows:
        if "catalog_mb" in row:
            lines.append(
                f"| {row['reports']} ({row['system']}) | {row['records']} | "
                f"{row['catalog_mb']} | {row['rss_growth_mb']} | {row['catalog_load_s']} | "
                f"{row.get('snapshot_mb', '—')} |"
            )
    largest = max(sizes)
    ours = _row(rows, largest, "resultsqa")
    naive = _row(rows, largest, "naive_rag")
    served = next((r for r in rows if r["system"] == "resultsqa_server"), None)
    portal = 30_000
    lines += ["", "Targets:", ""]
    for size, (by_code, code_mb, by_meaning, meaning_mb) in sorted(cold.items()):
        lines.append(
            f"- cold single `resultsqa ask` at {size} reports: {by_code:.2f} s for a figure by "
            f"code (target ≤ 1.5), {by_meaning:.2f} s for a question by meaning (target ≤ 3); "
            f"peak memory {code_mb:.0f} MB and {meaning_mb:.0f} MB;"
        )
    at200 = [r for r in rows if r["reports"] == 200]
    if at200:
        mine, theirs = _row(rows, 200, "resultsqa"), _row(rows, 200, "naive_rag")
        lines.append(
            f"- indexing at 200 reports: {mine['pages_per_s']} pages/s (target ≥ 48, twice "
            f"the 24 measured before), {mine['pages_per_s'] / theirs['pages_per_s']:.2f}× the "
            "naive pipeline's pages/s in the same run (target ≥ 1.5);"
        )
    lines.append(
        f"- warm at {largest} reports: p50 {ours['p50_ms']} ms, p95 {ours['p95_ms']} ms "
        "embedded"
        + (f"; p50 {served['p50_ms']} ms, p95 {served['p95_ms']} ms on a server" if served else "")
        + " (targets ≤ 10 and ≤ 60);"
    )
    minutes = portal / ours["pages_per_s"] / 60
    lines.append(
        f"- {portal:,} pages at the {largest}-report rate ({ours['pages_per_s']} pages/s): "
        f"{minutes:.1f} min of indexing (target ≤ 20); the naive pipeline "
        f"{portal / naive['pages_per_s'] / 60:.1f} min."
    )
    if editions:
        lines += editions_table(editions)
    lines += ["", "![Indexing time and warm latency by corpus size](bench.png)", ""]
    return "\n".join(lines)


def _row(rows: list[dict], size: int, system: str) -> dict:
    return next(r for r in rows if r["reports"] == size and r["system"] == system)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10,50,200,1000")
    parser.add_argument("--no-server", action="store_true", help="Skip the Chroma server run.")
    parser.add_argument("--child", choices=[*SYSTEMS, "resultsqa_server"])
    parser.add_argument(
        "--editions", type=int, default=125, help="Offices in the editions run (0: none)."
    )
    parser.add_argument("--editions-child", type=Path)
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--work", type=Path)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.corpus, args.work)))
    elif args.editions_child:
        print(json.dumps(editions_child(args.editions_child, args.work)))
    else:
        sizes = [int(s) for s in args.sizes.split(",")]
        text = main(sizes, server=not args.no_server, offices=args.editions)
        print(text)
        (HERE / "bench.md").write_text(text, encoding="utf-8")
