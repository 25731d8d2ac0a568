"""newsarc's query tree and Whoosh's queries: the grammar, and compiling the tree.

`read_words` reads a query's words with Whoosh's query parser (its grammar: fields,
quotes, operators, brackets, `*` and `?`, `[a TO b]`, `^`) and returns newsarc's tree
(newsarc.query.tree); `compile_query` turns a tree into the Whoosh query that runs it.
The rest of query handling (checks, question words, spelling variants, dates) works on
the tree, in newsarc.query.parse.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from whoosh import query as wq
from whoosh.qparser import AndGroup, MultifieldParser, OrGroup

from newsarc.engine.base import MAX_EXPANSIONS, SORT_ORDERS
from newsarc.errors import QueryError
from newsarc.normalize import normalize_arabic
from newsarc.query import tree as t
from newsarc.query.messages import shown
from newsarc.query.ranking import ANY_WORD_COORDINATION, field_boosts
from newsarc.query.tree import BODY_FIELDS, EXACT_FIELD, PHRASE_FIELDS

_WILDCARD_CLASSES = (wq.Prefix, wq.Wildcard)
_UNDATED = 2**64 - 1  # Whoosh's column value for a document without a date


class WordQuery(wq.Or):
    """One query word: its Term in each field, then the spelling variants added for it."""


# -- text → tree -------------------------------------------------------------------------


def read_words(schema, text: str, *, any_word: bool, exact: bool) -> t.Node:
    """The words of a query (no `date:` terms) as newsarc's tree, not normalized: one Word
    per word, stopwords and phrases in fields without positions as Nothing. Raises
    QueryError for a pattern starting with * or ?; other exceptions for the corners
    of Whoosh's grammar that raise instead of reporting."""
    group = OrGroup if any_word else AndGroup
    fields = [EXACT_FIELD] if exact else list(BODY_FIELDS)
    parser = MultifieldParser(fields, schema, fieldboosts=field_boosts(any_word), group=group)
    # Not normalized: normalizing flattens the one-Or-per-word structure worked on here.
    return to_tree(_regroup_words(_route_wildcards(parser.parse(text, normalize=False))), any_word)


def _regroup_words(node):
    """Make every query word a WordQuery.

    MultifieldParser emits one Or per word, with its Terms in field order, exact last; but
    an explicit ``a OR b`` merges the first word's Terms into the operator's Or.
    """
    if node.is_leaf():
        return node
    if _is_parsed_word(node):
        return WordQuery(node.subqueries, boost=node.boost)
    if isinstance(node, wq.Or):
        children: list = []
        pending: list = []
        for child in node.subqueries:
            if isinstance(child, wq.Term) and child.fieldname in BODY_FIELDS:
                if any(term.fieldname == child.fieldname for term in pending):
                    children += pending  # e.g. `title:a OR b`: a is not part of b's group
                    pending = []
                pending.append(child)
                if child.fieldname == EXACT_FIELD:
                    children.append(pending[0] if len(pending) == 1 else WordQuery(pending))
                    pending = []
                continue
            children += pending
            pending = []
            children.append(_regroup_words(child))
        children += pending
        return wq.Or(children, boost=node.boost)
    return node.apply(_regroup_words)


def _is_parsed_word(node) -> bool:
    """An Or of one Term per field, the exact field among them."""
    if not isinstance(node, wq.Or):
        return False
    children = node.subqueries
    fields = [child.fieldname for child in children if isinstance(child, wq.Term)]
    return len(fields) == len(children) == len(set(fields)) and EXACT_FIELD in fields


def _route_wildcards(node):
    if isinstance(node, _WILDCARD_CLASSES):
        if node.fieldname in ("body", "title"):
            return wq.NullQuery
        if node.text == "*":
            # `*` alone, before normalize() has made it an Every (see below).
            return wq.Every(boost=node.boost)
        if node.text[:1] in ("*", "?"):
            # It would test every word in the index, one by one (as Lucene, refused).
            raise QueryError(
                f"a word cannot start with * or ?: {shown(node.text)}",
                hint="give at least its first letter, e.g. الخلاف*",
            )
        return node.__class__(node.fieldname, _normalize_pattern(node.text), boost=node.boost)
    if (
        isinstance(node, wq.Phrase)
        and node.fieldname in BODY_FIELDS
        and node.fieldname not in PHRASE_FIELDS
    ):
        return wq.NullQuery  # no positions in this field: the phrase is matched in the others
    if isinstance(node, wq.Every):
        # `*` alone: every article. Whoosh's per-field form reads every posting list
        # (33 s on 20,000 articles); the unfielded form is a list of document numbers.
        return wq.Every(boost=node.boost)
    if node.is_leaf():
        return node
    return node.apply(_route_wildcards)


def _normalize_pattern(pattern: str) -> str:
    # Normalize the letters between wildcard characters; keep `*` and `?` themselves.
    out: list[str] = []
    word: list[str] = []
    for char in pattern:
        if char in "*?":
            out.append(normalize_arabic("".join(word)))
            out.append(char)
            word = []
        else:
            word.append(char)
    out.append(normalize_arabic("".join(word)))
    return "".join(out)


def to_tree(node: Any, any_word: bool) -> t.Node:
    """A parsed Whoosh query as newsarc's tree (the inverse of compile_words)."""
    if node is wq.NullQuery or isinstance(node, type(wq.NullQuery)):
        return t.Nothing()
    if isinstance(node, WordQuery):
        word = _word(node, any_word)
        if word is not None:
            return word
        return t.Or(tuple(to_tree(child, any_word) for child in node.subqueries), boost=node.boost)
    if isinstance(node, wq.Term):
        return t.Term(node.fieldname, node.text, boost=node.boost)
    if isinstance(node, wq.Phrase):
        return t.Phrase(node.fieldname, tuple(node.words), slop=node.slop, boost=node.boost)
    if isinstance(node, wq.Prefix):
        return t.Prefix(node.fieldname, node.text, boost=node.boost)
    if isinstance(node, wq.Wildcard):
        return t.Wildcard(node.fieldname, node.text, boost=node.boost)
    if isinstance(node, wq.TermRange):
        return t.TermRange(
            node.fieldname, node.start, node.end, node.startexcl, node.endexcl, boost=node.boost
        )
    if isinstance(node, wq.Every):
        return t.Every(boost=node.boost)
    if isinstance(node, wq.AndNot):
        return t.AndNot(to_tree(node.a, any_word), to_tree(node.b, any_word), boost=node.boost)
    if isinstance(node, wq.AndMaybe):
        return t.AndMaybe(to_tree(node.a, any_word), to_tree(node.b, any_word), boost=node.boost)
    if isinstance(node, wq.Not):
        return t.Not(to_tree(node.query, any_word), boost=node.boost)
    if type(node) in (wq.And, wq.Or):
        kind = t.And if isinstance(node, wq.And) else t.Or
        return kind(tuple(to_tree(child, any_word) for child in node.subqueries), boost=node.boost)
    raise ValueError(f"no query tree node for {type(node).__name__}")


def _word(node: WordQuery, any_word: bool) -> t.Word | None:
    """A WordQuery as a Word, or None when it is not the plain form compile_words makes."""
    boosts = field_boosts(any_word)
    terms = node.subqueries
    fields = tuple(term.fieldname for term in terms)
    exact = next(term.text for term in terms if term.fieldname == EXACT_FIELD)
    stems = {term.text for term in terms if term.fieldname != EXACT_FIELD}
    if len(stems) > 1 or any(term.boost != boosts.get(term.fieldname) for term in terms):
        return None
    word = t.Word(exact, next(iter(stems)) if stems else None, fields, boost=node.boost)
    plain = True
    return word if plain and compile_words(word, any_word) == node else None


# -- tree → Whoosh --------------------------------------------------------------------------


def compile_words(node: t.Node, any_word: bool):
    """The Whoosh query of a tree of words, not normalized."""
    if isinstance(node, t.Word):
        boosts = field_boosts(any_word)
        terms = [
            wq.Term(name, text, boost=boosts[name] * weight)
            for name, text, weight in node.terms()
        ]
        if node.stem_excludes:
            # Articles holding another word of the same stem count through the exact
            # forms only: (exact forms) OR ((stems) ANDNOT (the other word's forms)).
            stemmed = [term for term in terms if term.fieldname != EXACT_FIELD]
            excluded = wq.Or([wq.Term(EXACT_FIELD, text) for text in node.stem_excludes])
            terms = [term for term in terms if term.fieldname == EXACT_FIELD]
            if stemmed:
                terms.append(wq.AndNot(wq.Or(stemmed), excluded))
        return WordQuery(terms, boost=node.boost)
    if isinstance(node, t.Nothing):
        return wq.NullQuery
    if isinstance(node, t.Term):
        return wq.Term(node.field, node.text, boost=node.boost)
    if isinstance(node, t.Phrase):
        return wq.Phrase(node.field, list(node.words), slop=node.slop, boost=node.boost)
    if isinstance(node, t.Prefix):
        return wq.Prefix(node.field, node.text, boost=node.boost)
    if isinstance(node, t.Wildcard):
        return wq.Wildcard(node.field, node.pattern, boost=node.boost)
    if isinstance(node, t.TermRange):
        return wq.TermRange(
            node.field, node.start, node.end, node.start_excluded, node.end_excluded,
            boost=node.boost,
        )
    if isinstance(node, t.Every):
        return wq.Every(boost=node.boost)
    if isinstance(node, t.DateRange):
        return date_query(node.start, node.end)
    if isinstance(node, t.AndNot):
        return _boosted(
            wq.AndNot(
                compile_words(node.positive, any_word), compile_words(node.negative, any_word)
            ),
            node.boost,
        )
    if isinstance(node, t.AndMaybe):
        return _boosted(
            wq.AndMaybe(
                compile_words(node.required, any_word), compile_words(node.optional, any_word)
            ),
            node.boost,
        )
    if isinstance(node, t.Not):
        return wq.Not(compile_words(node.child, any_word), boost=node.boost)
    if isinstance(node, t.And):
        return wq.And([compile_words(child, any_word) for child in node.children], boost=node.boost)
    if isinstance(node, t.Or):
        return wq.Or([compile_words(child, any_word) for child in node.children], boost=node.boost)
    raise TypeError(f"not a query tree node: {node!r}")


def _boosted(query, boost: float):
    if boost != 1.0:
        query.boost = boost
    return query


def compile_query(query: t.Query):
    """The Whoosh query that runs a newsarc query: its words (normalized, with the
    any-word coordination), then --source, then the date filter."""
    filters = [date_query(query.start, query.end)] if query.start or query.end else []
    source = wq.Term("source_slug", query.source_slug) if query.source_slug else None
    if query.words is None:
        if source is not None:
            filters.append(source)
        if not filters:
            raise QueryError("empty query")
        return filters[0] if len(filters) == 1 else wq.And(filters)
    parsed = _balanced(compile_words(query.words, query.any_word).normalize())
    if query.any_word and isinstance(parsed, wq.Or):
        parsed.scale = ANY_WORD_COORDINATION  # set after normalize(), which would drop it
    if source is not None:
        parsed = wq.And([parsed, source])
    return wq.And([parsed, *filters]) if filters else parsed


class BalancedAnd(wq.And):
    """Whoosh's And, with its matchers in a balanced tree, rarest first.

    Whoosh's And nests its matchers in a chain as deep as it has words (a "weighted tree"
    of negative sizes), and a pasted paragraph of ~1,000 words overflows Python's stack
    walking it. Scores are the same: an intersection adds its children's scores.
    """

    def _matcher(self, subs, searcher, context):
        from whoosh import matching
        from whoosh.util import make_binary_tree

        reader = searcher.reader()
        ordered = sorted(subs, key=lambda q: q.estimate_size(reader))
        matcher = make_binary_tree(
            matching.IntersectionMatcher, [q.matcher(searcher, context) for q in ordered]
        )
        return matching.WrappingMatcher(matcher, self.boost) if self.boost != 1.0 else matcher


_CHAIN_LIMIT = 32  # an And of more children than this is balanced


def _balanced(query):
    """`query` with every large And a BalancedAnd (after normalize(), which flattens)."""
    if query.is_leaf():
        return query
    query = query.apply(_balanced)
    if type(query) is wq.And and len(query.subqueries) > _CHAIN_LIMIT:
        return BalancedAnd(query.subqueries, boost=query.boost)
    return query


def date_query(start: dt.date | None, end: dt.date | None):
    """Articles dated from start to end, inclusive (dates are indexed at midnight)."""
    return wq.DateRange(
        "date",
        dt.datetime.combine(start, dt.time()) if start else None,
        dt.datetime.combine(end, dt.time()) if end else None,
    )


def date_order(order: str):
    """Whoosh `sortedby` for an order: None for relevance; by date (undated last in both
    directions), then by score."""
    from whoosh import sorting

    if order == "relevance":
        return None
    if order not in SORT_ORDERS:
        raise QueryError(f"unknown sort order {order!r}", hint="use " + ", ".join(SORT_ORDERS))
    newest = order == "newest"

    def key(value: int) -> int:
        if value == _UNDATED:
            return _UNDATED  # last either way
        return -value if newest else value

    return [sorting.TranslateFacet(key, sorting.FieldFacet("date")), sorting.ScoreFacet()]


def check_expansions(node, reader) -> None:
    """Raise QueryError when a pattern in the query matches more than MAX_EXPANSIONS words."""
    if isinstance(node, wq.MultiTerm):
        expanded = node.expanded_terms(reader)
        if sum(1 for _ in itertools.islice(expanded, MAX_EXPANSIONS + 1)) > MAX_EXPANSIONS:
            if isinstance(node, wq.Prefix):
                text, hint = f"{node.text}*", "give more letters before the *"
            elif isinstance(node, wq.Wildcard):
                text, hint = node.text, "give more letters before the first * or ?"
            else:
                text, hint = str(node).partition(":")[2] or str(node), "narrow it down"
            raise QueryError(
                f"{shown(text)} matches more than {MAX_EXPANSIONS} different words", hint=hint
            )
        return
    if not node.is_leaf():
        for child in node.children():
            check_expansions(child, reader)
