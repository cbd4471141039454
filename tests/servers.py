"""Starting a real server for a test: a free port on 127.0.0.1, and a wait for its health."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CHROMA = Path(sys.executable).with_name("chroma")


def chroma_command(data: Path, port: int) -> list[str]:
    return [str(CHROMA), "run", "--path", str(data), "--host", "127.0.0.1", "--port", str(port)]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def running(command: list[str], health_url: str, log: Path, timeout: float = 120, env=None):
    """Run ``command`` until the block ends; fail the test if it is not healthy in time."""
    with log.open("w") as output:
        server = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, env=env)
        try:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    urllib.request.urlopen(health_url, timeout=2)
                    break
                except OSError:
                    if server.poll() is not None:
                        pytest.fail(f"{command[0]} exited: {log.read_text()[-2000:]}")
                    if time.monotonic() > deadline:
                        pytest.fail(f"{command[0]} was not healthy within {timeout:.0f} s")
                    time.sleep(0.5)
            yield server
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
