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

from newsarc.errors import ArchiveBusy
from newsarc.fsio import archive_os_error

LOCK_FILE = ".newsarc.lock"
DEFAULT_TIMEOUT = 30.0
_POLL_SECONDS = 0.1


@contextlib.contextmanager
def writer_lock(
    root: Path,
    timeout: float = DEFAULT_TIMEOUT,
    on_wait: Callable[[], None] | None = None,
) -> Iterator[None]:
    """Hold the archive's writer lock; call `on_wait` once if another writer has it.

    Raises ArchiveBusy after `timeout` seconds, ArchiveError when the archive cannot be
    written at all (read-only, permissions).
    """
    try:
        import fcntl
    except ImportError:  # Windows: no flock; Whoosh's own index lock still serializes writers
        yield
        return
    deadline = time.monotonic() + timeout
    waited = False
    while True:
        handle = _open_lock_file(root)
        try:
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
                            hint=(
                                f"waited {timeout:g} s; try again when it has finished, "
                                "or wait longer with --wait"
                            ),
                        ) from None
                    time.sleep(_POLL_SECONDS)
            if _still_the_lock_file(handle, root / LOCK_FILE):
                break
        except BaseException:
            os.close(handle)
            raise
        # The file was removed (an `add` that created nothing tidies up after itself) or
        # replaced while we waited: a lock on it excludes no one. Lock the current one.
        os.close(handle)
    try:
        yield
    finally:
        os.close(handle)  # closing the descriptor releases the lock


def writer_active(root: Path) -> bool:
    """Is an `add` or `reindex` running on this archive right now? Never blocks."""
    try:
        import fcntl
    except ImportError:
        return False
    try:
        handle = os.open(root / LOCK_FILE, os.O_RDONLY | _O_CLOEXEC)
    except OSError:
        return False  # no lock file: no writer has ever run, or it is gone
    try:
        fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(handle)
    return False


_O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


def _open_lock_file(root: Path) -> int:
    try:
        root.mkdir(parents=True, exist_ok=True)
        return os.open(root / LOCK_FILE, os.O_RDWR | os.O_CREAT | _O_CLOEXEC, 0o644)
    except OSError as exc:
        raise archive_os_error(exc, f"cannot write to the archive at {root}") from None


def _still_the_lock_file(handle: int, path: Path) -> bool:
    try:
        current = os.stat(path)
    except OSError:
        return False
    held = os.fstat(handle)
    return (held.st_dev, held.st_ino) == (current.st_dev, current.st_ino)
