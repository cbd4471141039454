"""Where resultsqa keeps its data: one function each, from the settings (indexing/settings.py).

The data folder is outside the checkout: ``$RESULTSQA_HOME``, else a per-user folder.
"""

from __future__ import annotations

from pathlib import Path

from . import settings


def data_dir() -> Path:
    """The data folder: ``$RESULTSQA_HOME``, else the per-user folder (settings.home)."""
    return settings.home()


def default_store() -> Path:
    """The embedded Chroma store: ``$RESULTSQA_STORE``, else ``<data folder>/store``."""
    return settings.store() or data_dir() / "store"


def samples_dir() -> Path:
    return data_dir() / "samples"


def uploads_dir() -> Path:
    """Where the chat keeps PDFs people upload: only ever under the data folder, wherever
    the index is (``--store``, RESULTSQA_STORE or a Chroma server)."""
    return data_dir() / "uploads"
