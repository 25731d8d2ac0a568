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

#: Fields a query may name with `field:`; the rest are internal.
QUERY_FIELDS = ("title", "source", "place")
EXACT_FIELD = "exact"  # normalized, unstemmed: title and text
STEMMED_FIELDS = ("title", "body")
BODY_FIELDS = ("title", "body", EXACT_FIELD)
#: Fields with word positions, where a "phrase" can match. `body` (stemmed) has none: its
#: positions cost 13% of the index and 18% of the time to build it (bench/), and phrases
#: belong to the exact, unstemmed words (docs/ARCHITECTURE.md).
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
    """One query word, searched in each of `fields`: `exact` in `exact`, `stemmed` in
    `title` and `body` (--exact: the exact field only, no stem). Each field is weighted
    as newsarc.query.ranking says; variants at VARIANT_BOOST of that."""

    exact: str
    stemmed: str | None = None
    fields: tuple[str, ...] = BODY_FIELDS
    variants: tuple[Variant, ...] = ()
    boost: float = 1.0

    def terms(self) -> list[tuple[str, str, bool]]:
        """(field, term, is a variant) of everything the word looks for, in order: its
        own terms, then each variant's in each field, each (field, term) once."""
        own = [
            (name, self.exact if name == EXACT_FIELD else self.stemmed or "")
            for name in self.fields
        ]
        seen = set(own)
        found = [(name, text, False) for name, text in own]
        for variant in self.variants:
            for name in self.fields:
                if name != EXACT_FIELD and variant.stemmed is None:
                    continue
                text = variant.exact if name == EXACT_FIELD else variant.stemmed or ""
                if (name, text) not in seen:
                    seen.add((name, text))
                    found.append((name, text, True))
        return found


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


Node = (
    Word | Term | Phrase | Prefix | Wildcard | TermRange | DateRange | Every | Nothing
    | And | Or | Not | AndNot | AndMaybe
)
LEAVES = (Word, Term, Phrase, Prefix, Wildcard, TermRange, DateRange, Every, Nothing)


@dataclass(frozen=True)
class Query:
    """A search: the user's words (None: filters only), how they combine and rank, and
    the filters that narrow them.

    any_word: the words are OR-ed and ranked with the any-word field weights (the root
    Or's coordination is set); exact: words carry no stems. words_only_filter: the words
    are only `source:`/`place:` terms, so results list by date. source_slug, start, end:
    --source and the intersection of `date:`, --since, --until (inclusive; None: open).
    """

    words: Node | None
    any_word: bool = False
    exact: bool = False
    source_slug: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    words_only_filter: bool = False
    text: str = field(default="", compare=False)

    @property
    def ranked(self) -> bool:
        """Has words to rank by (else: list by date)."""
        return self.words is not None and not self.words_only_filter


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


def positive_leaves(node: Node):
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
