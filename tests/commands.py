"""Running the `resultsqa` command in a separate process, as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

RESULTSQA = Path(sys.executable).with_name("resultsqa")


def run(
    *args,
    input: str | bytes | None = None,
    store: Path | None = None,
    env: dict | None = None,
):
    """``env``: variables to set (or, with None as the value, unset) for this run only.
    Arguments and ``input`` given as bytes go as they are (to send what is not UTF-8); the
    output is read as UTF-8 all the same."""
    command = [
        str(RESULTSQA),
        *(arg if isinstance(arg, bytes) else str(arg) for arg in args),
    ]
    if store is not None:
        command += ["--store", str(store)]
    result = subprocess.run(
        command,
        input=input.encode() if isinstance(input, str) else input,
        capture_output=True,
        timeout=600,
        env=environment(env),
    )
    result.stdout = result.stdout.decode("utf-8", "replace")
    result.stderr = result.stderr.decode("utf-8", "replace")
    return result


def environment(changes: dict | None = None) -> dict:
    env = dict(os.environ, HF_HUB_OFFLINE="1")
    for key, value in (changes or {}).items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env
