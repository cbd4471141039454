"""A PDF's text, read in a process of its own under limits, so that no file can stop a
batch, take the machine's memory or hang it.

:class:`PdfReaderProcess` (the parent's side) sends a file's bytes to a worker, this module
run as ``python -m indexing.pdfworker``, which answers with the pages' text or the reason
it could not read them. The worker runs under a memory limit (``RLIMIT_AS``); pypdf's
per-stream limits are set from ``RESULTSQA_MAX_STREAM_MB``; the page contents of one file
may inflate to ``RESULTSQA_MAX_INFLATED_MB`` in all; a file of more than
``RESULTSQA_MAX_PAGES`` pages is refused before its pages are read. A worker that takes
longer than ``RESULTSQA_READ_SECONDS`` is killed, and one that dies is reported; either
way a fresh worker reads the next file.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import select
import signal
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from . import settings

ROOT = Path(__file__).resolve().parent.parent
SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class Limits:
    """What reading one file may cost (all from ``indexing.settings``)."""

    pages: int
    stream_bytes: int
    inflated_bytes: int
    seconds: float
    memory_bytes: int

    @classmethod
    def from_settings(cls) -> Limits:
        return cls(
            pages=settings.max_pages(),
            stream_bytes=settings.max_stream_bytes(),
            inflated_bytes=settings.max_inflated_bytes(),
            seconds=settings.read_seconds(),
            memory_bytes=settings.read_memory_bytes(),
        )


class Unreadable(Exception):
    """Why a file's text could not be read; the caller names the file."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def clean_text(text: str) -> str:
    """Text any later step can take: a surrogate pair split in two becomes its character,
    an unpaired UTF-16 code unit (which no UTF-8 encoder takes) becomes U+FFFD."""
    if not SURROGATE.search(text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


# -- the parent's side ---------------------------------------------------------------------
class PdfReaderProcess:
    """A worker process reading PDFs one at a time; started when first needed, and again
    after a file killed it. Use it as a context manager, or call :meth:`close`."""

    def __init__(self, limits: Limits | None = None):
        self.limits = limits or Limits.from_settings()
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> PdfReaderProcess:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _start(self) -> subprocess.Popen:
        if self.process is None or self.process.poll() is not None:
            env = dict(os.environ)
            env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
            self.process = subprocess.Popen(
                [sys.executable, "-m", "indexing.pdfworker", json.dumps(asdict(self.limits))],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env=env,
                cwd=str(ROOT),
            )
        return self.process

    def read(self, data: bytes) -> list[str]:
        """The text of each page of the PDF ``data``; raises :class:`Unreadable`."""
        deadline = time.monotonic() + self.limits.seconds
        process = self._start()
        try:
            process.stdin.write(json.dumps({"size": len(data)}).encode() + b"\n")
            process.stdin.write(data)
            process.stdin.flush()
        except (BrokenPipeError, OSError):
            raise Unreadable(self._died()) from None
        reply = self._reply(process, deadline)
        if "reason" in reply:
            raise Unreadable(reply["reason"])
        return [clean_text(page) for page in reply["pages"]]

    def _reply(self, process: subprocess.Popen, deadline: float) -> dict:
        fd = process.stdout.fileno()
        # poll, not select: select() can't watch a descriptor past 1,024, which a busy
        # server process (sockets, open indexes) reaches.
        poller = select.poll()
        poller.register(fd, select.POLLIN | select.POLLHUP | select.POLLERR)
        received = bytearray()
        while not received.endswith(b"\n"):
            remaining = deadline - time.monotonic()
            ready = poller.poll(remaining * 1000) if remaining > 0 else []
            if not ready:
                self.close()
                raise Unreadable(
                    f"took longer than {self.limits.seconds:g} s to read "
                    "(RESULTSQA_READ_SECONDS); the reading was stopped"
                )
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                raise Unreadable(self._died())
            received += chunk
        return json.loads(received)

    def _died(self) -> str:
        process, self.process = self.process, None
        code = process.wait() if process else None
        if code is not None and code < 0:
            how = f"signal {signal.Signals(-code).name}"
        else:
            how = f"exit status {code}"
        return f"crashed the PDF reader ({how}); the file is likely damaged or hostile"

    def close(self) -> None:
        process, self.process = self.process, None
        if process is None:
            return
        if process.poll() is None:
            process.kill()
        process.wait()
        for pipe in (process.stdin, process.stdout):
            with contextlib.suppress(OSError):
                pipe.close()


# -- the worker's side ---------------------------------------------------------------------
def extract(data: bytes, limits: Limits) -> dict:
    """{"pages": [...]} or {"reason": "..."}: never raises."""
    from pypdf.errors import LimitReachedError

    try:
        return {"pages": _pages(data, limits)}
    except Unreadable as refused:
        return {"reason": refused.reason}
    except LimitReachedError as error:
        if "decompress" in str(error).lower():
            mb = limits.stream_bytes / 2**20
            return {
                "reason": f"a stream inflates to more than {mb:g} MB (RESULTSQA_MAX_STREAM_MB; "
                f"LimitReachedError: {error})"
            }
        return {"reason": f"exceeds a safe reading limit (LimitReachedError: {error})"}
    except RecursionError:
        return {"reason": "nested too deeply to read (RecursionError)"}
    except MemoryError:
        return {"reason": _out_of_memory(limits)}
    except Exception as error:  # noqa: BLE001 - any other failure of the parser is damage
        return {"reason": f"damaged or truncated PDF ({type(error).__name__}: {error})"}


def _pages(data: bytes, limits: Limits) -> list[str]:
    from pypdf import PdfReader, apply_configuration

    stream = limits.stream_bytes
    outputs = {
        name: stream
        for name in (
            "zlib_maximum_output_length",
            "lzw_maximum_output_length",
            "run_length_maximum_output_length",
            "brotli_maximum_output_length",
            "jbig2_maximum_output_length",
            "array_based_stream_maximum_output_length",
            "image_maximum_buffer_size",
        )
    }
    with apply_configuration(**outputs):
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise Unreadable("encrypted PDF; save an unprotected copy and retry")
        count = len(reader.pages)
        if count > limits.pages:
            raise Unreadable(
                f"has {count} pages, more than the {limits.pages}-page limit (RESULTSQA_MAX_PAGES)"
            )
        inflated = 0
        texts = []
        for page in reader.pages:
            inflated += _content_bytes(page)
            if inflated > limits.inflated_bytes:
                raise Unreadable(
                    f"its pages inflate to more than {limits.inflated_bytes / 2**20:g} MB "
                    "(RESULTSQA_MAX_INFLATED_MB)"
                )
            texts.append(clean_text(page.extract_text() or ""))
        return texts


def _out_of_memory(limits: Limits) -> str:
    mb = limits.memory_bytes / 2**20
    return f"needs more than {mb:g} MB of memory to read (RESULTSQA_READ_MEMORY_MB)"


def _content_bytes(page) -> int:
    """How many bytes a page's content streams inflate to (pypdf keeps what it inflated,
    so extracting the text after does not inflate them again)."""
    contents = page.get("/Contents")
    if contents is None:
        return 0
    contents = contents.get_object()
    streams = contents if isinstance(contents, list) else [contents]
    total = 0
    for item in streams:
        item = item.get_object()
        if hasattr(item, "get_data"):
            total += len(item.get_data())
    return total


def _limit_memory(limit: int) -> None:
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def main() -> None:
    limits = Limits(**json.loads(sys.argv[1]))
    import logging

    import pypdf  # noqa: F401 - imported before the limit, so a low one fails a file, not the start

    # pypdf logs recoverable damage as warnings; the reason that matters is returned.
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    _limit_memory(limits.memory_bytes)
    source, sink = sys.stdin.buffer, sys.stdout.buffer
    while True:
        header = source.readline()
        if not header:
            return
        size = json.loads(header)["size"]
        data = source.read(size)
        try:
            reply = json.dumps(extract(data, limits))
        except MemoryError:
            reply = json.dumps({"reason": _out_of_memory(limits)})
        del data
        sink.write(reply.encode() + b"\n")
        sink.flush()


if __name__ == "__main__":
    main()
