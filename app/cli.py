"""The ``resultsqa`` command line: a thin layer over indexing/ and app/answering/."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from app.terminal import one_line, plain
from indexing import settings
from indexing.errors import ResultsQAError

STORE_OPTION = click.option(
    "--store",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Index folder (default: $RESULTSQA_STORE, else store/ in the data folder). "
    "Ignored when RESULTSQA_CHROMA_URL names a Chroma server.",
)


DEMO_OPTION = click.option(
    "--demo",
    is_flag=True,
    help="Use the demo index (the fictional sample reports) instead of yours.",
)


class Commands(click.Group):
    """Turns resultsqa's own errors, a bad setting among them, into a clean message and exit
    status 1 wherever they are raised, defaults included: never a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except ResultsQAError as error:
            raise click.ClickException(str(error)) from None


def _open(
    store: Path | None, must_exist: bool = False, lazy: bool = False, name: str | None = None
):
    from indexing.paths import default_store
    from indexing.store import open_store

    settings.check(*settings.INDEX)
    folder = store or default_store()
    if must_exist and not settings.chroma_url() and not folder.exists():
        raise click.ClickException(
            f"no index at {folder}; build one with: resultsqa index PATH --store {folder}"
        )
    try:
        return open_store(folder, name, lazy=lazy)
    except ResultsQAError as error:
        raise click.ClickException(str(error)) from None


def _served(store: Path | None, demo: bool) -> str:
    """The index to answer from (indexing.store.served_name), said on stderr when it is the
    demo, so an answer from fictional samples is never taken for one from real reports."""
    from indexing.store import is_demo, served_name

    settings.check(*settings.INDEX)
    try:
        name = served_name(store, demo)
    except ResultsQAError as error:
        raise click.ClickException(str(error)) from None
    if is_demo(name):
        why = "" if demo else " (your index is empty; add reports with: resultsqa index PATH)"
        click.echo(f"Demo index: fictional sample reports, made-up figures{why}", err=True)
    return name


@click.group(cls=Commands)
@click.version_option(package_name="resultsqa")
def cli() -> None:
    """Cited answers to progress and funding questions over UN Women results reports."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@STORE_OPTION
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.option(
    "--prune", is_flag=True, help="Also drop indexed files that are gone from the given folders."
)
@click.option(
    "--samples",
    "with_samples",
    is_flag=True,
    help="Index the sample reports in the data folder (built by: resultsqa samples) into the "
    "demo index, apart from yours.",
)
def index(
    paths: tuple[Path, ...], store: Path | None, quiet: bool, prune: bool, with_samples: bool
) -> None:
    """Index report PDFs (files or folders) into your index. Unchanged files are skipped.

    The fictional sample reports (--samples) go to the demo index, never to yours.

    Exit status: 0 when every file was indexed, 1 when some failed (the rest are indexed).
    """
    from indexing.paths import samples_dir
    from indexing.pipeline import find_files
    from indexing.store import demo_name

    if not paths and not with_samples:
        raise click.UsageError("Missing argument 'PATHS...' (or --samples for the samples).")
    settings.check(*settings.INDEX, *settings.READING)  # before any work
    runs = []
    if paths:
        files = find_files(paths)
        if not files:
            raise click.UsageError("no PDF files found in the given paths")
        runs.append((None, paths, files))
    if with_samples:
        if not samples_dir().is_dir():
            raise click.ClickException(
                f"no sample reports at {samples_dir()}; build them with: resultsqa samples"
            )
        runs.append((demo_name(), (samples_dir(),), find_files((samples_dir(),))))
    failed = False
    for name, folders, files in runs:
        failed |= _index_into(_open(store, name=name), folders, files, quiet, prune)
    if with_samples:
        _samples_in_yours(store)
    sys.exit(1 if failed else 0)


def _samples_in_yours(store: Path | None) -> None:
    """Sample reports indexed into the user's index before the demo had its own: said, with
    how to take them out, since they answer beside real reports (marked as samples)."""
    from indexing.store import collection_name, served_name

    if served_name(store) != collection_name():
        return
    samples = [doc for doc in _open(store).status()["files"] if doc.get("sample")]
    if samples:
        click.echo(
            f"note: your index also holds {len(samples)} fictional sample report(s), indexed "
            "before the samples had a demo index of their own; answers drawn from them say "
            "'fictional sample'. Take them out with: resultsqa remove PATH",
            err=True,
        )


def _index_into(target, paths: tuple[Path, ...], files: list, quiet: bool, prune: bool) -> bool:
    """One index run into ``target``, its progress and summary said; True if a file failed."""
    from tqdm import tqdm

    from indexing.pipeline import index_paths, remove_files, vanished
    from indexing.store import is_demo

    bar = tqdm(
        total=len(files), unit="file", disable=quiet or None, file=sys.stderr, desc="Indexing"
    )
    problems: list[str] = []

    def progress(result) -> None:
        bar.update(1)
        if result.status == "failed":
            problems.append(f"error: {one_line(str(result.path))}: {result.reason}")
        elif result.reason:  # "replaced an earlier copy of …", "same content as …"
            problems.append(f"note: {one_line(str(result.path))}: {result.reason}")
        for warning in result.warnings:
            problems.append(f"warning: {one_line(str(result.path))}: {warning}")

    try:
        summary = index_paths(files, target, progress=progress)
        pruned = remove_files(vanished(paths, target), target) if prune else []
    except ResultsQAError as error:
        raise click.ClickException(plain(str(error))) from None
    finally:
        bar.close()
        # Said even when the store failed part-way: what each file came to so far.
        for line in problems:
            click.echo(plain(line), err=True)
    if summary.cleaned:
        click.echo(
            f"note: removed {summary.cleaned} record(s) an interrupted run left without "
            "their document",
            err=True,
        )
    if summary.cache_problem:
        click.echo(f"note: {plain(summary.cache_problem)}; every text was embedded", err=True)
    for result in pruned:
        click.echo(f"Pruned {one_line(str(result.path))} ({result.records} records): file is gone")
    known = summary.texts - summary.embedded
    rate = summary.pages / summary.seconds if summary.seconds and summary.pages else 0
    click.echo(
        f"Indexed {len(summary.indexed)} file(s), {summary.pages} pages, "
        f"{summary.records} records in {summary.seconds:.1f} s"
        + (f" ({rate:.1f} pages/s)" if rate else "")
        + (f", {known} of {summary.texts} texts embedded before" if known else "")
        + f"; {len(summary.unchanged)} unchanged; {len(summary.failed)} failed. "
        f"Store: {one_line(str(target.where))}"
        + (" (demo index: the fictional samples)" if is_demo(target.name) else "")
    )
    _audit(
        "added",
        [(r.path, _sha256(r.path)) for r in summary.results if r.status in ("indexed", "replaced")],
        target.name,
    )
    return bool(summary.failed)


def _sha256(path: str) -> str:
    import hashlib

    try:
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return ""


def _audit(action: str, entries: list[tuple[str, str]], index_name: str) -> None:
    """Write what was added or removed to the audit log the chat's editors read (who: the
    account on this machine); a database that cannot be written is a note, not a failure."""
    if not entries:
        return
    import getpass

    from app.saved import open_saved

    try:
        user = f"{getpass.getuser()} (command line)"
    except (KeyError, OSError):  # no name for this account (a bare container)
        user = "(command line)"
    try:
        database = open_saved()
        for file, sha256 in entries:
            database.record(user, action, file, sha256, index_name)
    except ResultsQAError as error:
        click.echo(plain(f"note: not written to the audit log: {error}"), err=True)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@STORE_OPTION
@DEMO_OPTION
def remove(paths: tuple[str, ...], store: Path | None, demo: bool) -> None:
    """Drop files' records from your index, or the demo's (the files themselves are not
    touched)."""
    from indexing.pipeline import remove_files
    from indexing.store import demo_name

    try:
        target = _open(store, must_exist=True, name=demo_name() if demo else None)
        held = {doc["path"]: doc for doc in target.documents()}
        results = remove_files(paths, target)
    except ResultsQAError as error:
        raise click.ClickException(str(error)) from None
    removed = []
    for result in results:
        doc = held.get(str(Path(result.path).resolve())) or held.get(str(result.path))
        if result.status == "removed" and doc is not None:
            removed.append((doc["path"], doc.get("sha256", "")))
    _audit("removed", removed, target.name)
    for result in results:
        if result.status == "removed":
            note = f": {result.reason}" if result.reason else ""
            click.echo(
                plain(f"Removed {one_line(str(result.path))} ({result.records} records){note}")
            )
        else:
            click.echo(plain(f"error: {one_line(str(result.path))}: {result.reason}"), err=True)
    sys.exit(1 if any(r.status == "failed" for r in results) else 0)


@cli.command()
@click.argument("question")
@STORE_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print the answer as JSON.")
@click.option(
    "--no-llm",
    is_flag=True,
    help="Give the answer composed from the records even when RESULTSQA_LLM_URL is set.",
)
@click.option(
    "--conversation",
    is_flag=True,
    help="With '-': each line may follow on from the one before ('and in 2023?').",
)
@DEMO_OPTION
def ask(
    question: str, store: Path | None, as_json: bool, no_llm: bool, conversation: bool, demo: bool
) -> None:
    """Ask a question. QUESTION '-' reads one question per line from stdin.

    With --conversation, a line that names no subject of its own, or opens with "and",
    "what about" or "how about", goes on from the line before it.

    With RESULTSQA_LLM_URL set, an LLM rewrites the answer as a briefing sentence; the
    rewrite is kept only if every figure and [n] in it checks out against the sources.
    """
    from app.answering import Answerer
    from app.synthesis import Synthesizer

    if question != "-":
        problem = _unusable(question)
        if problem:
            raise click.UsageError(f"QUESTION {problem}")
    try:  # the LLM's settings first: a bad one is said before the model loads
        synthesizer = None if no_llm else Synthesizer.from_env()
    except ResultsQAError as error:
        raise click.ClickException(str(error)) from None
    # Opened only if the catalog's snapshot is stale: a cold question need not load Chroma.
    answerer = Answerer(_open(store, must_exist=True, lazy=True, name=_served(store, demo)))

    previous = []  # the last question's reading, in a conversation

    def respond(text: str):
        answer = answerer.ask(text, previous=previous[-1] if previous else None)
        if conversation:
            previous[:] = [answer.query]
        if synthesizer is None:
            return answer
        answer = synthesizer.rewrite(answer)
        if not answer.synthesis["used"] and answer.found and not as_json:
            click.echo(plain(f"(LLM draft not used: {answer.synthesis['reason']})"), err=True)
        return answer

    try:
        if question == "-":
            refused = 0
            for number, raw in enumerate(sys.stdin.buffer, start=1):
                try:
                    line = raw.decode("utf-8")
                except UnicodeDecodeError as error:
                    refused += 1
                    click.echo(
                        f"error: line {number} of the input is not UTF-8 text (byte "
                        f"0x{raw[error.start]:02x} at position {error.start + 1}); skipped",
                        err=True,
                    )
                    continue
                if line.strip():
                    answer = respond(line)
                    click.echo(
                        json.dumps(answer.to_json(), ensure_ascii=False)
                        if as_json
                        else plain(answer.answer.replace("\n", " | "))
                    )
            sys.exit(1 if refused else 0)
        answer = respond(question)
    except ResultsQAError as error:
        raise click.ClickException(plain(str(error))) from None
    if as_json:
        # The raw text: JSON escapes control characters itself.
        click.echo(json.dumps(answer.to_json(), ensure_ascii=False, indent=2))
        return
    click.echo(plain(answer.answer))
    if answer.citations:
        click.echo("\nSources:")
        for number, citation in enumerate(answer.citations, start=1):
            click.echo(
                one_line(
                    f"  [{number}] {citation.where()} — {citation.section}: “{citation.quote}”"
                )
            )


def _unusable(question: str) -> str | None:
    """Why a question given as an argument cannot be asked, if it cannot."""
    if not question.strip():
        return 'is empty: ask a question, e.g. resultsqa ask "Who funds the Kenya outcomes?"'
    if any("\ud800" <= char <= "\udfff" for char in question):
        # The shell passed bytes that are not UTF-8; Python kept them as lone surrogates.
        return "is not UTF-8 text: check the terminal's encoding (locale) and type it again"
    return None


def _version_line(entry: dict) -> str:
    place = entry.get("office") or entry.get("country") or "office not named"
    year = f", {entry['data_year']} data" if entry.get("data_year") else ""
    by = f"by {entry['replaced_by']}" if entry.get("replaced_by") else "by new bytes at its path"
    return one_line(
        f"{entry['doc_id']}  {entry['file']}: {place}{year}, indexed "
        f"{str(entry.get('indexed_at', ''))[:10]}, replaced {entry['replaced_at'][:16]} {by}"
    )


@cli.command()
@STORE_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print the kept versions as JSON.")
@click.option(
    "--prune",
    "prune",
    is_flag=False,
    flag_value="*",
    default=None,
    metavar="[VERSION]",
    help="Forget every kept version, or the one named: it can't be restored after.",
)
def history(store: Path | None, as_json: bool, prune: str | None) -> None:
    """Versions of reports that other files replaced (a newer copy, new bytes at a path),
    kept with their records until pruned. `resultsqa restore VERSION` puts one back."""
    from indexing.pipeline import prune_versions, replaced_versions

    try:
        index = _open(store, must_exist=True)
        if prune:
            gone = prune_versions(index, None if prune == "*" else prune)
            click.echo(f"Forgot {gone} kept version(s).")
            return
        kept = replaced_versions(index)
    except ResultsQAError as error:
        raise click.ClickException(plain(str(error))) from None
    if as_json:
        click.echo(json.dumps(kept, ensure_ascii=False, indent=2))
        return
    if not kept:
        click.echo("No replaced versions are kept.")
    for entry in kept:
        click.echo(plain(_version_line(entry)))


@cli.command()
@click.argument("version")
@STORE_OPTION
def restore(version: str, store: Path | None) -> None:
    """Put a kept VERSION (its id from `resultsqa history`, or the start of it) back in the
    index, in place of what replaced it; that is kept in turn."""
    from indexing.pipeline import restore_version

    try:
        entry, displaced = restore_version(version, _open(store, must_exist=True))
    except ResultsQAError as error:
        raise click.ClickException(plain(str(error))) from None
    click.echo(plain(one_line(f"Restored {entry['file']} (version {entry['doc_id']})")))
    for other in displaced:
        click.echo(plain(one_line(f"Kept in history: {other['file']} (version {other['doc_id']})")))


@cli.command()
@STORE_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print the status as JSON.")
@DEMO_OPTION
def status(store: Path | None, as_json: bool, demo: bool) -> None:
    """What is indexed: documents, records and where the store is (the index questions go
    to: yours, or the demo while yours is empty)."""
    from indexing.store import is_demo

    try:
        info = _open(store, name=_served(store, demo)).status()
    except ResultsQAError as error:
        raise click.ClickException(str(error)) from None
    info["demo"] = is_demo(info["index"])
    if as_json:
        click.echo(json.dumps(info, ensure_ascii=False, indent=2))
        return
    click.echo(one_line(f"Store: {info['store']}"))
    if info["demo"]:
        click.echo(one_line(f"Index: {info['index']} (demo: the fictional sample reports)"))
    click.echo(f"{info['documents']} document(s), {info['records']} record(s)")
    if info["pending"]:
        click.echo(
            f"{info['pending']} record(s) pending: written by a run that stopped before "
            "their document's entry; never answered from, removed by the next index"
        )
    if info.get("replaced_versions"):
        click.echo(
            f"{info['replaced_versions']} replaced version(s) kept: resultsqa history lists them"
        )
    for doc in info["files"]:
        sample = " [sample, fictional figures]" if doc["sample"] else ""
        place = doc.get("office") or doc["country"] or "office not named"
        plan = f", plan {doc['plan_period']}" if doc.get("plan_period") else ""
        years = f", data of {doc['data_years'].replace(',', ', ')}" if doc.get("data_years") else ""
        click.echo(
            one_line(
                f"  {doc['file']}: {place}{plan}{years}, {doc['page_count']} pages, "
                f"outcomes {doc['outcomes'] or '-'}{sample}"
            )
        )


@cli.command(name="eval")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Where to write the report (default: eval/report.md).",
)
@click.option(
    "--llm",
    is_flag=True,
    help="Also score resultsqa with its answers rewritten by the LLM at RESULTSQA_LLM_URL, "
    "and how many drafts passed the checks.",
)
@click.option(
    "--every",
    type=click.IntRange(1, 1000),
    default=1,
    help="Ask every Nth question of each set only: a quick run of every path (the report "
    "says so; make eval asks them all).",
)
def evaluate(as_json: bool, out: Path | None, llm: bool, every: int) -> None:
    """Score resultsqa and a naive llama-index RAG on the gold questions, side by side."""
    from eval.evaluate import REPORT, main

    try:
        main(as_json=as_json, out=out or REPORT, llm=llm, every=every)
    except ResultsQAError as error:
        raise click.ClickException(str(error)) from None


@cli.command()
@click.argument("folder", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--count",
    default=4,
    show_default=True,
    # Bounded: each report is a PDF drawn in memory (the benchmark builds its own corpus).
    type=click.IntRange(0, 1000),
    help="Number of fictional reports (0 to 1,000).",
)
def samples(folder: Path | None, count: int) -> None:
    """Build the sample reports: the real seed pages and fictional reports, as PDFs."""
    from indexing.paths import samples_dir
    from indexing.samples import build_samples

    written = build_samples(folder or samples_dir(), count=count, variants=True)
    click.echo(f"Wrote {len(written)} sample PDFs to {(folder or samples_dir())}")


@cli.command()
@click.option("--force", is_flag=True, help="Export again even if the export is there.")
def models(force: bool) -> None:
    """Export the bundled embedding model to ONNX and train the question classifier on the
    exemplar bank, once each (make install runs this)."""
    from indexing.embed import export_int8, export_onnx, int8_path, onnx_path

    settings.check(settings.models)
    for path, export in ((onnx_path(), export_onnx), (int8_path(), export_int8)):
        if path.exists() and not force:
            click.echo(f"Model ready: {path}")
            continue
        try:
            export(path)
        except OSError as error:
            raise click.ClickException(
                f"cannot write the model export to {path}: {error}"
            ) from None
        click.echo(f"Exported the embedding model to {path}")
    # The question classifier's heads, trained on the exemplar bank with this model.
    from app.answering import intent
    from indexing.embed import get_embedder

    heads = intent.heads_path()
    if heads.exists() and not force:
        click.echo(f"Question classifier ready: {heads}")
        return
    heads.unlink(missing_ok=True)
    intent.ready(get_embedder().embed)
    click.echo(f"Trained the question classifier on the exemplar bank: {heads}")


def chat_environment(store: Path | None) -> dict[str, str]:
    """The chat's environment: this one, with the data folder and ``--store`` made absolute.

    ``--store`` moves the index only; uploads stay under the data folder's uploads/.
    """
    env = dict(os.environ, HF_HUB_OFFLINE="1")
    env["RESULTSQA_HOME"] = str(settings.home().resolve())
    if store:
        env["RESULTSQA_STORE"] = str(store.resolve())
    return env


@cli.command()
@STORE_OPTION
@click.option(
    "--port",
    type=click.IntRange(1, 65535),
    default=None,
    show_default="$PORT, else 8501",
    help="Port to serve the chat on.",
)
@click.option("--host", default="127.0.0.1", show_default=True)
@DEMO_OPTION
def app(store: Path | None, port: int | None, host: str, demo: bool) -> None:
    """Serve the chat in the browser (Streamlit): on your index, or the demo's fictional
    samples while yours is empty (a switch in the sidebar changes it)."""
    settings.check(*settings.INDEX, *settings.READING, settings.max_upload_bytes)
    port = port or settings.port()
    env = chat_environment(store)
    # The chat allows uploads and removals without sign-in on a loopback address only.
    env["RESULTSQA_SERVED_ON"] = host
    if demo:
        env["RESULTSQA_DEMO"] = "1"
    chat = Path(__file__).with_name("chat.py")
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(chat),
        "--server.port",
        str(port),
        "--server.address",
        host,
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--client.toolbarMode",
        "minimal",
        "--server.maxUploadSize",
        str(max(1, settings.max_upload_bytes() // settings.MB)),
    ]
    os.execvpe(command[0], command, env)


if __name__ == "__main__":
    cli()
