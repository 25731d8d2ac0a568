"""Query text → Whoosh query, and matched terms → character spans in the original text.

Everything that knows Whoosh's query classes lives here; callers get plain spans and
`QueryError`s with a message a person can act on.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass

from whoosh import query as wq
from whoosh.qparser import AndGroup, MultifieldParser, OrGroup

from newsarc.analysis import stem
from newsarc.errors import QueryError
from newsarc.index import (
    ANY_WORD_FIELD_BOOSTS,
    BODY_FIELDS,
    EXACT_FIELD,
    FIELD_BOOSTS,
    PHRASE_FIELDS,
    QUERY_FIELDS,
)
from newsarc.lexicon import as_lexicon
from newsarc.normalize import normalize_arabic, source_slug
from newsarc.query_text import prepare_query
from newsarc.spelling import spelling_variants
from newsarc.stopwords import ARABIC_STOPWORDS, QUESTION_WORDS
from newsarc.variants import variants

_WILDCARD_CLASSES = (wq.Prefix, wq.Wildcard)
# Wildcards match the normalized, unstemmed form: a stem of a prefix is meaningless.
WILDCARD_FIELD = EXACT_FIELD
# Weight of a spelling the query did not use (newsarc.variants) relative to the word as
# typed: tuned on Qur'an QA train+dev (bench/eval_quranqa.py).
VARIANT_BOOST = 0.5
# Weight of another spelling of a name (newsarc.spelling): below the spelling typed.
SPELLING_BOOST = 0.5
# Whoosh's coordination bonus when any word may match: documents holding more of the
# query's terms rank higher (Qur'an QA train MAP@10 0.197 → 0.203).
ANY_WORD_COORDINATION = 0.9


def parse_query(  # type: ignore[no-untyped-def]
    schema,
    text: str,
    source: str | None = None,
    *,
    any_word: bool = False,
    exact: bool = False,
    reader=None,
):
    """Parse a user query; raise QueryError when it is malformed or matches nothing by form.

    Words are all required unless ``any_word`` (then documents matching more of them rank
    higher, and question words such as كيف and كم are left out: for questions pasted as
    they are). ``exact`` searches the normalized, unstemmed words only. Given the index
    ``reader``, each word also looks for the spellings with a clitic or pronoun added or
    removed that the archive holds (``newsarc.variants``).
    """
    return _parse(schema, text, source, any_word=any_word, exact=exact, reader=reader)[1]


def explain_query(  # type: ignore[no-untyped-def]
    schema,
    text: str,
    source: str | None = None,
    *,
    any_word: bool = False,
    exact: bool = False,
    reader=None,
) -> list[str]:
    """What ``parse_query`` looks for, as lines for people (see ``describe_query``)."""
    return describe_query(_parse(schema, text, source, any_word=any_word, exact=exact, reader=reader)[0])


def _parse(schema, text: str, source: str | None, *, any_word: bool, exact: bool, reader):  # type: ignore[no-untyped-def]
    """(the query with one group per word, the same query normalized for searching)."""
    cleaned = prepare_query(text).strip()
    if not cleaned:
        raise QueryError("empty query", hint="give at least one word to search for")
    _check_balanced(cleaned)
    _check_operators_and_fields(cleaned, schema)
    group = OrGroup if any_word else AndGroup
    fields = [EXACT_FIELD] if exact else list(BODY_FIELDS)
    boosts = ANY_WORD_FIELD_BOOSTS if any_word else FIELD_BOOSTS
    parser = MultifieldParser(fields, schema, fieldboosts=boosts, group=group)
    try:
        # Not normalized yet: normalizing flattens the one-Or-per-word structure worked on here.
        structured = _regroup_words(_route_wildcards(parser.parse(cleaned, normalize=False)))
        if any_word:
            structured = _drop_question_words(structured)
        if reader is not None and not exact:
            structured = _add_variants(structured, as_lexicon(reader))
        parsed = structured.normalize()
    except QueryError:
        raise
    except Exception as exc:  # Whoosh's parser has corners that raise instead of reporting
        raise QueryError(f"cannot understand the query {_shown(text)} ({type(exc).__name__})", hint="check its quotes, brackets and operators") from None
    if _is_null(parsed) or not _has_positive_clause(parsed):
        raise QueryError(
            f"the query {_shown(text)!r} has nothing to search for",
            hint="stopwords such as في and من are not indexed; add a content word",
        )
    if any_word and isinstance(parsed, wq.Or):
        parsed.scale = ANY_WORD_COORDINATION  # set after normalize(), which would drop it
    if source:
        source_term = wq.Term("source_slug", source_slug(source))
        structured, parsed = wq.And([structured, source_term]), wq.And([parsed, source_term])
    return structured, parsed


class WordQuery(wq.Or):
    """One query word: its Term in each field, then the spelling variants added for it."""


def _regroup_words(node):  # type: ignore[no-untyped-def]
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


def _is_parsed_word(node) -> bool:  # type: ignore[no-untyped-def]
    """An Or of one Term per field, the exact field among them."""
    if not isinstance(node, wq.Or):
        return False
    children = node.subqueries
    fields = [child.fieldname for child in children if isinstance(child, wq.Term)]
    return len(fields) == len(children) == len(set(fields)) and EXACT_FIELD in fields


def _drop_question_words(node):  # type: ignore[no-untyped-def]
    if _is_word_group(node) and _exact_word(node) in QUESTION_WORDS:
        return wq.NullQuery
    if isinstance(node, wq.Term) and node.fieldname == EXACT_FIELD and node.text in QUESTION_WORDS:
        return wq.NullQuery  # --exact: one field, so a bare Term
    if node.is_leaf():
        return node
    return node.apply(_drop_question_words)


def _add_variants(node, reader):  # type: ignore[no-untyped-def]
    """Widen each word of the query (an Or of one Term per field) with its variants."""
    if isinstance(node, wq.Not):
        return node  # excluding a word excludes that word only
    if _is_word_group(node):
        return _word_with_variants(node, reader)
    if node.is_leaf():
        return node
    return node.apply(lambda child: _add_variants(child, reader))


def _is_null(node) -> bool:  # type: ignore[no-untyped-def]
    return node is wq.NullQuery or isinstance(node, type(wq.NullQuery))


def _is_word_group(node) -> bool:  # type: ignore[no-untyped-def]
    return isinstance(node, WordQuery)


def _exact_word(group) -> str:  # type: ignore[no-untyped-def]
    return next(term.text for term in group.subqueries if term.fieldname == EXACT_FIELD)


def _word_with_variants(group, lexicon):  # type: ignore[no-untyped-def]
    terms = group.subqueries
    word = _exact_word(group)
    frequency = lexicon.frequency

    seen = {(term.fieldname, term.text) for term in terms}
    added: list = []

    def add(variant: str, stemmable: bool, boost: float) -> None:
        for term in terms:
            if term.fieldname != EXACT_FIELD and not stemmable:
                continue
            text = variant if term.fieldname == EXACT_FIELD else stem(variant)
            if (term.fieldname, text) not in seen:
                seen.add((term.fieldname, text))
                added.append(wq.Term(term.fieldname, text, boost=term.boost * boost))

    for variant, stemmable in variants(word, frequency, ARABIC_STOPWORDS):
        add(variant, stemmable, VARIANT_BOOST)
    for spelling in spelling_variants(word, frequency, lexicon.neighbours, lexicon.phrase_frequency):
        if " " in spelling.text:  # one word written as two: the two as a phrase
            added.append(SpellingPhrase(EXACT_FIELD, spelling.text.split(), boost=SPELLING_BOOST))
            continue
        add(spelling.text, True, SPELLING_BOOST)
    return WordQuery([*terms, *added], boost=group.boost) if added else group


class SpellingPhrase(wq.Phrase):
    """A name written as two words (فيس بوك) that the query typed as one."""


_SHOWN_CHARS = 60


def _shown(text: str) -> str:
    """A query as quoted in an error message: one line, and not 10,000 characters."""
    flat = " ".join(text.split())
    flat = "".join(char if char.isprintable() else "\ufffd" for char in flat)
    return flat if len(flat) <= _SHOWN_CHARS else flat[: _SHOWN_CHARS - 1] + "…"


def top_hits(searcher, query, limit: int):  # type: ignore[no-untyped-def]
    """The `limit` best hits and the exact number of matches, in one pass: (results, total).

    Whoosh's default collector (`searcher.search`) tries to skip documents it judges
    unable to reach the top (`matcher.replace`): on newsarc's queries that misses real
    top hits and miscounts (`اليمن date:2018-03` on ANT: 172 of 384 matches, and 3 of
    its true top 10 left out), and `len(results)` then runs the query a second time.
    Scoring every match is exact and, measured on ANT, as fast or up to 2× faster.
    """
    from whoosh.collectors import TopCollector

    collector = TopCollector(limit=limit, usequality=False, replace=0)
    searcher.search_with_collector(query, collector)
    return collector.results(), collector.total


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
        if node.text == "*":
            # `*` alone, before normalize() has made it an Every (see below).
            return wq.Every(boost=node.boost)
        if node.text[:1] in ("*", "?"):
            # It would test every word in the index, one by one (as Lucene, refused).
            raise QueryError(f"a word cannot start with * or ?: {_shown(node.text)}", hint="give at least its first letter, e.g. الخلاف*")
        return node.__class__(node.fieldname, _normalize_pattern(node.text), boost=node.boost)
    if isinstance(node, wq.Phrase) and node.fieldname in BODY_FIELDS and node.fieldname not in PHRASE_FIELDS:
        return wq.NullQuery  # no positions in this field: the phrase is matched in the others
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


#: The key of matched_terms' result holding the query's phrases (tuples of exact words).
PHRASES = "\x00phrases"


def matched_terms(node, reader) -> dict[str, set]:  # type: ignore[no-untyped-def]
    """The terms a query looks for, by field, leaving out negated parts; wildcards expanded;
    its phrases under PHRASES."""
    terms: dict[str, set] = {}

    def walk(current) -> None:  # type: ignore[no-untyped-def]
        if isinstance(current, wq.Not) or current is wq.NullQuery:
            return
        if isinstance(current, wq.AndNot):
            walk(current.a)
            return
        if isinstance(current, wq.Phrase):
            # Marked only where the words stand together (the exact field's phrase; the
            # title's is the same phrase stemmed).
            if current.fieldname == EXACT_FIELD:
                terms.setdefault(PHRASES, set()).add(tuple(current.words))
            return
        if current.is_leaf():
            for fieldname, term in current.existing_terms(reader, phrases=True, expand=True):
                text = term.decode("utf-8") if isinstance(term, bytes) else str(term)
                terms.setdefault(fieldname, set()).add(text)
            return
        for child in current.children():
            walk(child)

    walk(node)
    return terms


_STEMMED_FIELDS = ("title", "body")


def highlight_spans(text: str, terms: dict[str, set[str]], schema, fields=("body", "exact")) -> list[tuple[int, int]]:  # type: ignore[no-untyped-def]
    """Character spans of the words of `text` whose analyzed form is one of `terms`.

    Analysis runs per token, so the spans point at the original spelling: a search for
    `الاسلامية` marks `الإسلاميّة` as written.
    """
    from newsarc.fields import token_words

    spans: set[tuple[int, int]] = set()
    # The exact and stemmed analyzers' terms, token by token, without Token objects.
    exact = terms.get(EXACT_FIELD, set()) if EXACT_FIELD in fields else set()
    stemmed = set().union(*(terms.get(name, ()) for name in fields if name in _STEMMED_FIELDS))
    from newsarc.word_spans import word_spans

    if exact or stemmed:

        def accepts(token: str) -> bool:
            return any(word in exact or stem(word) in stemmed for word in token_words(token))

        # Every matching token holds an exact term, or the first letters of a stem, in a row.
        needles = exact | {term[:3] for term in stemmed}
        spans.update(word_spans(text, accepts, needles))
    if EXACT_FIELD in fields:
        from newsarc.word_spans import phrase_spans

        for phrase in terms.get(PHRASES, ()):
            spans.update(phrase_spans(text, phrase, token_words))
    for fieldname in fields:
        wanted = terms.get(fieldname)
        if not wanted or fieldname == EXACT_FIELD or fieldname in _STEMMED_FIELDS:
            continue
        analyzer = schema[fieldname].analyzer
        for token in analyzer(text, chars=True, mode="index"):
            if token.text in wanted:
                spans.add((token.startchar, token.endchar))
    return sorted(spans)


# --- date filters, filter-only queries, sorting ---------------------------------------------

# `date:2019..2020`, `date:2019-03`, `date:..2018`, `date:"12 يناير 2019"`. Read before
# Whoosh sees the query, so that a bad date is an error instead of an empty result.
_DATE_TERM = re.compile(r'(?<![^\s(\-+!])date:(?:"(?P<quoted>[^"]*)"|(?P<bare>[^\s()"]*))', re.IGNORECASE)
_OPERATOR_BEFORE = re.compile(r"(?:^|\s)(?:NOT|OR|AND|ANDNOT|ANDMAYBE)\s*$|[-+!]$")
# Fields that only narrow a search: a query made of these alone lists articles by date.
FILTER_FIELDS = frozenset({"source", "source_slug", "place"})
SORT_ORDERS = ("relevance", "newest", "oldest")
_UNDATED = 2**64 - 1  # Whoosh's column value for a document without a date


@dataclass(frozen=True)
class BuiltQuery:
    query: object  # a Whoosh query
    words: bool  # False: only filters (source, place, dates); list by date
    start: dt.date | None = None  # the date filter, inclusive; None: open
    end: dt.date | None = None


def split_date_terms(text: str) -> tuple[str, list[str]]:
    """The query without its `date:` terms, and their expressions in order."""
    found: list[str] = []
    depth_at = _paren_depths(text)
    pieces: list[str] = []
    last = 0
    for m in _DATE_TERM.finditer(text):
        before = text[last : m.start()]
        if _OPERATOR_BEFORE.search(text[: m.start()]) or depth_at[m.start()]:
            raise QueryError(
                f"date: cannot be negated, OR-ed or put in brackets: {m.group(0)}",
                hint="a date: term narrows the whole query, like --since/--until",
            )
        expression = m.group("quoted") if m.group("quoted") is not None else m.group("bare")
        if not expression.strip():
            raise QueryError("date: without a date", hint="e.g. date:2019, date:2019-03, date:2019..2020, date:..2018")
        found.append(expression)
        pieces.append(before)
        last = m.end()
    pieces.append(text[last:])
    return " ".join(" ".join(pieces).split()), found


def _paren_depths(text: str) -> list[int]:
    depths, depth, in_phrase = [], 0, False
    for char in text:
        depths.append(depth if not in_phrase else 1)
        if char == '"':
            in_phrase = not in_phrase
        elif not in_phrase and char == "(":
            depth += 1
        elif not in_phrase and char == ")":
            depth = max(0, depth - 1)
    depths.append(depth)
    return depths


def date_bounds(expressions: list[str], since: str | None = None, until: str | None = None) -> tuple[dt.date | None, dt.date | None]:
    """The intersection of `date:` expressions and --since/--until, inclusive; QueryError
    for anything unreadable or a range that excludes everything."""
    if not expressions and since is None and until is None:
        return None, None
    from newsarc.dates import parse_date_range  # (dateutil and hijridate: 15 ms to import)

    starts: list[dt.date] = []
    ends: list[dt.date] = []

    def read(expression: str, label: str) -> tuple[dt.date | None, dt.date | None]:
        try:
            return parse_date_range(expression)
        except ValueError as exc:
            raise QueryError(
                f"{label}: {exc}", hint="dates are YYYY, YYYY-MM, YYYY-MM-DD or a range A..B, A.., ..B"
            ) from None

    for expression in expressions:
        start, end = read(expression, "date:" + expression)
        starts += [start] if start else []
        ends += [end] if end else []
    if since is not None:
        start, _ = read(since, "--since")
        if start is None:
            raise QueryError(f"--since needs a start date, not {since!r}")
        starts.append(start)
    if until is not None:
        _, end = read(until, "--until")
        if end is None:
            raise QueryError(f"--until needs an end date, not {until!r}")
        ends.append(end)
    start = max(starts) if starts else None
    end = min(ends) if ends else None
    if start is not None and end is not None and start > end:
        raise QueryError(
            f"the date filters exclude each other ({start.isoformat()} is after {end.isoformat()})"
        )
    return start, end


def date_query(start: dt.date | None, end: dt.date | None):  # type: ignore[no-untyped-def]
    """Articles dated from start to end, inclusive (dates are indexed at midnight)."""
    return wq.DateRange(
        "date",
        dt.datetime.combine(start, dt.time()) if start else None,
        dt.datetime.combine(end, dt.time()) if end else None,
    )


def build_query(  # type: ignore[no-untyped-def]
    schema,
    text: str,
    *,
    source: str | None = None,
    since: str | None = None,
    until: str | None = None,
    any_word: bool = False,
    exact: bool = False,
    reader=None,
) -> BuiltQuery:
    """A user's query with its filters: words (parse_query, with its any_word, exact and
    reader), `date:` terms, --source, --since, --until. A query of filters only (no words)
    is valid and lists by date."""
    rest, expressions = split_date_terms(text)
    start, end = date_bounds(expressions, since, until)
    filters = [date_query(start, end)] if start or end else []
    if rest.strip():
        parsed = parse_query(schema, rest, source=source, any_word=any_word, exact=exact, reader=reader)
        words = not _only_filter_fields(parsed)
        query = wq.And([parsed, *filters]) if filters else parsed
        return BuiltQuery(query, words, start, end)
    if source:
        filters.append(wq.Term("source_slug", source_slug(source)))
    if not filters:
        raise QueryError(
            "empty query", hint="give a word to search for, or a filter: --source, --since, --until, date:2019"
        )
    return BuiltQuery(filters[0] if len(filters) == 1 else wq.And(filters), False, start, end)


def _only_filter_fields(node) -> bool:  # type: ignore[no-untyped-def]
    if node.is_leaf() or isinstance(node, wq.Phrase):
        return getattr(node, "fieldname", None) in FILTER_FIELDS
    return all(_only_filter_fields(child) for child in node.children())


def date_order(order: str):  # type: ignore[no-untyped-def]
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


# --- explaining a parsed query to people (`newsarc analyze`, `search --explain`) ----------

_STEMMED_FIELDS = ("body", "title")


def describe_query(node) -> list[str]:  # type: ignore[no-untyped-def]
    """The parsed query as indented lines: per word, the exact and stemmed terms searched
    and the spelling variants the archive added."""
    lines: list[str] = []
    _describe(node, 0, lines)
    return lines


def _describe(node, depth: int, lines: list[str]) -> None:  # type: ignore[no-untyped-def]
    pad = "  " * depth
    if _is_null(node):
        return  # a stopword or a dropped question word
    if isinstance(node, (wq.And, wq.Or)) and not _is_word_group(node):
        children = [child for child in node.subqueries if not _is_null(child)]
        if len(children) <= 1:
            for child in children:
                _describe(child, depth, lines)
            return
    if _is_word_group(node) or (isinstance(node, wq.Term) and node.fieldname == EXACT_FIELD):
        lines.append(pad + _describe_word(node))
    elif isinstance(node, wq.Or) and children and all(isinstance(q, wq.Phrase) for q in children):
        # (children: without the NullQuery left where a field has no positions, schema 3)
        lines.append(pad + "phrase " + "  ".join(f"{_field_label(q.fieldname)} «{' '.join(q.words)}»" for q in _one_per_label(children)))
    elif isinstance(node, wq.Phrase):
        lines.append(pad + f"phrase {_field_label(node.fieldname)} «{' '.join(node.words)}»")
    elif isinstance(node, wq.Prefix):
        lines.append(pad + f"words starting with {node.text} ({_field_label(node.fieldname)})")
    elif isinstance(node, wq.Wildcard):
        lines.append(pad + f"words matching {node.text} ({_field_label(node.fieldname)})")
    elif isinstance(node, wq.Term):
        lines.append(pad + f"{node.fieldname}: {node.text}")
    elif isinstance(node, (wq.And, wq.Or)):
        lines.append(pad + ("all of:" if isinstance(node, wq.And) else "any of:"))
        for child in children:
            _describe(child, depth + 1, lines)
    elif isinstance(node, wq.AndNot):
        _describe(node.a, depth, lines)
        lines.append(pad + "but not:")
        _describe(node.b, depth + 1, lines)
    elif isinstance(node, wq.Not):
        lines.append(pad + "not:")
        _describe(node.query, depth + 1, lines)
    else:
        lines.append(pad + str(node))


def _describe_word(node) -> str:  # type: ignore[no-untyped-def]
    terms = [node] if isinstance(node, wq.Term) else node.subqueries
    word = terms[0].text if isinstance(node, wq.Term) else _exact_word(node)
    stems = {t.text for t in terms if t.fieldname in _STEMMED_FIELDS}
    line = f"{word}: exact {word}" + (f", stemmed {stem(word)}" if stems else "")
    variants_found = [
        t.text if isinstance(t, wq.Term) else " ".join(t.words)
        for t in terms
        if t.fieldname == EXACT_FIELD and not (isinstance(t, wq.Term) and t.text == word)
    ]
    if variants_found:
        # A variant's stem is shown where the stemmed fields search it too (newsarc.variants).
        shown = (
            f"{v} → {stem(v)}" if stem(v) in stems and stem(v) not in (v, stem(word)) else v
            for v in variants_found
        )
        line += "; also " + ", ".join(shown)
    return line


def _field_label(fieldname: str) -> str:
    return "stemmed" if fieldname in _STEMMED_FIELDS else fieldname


def _one_per_label(queries):  # type: ignore[no-untyped-def]
    seen: dict[tuple[str, tuple[str, ...]], object] = {}
    for query in queries:
        seen.setdefault((_field_label(query.fieldname), tuple(query.words)), query)
    return list(seen.values())
