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
from typing import Any, ClassVar, TypeVar

from newsarc.query.ranking import CLITIC_FORM_BOOST, VARIANT_BOOST

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


R = TypeVar("R", bound="Record")


class Record:
    """An immutable record: its fields are the class's annotations in order (defaults from
    the class), compared and hashed by type and value, shown as `Word(exact='…', …)`: what
    `@dataclass(frozen=True)` gives, without generating code at import (16 dataclasses
    cost ~8 ms of every `newsarc search` process). `replace(**changes)` makes a copy."""

    _fields: ClassVar[tuple[str, ...]] = ()
    _defaults: ClassVar[dict[str, Any]] = {}
    #: Fields left out of ==, hash and repr.
    _uncompared: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        annotations = cls.__dict__.get("__annotations__", {})
        names = tuple(name for name, kind in annotations.items() if "ClassVar" not in str(kind))
        cls._fields = names
        cls._defaults = {name: cls.__dict__[name] for name in names if name in cls.__dict__}
        type.__setattr__(cls, "__match_args__", names)  # (positional `case Word(...)` patterns)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        names = self._fields
        if len(args) > len(names):
            raise TypeError(f"{type(self).__name__}() takes {len(names)} arguments")
        values = dict(zip(names, args))
        for name, value in kwargs.items():
            if name not in names or name in values:
                raise TypeError(f"{type(self).__name__}() got an unexpected argument {name!r}")
            values[name] = value
        for name in names:
            if name not in values:
                if name not in self._defaults:
                    raise TypeError(f"{type(self).__name__}() needs {name!r}")
                values[name] = self._defaults[name]
            object.__setattr__(self, name, values[name])

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable: use .replace({name}=...)")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def _key(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self._fields if name not in self._uncompared)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash((self.__class__, self._key()))

    def __repr__(self) -> str:
        shown = ", ".join(
            f"{name}={getattr(self, name)!r}"
            for name in self._fields
            if name not in self._uncompared
        )
        return f"{type(self).__name__}({shown})"

    def replace(self: R, **changes: Any) -> R:
        values = {name: getattr(self, name) for name in self._fields}
        values.update(changes)
        return type(self)(**values)


class Variant(Record):
    """A spelling of a word the archive holds (newsarc.variants): searched with
    VARIANT_BOOST; `stemmed` None when only the exact field looks for it. `clitic`: the
    word itself with other proclitics (newsarc.query.clitic_forms), searched with
    CLITIC_FORM_BOOST."""

    exact: str
    stemmed: str | None = None
    clitic: bool = False

    @property
    def weight(self) -> float:
        """Its weight relative to the word as typed (newsarc.query.ranking)."""
        return CLITIC_FORM_BOOST if self.clitic else VARIANT_BOOST


class Word(Record):
    """One query word, searched in each of `fields`: `exact` in `exact`, `stemmed` in
    `title` and `body` (--exact: the exact field only, no stem). Each field is weighted
    as newsarc.query.ranking says; variants at their `weight` of that."""

    exact: str
    stemmed: str | None = None
    fields: tuple[str, ...] = BODY_FIELDS
    variants: tuple[Variant, ...] = ()
    boost: float = 1.0
    #: Other words that share the word's stem (newsarc.variants.other_words_of_stems:
    #: ``ورقه`` for ``الرقه``, ``حده`` for ``وحده``, ``هام`` for ``إلهام``, ``المنتجين`` for
    #: ``المنتجات``): an article holding one is found through the word's exact forms only,
    #: not through its stem, and they are not marked as the word.
    stem_excludes: tuple[str, ...] = ()

    def terms(self) -> list[tuple[str, str, float]]:
        """(field, term, weight relative to the word's own terms) of everything the word
        looks for, in order: its own terms (1.0), then each variant's in each field at
        the variant's weight, each (field, term) once."""
        own = [
            (name, self.exact if name == EXACT_FIELD else self.stemmed or "")
            for name in self.fields
        ]
        seen = set(own)
        found = [(name, text, 1.0) for name, text in own]
        for variant in self.variants:
            for name in self.fields:
                if name != EXACT_FIELD and variant.stemmed is None:
                    continue
                text = variant.exact if name == EXACT_FIELD else variant.stemmed or ""
                if (name, text) not in seen:
                    seen.add((name, text))
                    found.append((name, text, variant.weight))
        return found


class Term(Record):
    """One analyzed term in one named field: `source:العرب`, `title:ترامب`, `place:دبي`."""

    field: str
    text: str
    boost: float = 1.0


class Phrase(Record):
    """Words in this order (each normalized, unstemmed) in one field with positions."""

    field: str
    words: tuple[str, ...]
    slop: int = 1
    boost: float = 1.0


class Prefix(Record):
    """Words of `field` starting with `text` (normalized): `الباغوز*`."""

    field: str
    text: str
    boost: float = 1.0


class Wildcard(Record):
    """Words of `field` matching a pattern of `*` and `?` (never at its start)."""

    field: str
    pattern: str
    boost: float = 1.0


class TermRange(Record):
    """Words of `field` from `start` to `end` in lexicon order (`title:[a TO b]`); None: open."""

    field: str
    start: str | None
    end: str | None
    start_excluded: bool = False
    end_excluded: bool = False
    boost: float = 1.0


class DateRange(Record):
    """Articles dated from `start` through `end`, inclusive; None: open."""

    start: dt.date | None
    end: dt.date | None


class Every(Record):
    """Every article (`*` alone)."""

    boost: float = 1.0


class Nothing(Record):
    """Matches nothing: a stopword, a dropped question word, a phrase in a field without
    positions. Kept in the tree (explain shows the query as parsed); engines drop it."""


class And(Record):
    children: tuple[Node, ...]
    boost: float = 1.0


class Or(Record):
    children: tuple[Node, ...]
    boost: float = 1.0


class Not(Record):
    """Excludes what `child` matches (inside an And)."""

    child: Node
    boost: float = 1.0


class AndNot(Record):
    positive: Node
    negative: Node
    boost: float = 1.0


class AndMaybe(Record):
    """`required ANDMAYBE optional`: the optional part only adds to the score."""

    required: Node
    optional: Node
    boost: float = 1.0


Node = (
    Word | Term | Phrase | Prefix | Wildcard | TermRange | DateRange | Every | Nothing
    | And | Or | Not | AndNot | AndMaybe
)
LEAVES = (Word, Term, Phrase, Prefix, Wildcard, TermRange, DateRange, Every, Nothing)


class Query(Record):
    """A search: the user's words (None: filters only), how they combine and rank, and
    the filters that narrow them.

    any_word: the words are OR-ed and ranked with the any-word field weights (the root
    Or's coordination is set); exact: words carry no stems. words_only_filter: the words
    are only `source:`/`place:` terms, so results list by date. source_slug, start, end:
    --source and the intersection of `date:`, --since, --until (inclusive; None: open).
    words_given, words_kept: with --any, a query of more than
    newsarc.query.parse.MAX_ANY_WORDS distinct words (a pasted page) keeps its
    `words_kept` least common words of `words_given` (0, 0: all of its words are searched).
    """

    words: Node | None
    any_word: bool = False
    exact: bool = False
    source_slug: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    words_only_filter: bool = False
    text: str = ""
    words_given: int = 0
    words_kept: int = 0
    _uncompared: ClassVar[tuple[str, ...]] = ("text",)

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
