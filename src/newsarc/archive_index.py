"""An archive's index, engine-neutral: the one in use (`index/CURRENT`), opened for
reading (an empty archive reads as an empty index; a `reindex` swapping it meanwhile is
retried; a damaged one says to run `newsarc reindex`) and for writing."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar, cast

from newsarc.engine.base import Engine, Reader, Transaction
from newsarc.engine.choice import engine_of_index, recorded_choice
from newsarc.engine.directory import (
    POINTER_FILE,
    current_index_dir,
    new_index_dir,
    publish_index,
    remove_unused_indexes,
)
from newsarc.errors import ArchiveError, NewsarcError
from newsarc.store import CorpusStore

T = TypeVar("T")
# How often a reader retries when a `reindex` swapped the index while it was opening it.
_READ_ATTEMPTS = 3


class ArchiveIndex:
    """The index of the archive at `root` (its `index/` directory)."""

    def __init__(self, root: Path, store: CorpusStore) -> None:
        self.root = root
        self.store = store
        self.container = root / "index"

    @property
    def engine(self) -> type[Engine]:
        """The engine new indexes are built with: the one newsarc.json records (imported
        when first used: `show` needs no engine)."""
        return recorded_choice(self.root).engine_class()

    def engine_of(self, directory: Path) -> type[Engine]:
        """The engine that built the index in `directory` (newsarc.engine.choice)."""
        return engine_of_index(directory, recorded_choice(self.root))

    def current(self) -> Engine | None:
        """The index in use, or None when there is none (ArchiveError when damaged)."""
        directory = current_index_dir(self.container)
        engine = self.engine_of(directory)
        return engine.open(directory) if engine.exists(directory) else None

    def read(self, use: Callable[[Reader], T], *, keep_open: bool = False) -> T:
        """Call `use(reader)` with the index in use; engine failures become ArchiveError.

        An archive with no articles yet reads as an empty index (and nothing is written,
        so read-only archives work). If a `reindex` swapped the index while this was
        reading, it tries again with the new one. keep_open: the reader stays open after
        `use` (which then owns it and closes it).
        """
        for attempt in range(1, _READ_ATTEMPTS + 1):
            directory = current_index_dir(self.container)
            engine_class = self.engine_of(directory)
            try:
                if engine_class.exists(directory):
                    engine = engine_class.open(directory)
                elif not any(True for _ in self.store.iter_paths()):
                    engine = engine_class.empty()
                else:
                    raise ArchiveError(
                        f"the archive at {self.root} has articles but no index",
                        hint="run `newsarc reindex` to build it from corpus/",
                    )
                reader = engine.reader()
            except Exception as exc:
                if attempt < _READ_ATTEMPTS and _pointer_moved(self.container, directory):
                    continue
                raise _as_damage(engine_class, directory, exc) from None
            guarded = _GuardedReader(reader)
            try:
                result = use(cast(Reader, guarded))
            except _EngineFailure as failure:
                reader.close()
                if attempt < _READ_ATTEMPTS and _pointer_moved(self.container, directory):
                    continue
                raise _as_damage(engine_class, directory, failure.cause) from None
            except BaseException:
                # newsarc's own code failed, not the index: never "run reindex" for a bug.
                reader.close()
                raise
            if not keep_open:
                reader.close()
            return result
        raise AssertionError("unreachable")

    def writer(self, procs: int = 1) -> tuple[Engine, Transaction]:
        """A transaction on the index in use, which is created (empty, published) first
        when there is none: for the first article."""
        directory = current_index_dir(self.container)
        engine_class = self.engine_of(directory)
        if engine_class.exists(directory):
            engine = engine_class.open(directory)
        else:
            directory = new_index_dir(self.container)
            engine_class.create(directory)
            publish_index(self.container, directory)
            engine = engine_class.open(directory)
        try:
            return engine, engine.transaction(procs=procs)
        except (OSError, NewsarcError):  # (busy, a shard down: said as they are)
            raise
        except Exception as exc:
            raise damaged_index(directory, exc) from None

    def compact(self) -> bool:
        """Under the writer lock, after a commit: replace the index in use with a compacted
        copy when its engine finds it due (Engine.compact_into), in one atomic step as a
        rebuild does; readers go on with the old one meanwhile. Whether it did. Only an
        optimization: if it fails (a full disk), the index in use stays as it was."""
        directory = new_index_dir(self.container)
        try:
            engine = self.current()
            if engine is None or not engine.compact_into(directory):
                shutil.rmtree(directory, ignore_errors=True)
                return False
            publish_index(self.container, directory)
        except (OSError, NewsarcError):
            shutil.rmtree(directory, ignore_errors=True)
            return False
        except BaseException:
            shutil.rmtree(directory, ignore_errors=True)
            raise
        self.tidy()  # the old copy (a reader still on it retries with this one)
        return True

    def tidy(self) -> list[str]:
        """Under the writer lock: make `index/` a directory and clear out what no reader
        needs (replaced or half-built indexes). Returns what was removed."""
        container = self.container
        if container.is_symlink() and not container.is_dir():
            # A link to another disk, not mounted now: replacing it would split the index.
            raise ArchiveError(
                f"the index folder {container} is a link to {os.readlink(container)}, "
                "which is not there",
                hint="mount it, or remove the link and run `newsarc reindex`",
            )
        if container.exists() and not container.is_dir():
            container.unlink()
        container.mkdir(parents=True, exist_ok=True)  # (a link to a folder is kept and used)
        pointer = container / POINTER_FILE
        if pointer.is_dir() and not pointer.is_symlink():  # not a pointer: the rebuild writes one
            shutil.rmtree(pointer)
        elif pointer.exists() and not pointer.is_file():  # a FIFO, a device, …
            pointer.unlink()
        try:
            return remove_unused_indexes(container)
        except ArchiveError:
            return []  # a damaged pointer: the rebuild replaces it


class _EngineFailure(Exception):
    """An engine call failed in a way the engine did not explain (a damaged index file)."""

    def __init__(self, cause: Exception) -> None:
        super().__init__(str(cause))
        self.cause = cause


class _GuardedReader:
    """A Reader whose engine failures are told apart from failures of the code using it:
    only the former mean a damaged index."""

    def __init__(self, reader: Reader) -> None:
        self._reader = reader

    def __getattr__(self, name: str) -> object:
        attribute = getattr(self._reader, name)
        if not callable(attribute):
            return attribute

        def guarded(*args: object, **kwargs: object) -> object:
            try:
                result = attribute(*args, **kwargs)
            except NewsarcError:
                raise
            except Exception as exc:
                raise _EngineFailure(exc) from exc
            if isinstance(result, Iterator):
                return _guarded_iteration(result)
            return result

        return guarded

    def __enter__(self) -> _GuardedReader:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._reader.close()


def _guarded_iteration(items: Iterator[T]) -> Iterator[T]:
    while True:
        try:
            item = next(items)
        except StopIteration:
            return
        except NewsarcError:
            raise
        except Exception as exc:
            raise _EngineFailure(exc) from exc
        yield item


def _as_damage(engine_class: type[Engine], directory: Path, exc: Exception) -> Exception:
    if isinstance(exc, NewsarcError):
        return exc
    engine_class.forget_failure(exc)
    return damaged_index(directory, exc)


def damaged_index(directory: Path, exc: BaseException) -> ArchiveError:
    detail = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    return ArchiveError(
        f"the index in {directory} cannot be read ({detail})",
        hint="run `newsarc reindex` to rebuild it from corpus/; the articles themselves are safe",
    )


def _pointer_moved(container: Path, directory: Path) -> bool:
    try:
        return current_index_dir(container) != directory
    except ArchiveError:
        return False
