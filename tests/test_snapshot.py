"""A cold question is answered from the catalog's snapshot, and only while it is current."""

from __future__ import annotations

import subprocess
import sys

from indexing.pipeline import index_paths, remove_files
from indexing.samples import SEED_FILE, fictional_file
from indexing.store import open_store
from tests.commands import environment

ASK = """
import sys
from app.answering import Answerer
from indexing.store import open_store
answer = Answerer(open_store(sys.argv[1], lazy=True)).ask(sys.argv[2])
print(answer.answer.replace("\\n", " "))
print("chromadb loaded" if "chromadb" in sys.modules else "chromadb not loaded")
"""


def cold_ask(store, question: str) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", ASK, str(store), question],
        capture_output=True,
        text=True,
        timeout=300,
        env=environment(),
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout.strip().splitlines()[-2:]


def test_a_cold_question_is_answered_from_the_snapshot_without_opening_chroma(
    store_in_tmp, sample_dir, embedder
):
    index_paths([sample_dir / SEED_FILE], open_store(store_in_tmp), embedder=embedder)
    question = "What was the shortfall on output MEX_D_2.1.1?"
    first = cold_ask(store_in_tmp, question)  # loads from Chroma, writes the snapshot
    assert "$2.27 M" in first[0] and first[1] == "chromadb loaded"
    assert list(store_in_tmp.glob(".resultsqa-catalog-*.pickle"))
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
    (snapshot,) = store_in_tmp.glob(".resultsqa-catalog-*.pickle")
    snapshot.write_bytes(snapshot.read_bytes()[:100])
    answer, loaded = cold_ask(store_in_tmp, question)
    assert "$2.27 M" in answer and loaded == "chromadb loaded"
