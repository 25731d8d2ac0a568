"""Which index in `index/` is in use, and replacing it atomically (any engine).

`index/` holds one or more complete indexes in subdirectories and a pointer file,
`index/CURRENT`, naming the one in use. A rebuild writes a new subdirectory and then
replaces the pointer in one atomic rename, so a reader (or a crash) always finds either
the old index or the new one, never none. An archive made before the pointer existed has
its index files directly in `index/`; that layout is still read, and the next rebuild
replaces it.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

from newsarc.errors import ArchiveError
from newsarc.fsio import atomic_write, fsync_directory, read_regular_file

POINTER_FILE = "CURRENT"
_GENERATION_NAME = re.compile(r"^ix-[0-9A-Za-z-]{1,64}$")


def current_index_dir(container: Path) -> Path:
    """The directory of the index in use: the one `index/CURRENT` names, else (an archive
    from before the pointer) `index/` itself."""
    try:
        name = read_regular_file(container / POINTER_FILE).decode("utf-8").strip()
    except FileNotFoundError:
        return container
    except (OSError, UnicodeDecodeError) as exc:
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise ArchiveError(
            f"the index pointer {container / POINTER_FILE} cannot be read ({why})",
            hint="run `newsarc reindex` to rebuild the index from corpus/",
        ) from None
    if not _GENERATION_NAME.match(name):
        raise ArchiveError(
            f"the index pointer {container / POINTER_FILE} is damaged",
            hint="run `newsarc reindex` to rebuild the index from corpus/",
        )
    return container / name


def new_index_dir(container: Path) -> Path:
    """A fresh directory name for an index being built; not visible to readers until published."""
    import secrets  # (imported here: hashlib is 2-3 ms of every search's start-up)

    stamp = time.strftime("%Y%m%d%H%M%S", time.gmtime())
    return container / f"ix-{stamp}-{os.getpid()}-{secrets.token_hex(3)}"


def publish_index(container: Path, directory: Path) -> None:
    """Make `directory` the index in use, in one atomic, durable step."""
    fsync_directory(directory)
    atomic_write(container / POINTER_FILE, (directory.name + "\n").encode("ascii"))
    fsync_directory(container)


def remove_unused_indexes(container: Path) -> list[str]:
    """Delete everything in `index/` but the pointer and the index it names: indexes that
    a rebuild replaced or a killed rebuild left half-built, and the files of the old
    single-directory layout. Call only while holding the writer lock; a reader still
    using a deleted index retries with the current one. Returns what was removed."""
    if not (container / POINTER_FILE).is_file():
        return []
    keep = {POINTER_FILE, current_index_dir(container).name}
    removed = []
    for entry in sorted(os.listdir(container)):
        if entry in keep:
            continue
        path = container / entry
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            try:
                path.unlink()
            except OSError:
                continue
        removed.append(entry)
    return removed



def stories_file(directory: Path, generation: int | str) -> Path:
    """Where the story index (dedup.StoryIndex) of a commit of the index in `directory`
    is saved: a cache for `add`, rebuilt from the `sketch` terms when missing."""
    return directory / f"newsarc-stories-{generation}.bin"
