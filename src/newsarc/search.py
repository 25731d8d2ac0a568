"""Query text → Whoosh query, and matched terms → character spans in the original text.

Everything that knows Whoosh's query classes lives here; callers get plain spans and
`QueryError`s with a message a person can act on.
"""

from __future__ import annotations

import itertools
import re

from whoosh import query as wq
from whoosh.qparser import MultifieldParser

from newsarc.errors import QueryError
from newsarc.index import BODY_FIELDS, FIELD_BOOSTS, QUERY_FIELDS
from newsarc.normalize import normalize_arabic
from newsarc.reader import source_slug

# Whoosh reads `؟` (the Arabic question mark) as a one-letter wildcard, so a pasted
# headline ending in `؟` would find nothing.
_QUERY_DROPPED = str.maketrans({"؟": " "})
_WILDCARD_CLASSES = (wq.Prefix, wq.Wildcard)
# Wildcards match the normalized, unstemmed form: a stem of a prefix is meaningless.
WILDCARD_FIELD = "exact"


def parse_query(schema, text: str, source: str | None = None):  # type: ignore[no-untyped-def]
    """Parse a user query; raise QueryError when it is malformed or matches nothing by form."""
    cleaned = text.translate(_QUERY_DROPPED).strip()
    if not cleaned:
        raise QueryError("empty query", hint="give at least one word to search for")
    _check_balanced(cleaned)
    _check_operators_and_fields(cleaned, schema)
    parser = MultifieldParser(list(BODY_FIELDS), schema, fieldboosts=FIELD_BOOSTS)
    try:
        parsed = _route_wildcards(parser.parse(cleaned)).normalize()
    except QueryError:
        raise
    except Exception as exc:  # Whoosh's parser has corners that raise instead of reporting
        raise QueryError(f"cannot understand the query {_shown(text)} ({type(exc).__name__})", hint="check its quotes, brackets and operators") from None
    if parsed is wq.NullQuery or isinstance(parsed, type(wq.NullQuery)) or not _has_positive_clause(parsed):
        raise QueryError(
            f"the query {_shown(text)!r} has nothing to search for",
            hint="stopwords such as في and من are not indexed; add a content word",
        )
    if source:
        parsed = wq.And([parsed, wq.Term("source_slug", source_slug(source))])
    return parsed


_SHOWN_CHARS = 60


def _shown(text: str) -> str:
    """A query as quoted in an error message: one line, and not 10,000 characters."""
    flat = " ".join(text.split())
    flat = "".join(char if char.isprintable() else "\ufffd" for char in flat)
    return flat if len(flat) <= _SHOWN_CHARS else flat[: _SHOWN_CHARS - 1] + "…"


def _check_balanced(text: str) -> None:
    if text.count('"') % 2:
        raise QueryError(f"unbalanced quote in query: {_shown(text)}", hint='close the phrase with "')
    depth = 0
    in_phrase = False
    for char in text:
        if char == '"':
            in_phrase = not in_phrase
        elif in_phrase:
            continue
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth < 0:
                raise QueryError(f"unbalanced ')' in query: {_shown(text)}")
    if depth:
        raise QueryError(f"unbalanced '(' in query: {_shown(text)}", hint="close every ( with )")


_BINARY_OPERATORS = frozenset({"AND", "OR", "ANDNOT", "ANDMAYBE"})
_OPERATORS = _BINARY_OPERATORS | {"NOT"}
_TOKEN = re.compile(r'"[^"]*"|[()]|[^\s()"]+')
_FIELD_PREFIX = re.compile(r"^(\w+):")


def _check_operators_and_fields(text: str, schema) -> None:  # type: ignore[no-untyped-def]
    """Operators need words to work on, and only `title:` and `source:` may be named.

    Whoosh reads a lone `AND` as the word "and" (so `سوريا AND` finds nothing), fails on
    `NOT NOT x`, and raises on internal fields such as `path:`.
    """
    tokens = _TOKEN.findall(text)
    for position, token in enumerate(tokens):
        if token in _OPERATORS:
            before = tokens[position - 1] if position else "("
            after = tokens[position + 1] if position + 1 < len(tokens) else ")"
            if token == "NOT":
                if after == ")" or after in _OPERATORS:
                    raise QueryError(f"NOT needs a word after it: {_shown(text)}", hint="e.g. سوريا NOT العراق")
            elif before == "(" or before in _OPERATORS or after == ")" or after in _BINARY_OPERATORS:
                raise QueryError(f"{token} needs a word on each side: {_shown(text)}", hint=f"e.g. سوريا {token} العراق")
            continue
        field = _FIELD_PREFIX.match(token)
        if field and field.group(1) in schema.names() and field.group(1) not in QUERY_FIELDS:
            raise QueryError(
                f"{field.group(1)}: cannot be searched by name",
                hint="name " + " or ".join(f"{name}:" for name in QUERY_FIELDS) + ", or leave the field out",
            )


def _route_wildcards(node):  # type: ignore[no-untyped-def]
    if isinstance(node, _WILDCARD_CLASSES):
        if node.fieldname in ("body", "title"):
            return wq.NullQuery
        if node.text[:1] in ("*", "?"):
            # It would test every word in the index, one by one (as Lucene, refused).
            raise QueryError(f"a word cannot start with * or ?: {_shown(node.text)}", hint="give at least its first letter, e.g. الخلاف*")
        return node.__class__(node.fieldname, _normalize_pattern(node.text), boost=node.boost)
    if isinstance(node, wq.Every):
        # `*` alone: every article. Whoosh's per-field form reads every posting list
        # (33 s on 20,000 articles); the unfielded form is a list of document numbers.
        return wq.Every(boost=node.boost)
    if node.is_leaf():
        return node
    return node.apply(_route_wildcards)


# How many words one pattern (الخلاف*, [a TO b], ...) may stand for, as Lucene's
# maxClauseCount: searching and highlighting cost grows with each. Measured on 20,000
# articles: ا* stands for 40,000 words and takes 26 s; 1,024 words take well under 1 s.
MAX_EXPANSIONS = 1024


def check_expansions(node, reader) -> None:  # type: ignore[no-untyped-def]
    """Raise QueryError when a pattern in the query matches more than MAX_EXPANSIONS words."""
    if isinstance(node, wq.MultiTerm):
        expanded = node.expanded_terms(reader)
        if sum(1 for _ in itertools.islice(expanded, MAX_EXPANSIONS + 1)) > MAX_EXPANSIONS:
            if isinstance(node, wq.Prefix):
                shown, hint = f"{node.text}*", "give more letters before the *"
            elif isinstance(node, wq.Wildcard):
                shown, hint = node.text, "give more letters before the first * or ?"
            else:
                shown, hint = str(node).partition(":")[2] or str(node), "narrow it down"
            raise QueryError(f"{_shown(shown)} matches more than {MAX_EXPANSIONS} different words", hint=hint)
        return
    if not node.is_leaf():
        for child in node.children():
            check_expansions(child, reader)


def _normalize_pattern(pattern: str) -> str:
    # Normalize the letters between wildcard characters; keep `*` and `?` themselves.
    out, word = [], []
    for char in pattern:
        if char in "*?":
            out.append(normalize_arabic("".join(word)))
            out.append(char)
            word = []
        else:
            word.append(char)
    out.append(normalize_arabic("".join(word)))
    return "".join(out)


def _has_positive_clause(node) -> bool:  # type: ignore[no-untyped-def]
    if isinstance(node, wq.Not):
        return False
    if node is wq.NullQuery:
        return False
    if node.is_leaf() or isinstance(node, wq.Phrase):
        return True
    if isinstance(node, wq.AndNot):
        return _has_positive_clause(node.a)
    return any(_has_positive_clause(child) for child in node.children())


def matched_terms(node, reader) -> dict[str, set[str]]:  # type: ignore[no-untyped-def]
    """The terms a query looks for, by field, leaving out negated parts; wildcards expanded."""
    terms: dict[str, set[str]] = {}

    def walk(current) -> None:  # type: ignore[no-untyped-def]
        if isinstance(current, wq.Not) or current is wq.NullQuery:
            return
        if isinstance(current, wq.AndNot):
            walk(current.a)
            return
        if current.is_leaf() or isinstance(current, wq.Phrase):
            for fieldname, term in current.existing_terms(reader, phrases=True, expand=True):
                text = term.decode("utf-8") if isinstance(term, bytes) else str(term)
                terms.setdefault(fieldname, set()).add(text)
            return
        for child in current.children():
            walk(child)

    walk(node)
    return terms


def highlight_spans(text: str, terms: dict[str, set[str]], schema, fields=("body", "exact")) -> list[tuple[int, int]]:  # type: ignore[no-untyped-def]
    """Character spans of the words of `text` whose analyzed form is one of `terms`.

    Analysis runs per token, so the spans point at the original spelling: a search for
    `الاسلامية` marks `الإسلاميّة` as written.
    """
    spans: set[tuple[int, int]] = set()
    for fieldname in fields:
        wanted = terms.get(fieldname)
        if not wanted:
            continue
        analyzer = schema[fieldname].analyzer
        for token in analyzer(text, chars=True, mode="index"):
            if token.text in wanted:
                spans.add((token.startchar, token.endchar))
    return sorted(spans)
