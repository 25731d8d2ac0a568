"""Where a query's words are in an article: the terms a query tree looks for, then the
character spans of the words of a text whose analyzed form is one of them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsarc.query import tree as t
from newsarc.query.tree import EXACT_FIELD, STEMMED_FIELDS

if TYPE_CHECKING:
    from newsarc.engine.base import Reader


def matched_terms(node: t.Node, reader: Reader) -> dict[str, set[str]]:
    """The terms of a query tree that the index holds, by field, leaving out negated parts;
    patterns expanded to the words they stand for."""
    terms: dict[str, set[str]] = {}

    def keep(field: str, text: str) -> None:
        if reader.doc_frequency(field, text):
            terms.setdefault(field, set()).add(text)

    for leaf in t.positive_leaves(node):
        if isinstance(leaf, t.Word):
            for field, text, _ in leaf.terms():
                keep(field, text)
        elif isinstance(leaf, t.Term):
            keep(leaf.field, leaf.text)
        elif isinstance(leaf, t.Phrase):
            for word in leaf.words:
                keep(leaf.field, word)
        elif isinstance(leaf, (t.Prefix, t.Wildcard, t.TermRange)):
            for text in reader.expand(leaf, limit=None):
                terms.setdefault(leaf.field, set()).add(text)
    return terms


def highlight_spans(
    text: str, terms: dict[str, set[str]], fields: tuple[str, ...] = ("body", EXACT_FIELD)
) -> list[tuple[int, int]]:
    """Character spans of the words of `text` whose analyzed form is one of `terms` in
    `fields` (text fields: `body` or `title`, and `exact`).

    Analysis runs per token, so the spans point at the original spelling: a search for
    `الاسلامية` marks `الإسلاميّة` as written.
    """
    from newsarc.analysis import stem
    from newsarc.fields import token_words
    from newsarc.normalize import TOKEN_PATTERN

    spans: set[tuple[int, int]] = set()
    # The exact and stemmed analyzers' terms, token by token, without Token objects.
    exact = terms.get(EXACT_FIELD, set()) if EXACT_FIELD in fields else set()
    stemmed = set().union(*(terms.get(name, ()) for name in fields if name in STEMMED_FIELDS))
    if exact or stemmed:
        for match in TOKEN_PATTERN.finditer(text):
            if any(word in exact or stem(word) in stemmed for word in token_words(match.group())):
                spans.add((match.start(), match.end()))
    return sorted(spans)
