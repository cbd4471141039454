"""A replaced version is kept, not lost: `resultsqa history` lists it, `restore` puts it back
(keeping what it displaces), `history --prune` forgets (issue 23)."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import replace

import numpy as np
import pytest

from app.answering import Answerer
from indexing.pipeline import index_paths, prune_versions, replaced_versions, restore_version
from indexing.samples import fictional_spec, render_pdf, spec_report
from indexing.store import open_store, server_client
from tests.commands import run
from tests.copies import downloaded_again

SPEC = fictional_spec(0)  # Kenya
OTHER = replace(SPEC, seed="resultsqa-another-version")


def shortfall(report) -> tuple[str, str]:
    output = report.outputs[0]
    return output.code, output.shortfall.text


@pytest.fixture
def versions(tmp_path):
    """The Kenya report, and other bytes (other outputs, other figures) for the same path."""
    first, second = tmp_path / "v1" / SPEC.file, tmp_path / "v2" / SPEC.file
    first.parent.mkdir()
    second.parent.mkdir()
    truth_first, pages = spec_report(SPEC)
    render_pdf(pages, first)
    truth_second, pages = spec_report(OTHER)
    render_pdf(pages, second)
    return (first, truth_first), (second, truth_second)


def test_a_version_replaced_at_its_path_is_kept_and_restore_brings_its_figures_back(
    backend, versions, tmp_path, embedder
):
    (first, truth_first), (second, truth_second) = versions
    path = tmp_path / "reports" / SPEC.file
    path.parent.mkdir()
    store = open_store(tmp_path / "store")
    shutil.copy(first, path)
    index_paths([path], store, embedder=embedder)
    [before] = store.documents()
    records = {
        hit.id: hit for hit in store.get(where={"doc_id": before["doc_id"]}, embeddings=True)
    }
    shutil.copy(second, path)  # the same path now holds other bytes
    index_paths([path], store, embedder=embedder)

    [kept] = replaced_versions(store)
    assert kept["doc_id"] == before["doc_id"] and kept["replaced_by"] == SPEC.file
    code, figure = shortfall(truth_first)
    assert figure not in Answerer(store, embedder=embedder).ask(f"Shortfall on {code}?").answer

    entry, displaced = restore_version(kept["doc_id"][:8], store)
    assert entry["doc_id"] == before["doc_id"] and len(displaced) == 1
    assert [d["doc_id"] for d in store.documents()] == [before["doc_id"]]
    back = {hit.id: hit for hit in store.get(where={"doc_id": before["doc_id"]}, embeddings=True)}
    assert back.keys() == records.keys()
    some = sorted(back)[:5]
    assert all(np.allclose(back[i].embedding, records[i].embedding, atol=1e-6) for i in some)
    assert figure in Answerer(store, embedder=embedder).ask(f"Shortfall on {code}?").answer
    # What the restore displaced is kept in turn, and nothing of the first is left there.
    assert [v["doc_id"] for v in replaced_versions(store)] == [displaced[0]["doc_id"]]
    assert store.status()["replaced_versions"] == 1


def test_a_newer_download_keeps_the_earlier_copy_with_every_record(sample_dir, embedder, tmp_path):
    original = sample_dir / SPEC.file
    again = downloaded_again(original, tmp_path / "downloads" / SPEC.file)
    store = open_store(tmp_path / "store")
    index_paths([original], store, embedder=embedder)
    [first] = store.documents()
    index_paths([again], store, embedder=embedder)
    [kept] = replaced_versions(store)
    assert kept["doc_id"] == first["doc_id"] and kept["path"] == str(original.resolve())
    history = store._history(create=False)[0]
    assert len(history.get(where={"doc_id": first["doc_id"]})["ids"]) == first["records"]
    assert prune_versions(store) == 1 and replaced_versions(store) == []
    assert history.count() == 0


def test_history_restore_and_prune_from_the_command_line(versions, tmp_path):
    (first, _), (second, _) = versions
    path = tmp_path / "reports" / SPEC.file
    path.parent.mkdir()
    store = tmp_path / "store"
    shutil.copy(first, path)
    assert run("index", path, "--quiet", store=store).returncode == 0
    assert "No replaced versions are kept." in run("history", store=store).stdout
    shutil.copy(second, path)
    os.utime(path)
    assert run("index", path, "--quiet", store=store).returncode == 0

    listed = run("history", store=store).stdout
    [kept] = json.loads(run("history", "--json", store=store).stdout)
    assert kept["doc_id"] in listed and f"by {SPEC.file}" in listed
    assert "1 replaced version(s) kept" in run("status", store=store).stdout

    wrong = run("restore", "ffffffff", store=store)
    assert wrong.returncode == 1 and "no replaced version 'ffffffff' is kept" in wrong.stderr
    assert "Traceback" not in wrong.stderr
    restored = run("restore", kept["doc_id"], store=store)
    assert restored.returncode == 0, restored.stderr
    assert f"Restored {SPEC.file} (version {kept['doc_id']})" in restored.stdout
    assert "Kept in history:" in restored.stdout
    assert "Forgot 1 kept version(s)." in run("history", "--prune", store=store).stdout
    assert "No replaced versions are kept." in run("history", store=store).stdout


def test_dropping_an_index_on_a_server_drops_its_kept_versions_too(
    chroma_server, monkeypatch, versions, tmp_path, embedder
):
    (first, _), (second, _) = versions
    monkeypatch.setenv("RESULTSQA_CHROMA_URL", chroma_server)
    monkeypatch.setenv("RESULTSQA_COLLECTION", "history_drop")
    path = tmp_path / SPEC.file
    shutil.copy(first, path)
    store = open_store()
    index_paths([path], store, embedder=embedder)
    shutil.copy(second, path)
    index_paths([path], store, embedder=embedder)
    names = {c.name for c in server_client(chroma_server).list_collections()}
    assert set(store.history_collections) <= names
    store.drop()
    names = {c.name for c in server_client(chroma_server).list_collections()}
    assert not names & {*store.collections, *store.history_collections}
