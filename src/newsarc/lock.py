"""The archive's writer lock: one `add` or `reindex` at a time, readers never blocked.

An advisory `flock` on a file in the archive; the kernel releases it when the process
dies, so a killed `add` never leaves the archive locked.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from newsarc.errors import ArchiveBusy, ArchiveError

LOCK_FILE = ".newsarc.lock"
DEFAULT_TIMEOUT = 30.0
_POLL_SECONDS = 0.1


@contextlib.contextmanager
def writer_lock(
    root: Path,
    timeout: float = DEFAULT_TIMEOUT,
    on_wait: Callable[[], None] | None = None,
) -> Iterator[None]:
    """Hold the archive's writer lock; call `on_wait` once if another writer has it."""
    try:
        import fcntl
    except ImportError:  # Windows: no flock; Whoosh's own index lock still serializes writers
        yield
        return
    path = root / LOCK_FILE
    try:
        handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise ArchiveError(f"cannot write to the archive at {root} ({exc.strerror})") from None
    try:
        deadline = time.monotonic() + timeout
        waited = False
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if not waited and on_wait is not None:
                    on_wait()
                waited = True
                if time.monotonic() >= deadline:
                    raise ArchiveBusy(
                        f"archive busy: another newsarc process is writing to {root}",
                        hint=f"waited {timeout:.0f} s; try again when it has finished",
                    ) from None
                time.sleep(_POLL_SECONDS)
        yield
    finally:
        os.close(handle)  # closing the descriptor releases the lock
