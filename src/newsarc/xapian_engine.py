"""The archive's index on Xapian: one local database, or shards behind `xapian-tcpsrv`.

Xapian never analyzes anything here. Documents are made of newsarc's own terms (the
analysis chain of `normalize`, `stem` and `stopwords`, word for word what the Whoosh
index holds), each field's terms under a prefix of their own, with the same positions, so
a query matches the same articles on either engine. Queries are compiled from the query
tree `newsarc.search` builds; wildcards are expanded from Xapian's lexicon under the same
cap as on Whoosh.

What each field becomes (Whoosh field → Xapian):

| Whoosh | Xapian | how |
|---|---|---|
| `exact` (title + text) | `XE` + word | positions (phrases), counted in BM25 |
| `body` (stemmed text) | `XB` + stem | frequency only, as in Whoosh |
| `title` (stemmed) | `XT` + stem | positions |
| `source`, `place` (words) | `XS`, `XP` + word | positions, weight 0: filters |
| `source_slug`, `source_name` | `XG`, `XN` + name | boolean terms |
| `id`, `hash`, `story`, `day` | `Q`, `H`, `G`, `D` + value | boolean terms |
| `date` | value slots | ranges and sorting |
| stored `path`, `source_name`, `story`, `date`, sketch | document data | JSON |

Sharding: an article lives on shard `shard_of(id, count)`, a stable hash of its id, so
the shard count fixes where every article is. Reads combine the shards into one
`xapian.Database`; Xapian merges their statistics, so scores are those of one database.
A shard that cannot be reached is a `ShardUnreachable` naming it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import EllipsisType
from typing import TYPE_CHECKING, Any

from newsarc.errors import ArchiveError, QueryError

if TYPE_CHECKING:
    import xapian

    from newsarc.dedup import Sketch
    from newsarc.model import Article

INSTALL_HINT = "install the Xapian extra: pip install 'newsarc[xapian]'"
SHARD_SCHEME = "xapian+tcp://"

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
SLOT_SOURCE_YEAR = 4  # "<source name>\t<year or 'undated'>": stats
SLOT_SKETCH = 5  # dedup sketch "<sketch> <id> <story>": near-duplicates at add
_UNDATED_LAST = "~"  # sorts after every digit


def article_document(
    article: Article, path: str, sketch: Sketch | None | EllipsisType = ...
) -> xapian.Document:
    """The Xapian document of an article (see the table in the module docstring)."""
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
    year = "undated"
    if article.date:
        day = article.date.isoformat()
        year = day[:4]
        document.add_boolean_term(term("day", day))
        document.add_value(SLOT_DAY, day)
        document.add_value(SLOT_MONTH, day[:7])
    document.add_value(
        SLOT_DAY_ASCENDING, article.date.isoformat() if article.date else _UNDATED_LAST
    )
    document.add_value(SLOT_STORY, article.story_id)
    document.add_value(SLOT_SOURCE_YEAR, f"{article.source or ''}\t{year}")
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


class ShardUnreachable(ArchiveError):
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


def import_xapian():  # type: ignore[no-untyped-def]
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
        if (self.directory is None) == (not self.shards):
            raise ValueError("a Xapian index is a directory or shards, not both or neither")

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
        combined = xapian.Database()
        for address in self.shards:
            combined.add_database(self._remote(address, writable=False))
        return combined

    def open_writers(self) -> list[xapian.WritableDatabase]:
        """One writable database per shard (one in all for a directory), in shard order."""
        xapian = import_xapian()
        if self.directory is not None:
            try:
                return [xapian.WritableDatabase(str(self.directory), xapian.DB_CREATE_OR_OPEN)]
            except xapian.DatabaseLockError:
                raise ArchiveError(
                    f"the Xapian index in {self.directory} is locked by another writer",
                    hint="wait for the other `add` or `reindex` to finish",
                ) from None
            except xapian.Error as exc:
                raise ArchiveError(
                    f"the Xapian index in {self.directory} cannot be written ({_describe(exc)})",
                    hint="run `newsarc reindex` to rebuild it from corpus/",
                ) from None
        return [self._remote(address, writable=True) for address in self.shards]

    def _remote(self, address: ShardAddress, *, writable: bool):  # type: ignore[no-untyped-def]
        xapian = import_xapian()
        timeout_ms, connect_ms = int(ANSWER_TIMEOUT * 1000), int(CONNECT_TIMEOUT * 1000)
        try:
            if writable:
                return xapian.remote_open_writable(
                    address.host, address.port, timeout_ms, connect_ms
                )
            return xapian.remote_open(address.host, address.port, timeout_ms, connect_ms)
        except xapian.DatabaseLockError:
            raise ArchiveError(
                f"Xapian shard {address} is being written by another client",
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
                self._remote(address, writable=False).get_doccount()
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


class ShardedWriter:
    """Adds and deletes articles in a window of changes that commits or cancels as one,
    on every shard. Each shard's window is a Xapian transaction; a crash between shards'
    commits leaves some shards with the window and some without, which `check --repair`
    sets right from corpus/ (the truth), as after a crash on Whoosh."""

    def __init__(self, location: Location) -> None:
        self.location = location
        self.databases = location.open_writers()
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

    def _database_for(self, article_id: str) -> xapian.WritableDatabase:
        return self.databases[shard_of(article_id, len(self.databases))]

    def add(self, article: Article, path: str, sketch: Sketch | None | EllipsisType = ...) -> None:
        """Index an article (replacing any entry with its id)."""
        document = article_document(article, path, sketch)
        self._call(
            self._database_for(article.id).replace_document, term("id", article.id), document
        )

    def delete(self, article_id: str) -> None:
        self._call(self._database_for(article_id).delete_document, term("id", article_id))

    def commit(self) -> None:
        """Make the window durable on every shard, then open the next window."""
        for database in self.databases:
            self._call(database.commit_transaction)
        self._begin()

    def cancel(self) -> None:
        """Drop the window on every shard that still answers, and let the shards go."""
        for database in self.databases:
            try:
                database.cancel_transaction()
            except Exception:
                pass  # a shard that is down has nothing of this window
        self.close()

    def close(self) -> None:
        for database in self.databases:
            try:
                database.close()
            except Exception:
                pass
        self.databases = []


# -- queries --------------------------------------------------------------------------

# How many words one pattern may stand for: the same cap as on Whoosh (search.MAX_EXPANSIONS).
from newsarc.search import MAX_EXPANSIONS  # noqa: E402

# BM25 as on Whoosh (BM25F(B=0.75, K1=1.2), whoosh.scoring): k1 and b the same; no
# query-term frequency effect (k3 irrelevant with one occurrence per term) and no
# document-length correction term (k2 = 0). min_normlen 0.5 (Xapian's default) keeps very
# short articles from outweighing long ones; Whoosh has no such floor.
BM25_K1, BM25_K2, BM25_K3, BM25_B, BM25_MIN_NORMLEN = 1.2, 0.0, 1.0, 0.75, 0.5


def weighting() -> xapian.Weight:
    xapian = import_xapian()
    return xapian.BM25Weight(BM25_K1, BM25_K2, BM25_K3, BM25_B, BM25_MIN_NORMLEN)


def expand_pattern(database: xapian.Database, fieldname: str, pattern: str) -> list[str]:
    """The words of `fieldname` a wildcard pattern (`*` any run, `?` one letter) stands for,
    from the lexicon; QueryError beyond MAX_EXPANSIONS words."""
    literal = re.split(r"[*?]", pattern, maxsplit=1)[0]
    whole = None if literal == pattern[:-1] and pattern.endswith("*") else _pattern_regex(pattern)
    prefix = FIELD_PREFIXES[fieldname]
    words: list[str] = []
    for item in database.allterms(prefix + literal):
        word = item.term.decode("utf-8")[len(prefix) :]
        if whole is not None and not whole.fullmatch(word):
            continue
        words.append(word)
        if len(words) > MAX_EXPANSIONS:
            hint = (
                "give more letters before the *"
                if whole is None
                else "give more letters before the first * or ?"
            )
            shown = pattern if len(pattern) <= 60 else pattern[:59] + "…"
            raise QueryError(
                f"{shown} matches more than {MAX_EXPANSIONS} different words", hint=hint
            )
    return words


def _pattern_regex(pattern: str) -> re.Pattern[str]:
    return re.compile(
        "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern), re.DOTALL
    )


def expand_range(
    database: xapian.Database,
    fieldname: str,
    start: str | None,
    end: str | None,
    start_excluded: bool = False,
    end_excluded: bool = False,
) -> list[str]:
    """The words of `fieldname` between start and end (UTF-8 byte order, as Whoosh's)."""
    prefix = FIELD_PREFIXES[fieldname]
    low = (start or "").encode("utf-8")
    high = end.encode("utf-8") if end is not None else None
    words: list[str] = []
    for item in database.allterms(prefix):
        raw = item.term[len(prefix) :]
        if raw < low or (start_excluded and raw == low):
            continue
        if high is not None and (raw > high or (end_excluded and raw == high)):
            break
        words.append(raw.decode("utf-8"))
        if len(words) > MAX_EXPANSIONS:
            raise QueryError(
                f"[{start} TO {end}] matches more than {MAX_EXPANSIONS} different words",
                hint="narrow it down",
            )
    return words


class QueryCompiler:
    """newsarc's query tree (as `search.build_query` makes it) → a xapian.Query, against one
    database (for wildcard expansion). `matched` collects, by field, the words the query
    looks for that the archive holds, outside negations: what highlights mark."""

    def __init__(self, database: xapian.Database) -> None:
        self.xapian = import_xapian()
        self.database = database
        self.matched: dict[str, set[str]] = {}

    def compile(self, node: Any) -> xapian.Query:
        return self._compile(node, negated=False) or self.xapian.Query()

    def _compile(self, node: Any, negated: bool) -> xapian.Query | None:
        from whoosh import query as wq

        Q = self.xapian.Query
        if node is wq.NullQuery or isinstance(node, type(wq.NullQuery)):
            return None
        compiled: xapian.Query | None
        if isinstance(node, wq.Every):
            compiled = Q.MatchAll
        elif isinstance(node, wq.DateRange):
            compiled = self._date_range(node)
        elif isinstance(node, wq.Term):
            compiled = self._word(node.fieldname, node.text, negated)
        elif isinstance(node, wq.Phrase):
            compiled = self._phrase(node, negated)
        elif isinstance(node, (wq.Prefix, wq.Wildcard)):
            pattern = node.text + "*" if isinstance(node, wq.Prefix) else node.text
            compiled = self._words(
                node.fieldname, expand_pattern(self.database, node.fieldname, pattern), negated
            )
        elif isinstance(node, wq.TermRange):
            words = expand_range(
                self.database, node.fieldname, node.start, node.end, node.startexcl, node.endexcl
            )
            compiled = self._words(node.fieldname, words, negated)
        elif isinstance(node, wq.Not):
            inner = self._compile(node.query, not negated)
            compiled = Q(Q.OP_AND_NOT, Q.MatchAll, inner) if inner is not None else Q.MatchAll
        elif isinstance(node, wq.AndNot):
            positive, negative = self._compile(node.a, negated), self._compile(node.b, not negated)
            compiled = (
                positive
                if positive is None or negative is None
                else Q(Q.OP_AND_NOT, positive, negative)
            )
        elif isinstance(node, wq.AndMaybe):
            required, optional = self._compile(node.a, negated), self._compile(node.b, negated)
            compiled = (
                required
                if required is None or optional is None
                else Q(Q.OP_AND_MAYBE, required, optional)
            )
        elif isinstance(node, wq.And):
            compiled = self._and(node.subqueries, negated)
        elif isinstance(node, (wq.Or, wq.DisjunctionMax)):
            children = [
                c
                for c in (self._compile(child, negated) for child in node.subqueries)
                if c is not None
            ]
            compiled = Q(Q.OP_OR, children) if children else None
        else:
            raise QueryError(
                f"the Xapian engine cannot run {type(node).__name__} queries",
                hint="rephrase the query",
            )
        boost = getattr(node, "boost", 1.0)
        if compiled is not None and boost != 1.0:
            compiled = Q(Q.OP_SCALE_WEIGHT, compiled, boost)
        return compiled

    def _and(self, subqueries: list[Any], negated: bool) -> xapian.Query | None:
        from whoosh import query as wq

        Q = self.xapian.Query
        positive, negative = [], []
        for child in subqueries:
            if isinstance(child, wq.Not):
                compiled = self._compile(child.query, not negated)
                if compiled is not None:
                    negative.append(compiled)
            else:
                compiled = self._compile(child, negated)
                if compiled is not None:  # (Whoosh's And leaves out what holds no word)
                    positive.append(compiled)
        if not positive:
            return None if not negative else Q(Q.OP_AND_NOT, Q.MatchAll, Q(Q.OP_OR, negative))
        result = positive[0] if len(positive) == 1 else Q(Q.OP_AND, positive)
        return Q(Q.OP_AND_NOT, result, Q(Q.OP_OR, negative)) if negative else result

    def _remember(self, fieldname: str, words: Iterable[str], negated: bool) -> None:
        if negated:
            return
        for word in words:
            if self.database.term_exists(term(fieldname, word)):
                self.matched.setdefault(fieldname, set()).add(word)

    def _word(self, fieldname: str, word: str, negated: bool) -> xapian.Query:
        Q = self.xapian.Query
        if fieldname not in FIELD_PREFIXES:
            raise QueryError(f"{fieldname}: cannot be searched by name")
        self._remember(fieldname, [word], negated)
        query = Q(term(fieldname, word))
        return self._weighed(fieldname, query)

    def _weighed(self, fieldname: str, query: xapian.Query) -> xapian.Query:
        Q = self.xapian.Query
        if fieldname in FILTER_FIELDS:
            return Q(Q.OP_SCALE_WEIGHT, query, 0.0)
        return query

    def _words(self, fieldname: str, words: list[str], negated: bool) -> xapian.Query:
        """Any of the words, weighed as one term (Whoosh gives a pattern a constant score)."""
        Q = self.xapian.Query
        self._remember(fieldname, words, negated)
        if not words:
            return Q()
        return self._weighed(
            fieldname, Q(Q.OP_SYNONYM, [Q(term(fieldname, word)) for word in words])
        )

    def _phrase(self, node: Any, negated: bool) -> xapian.Query:
        Q = self.xapian.Query
        if node.fieldname not in POSITIONAL_FIELDS:
            return Q()  # no positions in this field (Whoosh: the same, by search._route_wildcards)
        words = list(node.words)
        self._remember(node.fieldname, words, negated)
        if len(words) == 1:
            return self._weighed(node.fieldname, Q(term(node.fieldname, words[0])))
        # Whoosh's slop 1: the words side by side, in order; slop n allows n-1 more between.
        window = len(words) + max(0, int(node.slop) - 1)
        phrase = Q(Q.OP_PHRASE, [Q(term(node.fieldname, word)) for word in words], window)
        return self._weighed(node.fieldname, phrase)

    def _date_range(self, node: Any) -> xapian.Query:
        Q = self.xapian.Query
        start = node.startdate.date().isoformat() if node.startdate is not None else None
        end = node.enddate.date().isoformat() if node.enddate is not None else None
        if start and end:
            return Q(Q.OP_VALUE_RANGE, SLOT_DAY, start, end)
        if start:
            return Q(Q.OP_VALUE_GE, SLOT_DAY, start)
        if end:
            return Q(Q.OP_VALUE_LE, SLOT_DAY, end)
        return Q(Q.OP_VALUE_GE, SLOT_DAY, "")  # any dated article


# -- reading --------------------------------------------------------------------------

SORT_ORDERS = ("relevance", "newest", "oldest")


@dataclass(frozen=True)
class Page:
    """One page of a search: entries with their scores, best (or by date) first."""

    hits: tuple[tuple[IndexEntry, float], ...]
    total: int  # matching articles
    stories: int | None  # distinct stories among them (with collapse)
    matched: dict[str, set[str]]  # by field, the words looked for that the archive holds


class XapianIndex:
    """Reads and writes of one archive's Xapian index. Every Xapian error leaves as an
    ArchiveError (a down shard: ShardUnreachable naming it)."""

    def __init__(self, location: Location) -> None:
        self.location = location

    def _read(self, use: Callable[[xapian.Database], Any]) -> Any:
        xapian = import_xapian()
        try:
            database = self.location.open_reader()
            try:
                return use(database)
            finally:
                database.close()
        except xapian.DatabaseModifiedError:
            # A writer committed twice while this read: read again from the new revision.
            return self._read(use)
        except xapian.Error as exc:
            raise self.location.translate(exc) from None

    def writer(self) -> ShardedWriter:
        return ShardedWriter(self.location)

    def doc_count(self) -> int:
        return int(self._read(lambda database: database.get_doccount()))

    def doc_frequency(self, fieldname: str, word: str) -> int:
        return int(self._read(lambda database: database.get_termfreq(term(fieldname, word))))

    def search(
        self, tree: Any, *, limit: int | None = 10, order: str = "relevance", collapse: bool = False
    ) -> Page:
        """Run a query tree; `limit=None`: every match."""

        def run(database: xapian.Database) -> Page:
            xapian = import_xapian()
            compiler = QueryCompiler(database)
            enquire = self._enquire(database, compiler.compile(tree), order)
            everything = max(1, database.get_doccount())
            stories = None
            if collapse:
                enquire.set_collapse_key(SLOT_STORY, 1)
                spy = xapian.ValueCountMatchSpy(SLOT_STORY)
                enquire.add_matchspy(spy)
            mset = enquire.get_mset(0, everything if limit is None else limit, everything)
            total = mset.get_matches_estimated()
            if collapse:
                counts = [item.termfreq for item in spy.values()]
                total, stories = sum(counts), len(counts)
            hits = tuple(
                (IndexEntry.from_data(item.document.get_data()), float(item.weight))
                for item in mset
            )
            return Page(hits, total, stories, compiler.matched)

        return self._read(run)

    def _enquire(
        self, database: xapian.Database, query: xapian.Query, order: str
    ) -> xapian.Enquire:
        xapian = import_xapian()
        if order not in SORT_ORDERS:
            raise QueryError(f"unknown sort order {order!r}", hint="use " + ", ".join(SORT_ORDERS))
        enquire = xapian.Enquire(database)
        enquire.set_query(query)
        enquire.set_weighting_scheme(weighting())
        if order == "newest":  # undated articles have no value: last in descending order
            enquire.set_sort_by_value_then_relevance(SLOT_DAY, True)
        elif order == "oldest":
            enquire.set_sort_by_value_then_relevance(SLOT_DAY_ASCENDING, False)
        return enquire

    def months(self, tree: Any) -> tuple[int, dict[str, int]]:
        """(matching articles, how many of them per "YYYY-MM"), for timelines."""

        def run(database: xapian.Database) -> tuple[int, dict[str, int]]:
            xapian = import_xapian()
            enquire = xapian.Enquire(database)
            enquire.set_query(QueryCompiler(database).compile(tree))
            enquire.set_weighting_scheme(xapian.BoolWeight())
            spy = xapian.ValueCountMatchSpy(SLOT_MONTH)
            enquire.add_matchspy(spy)
            mset = enquire.get_mset(0, 0, max(1, database.get_doccount()))
            months = {item.term.decode("utf-8"): item.termfreq for item in spy.values()}
            return mset.get_matches_estimated(), months

        return self._read(run)

    def stats(self) -> tuple[int, dict[str | None, dict[str, int]], dict[str, int]]:
        """(articles, counts by source and year — None: no source —, articles per day),
        counted by the shards themselves (match spies), without fetching any document."""

        def run(
            database: xapian.Database,
        ) -> tuple[int, dict[str | None, dict[str, int]], dict[str, int]]:
            xapian = import_xapian()
            enquire = xapian.Enquire(database)
            enquire.set_query(xapian.Query.MatchAll)
            enquire.set_weighting_scheme(xapian.BoolWeight())
            by_source, by_day = (
                xapian.ValueCountMatchSpy(SLOT_SOURCE_YEAR),
                xapian.ValueCountMatchSpy(SLOT_DAY),
            )
            enquire.add_matchspy(by_source)
            enquire.add_matchspy(by_day)
            articles = database.get_doccount()
            enquire.get_mset(0, 0, max(1, articles))
            source_years: dict[str | None, dict[str, int]] = {}
            for item in by_source.values():
                name, _, year = item.term.decode("utf-8").rpartition("\t")
                source_years.setdefault(name or None, {})[year] = item.termfreq
            days = {item.term.decode("utf-8"): item.termfreq for item in by_day.values()}
            return articles, source_years, days

        return self._read(run)

    def entries(self) -> dict[str, str]:
        """Every indexed article's id and corpus path (for `check`)."""

        def run(database: xapian.Database) -> dict[str, str]:
            found: dict[str, str] = {}
            for entry in self._all_entries(database):
                found[entry.id] = entry.path
            return found

        return self._read(run)

    def _all_entries(self, database: xapian.Database) -> Iterator[IndexEntry]:
        xapian = import_xapian()
        enquire = xapian.Enquire(database)
        enquire.set_query(xapian.Query.MatchAll)
        enquire.set_weighting_scheme(xapian.BoolWeight())
        enquire.set_docid_order(xapian.Enquire.ASCENDING)
        step = 10_000
        start = 0
        while True:
            mset = enquire.get_mset(start, step)
            mset.fetch()
            for item in mset:
                yield IndexEntry.from_data(item.document.get_data())
            if mset.size() < step:
                return
            start += step

    def find(self, article_id: str) -> IndexEntry | None:
        """The entry of the article with this id, if indexed."""

        def run(database: xapian.Database) -> IndexEntry | None:
            for item in database.postlist(term("id", article_id)):
                return IndexEntry.from_data(database.get_document(item.docid).get_data())
            return None

        return self._read(run)

    def story(self, story: str) -> list[IndexEntry]:
        """Every article of a story."""

        def run(database: xapian.Database) -> list[IndexEntry]:
            return [
                IndexEntry.from_data(database.get_document(item.docid).get_data())
                for item in database.postlist(term("story", story))
            ]

        return self._read(run)

    def words(self, fieldname: str) -> list[str]:
        """The words of a field (e.g. every source name), from the lexicon."""
        prefix = FIELD_PREFIXES[fieldname]
        return self._read(
            lambda database: [
                item.term.decode("utf-8")[len(prefix) :] for item in database.allterms(prefix)
            ]
        )

    def sketches(self) -> list[tuple[Sketch, str, str]]:
        """(sketch, article id, story id) of every indexed article that has a sketch."""
        from newsarc import dedup

        def run(database: xapian.Database) -> list[tuple[Sketch, str, str]]:
            found = []
            for item in database.valuestream(SLOT_SKETCH):
                text, article_id, story = item.value.decode("utf-8").split(" ")
                found.append((dedup.Sketch.from_text(text), article_id, story))
            return found

        return self._read(run)
