"""Uploaded PDFs: checked, saved under the data folder with a safe name of their own, then
indexed, every file reported."""

from __future__ import annotations

import contextlib
import dataclasses
import itertools
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

from indexing.errors import BadReportError, ResultsQAError
from indexing.paths import uploads_dir
from indexing.pipeline import FileResult, index_paths
from indexing.settings import max_upload_bytes
from indexing.store import Store


def safe_name(name: str) -> str:
    """A file name that cannot leave the uploads folder or surprise a shell."""
    base = re.split(r"[\\/]", name)[-1]
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(base).stem).strip("._-")[:80] or "report"
    return f"{stem}.pdf"


def save_upload(name: str, data: bytes, folder: Path | None = None) -> Path:
    """Check an upload and write it under ``folder``; raise BadReportError naming it.

    The bytes go to a temporary file of a unique name first, then take their final name
    in one step that never replaces a file (a hard link): two uploads of one name at the
    same moment get two names, each with its own bytes, and no reader sees half a file.
    An upload with the bytes of the file already under its name is that file."""
    folder = (folder or uploads_dir()).resolve()
    limit = max_upload_bytes()
    if not data:
        raise BadReportError(name, "empty file")
    if len(data) > limit:
        raise BadReportError(name, f"larger than the {limit // (1024 * 1024)} MB upload limit")
    if not data.lstrip()[:5] == b"%PDF-":
        raise BadReportError(name, "not a PDF (no %PDF- header)")
    folder.mkdir(parents=True, exist_ok=True)
    stem = Path(safe_name(name)).stem
    descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=f".{stem}-", suffix=".part")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        for number in itertools.count():
            target = folder / (f"{stem}.pdf" if number == 0 else f"{stem}-{number}.pdf")
            if target.resolve().parent != folder:
                raise BadReportError(name, "unsafe file name")
            if _claim(Path(temporary), target) or _holds(target, data):
                return target
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def _claim(temporary: Path, target: Path) -> bool:
    """Give ``temporary`` the name ``target`` unless a file has it; whether it did."""
    try:
        os.link(temporary, target)
        return True
    except FileExistsError:
        return False
    except OSError:  # a file system without hard links: reserve the name, then fill it
        try:
            os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
        except FileExistsError:
            return False
        os.replace(temporary, target)
        return True


def _holds(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def index_uploads(
    files: list[tuple[str, bytes]],
    store: Store,
    progress: Callable[[int, int, FileResult], None] | None = None,
    folder: Path | None = None,
) -> list[FileResult]:
    """Save and index uploads; every file uploaded gets a result, by the name it was
    uploaded with: a bad one its reason, and the rest go on."""
    results: list[FileResult] = []
    total = len(files)

    def report(result: FileResult) -> None:
        results.append(result)
        if progress:
            progress(len(results), total, result)

    saved: dict[str, list[str]] = {}  # path saved to → the names uploaded as (same bytes)
    for name, data in files:
        try:
            path = save_upload(name, data, folder)
        except BadReportError as error:
            report(FileResult(name, "failed", error.reason))
            continue
        saved.setdefault(str(path), []).append(name)
    done: set[str] = set()

    def on_file(result: FileResult) -> None:
        done.add(result.path)
        for name in saved.get(result.path, [result.path]):
            report(dataclasses.replace(result, path=name))

    problem = "not indexed"
    if saved:
        try:
            index_paths([Path(p) for p in saved], store, progress=on_file)
        except ResultsQAError as error:  # another writer, a server down, a full disk
            problem = str(error)
    for path, names in saved.items():
        if path not in done:  # the file is kept; say why it is not indexed
            for name in names:
                report(FileResult(name, "failed", problem))
    return results
