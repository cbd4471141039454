"""A `kill -9` in the middle of indexing loses nothing already indexed, and the next run
completes the work with no duplicates: in an embedded store and on a Chroma server."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time

from indexing.samples import SEED_FILE, build_samples
from tests.commands import RESULTSQA, environment, run


def documents(store) -> list[str]:
    return sorted(
        f["file"] for f in json.loads(run("status", "--json", "--store", store).stdout)["files"]
    )


def records(store, env: dict | None = None) -> int:
    return json.loads(run("status", "--json", "--store", store, env=env).stdout)["records"]


def test_kill_9_while_indexing_then_resume(tmp_path, sample_dir, backend):
    store, clean = tmp_path / "store", tmp_path / "clean"
    assert run("index", sample_dir / SEED_FILE, "--quiet", "--store", store).returncode == 0
    batch = tmp_path / "batch"
    build_samples(batch, count=8, include_seed=False)

    writer = subprocess.Popen(
        [str(RESULTSQA), "index", str(batch), "--quiet", "--store", str(store)],
        env=environment(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 300
    # Wait until the writer is part-way: some files registered, not all.
    while time.monotonic() < deadline and len(documents(store)) < 3:
        time.sleep(0.2)
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    part_way = documents(store)
    assert SEED_FILE in part_way and 3 <= len(part_way) < 9

    answer = json.loads(
        run(
            "ask", "What was the shortfall on output MEX_D_2.1.1?", "--json", "--store", store
        ).stdout
    )
    assert "$2.27 M" in answer["answer"]

    resumed = run("index", batch, "--quiet", "--store", store)
    assert resumed.returncode == 0, resumed.stderr
    assert len(documents(store)) == 9

    # The same files indexed in one clean run: the same records, no more.
    clean_env = None
    if backend == "server":
        clean_env = {"RESULTSQA_COLLECTION": os.environ["RESULTSQA_COLLECTION"] + "_clean"}
    both = (sample_dir / SEED_FILE, batch)
    assert run("index", *both, "--quiet", "--store", clean, env=clean_env).returncode == 0
    assert records(store) == records(clean, clean_env)
