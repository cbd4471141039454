"""Readers keep answering while another process indexes, and see its reports without a
restart: in an embedded store and on a Chroma server."""

from __future__ import annotations

import shutil
import subprocess
import threading

from app.answering import Answerer
from indexing.pipeline import index_paths
from indexing.samples import build_samples, fictional_file
from indexing.store import open_store
from tests.commands import RESULTSQA, environment


def test_eight_threads_answer_correctly_while_another_process_indexes(
    indexed_store, sample_dir, embedder, tmp_path, backend
):
    store_path = tmp_path / "store"
    if backend == "server":
        index_paths([sample_dir], open_store(), embedder=embedder)
    else:
        shutil.copytree(indexed_store, store_path)
    answerer = Answerer(open_store(store_path), embedder=embedder)
    batch = tmp_path / "batch"
    build_samples(batch, count=8, include_seed=False)
    for index in range(4):  # already indexed: the writer adds the other four
        (batch / fictional_file(index)).unlink()
    questions = [
        ("What was the shortfall on output MEX_D_2.1.1?", "shortfall $2.27 M", 5),
        (
            "How many women were reached with labour-rights information in 2021?",
            "reported result: 59",
            9,
        ),
        ("Who are the UN partners on the Mexico outcome?", "UNAIDS, UNDP, UNFPA, UNICEF", 1),
    ]
    writer = subprocess.Popen(
        [str(RESULTSQA), "index", str(batch), "--quiet", "--store", str(store_path)],
        env=environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    failures: list[str] = []
    answered = []

    def reader(number: int) -> None:
        while writer.poll() is None or len(answered) < 8 * len(questions):
            question, expected, page = questions[(number + len(answered)) % len(questions)]
            answer = answerer.ask(question)
            answered.append(question)
            if expected not in answer.answer or answer.citations[0].page != page:
                failures.append(f"{question}: {answer.answer}")
            if len(answered) > 2000:
                break

    threads = [threading.Thread(target=reader, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    out, err = writer.communicate(timeout=600)
    for thread in threads:
        thread.join(timeout=600)
    assert writer.returncode == 0, err
    assert not failures, failures[:3]
    assert len(answered) >= 8 * len(questions)
    # The reader process sees the writer's reports without a restart.
    assert answerer.store.status()["documents"] == 9
    nepal = answerer.ask("Which output in Nepal has the largest shortfall?")
    assert nepal.found and "NPL_D_" in nepal.answer
