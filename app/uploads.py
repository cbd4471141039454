"""Uploaded PDFs: checked, saved under the data folder with a safe name, then indexed."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from indexing.errors import BadReportError, StoreError
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
    """Check an upload and write it under ``folder``; raise BadReportError naming it."""
    folder = (folder or uploads_dir()).resolve()
    limit = max_upload_bytes()
    if not data:
        raise BadReportError(name, "empty file")
    if len(data) > limit:
        raise BadReportError(name, f"larger than the {limit // (1024 * 1024)} MB upload limit")
    if not data.lstrip()[:5] == b"%PDF-":
        raise BadReportError(name, "not a PDF (no %PDF- header)")
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / safe_name(name)
    number = 1
    while target.exists() and target.read_bytes() != data:
        target = folder / f"{Path(safe_name(name)).stem}-{number}.pdf"
        number += 1
    if target.resolve().parent != folder:
        raise BadReportError(name, "unsafe file name")
    partial = target.with_suffix(".part")
    partial.write_bytes(data)
    partial.replace(target)  # a reader never sees half a file
    return target


def index_uploads(
    files: list[tuple[str, bytes]],
    store: Store,
    progress: Callable[[int, int, FileResult], None] | None = None,
    folder: Path | None = None,
) -> list[FileResult]:
    """Save and index uploads; a bad one is reported by name and reason, the rest go on."""
    results: list[FileResult] = []
    saved: list[Path] = []
    names: dict[str, str] = {}
    for name, data in files:
        try:
            path = save_upload(name, data, folder)
        except BadReportError as error:
            results.append(FileResult(name, "failed", error.reason))
            continue
        saved.append(path)
        names[str(path)] = name
    total = len(files)

    def on_file(result: FileResult) -> None:
        result.path = names.get(result.path, result.path)  # report the name the user gave
        results.append(result)
        if progress:
            progress(len(results), total, result)

    for result in results:
        if progress:
            progress(results.index(result) + 1, total, result)
    if saved:
        try:
            index_paths(saved, store, progress=on_file)
        except StoreError as error:  # another process is writing: say so, keep the files
            results += [FileResult(names[str(p)], "failed", str(error)) for p in saved]
    return results
