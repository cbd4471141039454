"""Hostile PDFs, one test each: the file is named with its reason, the file after it in the
same batch is indexed, and the known question still answers. Built in the test, small on
disk (tests/hostile.py); the text is read by a worker process under limits."""

from __future__ import annotations

import os
import time

import pytest

from app.answering import Answerer
from indexing.lock import writer_lock
from indexing.pipeline import index_paths
from indexing.samples import SEED_FILE
from indexing.store import open_store
from tests import hostile
from tests.commands import run

KNOWN = "What was the shortfall on output MEX_D_2.1.1?"

# name: (the file's bytes, settings for the run, the reason it must be named with)
ATTACKS = {
    "a stream that inflates past the limit": (
        lambda: hostile.inflating(100),
        {},
        "a stream inflates to more than 32 MB (RESULTSQA_MAX_STREAM_MB",
    ),
    "streams that inflate past the limit for the file": (
        lambda: hostile.inflating(20, streams=5),
        {"RESULTSQA_MAX_INFLATED_MB": "50"},
        "its pages inflate to more than 50 MB (RESULTSQA_MAX_INFLATED_MB)",
    ),
    "too many tokens in one stream": (
        lambda: hostile.many_tokens(2_100_000),
        {},
        "LimitReachedError: Reached maximum number of tokens per stream",
    ),
    "a page tree too deep": (
        lambda: hostile.deep_page_tree(150),
        {},
        "LimitReachedError: Maximum page tree depth reached",
    ),
    "arrays nested a hundred thousand deep": (
        lambda: hostile.nested_arrays(100_000),
        {},
        "nested too deeply to read (RecursionError)",
    ),
    "more pages than the limit": (
        lambda: hostile.pages(21),  # the seed report after it has 11
        {"RESULTSQA_MAX_PAGES": "20"},
        "has 21 pages, more than the 20-page limit (RESULTSQA_MAX_PAGES)",
    ),
    "a file slower to read than the limit": (
        lambda: hostile.many_tokens(1_900_000),
        {"RESULTSQA_READ_SECONDS": "1"},
        "took longer than 1 s to read (RESULTSQA_READ_SECONDS)",
    ),
    # Reading is bounded by the limits above; what a file adds to the index by these two.
    "more records than the limit": (
        lambda: hostile.pages(120),  # a page record each; the seed report after it has 67
        {"RESULTSQA_MAX_RECORDS": "100"},
        "holds 120 records (sentences, table rows, pages), more than RESULTSQA_MAX_RECORDS "
        "(100) allows: not indexed",
    ),
    "more text and metadata than the limit": (
        lambda: hostile.pages(1500),  # 0.45 MB of records; the seed's are 0.13 MB
        {"RESULTSQA_MAX_INDEX_MB": "0.2"},
        "would add more than 0.2 MB of text and metadata to the index "
        "(RESULTSQA_MAX_INDEX_MB): not indexed",
    ),
    "a file that needs more memory than the limit": (
        lambda: hostile.inflating(200),
        {"RESULTSQA_MAX_STREAM_MB": "1000", "RESULTSQA_READ_MEMORY_MB": "150"},
        "needs more than 150 MB of memory to read (RESULTSQA_READ_MEMORY_MB)",
    ),
}


def answers_the_known_question(store, embedder) -> None:
    answer = Answerer(store, embedder=embedder).ask(KNOWN)
    assert "$2.27 M" in answer.answer, answer.answer


@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_a_hostile_pdf_is_named_with_its_reason_and_the_batch_goes_on(
    attack, tmp_path, sample_dir, embedder, monkeypatch
):
    build, env, reason = ATTACKS[attack]
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    bad = hostile.write(tmp_path / "hostile.pdf", build())
    assert bad.stat().st_size < 1_000_000
    store = open_store(tmp_path / "store")
    started = time.monotonic()
    summary = index_paths([bad, sample_dir / SEED_FILE], store, embedder=embedder)
    assert time.monotonic() - started < 60
    assert [r.status for r in summary.results] == ["failed", "indexed"]
    assert reason in summary.results[0].reason, summary.results[0].reason
    assert len(summary.failed) == 1  # what `resultsqa index` exits 1 for
    answers_the_known_question(store, embedder)


def test_an_unpaired_surrogate_in_the_text_layer_is_replaced_and_the_file_indexed(
    tmp_path, sample_dir, embedder
):
    # Raw, that text stops the embedder: the attack is real.
    with pytest.raises(TypeError):
        embedder.embed(["A\ud800C"])
    bad = hostile.write(tmp_path / "surrogate.pdf", hostile.lone_surrogate())
    store = open_store(tmp_path / "store")
    summary = index_paths([bad, sample_dir / SEED_FILE], store, embedder=embedder)
    assert [r.status for r in summary.results] == ["indexed", "indexed"]
    (page,) = [h.text for h in store.get(where={"file": "surrogate.pdf"}) if "A" in h.text][:1]
    assert "A\ufffdC" in page
    answers_the_known_question(store, embedder)


@pytest.mark.parametrize("kind", ["a named pipe", "a character device"])
def test_a_pipe_or_a_device_named_as_a_file_is_refused_without_reading_it(
    kind, tmp_path, sample_dir, embedder
):
    if kind == "a named pipe":
        path = tmp_path / "report.pdf"
        os.mkfifo(path)  # no writer: opening it to read would block for ever
    else:
        path = "/dev/zero"  # stat says 0 bytes; reading it never ends
    store = open_store(tmp_path / "store")
    started = time.monotonic()
    summary = index_paths([path, sample_dir / SEED_FILE], store, embedder=embedder)
    assert time.monotonic() - started < 60
    assert [r.status for r in summary.results] == ["failed", "indexed"]
    assert summary.results[0].reason == f"not a regular file ({kind}); only PDF files are read"
    answers_the_known_question(store, embedder)


def test_a_pipe_is_refused_before_the_write_lock_is_taken(tmp_path):
    pipe = tmp_path / "report.pdf"
    os.mkfifo(pipe)
    store_path = tmp_path / "store"
    store = open_store(store_path)
    with writer_lock(store):  # another writer at work: the pipe is refused all the same
        summary = index_paths([pipe], store)
    assert summary.results[0].reason.startswith("not a regular file (a named pipe)")


def test_the_command_line_names_every_hostile_file_exits_1_and_indexes_the_rest(
    tmp_path, sample_dir
):
    pipe = tmp_path / "pipe.pdf"
    os.mkfifo(pipe)
    bomb = hostile.write(tmp_path / "bomb.pdf", hostile.inflating(100))
    nested = hostile.write(tmp_path / "nested.pdf", hostile.nested_arrays(100_000))
    tree = hostile.write(tmp_path / "tree.pdf", hostile.deep_page_tree(150))
    store = tmp_path / "store"
    result = run(
        "index", pipe, "/dev/zero", bomb, nested, tree, sample_dir / SEED_FILE, "--quiet",
        store=store,
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    expected = [
        f"error: {pipe}: not a regular file (a named pipe); only PDF files are read",
        "error: /dev/zero: not a regular file (a character device); only PDF files are read",
        f"error: {bomb}: a stream inflates to more than 32 MB (RESULTSQA_MAX_STREAM_MB; "
        "LimitReachedError: Limit reached while decompressing.",
        f"error: {nested}: nested too deeply to read (RecursionError)",
        f"error: {tree}: exceeds a safe reading limit (LimitReachedError: Maximum page tree "
        "depth reached: 101 > 100.)",
    ]
    assert len(errors) == len(expected)
    for line, start in zip(errors, expected, strict=True):
        assert line.startswith(start), line
    assert "Indexed 1 file(s)" in result.stdout and "5 failed" in result.stdout
    asked = run("ask", KNOWN, store=store)
    assert asked.returncode == 0 and "$2.27 M" in asked.stdout, asked.stderr


def test_a_line_hundreds_of_kilobytes_long_is_quoted_capped_with_its_page_cited(
    tmp_path, sample_dir, embedder
):
    line = b"Minutes of the annual staff retreat, held by the lake " + b"and more " * 40_000
    long = hostile.write(tmp_path / "long.pdf", hostile.text_layer(line, {}))
    store = open_store(tmp_path / "store")
    summary = index_paths([long, sample_dir / SEED_FILE], store, embedder=embedder)
    assert [r.status for r in summary.results] == ["indexed", "indexed"]
    answer = Answerer(store, embedder=embedder).ask("Where was the annual staff retreat held?")
    assert "held by the lake" in answer.answer
    assert len(answer.answer) < 2_000 and "…" in answer.answer
    (citation,) = [c for c in answer.citations if c.file == "long.pdf"][:1]
    assert citation.page == 1 and len(citation.quote) <= 800 and citation.quote.endswith("…")
    answers_the_known_question(store, embedder)


def test_a_reader_that_dies_mid_file_is_named_and_a_fresh_one_reads_the_next(tmp_path):
    import signal
    import threading

    from indexing.pdfworker import PdfReaderProcess, Unreadable

    slow = hostile.many_tokens(1_900_000)  # seconds of parsing: time to kill the reader
    with PdfReaderProcess() as reader:
        failure = []

        def read():
            try:
                reader.read(slow)
            except Unreadable as error:
                failure.append(error.reason)

        thread = threading.Thread(target=read)
        thread.start()
        deadline = time.monotonic() + 30
        while reader.process is None and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)
        os.kill(reader.process.pid, signal.SIGKILL)  # as a crash in a parser would end it
        thread.join(60)
        assert failure == [
            "crashed the PDF reader (signal SIGKILL); the file is likely damaged or hostile"
        ]
        assert reader.read(hostile.one_page([hostile.stream(hostile.HELLO)])) == [
            "Hello from a hostile file"
        ]


def test_the_pdf_reader_works_in_a_process_holding_more_than_1024_descriptors(sample_dir):
    # A busy server holds many sockets and open indexes; select() could not watch the
    # reader's pipe past descriptor 1,024.
    import resource

    from indexing.pdftext import read_pdf

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = 1200
    if hard != resource.RLIM_INFINITY:
        wanted = min(wanted, hard - 16)
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, wanted + 16), hard))
    held = []
    try:
        while len(held) < wanted and (not held or held[-1] < 1100):
            held.append(os.open(os.devnull, os.O_RDONLY))
        pages = read_pdf(sample_dir / SEED_FILE).pages
    finally:
        for fd in held:
            os.close(fd)
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
    assert max(held) > 1024 or hard < 1100  # the pipe was opened past select()'s reach
    assert any("MEX_D_2.1.1" in page for page in pages)
