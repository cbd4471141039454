"""Index files: PDF → pages → records → chunks → embeddings → Chroma, one file at a time.

A file that fails is reported with its reason and skipped; what is already in the store is
left as it was. A file whose content hash is already indexed is not read again.
"""

from __future__ import annotations

import json
import time
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .chunks import build_chunks, document_metadata, year_doubt
from .errors import BadReportError, StoreError, UsageError
from .lock import writer_lock
from .parse import parse_pages
from .pdftext import file_sha256, irregular, read_bytes, read_pdf
from .pdfworker import PdfReaderProcess
from .store import Store
from .vectors import Vectors, cache_path


@dataclass
class FileResult:
    path: str
    status: str  # indexed, replaced, unchanged, failed
    reason: str = ""
    pages: int = 0
    records: int = 0
    warnings: list[str] = field(default_factory=list)


@dataclass
class IndexSummary:
    results: list[FileResult] = field(default_factory=list)
    seconds: float = 0.0
    # Records an interrupted run left without their document's entry, removed first.
    cleaned: int = 0
    texts: int = 0  # texts whose vectors were written
    embedded: int = 0  # of those, the ones the model ran on (the rest were known)
    cache_problem: str = ""  # why the embedding cache was not used, if it was not

    def _with(self, *statuses: str) -> list[FileResult]:
        return [r for r in self.results if r.status in statuses]

    @property
    def indexed(self) -> list[FileResult]:
        return self._with("indexed", "replaced")

    @property
    def unchanged(self) -> list[FileResult]:
        return self._with("unchanged")

    @property
    def failed(self) -> list[FileResult]:
        return self._with("failed")

    @property
    def pages(self) -> int:
        return sum(r.pages for r in self.indexed)

    @property
    def records(self) -> int:
        return sum(r.records for r in self.indexed)


def find_files(paths: Iterable[Path | str]) -> list[Path]:
    """PDFs under folders (recursively, sorted) and files named directly, in order."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found.extend(
                sorted(p for p in path.rglob("*") if p.suffix.lower() == ".pdf" and p.is_file())
            )
        else:
            found.append(path)
    seen: set[Path] = set()
    unique = []
    for path in found:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique


def current_model(embedder=None) -> str:
    """The id of the vectors this run writes: the given embedder's, else the configured one's
    (known without loading the model)."""
    from .embed import model_id

    return getattr(embedder, "model_id", None) or model_id()


def _model_of(document: dict) -> str:
    # Entries written before indexes recorded their model were embedded by the float32 export.
    from .embed import model_id

    return document.get("model") or model_id("float32")


@dataclass
class Prepared:
    """A file read and parsed, its chunks built: what is left is to embed and store them."""

    path: Path
    resolved: str
    modified: float
    pages: int
    report: object
    document: dict
    chunks: list


def index_file(
    path: Path,
    store: Store,
    embedder_factory: Callable,
    vectors: Vectors | None = None,
    reader: PdfReaderProcess | None = None,
    model: str | None = None,
) -> FileResult:
    """Index one file; whatever is wrong with it becomes its reason, never an exception.
    Only a store that cannot be written (StoreError) stops the batch."""
    checked = check_file(path, store, model)
    if isinstance(checked, FileResult):
        return checked
    prepared = prepare_file(path, *checked, reader=reader)
    if isinstance(prepared, FileResult):
        return prepared
    return store_file(prepared, store, embedder_factory, vectors, model=model)


def check_file(
    path: Path, store: Store, model: str | None = None
) -> FileResult | tuple[str, bytes, float]:
    """Read a file and look its bytes up: a result when there is nothing to do (unchanged,
    unreadable), else what preparing it needs. A file indexed by another model than
    ``model`` (by default the configured one) is to be embedded again."""
    resolved = str(Path(path).resolve())
    try:
        data = read_bytes(Path(path))
        modified = Path(path).stat().st_mtime
    except BadReportError as error:
        return FileResult(str(path), "failed", error.reason)
    except OSError as error:
        return FileResult(str(path), "failed", f"cannot be read ({error.strerror})")
    existing = store.document_with_sha(file_sha256(data))
    unchanged = _already(store, path, resolved, existing, model or current_model())
    return unchanged or (resolved, data, modified)


def _already(
    store: Store, path: Path, resolved: str, existing: dict | None, model: str
) -> FileResult | None:
    """What to say of a file whose bytes are indexed already as ``existing`` (None if
    they are not), or None when it is to be indexed."""
    if not existing:
        return None
    if existing["path"] == resolved:
        if _model_of(existing) != model:
            return None  # embedded by another model: its vectors are no match for questions
        return FileResult(str(path), "unchanged", "", existing.get("page_count", 0))
    if not Path(existing["path"]).exists():
        return None  # moved or renamed: indexed at its new path, in the old one's place
    # These bytes are indexed from another path; whatever this path held before is no
    # longer in it, so it must not answer any more.
    note = f"same content as {existing['path']}" + _retire(store, resolved)
    return FileResult(str(path), "unchanged", note, existing.get("page_count", 0))


def prepare_file(
    path: Path,
    resolved: str,
    data: bytes,
    modified: float,
    reader: PdfReaderProcess | None = None,
) -> Prepared | FileResult:
    """Read the PDF's text (in the reader process, under its limits), parse it and build
    its chunks: no store and no model, so it can run beside the embedding of the file
    before. Whatever goes wrong is the file's reason."""
    try:
        pdf = read_pdf(Path(path), data, reader)
        report = parse_pages(Path(path).name, pdf.pages)
        document = document_metadata(report, pdf.sha256, resolved)
        document["modified"] = modified
        chunks = build_chunks(report, pdf.sha256, resolved)
        too_much = _too_much(chunks)
        if too_much:
            return FileResult(str(path), "failed", too_much, len(pdf.pages))
    except BadReportError as error:
        return FileResult(str(path), "failed", error.reason)
    except Exception as error:  # noqa: BLE001 - one file's failure is that file's reason
        return _failed(path, error)
    return Prepared(Path(path), resolved, modified, len(pdf.pages), report, document, chunks)


def _too_much(chunks: list) -> str:
    """Why a file's records are more than one file may add to the index, or "": a small
    file of dense text must not grow the index (and the work of embedding it) without end."""
    from . import settings

    most = settings.max_records()
    if len(chunks) > most:
        return (
            f"holds {len(chunks):,} records (sentences, table rows, pages), more than "
            f"RESULTSQA_MAX_RECORDS ({most:,}) allows: not indexed"
        )
    limit = settings.max_index_bytes()
    size = 0
    for chunk in chunks:
        size += len(chunk.text.encode("utf-8", "replace")) + len(
            json.dumps(chunk.metadata, ensure_ascii=False).encode("utf-8", "replace")
        )
        if size > limit:
            return (
                f"would add more than {round(limit / 2**20, 2):g} MB of text and metadata "
                "to the index (RESULTSQA_MAX_INDEX_MB): not indexed"
            )
    return ""


def _failed(path: Path, error: Exception) -> FileResult:
    return FileResult(
        str(path), "failed", f"could not be indexed ({type(error).__name__}: {error})"
    )


def store_file(
    prepared: Prepared,
    store: Store,
    embedder_factory: Callable,
    vectors: Vectors | None = None,
    batch: frozenset[str] = frozenset(),
    model: str | None = None,
) -> FileResult:
    """Embed a prepared file's chunks and write them, as a new version of its report.
    ``batch``: the paths indexed with it, among which the newest copy of a report stands."""
    try:
        return _store_file(prepared, store, embedder_factory, vectors or Vectors(), batch, model)
    except BadReportError as error:
        return FileResult(str(prepared.path), "failed", error.reason)
    except StoreError:
        raise
    except Exception as error:  # noqa: BLE001 - one file's failure is that file's reason
        return _failed(prepared.path, error)


def _store_file(
    prepared: Prepared,
    store: Store,
    embedder_factory: Callable,
    vectors: Vectors,
    batch: frozenset[str] = frozenset(),
    model: str | None = None,
) -> FileResult:
    path, resolved, document, report = (
        prepared.path,
        prepared.resolved,
        prepared.document,
        prepared.report,
    )
    # A copy stored since the file was checked; or the same bytes, gone from their path.
    moved = store.document_with_sha(document["sha256"])
    unchanged = _already(store, path, resolved, moved, model or current_model())
    if unchanged:
        return unchanged
    copies = [copy for copy in store.copies_of(document) if copy["path"] != resolved]
    # Among copies indexed together (a folder indexed twice) the newest stands; a file
    # indexed on its own is the one meant, and takes the place of any copy. Only a copy
    # holding every outcome this file holds can stand in its place: a part of a report,
    # however new, gives way to the whole.
    newer = [
        copy
        for copy in copies
        if copy["path"] in batch
        and _newer(copy, document)
        and set(copy["outcomes"].split(",")) >= outcomes_of(document)
    ]
    if newer:
        # Both copies are on disk: the newer one stands, whichever was indexed first, so
        # that indexing a folder twice changes nothing.
        note = f"an older copy of {describe(document)}; {newer[0]['path']} is indexed"
        return FileResult(str(path), "unchanged", note + _retire(store, resolved), prepared.pages)
    chunks = prepared.chunks
    embedder = embedder_factory()
    embeddings = vectors.embed(embedder, [chunk.to_embed for chunk in chunks])
    document["model"] = current_model(embedder)
    document["records"] = len(chunks)
    document["indexed_at"] = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    replaced = store.put_document(
        document,
        ids=[c.id for c in chunks],
        texts=[c.text for c in chunks],
        metadatas=[c.metadata for c in chunks],
        embeddings=embeddings,
        replaces=[copy["doc_id"] for copy in copies],
    )
    warnings = list(report.warnings)
    if not report.is_results_report:
        warnings.append("not a results report layout: indexed as page text only")
    doubt = year_doubt(document)
    if doubt:
        warnings.append(f"{doubt}: indexed, but it answers only when that year is asked for")
    reason = ""
    if copies:
        files = ", ".join(copy["file"] for copy in copies)
        reason = f"replaced an earlier copy of {describe(document)} ({files})"
    if moved and moved["path"] != resolved:
        reason = f"moved from {moved['path']}: answers now cite {path.name}"
    return FileResult(
        str(path),
        "replaced" if replaced else "indexed",
        reason,
        pages=prepared.pages,
        records=len(chunks),
        warnings=warnings,
    )


def outcomes_of(document: dict) -> set[str]:
    return set(filter(None, (document.get("outcomes") or "").split(",")))


def describe(document: dict) -> str:
    """A report as a person names it: "Kenya, plan 2022-2025, 2023 data"."""
    parts = [document.get("office") or document.get("file", "")]
    if document.get("plan_period"):
        parts.append(f"plan {document['plan_period']}")
    if document.get("data_year"):
        parts.append(f"{document['data_year']} data")
    return ", ".join(parts)


def _newer(copy: dict, document: dict) -> bool:
    """Whether an indexed copy still on disk is newer than ``document`` (by modification
    time, then path, so that the choice is the same in whatever order files come)."""
    try:
        modified = Path(copy["path"]).stat().st_mtime
    except OSError:
        return False  # gone: the copy being indexed replaces it
    return (modified, copy["path"]) > (document["modified"], document["path"])


def _retire(store: Store, path: str) -> str:
    """Remove what ``path`` held before from the index; a note saying so, if it held any."""
    stale = store.documents_at_path(path)
    for document in stale:
        store.keep_replaced(document["doc_id"])
        store.remove_document_id(document["doc_id"])
    return "; what this path held before was removed from the index" if stale else ""


def index_paths(
    paths: Iterable[Path | str],
    store: Store,
    embedder=None,
    progress: Callable[[FileResult], None] | None = None,
) -> IndexSummary:
    """Index every PDF named or found under ``paths``; never raises for a bad file."""
    started = time.perf_counter()
    summary = IndexSummary()
    loaded = [embedder]
    model = current_model(embedder)

    def embedder_factory():
        # Loading the model takes seconds: only when a file really needs embedding.
        if loaded[0] is None:
            from .embed import get_embedder

            loaded[0] = get_embedder()
        return loaded[0]

    def report(result: FileResult) -> None:
        summary.results.append(result)
        if progress:
            progress(result)

    def finish(step) -> None:
        result = step if isinstance(step, FileResult) else step.result()
        if isinstance(result, Prepared):
            result = store_file(result, store, embedder_factory, vectors, batch, model)
        report(result)

    files = []
    for path in find_files(paths):
        # A pipe or a device is refused before the lock is taken, and never opened.
        reason = irregular(path)
        if reason:
            report(FileResult(str(path), "failed", reason))
        else:
            files.append(path)
    batch = frozenset(str(Path(path).resolve()) for path in files)
    if files:
        # The next file is read (in the reader process, under its limits) and parsed while
        # this one is embedded (ONNX Runtime, which lets go of the GIL): on 2 cores the two
        # overlap. Results are stored in order, one file at a time, each file's records
        # atomic as before.
        with (
            writer_lock(store),
            Vectors(cache_path(store)) as vectors,
            PdfReaderProcess() as reader,
            ThreadPoolExecutor(max_workers=1) as ahead,
        ):
            summary.cleaned = store.clean_pending()
            pending: deque = deque()
            for path in files:
                checked = check_file(path, store, model)
                pending.append(
                    checked
                    if isinstance(checked, FileResult)
                    else ahead.submit(prepare_file, path, *checked, reader=reader)
                )
                while len(pending) > AHEAD or (pending and isinstance(pending[0], FileResult)):
                    finish(pending.popleft())
            while pending:
                finish(pending.popleft())
            summary.texts, summary.embedded = vectors.asked, vectors.embedded
            summary.cache_problem = vectors.problem
    summary.seconds = time.perf_counter() - started
    return summary


AHEAD = 2  # files read ahead of the one being embedded


def remove_files(paths: Iterable[Path | str], store: Store) -> list[FileResult]:
    """Drop the records of files by path (they may be gone from disk already)."""
    results = []
    with writer_lock(store):
        for path in paths:
            resolved = str(Path(path).resolve())
            documents = store.documents_at_path(resolved)
            for document in documents:
                store.remove_document_id(document["doc_id"])
            # Records an interrupted run left at this path, with no entry of their own.
            pending = store.remove_pending(resolved)
            records = sum(d.get("records", 0) for d in documents)
            if documents:
                results.append(FileResult(str(path), "removed", records=records))
            elif pending:
                note = "records of an interrupted run, never listed"
                results.append(FileResult(str(path), "removed", note, records=pending))
            else:
                results.append(FileResult(str(path), "failed", "not in the index"))
    return results


def vanished(folders: Iterable[Path | str], store: Store) -> list[str]:
    """Indexed files under ``folders`` that no longer exist: what --prune removes."""
    roots = [Path(folder).resolve() for folder in folders if Path(folder).is_dir()]
    # Pending records (an interrupted run's) count too: their file may be gone as well.
    paths = [d["path"] for d in store.documents()] + [r["path"] for r in store.pending()]
    return [
        path
        for path in dict.fromkeys(paths)
        if any(Path(path).is_relative_to(root) for root in roots) and not Path(path).exists()
    ]


def replaced_versions(store: Store) -> list[dict]:
    """Versions other files replaced, kept until restored or pruned; newest replaced first."""
    return store.replaced()


def _kept(store: Store, version: str) -> dict:
    version = version.strip()
    matches = [e for e in store.replaced() if version and e["doc_id"].startswith(version)]
    if not matches:
        raise UsageError(
            f"no replaced version {version!r} is kept in the index at {store.where}; "
            "resultsqa history lists them"
        )
    if len(matches) > 1:
        raise UsageError(f"{version!r} names {len(matches)} kept versions; give more of it")
    return matches[0]


def restore_version(version: str, store: Store) -> tuple[dict, list[dict]]:
    """Put the kept version ``version`` (its id, or the start of it) back in the index in
    place of what replaced it, which is kept in turn; its entry and those it displaced."""
    with writer_lock(store):
        return store.restore(_kept(store, version)["doc_id"])


def prune_versions(store: Store, version: str | None = None) -> int:
    """Forget kept versions, one or all: they can't be restored after. How many went."""
    with writer_lock(store):
        return store.prune_replaced(_kept(store, version)["doc_id"] if version else None)
