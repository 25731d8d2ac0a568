"""The Xapian engine: an archive's index in one local database, or on shard servers
(`xapian-tcpsrv --writable`), behind newsarc's engine interface (newsarc.engine.base).

Xapian analyzes nothing here. Documents are made of newsarc's own terms (the analysis
chain of `normalize`, `stem` and `stopwords`, word for word what the Whoosh index holds),
each field's terms under a prefix of their own, with the same positions; queries are
newsarc's query tree (newsarc.query.tree) compiled to Xapian queries, wildcards expanded
from the lexicon under the same cap. So a query matches the same articles on either
engine; only scores differ (see `weighting`).

What each field becomes:

| field | Xapian | how |
|---|---|---|
| `exact` (title + text) | `XE` + word | positions (phrases), weighed |
| `body` (stemmed text) | `XB` + stem | frequency only, as in Whoosh |
| `title` (stemmed) | `XT` + stem | positions |
| `source`, `place` (words) | `XS`, `XP` + word | positions, weight 0: filters |
| `source_slug`, `source_name` | `XG`, `XN` + name | boolean terms |
| `id`, `hash`, `story`, `day` | `Q`, `H`, `G`, `D` + value | boolean terms |
| `date`, story, source and day | value slots | ranges, sorting, collapse, counts |
| corpus path, source, date, story | document data | JSON |

On disk, an index generation directory (newsarc.engine.store) holds `xapian.json` (the
schema, analyzer, build and shards) and, without shards, the database in `db/`.

Shards: an article lives on shard `shard_of(id, count)`, a stable hash of its id. Reads
combine the shards into one `xapian.Database` through the remote backend; Xapian merges
their statistics, so scores are those of one database. A shard that cannot be reached is
a `ShardUnreachable`: one line naming it. The archive's writer lock covers every shard
(one archive per shard server: a server's database is that archive's alone).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import secrets
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import EllipsisType
from typing import TYPE_CHECKING, Any, ClassVar

from newsarc.analysis import ANALYZER_VERSION
from newsarc.engine.base import (
    MAX_EXPANSIONS,
    SORT_ORDERS,
    Engine,
    Found,
    Reader,
    Results,
    Transaction,
)
from newsarc.engine.procs import become_indexing_child, signals_held
from newsarc.errors import (
    ArchiveBusy,
    ArchiveError,
    IndexUnavailable,
    NewsarcError,
    ParallelIndexError,
    QueryError,
)
from newsarc.fsio import atomic_write
from newsarc.query import tree as t

if TYPE_CHECKING:
    import xapian

    from newsarc.dedup import Sketch
    from newsarc.model import Article, StoryCopy

INSTALL_HINT = "install the Xapian extra: pip install 'newsarc[xapian]'"
SHARD_SCHEME = "xapian+tcp://"
CONFIG_FILE = "xapian.json"
DATABASE_DIR = "db"
# A local index is compacted after a commit once it is this many times the size it had
# when last compacted (its windows leave B-tree blocks part full; compacting rewrites the
# whole index, so it is done as the index doubles: a constant cost per byte added), and
# from this size (below it, a few megabytes saved are not worth rewriting anything).
COMPACT_WHEN_GROWN = 2.0
COMPACT_FROM_BYTES = 64 * 2**20
# The terms, prefixes, slots and data this module writes: a change needs a new number
# (an archive built with another is refused with a pointer to `newsarc reindex`).
XAPIAN_SCHEMA = 1

# -- terms ----------------------------------------------------------------------------

# Xapian's convention: prefixes are capitals, X + capitals for user-defined ones. None is
# a prefix of another, and newsarc's words never start with a capital (normalize lowercases).
FIELD_PREFIXES = {
    "exact": "XE",
    "body": "XB",
    "title": "XT",
    "source": "XS",
    "place": "XP",
    "source_slug": "XG",
    "source_name": "XN",
    "id": "Q",
    "hash": "H",
    "story": "G",
    "day": "D",
}
# Fields that only narrow a search: matched, never weighed (Whoosh weighs them; see README).
FILTER_FIELDS = frozenset(
    {"source", "place", "source_slug", "source_name", "id", "hash", "story", "day"}
)
# Fields whose terms carry positions (phrases); the others are counted only.
POSITIONAL_FIELDS = frozenset({"exact", "title", "source", "place"})

# Xapian's glass backend refuses terms over 245 bytes. A longer word (an URL, a run of
# letters without spaces) is indexed and searched as its first bytes plus a digest of the
# whole word: matching stays exact, but a wildcard expands to the shortened form.
MAX_TERM_BYTES = 245
_KEPT_BYTES = 200


def term(fieldname: str, word: str) -> str:
    """The Xapian term of `word` in newsarc field `fieldname`."""
    prefix = FIELD_PREFIXES[fieldname]
    raw = word.encode("utf-8")
    if len(prefix) + len(raw) <= MAX_TERM_BYTES:
        return prefix + word
    kept = raw[:_KEPT_BYTES].decode("utf-8", "ignore")
    return f"{prefix}{kept}#{hashlib.blake2b(raw, digest_size=8).hexdigest()}"


# -- values and data ------------------------------------------------------------------

SLOT_DAY = 0  # "YYYY-MM-DD": date ranges; sorted newest first, undated have none (last)
SLOT_DAY_ASCENDING = 1  # the day, or "~" when undated: sorted oldest first, undated last
SLOT_MONTH = 2  # "YYYY-MM": timelines
SLOT_STORY = 3  # story id: --collapse
SLOT_SOURCE_DAY = 4  # "<source name>\t<YYYY-MM-DD>", each possibly empty: stats
SLOT_SKETCH = 5  # dedup sketch "<sketch> <id> <story>": near-duplicates at add
_UNDATED_LAST = "~"  # sorts after every digit
# Every document carries the build (index generation) that wrote it: a rebuild onto the
# same shards replaces documents in place, then drops those of older builds.
BUILD_PREFIX = "XZ"
# Database metadata: a token written by every commit on every shard (Xapian's remote
# backend gives no revision numbers): what Engine.generation returns.
COMMIT_KEY = "newsarc-commit"


def article_document(
    article: Article, path: str, sketch: Sketch | None | EllipsisType = ..., build: str = ""
) -> xapian.Document:
    """The Xapian document of an article (see the table in the module docstring), marked
    with the build of the index that wrote it."""
    import xapian

    from newsarc import dedup
    from newsarc.fields import index_words

    document = xapian.Document()
    text_first, text_words = index_words(article.text)
    counts: dict[str, int] = {}
    for word in text_words:
        stemmed = _stemmed_term("body", word)
        if stemmed:
            counts[stemmed] = counts.get(stemmed, 0) + 1
    for stemmed, count in counts.items():
        document.add_term(stemmed, count)
    exact_first, exact_words = text_first, text_words
    if article.title:
        title_first, title_words = index_words(article.title)
        for position, word in enumerate(title_words, title_first + 1):
            stemmed = _stemmed_term("title", word)
            if stemmed:
                document.add_posting(stemmed, position)
        # No token spans a newline: the words of "title\ntext" are the title's, then the
        # text's (fields._RecentTexts), unless the title has none.
        if title_words:
            exact_first, exact_words = title_first, title_words + text_words
        else:
            exact_first, exact_words = index_words(f"{article.title}\n{article.text}")
    for position, word in enumerate(exact_words, exact_first + 1):
        document.add_posting(_exact_term(word), position)
    if article.source:
        _add_positions(
            document, "source", *index_words(f"{article.source} {article.source_slug or ''}"), wdf=0
        )
        document.add_boolean_term(term("source_slug", article.source_slug or ""))
        document.add_boolean_term(term("source_name", article.source))
    if article.place:
        _add_positions(document, "place", *index_words(article.place), wdf=0)
    document.add_boolean_term(term("id", article.id))
    document.add_boolean_term(term("hash", article.content_hash))
    document.add_boolean_term(term("story", article.story_id))
    day = ""
    if article.date:
        day = article.date.isoformat()
        document.add_boolean_term(term("day", day))
        document.add_value(SLOT_DAY, day)
        document.add_value(SLOT_MONTH, day[:7])
    document.add_value(
        SLOT_DAY_ASCENDING, article.date.isoformat() if article.date else _UNDATED_LAST
    )
    document.add_value(SLOT_STORY, article.story_id)
    document.add_value(SLOT_SOURCE_DAY, f"{article.source or ''}\t{day}")
    document.add_boolean_term(BUILD_PREFIX + build)
    value = dedup.sketch(article.text) if sketch is ... else sketch
    if isinstance(value, dedup.Sketch):
        document.add_value(SLOT_SKETCH, f"{value.to_text()} {article.id} {article.story_id}")
    document.set_data(
        json.dumps(
            {
                "id": article.id,
                "path": path,
                "source": article.source,
                "date": article.date.isoformat() if article.date else None,
                "story": article.story_id,
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )
    )
    return document


@lru_cache(maxsize=200_000)
def _exact_term(word: str) -> str:
    return term("exact", word)


@lru_cache(maxsize=400_000)
def _stemmed_term(fieldname: str, word: str) -> str | None:
    """The term of a word's stem in a stemmed field; None when it stems to nothing."""
    from newsarc.analysis import stem

    stemmed = stem(word)
    return term(fieldname, stemmed) if stemmed else None


def _add_positions(
    document: xapian.Document, fieldname: str, first: int, words: list[str], wdf: int = 1
) -> None:
    # Xapian positions start at 1; Whoosh's at 0. Only differences between them matter.
    for position, word in enumerate(words, first + 1):
        if word:  # an empty stem: no term, the position stays taken (as in Whoosh)
            document.add_posting(term(fieldname, word), position, wdf)


@dataclass(frozen=True)
class IndexEntry:
    """What the index says of one article (document data)."""

    id: str
    path: str
    source: str | None
    date: dt.date | None
    story: str

    @classmethod
    def from_data(cls, data: bytes) -> IndexEntry:
        fields = json.loads(data)
        day = fields.get("date")
        return cls(
            fields["id"],
            fields["path"],
            fields.get("source"),
            dt.date.fromisoformat(day) if day else None,
            fields["story"],
        )


# -- shards ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ShardAddress:
    """A shard served by `xapian-tcpsrv --writable`: xapian+tcp://HOST:PORT."""

    host: str
    port: int

    def __str__(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{SHARD_SCHEME}{host}:{self.port}"

    @classmethod
    def parse(cls, text: str) -> ShardAddress:
        """Read an address; ArchiveError saying what is wrong with a bad one."""
        match = _ADDRESS.match(text.strip())
        if not match:
            raise ArchiveError(
                f"not a shard address: {text!r}",
                hint=f"write {SHARD_SCHEME}HOST:PORT, e.g. {SHARD_SCHEME}10.0.0.5:7001",
            )
        port = int(match.group("port"))
        if not 0 < port < 65536:
            raise ArchiveError(f"shard port out of range in {text!r}", hint="ports are 1 to 65535")
        return cls(match.group("host") or match.group("host6"), port)


_ADDRESS = re.compile(
    rf"^{re.escape(SHARD_SCHEME)}(?:\[(?P<host6>[0-9A-Fa-f:.]+)\]|(?P<host>[A-Za-z0-9.-]+)):(?P<port>[0-9]{{1,5}})/?$"
)


def shard_of(article_id: str, count: int) -> int:
    """The shard holding an article: a stable hash of its id (the same in every process,
    Python version and machine, unlike hash())."""
    digest = hashlib.blake2b(article_id.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") % count


class ShardUnreachable(IndexUnavailable):
    """A shard's server does not answer."""

    def __init__(self, address: ShardAddress, detail: str) -> None:
        super().__init__(
            f"Xapian shard {address} is unreachable ({detail})",
            hint=f"start it (xapian-tcpsrv --writable --port {address.port} DIR) and try again",
        )
        self.address = address


# Seconds to wait for a shard to accept a connection, and for an answer once connected.
CONNECT_TIMEOUT = 5.0
ANSWER_TIMEOUT = 60.0


def import_xapian() -> Any:
    """The xapian module, or ArchiveError saying how to install it."""
    try:
        import xapian
    except ImportError:
        raise ArchiveError("the Xapian engine is not installed", hint=INSTALL_HINT) from None
    return xapian


@dataclass(frozen=True)
class Location:
    """Where an archive's Xapian index lives: a local directory, or shard servers."""

    directory: Path | None = None
    shards: tuple[ShardAddress, ...] = ()

    def __post_init__(self) -> None:
        if self.directory is not None and self.shards:
            raise ValueError("a Xapian index is in a directory or on shards, not both")

    @property
    def is_empty(self) -> bool:
        """Neither: the empty index of an archive without articles (reads only)."""
        return self.directory is None and not self.shards

    def open_reader(self) -> xapian.Database:
        """One database to search: the directory's, or every shard combined."""
        xapian = import_xapian()
        if self.directory is not None:
            try:
                return xapian.Database(str(self.directory))
            except xapian.Error as exc:
                raise ArchiveError(
                    f"the Xapian index in {self.directory} cannot be opened ({_describe(exc)})",
                    hint="run `newsarc reindex` to rebuild it from corpus/",
                ) from None
        if self.is_empty:
            return xapian.WritableDatabase("", xapian.DB_BACKEND_INMEMORY)
        combined = xapian.Database()
        for address in self.shards:
            combined.add_database(self.remote(address, writable=False))
        return combined

    def open_writers(self) -> list[xapian.WritableDatabase]:
        """One writable database per shard (one in all for a directory), in shard order."""
        xapian = import_xapian()
        if self.directory is not None:
            try:
                return [xapian.WritableDatabase(str(self.directory), xapian.DB_CREATE_OR_OPEN)]
            except xapian.DatabaseLockError:
                raise ArchiveBusy(
                    f"archive busy: another program is writing to the index in {self.directory}",
                    hint="wait for the other `add` or `reindex` to finish",
                ) from None
            except xapian.Error as exc:
                raise ArchiveError(
                    f"the Xapian index in {self.directory} cannot be written ({_describe(exc)})",
                    hint="run `newsarc reindex` to rebuild it from corpus/",
                ) from None
        if self.is_empty:
            raise ArchiveError("the empty index cannot be written", hint="run `newsarc reindex`")
        return [self.remote(address, writable=True) for address in self.shards]

    def remote(self, address: ShardAddress, *, writable: bool) -> Any:
        xapian = import_xapian()
        timeout_ms, connect_ms = int(ANSWER_TIMEOUT * 1000), int(CONNECT_TIMEOUT * 1000)
        try:
            if writable:
                return xapian.remote_open_writable(
                    address.host, address.port, timeout_ms, connect_ms
                )
            return xapian.remote_open(address.host, address.port, timeout_ms, connect_ms)
        except xapian.DatabaseLockError:
            raise ArchiveBusy(
                f"archive busy: another program is writing to Xapian shard {address}",
                hint="wait for the other `add` or `reindex` to finish (one archive per server)",
            ) from None
        except xapian.Error as exc:
            raise ShardUnreachable(address, _describe(exc)) from None

    def unreachable(self) -> list[ShardAddress]:
        """The shards that do not answer now (after an error in a combined database, to
        name the culprit)."""
        down = []
        for address in self.shards:
            try:
                self.remote(address, writable=False).get_doccount()
            except ArchiveError:
                down.append(address)
            except Exception:
                down.append(address)
        return down

    def translate(self, exc: BaseException) -> ArchiveError:
        """A Xapian error met while using this index, as one line naming what failed."""
        if isinstance(exc, ArchiveError):
            return exc
        down = self.unreachable() if self.shards else []
        if down:
            return ShardUnreachable(down[0], _describe(exc))
        where = (
            str(self.directory) if self.directory is not None else ", ".join(map(str, self.shards))
        )
        return ArchiveError(
            f"the Xapian index ({where}) failed: {_describe(exc)}",
            hint="run `newsarc check`; `newsarc reindex` rebuilds the index from corpus/",
        )


def _describe(exc: BaseException) -> str:
    message = exc.get_msg() if hasattr(exc, "get_msg") else str(exc)
    first = " ".join(str(message).split())
    return f"{type(exc).__name__}: {first}" if first else type(exc).__name__


# -- writing --------------------------------------------------------------------------


# Xapian holds a transaction's changes in memory and merges them into its tables at commit;
# the larger the window, the more each article costs (ANT's first 14,790 articles, Xapian's
# own CPU: 11.6-12 s in windows of 1,000-2,000 articles, 17.5 s in one window).
COMMIT_EVERY_ARTICLES = 2000


class XapianTransaction(Transaction):
    """Adds and deletes articles on every shard; commit() makes them durable and visible.

    In an index opened for writing (an `add`, a repair), each window of changes is a
    Xapian transaction per shard: nothing is visible before commit, and cancel() drops it.
    A crash between two shards' commits leaves the window on some shards only, which
    `check --repair` sets right from corpus/ (the truth), as after a crash on Whoosh.

    In a new build (`Engine.create`: reindex), documents are written without a transaction
    (Xapian flushes every 10,000, so memory stays bounded): a local build is invisible
    until the archive publishes its directory; on shards, the build replaces each
    article's document in place (same id, same text: searches meanwhile find every
    article), and its first commit drops the documents of older builds.
    """

    commit_every = COMMIT_EVERY_ARTICLES

    def __init__(self, engine: XapianEngine) -> None:
        self.engine = engine
        self.location = engine.location
        self.databases: list[Any] = self.location.open_writers()
        self.in_transaction = not engine.fresh
        if self.in_transaction:
            self._begin()

    def _begin(self) -> None:
        for database in self.databases:
            self._call(database.begin_transaction, True)

    def _call(self, method: Callable[..., Any], *args: object) -> Any:
        xapian = import_xapian()
        try:
            return method(*args)
        except xapian.Error as exc:
            raise self.location.translate(exc) from None

    def _database_for(self, article_id: str) -> Any:
        if not self.databases:
            raise ArchiveError("the Xapian index writer was closed", hint="start the command again")
        return self.databases[shard_of(article_id, len(self.databases))]

    def add(self, article: Article, path: str, sketch: Sketch | None | EllipsisType = ...) -> None:
        document = article_document(article, path, sketch, self.engine.build)
        database = self._database_for(article.id)
        self._call(database.replace_document, term("id", article.id), document)

    def delete(self, article_id: str) -> None:
        self._call(self._database_for(article_id).delete_document, term("id", article_id))

    def commit(self, *, purge: bool = False) -> None:
        # purge: Xapian reclaims deleted documents' space as it goes; nothing more to do.
        stamp = secrets.token_hex(6)  # the same on every shard: the index's generation
        for database in self.databases:
            self._call(database.set_metadata, COMMIT_KEY, stamp)
            self._call(database.commit_transaction if self.in_transaction else database.commit)
        if self.engine.fresh:
            self._drop_older_builds()
            self.engine.fresh = False  # the next windows are transactions again
            self.in_transaction = True
        if self.in_transaction:
            self._begin()

    def _drop_older_builds(self) -> None:
        keep = BUILD_PREFIX + self.engine.build
        for database in self.databases:
            older = [item.term for item in self._call(database.allterms, BUILD_PREFIX)]
            for found in older:
                if found.decode("utf-8") != keep:
                    self._call(database.delete_document, found)
            if older:
                self._call(database.commit)

    def cancel(self) -> None:
        for database in self.databases:
            try:
                if self.in_transaction:
                    database.cancel_transaction()
            except Exception:
                pass  # a shard that is down holds nothing of this window
            try:
                database.close()
            except Exception:
                pass
        self.databases = []


class ForkedTransaction(Transaction):
    """A XapianTransaction run by a child process (procs > 1: a large `add`, a reindex).

    This process goes on reading input, finding near-duplicates and writing corpus files
    while the child analyzes articles and feeds Xapian, as the Whoosh engine's indexing
    processes do. Articles go to the child in order over a pipe; commit() waits for it to
    have committed. A child that dies is a ParallelIndexError (the index as at the last
    commit): the caller indexes the window again in one process.
    """

    commit_every = COMMIT_EVERY_ARTICLES

    def __init__(self, engine: XapianEngine) -> None:
        import multiprocessing

        context = multiprocessing.get_context("fork")
        self.connection, theirs = context.Pipe()
        self.process: Any = context.Process(
            target=_index_in_child,
            args=(engine, theirs, self.connection, os.getpid()),
            daemon=True,
        )
        with signals_held():
            self.process.start()
        theirs.close()
        self._answer()  # the child's writers are open (or a shard is down: said here)

    def _send(self, *message: object) -> None:
        try:
            self.connection.send(message)
        except OSError:
            raise ParallelIndexError("the Xapian indexing process stopped") from None

    def _answer(self) -> None:
        try:
            reply = self.connection.recv()
        except (EOFError, OSError):
            raise ParallelIndexError("the Xapian indexing process stopped") from None
        if reply[0] == "error":
            raise _rebuilt_error(*reply[1:])

    def add(self, article: Article, path: str, sketch: Sketch | None | EllipsisType = ...) -> None:
        self._send("add", article, path, sketch)

    def delete(self, article_id: str) -> None:
        self._send("delete", article_id)

    def commit(self, *, purge: bool = False) -> None:
        self._send("commit", purge)
        self._answer()

    def cancel(self) -> None:
        if self.process is None:
            return
        try:
            self._send("cancel")
            self._answer()
        except Exception:
            pass  # the child is gone: its window was never committed
        self.connection.close()
        self.process.join(timeout=30)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.process = None


def _index_in_child(engine: XapianEngine, connection: Any, parents: Any, parent: int) -> None:
    """The child of a ForkedTransaction: run its messages on a XapianTransaction."""
    become_indexing_child()
    parents.close()  # its end: when the parent stops, this child reads EOF
    _die_with(parent)

    def failed(exc: BaseException) -> tuple[str, ...]:
        if isinstance(exc, NewsarcError):
            return ("error", type(exc).__name__, exc.message, exc.hint or "")
        return ("error", "ArchiveError", f"indexing failed: {type(exc).__name__}: {exc}", "")

    try:
        writing = XapianTransaction(engine)
    except BaseException as exc:
        connection.send(failed(exc))
        return
    connection.send(("ready",))
    failure: BaseException | None = None  # an add that failed: said at the next commit
    while True:
        try:
            message = connection.recv()
        except (EOFError, OSError):  # the parent is gone (killed): nothing is committed
            writing.cancel()
            return
        kind = message[0]
        try:
            if kind == "add" and failure is None:
                writing.add(*message[1:])
            elif kind == "delete" and failure is None:
                writing.delete(message[1])
            elif kind == "commit":
                if failure is not None:
                    raise failure
                writing.commit(purge=message[1])
                connection.send(("done",))
            elif kind == "cancel":
                writing.cancel()
                connection.send(("done",))
                return
        except BaseException as exc:
            if kind == "commit":
                failure = None
                connection.send(failed(exc))
            else:
                failure = exc


def _die_with(parent: int) -> None:
    """Be killed when the parent dies (Linux): a child left behind would hold the archive's
    writer lock, inherited with the parent's open files. Its window is never committed."""
    import signal

    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass  # elsewhere: the end of the pipe still stops it once it reads again
    if os.getppid() != parent:  # the parent died before that was set
        os._exit(0)


_PR_SET_PDEATHSIG = 1


def _rebuilt_error(kind: str, message: str, hint: str) -> NewsarcError:
    """An error the child reported, as the class the parent's callers handle."""
    classes = {"ArchiveBusy": ArchiveBusy, "QueryError": QueryError}
    if kind in ("ShardUnreachable", "IndexUnavailable"):
        return IndexUnavailable(message, hint or None)
    return classes.get(kind, ArchiveError)(message, hint or None)


# -- queries --------------------------------------------------------------------------

# BM25 with the k1 and b every engine ranks with (query/ranking.py, chosen on Qur'an QA
# train+dev), no document-length correction term (k2 = 0), k3 without effect (each term
# once per query). min_normlen 0.5 (Xapian's default) keeps a very short article from
# outweighing long ones; Whoosh has no such floor. Differences that remain (README,
# "Engines"): Xapian's idf is log((N - n + 0.5) / (n + 0.5)), floored above zero; Whoosh's
# is Lucene's log(1 + (N - n + 0.5) / (n + 0.5)); Xapian normalizes term frequency by the
# length of the whole document, Whoosh by the length of the field.
BM25_K2, BM25_K3, BM25_MIN_NORMLEN = 0.0, 1.0, 0.5


def weighting() -> Any:
    xapian = import_xapian()
    from newsarc.query.ranking import BM25_B, BM25_K1

    return xapian.BM25Weight(BM25_K1, BM25_K2, BM25_K3, BM25_B, BM25_MIN_NORMLEN)


def _too_many(shown: str, hint: str) -> QueryError:
    from newsarc.query.parse import shown as short

    return QueryError(
        f"{short(shown)} matches more than {MAX_EXPANSIONS} different words", hint=hint
    )


def expand_pattern(
    database: Any, field: str, pattern: str, limit: int | None = MAX_EXPANSIONS
) -> list[str]:
    """The words of `field` a wildcard pattern (`*` any run, `?` one letter) stands for, in
    lexicon order; QueryError beyond `limit` words."""
    literal = re.split(r"[*?]", pattern, maxsplit=1)[0]
    plain_prefix = pattern == literal + "*"
    whole = None if plain_prefix else _pattern_regex(pattern)
    prefix = FIELD_PREFIXES[field]
    words: list[str] = []
    for item in database.allterms(prefix + literal):
        word = item.term.decode("utf-8")[len(prefix) :]
        if whole is not None and not whole.fullmatch(word):
            continue
        words.append(word)
        if limit is not None and len(words) > limit:
            hint = (
                "give more letters before the *"
                if plain_prefix
                else "give more letters before the first * or ?"
            )
            raise _too_many(pattern, hint)
    return words


def _pattern_regex(pattern: str) -> re.Pattern[str]:
    parts = (".*" if char == "*" else "." if char == "?" else re.escape(char) for char in pattern)
    return re.compile("".join(parts), re.DOTALL)


def expand_range(database: Any, node: t.TermRange, limit: int | None = MAX_EXPANSIONS) -> list[str]:
    """The words of a field from start to end, in UTF-8 byte order as Whoosh's lexicon."""
    prefix = FIELD_PREFIXES[node.field]
    low = (node.start or "").encode("utf-8")
    high = node.end.encode("utf-8") if node.end is not None else None
    words: list[str] = []
    iterator = database.allterms(prefix)
    for item in iterator:
        raw = item.term[len(prefix) :]
        if raw < low or (node.start_excluded and raw == low):
            continue
        if high is not None and (raw > high or (node.end_excluded and raw == high)):
            break
        words.append(raw.decode("utf-8"))
        if limit is not None and len(words) > limit:
            raise _too_many(f"[{node.start or ''} TO {node.end or ''}]", "narrow it down")
    return words


def expand(
    database: Any, node: t.Prefix | t.Wildcard | t.TermRange, limit: int | None = MAX_EXPANSIONS
) -> list[str]:
    if isinstance(node, t.Prefix):
        return expand_pattern(database, node.field, node.text + "*", limit)
    if isinstance(node, t.Wildcard):
        return expand_pattern(database, node.field, node.pattern, limit)
    return expand_range(database, node, limit)


class QueryCompiler:
    """newsarc's query tree → a xapian.Query, against one database (wildcards are expanded
    from its lexicon). The same rules as the Whoosh engine's compiler: a Word is its exact
    term and stem in each text field with the field's weight, and its spelling variants
    at their weight; Nothing is left out; Not excludes inside an And."""

    def __init__(self, database: Any, any_word: bool = False) -> None:
        from newsarc.query.ranking import field_boosts

        self.xapian = import_xapian()
        self.database = database
        self.boosts = field_boosts(any_word)

    def compile(self, query: t.Query) -> Any:
        """The query's words, narrowed by --source and the date filter (which weigh
        nothing)."""
        Q = self.xapian.Query
        filters = []
        if query.source_slug:
            filters.append(Q(term("source_slug", query.source_slug)))
        if query.start or query.end:
            filters.append(_date_range(Q, query.start, query.end))
        words = self.node(query.words) if query.words is not None else None
        if words is None:
            if query.words is not None or not filters:
                return Q()  # words that hold nothing to search match nothing
            return Q(Q.OP_SCALE_WEIGHT, Q(Q.OP_AND, filters), 0.0)
        return Q(Q.OP_FILTER, words, Q(Q.OP_AND, filters)) if filters else words

    def node(self, node: t.Node) -> Any:
        """The Xapian query of a node; None for what holds nothing to search (Nothing)."""
        Q = self.xapian.Query
        compiled: Any
        if isinstance(node, t.Nothing):
            return None
        if isinstance(node, t.Every):
            compiled = Q.MatchAll
        elif isinstance(node, t.DateRange):
            compiled = _date_range(Q, node.start, node.end)
        elif isinstance(node, t.Word):
            compiled = self._word(node)
        elif isinstance(node, t.Term):
            compiled = self._weighed(node.field, Q(term(node.field, node.text)))
        elif isinstance(node, t.Phrase):
            compiled = self._phrase(node)
        elif isinstance(node, (t.Prefix, t.Wildcard, t.TermRange)):
            words = expand(self.database, node)
            # Any of the words, weighed as one term (Whoosh scores a pattern as a constant).
            synonyms = (
                Q(Q.OP_SYNONYM, [Q(term(node.field, word)) for word in words]) if words else Q()
            )
            compiled = self._weighed(node.field, synonyms)
        elif isinstance(node, t.Not):
            inner = self.node(node.child)
            compiled = Q(Q.OP_AND_NOT, Q.MatchAll, inner) if inner is not None else None
        elif isinstance(node, t.AndNot):
            positive, negative = self.node(node.positive), self.node(node.negative)
            compiled = (
                positive
                if positive is None or negative is None
                else Q(Q.OP_AND_NOT, positive, negative)
            )
        elif isinstance(node, t.AndMaybe):
            required, optional = self.node(node.required), self.node(node.optional)
            compiled = (
                required
                if required is None or optional is None
                else Q(Q.OP_AND_MAYBE, required, optional)
            )
        elif isinstance(node, t.And):
            compiled = self._and(node.children)
        elif isinstance(node, t.Or):
            parts = [part for part in map(self.node, node.children) if part is not None]
            compiled = Q(Q.OP_OR, parts) if parts else None
        else:
            raise TypeError(f"not a query tree node: {node!r}")
        boost = getattr(node, "boost", 1.0)
        if compiled is not None and boost != 1.0:
            compiled = Q(Q.OP_SCALE_WEIGHT, compiled, boost)
        return compiled

    def _and(self, children: tuple[t.Node, ...]) -> Any:
        Q = self.xapian.Query
        positive, negative = [], []
        for child in children:
            if isinstance(child, t.Not):
                excluded = self.node(child.child)
                if excluded is not None:
                    negative.append(excluded)
                continue
            compiled = self.node(child)
            if compiled is not None:
                positive.append(compiled)
        if not positive:
            return Q(Q.OP_AND_NOT, Q.MatchAll, Q(Q.OP_OR, negative)) if negative else None
        result = positive[0] if len(positive) == 1 else Q(Q.OP_AND, positive)
        return Q(Q.OP_AND_NOT, result, Q(Q.OP_OR, negative)) if negative else result

    def _word(self, node: t.Word) -> Any:
        Q = self.xapian.Query
        boosts = self.boosts
        weighed = [
            (field, Q(Q.OP_SCALE_WEIGHT, Q(term(field, text)), boosts.get(field, 1.0) * weight))
            for field, text, weight in word_terms(node)
        ]
        parts = [query for _, query in weighed]
        stemmed = [query for field, query in weighed if field != t.EXACT_FIELD]
        if node.stem_excludes and stemmed:
            # As on Whoosh: an article holding another word of the same stem counts
            # through the exact forms only.
            excluded = Q(Q.OP_OR, [Q(term(t.EXACT_FIELD, text)) for text in node.stem_excludes])
            parts = [query for field, query in weighed if field == t.EXACT_FIELD]
            parts.append(Q(Q.OP_AND_NOT, Q(Q.OP_OR, stemmed), excluded))
        return parts[0] if len(parts) == 1 else Q(Q.OP_OR, parts)

    def _weighed(self, field: str, query: Any) -> Any:
        Q = self.xapian.Query
        if field in FILTER_FIELDS:
            return Q(Q.OP_SCALE_WEIGHT, query, 0.0)
        return query

    def _phrase(self, node: t.Phrase) -> Any:
        Q = self.xapian.Query
        if node.field not in POSITIONAL_FIELDS:
            return None  # no positions in this field (as on Whoosh)
        words = list(node.words)  # as the field holds them (the Whoosh engine's rule)
        if len(words) == 1:
            return self._weighed(node.field, Q(term(node.field, words[0])))
        # Whoosh's slop 1: the words side by side and in order; slop n lets n-1 more between.
        window = len(words) + max(0, int(node.slop) - 1)
        phrase = Q(Q.OP_PHRASE, [Q(term(node.field, word)) for word in words], window)
        return self._weighed(node.field, phrase)


def word_terms(node: t.Word) -> list[tuple[str, str, float]]:
    """(field, term, weight relative to the word's own) of each term a Word looks for."""
    return node.terms()


def _date_range(Q: Any, start: dt.date | None, end: dt.date | None) -> Any:
    low = start.isoformat() if start else None
    high = end.isoformat() if end else None
    if low and high:
        return Q(Q.OP_VALUE_RANGE, SLOT_DAY, low, high)
    if low:
        return Q(Q.OP_VALUE_GE, SLOT_DAY, low)
    if high:
        return Q(Q.OP_VALUE_LE, SLOT_DAY, high)
    return Q(Q.OP_VALUE_GE, SLOT_DAY, "")  # any dated article


# -- reading --------------------------------------------------------------------------


class XapianReader(Reader):
    """One state of the index (the shards combined), read until closed. Xapian errors
    leave as ArchiveError; a down shard as ShardUnreachable naming it."""

    def __init__(self, engine: XapianEngine) -> None:
        self.engine = engine
        self.xapian = import_xapian()
        self.database = engine.location.open_reader()

    def _run(self, use: Callable[[Any], Any]) -> Any:
        for attempt in range(3):
            try:
                return use(self.database)
            except self.xapian.DatabaseModifiedError:
                # A writer committed twice while this read: go on from its latest commit.
                if attempt == 2:
                    raise self.engine.location.translate(
                        RuntimeError("the index keeps changing")
                    ) from None
                self.database.reopen()
            except self.xapian.Error as exc:
                raise self.engine.location.translate(exc) from None
        raise AssertionError("unreachable")

    def _enquire(self, database: Any, query: Any, sort: str) -> Any:
        if sort not in SORT_ORDERS:
            raise QueryError(f"unknown sort order {sort!r}", hint="use " + ", ".join(SORT_ORDERS))
        enquire = self.xapian.Enquire(database)
        enquire.set_query(query)
        enquire.set_weighting_scheme(weighting())
        if sort == "newest":  # undated articles have no value: last in descending order
            enquire.set_sort_by_value_then_relevance(SLOT_DAY, True)
        elif sort == "oldest":
            enquire.set_sort_by_value_then_relevance(SLOT_DAY_ASCENDING, False)
        return enquire

    def search(
        self,
        query: t.Query,
        *,
        limit: int | None = 10,
        sort: str = "relevance",
        collapse: bool = False,
    ) -> Results:
        def run(database: Any) -> Results:
            compiled = QueryCompiler(database, query.any_word).compile(query)
            enquire = self._enquire(database, compiled, sort)
            everything = max(1, database.get_doccount())
            spy = None
            if collapse:
                enquire.set_collapse_key(SLOT_STORY, 1)
                spy = self.xapian.ValueCountMatchSpy(SLOT_STORY)
                enquire.add_matchspy(spy)
            if limit is None or spy is not None:
                mset = enquire.get_mset(0, everything if limit is None else limit, everything)
                total = mset.get_matches_estimated()
            else:
                # The top hits ranked, Xapian free to skip documents that cannot reach them;
                # the exact count apart, unweighted: weighing every match to count it cost
                # 2.3× as much (ANT, 10,000 articles: 0.71 against 0.31 ms a query).
                mset = enquire.get_mset(0, limit)
                total = mset.get_matches_estimated()
                if mset.get_matches_lower_bound() != mset.get_matches_upper_bound():
                    total = self._count(database, compiled)
            stories = None
            if spy is not None:
                counts = [item.termfreq for item in spy.values()]
                total, stories = sum(counts), len(counts)
            found = []
            for item in mset:
                entry = IndexEntry.from_data(item.document.get_data())
                found.append(Found(entry.id, entry.path, float(item.weight), entry.story))
            return Results(tuple(found), total, stories)

        return self._run(run)

    def _count(self, database: Any, compiled: Any) -> int:
        """How many documents a compiled query matches, exactly."""
        enquire = self.xapian.Enquire(database)
        enquire.set_query(compiled)
        enquire.set_weighting_scheme(self.xapian.BoolWeight())
        return int(enquire.get_mset(0, 0, max(1, database.get_doccount())).get_matches_estimated())

    def months(self, query: t.Query) -> tuple[int, dict[str, int]]:
        def run(database: Any) -> tuple[int, dict[str, int]]:
            enquire = self.xapian.Enquire(database)
            enquire.set_query(QueryCompiler(database, query.any_word).compile(query))
            enquire.set_weighting_scheme(self.xapian.BoolWeight())
            spy = self.xapian.ValueCountMatchSpy(SLOT_MONTH)
            enquire.add_matchspy(spy)
            mset = enquire.get_mset(0, 0, max(1, database.get_doccount()))
            months = {item.term.decode("utf-8"): item.termfreq for item in spy.values()}
            return mset.get_matches_estimated(), dict(sorted(months.items()))

        return self._run(run)

    def terms(self, field: str) -> Iterator[str]:
        prefix = FIELD_PREFIXES[field]
        words = self._run(
            lambda database: [
                item.term.decode("utf-8")[len(prefix) :] for item in database.allterms(prefix)
            ]
        )
        return iter(words)

    def doc_frequency(self, field: str, term_text: str) -> int:
        return int(self._run(lambda database: database.get_termfreq(term(field, term_text))))

    def expand(
        self, pattern: t.Prefix | t.Wildcard | t.TermRange, limit: int | None = MAX_EXPANSIONS
    ) -> list[str]:
        return self._run(lambda database: expand(database, pattern, limit))

    def doc_count(self) -> int:
        return int(self._run(lambda database: database.get_doccount()))

    def _first(self, field: str, value: str) -> IndexEntry | None:
        def run(database: Any) -> IndexEntry | None:
            for item in database.postlist(term(field, value)):
                return IndexEntry.from_data(database.get_document(item.docid).get_data())
            return None

        return self._run(run)

    def has_id(self, article_id: str) -> bool:
        return bool(self._run(lambda database: database.term_exists(term("id", article_id))))

    def has_hash(self, content_hash: str) -> bool:
        return bool(self._run(lambda database: database.term_exists(term("hash", content_hash))))

    def id_for_hash(self, content_hash: str) -> str | None:
        entry = self._first("hash", content_hash)
        return entry.id if entry else None

    def path_of(self, article_id: str) -> str | None:
        entry = self._first("id", article_id)
        return entry.path if entry else None

    def story_copies(self, story: str, except_id: str) -> tuple[StoryCopy, ...]:
        from newsarc.model import StoryCopy

        def run(database: Any) -> list[IndexEntry]:
            if database.get_termfreq(term("story", story)) < 2:
                return []
            return [
                IndexEntry.from_data(database.get_document(item.docid).get_data())
                for item in database.postlist(term("story", story))
            ]

        copies = [
            StoryCopy(entry.id, entry.source, entry.date)
            for entry in self._run(run)
            if entry.id != except_id
        ]
        return tuple(sorted(copies, key=lambda c: (c.date is None, c.date or dt.date.min, c.id)))

    def sketches(self) -> Iterator[tuple[Sketch, str, str]]:
        from newsarc import dedup

        def run(database: Any) -> list[tuple[Sketch, str, str]]:
            found = []
            for item in database.valuestream(SLOT_SKETCH):
                text, article_id, story = item.value.decode("utf-8").split(" ")
                found.append((dedup.Sketch.from_text(text), article_id, story))
            return found

        return iter(self._run(run))

    def source_days(self) -> dict[str | None, dict[str | None, int]]:
        """Counted by the shards themselves (a match spy), without fetching any document."""

        def run(database: Any) -> dict[str | None, dict[str | None, int]]:
            enquire = self.xapian.Enquire(database)
            enquire.set_query(self.xapian.Query.MatchAll)
            enquire.set_weighting_scheme(self.xapian.BoolWeight())
            spy = self.xapian.ValueCountMatchSpy(SLOT_SOURCE_DAY)
            enquire.add_matchspy(spy)
            enquire.get_mset(0, 0, max(1, database.get_doccount()))
            counts: dict[str | None, dict[str | None, int]] = {}
            for item in spy.values():
                name, _, day = item.term.decode("utf-8").rpartition("\t")
                counts.setdefault(name or None, {})[day or None] = item.termfreq
            return counts

        return self._run(run)

    def entries(self) -> dict[str, str]:
        def run(database: Any) -> dict[str, str]:
            found: dict[str, str] = {}
            enquire = self.xapian.Enquire(database)
            enquire.set_query(self.xapian.Query.MatchAll)
            enquire.set_weighting_scheme(self.xapian.BoolWeight())
            step, start = 10_000, 0
            while True:
                mset = enquire.get_mset(start, step)
                mset.fetch()
                for item in mset:
                    entry = IndexEntry.from_data(item.document.get_data())
                    found[entry.id] = entry.path
                if mset.size() < step:
                    return found
                start += step

        return self._run(run)

    def verify(self) -> None:
        """Read every term list a search or `check` uses: a damaged table fails here."""

        def run(database: Any) -> None:
            for field in ("id", "hash", "source_name", "day", "story"):
                for item in database.allterms(FIELD_PREFIXES[field]):
                    for _ in database.postlist(item.term):
                        pass
            if self.engine.location.directory is not None:
                self.xapian.Database.check(str(self.engine.location.directory), 0)

        self._run(run)

    def state(self) -> str | None:
        # Each build (reindex) has its token, and every commit writes a new one on every
        # shard (COMMIT_KEY): read from this reader's database, they name what it reads.
        commit = self._run(lambda database: database.get_metadata(COMMIT_KEY))
        if not self.engine.build or not commit:
            return None
        return f"xapian {self.engine.build} {commit.decode('ascii', 'replace')}"

    def close(self) -> None:
        try:
            self.database.close()
        except Exception:
            pass


# -- the engine -----------------------------------------------------------------------


class XapianEngine(Engine):
    """An archive's index on Xapian: its generation directory holds CONFIG_FILE and, for a
    local index, the database in DATABASE_DIR; a sharded one names its shards there."""

    name: ClassVar[str] = "xapian"
    #: Where `create` puts a new index: these shard servers, or (none) a local database.
    SHARDS: ClassVar[tuple[ShardAddress, ...]] = ()

    def __init__(
        self,
        location: Location,
        build: str,
        directory: Path | None,
        fresh: bool = False,
        compacted_bytes: int = 0,
    ) -> None:
        self.location = location
        self.build = build
        self.directory = directory
        self.fresh = fresh  # created in this process and never committed: a new build
        self.compacted_bytes = compacted_bytes  # its size when last compacted (0: never)

    @classmethod
    def exists(cls, directory: Path) -> bool:
        return (directory / CONFIG_FILE).is_file()

    @classmethod
    def create(cls, directory: Path, shards: Iterable[ShardAddress] | None = None) -> XapianEngine:
        """A new index in `directory`: a local database, or a new build on `shards` (every
        shard must answer; their documents are replaced by this build's at its first
        commit)."""
        xapian = import_xapian()
        shards = tuple(cls.SHARDS if shards is None else shards)
        directory.mkdir(parents=True, exist_ok=True)
        build = secrets.token_hex(6)
        if shards:
            location = Location(shards=shards)
            for database in location.open_writers():  # do they all answer, writable?
                database.close()
        else:
            location = Location(directory=directory / DATABASE_DIR)
            xapian.WritableDatabase(str(location.directory), xapian.DB_CREATE_OR_OPEN).close()
        _write_config(directory, build, shards)
        return cls(location, build, directory, fresh=True)

    @classmethod
    def open(cls, directory: Path) -> XapianEngine:
        import_xapian()
        hint = "run `newsarc reindex` to rebuild it from corpus/"
        try:
            config = json.loads((directory / CONFIG_FILE).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ArchiveError(f"no Xapian index in {directory}", hint=hint) from None
        except (OSError, ValueError) as exc:
            raise ArchiveError(
                f"the Xapian index settings {directory / CONFIG_FILE} cannot be read ({exc})",
                hint=hint,
            ) from None
        if not isinstance(config, dict) or config.get("engine") != cls.name:
            raise ArchiveError(f"{directory / CONFIG_FILE} is damaged", hint=hint)
        if (config.get("schema"), config.get("analyzer")) != (XAPIAN_SCHEMA, ANALYZER_VERSION):
            raise ArchiveError(
                "the Xapian index was built by another version of newsarc (schema "
                f"{config.get('schema')}, analyzer {config.get('analyzer')}; this one uses "
                f"{XAPIAN_SCHEMA}, {ANALYZER_VERSION})",
                hint=hint,
            )
        shards = tuple(ShardAddress.parse(text) for text in config.get("shards") or ())
        location = (
            Location(shards=shards) if shards else Location(directory=directory / DATABASE_DIR)
        )
        compacted = config.get("compacted_bytes")
        return cls(
            location,
            str(config.get("build", "")),
            directory,
            compacted_bytes=compacted if isinstance(compacted, int) else 0,
        )

    @classmethod
    def empty(cls) -> XapianEngine:
        return cls(Location(), "", None)

    def shards(self) -> tuple[ShardAddress, ...]:
        return self.location.shards

    def compact_into(self, directory: Path) -> bool:
        """A local index twice the size it had when last compacted (and past
        COMPACT_FROM_BYTES) is copied compacted into `directory`: windows committed one
        after another leave Xapian's B-tree blocks part full (ANT, 9,814 articles in
        2,000-article windows: 88 MB, 39 MB compacted). Shards are compacted on their
        servers (README)."""
        source_dir = self.location.directory
        if source_dir is None:
            return False
        size = _bytes_under(source_dir)
        if size < max(COMPACT_FROM_BYTES, COMPACT_WHEN_GROWN * self.compacted_bytes):
            return False
        xapian = import_xapian()
        directory.mkdir(parents=True, exist_ok=True)
        target = directory / DATABASE_DIR
        try:
            source = xapian.Database(str(source_dir))
            try:
                # Document ids kept: nothing outside the index names them, but nothing
                # gains from renumbering either.
                source.compact(str(target), xapian.DBCOMPACT_NO_RENUMBER)
            finally:
                source.close()
        except xapian.Error as exc:
            raise self.location.translate(exc) from None
        _write_config(directory, self.build, (), compacted_bytes=_bytes_under(target))
        return True

    def generation(self) -> int:
        xapian = import_xapian()
        try:
            database = self.location.open_reader()
            try:
                if self.location.directory is not None:
                    return int(database.get_revision())
                # Every commit writes the same token to every shard; the combined database
                # reads metadata from the first.
                return int(database.get_metadata(COMMIT_KEY) or b"0", 16)
            finally:
                database.close()
        except xapian.Error as exc:
            raise self.location.translate(exc) from None

    def reader(self) -> XapianReader:
        return XapianReader(self)

    def transaction(self, *, procs: int = 1) -> Transaction:
        """procs > 1: analysis and indexing in a child process (ForkedTransaction), beside
        this one's reading and corpus writes; Xapian itself has one writer per database."""
        from newsarc.engine.procs import can_write_in_parallel

        if procs > 1 and not self.location.is_empty and can_write_in_parallel():
            return ForkedTransaction(self)
        return XapianTransaction(self)


def _write_config(
    directory: Path, build: str, shards: Iterable[ShardAddress], compacted_bytes: int = 0
) -> None:
    config: dict[str, object] = {
        "engine": XapianEngine.name,
        "schema": XAPIAN_SCHEMA,
        "analyzer": ANALYZER_VERSION,
        "build": build,
        "shards": [str(address) for address in shards],
    }
    if compacted_bytes:
        config["compacted_bytes"] = compacted_bytes
    # Written last: a directory without it is no index (a crash half-way leaves none).
    atomic_write(directory / CONFIG_FILE, (json.dumps(config, indent=1) + "\n").encode("utf-8"))


def _bytes_under(directory: Path) -> int:
    return sum(path.stat().st_size for path in directory.iterdir() if path.is_file())


def xapian_engine_on(shards: Iterable[str]) -> type[XapianEngine]:
    """The engine class that creates its indexes on these shards (none: a local
    database). Opening an index reads its shards from the index itself."""
    addresses = tuple(ShardAddress.parse(text) for text in shards)
    if not addresses:
        return XapianEngine
    return type("ShardedXapianEngine", (XapianEngine,), {"SHARDS": addresses})
