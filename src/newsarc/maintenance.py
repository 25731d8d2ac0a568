"""Keeping an archive's index true to corpus/: `check` (do they agree?), `check --repair`
(make them agree) and `reindex` (build a new index from corpus/ and swap it in)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from newsarc.engine.choice import EngineChoice, record_choice
from newsarc.engine.directory import current_index_dir, new_index_dir, publish_index
from newsarc.engine.procs import indexing_procs
from newsarc.errors import ArchiveError, Interrupted, NewsarcError, ParallelIndexError
from newsarc.fsio import archive_os_error, error_hint, remove_quietly
from newsarc.ingest import PARALLEL_MIN_ARTICLES, sync_corpus
from newsarc.lock import DEFAULT_TIMEOUT, writer_active, writer_lock
from newsarc.model import CheckReport
from newsarc.signals import InterruptGuard, signal_of
from newsarc.wording import counted

if TYPE_CHECKING:
    from newsarc.archive import Archive
    from newsarc.engine.base import Reader


def check(
    archive: Archive,
    repair_it: bool = False,
    *,
    on_wait: Callable[[], None] | None = None,
    lock_timeout: float = DEFAULT_TIMEOUT,
) -> CheckReport:
    """Does the index open, and do the index and corpus/ hold the same articles?

    With `repair_it`, under the writer lock: leftover temporary files are removed, corpus
    files the index lacks are added to it, index entries whose file is gone are dropped,
    and an index that cannot be read (or was built by another version) is rebuilt. The
    report then describes the archive after the repair, with what was done in `repairs`.
    """
    if not repair_it:
        return survey(archive, writer_running=writer_active(archive.root)).report()
    repairs: list[str] = []
    with writer_lock(archive.root, lock_timeout, on_wait):
        try:
            repair(archive, survey(archive, writer_running=False), repairs)
        except KeyboardInterrupt:
            raise Interrupted(
                "interrupted: the repair was not finished; run `newsarc check --repair` again"
            ) from None
        except OSError as exc:
            raise archive_os_error(
                exc,
                "cannot repair the archive",
                hint=error_hint(exc, "run `newsarc check --repair` again"),
            ) from None
        after = survey(archive, writer_running=False).report()
    return replace(after, repairs=tuple(repairs))


def survey(archive: Archive, writer_running: bool) -> _Survey:
    """What corpus/ and the index hold, and what is wrong."""
    store = archive.store
    survey = _Survey(writer_running=writer_running)
    from newsarc.reader import content_hash

    for path in store.iter_paths():
        try:
            article = store.read(path)
        except NewsarcError as exc:
            survey.problems.append(f"unreadable corpus file: {exc.message}")
            continue
        if article.content_hash and content_hash(article.text) != article.content_hash:
            survey.problems.append(
                f"{path}: its text does not match its hash (cut, edited or damaged); "
                "restore it from a backup"
            )
        if article.id in survey.corpus:
            survey.conflicts.setdefault(article.id, [survey.corpus[article.id]]).append(path)
            continue
        survey.corpus[article.id] = path
    if not writer_running:
        survey.temp_files = list(store.iter_temp_files())
        for temp in survey.temp_files:
            survey.problems.append(f"{temp}: temporary file left by an interrupted write")
    try:
        directory = current_index_dir(archive.index.container)
    except ArchiveError as exc:
        survey.index_problem = exc.message + (f" ({exc.hint})" if exc.hint else "")
        return survey
    if not archive.index.engine_of(directory).exists(directory):
        if survey.corpus:
            survey.index_problem = "no index: run `newsarc reindex`"
        return survey

    def read_entries(reader: Reader) -> dict[str, str]:
        entries = reader.entries()
        reader.verify()  # every term's postings too: a damaged segment may fail only there
        return entries

    try:
        survey.indexed = archive.index.read(read_entries)
        survey.index_readable = True
    except NewsarcError as exc:
        survey.index_problem = exc.message + (f" ({exc.hint})" if exc.hint else "")
    for article_id, paths in survey.conflicts.items():
        # The indexed file is the article people have been finding: it stays.
        if survey.indexed.get(article_id) in paths:
            survey.corpus[article_id] = survey.indexed[article_id]
    return survey


def repair(archive: Archive, survey: _Survey, repairs: list[str]) -> None:
    """Under the writer lock: make corpus/ and the index agree, saying what was done."""
    root, store = archive.root, archive.store
    for temp in survey.temp_files:
        remove_quietly(root / temp)
        repairs.append(f"removed {temp}")
    for leftover in archive.index.tidy():
        repairs.append(f"removed index/{leftover}")
    if not survey.index_readable:
        count = rebuild(archive, repairs.append)
        repairs.append(f"rebuilt the index from corpus/: {counted(count, 'article')}")
        return
    missing = survey.missing_from_index()
    dangling = survey.dangling_entries()
    if not missing and not dangling:
        return
    archive.create()
    writer = archive.index.writer()[1]
    try:
        for article_id in dangling:
            writer.delete(article_id)
        moved = [article_id for article_id in dangling if article_id in survey.corpus]
        for article_id in missing + moved:  # a moved file: its entry again, at its new path
            path = survey.corpus[article_id]
            writer.add(store.read(path), path)
        sync_corpus(root, {survey.corpus[i] for i in missing})
        writer.commit(purge=bool(dangling))  # purging drops the dropped entries for good
    except BaseException:
        writer.cancel()
        raise
    writer.close()
    archive.index.compact()
    for article_id in dangling:
        if article_id in survey.corpus:
            repairs.append(f"re-pointed {article_id} to {survey.corpus[article_id]}")
        else:
            repairs.append(
                f"dropped index entry {article_id}: "
                f"its corpus file {survey.indexed[article_id]} is gone"
            )
    if missing:
        repairs.append(f"indexed {counted(len(missing), 'corpus file')} the index lacked")


def init(archive: Archive, choice: EngineChoice) -> None:
    """Make a new, empty archive with an empty index of the chosen engine (on its shards,
    which must answer; what they held is dropped), and record the choice. ArchiveError
    where an archive already is."""
    from newsarc.home import is_archive

    engine = choice.engine_class()  # not installed: says how, before anything is written
    if is_archive(archive.root):
        raise ArchiveError(
            f"there is already an archive at {archive.root}",
            hint="`newsarc reindex --engine ENGINE` moves an archive to another engine",
        )
    existed = archive.root.exists()
    archive.create()
    try:
        with writer_lock(archive.root):
            record_choice(archive.root, choice)
            building = new_index_dir(archive.index.container)
            with engine.create(building).transaction() as writing:
                writing.commit()  # a new build: shards are emptied of older ones
            publish_index(archive.index.container, building)
    except BaseException:
        # Nothing half-made stays: the directory as it was (an empty new one removed).
        for made in ("newsarc.json", "corpus", "index", ".newsarc.lock"):
            path = archive.root / made
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
        if not existed:
            shutil.rmtree(archive.root, ignore_errors=True)
        raise


def reindex(
    archive: Archive,
    on_wait: Callable[[], None] | None = None,
    lock_timeout: float = DEFAULT_TIMEOUT,
    on_problem: Callable[[str], None] | None = None,
    choice: EngineChoice | None = None,
) -> int:
    """Rebuild the index from corpus/ in a new directory, then swap it in atomically.
    `choice`: another engine (and shards) to build it with, recorded in newsarc.json
    once it is in use; by default the recorded one.

    Readers use the old index until the swap and the new one after it; a crash or Ctrl-C
    during the rebuild leaves the old index in use. A corpus file that cannot be read, or
    a second file with an id already seen, is left out and reported through `on_problem`.
    Returns the number of articles indexed.
    """
    with writer_lock(archive.root, lock_timeout, on_wait), InterruptGuard():
        try:
            try:
                return rebuild(archive, on_problem or (lambda problem: None), choice=choice)
            except ParallelIndexError:  # (the old index is in use, the new one removed)
                return rebuild(
                    archive, on_problem or (lambda problem: None), procs=1, choice=choice
                )
        except KeyboardInterrupt as exc:  # Ctrl-C, SIGTERM, SIGHUP
            raise Interrupted("interrupted: the index was not changed", signal_of(exc)) from None
        except OSError as exc:
            raise archive_os_error(
                exc, "cannot rebuild the index",
                hint="the old index is unchanged; "
                + error_hint(exc, "run `newsarc reindex` again"),
            ) from None


def rebuild(
    archive: Archive,
    on_problem: Callable[[str], None],
    procs: int | None = None,
    choice: EngineChoice | None = None,
) -> int:
    """Under the writer lock: build a new index from corpus/ and publish it (with the
    engine `choice`, then recorded; by default the recorded one)."""
    engine = choice.engine_class() if choice is not None else archive.index.engine
    archive.index.tidy()
    paths = list(archive.store.iter_paths())
    indexed = _indexed_paths(archive, set(paths))
    if procs is None:
        procs = indexing_procs() if len(paths) >= PARALLEL_MIN_ARTICLES else 1
    building = new_index_dir(archive.index.container)
    count = 0
    try:
        writer = engine.create(building).transaction(procs=procs)
        try:
            seen: dict[str, str] = {}
            for path in paths:
                try:
                    article = archive.store.read(path)
                except NewsarcError as exc:
                    on_problem(f"left out {path}: {exc.message}")
                    continue
                kept = seen.get(article.id) or indexed.get(article.id, path)
                if kept != path:  # an id in two files: the one indexed before stays the article
                    on_problem(f"left out {path}: its id {article.id} is also in {kept}")
                    continue
                seen[article.id] = path
                writer.add(article, path)
                count += 1
            writer.commit()
            writer.close()
        except BaseException:
            writer.cancel()
            raise
        publish_index(archive.index.container, building)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    if choice is not None:
        record_choice(archive.root, choice)
    archive.index.tidy()
    archive.index.compact()
    return count


def _indexed_paths(archive: Archive, present: set[str]) -> dict[str, str]:
    """id → corpus file of the index being replaced, for files still there ({} when it
    cannot be read): of two files carrying one id, the indexed one stays the article."""
    try:
        entries = archive.index.read(lambda reader: reader.entries())
    except NewsarcError:
        return {}
    return {article_id: path for article_id, path in entries.items() if path in present}


@dataclass
class _Survey:
    """What `check` found: corpus files by id, index entries by id, and problems."""

    writer_running: bool
    corpus: dict[str, str] = field(default_factory=dict)
    indexed: dict[str, str] = field(default_factory=dict)
    conflicts: dict[str, list[str]] = field(default_factory=dict)  # id -> files carrying it
    problems: list[str] = field(default_factory=list)
    temp_files: list[str] = field(default_factory=list)
    index_readable: bool = False
    index_problem: str | None = None

    def missing_from_index(self) -> list[str]:
        return sorted(set(self.corpus) - set(self.indexed))

    def dangling_entries(self) -> list[str]:
        """Index entries whose corpus file is gone or elsewhere."""
        return sorted(i for i, path in self.indexed.items() if self.corpus.get(i) != path)

    def report(self) -> CheckReport:
        problems = list(self.problems)
        for article_id, paths in self.conflicts.items():
            kept = self.corpus[article_id]
            others = ", ".join(path for path in paths if path != kept)
            problems.append(
                f"conflict: id {article_id} is carried by {kept} and {others}; "
                f"newsarc keeps {kept}: remove or rename the other file (no file was touched)"
            )
        if self.index_problem:
            problems.append(self.index_problem)
        else:
            for article_id in self.dangling_entries():
                path = self.indexed[article_id]
                if article_id not in self.corpus:
                    problems.append(
                        f"indexed article {article_id} has no corpus file ({path}): "
                        "run `newsarc check --repair`"
                    )
                else:
                    problems.append(
                        f"indexed article {article_id} points to {path}, "
                        f"but its file is {self.corpus[article_id]}"
                    )
            missing = self.missing_from_index()
            if missing:
                shown = ", ".join(missing[:5]) + (" …" if len(missing) > 5 else "")
                problems.append(
                    f"{counted(len(missing), 'corpus file')} not in the index: {shown}; "
                    "run `newsarc check --repair`"
                )
        if self.writer_running and problems:
            problems.append(
                "an `add` or `reindex` is running right now: "
                "run `newsarc check` again when it has finished"
            )
        return CheckReport(
            problems=tuple(problems),
            articles_in_corpus=len(self.corpus),
            articles_in_index=len(self.indexed),
        )
