"""The parsed query: plain data that every engine compiles into its own queries.

`newsarc.query.parse` turns what the user typed into a `Query`; an engine
(`newsarc.engine.base.Engine`) runs it; `newsarc.query.highlight` and
`newsarc.query.explain` read it. Nothing here knows a search engine.

Terms are already analyzed: `Word.exact` is the normalized form (the `exact` field),
`Word.stemmed` the light stem (the `title` and `body` fields; None with --exact).
Field names are the index's (newsarc.engine.schema): `title`, `body`, `exact` (article
text), `source`, `source_slug`, `place`, `story`, `id`, `hash`, `day`, `sketch`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Union

#: Fields a query may name with `field:`; the rest are internal.
QUERY_FIELDS = ("title", "source", "place")
EXACT_FIELD = "exact"  # normalized, unstemmed: title and text
STEMMED_FIELDS = ("title", "body")
BODY_FIELDS = ("title", "body", EXACT_FIELD)
#: Fields with word positions, where a "phrase" can match (`body` has none).
PHRASE_FIELDS = ("title", EXACT_FIELD)
#: Fields that only narrow a search: a query made of these alone lists articles by date.
FILTER_FIELDS = frozenset({"source", "source_slug", "place"})


@dataclass(frozen=True)
class Variant:
    """A spelling of a word the archive holds (newsarc.variants): searched with
    VARIANT_BOOST; `stemmed` None when only the exact field looks for it."""

    exact: str
    stemmed: str | None = None


@dataclass(frozen=True)
class Word:
    """One query word, searched in every text field: `exact` in `exact`, `stemmed` in
    `title` and `body` (None: --exact, the exact field only)."""

    exact: str
    stemmed: str | None = None
    variants: tuple[Variant, ...] = ()
    boost: float = 1.0


@dataclass(frozen=True)
class Term:
    """One analyzed term in one named field: `source:العرب`, `title:ترامب`, `place:دبي`."""

    field: str
    text: str
    boost: float = 1.0


@dataclass(frozen=True)
class Phrase:
    """Words in this order (each normalized, unstemmed) in one field with positions."""

    field: str
    words: tuple[str, ...]
    slop: int = 1
    boost: float = 1.0


@dataclass(frozen=True)
class Prefix:
    """Words of `field` starting with `text` (normalized): `الباغوز*`."""

    field: str
    text: str
    boost: float = 1.0


@dataclass(frozen=True)
class Wildcard:
    """Words of `field` matching a pattern of `*` and `?` (never at its start)."""

    field: str
    pattern: str
    boost: float = 1.0


@dataclass(frozen=True)
class TermRange:
    """Words of `field` from `start` to `end` in lexicon order (`title:[a TO b]`); None: open."""

    field: str
    start: str | None
    end: str | None
    start_excluded: bool = False
    end_excluded: bool = False
    boost: float = 1.0


@dataclass(frozen=True)
class DateRange:
    """Articles dated from `start` through `end`, inclusive; None: open."""

    start: dt.date | None
    end: dt.date | None


@dataclass(frozen=True)
class Every:
    """Every article (`*` alone)."""

    boost: float = 1.0


@dataclass(frozen=True)
class Nothing:
    """Matches nothing: a stopword, a dropped question word, a phrase in a field without
    positions. Kept in the tree (explain shows the query as parsed); engines drop it."""


@dataclass(frozen=True)
class And:
    children: tuple[Node, ...]
    boost: float = 1.0


@dataclass(frozen=True)
class Or:
    children: tuple[Node, ...]
    boost: float = 1.0
    #: Articles matching more children rank higher (--any); 0: plain sum of scores.
    coordination: float = 0.0


@dataclass(frozen=True)
class Not:
    """Excludes what `child` matches (inside an And)."""

    child: Node
    boost: float = 1.0


@dataclass(frozen=True)
class AndNot:
    positive: Node
    negative: Node
    boost: float = 1.0


@dataclass(frozen=True)
class AndMaybe:
    """`required ANDMAYBE optional`: the optional part only adds to the score."""

    required: Node
    optional: Node
    boost: float = 1.0


Node = Union[Word, Term, Phrase, Prefix, Wildcard, TermRange, DateRange, Every, Nothing, And, Or, Not, AndNot, AndMaybe]
LEAVES = (Word, Term, Phrase, Prefix, Wildcard, TermRange, DateRange, Every, Nothing)


@dataclass(frozen=True)
class Query:
    """A search: the tree, how its words combine and rank, and its filters.

    any_word: the query's words are OR-ed (Or.coordination set) and ranked with the
    any-word field weights; exact: words carry no stems. `words` False: filters only
    (source, place, dates): list by date. start/end: the date filter already in `root`.
    """

    root: Node
    words: bool = True
    any_word: bool = False
    exact: bool = False
    start: dt.date | None = None
    end: dt.date | None = None
    text: str = field(default="", compare=False)


def children(node: Node) -> tuple[Node, ...]:
    """The direct sub-nodes of a node (none for a leaf)."""
    if isinstance(node, (And, Or)):
        return node.children
    if isinstance(node, Not):
        return (node.child,)
    if isinstance(node, AndNot):
        return (node.positive, node.negative)
    if isinstance(node, AndMaybe):
        return (node.required, node.optional)
    return ()


def positive_leaves(node: Node):  # type: ignore[no-untyped-def]
    """The leaves that make an article match, leaving out negated parts."""
    if isinstance(node, Not):
        return
    if isinstance(node, AndNot):
        yield from positive_leaves(node.positive)
        return
    if isinstance(node, LEAVES):
        yield node
        return
    for child in children(node):
        yield from positive_leaves(child)
