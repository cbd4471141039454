"""Every setting resultsqa reads from the environment, read and checked here and nowhere else.

One function per variable. Each reads the environment when it is called, so a change (or a
test's monkeypatch) counts at once. An unset or blank variable means the default. A value
that cannot be meant (``abc``, ``nan``, ``inf``, a negative size, a URL with no host) raises
UsageError naming the variable, the value and what is expected; the CLI prints that as it is
and the chat shows it in red. The LLM's API key is never put in a message.

| variable | default | meaning |
|---|---|---|
| RESULTSQA_HOME | the per-user folder ``click.get_app_dir("resultsqa")`` | the data folder |
| RESULTSQA_STORE | ``<data folder>/store`` | the embedded index's folder |
| RESULTSQA_CHROMA_URL | none | a Chroma server to use instead of the folder |
| RESULTSQA_COLLECTION | ``resultsqa`` | the index's name (its collections) |
| RESULTSQA_CHROMA_TIMEOUT | 20 | seconds a Chroma server has to answer any one request |
| RESULTSQA_MAX_FILE_MB | 200 | the largest PDF indexed |
| RESULTSQA_MAX_UPLOAD_MB | 50 | the largest PDF the chat accepts |
| RESULTSQA_MAX_PAGES | 2000 | the most pages a PDF may have |
| RESULTSQA_MAX_STREAM_MB | 32 | the most one compressed stream may inflate to |
| RESULTSQA_MAX_INFLATED_MB | 512 | the most a PDF's page contents may inflate to, all streams |
| RESULTSQA_READ_SECONDS | 120 | the longest one PDF's text may take to read |
| RESULTSQA_READ_MEMORY_MB | 2048 | the memory the process reading one PDF may use |
| RESULTSQA_MAX_RECORDS | 50000 | the most records (sentences, rows, pages) one file may add |
| RESULTSQA_MAX_INDEX_MB | 100 | the most text and metadata one file may add to the index |
| RESULTSQA_LLM_URL | none | an OpenAI-compatible server for briefing prose |
| RESULTSQA_LLM_MODEL | ``default`` | the model asked there |
| RESULTSQA_LLM_API_KEY | none | the key that server wants, if any |
| RESULTSQA_LLM_TIMEOUT | 30 | seconds before the grounded answer stands alone |
| PORT | 8501 | the port ``resultsqa app`` serves the chat on |
| RESULTSQA_MODELS | ``<sys.prefix>/share/resultsqa`` | the ONNX export of the model |
| RESULTSQA_EMBEDDINGS | ``float32`` | ``float32``, ``int8`` (ONNX), ``reference`` (torch) |
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlparse

from .errors import UsageError

APP_NAME = "resultsqa"
DEFAULT_COLLECTION = "resultsqa"
DEFAULT_MAX_FILE_MB = 200.0
DEFAULT_MAX_UPLOAD_MB = 50.0
DEFAULT_MAX_PAGES = 2000
DEFAULT_MAX_STREAM_MB = 32.0
DEFAULT_MAX_INFLATED_MB = 512.0
DEFAULT_READ_SECONDS = 120.0
DEFAULT_READ_MEMORY_MB = 2048.0
DEFAULT_MAX_RECORDS = 50_000
DEFAULT_MAX_INDEX_MB = 100.0
MAX_READ_MEMORY_MB = 1_048_576
DEFAULT_LLM_MODEL = "default"
DEFAULT_LLM_TIMEOUT = 30.0
DEFAULT_CHROMA_TIMEOUT = 20.0
DEFAULT_PORT = 8501
DEFAULT_MAX_QUESTION_CHARS = 2000
MB = 2**20

# Chroma's own rule for collection names, less the room taken by the "_documents" suffix.
_COLLECTION = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{1,50}[A-Za-z0-9]$")


def _raw(variable: str) -> str | None:
    """The variable's value, stripped; None when it is unset or blank."""
    value = os.environ.get(variable, "").strip()
    return value or None


def _bad(variable: str, value: str, expected: str) -> UsageError:
    return UsageError(f"{variable}={value!r} is not {expected}")


def _folder(variable: str) -> Path | None:
    value = _raw(variable)
    if value is None:
        return None
    path = Path(value).expanduser()
    if path.exists() and not path.is_dir():
        raise _bad(variable, value, "a folder (a file of that name is in the way)")
    return path


def _positive(variable: str, default: float, expected: str, most: float = math.inf) -> float:
    value = _raw(variable)
    if value is None:
        return default
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not (math.isfinite(number) and 0 < number <= most):
        raise _bad(variable, value, expected)
    return number


def _whole(variable: str, default: int, expected: str) -> int:
    """A whole number above 0 from ``variable``, else ``default``."""
    value = _raw(variable)
    if value is None:
        return default
    if not (value.isascii() and value.isdigit() and int(value) > 0):
        raise _bad(variable, value, expected)
    return int(value)


def masked(url: str) -> str:
    """``url`` as it may be shown: a password in it (``https://user:secret@host``) as ***.
    Messages and logs name a server by this, never by the URL itself."""
    return re.sub(r"(?<=://)([^/@:\s]*):[^/@\s]*@", r"\1:***@", url)


def _http_url(variable: str, example: str) -> str | None:
    value = _raw(variable)
    if value is None:
        return None
    try:
        parsed = urlparse(value)
        parsed.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        parsed = None
    if parsed is None or parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise _bad(variable, masked(value), f"a URL like {example}")
    return value.rstrip("/")


# The data folder and the index.


def home() -> Path:
    """The data folder: ``$RESULTSQA_HOME``, else the per-user folder (on Linux
    ``$XDG_CONFIG_HOME/resultsqa``, else ``~/.config/resultsqa``). Never the checkout,
    unless asked for (``RESULTSQA_HOME=data``)."""
    import click

    return _folder("RESULTSQA_HOME") or Path(click.get_app_dir(APP_NAME))


def models() -> Path:
    """Where the model's ONNX export is kept: ``$RESULTSQA_MODELS``, else beside the
    installed packages (``<sys.prefix>/share/resultsqa``), where ``make install`` exports it
    once. Not the data folder: the export is the same for every index and every test."""
    import sys

    return _folder("RESULTSQA_MODELS") or Path(sys.prefix) / "share" / APP_NAME


EMBEDDINGS = ("float32", "int8", "reference")
DEFAULT_EMBEDDINGS = "float32"


def embeddings() -> str:
    """Which model embeds: the ONNX export in float32 or in int8 (ONNX Runtime, no torch),
    or the reference sentence-transformers model on torch that both are checked against.
    ``onnx``, the earlier name of the float32 export, still means it."""
    value = (_raw("RESULTSQA_EMBEDDINGS") or DEFAULT_EMBEDDINGS).lower()
    value = {"onnx": "float32"}.get(value, value)
    if value not in EMBEDDINGS:
        raise _bad("RESULTSQA_EMBEDDINGS", value, "float32, int8 or reference")
    return value


def store() -> Path | None:
    """``$RESULTSQA_STORE``, the embedded index's folder; None for the default."""
    return _folder("RESULTSQA_STORE")


def chroma_url() -> str | None:
    """``$RESULTSQA_CHROMA_URL``: a Chroma server used instead of a folder; None for none."""
    return _http_url("RESULTSQA_CHROMA_URL", "http://127.0.0.1:8000")


def chroma_timeout() -> float:
    """Seconds a Chroma server has to answer one request: ``$RESULTSQA_CHROMA_TIMEOUT``."""
    return _positive(
        "RESULTSQA_CHROMA_TIMEOUT", DEFAULT_CHROMA_TIMEOUT, "a number of seconds above 0"
    )


def collection() -> str:
    """The index's name on its store: ``$RESULTSQA_COLLECTION``, else ``resultsqa``."""
    name = _raw("RESULTSQA_COLLECTION") or DEFAULT_COLLECTION
    if not _COLLECTION.match(name):
        raise UsageError(
            f"RESULTSQA_COLLECTION={name!r} is not a usable index name: use 3 to 52 letters, "
            "digits, '.', '_' or '-', starting and ending with a letter or digit"
        )
    return name


# Sizes.


def max_file_bytes() -> int:
    """The largest file indexed: ``$RESULTSQA_MAX_FILE_MB`` (default 200), in bytes."""
    mb = _positive("RESULTSQA_MAX_FILE_MB", DEFAULT_MAX_FILE_MB, "a size in MB above 0")
    return max(1, int(mb * MB))


def max_upload_bytes() -> int:
    """The largest upload the chat accepts: ``$RESULTSQA_MAX_UPLOAD_MB`` (default 50)."""
    mb = _positive("RESULTSQA_MAX_UPLOAD_MB", DEFAULT_MAX_UPLOAD_MB, "a size in MB above 0")
    return max(1, int(mb * MB))


def max_question_chars() -> int:
    """The longest question read: ``$RESULTSQA_MAX_QUESTION_CHARS`` (default 2000). Reading
    costs grow with a question's length; a longer one is refused in a sentence."""
    return _whole(
        "RESULTSQA_MAX_QUESTION_CHARS",
        DEFAULT_MAX_QUESTION_CHARS,
        "a whole number of characters above 0",
    )


# Reading one PDF (indexing/pdfworker.py): what a hostile file may cost.


def max_pages() -> int:
    """The most pages a PDF may have: ``$RESULTSQA_MAX_PAGES`` (default 2000)."""
    return _whole("RESULTSQA_MAX_PAGES", DEFAULT_MAX_PAGES, "a whole number of pages above 0")


def max_stream_bytes() -> int:
    """The most one compressed stream may inflate to: ``$RESULTSQA_MAX_STREAM_MB``."""
    mb = _positive("RESULTSQA_MAX_STREAM_MB", DEFAULT_MAX_STREAM_MB, "a size in MB above 0")
    return max(1, int(mb * MB))


def max_inflated_bytes() -> int:
    """The most all of a PDF's page contents may inflate to:
    ``$RESULTSQA_MAX_INFLATED_MB``."""
    mb = _positive("RESULTSQA_MAX_INFLATED_MB", DEFAULT_MAX_INFLATED_MB, "a size in MB above 0")
    return max(1, int(mb * MB))


def read_seconds() -> float:
    """The longest one PDF may take to read: ``$RESULTSQA_READ_SECONDS`` (default 120)."""
    return _positive("RESULTSQA_READ_SECONDS", DEFAULT_READ_SECONDS, "a number of seconds above 0")


def read_memory_bytes() -> int:
    """The memory the process reading a PDF may use: ``$RESULTSQA_READ_MEMORY_MB``."""
    # More than a terabyte is no limit a machine can set (setrlimit refuses it, and every
    # file would read as a crash): said as a bad setting instead.
    mb = _positive(
        "RESULTSQA_READ_MEMORY_MB",
        DEFAULT_READ_MEMORY_MB,
        f"a size in MB above 0 and at most {MAX_READ_MEMORY_MB:,}",
        most=MAX_READ_MEMORY_MB,
    )
    return max(1, int(mb * MB))


def max_records() -> int:
    """The most records one file may add: ``$RESULTSQA_MAX_RECORDS`` (default 50,000; a
    2,000-page report holds some 10,000). Parsing and embedding are bounded by it, where the
    reading limits bound only the reading."""
    return _whole("RESULTSQA_MAX_RECORDS", DEFAULT_MAX_RECORDS, "a whole number of records above 0")


def max_index_bytes() -> int:
    """The most text and metadata one file may add to the index:
    ``$RESULTSQA_MAX_INDEX_MB`` (default 100)."""
    mb = _positive("RESULTSQA_MAX_INDEX_MB", DEFAULT_MAX_INDEX_MB, "a size in MB above 0")
    return max(1, int(mb * MB))


READING = (
    max_file_bytes,
    max_pages,
    max_stream_bytes,
    max_inflated_bytes,
    read_seconds,
    read_memory_bytes,
    max_records,
    max_index_bytes,
)
"""What reading a PDF obeys: checked before a batch starts."""


# The optional LLM (app/synthesis.py).


def llm_url() -> str | None:
    """``$RESULTSQA_LLM_URL``: an OpenAI-compatible base URL, without a trailing slash."""
    return _http_url("RESULTSQA_LLM_URL", "http://localhost:11434/v1")


def llm_model() -> str:
    return _raw("RESULTSQA_LLM_MODEL") or DEFAULT_LLM_MODEL


def database_url() -> str | None:
    """``$RESULTSQA_DATABASE_URL``: the database saved conversations and briefings go to, as
    a SQLAlchemy URL (``postgresql+psycopg://user@host/db``); None for SQLite in the data
    folder (app/saved.py)."""
    value = _raw("RESULTSQA_DATABASE_URL")
    if value is None:
        return None
    from sqlalchemy.engine import make_url

    try:
        make_url(value)
    except Exception:  # sqlalchemy's ArgumentError, or a ValueError from a bad port
        raise _bad(
            "RESULTSQA_DATABASE_URL",
            masked(value),
            "a database URL like postgresql+psycopg://user@host/db or sqlite:////path/saved.db",
        ) from None
    return value


def llm_api_key() -> str | None:
    """The key, as it is set (never stripped into another key, never shown)."""
    return os.environ.get("RESULTSQA_LLM_API_KEY") or None


def llm_timeout() -> float:
    """Seconds before a draft is given up: ``$RESULTSQA_LLM_TIMEOUT``, default 30."""
    return _positive("RESULTSQA_LLM_TIMEOUT", DEFAULT_LLM_TIMEOUT, "a number of seconds above 0")


# The chat's server.


def port() -> int:
    """The port ``resultsqa app`` serves on: ``$PORT``, else 8501."""
    value = _raw("PORT")
    if value is None:
        return DEFAULT_PORT
    if not (value.isascii() and value.isdigit() and 1 <= int(value) <= 65535):
        raise _bad("PORT", value, "a port number from 1 to 65535")
    return int(value)


# Several at once.

INDEX = (home, store, chroma_url, chroma_timeout, collection, max_question_chars)
"""What every command that opens the index reads."""


def check(*settings: Callable[[], object]) -> None:
    """Read each of ``settings`` now, so that every bad one is said at once, before any work
    starts rather than half-way through it."""
    problems = []
    for read in settings:
        try:
            read()
        except UsageError as error:
            problems.append(str(error))
    if problems:
        raise UsageError("\n".join(problems))
