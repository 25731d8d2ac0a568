"""The engine interface: what newsarc asks of a search engine, written for newsarc.

The rest of newsarc (archive, ingest, maintenance) talks to an index only through these
classes; `newsarc.engine.whoosh` implements them with Whoosh, and a second engine is one
more module beside it (docs/ARCHITECTURE.md, "Adding an engine").

    engine = WhooshEngine.open(directory)          # or .create(directory), .empty()
    with engine.transaction(procs=2) as writing:   # add, delete, commit, cancel
        writing.add(article, "corpus/…/id.txt")
        writing.commit()
    with engine.reader() as reader:                # one commit, read consistently
        results = reader.search(query, limit=10)   # query: newsarc.query.tree.Query
        reader.months(query), reader.source_days(), reader.expand(prefix_node)

An engine owns one index directory (newsarc.engine.store picks which one is current).
Failures of a damaged index may surface as any exception: the archive turns them into
"run `newsarc reindex`". Nothing here imports an engine.
"""

from __future__ import annotations

import abc
from collections.abc import Iterator
from pathlib import Path
from types import EllipsisType
from typing import TYPE_CHECKING, ClassVar

from newsarc.query.tree import Record

if TYPE_CHECKING:
    from newsarc.dedup import Sketch
    from newsarc.model import Article, StoryCopy
    from newsarc.query.tree import Prefix, Query, TermRange, Wildcard

#: Sort orders a search accepts: by score, or by date with undated articles last.
SORT_ORDERS = ("relevance", "newest", "oldest")
#: How many words one pattern (الخلاف*, [a TO b]) may stand for, as Lucene's
#: maxClauseCount: searching and highlighting cost grows with each.
MAX_EXPANSIONS = 1024


class Found(Record):
    """One matching article: its id, its corpus path (relative to the archive), its score
    (relevance, also when sorted by date) and its story."""

    id: str
    path: str
    score: float
    story: str | None = None


class Results(Record):
    """The best `limit` matches in order, how many matched in all, and (collapse) how
    many distinct stories they belong to."""

    found: tuple[Found, ...]
    total: int
    stories: int | None = None


class Transaction(abc.ABC):
    """Writes to an index: nothing is visible to readers before commit(); cancel() (or
    leaving the `with` block without commit) drops what was not committed. One at a time
    per index (the archive's writer lock sees to it)."""

    # How many articles this engine's writer is best committed after, whatever longer
    # window the caller would choose (None: the caller's windows).
    commit_every: int | None = None

    @abc.abstractmethod
    def add(self, article: Article, path: str, sketch: Sketch | None | EllipsisType = ...) -> None:
        """Index an article stored at `path`. `sketch`: its dedup.Sketch (None: too short)
        when the caller has it; by default the engine computes it."""

    @abc.abstractmethod
    def delete(self, article_id: str) -> None:
        """Drop the article with this id from the index (at commit)."""

    @abc.abstractmethod
    def commit(self, *, purge: bool = False) -> None:
        """Make the changes durable and visible; `purge` also reclaims deleted articles'
        space now. Raises newsarc.errors.ParallelIndexError, index unchanged, when an
        indexing process failed: add the window again with procs=1."""

    @abc.abstractmethod
    def cancel(self) -> None:
        """Drop uncommitted changes; safe to call after a failed commit, and twice."""

    def close(self) -> None:
        """Let go of the index after a commit (its lock, an indexing process), at once
        rather than whenever the object is collected: the next window's writer opens it."""
        self.cancel()

    def __enter__(self) -> Transaction:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.cancel()


class Reader(abc.ABC):
    """One committed state of the index, read consistently until closed."""

    # -- queries -------------------------------------------------------------------

    @abc.abstractmethod
    def search(
        self,
        query: Query,
        *,
        limit: int | None = 10,
        sort: str = "relevance",
        collapse: bool = False,
    ) -> Results:
        """The best `limit` matches (None: all), exactly counted. sort: SORT_ORDERS;
        collapse: one match per story (Results.stories set). QueryError when a pattern
        stands for more than MAX_EXPANSIONS words."""

    @abc.abstractmethod
    def months(self, query: Query) -> tuple[int, dict[str, int]]:
        """(how many articles match, how many of them per "YYYY-MM" month)."""

    # -- the lexicon ---------------------------------------------------------------

    @abc.abstractmethod
    def terms(self, field: str) -> Iterator[str]:
        """Every term of a field, in sorted order."""

    @abc.abstractmethod
    def doc_frequency(self, field: str, term: str) -> int:
        """In how many articles the term occurs (0: none): what spelling variants use."""

    @abc.abstractmethod
    def expand(
        self, pattern: Prefix | Wildcard | TermRange, limit: int | None = MAX_EXPANSIONS
    ) -> list[str]:
        """The indexed terms a pattern stands for, in lexicon order; QueryError when more
        than `limit` (None: no limit)."""

    # -- articles ------------------------------------------------------------------

    @abc.abstractmethod
    def doc_count(self) -> int:
        """Articles in the index (deleted ones not counted)."""

    @abc.abstractmethod
    def has_id(self, article_id: str) -> bool: ...

    @abc.abstractmethod
    def has_hash(self, content_hash: str) -> bool: ...

    @abc.abstractmethod
    def id_for_hash(self, content_hash: str) -> str | None:
        """The id of the article with this content hash, if indexed."""

    @abc.abstractmethod
    def path_of(self, article_id: str) -> str | None:
        """The corpus path of an indexed article."""

    @abc.abstractmethod
    def story_copies(self, story: str, except_id: str) -> tuple[StoryCopy, ...]:
        """The articles of a story other than `except_id`, oldest first."""

    @abc.abstractmethod
    def sketches(self) -> Iterator[tuple[Sketch, str, str]]:
        """(near-duplicate sketch, article id, story id) of every indexed article."""

    # -- statistics and integrity --------------------------------------------------

    @abc.abstractmethod
    def source_days(self) -> dict[str | None, dict[str | None, int]]:
        """Articles by source display name (None: no source) and "YYYY-MM-DD" day (None:
        undated): every count `newsarc stats` shows derives from it."""

    @abc.abstractmethod
    def entries(self) -> dict[str, str]:
        """Every indexed article: id → corpus path (what `check` compares with corpus/)."""

    @abc.abstractmethod
    def verify(self) -> None:
        """Read every part of the index a search may touch; raise on damage."""

    def state(self) -> str | None:
        """Names this index and the commit this reader reads, for caches of what is
        derived from them (newsarc.lexicon): another index, or any commit since, has
        another name. None when there is nothing to name (an index in memory)."""
        return None

    @abc.abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Reader:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class Engine(abc.ABC):
    """An index in one directory: opened, created, read and written."""

    #: Recorded in the index's version file; names the engine in messages.
    name: ClassVar[str]

    @classmethod
    @abc.abstractmethod
    def exists(cls, directory: Path) -> bool:
        """Does `directory` hold a committed index of this engine? Opens nothing."""

    @classmethod
    @abc.abstractmethod
    def create(cls, directory: Path) -> Engine:
        """A new, empty index in `directory` (created)."""

    @classmethod
    @abc.abstractmethod
    def open(cls, directory: Path) -> Engine:
        """Open an existing index; ArchiveError (hint: `newsarc reindex`) when it is
        missing, damaged or built by another schema, analyzer or engine."""

    @classmethod
    @abc.abstractmethod
    def empty(cls) -> Engine:
        """An empty index in memory: what an archive without articles is searched with."""

    @staticmethod
    def forget_failure(exc: BaseException) -> None:
        """After a failure reading a damaged index: release what the failure holds on
        to (open files referenced from its traceback), before reporting it."""
        del exc  # nothing to release by default

    def compact_into(self, directory: Path) -> bool:
        """Write a compacted copy of this index into the new `directory`, to be published in
        its place, when the engine finds it worth it; False (nothing written) otherwise. By
        default never: Whoosh merges its segments as it commits."""
        del directory
        return False

    @abc.abstractmethod
    def generation(self) -> int:
        """A number that changes with every commit (caches of derived data name it)."""

    @abc.abstractmethod
    def reader(self) -> Reader: ...

    @abc.abstractmethod
    def transaction(self, *, procs: int = 1) -> Transaction:
        """A writer; procs > 1 indexes in that many processes (fork). ArchiveBusy when
        another writer holds the index."""
