"""The Chroma index: embedded in a local folder, or a Chroma server when
``RESULTSQA_CHROMA_URL`` is set.

Two collections: ``<name>_records`` holds the chunks (records and page text) with their
embeddings; ``<name>_documents`` holds one entry per indexed file (its hash, path and
counts), which is what ``status`` reports and what re-indexing compares against. The name is
``resultsqa`` unless ``RESULTSQA_COLLECTION`` says otherwise, so several indexes (a team's,
an evaluation's) can share one Chroma server without mixing.
"""

from __future__ import annotations

import functools
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from . import settings
from .errors import StoreError
from .paths import default_store

DEFAULT_NAME = settings.DEFAULT_COLLECTION
BATCH = 1000
PAGE = 10_000  # records read from Chroma at a time
# Seconds after which a record with no document entry on a Chroma server is taken to be
# left over by a run that stopped, not one still writing on another machine.
PENDING_GRACE = 600


def collection_name() -> str:
    """The index's name on its store: ``$RESULTSQA_COLLECTION``, else ``resultsqa``."""
    return settings.collection()


DEMO_SUFFIX = "-demo"


def demo_name(name: str | None = None) -> str:
    """The demo index beside an index: where the fictional sample reports are indexed, so
    their made-up figures never answer beside the user's reports."""
    return f"{name or collection_name()}{DEMO_SUFFIX}"


def is_demo(name: str) -> bool:
    return name.endswith(DEMO_SUFFIX)


def served_name(path: Path | str | None = None, demo: bool = False) -> str:
    """The index questions go to: the demo when asked for; else the user's index once
    anything was indexed into it, the demo while only the demo was (a fresh clone after
    ``make run``), the user's (empty) index when neither was."""
    name = collection_name()
    if demo:
        return demo_name(name)
    if settings.chroma_url():
        if open_store(path, name).document_count():
            return name
        return demo_name(name) if open_store(path, demo_name(name)).document_count() else name
    folder = Path(path) if path else default_store()
    if version_file(str(folder), name).exists():
        return name
    return demo_name(name) if version_file(str(folder), demo_name(name)).exists() else name


@dataclass
class Hit:
    id: str
    text: str
    metadata: dict
    embedding: object = None  # a vector, when asked for


VERSION_KEY = "resultsqa_version"


def version_file(location: str, name: str) -> Path:
    """A file an embedded index's writers rewrite on every change: a reader that finds it
    as it was can trust what it loaded before (``app.catalog`` keeps a snapshot by it)
    without opening Chroma at all."""
    return Path(location) / f".resultsqa-version-{name}"


def read_version(location: str, name: str) -> str | None:
    try:
        return version_file(location, name).read_text().strip() or None
    except OSError:
        return None


def _settings():
    from chromadb.config import Settings

    return Settings(anonymized_telemetry=False, allow_reset=False)


RETRY_DELAYS = (0.5, 1.5)  # seconds between tries when a Chroma server cannot be reached


def silent() -> str:
    """What to say of a server that took a connection and did not answer in time."""
    return (
        f"it did not answer within {settings.chroma_timeout():g} s (RESULTSQA_CHROMA_TIMEOUT); "
        "check that it is running and not overloaded, then try again"
    )


def _server_call(method):
    """Retry a call a Chroma server could not be reached for, then say so plainly; a server
    that takes the call and stays silent is said at once (retrying would only wait again).
    An embedded store that cannot be written (a full disk, a read-only folder) says so too.

    Every call here is safe to repeat (reads, upserts by id, deletes by id or filter).
    """

    @functools.wraps(method)
    def call(self, *args, **kwargs):
        if not self.remote:
            try:
                return method(self, *args, **kwargs)
            except StoreError:
                raise
            except Exception as error:
                unwritable = _unwritable(self.location, error)
                if unwritable is None:
                    raise
                raise StoreError(unwritable) from None
        import httpx

        for delay in (*RETRY_DELAYS, None):
            try:
                return method(self, *args, **kwargs)
            except httpx.TimeoutException:
                raise StoreError(
                    f"lost the Chroma server at {settings.masked(self.location)}: {silent()}"
                ) from None
            except httpx.TransportError as error:
                if delay is None:
                    raise StoreError(
                        f"lost the Chroma server at {settings.masked(self.location)} ({error}); "
                        "check that it "
                        "is running, then try again"
                    ) from None
                time.sleep(delay)
            except StoreError:
                raise
            except Exception as error:  # noqa: BLE001 - what a server sent, said plainly
                # A malformed or cut-short body, a field of the wrong type: whatever the
                # client made of it, the server is at fault, not the question.
                raise StoreError(
                    f"the Chroma server at {settings.masked(self.location)} sent a response "
                    f"that can't be read ({type(error).__name__}); check that it is healthy "
                    "and runs the Chroma version resultsqa installs"
                ) from None

    return call


def _checked(entry: dict, store: Store) -> dict:
    """A document entry as read back, refused if it can't be one resultsqa wrote: a number
    that is not a whole number (``NaN`` pages), a name that is not text."""
    shown = settings.masked(store.location)
    source = f"the Chroma server at {shown}" if store.remote else f"the index at {shown}"
    for key in ("page_count", "records", "data_year"):
        value = entry.get(key, 0)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise StoreError(
                f"{source} sent a document entry that can't be right ({key}={value!r}); "
                "check that it is healthy"
            )
    for key in ("doc_id", "file", "path"):
        if not isinstance(entry.get(key), str) or not entry[key]:
            raise StoreError(
                f"{source} sent a document entry without a {key}; check that it is healthy"
            )
    return entry


def _unwritable(location: str, error: Exception) -> str | None:
    """The message for a write an embedded store refused, or None for another error."""
    text = str(error).lower()
    if "disk i/o error" in text or "database or disk is full" in text or "no space" in text:
        return (
            f"cannot write the index at {location}: the disk is full or a file-size limit was "
            f"reached ({error}); free some space, then index again: what was indexed before "
            "still answers"
        )
    if "failed to apply logs" in text or "error in compaction" in text:
        # Chroma logs a write, then applies it; a disk that filled up in between leaves the
        # log unapplied, and every read fails until there is room to apply it.
        return (
            f"cannot use the index at {location}: writes it had logged could not be applied, "
            "most likely because the disk filled up; free some space, then run `resultsqa "
            "index` again to finish them"
        )
    if "readonly" in text or "read-only" in text:
        return (
            f"cannot write the index at {location}: it is read-only; questions are still "
            "answered from it"
        )
    return None


class Store:
    def __init__(
        self, client, location: str, name: str = DEFAULT_NAME, snapshot: str | None = None
    ):
        self.client = client
        self.location = location
        self.name = name
        self.remote = location.startswith(("http://", "https://"))
        # A read-only folder is read through a copy of it (see open_store): it answers, and
        # every write is refused (indexing.lock).
        self.snapshot = snapshot
        self.read_only = snapshot is not None
        try:
            self.records = client.get_or_create_collection(
                self.collections[0],
                embedding_function=None,
                configuration={"hnsw": {"space": "cosine"}},
            )
            self.documents_collection = client.get_or_create_collection(
                self.collections[1], embedding_function=None
            )
        except Exception as error:  # chromadb raises many types; the user needs one message
            if self.remote and _timed_out(error):
                raise StoreError(
                    f"cannot reach the Chroma server at {self.location}: {silent()}"
                ) from None
            raise StoreError(f"cannot open the index at {self.where}: {error}") from None

    @property
    def collections(self) -> tuple[str, str]:
        """The names of this index's records and documents collections."""
        return f"{self.name}_records", f"{self.name}_documents"

    @property
    def key(self) -> str:
        """Tells this index apart from any other: its location plus its name."""
        return self.location if self.name == DEFAULT_NAME else f"{self.location}#{self.name}"

    @property
    def where(self) -> str:
        """The index as a person would name it in a message (a server's password masked)."""
        location = settings.masked(self.location)
        if self.name == DEFAULT_NAME:
            return location
        return f"{location} (index {self.name!r})"

    def reopen(self) -> None:
        """Re-read an embedded index from disk, to see what another process wrote."""
        if self.remote:
            return
        import chromadb
        from chromadb.api.shared_system_client import SharedSystemClient

        # Clients of this path, this one's old client included, then share the new system.
        SharedSystemClient.clear_system_cache()
        client = chromadb.PersistentClient(
            path=self.snapshot or self.location, settings=_settings()
        )
        self.records = client.get_collection(self.collections[0])
        self.documents_collection = client.get_collection(self.collections[1])
        self.client = client

    @_server_call
    def drop(self) -> None:
        """Delete this index's collections (an evaluation's, when it is done)."""
        for collection in self.collections:
            self.client.delete_collection(collection)
        if self._history(create=False) is not None:
            for collection in self.history_collections:
                self.client.delete_collection(collection)

    # -- documents ------------------------------------------------------------------------
    @_server_call
    def documents(self) -> list[dict]:
        result = self.documents_collection.get(include=["metadatas"])
        entries = [_checked(entry, self) for entry in result["metadatas"]]
        return sorted(entries, key=lambda m: m["file"])

    @_server_call
    def document_with_sha(self, sha256: str) -> dict | None:
        result = self.documents_collection.get(ids=[sha256[:16]], include=["metadatas"])
        return result["metadatas"][0] if result["ids"] else None

    @_server_call
    def documents_at_path(self, path: str) -> list[dict]:
        result = self.documents_collection.get(where={"path": path}, include=["metadatas"])
        return result["metadatas"]

    @_server_call
    def copies_of(self, document: dict) -> list[dict]:
        """Indexed documents that are the same report as ``document``: the same office, plan
        period and data year, and every outcome of theirs in it (a re-download, whatever its
        bytes). A file holding fewer of a report's outcomes is no copy of it: a forged page
        or two can't take a real report's place; both stay, and where they print different
        figures answers say so."""
        if not document.get("office_code") or not document.get("outcomes"):
            return []  # not a results report: known by its bytes alone
        where = {
            "$and": [
                {"office_code": document["office_code"]},
                {"plan_period": document.get("plan_period", "")},
                {"data_year": document.get("data_year", 0)},
            ]
        }
        result = self.documents_collection.get(where=where, include=["metadatas"])
        outcomes = set(document["outcomes"].split(","))
        return [
            found
            for found in result["metadatas"]
            if found["doc_id"] != document["doc_id"]
            and (theirs := set(filter(None, found.get("outcomes", "").split(","))))
            and theirs <= outcomes
        ]

    @_server_call
    def generation(self) -> tuple:
        """Changes whenever a document is added, replaced or removed."""
        return tuple(sorted(self.documents_collection.get(include=[])["ids"]))

    # -- writing --------------------------------------------------------------------------
    @_server_call
    def put_document(
        self, document: dict, ids, texts, metadatas, embeddings, replaces: list[str] = ()
    ) -> bool:
        """Add a document's chunks, then retire older versions of the same file and the
        documents in ``replaces`` (earlier copies of the same report); True if any went.

        The new chunks are in before the old ones go, so the file stays answerable
        throughout; its entry in the documents collection is written last, and records
        whose document has no entry are pending: never answered from (``app.catalog``),
        counted by ``status``, and removed by the next ``index`` (:meth:`clean_pending`),
        ``remove`` or ``--prune``. A crash part-way leaves the file unlisted and unanswered,
        and the next run writes it again.
        """
        self.changed()
        written = time.time()
        metadatas = [{**metadata, "written": written} for metadata in metadatas]
        for start in range(0, len(ids), BATCH):
            end = start + BATCH
            self.records.upsert(
                ids=ids[start:end],
                documents=texts[start:end],
                metadatas=metadatas[start:end],
                embeddings=embeddings[start:end],
            )
        doc_id = document["doc_id"]
        older = [
            old["doc_id"]
            for old in self.documents_at_path(document["path"])
            if old["doc_id"] != doc_id
        ]
        older += [old_id for old_id in replaces if old_id != doc_id and old_id not in older]
        for old_id in older:
            self.keep_replaced(old_id, document)
            self.remove_document_id(old_id)
        self.documents_collection.upsert(
            ids=[doc_id], metadatas=[document], embeddings=[[1.0]], documents=[document["file"]]
        )
        self.changed()
        return bool(older)

    # -- replaced versions ----------------------------------------------------------------
    # A version that another replaced (a newer copy of the report, new bytes at its path) is
    # kept, records, vectors and entry, in two collections of its own that no answer reads,
    # until it is restored or pruned (``resultsqa history``, ``restore``, ``history --prune``).
    @property
    def history_collections(self) -> tuple[str, str]:
        return f"{self.name}_replaced_records", f"{self.name}_replaced_documents"

    def _history(self, create: bool = True):
        records, documents = self.history_collections
        if create:
            return (
                self.client.get_or_create_collection(
                    records, embedding_function=None, configuration={"hnsw": {"space": "cosine"}}
                ),
                self.client.get_or_create_collection(documents, embedding_function=None),
            )
        names = {c if isinstance(c, str) else c.name for c in self.client.list_collections()}
        if records not in names or documents not in names:
            return None
        return self.client.get_collection(records), self.client.get_collection(documents)

    @_server_call
    def keep_replaced(self, doc_id: str, replaced_by: dict | None = None) -> None:
        """Copy a version about to leave the index into its history: its records with their
        vectors, then its entry (with when and by what it was replaced). Copied before it is
        removed, so a crash between leaves it in both, never in neither."""
        entry = self.documents_collection.get(ids=[doc_id], include=["metadatas"])
        if not entry["ids"]:
            return
        records, documents = self._history()
        hits = self.get(where={"doc_id": doc_id}, embeddings=True)
        for start in range(0, len(hits), BATCH):
            part = hits[start : start + BATCH]
            records.upsert(
                ids=[hit.id for hit in part],
                documents=[hit.text for hit in part],
                metadatas=[hit.metadata for hit in part],
                embeddings=[hit.embedding for hit in part],
            )
        kept = {
            **entry["metadatas"][0],
            "replaced_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "replaced_by": (replaced_by or {}).get("file", ""),
            "replaced_by_path": (replaced_by or {}).get("path", ""),
        }
        documents.upsert(
            ids=[doc_id], metadatas=[kept], embeddings=[[1.0]], documents=[kept["file"]]
        )

    @_server_call
    def replaced(self) -> list[dict]:
        """The versions kept since others replaced them, the most recently replaced first."""
        history = self._history(create=False)
        if history is None:
            return []
        entries = history[1].get(include=["metadatas"])["metadatas"]
        return sorted(entries, key=lambda e: e.get("replaced_at", ""), reverse=True)

    @_server_call
    def restore(self, doc_id: str) -> tuple[dict, list[dict]]:
        """Put a kept version back in the index in place of what replaced it (which is kept
        in turn); its entry and the entries it displaced."""
        history = self._history(create=False)
        found = history[1].get(ids=[doc_id], include=["metadatas"]) if history else None
        if not found or not found["ids"]:
            raise StoreError(f"no replaced version {doc_id} is kept in the index at {self.where}")
        records, documents = history
        entry = {
            key: value
            for key, value in found["metadatas"][0].items()
            if key not in ("replaced_at", "replaced_by", "replaced_by_path")
        }
        hits = []
        while True:
            result = records.get(
                where={"doc_id": doc_id},
                limit=PAGE,
                offset=len(hits),
                include=["documents", "metadatas", "embeddings"],
            )
            hits += list(
                zip(
                    result["ids"],
                    result["documents"],
                    result["metadatas"],
                    result["embeddings"],
                    strict=True,
                )
            )
            if len(result["ids"]) < PAGE:
                break
        displaced = list(
            {
                copy["doc_id"]: copy
                for copy in self.copies_of(entry) + self.documents_at_path(entry["path"])
                if copy["doc_id"] != doc_id
            }.values()
        )
        self.put_document(
            entry,
            ids=[hit[0] for hit in hits],
            texts=[hit[1] for hit in hits],
            metadatas=[hit[2] for hit in hits],
            embeddings=[hit[3] for hit in hits],
            replaces=[copy["doc_id"] for copy in displaced],
        )
        documents.delete(ids=[doc_id])
        records.delete(where={"doc_id": doc_id})
        return entry, displaced

    @_server_call
    def prune_replaced(self, doc_id: str | None = None) -> int:
        """Forget kept versions (one, or all); how many went."""
        history = self._history(create=False)
        if history is None:
            return 0
        records, documents = history
        ids = [doc_id] if doc_id else documents.get(include=[])["ids"]
        gone = len(documents.get(ids=ids, include=[])["ids"]) if ids else 0
        for one in ids:
            documents.delete(ids=[one])
            records.delete(where={"doc_id": one})
        return gone

    @_server_call
    def remove_document_id(self, doc_id: str) -> None:
        self.changed()
        # The entry goes first: the document leaves every answer at once, and a crash
        # before its records go leaves them pending, for the next run to remove.
        self.documents_collection.delete(ids=[doc_id])
        self.records.delete(where={"doc_id": doc_id})
        self.changed()

    def changed(self) -> None:
        """Mark the index as changed, before a write (so a reader loading meanwhile does not
        trust what it loads) and after it (so the next reader reloads)."""
        import uuid

        if self.remote:
            # On a server the mark is the documents collection's metadata: one small call
            # tells a reader whether its catalog is current (listing every document's id,
            # which it replaces, took longer than answering a warm question).
            self.documents_collection.modify(metadata={VERSION_KEY: uuid.uuid4().hex})
            return
        target = version_file(self.location, self.name)
        partial = target.with_name(f"{target.name}.{uuid.uuid4().hex}.part")
        try:
            partial.write_text(uuid.uuid4().hex)
            partial.replace(target)
        except OSError:
            pass  # a read-only index is not written to either

    def version(self) -> str | None:
        """What :meth:`changed` last marked; None for an index no writer has marked yet."""
        if not self.remote:
            return read_version(self.location, self.name)
        return self._server_version()

    @_server_call
    def _server_version(self) -> str | None:
        collection = self.client.get_collection(self.collections[1])
        return (collection.metadata or {}).get(VERSION_KEY)

    # -- pending records: written by a run that stopped before the document's entry --------
    def _pending_filter(self, path: str | None = None) -> dict | None:
        listed = list(self.generation())
        clauses = [{"doc_id": {"$nin": listed}}] if listed else []
        if path is not None:
            clauses.append({"path": path})
        if len(clauses) > 1:
            return {"$and": clauses}
        return clauses[0] if clauses else None

    @_server_call
    def pending(self, path: str | None = None) -> list[dict]:
        """The metadata of records whose document has no entry (at ``path``, if given)."""
        return self.records.get(where=self._pending_filter(path), include=["metadatas"])[
            "metadatas"
        ]

    @_server_call
    def remove_pending(self, path: str | None = None, older_than: float = 0.0) -> int:
        """Remove pending records (at ``path``, if given; written more than ``older_than``
        seconds ago); how many went."""
        found = self.records.get(where=self._pending_filter(path), include=["metadatas"])
        cutoff = time.time() - older_than
        ids = [
            record_id
            for record_id, metadata in zip(found["ids"], found["metadatas"], strict=True)
            if not older_than or float(metadata.get("written") or 0) <= cutoff
        ]
        for start in range(0, len(ids), BATCH):
            self.records.delete(ids=ids[start : start + BATCH])
        return len(ids)

    def clean_pending(self) -> int:
        """What the next ``index`` removes of an interrupted run, under the writer lock.

        An embedded store has one writer at a time, so every pending record is left over.
        A Chroma server may have a writer on another machine part-way through a document
        (the lock is per machine), so only records pending for longer than
        :data:`PENDING_GRACE` seconds go.
        """
        return self.remove_pending(older_than=PENDING_GRACE if self.remote else 0.0)

    # -- reading --------------------------------------------------------------------------
    @_server_call
    def count(self) -> int:
        return self.records.count()

    @_server_call
    def document_count(self) -> int:
        return self.documents_collection.count()

    @_server_call
    def get(
        self, where: dict | None = None, limit: int | None = None, embeddings: bool = False
    ) -> list[Hit]:
        include = ["documents", "metadatas"] + (["embeddings"] if embeddings else [])
        hits: list[Hit] = []
        # Page by page: one read of more than some 32,000 records fails in Chroma's SQLite
        # ("too many SQL variables"), and a corpus the portal's size holds far more.
        while limit is None or len(hits) < limit:
            size = PAGE if limit is None else min(PAGE, limit - len(hits))
            result = self.records.get(where=where, limit=size, offset=len(hits), include=include)
            vectors = result["embeddings"] if embeddings else [None] * len(result["ids"])
            hits += [
                Hit(id=i, text=t, metadata=m, embedding=v)
                for i, t, m, v in zip(
                    result["ids"], result["documents"], result["metadatas"], vectors, strict=True
                )
            ]
            if len(result["ids"]) < size:
                break
        return hits

    def status(self) -> dict:
        documents = self.documents()
        pending = len(self.pending())
        return {
            "documents": len(documents),
            "records": self.count() - pending,
            "pending": pending,
            "replaced_versions": len(self.replaced()),
            "store": self.location,
            "index": self.name,
            "files": [
                {
                    key: doc.get(key)
                    for key in (
                        "file",
                        "path",
                        "country",
                        "iso3",
                        "outcomes",
                        "page_count",
                        "sample",
                        "data_year",
                        "data_years",
                        "office",
                        "office_code",
                        "plan_period",
                        "version",
                        "model",  # the embedding model's id; None: before indexes said
                    )
                }
                for doc in documents
            ],
        }


def server_client(url: str):
    """A client of the Chroma server at ``url``, which has answered a heartbeat."""
    parsed = urlparse(url)
    if not parsed.hostname:
        raise StoreError(
            f"RESULTSQA_CHROMA_URL={settings.masked(url)!r} is not a URL like http://127.0.0.1:8000"
        )
    import httpx

    from .chroma_http import timed_client

    shown = settings.masked(url)
    try:
        client = timed_client(url)
        client.heartbeat()
    except httpx.TimeoutException:
        raise StoreError(f"cannot reach the Chroma server at {shown}: {silent()}") from None
    except Exception as error:
        said = settings.masked(str(error))
        raise StoreError(f"cannot reach the Chroma server at {shown}: {said}") from None
    return client


class LazyStore:
    """An embedded index opened only when something needs Chroma: a question answered from
    the catalog's snapshot (``app.catalog``) never imports chromadb, which alone takes about
    a second on a cold start."""

    remote = False

    def __init__(self, folder: Path, name: str):
        self.location, self.name = str(folder), name
        self._store: Store | None = None

    @property
    def key(self) -> str:
        return self.location if self.name == DEFAULT_NAME else f"{self.location}#{self.name}"

    def version(self) -> str | None:
        """The version file's mark, read without opening Chroma."""
        return read_version(self.location, self.name)

    def __getattr__(self, attribute: str):
        if self._store is None:
            self._store = open_store(self.location, self.name)
        return getattr(self._store, attribute)


def open_store(
    path: Path | str | None = None, name: str | None = None, lazy: bool = False
) -> Store:
    """The index at ``path`` (else the default folder), or the server at RESULTSQA_CHROMA_URL.

    ``name`` picks the collections (default: :func:`collection_name`); ``lazy`` defers
    opening an embedded index until it is needed (:class:`LazyStore`).
    """
    name = name or collection_name()

    url = settings.chroma_url()
    if url:
        return Store(server_client(url), url, name)
    folder = Path(path) if path else default_store()
    _check_folder(folder)
    if lazy and (folder / "chroma.sqlite3").exists():
        return LazyStore(folder, name)
    import chromadb

    try:
        folder.mkdir(parents=True, exist_ok=True)
        client = chromadb.PersistentClient(path=str(folder), settings=_settings())
    except Exception as error:
        if _unwritable(str(folder), error) and (folder / "chroma.sqlite3").is_file():
            return _read_only(folder, name)
        raise StoreError(f"cannot open the index folder {folder}: {error}") from None
    return Store(client, str(folder), name)


def _check_folder(folder: Path) -> None:
    """Refuse an index folder anyone may write in: another user could plant a snapshot,
    a lock link or records there. Its owner (or root) must be the one using it."""
    import os
    import stat

    try:
        info = folder.stat()
    except OSError:
        return  # not there yet: created by this user
    writable_by_all = info.st_mode & stat.S_IWOTH and not info.st_mode & stat.S_ISVTX
    if writable_by_all:
        raise StoreError(
            f"the index folder {folder} is writable by every user (mode "
            f"{stat.S_IMODE(info.st_mode):o}): anyone could plant files in it; "
            f"make it yours alone (chmod o-w {folder}) and try again"
        )
    if hasattr(os, "geteuid") and info.st_uid not in (os.geteuid(), 0):
        raise StoreError(
            f"the index folder {folder} belongs to another user (uid {info.st_uid}): use a "
            "folder of your own (--store or RESULTSQA_STORE)"
        )


def _read_only(folder: Path, name: str) -> Store:
    """An index in a folder this process cannot write (a read-only mount, a shared copy):
    Chroma must write to open its database, so it is opened from a copy in a temporary
    folder, removed at exit. It answers; indexing into it is refused."""
    import atexit
    import shutil
    import stat
    import tempfile

    import chromadb

    copy = Path(tempfile.mkdtemp(prefix="resultsqa-read-only-")) / "store"
    atexit.register(shutil.rmtree, copy.parent, True)
    try:
        # The catalog's snapshot is read where it lies (``store.location``), never copied.
        shutil.copytree(
            folder, copy, ignore=shutil.ignore_patterns("*.lock", ".resultsqa-catalog-*")
        )
        for item in [copy, *copy.rglob("*")]:
            item.chmod(item.stat().st_mode | stat.S_IWUSR)
        client = chromadb.PersistentClient(path=str(copy), settings=_settings())
    except Exception as error:
        raise StoreError(f"cannot open the read-only index folder {folder}: {error}") from None
    return Store(client, str(folder), name, snapshot=str(copy))


def _timed_out(error: Exception) -> bool:
    import httpx

    return isinstance(error, httpx.TimeoutException)
