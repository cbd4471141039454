"""A `kill -9` in the middle of indexing loses nothing already indexed, and the next run
completes the work with no duplicates."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time

from indexing.samples import SEED_FILE, build_samples
from tests.commands import RESULTSQA, run


def documents(store) -> list[str]:
    return sorted(
        f["file"] for f in json.loads(run("status", "--json", "--store", store).stdout)["files"]
    )


def test_kill_9_while_indexing_then_resume(tmp_path, sample_dir):
    store, clean = tmp_path / "store", tmp_path / "clean"
    assert run("index", sample_dir / SEED_FILE, "--quiet", "--store", store).returncode == 0
    batch = tmp_path / "batch"
    build_samples(batch, count=8, include_seed=False)

    writer = subprocess.Popen(
        [str(RESULTSQA), "index", str(batch), "--quiet", "--store", str(store)],
        env=dict(os.environ, HF_HUB_OFFLINE="1"),
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

    assert run("index", sample_dir / SEED_FILE, batch, "--quiet", "--store", clean).returncode == 0
    records = json.loads(run("status", "--json", "--store", store).stdout)["records"]
    assert records == json.loads(run("status", "--json", "--store", clean).stdout)["records"]
