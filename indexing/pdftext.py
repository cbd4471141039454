"""PDF file → one text string per page, or a BadReportError saying why not."""

from __future__ import annotations

import hashlib
import io
import logging
from dataclasses import dataclass
from pathlib import Path

from .errors import BadReportError
from .settings import max_file_bytes

# pypdf logs recoverable damage as warnings; the reason that matters is raised instead.
logging.getLogger("pypdf").setLevel(logging.ERROR)


@dataclass(frozen=True)
class PdfText:
    path: Path
    sha256: str
    pages: list[str]
    size: int


def check_size(path: Path, size: int | None = None) -> None:
    """Refuse a file over the cap before reading it into memory."""
    limit = max_file_bytes()
    if size is None:
        size = path.stat().st_size if path.exists() else 0
    if size > limit:
        raise BadReportError(
            str(path), f"larger than the {limit / 2**20:.3g} MB limit (RESULTSQA_MAX_FILE_MB)"
        )


def file_sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_pdf(path: Path, data: bytes | None = None) -> PdfText:
    """Extract each page's text with pypdf; ``data`` is the file's bytes if already read."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    path = Path(path)
    check_size(path, len(data) if data is not None else None)
    if data is None:
        try:
            data = path.read_bytes()
        except OSError as error:
            raise BadReportError(str(path), f"cannot be read ({error.strerror})") from None
    if not data:
        raise BadReportError(str(path), "empty file")
    if not data.lstrip()[:5] == b"%PDF-":
        raise BadReportError(str(path), "not a PDF (no %PDF- header)")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise BadReportError(str(path), "encrypted PDF; save an unprotected copy and retry")
        pages = [page.extract_text() or "" for page in reader.pages]
    except BadReportError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as error:
        raise BadReportError(
            str(path), f"damaged or truncated PDF ({type(error).__name__}: {error})"
        ) from None
    if not pages:
        raise BadReportError(str(path), "PDF has no pages")
    if not any(text.strip() for text in pages):
        raise BadReportError(str(path), "no text layer, looks scanned; OCR is not supported")
    return PdfText(path=path, sha256=file_sha256(data), pages=pages, size=len(data))
