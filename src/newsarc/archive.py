"""The archive: the one facade the CLI (or any program) calls.

    archive = Archive.open(home)            # or Archive.open_or_create(home)
    report = archive.add(["articles/"], ReadOptions(source="العرب"))
    result = archive.search("الاسلامية", limit=10)
    article = archive.get(result.hits[0].article.id)

An archive is a directory with a marker file, `corpus/` (the truth) and `index/`
(derived). It is found the way git finds a repository: see `locate_home`.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import time
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

from newsarc.errors import ArchiveError, ArticleNotFound, NewsarcError
from newsarc.lock import DEFAULT_TIMEOUT, writer_lock
from newsarc.model import AddOutcome, AddReport, Article, CheckReport, Hit, SearchResult, Stats
from newsarc.reader import ReadOptions, expand_paths, read_inputs
from newsarc.store import CORPUS_DIR, CorpusStore

MARKER = "newsarc.json"
ENV_HOME = "NEWSARC_HOME"
ARCHIVE_FORMAT = 1
WRITER_MEMORY_MB = 256
# An add of at least this many new articles indexes them in parallel processes.
PARALLEL_MIN_ARTICLES = 1000


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
        options: ReadOptions = ReadOptions(),
        *,
        stdin: io.BufferedIOBase | None = None,
        on_outcome: Callable[[AddOutcome], None] | None = None,
        on_wait: Callable[[], None] | None = None,
        lock_timeout: float = DEFAULT_TIMEOUT,
    ) -> AddReport:
        """Add articles from files, directories or `-` (stdin); returns one outcome each.

        Each article's corpus file is written atomically before the index learns of it,
        and the index is committed once at the end: a crash leaves the index at its old
        state and at worst corpus files it lacks, which `reindex` (or adding again) picks up.
        """
        inputs = expand_paths(paths)  # a missing path fails before anything is written
        report = AddReport()
        if not inputs:
            return report
        creating = not is_archive(self.root)
        if creating:
            self.root.mkdir(parents=True, exist_ok=True)
        with writer_lock(self.root, lock_timeout, on_wait):
            known = _KnownArticles(None if creating else self._index_searcher_for_add())
            batch = _AddBatch(self, known.ids, known.hashes)
            try:
                if _estimated_articles(inputs) >= PARALLEL_MIN_ARTICLES:
                    # Fork the indexing processes now, while this one is small: forked
                    # after reading a large JSON Lines file, each would hold a copy of it.
                    batch.start_writer(parallel=True)
                for item in read_inputs(inputs, options, stdin=stdin):
                    outcome = batch.take(item)
                    report.outcomes.append(outcome)
                    if on_outcome is not None:
                        on_outcome(outcome)
                batch.commit()
            finally:
                batch.cancel()  # after an exception: the index keeps its old state
                known.close()
        if creating and not report.count("added"):
            _remove_empty_archive_dir(self.root, self.index_dir)
        return report

    def _open_writer(self, parallel: bool = False):  # type: ignore[no-untyped-def]
        """(writer, articles in the index before it)."""
        from newsarc.index import create_index, index_exists, open_index, open_writer

        self._create()
        ix = open_index(self.index_dir) if index_exists(self.index_dir) else create_index(self.index_dir)
        return open_writer(ix, parallel=parallel, limitmb=WRITER_MEMORY_MB), ix.doc_count()

    def _index_searcher_for_add(self):  # type: ignore[no-untyped-def]
        """A searcher on the index as it is, to recognise duplicates; None if it is empty."""
        from newsarc.index import index_exists, open_index

        if not index_exists(self.index_dir):
            if any(True for _ in self.store.iter_paths()):
                raise ArchiveError(
                    f"the archive at {self.root} has articles but no index",
                    hint="run `newsarc reindex` first, so that duplicates are recognised",
                )
            return None
        return open_index(self.index_dir).searcher()

    def _id_for_hash(self, digest: str) -> str:
        with self._open_index().searcher() as searcher:
            document = searcher.document(hash=digest)
        return document["id"] if document else "an earlier article"

    def reindex(self, on_wait: Callable[[], None] | None = None, lock_timeout: float = DEFAULT_TIMEOUT) -> int:
        """Rebuild the index from corpus/ into a new directory, then swap it in."""
        from newsarc.index import article_document, create_index, open_writer

        with writer_lock(self.root, lock_timeout, on_wait):
            building = self.root / f"index.new-{os.getpid()}"
            shutil.rmtree(building, ignore_errors=True)
            count = 0
            try:
                # In parallel processes (newsarc.parallel): a failure leaves the old index.
                writer = open_writer(create_index(building), parallel=True, limitmb=WRITER_MEMORY_MB)
                try:
                    seen: set[str] = set()
                    for path, article in self.store.iter_articles():
                        if article.id in seen:
                            raise ArchiveError(f"two corpus files hold the id {article.id}; the second is {path}")
                        seen.add(article.id)
                        writer.add_document(**article_document(article, path))
                        count += 1
                    writer.commit()
                except BaseException:
                    writer.cancel()
                    raise
                old = self.root / f"index.old-{os.getpid()}"
                if self.index_dir.exists():
                    os.replace(self.index_dir, old)
                os.replace(building, self.index_dir)
                shutil.rmtree(old, ignore_errors=True)
            finally:
                shutil.rmtree(building, ignore_errors=True)
        return count

    # -- reading -------------------------------------------------------------------

    def _open_index(self):  # type: ignore[no-untyped-def]
        from newsarc.index import index_exists, open_index

        if not index_exists(self.index_dir) and not any(True for _ in self.store.iter_paths()):
            from newsarc.index import create_index

            # An archive with no articles yet: an empty index answers "nothing found".
            return create_index(self.index_dir)
        return open_index(self.index_dir)

    def search(self, text: str, *, limit: int = 10, source: str | None = None, snippets: int = 2) -> SearchResult:
        from newsarc.search import highlight_spans, matched_terms, parse_query, top_hits
        from newsarc.snippets import build_snippets

        started = time.perf_counter()
        ix = self._open_index()
        parsed = parse_query(ix.schema, text, source=source)
        hits: list[Hit] = []
        with ix.searcher() as searcher:
            results, total = top_hits(searcher, parsed, limit)  # exact; see there
            terms = matched_terms(parsed, searcher.reader())
            for rank, result in enumerate(results, start=1):
                path = result["path"]
                article = self.store.read(path)
                spans = highlight_spans(article.text, terms, ix.schema)
                title_spans = highlight_spans(article.title, terms, ix.schema, fields=("title",)) if article.title else []
                hits.append(
                    Hit(
                        rank=rank,
                        score=float(result.score or 0.0),
                        article=article,
                        snippets=build_snippets(article.text, spans, max_snippets=snippets),
                        title_spans=tuple(title_spans),
                        path=path,
                    )
                )
        return SearchResult(query=text, hits=tuple(hits), total=total, seconds=time.perf_counter() - started)

    def get(self, article_id: str) -> Article:
        path = None
        try:
            with self._open_index().searcher() as searcher:
                document = searcher.document(id=article_id)
            path = document["path"] if document else None
        except NewsarcError:
            path = self.store.find(article_id)  # no usable index: fall back to the corpus
        if path is None:
            raise ArticleNotFound(f"no article with id {article_id!r} in {self.root}", hint="ids are listed by `newsarc search --json`")
        return self.store.read(path)

    def path_of(self, article_id: str) -> str:
        return self.store.relative_path(self.get(article_id))

    def stats(self) -> Stats:
        ix = self._open_index()
        with ix.reader() as reader:
            articles = reader.doc_count()
            sources = {
                term.decode("utf-8"): info.doc_frequency()
                for term, info in reader.iter_field("source_name")
            }
            days = [(term.decode("utf-8"), info.doc_frequency()) for term, info in reader.iter_field("day")]
        dated = sum(count for _, count in days)
        return Stats(
            articles=articles,
            sources=dict(sorted(sources.items(), key=lambda item: (-item[1], item[0]))),
            first_date=dt.date.fromisoformat(days[0][0]) if days else None,
            last_date=dt.date.fromisoformat(days[-1][0]) if days else None,
            undated=articles - dated,
        )

    def check(self) -> CheckReport:
        """Does the index open, and do the index and corpus/ hold the same articles?"""
        from newsarc.index import index_exists, open_index

        problems: list[str] = []
        corpus_ids: dict[str, str] = {}
        for path in self.store.iter_paths():
            try:
                article = self.store.read(path)
            except (ArchiveError, UnicodeDecodeError) as exc:
                problems.append(f"{path}: unreadable corpus file ({exc})")
                continue
            if article.id in corpus_ids:
                problems.append(f"{path}: id {article.id} also in {corpus_ids[article.id]}")
            corpus_ids[article.id] = path
        indexed: dict[str, str] = {}
        if not index_exists(self.index_dir):
            if corpus_ids:
                problems.append("no index: run `newsarc reindex`")
        else:
            try:
                with open_index(self.index_dir).searcher() as searcher:
                    for fields in searcher.all_stored_fields():
                        indexed[fields["id"]] = fields["path"]
            except NewsarcError as exc:
                problems.append(exc.message + (f" ({exc.hint})" if exc.hint else ""))
            except Exception as exc:  # a damaged segment fails only when read
                problems.append(f"the index cannot be read ({type(exc).__name__}: {exc}): run `newsarc reindex`")
        if indexed or index_exists(self.index_dir):
            for article_id, path in sorted(indexed.items()):
                if article_id not in corpus_ids:
                    problems.append(f"indexed article {article_id} has no corpus file ({path})")
                elif corpus_ids[article_id] != path:
                    problems.append(f"indexed article {article_id} points to {path}, but its file is {corpus_ids[article_id]}")
            missing = sorted(set(corpus_ids) - set(indexed))
            if missing and not any(p.startswith(("the index", "no index")) for p in problems):
                shown = ", ".join(missing[:5]) + (" …" if len(missing) > 5 else "")
                problems.append(f"{len(missing)} corpus file(s) not in the index: {shown}; run `newsarc reindex`")
        return CheckReport(problems=tuple(problems), articles_in_corpus=len(corpus_ids), articles_in_index=len(indexed))


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
    """One `add`: decides each article's fate and holds the single index writer.

    Speed (bench/): corpus files are written without an fsync each and made durable
    together, once, just before the index that points to them is committed. The first
    PARALLEL_MIN_ARTICLES documents are held back: a small `add` indexes them in this
    process, a large one in parallel processes (newsarc.parallel).
    """

    def __init__(self, archive: Archive, known_ids: set[str], known_hashes: dict[str, str | None]) -> None:
        self.archive = archive
        self.known_ids = known_ids
        self.known_hashes = known_hashes
        self.added_at = _now()
        self.writer = None  # opened with the first new article: a batch of duplicates writes nothing
        self.written: list[str] = []  # corpus files of this batch, not yet synced
        self.pending: list[dict[str, object]] = []  # documents waiting for the writer
        self.base_count = 0  # articles in the index before this batch

    def take(self, item: Article | AddOutcome) -> AddOutcome:
        if isinstance(item, AddOutcome):
            return item
        article = item
        origin = article.origin or ""
        if article.content_hash in self.known_hashes:
            other = self.known_hashes[article.content_hash] or self.archive._id_for_hash(article.content_hash)
            return AddOutcome("duplicate", origin, id=other, message=f"same text as {other}", encoding=article.encoding)
        if article.id in self.known_ids:
            return AddOutcome("failed", origin, id=article.id, message=f"{origin}: id {article.id} is already in the archive with a different text")
        from newsarc.index import article_document

        article = replace(article, added=self.added_at)
        # The corpus file first, then the index; made durable together in commit().
        path = self.archive.store.write(article, durable=False)
        self.written.append(path)
        self._index(article_document(article, path))
        self.known_ids.add(article.id)
        self.known_hashes[article.content_hash] = article.id
        return AddOutcome("added", origin, id=article.id, path=path, encoding=article.encoding)

    def _index(self, document: dict[str, object]) -> None:
        if self.writer is not None:
            self.writer.add_document(**document)
            return
        self.pending.append(document)
        if len(self.pending) >= PARALLEL_MIN_ARTICLES:
            self.start_writer(parallel=True)

    def start_writer(self, parallel: bool) -> None:
        self.writer, self.base_count = self.archive._open_writer(parallel=parallel)
        pending, self.pending = self.pending, []
        for document in pending:
            self.writer.add_document(**document)

    def commit(self) -> None:
        from newsarc.parallel import ParallelIndexError

        if self.writer is None and self.pending:
            self.start_writer(parallel=False)
        if self.writer is not None and not self.written:
            self.writer.cancel()  # opened in advance, and nothing new came
            self.writer = None
        if self.writer is None:
            return
        # Invariant: a corpus file is durable before the index that points to it is committed.
        self.archive.store.sync(self.written)
        try:
            self.writer.commit()
        except ParallelIndexError:
            # The index is as it was: index this batch again, here, from its corpus files.
            self.writer.cancel()
            self.writer = None
            self._index_serially()
        self.writer = None
        self._verify()

    def _index_serially(self) -> None:
        from newsarc.index import article_document

        writer, _ = self.archive._open_writer(parallel=False)
        try:
            for path in self.written:
                writer.add_document(**article_document(self.archive.store.read(path), path))
            writer.commit()
        except BaseException:
            writer.cancel()
            raise

    def _verify(self) -> None:
        # Cheap (the table of contents only), and it would catch a writer that lost documents.
        from newsarc.index import open_index

        expected = self.base_count + len(self.written)
        found = open_index(self.archive.index_dir).doc_count()
        if found != expected:
            raise ArchiveError(
                f"the index holds {found} articles after this add, {expected} expected",
                hint="run `newsarc reindex` to rebuild it from corpus/",
            )

    def cancel(self) -> None:
        if self.writer is not None:
            self.writer.cancel()
            self.writer = None


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _remove_empty_archive_dir(root: Path, index_dir: Path) -> None:
    # `add` that added nothing leaves no archive behind where there was none (a large
    # one may have created an empty index and corpus/ for its writer processes).
    from newsarc.lock import LOCK_FILE

    try:
        shutil.rmtree(index_dir, ignore_errors=True)
        (root / CORPUS_DIR).rmdir() if (root / CORPUS_DIR).is_dir() else None
        (root / MARKER).unlink(missing_ok=True)
        (root / LOCK_FILE).unlink(missing_ok=True)
        root.rmdir()
    except OSError:
        pass


# Input bytes per article, roughly (ANT: 145 MB of JSON Lines for 41,686 articles, about
# 4:1 gzipped): to decide before reading whether an add is large enough to index in parallel.
_BYTES_PER_ARTICLE = 3500
_GZIP_RATIO = 4


def _estimated_articles(inputs: list[str]) -> int:
    total = 0
    for path in inputs:
        try:
            size = os.path.getsize(path)
        except OSError:  # stdin, or gone: counted when read
            continue
        total += size * (_GZIP_RATIO if path.lower().endswith(".gz") else 1)
    return total // _BYTES_PER_ARTICLE
