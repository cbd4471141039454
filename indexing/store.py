"""The Chroma index: embedded in a local folder, or a Chroma server when
``RESULTSQA_CHROMA_URL`` is set.

Two collections: ``resultsqa_records`` holds the chunks (records and page text) with their
embeddings; ``resultsqa_documents`` holds one entry per indexed file (its hash, path and
counts), which is what ``status`` reports and what re-indexing compares against.
"""

from __future__ import annotations

import functools
import os
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from .errors import StoreError
from .paths import default_store

RECORDS = "resultsqa_records"
DOCUMENTS = "resultsqa_documents"
BATCH = 1000


@dataclass
class Hit:
    id: str
    text: str
    metadata: dict
    embedding: object = None  # a vector, when asked for


def _settings():
    from chromadb.config import Settings

    return Settings(anonymized_telemetry=False, allow_reset=False)


RETRY_DELAYS = (0.5, 1.5)  # seconds between tries when a Chroma server does not answer


def _server_call(method):
    """Retry a call a Chroma server did not answer, then say so plainly.

    Every call here is safe to repeat (reads, upserts by id, deletes by id or filter).
    """

    @functools.wraps(method)
    def call(self, *args, **kwargs):
        if not self.remote:
            return method(self, *args, **kwargs)
        import httpx

        for delay in (*RETRY_DELAYS, None):
            try:
                return method(self, *args, **kwargs)
            except httpx.TransportError as error:
                if delay is None:
                    raise StoreError(
                        f"lost the Chroma server at {self.location} ({error}); check that it "
                        "is running, then try again"
                    ) from None
                time.sleep(delay)

    return call


class Store:
    def __init__(self, client, location: str):
        self.client = client
        self.location = location
        self.remote = location.startswith(("http://", "https://"))
        try:
            self.records = client.get_or_create_collection(
                RECORDS, embedding_function=None, configuration={"hnsw": {"space": "cosine"}}
            )
            self.documents_collection = client.get_or_create_collection(
                DOCUMENTS, embedding_function=None
            )
        except Exception as error:  # chromadb raises many types; the user needs one message
            raise StoreError(f"cannot open the index at {location}: {error}") from None

    def reopen(self) -> None:
        """Re-read an embedded index from disk, to see what another process wrote."""
        if self.remote:
            return
        import chromadb
        from chromadb.api.shared_system_client import SharedSystemClient

        # Clients of this path, this one's old client included, then share the new system.
        SharedSystemClient.clear_system_cache()
        client = chromadb.PersistentClient(path=self.location, settings=_settings())
        self.records = client.get_collection(RECORDS)
        self.documents_collection = client.get_collection(DOCUMENTS)
        self.client = client

    # -- documents ------------------------------------------------------------------------
    @_server_call
    def documents(self) -> list[dict]:
        result = self.documents_collection.get(include=["metadatas"])
        return sorted(result["metadatas"], key=lambda m: m["file"])

    @_server_call
    def document_with_sha(self, sha256: str) -> dict | None:
        result = self.documents_collection.get(ids=[sha256[:16]], include=["metadatas"])
        return result["metadatas"][0] if result["ids"] else None

    @_server_call
    def documents_at_path(self, path: str) -> list[dict]:
        result = self.documents_collection.get(where={"path": path}, include=["metadatas"])
        return result["metadatas"]

    @_server_call
    def generation(self) -> tuple:
        """Changes whenever a document is added, replaced or removed."""
        return tuple(sorted(self.documents_collection.get(include=[])["ids"]))

    # -- writing --------------------------------------------------------------------------
    @_server_call
    def put_document(self, document: dict, ids, texts, metadatas, embeddings) -> bool:
        """Add a document's chunks, then retire older versions of the same file; True if any.

        The new chunks are in before the old ones go, so the file stays answerable
        throughout; its entry in the documents collection is written last, so a crash
        part-way leaves it unlisted and the next run writes it again.
        """
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
        for old_id in older:
            self.remove_document_id(old_id)
        self.documents_collection.upsert(
            ids=[doc_id], metadatas=[document], embeddings=[[1.0]], documents=[document["file"]]
        )
        return bool(older)

    @_server_call
    def remove_document_id(self, doc_id: str) -> None:
        self.records.delete(where={"doc_id": doc_id})
        self.documents_collection.delete(ids=[doc_id])

    # -- reading --------------------------------------------------------------------------
    @_server_call
    def count(self) -> int:
        return self.records.count()

    @_server_call
    def get(
        self, where: dict | None = None, limit: int | None = None, embeddings: bool = False
    ) -> list[Hit]:
        include = ["documents", "metadatas"] + (["embeddings"] if embeddings else [])
        result = self.records.get(where=where, limit=limit, include=include)
        vectors = result["embeddings"] if embeddings else [None] * len(result["ids"])
        return [
            Hit(id=i, text=t, metadata=m, embedding=v)
            for i, t, m, v in zip(
                result["ids"], result["documents"], result["metadatas"], vectors, strict=True
            )
        ]

    def status(self) -> dict:
        documents = self.documents()
        return {
            "documents": len(documents),
            "records": self.count(),
            "store": self.location,
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
                    )
                }
                for doc in documents
            ],
        }


def open_store(path: Path | str | None = None) -> Store:
    """The index at ``path`` (else the default folder), or the server at RESULTSQA_CHROMA_URL."""
    import chromadb

    url = os.environ.get("RESULTSQA_CHROMA_URL")
    if url:
        parsed = urlparse(url)
        if not parsed.hostname:
            raise StoreError(
                f"RESULTSQA_CHROMA_URL={url!r} is not a URL like http://127.0.0.1:8000"
            )
        try:
            client = chromadb.HttpClient(
                host=parsed.hostname,
                port=parsed.port or (443 if parsed.scheme == "https" else 8000),
                ssl=parsed.scheme == "https",
                settings=_settings(),
            )
            client.heartbeat()
        except Exception as error:
            raise StoreError(f"cannot reach the Chroma server at {url}: {error}") from None
        return Store(client, url)
    folder = Path(path) if path else default_store()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        client = chromadb.PersistentClient(path=str(folder), settings=_settings())
    except StoreError:
        raise
    except Exception as error:
        raise StoreError(f"cannot open the index folder {folder}: {error}") from None
    return Store(client, str(folder))
