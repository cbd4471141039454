"""The index's own faults, for real: a full disk, a read-only folder, a Chroma server that
takes the connection and never answers, and a `kill -9` between a document's records and
its entry. Each ends in a clear message, never a traceback or a hang, and what was indexed
before still answers."""

from __future__ import annotations

import contextlib
import json
import os
import resource
import shutil
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from indexing.errors import StoreError
from indexing.samples import SEED_FILE, fictional_file
from indexing.store import open_store
from tests.commands import RESULTSQA, environment, run

KNOWN = "What was the shortfall on output MEX_D_2.1.1?"


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory, sample_dir) -> Path:
    """A store holding the seed report, indexed by the command line; tests copy it."""
    store = tmp_path_factory.mktemp("faults") / "store"
    result = run("index", sample_dir / SEED_FILE, "--quiet", store=store)
    assert result.returncode == 0, result.stderr
    return store


def copy_of(store: Path, folder: Path) -> Path:
    target = folder / "store"
    shutil.copytree(store, target)
    return target


def status(store: Path) -> dict:
    return json.loads(run("status", "--json", store=store).stdout)


def with_room(store: Path, room: int):
    """A runner of `resultsqa … --store STORE` as under `ulimit -f`: no file it writes may
    grow past the store's database size plus ``room`` bytes (writes then fail, EFBIG)."""
    limit = (store / "chroma.sqlite3").stat().st_size + room

    def small_files():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    def limited(*args) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(RESULTSQA), *map(str, args), "--store", str(store)],
            preexec_fn=small_files,
            capture_output=True,
            text=True,
            env=environment(),
            timeout=600,
        )

    return limited


def test_a_full_disk_stops_indexing_with_a_clear_message_and_the_store_still_answers(
    seed_store, tmp_path, sample_dir
):
    store = copy_of(seed_store, tmp_path)
    # What `ulimit -f` does: a file may grow by 20 KB at most, then writes fail (EFBIG).
    result = with_room(store, 20_000)("index", sample_dir / fictional_file(0), "--quiet")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"Error: cannot write the index at {store}: the disk is full or a file-size " in (
        result.stderr
    )
    assert "what was indexed before still answers" in result.stderr
    asked = run("ask", KNOWN, store=store)
    assert asked.returncode == 0 and "$2.27 M" in asked.stdout, asked.stderr


def test_writes_logged_but_not_applied_on_a_full_disk_are_said_plainly_then_finished(
    seed_store, tmp_path, sample_dir
):
    store = copy_of(seed_store, tmp_path)
    # Room for Chroma to log a batch of writes but not to apply them: every read then fails
    # inside Chroma ("Failed to apply logs to the metadata segment") until there is room.
    limited = with_room(store, 300_000)
    indexed = limited("index", sample_dir, "--quiet")
    assert indexed.returncode == 1 and "Traceback" not in indexed.stderr
    stuck = f"Error: cannot use the index at {store}: writes it had logged could not be applied"
    assert stuck in indexed.stderr, indexed.stderr[-2000:]
    for args in (("status",), ("ask", KNOWN)):
        result = limited(*args)
        assert result.returncode == 1, result.stdout
        assert "Traceback" not in result.stderr and stuck in result.stderr
    # Room again: the next index finishes the writes, and every report answers.
    again = run("index", sample_dir, "--quiet", store=store)
    assert again.returncode == 0, again.stderr
    assert "$2.27 M" in run("ask", KNOWN, store=store).stdout
    assert status(store)["documents"] == len(list(sample_dir.glob("*.pdf")))


def read_only(folder: Path, command: list[str]) -> list[str]:
    """``command`` run with ``folder`` read-only: a read-only bind mount in a mount namespace
    of its own when run as root (root writes through file modes), else file modes."""
    if os.geteuid() == 0:
        if not shutil.which("unshare"):
            pytest.skip("running as root, and no unshare to mount the store read-only")
        mount = 'mount --bind -o ro "$0" "$0" && exec "$@"'
        return ["unshare", "-m", "sh", "-c", mount, str(folder), *command]
    for item in [folder, *folder.rglob("*")]:
        item.chmod(item.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    return command


def test_a_read_only_store_answers_and_refuses_indexing_with_a_clear_message(
    seed_store, tmp_path, sample_dir
):
    store = copy_of(seed_store, tmp_path)

    def in_read_only(*args) -> subprocess.CompletedProcess:
        command = [str(RESULTSQA), *map(str, args), "--store", str(store)]
        return subprocess.run(
            read_only(store, command), capture_output=True, text=True, env=environment()
        )

    asked = in_read_only("ask", KNOWN)
    assert asked.returncode == 0, asked.stderr
    assert "$2.27 M" in asked.stdout
    indexed = in_read_only("index", sample_dir / fictional_file(0), "--quiet")
    assert indexed.returncode == 1 and "Traceback" not in indexed.stderr
    assert (
        f"Error: cannot write the index at {store}: it is read-only; questions are still "
        "answered from it"
    ) in indexed.stderr
    listed = in_read_only("status", "--json")
    assert json.loads(listed.stdout)["documents"] == 1


@contextlib.contextmanager
def silent_server():
    """A TCP server on 127.0.0.1 that accepts every connection and never says a word."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    listener.settimeout(0.2)
    held, stop = [], threading.Event()

    def accept():
        while not stop.is_set():
            with contextlib.suppress(OSError):
                held.append(listener.accept()[0])

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        thread.join()
        for connection in held:
            connection.close()
        listener.close()


def test_a_server_that_accepts_and_never_replies_gets_a_clear_error_quickly(monkeypatch):
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    closed_url = f"http://127.0.0.1:{closed.getsockname()[1]}"
    closed.close()  # nothing listens there
    with silent_server() as url:
        for server, why in (
            (url, "it did not answer within 2 s (RESULTSQA_CHROMA_TIMEOUT)"),
            (closed_url, "Connection refused"),
        ):
            env = {"RESULTSQA_CHROMA_URL": server, "RESULTSQA_CHROMA_TIMEOUT": "2"}
            started = time.monotonic()
            result = run("status", env=env)
            assert time.monotonic() - started < 30
            assert result.returncode == 1 and "Traceback" not in result.stderr
            assert f"Error: cannot reach the Chroma server at {server}: " in result.stderr
            assert why in result.stderr
        monkeypatch.setenv("RESULTSQA_CHROMA_URL", url)
        monkeypatch.setenv("RESULTSQA_CHROMA_TIMEOUT", "1")
        started = time.monotonic()
        with pytest.raises(StoreError, match=f"cannot reach the Chroma server at {url}: it did"):
            open_store()
        assert time.monotonic() - started < 10


# -- a kill -9 between a document's records and its entry -------------------------------------
KILLED_BEFORE_THE_ENTRY = """
import os, signal, sys
from indexing.pipeline import index_paths
from indexing.store import open_store

store = open_store(sys.argv[1])
# The records are written; the process dies as the document's entry is about to be.
store.documents_collection.upsert = lambda **_: os.kill(os.getpid(), signal.SIGKILL)
index_paths([sys.argv[2]], store)
"""


def kill_before_the_entry(store: Path, path: Path) -> None:
    process = subprocess.run(
        [sys.executable, "-c", KILLED_BEFORE_THE_ENTRY, str(store), str(path)],
        env=environment(),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert process.returncode == -signal.SIGKILL, process.stderr


@pytest.fixture
def half_written(tmp_path, sample_dir, embedder, backend):
    """The seed report indexed; Kenya's records written and its entry never."""
    store = tmp_path / "store"
    assert run("index", sample_dir / SEED_FILE, "--quiet", store=store).returncode == 0
    folder = tmp_path / "reports"
    folder.mkdir()
    kenya = folder / fictional_file(0)
    shutil.copy(sample_dir / fictional_file(0), kenya)
    kill_before_the_entry(store, kenya)
    return store, kenya


def test_records_left_by_a_kill_before_their_entry_are_pending_and_never_answer(
    half_written, embedder
):
    from app.answering import Answerer

    store, _ = half_written
    listed = status(store)
    assert listed["documents"] == 1 and listed["pending"] > 0
    answerer = Answerer(open_store(store), embedder=embedder)
    kenya = answerer.ask("What was the Kenya office's delivery rate in 2023?")
    assert not kenya.found and "78%" not in kenya.answer
    assert all(c.file == SEED_FILE for c in kenya.citations)
    assert "$2.27 M" in answerer.ask(KNOWN).answer
    plain = run("status", store=store).stdout
    assert f"{listed['pending']} record(s) pending" in plain


def test_the_next_index_removes_pending_records_and_indexes_the_file(half_written, backend):
    store, kenya = half_written
    pending = status(store)["pending"]
    result = run("index", kenya, "--quiet", store=store)
    assert result.returncode == 0, result.stderr
    after = status(store)
    assert after["documents"] == 2 and after["pending"] == 0
    if backend == "embedded":  # on a server, records this recent may be another writer's
        assert f"note: removed {pending} record(s) an interrupted run left" in result.stderr
    asked = run("ask", "What was the Kenya office's delivery rate in 2023?", store=store)
    assert "78%" in asked.stdout


def test_remove_and_prune_take_pending_records_of_a_file_that_is_gone(half_written):
    store, kenya = half_written
    pending = status(store)["pending"]
    kenya.unlink()
    removed = run("remove", kenya, store=store)
    assert removed.returncode == 0, removed.stderr
    assert removed.stdout.strip() == (
        f"Removed {kenya} ({pending} records): records of an interrupted run, never listed"
    )
    assert status(store)["pending"] == 0


def test_prune_takes_pending_records_of_a_file_that_is_gone(half_written, sample_dir, backend):
    store, kenya = half_written
    kenya.unlink()
    shutil.copy(sample_dir / fictional_file(1), kenya.parent / fictional_file(1))
    result = run("index", kenya.parent, "--prune", "--quiet", store=store)
    assert result.returncode == 0, result.stderr
    after = status(store)
    assert after["pending"] == 0 and after["documents"] == 2
    if backend == "server":  # the index left them (too recent); --prune took them
        assert f"Pruned {kenya}" in result.stdout
