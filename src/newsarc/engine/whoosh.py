"""The Whoosh engine: newsarc.engine.base implemented with Whoosh.

Schema, version checks, codec and writers: newsarc.engine.whoosh_index; the codec:
newsarc.engine.whoosh_codec; query tree → Whoosh: newsarc.engine.whoosh_query; several
indexing processes: newsarc.engine.whoosh_parallel.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from types import EllipsisType
from typing import TYPE_CHECKING, Any

from newsarc.engine import whoosh_index as wi
from newsarc.engine.base import MAX_EXPANSIONS, Engine, Found, Reader, Results, Transaction
from newsarc.errors import ArchiveBusy, QueryError
from newsarc.model import StoryCopy

if TYPE_CHECKING:
    from newsarc.dedup import Sketch
    from newsarc.model import Article
    from newsarc.query.tree import Prefix, Query, TermRange, Wildcard


class WhooshEngine(Engine):
    name = "whoosh"

    def __init__(self, ix: Any, directory: Path | None = None) -> None:
        self.ix = ix  # whoosh.index.Index
        self.directory = directory  # None: in memory

    @classmethod
    def exists(cls, directory: Path) -> bool:
        return wi.index_exists(directory)

    @classmethod
    def create(cls, directory: Path) -> WhooshEngine:
        return cls(wi.create_index(directory), directory)

    @classmethod
    def open(cls, directory: Path) -> WhooshEngine:
        return cls(wi.open_index(directory), directory)

    @classmethod
    def empty(cls) -> WhooshEngine:
        return cls(wi.empty_index())

    forget_failure = staticmethod(wi.forget_failure)

    def generation(self) -> int:
        return int(self.ix.latest_generation())

    def reader(self) -> WhooshReader:
        from newsarc.engine.whoosh_scoring import weighting

        return WhooshReader(self.ix.searcher(weighting=weighting()), self.directory)

    def transaction(self, *, procs: int = 1) -> WhooshTransaction:
        from whoosh.index import LockError

        try:
            return WhooshTransaction(wi.open_writer(self.ix, limitmb=WRITER_MEMORY_MB, procs=procs))
        except LockError:
            raise ArchiveBusy(
                f"archive busy: another program is writing to the index in {self.directory}"
            ) from None


#: Memory for postings while writing, in all indexing processes together.
WRITER_MEMORY_MB = 256


class WhooshTransaction(Transaction):
    def __init__(self, writer: Any) -> None:
        self.writer = writer

    def add(self, article: Article, path: str, sketch: Sketch | None | EllipsisType = ...) -> None:
        self.writer.add_document(**wi.article_document(article, path, sketch))

    def delete(self, article_id: str) -> None:
        self.writer.delete_by_term("id", article_id)

    def commit(self, *, purge: bool = False) -> None:
        # Optimizing purges deleted documents; otherwise the merge policy (size tiers).
        if purge:
            self.writer.commit(optimize=True)
        else:
            self.writer.commit()

    def cancel(self) -> None:
        """Drop uncommitted work; the index keeps its last commit either way (a writer
        whose commit failed may already be closed)."""
        try:
            self.writer.cancel()
        except Exception:
            pass


class WhooshReader(Reader):
    def __init__(self, searcher: Any, directory: Path | None = None) -> None:
        self.searcher = searcher
        self.whoosh_reader = searcher.reader()
        self.directory = directory  # None: in memory

    # -- queries -------------------------------------------------------------------

    def compile(self, query: Query):
        """The Whoosh query of a newsarc query; QueryError for a pattern standing for
        more than MAX_EXPANSIONS words."""
        from newsarc.engine.whoosh_query import check_expansions, compile_query

        compiled = compile_query(query)
        check_expansions(compiled, self.whoosh_reader)
        return compiled

    def search(
        self,
        query: Query,
        *,
        limit: int | None = 10,
        sort: str = "relevance",
        collapse: bool = False,
    ) -> Results:
        from newsarc.engine.whoosh_query import date_order

        sortedby = date_order(sort)
        compiled = self.compile(query)
        options: dict[str, object] = {}
        if sortedby is not None:
            options["sortedby"] = sortedby
        if collapse:
            options.update(collapse="story", collapse_limit=1)
        results = wi.search_exactly(self.searcher, compiled, limit=limit, **options)
        total = len(results)
        stories = None
        if collapse:
            # Whoosh's collapsing collector drops collapsed documents from the result set
            # unevenly, so count matches and stories from the matching set itself.
            matching = list(self.searcher.docs_for_query(compiled))
            column = self.whoosh_reader.column_reader("story")
            total, stories = len(matching), len({column[docnum] for docnum in matching})
        found = tuple(
            Found(hit["id"], hit["path"], _relevance(hit.score), hit.get("story"))
            for hit in results
        )
        return Results(found, total, stories)

    def months(self, query: Query) -> tuple[int, dict[str, int]]:
        from newsarc.engine.whoosh_query import compile_query

        docnums = set(self.searcher.docs_for_query(compile_query(query)))
        days = _days_by_docnum(self.whoosh_reader)
        months: dict[str, int] = {}
        for docnum in docnums:
            day = days.get(docnum)
            if day:
                months[day[:7]] = months.get(day[:7], 0) + 1
        return len(docnums), months

    # -- the lexicon ---------------------------------------------------------------

    def terms(self, field: str) -> Iterator[str]:
        for term in self.whoosh_reader.lexicon(field):
            yield term.decode("utf-8")

    def doc_frequency(self, field: str, term: str) -> int:
        return int(self.whoosh_reader.doc_frequency(field, term))

    def expand(
        self, pattern: Prefix | Wildcard | TermRange, limit: int | None = MAX_EXPANSIONS
    ) -> list[str]:
        from newsarc.engine.whoosh_query import compile_words

        found = []
        for term in compile_words(pattern, any_word=False).expanded_terms(self.whoosh_reader):
            text = term[1] if isinstance(term, tuple) else term
            found.append(text.decode("utf-8") if isinstance(text, bytes) else str(text))
            if limit is not None and len(found) > limit:
                raise QueryError(f"the pattern matches more than {limit} different words")
        return found

    # -- articles ------------------------------------------------------------------

    def doc_count(self) -> int:
        return int(self.whoosh_reader.doc_count())

    def has_id(self, article_id: str) -> bool:
        return ("id", article_id) in self.whoosh_reader

    def has_hash(self, content_hash: str) -> bool:
        return ("hash", content_hash) in self.whoosh_reader

    def id_for_hash(self, content_hash: str) -> str | None:
        document = self.searcher.document(hash=content_hash)
        return document["id"] if document else None

    def path_of(self, article_id: str) -> str | None:
        document = self.searcher.document(id=article_id)
        return document["path"] if document else None

    def story_copies(self, story: str, except_id: str) -> tuple[StoryCopy, ...]:
        from whoosh import query as wq

        if self.searcher.doc_frequency("story", story) < 2:
            return ()
        copies = []
        for fields in self.searcher.search(wq.Term("story", story), limit=None):
            if fields["id"] == except_id:
                continue
            date = fields.get("date")
            copies.append(
                StoryCopy(fields["id"], fields.get("source_name"), date.date() if date else None)
            )
        return tuple(sorted(copies, key=lambda c: (c.date is None, c.date or dt.date.min, c.id)))

    def sketches(self) -> Iterator[tuple[Sketch, str, str]]:
        return wi.read_sketches(self.whoosh_reader)

    # -- statistics and integrity --------------------------------------------------

    def source_days(self) -> dict[str | None, dict[str | None, int]]:
        reader = self.whoosh_reader
        days = _days_by_docnum(reader)
        found: dict[str | None, dict[str | None, int]] = {}
        with_source: set[int] = set()
        for name in {term.decode("utf-8") for term in reader.lexicon("source_name")}:
            counts: dict[str | None, int] = {}
            for docnum in reader.postings("source_name", name).all_ids():
                with_source.add(docnum)
                counts[days.get(docnum)] = counts.get(days.get(docnum), 0) + 1
            if counts:
                found[name] = counts
        if len(with_source) < reader.doc_count():
            counts = {}
            for docnum in reader.all_doc_ids():
                if docnum not in with_source:
                    counts[days.get(docnum)] = counts.get(days.get(docnum), 0) + 1
            found[None] = counts
        return found

    def entries(self) -> dict[str, str]:
        return {fields["id"]: fields["path"] for fields in self.searcher.all_stored_fields()}

    def verify(self) -> None:
        # Read every term's postings: a damaged segment may fail only there.
        reader = self.whoosh_reader
        for fieldname in ("id", "hash", "source_name", "day"):
            for term in reader.lexicon(fieldname):
                reader.doc_frequency(fieldname, term)
                for _ in reader.postings(fieldname, term).all_ids():
                    pass

    def state(self) -> str | None:
        # Each index is built in a directory of its own (engine.directory), each commit a
        # new generation of it.
        generation = self.whoosh_reader.generation()
        if self.directory is None or generation is None:
            return None
        return f"whoosh {self.directory} {generation}"

    def close(self) -> None:
        self.searcher.close()


def _days_by_docnum(reader: Any) -> dict[int, str]:
    """Each dated document's day ("YYYY-MM-DD"), from the postings of the `day` field."""
    days: dict[int, str] = {}
    for term in reader.lexicon("day"):
        day = term.decode("utf-8")
        for docnum in reader.postings("day", term).all_ids():
            days[docnum] = day
    return days


def _relevance(score: object) -> float:
    # Sorted by date, Whoosh's "score" is the sort key: (date key, -score) (date_order).
    if isinstance(score, tuple):
        score = -score[-1]
    return float(score or 0.0)  # type: ignore[arg-type]


def whoosh_query(
    text: str, *, any_word: bool = False, exact: bool = False, reader=None, **filters: str | None
):
    """A user's query (words, `date:`, filters: source, since, until) as the Whoosh query
    newsarc runs, with the spelling variants the Whoosh `reader`'s index holds: for
    benchmarks and tests that search with Whoosh directly."""
    from newsarc.query.parse import add_variants, parse_query

    query = parse_query(text, any_word=any_word, exact=exact, **filters)
    if reader is not None:  # a Whoosh reader (frequencies only), or a newsarc.lexicon
        query = add_variants(query, reader)
    from newsarc.engine.whoosh_query import compile_query

    return compile_query(query)
