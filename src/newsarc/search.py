"""Query text → Whoosh query, and matched terms → character spans in the original text.

Everything that knows Whoosh's query classes lives here; callers get plain spans and
`QueryError`s with a message a person can act on.
"""

from __future__ import annotations

from whoosh import query as wq
from whoosh.qparser import AndGroup, MultifieldParser, OrGroup

from newsarc.analysis import stem
from newsarc.errors import QueryError
from newsarc.index import ANY_WORD_FIELD_BOOSTS, BODY_FIELDS, EXACT_FIELD, FIELD_BOOSTS
from newsarc.normalize import normalize_arabic
from newsarc.reader import source_slug
from newsarc.stopwords import ARABIC_STOPWORDS, QUESTION_WORDS
from newsarc.variants import variants

# Whoosh reads `؟` (the Arabic question mark) as a one-letter wildcard, so a pasted
# headline ending in `؟` would find nothing.
_QUERY_DROPPED = str.maketrans({"؟": " "})
_WILDCARD_CLASSES = (wq.Prefix, wq.Wildcard)
# Wildcards match the normalized, unstemmed form: a stem of a prefix is meaningless.
WILDCARD_FIELD = EXACT_FIELD
# Weight of a spelling the query did not use (newsarc.variants) relative to the word as
# typed: tuned on Qur'an QA train+dev (bench/eval_quranqa.py).
VARIANT_BOOST = 0.5
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
    cleaned = text.translate(_QUERY_DROPPED).strip()
    if not cleaned:
        raise QueryError("empty query", hint="give at least one word to search for")
    _check_balanced(cleaned)
    group = OrGroup if any_word else AndGroup
    fields = [EXACT_FIELD] if exact else list(BODY_FIELDS)
    boosts = ANY_WORD_FIELD_BOOSTS if any_word else FIELD_BOOSTS
    parser = MultifieldParser(fields, schema, fieldboosts=boosts, group=group)
    # Not normalized yet: normalizing flattens the one-Or-per-word structure worked on here.
    structured = _regroup_words(_route_wildcards(parser.parse(cleaned, normalize=False)))
    if any_word:
        structured = _drop_question_words(structured)
    if reader is not None and not exact:
        structured = _add_variants(structured, reader)
    parsed = structured.normalize()
    if _is_null(parsed) or not _has_positive_clause(parsed):
        raise QueryError(
            f"the query {text!r} has nothing to search for",
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


def _word_with_variants(group, reader):  # type: ignore[no-untyped-def]
    terms = group.subqueries
    word = _exact_word(group)

    def frequency(term: str) -> int:
        return reader.doc_frequency(EXACT_FIELD, term)

    seen = {(term.fieldname, term.text) for term in terms}
    added = []
    for variant, stemmable in variants(word, frequency, ARABIC_STOPWORDS):
        for term in terms:
            if term.fieldname != EXACT_FIELD and not stemmable:
                continue
            text = variant if term.fieldname == EXACT_FIELD else stem(variant)
            if (term.fieldname, text) not in seen:
                seen.add((term.fieldname, text))
                added.append(wq.Term(term.fieldname, text, boost=term.boost * VARIANT_BOOST))
    return WordQuery([*terms, *added], boost=group.boost) if added else group


def _check_balanced(text: str) -> None:
    if text.count('"') % 2:
        raise QueryError(f"unbalanced quote in query: {text}", hint='close the phrase with "')
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
                raise QueryError(f"unbalanced ')' in query: {text}")
    if depth:
        raise QueryError(f"unbalanced '(' in query: {text}", hint="close every ( with )")


def _route_wildcards(node):  # type: ignore[no-untyped-def]
    if isinstance(node, _WILDCARD_CLASSES):
        if node.fieldname in ("body", "title"):
            return wq.NullQuery
        return node.__class__(node.fieldname, _normalize_pattern(node.text), boost=node.boost)
    if node.is_leaf():
        return node
    return node.apply(_route_wildcards)


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
    elif isinstance(node, wq.Or) and node.subqueries and all(isinstance(q, wq.Phrase) for q in node.subqueries):
        lines.append(pad + "phrase " + "  ".join(f"{_field_label(q.fieldname)} «{' '.join(q.words)}»" for q in _one_per_label(node.subqueries)))
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
    variants_found = [t.text for t in terms if t.fieldname == EXACT_FIELD and t.text != word]
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
