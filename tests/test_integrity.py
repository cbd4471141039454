"""Index integrity: removing files, pruning vanished ones, one writer at a time, a size cap."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from indexing.errors import StoreError
from indexing.lock import writer_lock
from indexing.pipeline import index_paths, remove_files, vanished
from indexing.samples import SEED_FILE, fictional_file
from indexing.store import open_store
from tests.commands import run


@pytest.fixture
def folder(tmp_path, sample_dir):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name in (SEED_FILE, fictional_file(0)):
        shutil.copy(sample_dir / name, inbox / name)
    return inbox


def test_remove_drops_a_files_records_and_keeps_the_rest(folder, store_in_tmp, embedder, backend):
    store = open_store(store_in_tmp)
    index_paths([folder], store, embedder=embedder)
    kenya = store.get(where={"file": fictional_file(0)})
    assert kenya
    (result,) = remove_files([folder / fictional_file(0)], store)
    assert (result.status, result.records) == ("removed", len(kenya))
    assert store.get(where={"file": fictional_file(0)}) == []
    assert [d["file"] for d in store.documents()] == [SEED_FILE]
    (missing,) = remove_files([folder / "never-indexed.pdf"], store)
    assert (missing.status, missing.reason) == ("failed", "not in the index")


def test_prune_drops_files_gone_from_the_folder(folder, tmp_path, backend):
    store = tmp_path / "store"
    assert run("index", folder, "--quiet", "--store", store).returncode == 0
    (folder / fictional_file(0)).unlink()
    result = run("index", folder, "--quiet", "--prune", "--store", store)
    assert result.returncode == 0, result.stderr
    assert f"Pruned {folder.resolve() / fictional_file(0)}" in result.stdout
    status = json.loads(run("status", "--json", "--store", store).stdout)
    assert [f["file"] for f in status["files"]] == [SEED_FILE]
    assert run("remove", folder / SEED_FILE, "--store", store).returncode == 0
    assert json.loads(run("status", "--json", "--store", store).stdout)["documents"] == 0


@pytest.mark.parametrize("prune", [True, False], ids=["with --prune", "without"])
def test_a_renamed_report_stays_indexed_and_answers_cite_its_new_name(folder, tmp_path, prune):
    store = tmp_path / "store"
    assert run("index", folder, "--quiet", "--store", store).returncode == 0
    renamed = folder / "kenya 2023 final.pdf"
    (folder / fictional_file(0)).rename(renamed)
    result = run("index", folder, *(["--prune"] if prune else []), "--store", store)
    assert result.returncode == 0, result.stderr
    assert f"moved from {folder.resolve() / fictional_file(0)}" in result.stderr
    assert "Pruned" not in result.stdout
    status = json.loads(run("status", "--json", "--store", store).stdout)
    assert sorted(f["file"] for f in status["files"]) == sorted([SEED_FILE, renamed.name])
    answer = run("ask", "Who funds the Kenya outcomes?", "--json", "--store", store)
    cited = {c["file"] for c in json.loads(answer.stdout)["citations"]}
    assert cited == {renamed.name}


def test_vanished_only_looks_under_the_given_folders(folder, store_in_tmp, embedder, tmp_path):
    store = open_store(store_in_tmp)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(folder / SEED_FILE, elsewhere / "copy.pdf")
    index_paths([folder], store, embedder=embedder)
    (folder / fictional_file(0)).unlink()
    assert vanished([elsewhere], store) == []
    assert vanished([folder], store) == [str((folder / fictional_file(0)).resolve())]


def test_a_second_writer_is_refused_with_a_clear_message(folder, store_in_tmp, embedder, backend):
    store = open_store(store_in_tmp)
    with writer_lock(store), pytest.raises(StoreError, match="is being written by"):
        index_paths([folder], store, embedder=embedder)
    summary = index_paths([folder], store, embedder=embedder)  # the lock was released
    assert len(summary.indexed) == 2


def test_a_second_writer_process_gets_an_error_not_a_traceback(folder, tmp_path, backend):
    store = tmp_path / "store"
    where = open_store(store).where
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from indexing.lock import writer_lock\n"
            "from indexing.store import open_store\n"
            "with writer_lock(open_store(sys.argv[1])):\n"
            "    print('held', flush=True); time.sleep(60)",
            str(store),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        result = run("index", folder, "--quiet", "--store", store)
        assert result.returncode == 1
        assert f"{where} is being written by process {holder.pid}" in result.stderr
        assert "Traceback" not in result.stderr
    finally:
        holder.kill()
        holder.wait()


def test_files_over_the_size_cap_are_refused_by_name(folder, store_in_tmp, embedder, monkeypatch):
    monkeypatch.setenv("RESULTSQA_MAX_FILE_MB", "0.01")
    summary = index_paths([folder / SEED_FILE], open_store(store_in_tmp), embedder=embedder)
    (result,) = summary.results
    assert result.status == "failed"
    assert result.reason == "larger than the 0.01 MB limit (RESULTSQA_MAX_FILE_MB)"


def test_a_link_planted_as_the_lock_file_is_refused_and_its_target_kept(store_in_tmp, tmp_path):
    from indexing.lock import lock_path

    store = open_store(store_in_tmp)
    precious = tmp_path / "precious.txt"
    precious.write_text("the user's notes\n")
    path = lock_path(store)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    path.symlink_to(precious)
    with pytest.raises(StoreError, match="is a link or not a plain file"), writer_lock(store):
        pass
    assert precious.read_text() == "the user's notes\n"  # never opened through the link
    path.unlink()
    with writer_lock(store):  # a plain lock file works as before
        assert path.is_file() and not path.is_symlink()


def test_an_index_folder_others_may_write_in_or_that_is_another_users_is_refused(tmp_path):
    import os

    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    for args in (("status",), ("ask", "What was the shortfall on output MEX_D_2.1.1?")):
        result = run(*args, store=shared)
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert f"the index folder {shared} is writable by every user (mode 777)" in result.stderr
    assert list(shared.iterdir()) == []  # nothing written in it
    shared.chmod(0o1777)  # sticky, as /tmp: others can't replace what is ours
    assert run("status", store=shared).returncode == 0
    if os.geteuid() == 0:  # only root can hand a folder to another user here
        theirs = tmp_path / "theirs"
        theirs.mkdir()
        os.chown(theirs, 65534, 65534)
        result = run("status", store=theirs)
        assert result.returncode == 1
        assert f"the index folder {theirs} belongs to another user (uid 65534)" in result.stderr
