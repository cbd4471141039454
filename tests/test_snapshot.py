"""A cold question is answered from the catalog's snapshot, and only while it is current."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from indexing.pipeline import index_paths, remove_files
from indexing.samples import SEED_FILE, fictional_file
from indexing.store import open_store
from tests.commands import environment

ASK = """
import sys
from app.answering import Answerer
from indexing.store import open_store
answerer = Answerer(open_store(sys.argv[1], lazy=True))
answer = answerer.ask(sys.argv[2])
print("kinds read: " + ",".join(sorted(answerer.catalog().kinds)))
print(answer.answer.replace("\\n", " "))
print("chromadb loaded" if "chromadb" in sys.modules else "chromadb not loaded")
"""


def cold_ask(store, question: str, kinds: bool = False) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", ASK, str(store), question],
        capture_output=True,
        text=True,
        timeout=300,
        env=environment(),
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout.strip().splitlines()[-3 if kinds else -2 :]


def snapshots(store) -> list[Path]:
    """The snapshot folders beside an index (one per index version)."""
    return [p for p in store.glob(".resultsqa-catalog-*/*") if not p.name.endswith(".part")]


def test_a_cold_question_is_answered_from_the_snapshot_without_opening_chroma(
    store_in_tmp, sample_dir, embedder
):
    index_paths([sample_dir / SEED_FILE], open_store(store_in_tmp), embedder=embedder)
    question = "What was the shortfall on output MEX_D_2.1.1?"
    first = cold_ask(store_in_tmp, question)  # loads from Chroma, writes the snapshot
    assert "$2.27 M" in first[0] and first[1] == "chromadb loaded"
    assert len(snapshots(store_in_tmp)) == 1
    again = cold_ask(store_in_tmp, question)
    assert again == [first[0], "chromadb not loaded"]


def test_the_snapshot_is_not_used_once_the_index_changed(store_in_tmp, sample_dir, embedder):
    store = open_store(store_in_tmp)
    index_paths([sample_dir / SEED_FILE], store, embedder=embedder)
    question = "Which output in Kenya has the largest shortfall?"
    before = cold_ask(store_in_tmp, question)
    assert "KEN_D_" not in before[0]
    index_paths([sample_dir / fictional_file(0)], store, embedder=embedder)
    after = cold_ask(store_in_tmp, question)
    assert "KEN_D_" in after[0] and after[1] == "chromadb loaded"
    remove_files([sample_dir / fictional_file(0)], store)
    gone = cold_ask(store_in_tmp, question)
    assert "KEN_D_" not in gone[0]


def test_a_damaged_snapshot_is_ignored(store_in_tmp, sample_dir, embedder):
    index_paths([sample_dir / SEED_FILE], open_store(store_in_tmp), embedder=embedder)
    question = "What was the shortfall on output MEX_D_2.1.1?"
    cold_ask(store_in_tmp, question)
    (snapshot,) = snapshots(store_in_tmp)
    head = snapshot / "head.pickle"
    head.write_bytes(head.read_bytes()[:100])
    answer, loaded = cold_ask(store_in_tmp, question)
    assert "$2.27 M" in answer and loaded == "chromadb loaded"


def test_a_question_by_code_reads_only_the_kinds_it_needs(store_in_tmp, sample_dir, embedder):
    index_paths([sample_dir / SEED_FILE], open_store(store_in_tmp), embedder=embedder)
    cold_ask(store_in_tmp, "What was the shortfall on output MEX_D_2.1.1?")
    kinds, answer, loaded = cold_ask(
        store_in_tmp, "What was the shortfall on output MEX_D_2.1.1?", kinds=True
    )
    assert "$2.27 M" in answer and loaded == "chromadb not loaded"
    read = set(kinds.removeprefix("kinds read: ").split(","))
    assert "output" in read and not read & {"sentence", "page"}


def test_a_kind_whose_snapshot_files_went_is_read_from_the_index(
    store_in_tmp, sample_dir, embedder
):
    # A newer snapshot replaced the folder a running process reads its kinds from: the kind
    # it had not read yet comes from Chroma, and the answer is the same.
    index_paths([sample_dir / SEED_FILE], open_store(store_in_tmp), embedder=embedder)
    question = "What did the care-system work achieve?"
    first = cold_ask(store_in_tmp, question)
    (snapshot,) = snapshots(store_in_tmp)
    (snapshot / "sentence.pickle").unlink()
    (snapshot / "sentence.npy").unlink()
    again = cold_ask(store_in_tmp, question)
    assert again == [first[0], "chromadb loaded"]


class _Planted:
    """What an attacker pickles: building it runs a command."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


@pytest.mark.parametrize("planted", ["head.pickle", "outcome.pickle"])
def test_a_pickle_planted_in_the_snapshot_folder_is_never_run(
    planted, store_in_tmp, sample_dir, embedder, tmp_path
):
    index_paths([sample_dir / SEED_FILE], open_store(store_in_tmp), embedder=embedder)
    question = "What was the shortfall on output MEX_D_2.1.1?"
    first = cold_ask(store_in_tmp, question)  # writes the snapshot
    (folder,) = snapshots(store_in_tmp)
    marker = tmp_path / "ran"
    payload = (5, _Planted(marker)) if planted == "head.pickle" else _Planted(marker)
    (folder / planted).write_bytes(pickle.dumps(payload))
    again = cold_ask(store_in_tmp, question)
    assert again[0] == first[0] and "$2.27 M" in again[0]
    assert not marker.exists()
    # The next question finds a true snapshot again (or reads the index): still no command.
    assert cold_ask(store_in_tmp, question)[0] == first[0]
    assert not marker.exists()


def test_an_emptied_index_is_not_answered_from_its_snapshot(store_in_tmp, sample_dir, embedder):
    index_paths([sample_dir / SEED_FILE], open_store(store_in_tmp), embedder=embedder)
    question = "What was the shortfall on output MEX_D_2.1.1?"
    assert "$2.27 M" in cold_ask(store_in_tmp, question)[0]  # writes the snapshot
    (store_in_tmp / "chroma.sqlite3").write_bytes(b"")
    answer, loaded = cold_ask(store_in_tmp, question)
    assert "$2.27 M" not in answer and "nothing is indexed yet" in answer
    assert loaded == "chromadb loaded"  # the index, not the snapshot, said so
