"""The archive: the one facade the CLI (or any program) calls.

    archive = Archive.open(home)            # or Archive.open_or_create(home)
    report = archive.add(["articles/"], ReadOptions(source="العرب"))
    result = archive.search("الاسلامية", limit=10)
    article = archive.get(result.hits[0].article.id)

An archive is a directory with a marker file, `corpus/` (the truth) and `index/`
(derived). It is found the way git finds a repository: see `locate_home`.

Crash safety (see also `store`, `index`, `lock`): one writer at a time holds a `flock`; an
article's corpus file is written atomically before the index learns of it, and the
directories holding new corpus files are flushed to disk before each index commit, so an
index entry never points to a missing file. A killed `add` leaves the index at its last
commit and at worst corpus files it lacks: adding the same input again, `check --repair`
or `reindex` picks them up. Readers take no lock and see one commit or the next.
"""

from __future__ import annotations

import datetime as dt
import errno
import io
import itertools
import json
import os
import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from newsarc.errors import (
    ArchiveBusy,
    ArchiveError,
    ArticleNotFound,
    Interrupted,
    NewsarcError,
    ParallelIndexError,
    QueryError,
)
from newsarc.fsio import (
    archive_os_error,
    atomic_write,
    describe_os_error,
    fsync_directory,
    remove_quietly,
)
from newsarc.lock import DEFAULT_TIMEOUT, writer_active, writer_lock
from newsarc.model import (
    AddOutcome,
    AddReport,
    Analysis,
    Article,
    CheckReport,
    Hit,
    SearchResult,
    Stats,
    StoryCopy,
    Timeline,
    TokenAnalysis,
)
from newsarc.signals import InterruptGuard as _InterruptGuard
from newsarc.signals import signal_of
from newsarc.store import CORPUS_DIR, CorpusStore
from newsarc.wording import counted, plural

if TYPE_CHECKING:  # imported where used: a search needs no reader (dates, encodings)
    from newsarc.reader import ReadOptions

MARKER = "newsarc.json"
ENV_HOME = "NEWSARC_HOME"
ARCHIVE_FORMAT = 1
WRITER_MEMORY_MB = 256
# A long `add` commits the index every so many articles or seconds, whichever comes first:
# a crash or kill then costs at most that much index work (the corpus files themselves are
# never lost; adding again redoes it), while each commit's cost (writing and merging
# segments, about 1.5 s at 5,000 articles) stays small next to the batch. Measured on
# 5,000 ANT articles: one commit 34-37 s, every 2,500 37 s, every 1,000 41-44 s.
COMMIT_EVERY_ARTICLES = 2000
COMMIT_EVERY_SECONDS = 60.0
# A large `add` (or `reindex`) indexes in several processes (newsarc.parallel), each of
# which writes one segment per commit: frequent commits would leave many segments, and
# merging them costs more than the parallelism gains (4 equal segments are merged, see
# index.merge_policy). So a parallel `add` commits every 5 minutes: ANT's 41,686
# articles become one commit of 2 segments, and a crash costs at most 5 minutes of
# index work (the corpus files are kept; adding again redoes it).
PARALLEL_MIN_ARTICLES = 1000
PARALLEL_COMMIT_EVERY_ARTICLES = 200_000
PARALLEL_COMMIT_EVERY_SECONDS = 300.0
# Estimating an input's article count from its size (ANT: 2.4 KiB of JSON per article;
# gzip shrinks Arabic JSON about 4.5 times).
_BYTES_PER_ARTICLE = 2500
_GZIP_RATIO = 4
# How often a reader retries when a `reindex` swapped the index while it was opening it.
_READ_ATTEMPTS = 3

T = TypeVar("T")


def locate_home(home: str | os.PathLike[str] | None = None, environ: dict[str, str] | None = None, cwd: Path | None = None) -> Path:
    """`--home`, else $NEWSARC_HOME, else the nearest ancestor holding an archive, else the
    user data directory."""
    environ = dict(os.environ) if environ is None else environ
    if home:
        return Path(home).expanduser().absolute()
    if environ.get(ENV_HOME):
        return Path(environ[ENV_HOME]).expanduser().absolute()
    start = (cwd or Path.cwd()).absolute()
    for directory in (start, *start.parents):
        if (directory / MARKER).is_file():
            return directory
    import platformdirs

    return Path(platformdirs.user_data_dir("newsarc", appauthor=False))


def is_archive(root: Path) -> bool:
    return (root / MARKER).is_file()


class Archive:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.store = CorpusStore(self.root)
        self.index_dir = self.root / "index"

    # -- opening -------------------------------------------------------------------

    @classmethod
    def open(cls, home: str | os.PathLike[str] | None = None) -> Archive:
        """Open an existing archive; ArchiveError if there is none."""
        root = locate_home(home)
        if not is_archive(root):
            raise ArchiveError(
                f"no newsarc archive at {root}",
                hint="add articles with `newsarc add FILE...` (it creates the archive), or pass --home",
            )
        return cls(root)

    @classmethod
    def at(cls, home: str | os.PathLike[str] | None = None) -> Archive:
        """The archive where one is or would be created; nothing is written yet."""
        return cls(locate_home(home))

    def _create(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        marker = self.root / MARKER
        if not marker.exists():
            marker.write_text(json.dumps({"newsarc_archive": ARCHIVE_FORMAT}) + "\n", encoding="utf-8")
        (self.root / CORPUS_DIR).mkdir(exist_ok=True)

    # -- writing -------------------------------------------------------------------

    def add(
        self,
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

        options = options or ReadOptions()
        # A missing path fails before anything is written. (Inputs: walked already.)
        inputs = paths if isinstance(paths, Inputs) else expand_paths(paths)
        report = AddReport()
        if not inputs:
            return report
        if dry_run:
            return self._dry_run(inputs, options, stdin, on_outcome, report)
        from newsarc.parallel import indexing_procs

        procs = indexing_procs() if _estimated_articles(inputs) >= PARALLEL_MIN_ARTICLES else 1
        items = read_inputs(inputs, options, stdin=stdin)
        first = _first_article(items, report, on_outcome)
        if first is None:
            return report  # nothing to store: no lock taken, no archive created
        root_existed = self.root.exists()
        with writer_lock(self.root, lock_timeout, on_wait):
            # Decided under the lock: a concurrent `add` may have created the archive meanwhile.
            if is_archive(self.root):
                self._tidy_index_dir()
            known = self._known_articles()
            batch = _AddBatch(self, known.ids, known.hashes, load_stories=is_archive(self.root), procs=procs)
            with _InterruptGuard() as guard:
                try:
                    for item in itertools.chain([first], items):
                        with guard.critical():  # a corpus file and its index entry, or neither
                            outcome = batch.take(item)
                            report.outcomes.append(outcome)
                            batch.commit_if_due()
                        if on_outcome is not None:
                            on_outcome(outcome)
                        guard.raise_if_pending()
                    with guard.critical():
                        batch.commit()
                except BaseException as exc:
                    with guard.critical():
                        saved = batch.save_what_is_done()
                    raise _add_failure(exc, batch, saved) from None
                finally:
                    batch.cancel()
                    known.close()
            if not root_existed and not report.count("added"):
                # Still under the lock, so that a writer waiting for it notices the removal.
                _remove_empty_archive_dir(self.root)
        return report

    def _dry_run(
        self,
        inputs: list[str],
        options: ReadOptions,
        stdin: io.BufferedIOBase | None,
        on_outcome: Callable[[AddOutcome], None] | None,
        report: AddReport,
    ) -> AddReport:
        from newsarc.reader import read_inputs

        exists = is_archive(self.root)
        known = self._known_articles() if exists else _KnownArticles(None)
        try:
            batch = _AddBatch(self, known.ids, known.hashes, load_stories=exists, dry_run=True)
            for item in read_inputs(inputs, options, stdin=stdin):
                outcome = batch.take(item)
                report.outcomes.append(outcome)
                if on_outcome is not None:
                    on_outcome(outcome)
        finally:
            known.close()
        return report

    def _load_stories(self):  # type: ignore[no-untyped-def]
        """The near-duplicate sketches of every indexed article (dedup.StoryIndex): as
        saved after the index's last commit, else read from the index's lexicon (0.5 s on
        ANT, where the saved copy takes 20 ms)."""
        from newsarc.dedup import StoryIndex
        from newsarc.index import (
            current_index_dir,
            index_exists,
            open_index,
            read_sketches,
            stories_file,
        )

        stories = StoryIndex()
        directory = current_index_dir(self.index_dir)
        if index_exists(directory):
            ix = open_index(directory)
            try:
                return StoryIndex.from_bytes(stories_file(directory, ix.latest_generation()).read_bytes())
            except (OSError, ValueError):  # none saved for this commit, or damaged: rebuild
                pass
            with ix.reader() as reader:
                stories.update(read_sketches(reader))
        return stories

    def _save_stories(self, stories) -> None:  # type: ignore[no-untyped-def]
        """Under the writer lock, after a commit: save the story index for this commit and
        remove those of earlier ones. A cache: failing to write it costs only time."""
        from newsarc.index import current_index_dir, open_index, stories_file

        directory = current_index_dir(self.index_dir)
        try:
            target = stories_file(directory, open_index(directory).latest_generation())
            atomic_write(target, stories.to_bytes(), durable=False)
            for old in directory.glob(stories_file(directory, "*").name):
                if old != target:
                    remove_quietly(old)
        except (OSError, NewsarcError):
            pass

    def _open_writer(self, procs: int = 1):  # type: ignore[no-untyped-def]
        from whoosh.index import LockError

        from newsarc.index import (
            create_index,
            current_index_dir,
            index_exists,
            new_index_dir,
            open_index,
            open_writer,
            publish_index,
        )

        self._create()
        directory = current_index_dir(self.index_dir)
        if index_exists(directory):
            ix = open_index(directory)
        else:  # the first article: publish an empty index, then write to it
            directory = new_index_dir(self.index_dir)
            create_index(directory)
            publish_index(self.index_dir, directory)
            ix = open_index(directory)
        try:
            return open_writer(ix, limitmb=WRITER_MEMORY_MB, procs=procs)
        except LockError:
            raise ArchiveBusy(f"archive busy: another program is writing to the index in {directory}") from None
        except OSError:
            raise
        except Exception as exc:
            raise _damaged_index(directory, exc) from None

    def _known_articles(self) -> _KnownArticles:
        """The ids and hashes already in the index, looked up one by one (see _KnownArticles)."""
        return self._read_index(lambda ix: _KnownArticles(ix.searcher()))

    def _id_for_hash(self, digest: str) -> str:
        def lookup(ix):  # type: ignore[no-untyped-def]
            with ix.searcher() as searcher:
                return searcher.document(hash=digest)

        document = self._read_index(lookup)
        return document["id"] if document else "an earlier article"

    def reindex(
        self,
        on_wait: Callable[[], None] | None = None,
        lock_timeout: float = DEFAULT_TIMEOUT,
        on_problem: Callable[[str], None] | None = None,
    ) -> int:
        """Rebuild the index from corpus/ in a new directory, then swap it in atomically.

        Readers use the old index until the swap and the new one after it; a crash or
        Ctrl-C during the rebuild leaves the old index in use. A corpus file that cannot be
        read, or a second file with an id already seen, is left out and reported through
        `on_problem`. Returns the number of articles indexed.
        """
        with writer_lock(self.root, lock_timeout, on_wait), _InterruptGuard():
            try:
                try:
                    return self._rebuild(on_problem or (lambda problem: None))
                except ParallelIndexError:  # (the old index is in use, the new one removed)
                    return self._rebuild(on_problem or (lambda problem: None), procs=1)
            except KeyboardInterrupt as exc:
                raise Interrupted("interrupted: the index was not changed", signal_of(exc)) from None
            except OSError as exc:
                raise archive_os_error(exc, "cannot rebuild the index", hint="the old index is unchanged; free some space and run `newsarc reindex` again") from None

    def _rebuild(self, on_problem: Callable[[str], None], procs: int | None = None) -> int:
        from newsarc.index import (
            article_document,
            create_index,
            new_index_dir,
            open_writer,
            publish_index,
        )
        from newsarc.parallel import indexing_procs

        self._tidy_index_dir()
        paths = list(self.store.iter_paths())
        if procs is None:
            procs = indexing_procs() if len(paths) >= PARALLEL_MIN_ARTICLES else 1
        building = new_index_dir(self.index_dir)
        count = 0
        try:
            writer = open_writer(create_index(building), limitmb=WRITER_MEMORY_MB, procs=procs)
            try:
                seen: dict[str, str] = {}
                for path in paths:
                    try:
                        article = self.store.read(path)
                    except NewsarcError as exc:
                        on_problem(f"left out {path}: {exc.message}")
                        continue
                    if article.id in seen:
                        on_problem(f"left out {path}: its id {article.id} is also in {seen[article.id]}")
                        continue
                    seen[article.id] = path
                    writer.add_document(**article_document(article, path))
                    count += 1
                writer.commit()
            except BaseException:
                _cancel_quietly(writer)
                raise
            publish_index(self.index_dir, building)
        except BaseException:
            shutil.rmtree(building, ignore_errors=True)
            raise
        self._tidy_index_dir()
        return count

    def _tidy_index_dir(self) -> list[str]:
        """Under the writer lock: make `index/` a directory and clear out what no reader
        needs (replaced or half-built indexes). Returns what was removed."""
        from newsarc.index import remove_unused_indexes

        container = self.index_dir
        if container.is_symlink() and not container.is_dir():
            # A link to another disk, not mounted now: replacing it would split the index.
            raise ArchiveError(
                f"the index folder {container} is a link to {os.readlink(container)}, which is not there",
                hint="mount it, or remove the link and run `newsarc reindex`",
            )
        if container.exists() and not container.is_dir():
            container.unlink()
        container.mkdir(parents=True, exist_ok=True)  # (a link to a folder is kept and used)
        try:
            return remove_unused_indexes(container)
        except ArchiveError:
            return []  # a damaged pointer: the rebuild replaces it

    # -- reading -------------------------------------------------------------------

    def _read_index(self, use: Callable[[Any], T]) -> T:
        """Call `use(ix)` with the index in use; Whoosh failures become ArchiveError.

        An archive with no articles yet reads as an empty index (and nothing is written,
        so read-only archives work). If a `reindex` swapped the index while this was
        reading, it tries again with the new one.
        """
        from newsarc.index import (
            current_index_dir,
            empty_index,
            forget_failure,
            index_exists,
            open_index,
        )

        for attempt in range(1, _READ_ATTEMPTS + 1):
            directory = current_index_dir(self.index_dir)
            try:
                if index_exists(directory):
                    ix = open_index(directory)
                elif not any(True for _ in self.store.iter_paths()):
                    ix = empty_index()
                else:
                    raise ArchiveError(f"the archive at {self.root} has articles but no index", hint="run `newsarc reindex` to build it from corpus/")
                return use(ix)
            except Exception as exc:
                if attempt < _READ_ATTEMPTS and _pointer_moved(self.index_dir, directory):
                    continue
                if isinstance(exc, NewsarcError):
                    raise
                forget_failure(exc)
                raise _damaged_index(directory, exc) from None
        raise AssertionError("unreachable")

    def search(
        self,
        text: str,
        *,
        limit: int = 10,
        source: str | None = None,
        snippets: int = 2,
        since: str | None = None,
        until: str | None = None,
        sort: str | None = None,
        collapse: bool = False,
        exact: bool = False,
        any_word: bool = False,
    ) -> SearchResult:
        """Search; `text` may hold words, `source:`, `place:`, `title:` and `date:` terms.

        since/until: dates or periods (`2019-03`: from its first / through its last day).
        sort: relevance, newest or oldest; by default relevance, or newest for a query of
        filters only (no words). collapse: one hit per story, with the story's other
        articles in `Hit.also_in`. exact: normalized words only, no stemming and no
        spelling variants; any_word: any of the words may match (questions).
        """
        from newsarc.index import make_schema
        from newsarc.search import (
            build_query,
            check_expansions,
            date_order,
            highlight_spans,
            matched_terms,
        )
        from newsarc.snippets import build_snippets

        started = time.perf_counter()
        schema = make_schema()  # the schema every index is opened with
        # Parsed once without the index so that a bad query fails before anything is opened.
        build_query(schema, text, source=source, since=since, until=until, any_word=any_word, exact=exact)

        def run(ix):  # type: ignore[no-untyped-def]
            with ix.searcher() as searcher:
                # Spelling variants come from the archive's own words: parse with its reader.
                built = build_query(
                    schema, text, source=source, since=since, until=until,
                    any_word=any_word, exact=exact, reader=searcher.reader(),
                )
                parsed = built.query
                options: dict[str, object] = {}
                sortedby = date_order(sort or ("relevance" if built.words else "newest"))
                if sortedby is not None:
                    options["sortedby"] = sortedby
                if collapse:
                    options.update(collapse="story", collapse_limit=1)
                check_expansions(parsed, searcher.reader())
                results = searcher.search(parsed, limit=limit, **options)
                total = len(results)
                stories = None
                if collapse:
                    # Whoosh's collapsing collector drops collapsed documents from the result
                    # set unevenly, so count matches and stories from the matching set itself.
                    matching = list(searcher.docs_for_query(parsed))
                    column = searcher.reader().column_reader("story")
                    total, stories = len(matching), len({column[docnum] for docnum in matching})
                terms = matched_terms(parsed, searcher.reader())
                found = []
                for result in results:
                    article = self.store.read(result["path"])
                    also_in = _story_copies(searcher, article) if collapse else ()
                    found.append((result["path"], _relevance(result.score), article, also_in))
                return found, total, stories, terms

        found, total, stories, terms = self._read_index(run)
        hits: list[Hit] = []
        for rank, (path, score, article, also_in) in enumerate(found, start=1):
            spans = highlight_spans(article.text, terms, schema)
            title_spans = highlight_spans(article.title, terms, schema, fields=("title", "exact")) if article.title else []
            hits.append(
                Hit(
                    rank=rank,
                    score=score,
                    article=article,
                    snippets=build_snippets(article.text, spans, max_snippets=snippets),
                    title_spans=tuple(title_spans),
                    path=path,
                    also_in=also_in,
                )
            )
        return SearchResult(
            query=text, hits=tuple(hits), total=total, seconds=time.perf_counter() - started, stories=stories
        )

    def story(self, article_id: str) -> tuple[StoryCopy, ...]:
        """The other articles of an article's story (wire copy published elsewhere)."""
        article = self.get(article_id)

        def run(ix):  # type: ignore[no-untyped-def]
            with ix.searcher() as searcher:
                return _story_copies(searcher, article)

        return self._read_index(run)

    def matches(
        self,
        text: str,
        *,
        limit: int | None = None,
        source: str | None = None,
        since: str | None = None,
        until: str | None = None,
        sort: str | None = None,
    ) -> list[tuple[str, str]]:
        """The (id, corpus path) of matching articles, best first, without reading them:
        for `search --output ids|paths`. `limit=None`: all of them."""
        from newsarc.index import make_schema
        from newsarc.search import build_query, date_order

        built = build_query(make_schema(), text, source=source, since=since, until=until)
        sortedby = date_order(sort or ("relevance" if built.words else "newest"))
        options = {"sortedby": sortedby} if sortedby is not None else {}

        def run(ix):  # type: ignore[no-untyped-def]
            with ix.searcher() as searcher:
                return [(hit["id"], hit["path"]) for hit in searcher.search(built.query, limit=limit, **options)]

        return self._read_index(run)

    def analyze(self, text: str, *, exact: bool = False, any_word: bool = False) -> Analysis:
        """How a text is analyzed, and what a search for it looks for in this archive."""
        return analyze(text, archive=self, exact=exact, any_word=any_word)

    def get(self, article_id: str) -> Article:
        def lookup(ix):  # type: ignore[no-untyped-def]
            with ix.searcher() as searcher:
                document = searcher.document(id=article_id)
            return document["path"] if document else None

        try:
            path = self._read_index(lookup)
        except NewsarcError:
            path = self.store.find(article_id)  # no usable index: fall back to the corpus
        if path is None:
            raise ArticleNotFound(f"no article with id {article_id!r} in {self.root}", hint="ids are listed by `newsarc search --json`")
        return self.store.read(path)

    def path_of(self, article_id: str) -> str:
        return self.store.relative_path(self.get(article_id))

    def highlights(self, article: Article, text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        """Where a query's words are in an article: (title spans, text spans), as character
        offsets into `article.title` and `article.text`. QueryError for a malformed query."""
        from newsarc.index import make_schema
        from newsarc.search import highlight_spans, matched_terms, parse_query

        schema = make_schema()
        parsed = parse_query(schema, text)

        def run(ix):  # type: ignore[no-untyped-def]
            with ix.reader() as reader:
                return matched_terms(parsed, reader)

        terms = self._read_index(run)
        title_spans = highlight_spans(article.title, terms, schema, fields=("title", "exact")) if article.title else []
        return title_spans, highlight_spans(article.text, terms, schema)

    def timeline(self, text: str, *, source: str | None = None, since: str | None = None, until: str | None = None) -> Timeline:
        """How many articles matching a query appeared in each month (all matches, unranked)."""
        from newsarc.index import make_schema
        from newsarc.search import build_query

        started = time.perf_counter()
        parsed = build_query(make_schema(), text, source=source, since=since, until=until).query

        def run(ix):  # type: ignore[no-untyped-def]
            with ix.searcher() as searcher:
                return set(searcher.docs_for_query(parsed)), _days_by_docnum(searcher.reader())

        docnums, days = self._read_index(run)
        months: dict[str, int] = {}
        for docnum in docnums:
            day = days.get(docnum)
            if day:
                months[day[:7]] = months.get(day[:7], 0) + 1
        dated = sum(months.values())
        return Timeline(
            query=text,
            total=len(docnums),
            months=dict(sorted(months.items())),
            undated=len(docnums) - dated,
            seconds=time.perf_counter() - started,
        )

    def source_names(self) -> list[str]:
        """The sources in the archive, display names and slugs: for shell completion."""
        def run(ix):  # type: ignore[no-untyped-def]
            with ix.reader() as reader:
                names = {term.decode("utf-8") for term in reader.lexicon("source_name")}
                names |= {term.decode("utf-8") for term in reader.lexicon("source_slug")}
            return names

        return sorted(name for name in self._read_index(run) if name)

    def stats(self) -> Stats:
        """Counts by source, by month and by source and year, from the index's term lists
        (the `day` and `source_name` fields), without reading any article."""

        def tally(ix):  # type: ignore[no-untyped-def]
            with ix.reader() as reader:
                articles = reader.doc_count()
                sources = {term.decode("utf-8") for term in reader.lexicon("source_name")}
                days = _days_by_docnum(reader)
                source_years: dict[str | None, dict[str, int]] = {}
                with_source: set[int] = set()
                for name in sources:
                    counts: dict[str, int] = {}
                    for docnum in reader.postings("source_name", name).all_ids():
                        with_source.add(docnum)
                        year = days[docnum][:4] if docnum in days else "undated"
                        counts[year] = counts.get(year, 0) + 1
                    if counts:
                        source_years[name] = counts
                if len(with_source) < articles:
                    counts = {}
                    for docnum in reader.all_doc_ids():
                        if docnum not in with_source:
                            year = days[docnum][:4] if docnum in days else "undated"
                            counts[year] = counts.get(year, 0) + 1
                    source_years[None] = counts
            return articles, days, source_years

        articles, days, source_years = self._read_index(tally)
        months: dict[str, int] = {}
        for day in days.values():
            months[day[:7]] = months.get(day[:7], 0) + 1
        ordered_days = sorted(set(days.values()))
        # Per-source counts from postings: deleted documents excluded.
        sources = {name: sum(counts.values()) for name, counts in source_years.items() if name is not None}
        return Stats(
            articles=articles,
            sources=dict(sorted(sources.items(), key=lambda item: (-item[1], item[0]))),
            first_date=dt.date.fromisoformat(ordered_days[0]) if ordered_days else None,
            last_date=dt.date.fromisoformat(ordered_days[-1]) if ordered_days else None,
            undated=articles - len(days),
            months=dict(sorted(months.items())),
            source_years={name: dict(sorted(counts.items(), key=lambda item: (item[0] == "undated", item[0]))) for name, counts in source_years.items()},
        )

    # -- checking and repairing ----------------------------------------------------

    def check(
        self,
        repair: bool = False,
        *,
        on_wait: Callable[[], None] | None = None,
        lock_timeout: float = DEFAULT_TIMEOUT,
    ) -> CheckReport:
        """Does the index open, and do the index and corpus/ hold the same articles?

        With `repair`, under the writer lock: leftover temporary files are removed, corpus
        files the index lacks are added to it, index entries whose file is gone are dropped,
        and an index that cannot be read (or was built by another version) is rebuilt. The
        report then describes the archive after the repair, with what was done in `repairs`.
        """
        if not repair:
            return self._survey(writer_running=writer_active(self.root)).report()
        repairs: list[str] = []
        with writer_lock(self.root, lock_timeout, on_wait):
            try:
                self._repair(self._survey(writer_running=False), repairs)
            except KeyboardInterrupt:
                raise Interrupted("interrupted: the repair was not finished; run `newsarc check --repair` again") from None
            except OSError as exc:
                raise archive_os_error(exc, "cannot repair the archive", hint="free some space and run `newsarc check --repair` again") from None
            after = self._survey(writer_running=False).report()
        return replace(after, repairs=tuple(repairs))

    def _survey(self, writer_running: bool) -> _Survey:
        from newsarc.index import current_index_dir, index_exists

        survey = _Survey(writer_running=writer_running)
        for path in self.store.iter_paths():
            try:
                article = self.store.read(path)
            except NewsarcError as exc:
                survey.problems.append(f"unreadable corpus file: {exc.message}")
                continue
            if article.id in survey.corpus:
                survey.problems.append(f"{path}: id {article.id} also in {survey.corpus[article.id]}")
                continue
            survey.corpus[article.id] = path
        if not writer_running:
            survey.temp_files = list(self.store.iter_temp_files())
            for temp in survey.temp_files:
                survey.problems.append(f"{temp}: temporary file left by an interrupted write")
        try:
            directory = current_index_dir(self.index_dir)
        except ArchiveError as exc:
            survey.index_problem = exc.message + (f" ({exc.hint})" if exc.hint else "")
            return survey
        if not index_exists(directory):
            if survey.corpus:
                survey.index_problem = "no index: run `newsarc reindex`"
            return survey

        def read_entries(ix):  # type: ignore[no-untyped-def]
            entries: dict[str, str] = {}
            with ix.searcher() as searcher:
                for fields in searcher.all_stored_fields():
                    entries[fields["id"]] = fields["path"]
                # Read every term's postings too: a damaged segment may fail only there.
                reader = searcher.reader()
                for fieldname in ("id", "hash", "source_name", "day"):
                    for term in reader.lexicon(fieldname):
                        reader.doc_frequency(fieldname, term)
                        for _ in reader.postings(fieldname, term).all_ids():
                            pass
            return entries

        try:
            survey.indexed = self._read_index(read_entries)
            survey.index_readable = True
        except NewsarcError as exc:
            survey.index_problem = exc.message + (f" ({exc.hint})" if exc.hint else "")
        return survey

    def _repair(self, survey: _Survey, repairs: list[str]) -> None:
        from newsarc.index import article_document

        for temp in survey.temp_files:
            remove_quietly(self.root / temp)
            repairs.append(f"removed {temp}")
        for leftover in self._tidy_index_dir():
            repairs.append(f"removed index/{leftover}")
        if not survey.index_readable:
            count = self._rebuild(lambda problem: repairs.append(problem))
            repairs.append(f"rebuilt the index from corpus/: {counted(count, 'article')}")
            return
        missing = survey.missing_from_index()
        dangling = survey.dangling_entries()
        if not missing and not dangling:
            return
        writer = self._open_writer()
        try:
            for article_id in dangling:
                writer.delete_by_term("id", article_id)
            for article_id in missing:
                path = survey.corpus[article_id]
                writer.add_document(**article_document(self.store.read(path), path))
            self._sync_corpus_dirs({survey.corpus[i] for i in missing})
            writer.commit(optimize=bool(dangling))  # optimizing purges the dropped entries
        except BaseException:
            _cancel_quietly(writer)
            raise
        for article_id in dangling:
            if article_id in survey.corpus:
                repairs.append(f"re-pointed {article_id} to {survey.corpus[article_id]}")
            else:
                repairs.append(f"dropped index entry {article_id}: its corpus file {survey.indexed[article_id]} is gone")
        if missing:
            repairs.append(f"indexed {counted(len(missing), 'corpus file')} the index lacked")

    def _sync_corpus_dirs(self, paths: Iterable[str]) -> None:
        """Flush the directories holding these corpus files (and their parents) to disk, so
        the index never durably names a file whose directory entry could still be lost."""
        directories: set[Path] = set()
        for relative in paths:
            directory = (self.root / relative).parent
            while directory != self.root and directory not in directories:
                directories.add(directory)
                directory = directory.parent
        for directory in sorted(directories, key=lambda d: len(d.parts), reverse=True):
            fsync_directory(directory)
        if directories:
            fsync_directory(self.root / CORPUS_DIR)


@dataclass
class _Survey:
    """What `check` found: corpus files by id, index entries by id, and problems."""

    writer_running: bool
    corpus: dict[str, str] = field(default_factory=dict)
    indexed: dict[str, str] = field(default_factory=dict)
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
        if self.index_problem:
            problems.append(self.index_problem)
        else:
            for article_id in self.dangling_entries():
                path = self.indexed[article_id]
                if article_id not in self.corpus:
                    problems.append(f"indexed article {article_id} has no corpus file ({path}): run `newsarc check --repair`")
                else:
                    problems.append(f"indexed article {article_id} points to {path}, but its file is {self.corpus[article_id]}")
            missing = self.missing_from_index()
            if missing:
                shown = ", ".join(missing[:5]) + (" …" if len(missing) > 5 else "")
                problems.append(f"{counted(len(missing), 'corpus file')} not in the index: {shown}; run `newsarc check --repair`")
        if self.writer_running and problems:
            problems.append("an `add` or `reindex` is running right now: run `newsarc check` again when it has finished")
        return CheckReport(problems=tuple(problems), articles_in_corpus=len(self.corpus), articles_in_index=len(self.indexed))


class _KnownArticles:
    """The ids and content hashes an `add` must not add again: those of this batch in
    memory, those of the index looked up one term at a time. (Reading both whole
    lexicons first took ~2 s on a 40,000-article archive: more than a daily add of 100
    articles may take, bench/bench_incremental.py.)"""

    def __init__(self, searcher) -> None:  # type: ignore[no-untyped-def]
        self.searcher = searcher
        reader = searcher.reader() if searcher is not None else None
        self.ids = _KnownIds(reader)
        self.hashes = _KnownHashes(searcher)

    def close(self) -> None:
        if self.searcher is not None:
            self.searcher.close()
            self.searcher = None


class _KnownIds(set):  # type: ignore[type-arg]
    def __init__(self, reader) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self.reader = reader

    def __contains__(self, article_id: object) -> bool:
        return super().__contains__(article_id) or (self.reader is not None and ("id", article_id) in self.reader)


class _KnownHashes(dict):  # type: ignore[type-arg]
    """content hash → id of the article holding that text."""

    def __init__(self, searcher) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self.searcher = searcher

    def __contains__(self, digest: object) -> bool:
        return super().__contains__(digest) or (self.searcher is not None and ("hash", digest) in self.searcher.reader())

    def __missing__(self, digest: str) -> str:
        document = self.searcher.document(hash=digest) if self.searcher is not None else None
        return document["id"] if document else "an earlier article"


class _AddBatch:
    """One `add`: decides each article's fate and holds the index writer between commits."""

    def __init__(
        self,
        archive: Archive,
        known_ids: set[str],
        known_hashes: dict[str, str | None],
        load_stories: bool = True,
        dry_run: bool = False,
        procs: int = 1,
    ) -> None:
        self.archive = archive
        self.procs = procs  # indexing processes (newsarc.parallel); 1 for a small add
        self.known_ids = known_ids
        self.known_hashes = known_hashes
        self.added_at = _now()
        self.writer: Any = None  # opened with the first new article: a batch of duplicates writes nothing
        self.writer_broken = False  # a writer call failed: its pending documents cannot be trusted
        self.pending: list[str] = []  # corpus files written since the last commit
        self.tidied: set[str] = set()  # corpus folders cleared of temporary files from crashes
        self.committed = 0
        self.last_commit = time.monotonic()
        self.dry_run = dry_run
        self._load_stories = load_stories
        self._stories = None  # dedup.StoryIndex, loaded with the first new article

    def _story_index(self):  # type: ignore[no-untyped-def]
        if self._stories is None:
            from newsarc.dedup import StoryIndex

            self._stories = self.archive._load_stories() if self._load_stories else StoryIndex()
        return self._stories

    def take(self, item: Article | AddOutcome) -> AddOutcome:
        if isinstance(item, AddOutcome):
            return item
        article = item
        origin = article.origin or ""
        shown = article if self.dry_run else None
        if article.content_hash in self.known_hashes:
            other = self.known_hashes[article.content_hash] or self.archive._id_for_hash(article.content_hash)
            return AddOutcome(
                "duplicate", origin, id=other, message=f"same text as {other}", encoding=article.encoding,
                date=article.date, date_rule=article.date_rule, notes=article.notes, article=shown, dry_run=self.dry_run,
            )
        if article.id in self.known_ids:
            return AddOutcome(
                "failed", origin, id=article.id, message=f"{origin}: id {article.id} is already in the archive with a different text",
                notes=article.notes, article=shown, dry_run=self.dry_run,
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
            if self.writer is None:
                self.writer = self.archive._open_writer(self.procs)
            from newsarc.index import article_document

            article = replace(article, added=self.added_at)
            folder = self.archive.store.relative_path(article).rpartition("/")[0]
            if folder not in self.tidied:
                self.archive.store.remove_temp_files(folder)
                self.tidied.add(folder)
            try:
                path = self.archive.store.write(article)  # the corpus file first, then the index
            except NewsarcError as exc:
                return AddOutcome("failed", origin, id=article.id, message=exc.message, encoding=article.encoding)
            self.pending.append(path)
            try:
                self.writer.add_document(**article_document(article, path, sketch))
            except ParallelIndexError:
                self._index_in_one_process()  # this article included: it is in `pending`
            except BaseException:
                self.pending.pop()
                self.writer_broken = True
                raise
        self.known_ids.add(article.id)
        self.known_hashes[article.content_hash] = article.id
        if sketch is not None:
            stories.add(sketch, article.id, article.story_id)
        return AddOutcome(
            "added", origin, id=article.id, path=path, encoding=article.encoding,
            date=article.date, date_rule=article.date_rule, story=article.story, near_dup_of=article.near_dup_of,
            similarity=match.similarity if match else None, notes=article.notes,
            article=article if self.dry_run else None, dry_run=self.dry_run,
        )

    def commit_if_due(self) -> None:
        if self.procs > 1:
            articles, seconds = PARALLEL_COMMIT_EVERY_ARTICLES, PARALLEL_COMMIT_EVERY_SECONDS
        else:
            articles, seconds = COMMIT_EVERY_ARTICLES, COMMIT_EVERY_SECONDS
        if len(self.pending) >= articles or (self.pending and time.monotonic() - self.last_commit >= seconds):
            self.commit()

    def commit(self) -> None:
        if self.writer is None:
            return
        self.archive._sync_corpus_dirs(self.pending)
        try:
            self.writer.commit()
        except ParallelIndexError:
            # The index is as it was: index this window again, here, from its corpus files.
            self._index_in_one_process()
            self.commit()
            return
        except BaseException:
            self.writer_broken = True
            raise
        self.writer = None
        self.committed += len(self.pending)
        self.pending = []
        self.last_commit = time.monotonic()
        if self._stories is not None:
            self.archive._save_stories(self._stories)

    def _index_in_one_process(self) -> None:
        """The parallel writer failed (an indexing process died): drop it, and index the
        articles of this commit window again from their corpus files, in this process, as
        every later article of this `add`."""
        from newsarc.index import article_document

        _cancel_quietly(self.writer)
        self.writer, self.procs = None, 1
        try:
            self.writer = self.archive._open_writer(1)
            for path in self.pending:
                self.writer.add_document(**article_document(self.archive.store.read(path), path))
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

    def cancel(self) -> None:
        if self.writer is not None:
            writer, self.writer = self.writer, None
            _cancel_quietly(writer)


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
        kept = f"the {counted(done, 'article')} added before it {plural(done, 'is')} saved" if done else "nothing was added"
    else:
        kept = (
            f"{counted(batch.committed, 'article')} added before it {plural(batch.committed, 'is')} saved; "
            f"{len(batch.pending)} more {plural(len(batch.pending), 'is')} in corpus/ "
            "but not yet in the index (the same `add` again, or `newsarc check --repair`, indexes them)"
        )
    if isinstance(exc, KeyboardInterrupt):
        again = "; run the same command again to add the rest" if batch.committed or batch.pending else ""
        return Interrupted(f"interrupted: {kept}{again}", signal_of(exc))
    if isinstance(exc, OSError) and not isinstance(exc, BrokenPipeError):
        where = f" ({exc.filename})" if exc.filename else ""
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            hint = "the archive can be searched but not changed here"
        else:
            hint = "free some space, then run the same command again: it adds exactly what is missing"
        return ArchiveError(f"cannot add to the archive: {describe_os_error(exc)}{where}; {kept}", hint=hint)
    if isinstance(exc, NewsarcError) and (batch.committed or batch.pending):
        exc.message = f"{exc.message}; {kept}"
    return exc


def _cancel_quietly(writer: Any) -> None:
    """Drop a writer's uncommitted work; the index keeps its last commit either way (a
    writer whose commit failed may already be closed)."""
    try:
        writer.cancel()
    except Exception:
        pass


def _damaged_index(directory: Path, exc: BaseException) -> ArchiveError:
    detail = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    return ArchiveError(
        f"the index in {directory} cannot be read ({detail})",
        hint="run `newsarc reindex` to rebuild it from corpus/; the articles themselves are safe",
    )


def _pointer_moved(container: Path, directory: Path) -> bool:
    from newsarc.index import current_index_dir

    try:
        return current_index_dir(container) != directory
    except ArchiveError:
        return False


def _days_by_docnum(reader) -> dict[int, str]:  # type: ignore[no-untyped-def]
    """Each dated document's day ("YYYY-MM-DD"), from the postings of the `day` field."""
    days: dict[int, str] = {}
    for term in reader.lexicon("day"):
        day = term.decode("utf-8")
        for docnum in reader.postings("day", term).all_ids():
            days[docnum] = day
    return days


def _relevance(score: object) -> float:
    # Sorted by date, Whoosh's "score" is the sort key: (date key, -score) (search.date_order).
    if isinstance(score, tuple):
        score = -score[-1]
    return float(score or 0.0)  # type: ignore[arg-type]


def _story_copies(searcher, article: Article) -> tuple[StoryCopy, ...]:  # type: ignore[no-untyped-def]
    """The other articles of an article's story, oldest first."""
    from whoosh import query as wq

    story = article.story_id
    if searcher.doc_frequency("story", story) < 2:
        return ()
    copies = []
    for fields in searcher.search(wq.Term("story", story), limit=None):
        if fields["id"] == article.id:
            continue
        date = fields.get("date")
        copies.append(StoryCopy(fields["id"], fields.get("source_name"), date.date() if date else None))
    return tuple(sorted(copies, key=lambda c: (c.date is None, c.date or dt.date.min, c.id)))


def analyze(text: str, *, archive: Archive | None = None, exact: bool = False, any_word: bool = False) -> Analysis:
    """Each word of ``text`` as written, normalized and stemmed, and the query it makes.

    With an ``archive`` whose index opens, the query includes the spelling variants that
    archive holds (``newsarc.variants``); without one, only what the analyzer does.
    """
    from newsarc.analysis import explain
    from newsarc.index import current_index_dir, index_exists, make_schema, open_index
    from newsarc.search import explain_query

    tokens = tuple(
        TokenAnalysis(text[start:end], start, end, normalized, stemmed)
        for start, end, normalized, stemmed in explain(text)
    )
    ix = None
    if archive is not None:
        try:
            directory = current_index_dir(archive.index_dir)
            ix = open_index(directory) if index_exists(directory) else None
        except NewsarcError:
            ix = None  # e.g. built by an older analyzer: show the analysis without variants
    try:
        if ix is None:
            query = explain_query(make_schema(), text, exact=exact, any_word=any_word)
        else:
            with ix.reader() as reader:
                query = explain_query(ix.schema, text, exact=exact, any_word=any_word, reader=reader)
    except QueryError as exc:
        return Analysis(text, tokens, error=exc.message + (f" ({exc.hint})" if exc.hint else ""))
    variants_from = str(archive.root) if ix is not None and archive is not None and not exact else None
    return Analysis(text, tokens, tuple(query), variants_from=variants_from)


def _estimated_articles(inputs: list[str]) -> int:
    """About how many articles these inputs hold, from their sizes (stdin counts as none):
    enough to decide whether an `add` is large enough to index in parallel."""
    total = 0
    for path in inputs:
        try:
            size = os.path.getsize(path)
        except OSError:  # stdin, or gone: read as it comes
            continue
        total += max(1, size * (_GZIP_RATIO if path.lower().endswith(".gz") else 1) // _BYTES_PER_ARTICLE)
    return total


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _remove_empty_archive_dir(root: Path) -> None:
    # `add` that added nothing leaves no archive behind where there was none.
    from newsarc.lock import LOCK_FILE

    try:
        (root / LOCK_FILE).unlink(missing_ok=True)
        root.rmdir()
    except OSError:
        pass
