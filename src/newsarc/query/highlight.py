"""Where a query's words are in an article: the terms a query tree looks for, then the
character spans of the words of a text whose analyzed form is one of them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsarc.query import tree as t
from newsarc.query.tree import EXACT_FIELD, STEMMED_FIELDS

if TYPE_CHECKING:
    from newsarc.engine.base import Reader


#: The key of matched_terms' result holding the query's exact phrases (tuples of words):
#: a phrase is marked only where its words stand together.
PHRASES = "\x00phrases"
#: The key holding the words not marked through a stem (Word.stem_excludes: ``ورقه`` for
#: ``الرقه``), unless one is among the exact terms.
NOT_BY_STEM = "\x00not-by-stem"


def matched_terms(node: t.Node, reader: Reader) -> dict[str, set]:
    """The terms of a query tree that the index holds, by field, leaving out negated parts;
    patterns expanded to the words they stand for; its phrases under PHRASES."""
    terms: dict[str, set] = {}

    def keep(field: str, text: str) -> None:
        if reader.doc_frequency(field, text):
            terms.setdefault(field, set()).add(text)

    for leaf in t.positive_leaves(node):
        if isinstance(leaf, t.Word):
            for field, text, _ in leaf.terms():
                keep(field, text)
            if leaf.stem_excludes:
                terms.setdefault(NOT_BY_STEM, set()).update(leaf.stem_excludes)
        elif isinstance(leaf, t.Term):
            keep(leaf.field, leaf.text)
        elif isinstance(leaf, t.Phrase):
            # The exact field's phrase; the title's is the same phrase stemmed.
            held = all(reader.doc_frequency(EXACT_FIELD, word) for word in leaf.words)
            if leaf.field == EXACT_FIELD and held:
                terms.setdefault(PHRASES, set()).add(tuple(leaf.words))
        elif isinstance(leaf, (t.Prefix, t.Wildcard, t.TermRange)):
            for text in reader.expand(leaf, limit=None):
                terms.setdefault(leaf.field, set()).add(text)
    return terms


def highlight_spans(
    text: str, terms: dict[str, set], fields: tuple[str, ...] = ("body", EXACT_FIELD)
) -> list[tuple[int, int]]:
    """Character spans of the words of `text` whose analyzed form is one of `terms` in
    `fields` (text fields: `body` or `title`, and `exact`).

    Analysis runs per token, so the spans point at the original spelling: a search for
    `الاسلامية` marks `الإسلاميّة` as written.
    """
    from newsarc.analysis import stem
    from newsarc.fields import token_words
    from newsarc.word_spans import phrase_spans, word_spans

    spans: set[tuple[int, int]] = set()
    # The exact and stemmed analyzers' terms, token by token, without Token objects.
    exact = terms.get(EXACT_FIELD, set()) if EXACT_FIELD in fields else set()
    stemmed = set().union(*(terms.get(name, ()) for name in fields if name in STEMMED_FIELDS))
    if exact or stemmed:

        not_by_stem = terms.get(NOT_BY_STEM, set())

        def accepts(token: str) -> bool:
            return any(
                word in exact or (stem(word) in stemmed and word not in not_by_stem)
                for word in token_words(token)
            )

        # Every matching token holds an exact term, or a stem's first three letters, in a row.
        needles = exact | {term[:3] for term in stemmed}
        spans.update(word_spans(text, accepts, needles))
    if EXACT_FIELD in fields:
        for phrase in terms.get(PHRASES, ()):
            spans.update(phrase_spans(text, phrase, token_words))
    return sorted(spans)
