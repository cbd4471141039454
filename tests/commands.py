"""Running the `resultsqa` command in a separate process, as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

RESULTSQA = Path(sys.executable).with_name("resultsqa")


def run(*args, input: str | None = None, store: Path | None = None, env: dict | None = None):
    """``env``: variables to set (or, with None as the value, unset) for this run only."""
    command = [str(RESULTSQA), *map(str, args)]
    if store is not None:
        command += ["--store", str(store)]
    return subprocess.run(
        command,
        input=input,
        capture_output=True,
        text=True,
        timeout=600,
        env=environment(env),
    )


def environment(changes: dict | None = None) -> dict:
    env = dict(os.environ, HF_HUB_OFFLINE="1")
    for key, value in (changes or {}).items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env
