"""One writer at a time per index, across processes.

An advisory lock file per index: beside the embedded store, or, for a Chroma server, in the
data folder, named after the server's URL and the index name. Readers never take it: they
keep answering while a writer works, and see the new documents once the writer has
registered them.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import StoreError
from .paths import data_dir

if TYPE_CHECKING:
    from .store import Store


def lock_path(store: Store) -> Path:
    if store.remote:
        digest = hashlib.sha256(store.key.encode()).hexdigest()[:16]
        return data_dir() / "locks" / f"chroma-{digest}.lock"
    return Path(store.location) / f".{store.name}-write.lock"


class _NotAFile(OSError):
    pass


def _open_lock(path: Path):
    """Open the lock file without following a link planted in its place (a symlink to
    another file would be truncated by the holder's note), and only if it is a plain file."""
    try:
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise _NotAFile(error.errno, error.strerror) from None
        raise
    if not stat.S_ISREG(os.fstat(descriptor).st_mode):
        os.close(descriptor)
        raise _NotAFile(errno.EINVAL, "not a plain file")
    return os.fdopen(descriptor, "r+")


@contextlib.contextmanager
def writer_lock(store: Store) -> Iterator[None]:
    """Hold the index's write lock, or raise StoreError at once if another process has it."""
    if store.read_only:
        raise StoreError(
            f"cannot write the index at {store.where}: it is read-only; questions are still "
            "answered from it"
        )
    path = lock_path(store)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = _open_lock(path)
    except _NotAFile:
        raise StoreError(
            f"cannot write the index at {store.where}: its lock file {path} is a link or not a "
            "plain file; remove it and try again (nothing was written through it)"
        ) from None
    except OSError as error:
        raise StoreError(
            f"cannot write the index at {store.where}: cannot create its lock file {path} "
            f"({error.strerror})"
        ) from None
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise StoreError(
                f"{store.where} is being written by {holder}; try again when it has finished"
            ) from None
        with contextlib.suppress(OSError):  # the holder's name is a courtesy (disk full)
            handle.seek(0)
            handle.truncate()
            handle.write(f"process {os.getpid()}")
            handle.flush()
        try:
            yield
        finally:
            with contextlib.suppress(OSError):
                handle.truncate(0)
            fcntl.flock(handle, fcntl.LOCK_UN)
