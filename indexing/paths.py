"""Where resultsqa keeps its data. One function each, each with an environment override."""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    """The data folder: ``$RESULTSQA_HOME``, else ``data/`` in the repository."""
    override = os.environ.get("RESULTSQA_HOME")
    return Path(override).expanduser() if override else REPO / "data"


def default_store() -> Path:
    """The embedded Chroma store: ``$RESULTSQA_STORE``, else ``<data folder>/store``."""
    override = os.environ.get("RESULTSQA_STORE")
    return Path(override).expanduser() if override else data_dir() / "store"


def samples_dir() -> Path:
    return data_dir() / "samples"


def uploads_dir() -> Path:
    """Where the chat keeps PDFs people upload: only ever under the data folder."""
    return data_dir() / "uploads"
