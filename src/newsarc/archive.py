"""The archive: the one facade the CLI (or any program) calls.

    archive = Archive.open(home)            # or Archive.open_or_create(home)
    report = archive.add(["articles/"], ReadOptions(source="العرب"))
    result = archive.search("الاسلامية", limit=10)
    article = archive.get(result.hits[0].article.id)

An archive is a directory with a marker file, `corpus/` (the truth) and `index/`
(derived). It is found the way git finds a repository: see `locate_home`.

It composes the jobs behind it: `ingest` (the add pipeline), `maintenance` (check,
repair, reindex), `archive_index` (which index is in use, opening it) and the engine
(`newsarc.engine`, the only code that knows the search engine), with queries parsed by
`newsarc.query` (docs/ARCHITECTURE.md).

Crash safety (see also `store`, `engine.directory`, `lock`): one writer at a time holds a
`flock`; an article's corpus file is written atomically before the index learns of it, and the
directories holding new corpus files are flushed to disk before each index commit, so an
index entry never points to a missing file. A killed `add` leaves the index at its last
commit and at worst corpus files it lacks: adding the same input again, `check --repair`
or `reindex` picks them up. Readers take no lock and see one commit or the next.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from newsarc.archive_index import ArchiveIndex
from newsarc.errors import ArchiveError, ArticleNotFound, NewsarcError, QueryError
from newsarc.home import ARCHIVE_FORMAT, ENV_HOME, MARKER, is_archive, locate_home
from newsarc.lock import DEFAULT_TIMEOUT
from newsarc.model import (
    AddOutcome,
    AddReport,
    Analysis,
    Article,
    CheckReport,
    Hit,
    SearchResult,
    Stats,
    Timeline,
    TokenAnalysis,
)
from newsarc.store import CORPUS_DIR, CorpusStore

if TYPE_CHECKING:  # imported where used: a search needs no reader (dates, encodings)
    from newsarc.engine.base import Reader
    from newsarc.query.tree import Query
    from newsarc.reader import ReadOptions

__all__ = ["ENV_HOME", "MARKER", "Archive", "analyze", "is_archive", "locate_home"]


class Archive:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.store = CorpusStore(self.root)
        self.index = ArchiveIndex(self.root, self.store)
        self.index_dir = self.index.container

    # -- opening -------------------------------------------------------------------

    @classmethod
    def open(cls, home: str | os.PathLike[str] | None = None) -> Archive:
        """Open an existing archive; ArchiveError if there is none."""
        root = locate_home(home)
        if not is_archive(root):
            raise ArchiveError(
                f"no newsarc archive at {root}",
                hint="add articles with `newsarc add FILE...` (it creates the archive), "
                "or pass --home",
            )
        return cls(root)

    @classmethod
    def at(cls, home: str | os.PathLike[str] | None = None) -> Archive:
        """The archive where one is or would be created; nothing is written yet."""
        return cls(locate_home(home))

    def create(self) -> None:
        """Make the directory an archive (marker, corpus/), if it is not one yet."""
        self.root.mkdir(parents=True, exist_ok=True)
        marker = self.root / MARKER
        if not marker.exists():
            marker.write_text(
                json.dumps({"newsarc_archive": ARCHIVE_FORMAT}) + "\n", encoding="utf-8"
            )
        (self.root / CORPUS_DIR).mkdir(exist_ok=True)

    # -- writing (newsarc.ingest, newsarc.maintenance) ------------------------------

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
        With dry_run, nothing is written. See newsarc.ingest.add."""
        from newsarc import ingest

        return ingest.add(
            self, paths, options, stdin=stdin, on_outcome=on_outcome, on_wait=on_wait,
            lock_timeout=lock_timeout, dry_run=dry_run,
        )

    @classmethod
    def init(
        cls,
        home: str | os.PathLike[str] | None = None,
        engine: str = "whoosh",
        shards: Iterable[str] = (),
    ) -> Archive:
        """A new, empty archive whose index uses `engine` (on `shards`). See
        newsarc.maintenance.init."""
        from newsarc import maintenance
        from newsarc.engine.choice import EngineChoice

        archive = cls.at(home)
        maintenance.init(archive, EngineChoice(engine, tuple(shards)))
        return archive

    def reindex(
        self,
        on_wait: Callable[[], None] | None = None,
        lock_timeout: float = DEFAULT_TIMEOUT,
        on_problem: Callable[[str], None] | None = None,
        engine: str | None = None,
        shards: Iterable[str] = (),
    ) -> int:
        """Rebuild the index from corpus/ and swap it in atomically; returns the number of
        articles indexed. `engine` (and `shards`): move the archive to that engine. See
        newsarc.maintenance.reindex."""
        from newsarc import maintenance
        from newsarc.engine.choice import EngineChoice

        choice = EngineChoice(engine, tuple(shards)) if engine is not None else None
        return maintenance.reindex(self, on_wait, lock_timeout, on_problem, choice)

    def check(
        self,
        repair: bool = False,
        *,
        on_wait: Callable[[], None] | None = None,
        lock_timeout: float = DEFAULT_TIMEOUT,
    ) -> CheckReport:
        """Does the index open, and do the index and corpus/ hold the same articles? With
        `repair`, make them agree. See newsarc.maintenance.check."""
        from newsarc import maintenance

        return maintenance.check(self, repair, on_wait=on_wait, lock_timeout=lock_timeout)

    # -- reading -------------------------------------------------------------------

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
        from newsarc.query.explain import words_kept_note
        from newsarc.query.highlight import highlight_spans, matched_terms
        from newsarc.query.parse import parse_query
        from newsarc.snippets import build_snippets

        started = time.perf_counter()
        # Parsed without the index so that a bad query fails before anything is opened.
        query = parse_query(
            text, source=source, since=since, until=until, any_word=any_word, exact=exact
        )

        def run(reader: Reader):
            widened = self._as_run(query, reader)
            order = sort or ("relevance" if widened.ranked else "newest")
            results = reader.search(widened, limit=limit, sort=order, collapse=collapse)
            terms = matched_terms(widened.words, reader) if widened.words is not None else {}
            found = []
            for hit in results.found:
                article = self.store.read(hit.path)
                also_in = reader.story_copies(article.story_id, article.id) if collapse else ()
                found.append((hit.path, hit.score, article, also_in))
            return found, results.total, results.stories, terms, widened

        found, total, stories, terms, widened = self.index.read(run)
        hits: list[Hit] = []
        for rank, (path, score, article, also_in) in enumerate(found, start=1):
            spans = highlight_spans(article.text, terms)
            title_spans = (
                highlight_spans(article.title, terms, fields=("title", "exact"))
                if article.title
                else []
            )
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
            query=text,
            hits=tuple(hits),
            total=total,
            seconds=time.perf_counter() - started,
            stories=stories,
            note=words_kept_note(widened) if widened.words_given else None,
        )

    def matches(
        self,
        text: str,
        *,
        limit: int | None = None,
        source: str | None = None,
        since: str | None = None,
        until: str | None = None,
        sort: str | None = None,
        exact: bool = False,
        any_word: bool = False,
    ) -> list[tuple[str, str]]:
        """The (id, corpus path) of matching articles, best first, without reading them:
        for `search --output ids|paths`. `limit=None`: all of them. The same articles as
        `search` with the same options: the same query, variants and filters."""
        from newsarc.engine.base import SORT_ORDERS
        from newsarc.query.parse import parse_query

        query = parse_query(
            text, source=source, since=since, until=until, any_word=any_word, exact=exact
        )
        order = _checked_order(sort or ("relevance" if query.ranked else "newest"), SORT_ORDERS)

        def run(reader: Reader) -> list[tuple[str, str]]:
            widened = self._as_run(query, reader)
            return [
                (hit.id, hit.path) for hit in reader.search(widened, limit=limit, sort=order).found
            ]

        return self.index.read(run)

    def analyze(self, text: str, *, exact: bool = False, any_word: bool = False) -> Analysis:
        """How a text is analyzed, and what a search for it looks for in this archive."""
        return analyze(text, archive=self, exact=exact, any_word=any_word)

    def get(self, article_id: str) -> Article:
        return self.locate(article_id)[1]

    def locate(self, article_id: str) -> tuple[str, Article]:
        """An article and where its file is (relative to the archive): where the index
        says, or, when the index is unusable or the file was moved by hand since (`check`
        lists it; `check --repair` re-points the index), where it is found in corpus/."""
        try:
            path = self.index.read(lambda reader: reader.path_of(article_id))
        except NewsarcError:
            path = None  # no usable index: look in the corpus
        if path is None or not (self.root / path).is_file():
            path = self.store.find(article_id) or path
        if path is None:
            raise ArticleNotFound(
                f"no article with id {article_id!r} in {self.root}",
                hint="ids are listed by `newsarc search --json`",
            )
        return path, self.store.read(path)

    def highlights(
        self, article: Article, text: str, *, exact: bool = False, any_word: bool = False
    ) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        """Where a query's words are in an article: (title spans, text spans), as character
        offsets into `article.title` and `article.text`, marked as `search` marks them (the
        same query and variants). QueryError for a malformed query."""
        from newsarc.query.highlight import highlight_spans, matched_terms
        from newsarc.query.parse import parse_query

        query = parse_query(text, any_word=any_word, exact=exact)

        def run(reader: Reader) -> dict[str, set]:
            widened = self._as_run(query, reader)
            return matched_terms(widened.words, reader) if widened.words is not None else {}

        terms = self.index.read(run)
        title_spans = (
            highlight_spans(article.title, terms, fields=("title", "exact"))
            if article.title
            else []
        )
        return title_spans, highlight_spans(article.text, terms)

    def timeline(
        self,
        text: str,
        *,
        source: str | None = None,
        since: str | None = None,
        until: str | None = None,
        exact: bool = False,
        any_word: bool = False,
    ) -> Timeline:
        """How many articles matching a query appeared in each month (all matches, unranked):
        the articles `search` finds with the same options."""
        from newsarc.query.parse import parse_query

        started = time.perf_counter()
        query: Query = parse_query(
            text, source=source, since=since, until=until, any_word=any_word, exact=exact
        )
        total, months = self.index.read(lambda reader: reader.months(self._as_run(query, reader)))
        return Timeline(
            query=text,
            total=total,
            months=dict(sorted(months.items())),
            undated=total - sum(months.values()),
            seconds=time.perf_counter() - started,
        )

    def _as_run(self, query: Query, reader: Reader) -> Query:
        """A parsed query as every command runs it: the sources it names checked, and the
        archive's other spellings of its words added (its lexicon and, for the spelling
        evidence, the start of the text of its articles). One query, one set of articles."""
        from newsarc.lexicon import ReaderLexicon
        from newsarc.query.parse import add_variants
        from newsarc.sources import check_sources

        check_sources(query, reader)
        return add_variants(query, ReaderLexicon(reader, self.store.read_text_start))

    def source_names(self) -> list[str]:
        """The sources in the archive, display names and slugs: for shell completion."""

        def run(reader: Reader) -> set[str]:
            return set(reader.terms("source_name")) | set(reader.terms("source_slug"))

        return sorted(name for name in self.index.read(run) if name)

    def stats(self) -> Stats:
        """Counts by source, by month and by source and year, from the index's terms,
        without reading any article."""

        def tally(reader: Reader) -> tuple[int, dict[str | None, dict[str | None, int]]]:
            return reader.doc_count(), reader.source_days()

        articles, by_source = self.index.read(tally)
        days: dict[str, int] = {}
        source_years: dict[str | None, dict[str, int]] = {}
        for name in [name for name in by_source if name is not None] + [None]:
            if name not in by_source:
                continue
            years: dict[str, int] = {}
            for day, count in by_source[name].items():
                year = day[:4] if day else "undated"
                years[year] = years.get(year, 0) + count
                if day:
                    days[day] = days.get(day, 0) + count
            source_years[name] = years
        months: dict[str, int] = {}
        for day, count in days.items():
            months[day[:7]] = months.get(day[:7], 0) + count
        ordered_days = sorted(days)
        sources = {
            name: sum(counts.values()) for name, counts in source_years.items() if name is not None
        }
        return Stats(
            articles=articles,
            sources=dict(sorted(sources.items(), key=lambda item: (-item[1], item[0]))),
            first_date=dt.date.fromisoformat(ordered_days[0]) if ordered_days else None,
            last_date=dt.date.fromisoformat(ordered_days[-1]) if ordered_days else None,
            undated=articles - sum(days.values()),
            months=dict(sorted(months.items())),
            source_years={
                name: dict(sorted(counts.items(), key=lambda item: (item[0] == "undated", item[0])))
                for name, counts in source_years.items()
            },
        )


def _checked_order(order: str, orders: tuple[str, ...]) -> str:
    if order not in orders:
        raise QueryError(f"unknown sort order {order!r}", hint="use " + ", ".join(orders))
    return order


def analyze(
    text: str, *, archive: Archive | None = None, exact: bool = False, any_word: bool = False
) -> Analysis:
    """Each word of ``text`` as written, normalized and stemmed, and the query it makes.

    The text is read as `search` reads it (words, operators, `field:` terms, `date:`), and
    fails where search fails (``Analysis.error``). Operators, field names and dates are
    not listed as words: the query shows them as what they are. With an ``archive`` whose
    index opens, the query includes the other spellings that archive holds, as search
    runs it; without one, only what the analyzer does.
    """
    from newsarc.analysis import explain
    from newsarc.query.explain import describe_filters, describe_query
    from newsarc.query.parse import parse_query
    from newsarc.query_text import syntax_spans

    syntax = syntax_spans(text)
    tokens = tuple(
        TokenAnalysis(text[start:end], start, end, normalized, stemmed)
        for start, end, normalized, stemmed in explain(text)
        if not any(first <= start < last for first, last in syntax)
    )
    engine = None
    if archive is not None:
        try:
            engine = archive.index.current()
        except NewsarcError:
            engine = None  # e.g. built by an older analyzer: show the analysis without variants
    try:
        query = parse_query(text, exact=exact, any_word=any_word)
        if engine is not None and archive is not None:
            with engine.reader() as reader:
                query = archive._as_run(query, reader)
    except QueryError as exc:
        return Analysis(text, tokens, error=exc.message + (f" ({exc.hint})" if exc.hint else ""))
    lines = describe_query(query.words) if query.words is not None else []
    lines += describe_filters(query)
    variants_from = (
        str(archive.root) if engine is not None and archive is not None and not exact else None
    )
    return Analysis(text, tokens, tuple(lines), variants_from=variants_from)
