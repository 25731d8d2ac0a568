"""Adding articles: the add pipeline behind `Archive.add`.

Inputs are read (newsarc.reader), each article is checked against what the archive holds
(same text: a duplicate; same id, other text: a failure; the same story with small edits:
linked to it, newsarc.dedup, through the story index), written to corpus/ (newsarc.store)
and then given to the index (newsarc.engine), which is committed every so many articles
or seconds and at the end. Ctrl-C is deferred while an article's corpus file and index
entry are written (_InterruptGuard); a failure commits what can be trusted and says what
is saved.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from newsarc.engine.directory import current_index_dir, stories_file
from newsarc.errors import (
    ArchiveError,
    IndexUnavailable,
    Interrupted,
    NewsarcError,
    ParallelIndexError,
)
from newsarc.fsio import (
    atomic_write,
    describe_os_error,
    error_hint,
    read_regular_file,
    remove_quietly,
    sync_written,
)
from newsarc.home import is_archive
from newsarc.lock import DEFAULT_TIMEOUT, writer_lock
from newsarc.model import AddOutcome, AddReport, Article
from newsarc.signals import InterruptGuard as _InterruptGuard
from newsarc.signals import signal_of
from newsarc.store import CORPUS_DIR
from newsarc.wording import counted, plural

if TYPE_CHECKING:  # imported where used: a search needs no reader (dates, encodings)
    from newsarc.archive import Archive
    from newsarc.engine.base import Reader, Transaction
    from newsarc.reader import ReadOptions

# A long `add` commits the index every so many articles or seconds, whichever comes first:
# a crash or kill then costs at most that much index work (the corpus files themselves are
# never lost; adding again redoes it), while each commit's cost (writing and merging
# segments, about 1.5 s at 5,000 articles) stays small next to the batch. Measured on
# 5,000 ANT articles: one commit 34-37 s, every 2,500 37 s, every 1,000 41-44 s.
COMMIT_EVERY_ARTICLES = 2000
COMMIT_EVERY_SECONDS = 60.0
# A large `add` (or `reindex`) indexes in several processes (engine.whoosh_parallel), each of
# which writes one segment per commit: frequent commits would leave many segments, and
# merging them costs more than the parallelism gains (4 equal segments are merged, see
# engine.whoosh_index.merge_policy). So a parallel `add` commits every 5 minutes: ANT's 41,686
# articles become one commit of 2 segments, and a crash costs at most 5 minutes of
# index work (the corpus files are kept; adding again redoes it).
PARALLEL_MIN_ARTICLES = 1000
PARALLEL_COMMIT_EVERY_ARTICLES = 200_000
PARALLEL_COMMIT_EVERY_SECONDS = 300.0
# Estimating an input's article count from its size (ANT: 2.4 KiB of JSON per article;
# gzip shrinks Arabic JSON about 4.5 times).
_BYTES_PER_ARTICLE = 2500
_GZIP_RATIO = 4


def add(
    archive: Archive,
    paths: Iterable[str],
    options: ReadOptions | None = None,
    *,
    stdin: io.BufferedIOBase | None = None,
    on_outcome: Callable[[AddOutcome], None] | None = None,
    on_wait: Callable[[], None] | None = None,
    lock_timeout: float = DEFAULT_TIMEOUT,
    dry_run: bool = False,
) -> AddReport:
    """Add articles from files, directories or `-` (stdin); returns one outcome each.

    With dry_run, nothing is written (no lock, no archive created): each outcome says
    what would happen and carries the Article that would be stored.

    Each article's corpus file is written atomically before the index learns of it; the
    index is committed every COMMIT_EVERY_ARTICLES articles and at the end. On Ctrl-C
    what was added so far is committed and `Interrupted` says so; on a full disk or
    another system error likewise, then ArchiveError. A crash leaves the index at its
    last commit and corpus files it lacks, which adding again picks up.
    """
    from newsarc.reader import Inputs, ReadOptions, expand_paths, read_inputs

    options = _with_known_sources(archive, options or ReadOptions())
    # A missing path fails before anything is written. (Inputs: walked already.)
    inputs = paths if isinstance(paths, Inputs) else expand_paths(paths)
    report = AddReport()
    if not inputs:
        return report
    if dry_run:
        return _dry_run(archive, inputs, options, stdin, on_outcome, report)
    from newsarc.engine.procs import indexing_procs

    root = archive.root
    procs = indexing_procs() if _estimated_articles(inputs) >= PARALLEL_MIN_ARTICLES else 1
    items = read_inputs(inputs, options, stdin=stdin)
    first = _first_article(items, report, on_outcome)
    if first is None:
        return report  # nothing to store: no lock taken, no archive created
    root_existed = root.exists()
    with writer_lock(root, lock_timeout, on_wait):
        # Decided under the lock: a concurrent `add` may have created the archive meanwhile.
        if is_archive(root):
            archive.index.tidy()
        known = _KnownArticles.of(archive)
        batch = _AddBatch(
            archive, known.ids, known.hashes, load_stories=is_archive(root), procs=procs
        )
        with _InterruptGuard() as guard:
            try:
                for item in itertools.chain([first], items):
                    with guard.critical():  # a corpus file and its index entry, or neither
                        outcome = batch.take(item)
                        report.outcomes.append(outcome)
                        batch.commit_if_due()
                    batch.compact_if_due()  # not critical: everything so far is committed
                    if on_outcome is not None:
                        on_outcome(outcome)
                    guard.raise_if_pending()
                with guard.critical():
                    batch.commit()
                batch.compact_if_due()
            except BaseException as exc:
                with guard.critical():
                    saved = batch.save_what_is_done()
                    batch.flush_stored()
                raise _add_failure(exc, batch, saved) from None
            finally:
                batch.cancel()
                known.close()
        if batch.index_down is not None:
            raise batch.awaiting_failure()
        if not root_existed and not report.count("added"):
            # Still under the lock, so that a writer waiting for it notices the removal.
            _remove_empty_archive_dir(root)
    return report

def _dry_run(
    archive: Archive,
    inputs: list[str],
    options: ReadOptions,
    stdin: io.BufferedIOBase | None,
    on_outcome: Callable[[AddOutcome], None] | None,
    report: AddReport,
) -> AddReport:
    from newsarc.reader import read_inputs

    exists = is_archive(archive.root)
    known = _KnownArticles.of(archive) if exists else _KnownArticles(None)
    try:
        batch = _AddBatch(archive, known.ids, known.hashes, load_stories=exists, dry_run=True)
        for item in read_inputs(inputs, options, stdin=stdin):
            outcome = batch.take(item)
            report.outcomes.append(outcome)
            if on_outcome is not None:
                on_outcome(outcome)
    finally:
        known.close()
    return report


def load_stories(archive: Archive):
    """The near-duplicate sketches of every indexed article (dedup.StoryIndex): as
    saved after the index's last commit, else read from the index's lexicon (0.5 s on
    ANT, where the saved copy takes 20 ms)."""
    from newsarc.dedup import StoryIndex

    stories = StoryIndex()
    directory = current_index_dir(archive.index.container)
    try:
        engine = archive.index.current()
        if engine is not None:
            try:
                saved = read_regular_file(stories_file(directory, engine.generation()))
                return StoryIndex.from_bytes(_unsealed(saved))
            except (OSError, ValueError):  # none saved for this commit, or damaged: rebuild
                pass
            with engine.reader() as reader:
                stories.update(reader.sketches())
    except IndexUnavailable:
        return StoryIndex()  # the index is down: near-duplicates within this add only
    return stories

# The saved story index ends with the SHA-256 of the rest: a file damaged or edited by hand
# (article numbers out of range, or shifted to name the wrong article) is rebuilt from the
# index instead of crashing an `add` or writing a wrong near-dup-of into a corpus file.
_SEAL_BYTES = 32


def _sealed(payload: bytes) -> bytes:
    import hashlib

    return payload + hashlib.sha256(payload).digest()


def _unsealed(data: bytes) -> bytes:
    import hashlib

    payload, seal = data[:-_SEAL_BYTES], data[-_SEAL_BYTES:]
    if len(data) <= _SEAL_BYTES or hashlib.sha256(payload).digest() != seal:
        raise ValueError("story index damaged (its checksum does not match)")
    return payload


def save_stories(archive: Archive, stories) -> None:
    """Under the writer lock, after a commit: save the story index for this commit and
    remove those of earlier ones. A cache: failing to write it costs only time."""
    directory = current_index_dir(archive.index.container)
    try:
        engine = archive.index.current()
        if engine is None:
            return
        target = stories_file(directory, engine.generation())
        atomic_write(target, _sealed(stories.to_bytes()), durable=False)
        for old in directory.glob(stories_file(directory, "*").name):
            if old != target:
                remove_quietly(old)
    except (OSError, NewsarcError):
        pass


def sync_corpus(root: Path, paths: Iterable[str]) -> None:
    """Make these corpus files (written by `add` without a flush of their own) and the
    folders naming them durable, before an index commit names them: the index never
    durably holds an article whose file a power cut could still take away."""
    sync_written(root / CORPUS_DIR, [root / relative for relative in paths])


def _open_writer(archive: Archive, procs: int = 1) -> Transaction:
    archive.create()
    return archive.index.writer(procs)[1]



class _KnownArticles:
    """The ids and content hashes an `add` must not add again: those of this batch in
    memory, those of the index looked up one term at a time. (Reading both whole
    lexicons first took ~2 s on a 40,000-article archive: more than a daily add of 100
    articles may take, bench/bench_incremental.py.)"""

    def __init__(self, reader: Reader | None) -> None:
        self.reader = reader
        self.ids = _KnownIds(reader)
        self.hashes = _KnownHashes(reader)

    @classmethod
    def of(cls, archive: Archive) -> _KnownArticles:
        try:
            return archive.index.read(cls, keep_open=True)
        except IndexUnavailable:
            return cls(None)  # the index is down: articles are stored to await indexing

    def close(self) -> None:
        if self.reader is not None:
            self.reader.close()
            self.reader = None


class _KnownIds(set[str]):
    def __init__(self, reader: Reader | None) -> None:
        super().__init__()
        self.reader = reader

    def __contains__(self, article_id: object) -> bool:
        if super().__contains__(article_id):
            return True
        if self.reader is None or not isinstance(article_id, str):
            return False
        try:
            return self.reader.has_id(article_id)
        except IndexUnavailable:
            self.reader = None  # down since the add began: what this add holds only
            return False


class _KnownHashes(dict[str, str]):
    """content hash → id of the article holding that text."""

    def __init__(self, reader: Reader | None) -> None:
        super().__init__()
        self.reader = reader

    def __contains__(self, digest: object) -> bool:
        if super().__contains__(digest) or self.reader is None or not isinstance(digest, str):
            return super().__contains__(digest)
        try:
            return self.reader.has_hash(digest)
        except IndexUnavailable:
            self.reader = None  # down since the add began: what this add holds only
            return False

    def __missing__(self, digest: str) -> str:
        found = self.reader.id_for_hash(digest) if self.reader is not None else None
        return found or "an earlier article"


class _AddBatch:
    """One `add`: decides each article's fate and holds the index writer between commits."""

    def __init__(
        self,
        archive: Archive,
        known_ids: set[str],
        known_hashes: dict[str, str],
        load_stories: bool = True,
        dry_run: bool = False,
        procs: int = 1,
    ) -> None:
        self.archive = archive
        self.procs = procs  # indexing processes (newsarc.engine.whoosh_parallel); 1 for a small add
        self.known_ids = known_ids
        self.known_hashes = known_hashes
        self.added_at = _now()
        self.writer: Transaction | None = (
            None  # opened with the first new article: a batch of duplicates writes nothing
        )
        self.writer_broken = False  # a writer call failed: its pending documents cannot be trusted
        self.pending: list[str] = []  # corpus files written since the last commit
        self.tidied: set[str] = set()  # corpus folders cleared of temporary files from crashes
        self.committed = 0
        self.last_commit = time.monotonic()
        self.compaction_due = False  # a commit was made since the index was last offered it
        self.dry_run = dry_run
        self._load_stories = load_stories
        self._stories = None  # dedup.StoryIndex, loaded with the first new article
        # The index could not be reached (a shard server down): articles are still stored
        # in corpus/ and listed here, to be indexed by the same `add` again or a repair.
        self.index_down: IndexUnavailable | None = None
        self.awaiting: list[str] = []

    def _story_index(self):
        if self._stories is None:
            from newsarc.dedup import StoryIndex

            self._stories = load_stories(self.archive) if self._load_stories else StoryIndex()
        return self._stories

    def take(self, item: Article | AddOutcome) -> AddOutcome:
        if isinstance(item, AddOutcome):
            return item
        article = item
        origin = article.origin or ""
        shown = article if self.dry_run else None
        if article.content_hash in self.known_hashes:
            other = self.known_hashes[article.content_hash]
            return AddOutcome(
                "duplicate",
                origin,
                id=other,
                message=f"same text as {other}",
                encoding=article.encoding,
                date=article.date,
                date_rule=article.date_rule,
                notes=article.notes,
                article=shown,
                dry_run=self.dry_run,
            )
        if article.id in self.known_ids:
            return AddOutcome(
                "failed",
                origin,
                id=article.id,
                message=(
                    f"{origin}: id {article.id} is already in the archive with a different text"
                ),
                notes=article.notes,
                article=shown,
                dry_run=self.dry_run,
            )
        from newsarc import dedup

        # Wire copy: the same story with small edits joins the earlier article's story.
        sketch = dedup.sketch(article.text)
        stories = self._story_index()
        match = stories.find(sketch) if sketch is not None else None
        if match is not None:
            article = replace(article, story=match.story, near_dup_of=match.article_id)
        if self.dry_run:
            path = self.archive.store.relative_path(article)
        else:
            if self.writer is None and self.index_down is None:
                try:
                    self.writer = _open_writer(self.archive, self.procs)
                except IndexUnavailable as exc:
                    self._index_lost(exc)
            article = replace(article, added=self.added_at)
            folder = self.archive.store.relative_path(article).rpartition("/")[0]
            if folder not in self.tidied:
                self.archive.store.remove_temp_files(folder)
                self.tidied.add(folder)
            try:
                # The corpus file first, then the index; flushed to disk with its window (commit).
                path = self.archive.store.write(article, durable=False)
            except NewsarcError as exc:
                return AddOutcome(
                    "failed", origin, id=article.id, message=exc.message, encoding=article.encoding
                )
            self.pending.append(path)
            try:
                if self.writer is None:  # the index is down
                    self._index_lost(self.index_down)
                else:
                    self.writer.add(article, path, sketch)
            except ParallelIndexError:
                self._index_in_one_process()  # this article included: it is in `pending`
            except IndexUnavailable as exc:
                self._index_lost(exc)
            except BaseException:
                self.pending.pop()
                self.writer_broken = True
                raise
        self.known_ids.add(article.id)
        self.known_hashes[article.content_hash] = article.id
        if sketch is not None:
            stories.add(sketch, article.id, article.story_id)
        return AddOutcome(
            "added",
            origin,
            id=article.id,
            path=path,
            encoding=article.encoding,
            date=article.date,
            date_rule=article.date_rule,
            story=article.story,
            near_dup_of=article.near_dup_of,
            similarity=match.similarity if match else None,
            notes=article.notes,
            article=article if self.dry_run else None,
            dry_run=self.dry_run,
        )

    def commit_if_due(self) -> None:
        if self.procs > 1:
            articles, seconds = PARALLEL_COMMIT_EVERY_ARTICLES, PARALLEL_COMMIT_EVERY_SECONDS
        else:
            articles, seconds = COMMIT_EVERY_ARTICLES, COMMIT_EVERY_SECONDS
        if self.writer is not None and self.writer.commit_every is not None:
            articles = min(articles, self.writer.commit_every)
        if len(self.pending) >= articles or (
            self.pending and time.monotonic() - self.last_commit >= seconds
        ):
            self.commit()

    def commit(self) -> None:
        if self.writer is None:
            return
        sync_corpus(self.archive.root, self.pending)
        try:
            self.writer.commit()
        except IndexUnavailable as exc:
            self._index_lost(exc)
            return
        except ParallelIndexError:
            # The index is as it was: index this window again, here, from its corpus files.
            self._index_in_one_process()
            self.commit()
            return
        except BaseException:
            self.writer_broken = True
            raise
        writer, self.writer = self.writer, None
        writer.close()
        self.committed += len(self.pending)
        self.pending = []
        self.last_commit = time.monotonic()
        self.compaction_due = True
        if self._stories is not None:
            save_stories(self.archive, self._stories)

    def compact_if_due(self) -> None:
        """Right after a commit (no writer open): let the engine compact the index it has
        grown (ArchiveIndex.compact; if that fails, the `add` goes on as committed)."""
        if not self.compaction_due:
            return
        self.compaction_due = False
        if self.archive.index.compact() and self._stories is not None:
            save_stories(self.archive, self._stories)  # named by the new index's generation

    def _index_lost(self, exc: IndexUnavailable | None) -> None:
        """The index cannot be reached: drop the writer (its window is not committed) and
        keep storing articles in corpus/, listed as awaiting indexing."""
        self.index_down = exc or self.index_down
        if self.writer is not None:
            writer, self.writer = self.writer, None
            writer.cancel()
        self.awaiting += self.pending
        self.pending = []

    def awaiting_failure(self) -> ArchiveError:
        """What an `add` whose index was down says at the end."""
        assert self.index_down is not None
        sync_corpus(self.archive.root, self.awaiting)
        count = len(self.awaiting)
        saved = f"{self.committed} article(s) indexed before it; " if self.committed else ""
        return ArchiveError(
            f"{self.index_down.message}; {saved}{count} article(s) stored in corpus/ "
            "await indexing",
            hint="once it is back, the same `add` again, or `newsarc check --repair`, indexes them",
        )

    def _index_in_one_process(self) -> None:
        """The parallel writer failed (an indexing process died): drop it, and index the
        articles of this commit window again from their corpus files, in this process, as
        every later article of this `add`."""
        if self.writer is not None:
            self.writer.cancel()
        self.writer, self.procs = None, 1
        try:
            self.writer = _open_writer(self.archive, 1)
            for path in self.pending:
                self.writer.add(self.archive.store.read(path), path)
        except BaseException:
            self.writer_broken = True
            raise

    def save_what_is_done(self) -> bool:
        """After a failure: commit the articles added since the last commit if the writer
        can be trusted. True when every added article is in the index."""
        if self.writer is None:
            return True
        if self.writer_broken:
            return False
        try:
            self.commit()
        except Exception:
            return False
        return True

    def flush_stored(self) -> None:
        """After a failure: make the corpus files stored but not indexed durable, as the
        message then says they are kept. Best effort: the failure may be the disk's."""
        try:
            sync_corpus(self.archive.root, self.pending + self.awaiting)
        except OSError:
            pass

    def cancel(self) -> None:
        if self.writer is not None:
            writer, self.writer = self.writer, None
            writer.cancel()


def _first_article(
    items: Iterator[Article | AddOutcome],
    report: AddReport,
    on_outcome: Callable[[AddOutcome], None] | None,
) -> Article | None:
    """Read up to the first article, reporting the failures before it. The writer lock
    waits for it: an input that is still being read (stdin, a huge file of blank lines or
    bad records) keeps no other writer out."""
    with _InterruptGuard():  # (SIGTERM and SIGHUP as Ctrl-C)
        try:
            for item in items:
                if isinstance(item, Article):
                    return item
                report.outcomes.append(item)
                if on_outcome is not None:
                    on_outcome(item)
        except KeyboardInterrupt as exc:
            raise Interrupted("interrupted: nothing was added", signal_of(exc)) from None
    return None


def _add_failure(exc: BaseException, batch: _AddBatch, saved: bool) -> BaseException:
    """What a failed or interrupted `add` tells the user: what is safe, what to do next."""
    if saved:
        done = batch.committed
        saved_words = f"added before it {plural(done, 'is')} saved"
        kept = f"the {counted(done, 'article')} {saved_words}" if done else "nothing was added"
    else:
        pending = len(batch.pending)
        kept = (
            f"{counted(batch.committed, 'article')} added before it "
            f"{plural(batch.committed, 'is')} saved; "
            f"{pending} more {plural(pending, 'is')} in corpus/ but not yet in the index "
            "(the same `add` again, or `newsarc check --repair`, indexes them)"
        )
    if isinstance(exc, KeyboardInterrupt):
        again = (
            "; run the same command again to add the rest"
            if batch.committed or batch.pending
            else ""
        )
        return Interrupted(f"interrupted: {kept}{again}", signal_of(exc))
    if isinstance(exc, OSError) and not isinstance(exc, BrokenPipeError):
        where = f" ({exc.filename})" if exc.filename else ""
        hint = error_hint(exc, "run the same command again: it adds exactly what is missing")
        return ArchiveError(
            f"cannot add to the archive: {describe_os_error(exc)}{where}; {kept}", hint=hint
        )
    if isinstance(exc, NewsarcError) and (batch.committed or batch.pending):
        exc.message = f"{exc.message}; {kept}"
    return exc


def _with_known_sources(archive: Archive, options: ReadOptions) -> ReadOptions:
    """The options, with the archive's sources: a closing line naming one is a signature."""
    if not is_archive(archive.root):
        return options
    try:
        names = tuple(archive.source_names())
    except (ArchiveError, OSError):  # a damaged index: read without them
        return options
    return replace(options, known_sources=names)


def _estimated_articles(inputs: list[str]) -> int:
    """About how many articles these inputs hold, from their sizes (stdin counts as none):
    enough to decide whether an `add` is large enough to index in parallel."""
    total = 0
    for path in inputs:
        try:
            size = os.path.getsize(path)
        except OSError:  # stdin, or gone: read as it comes
            continue
        total += max(
            1, size * (_GZIP_RATIO if path.lower().endswith(".gz") else 1) // _BYTES_PER_ARTICLE
        )
    return total


def _now() -> str:
    return (
        dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    )


def _remove_empty_archive_dir(root: Path) -> None:
    # `add` that added nothing leaves no archive behind where there was none.
    from newsarc.lock import LOCK_FILE

    try:
        (root / LOCK_FILE).unlink(missing_ok=True)
        root.rmdir()
    except OSError:
        pass
