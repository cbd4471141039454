"""PDF file → one text string per page, or a BadReportError saying why not.

Only regular files are read, no more than the size cap; the text is read by a worker
process under limits (``indexing.pdfworker``), so that a hostile file is a reason, not a
crash, a hang or the machine's memory."""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from .errors import BadReportError
from .pdfworker import PdfReaderProcess, Unreadable
from .settings import max_file_bytes


@dataclass(frozen=True)
class PdfText:
    path: Path
    sha256: str
    pages: list[str]
    size: int


def check_size(path: Path, size: int) -> None:
    """Refuse a file over the cap (its size as read, never as ``stat`` says)."""
    limit = max_file_bytes()
    if size > limit:
        raise BadReportError(
            str(path), f"larger than the {limit / 2**20:.3g} MB limit (RESULTSQA_MAX_FILE_MB)"
        )


def irregular(path: Path) -> str | None:
    """Why ``path`` is not a file to read (a FIFO, a device, a socket), else None; asked
    without opening it, so a FIFO with no writer cannot block."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None  # reading it will say why
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    return f"not a regular file ({_kind(mode)}); only PDF files are read"


def _kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISFIFO, "a named pipe"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return name
    return "not a file"


def read_bytes(path: Path) -> bytes:
    """A regular file's bytes, no more than the size cap plus one: a device or a pipe
    named as a file is refused without blocking, whatever size ``stat`` gives it."""
    limit = max_file_bytes()
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as error:
        raise BadReportError(str(path), f"cannot be read ({error.strerror})") from None
    with os.fdopen(fd, "rb", buffering=0) as handle:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise BadReportError(
                str(path), f"not a regular file ({_kind(mode)}); only PDF files are read"
            )
        os.set_blocking(fd, True)
        chunks, size = [], 0
        try:
            while size <= limit:
                chunk = handle.read(min(1 << 20, limit + 1 - size))
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
        except OSError as error:
            raise BadReportError(str(path), f"cannot be read ({error.strerror})") from None
    check_size(path, size)
    return b"".join(chunks)


def file_sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_pdf(
    path: Path, data: bytes | None = None, reader: PdfReaderProcess | None = None
) -> PdfText:
    """Each page's text, read by a worker process under limits (``indexing.pdfworker``);
    ``data`` is the file's bytes if already read, ``reader`` a worker to reuse."""
    path = Path(path)
    if data is None:
        data = read_bytes(path)
    check_size(path, len(data))
    if not data:
        raise BadReportError(str(path), "empty file")
    if not data.lstrip()[:5] == b"%PDF-":
        raise BadReportError(str(path), "not a PDF (no %PDF- header)")
    try:
        if reader is None:
            with PdfReaderProcess() as own:
                pages = own.read(data)
        else:
            pages = reader.read(data)
    except Unreadable as error:
        raise BadReportError(str(path), error.reason) from None
    if not pages:
        raise BadReportError(str(path), "PDF has no pages")
    if not any(text.strip() for text in pages):
        raise BadReportError(str(path), "no text layer, looks scanned; OCR is not supported")
    return PdfText(path=path, sha256=file_sha256(data), pages=pages, size=len(data))
