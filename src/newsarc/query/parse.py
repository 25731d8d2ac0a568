"""Query text → newsarc's query tree (newsarc.query.tree), with the filters around it.

The checks a person needs (unbalanced quotes, operators without words, internal field
names, unreadable dates) come first, with a message to act on; then the words are read
into the tree (the grammar: newsarc.engine.whoosh_query.read_words), question words are
dropped (--any), and the archive's spelling variants are added (`with_variants`, given a
lexicon: newsarc.engine.base.Reader).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Collection

from newsarc.errors import QueryError
from newsarc.normalize import WORD_CHARS_EXTRA, source_slug
from newsarc.query import tree as t
from newsarc.query.messages import shown
from newsarc.query.tree import EXACT_FIELD, FILTER_FIELDS, QUERY_FIELDS

#: The index's field names (newsarc.engine.whoosh_index.make_schema): `name:` with one of
#: them that is not in QUERY_FIELDS is refused.
INDEX_FIELDS = frozenset(
    {"id", "path", "hash", "title", "body", "exact", "source", "source_slug", "source_name",
     "date", "day", "place", "story", "sketch"}
)
# -- words ---------------------------------------------------------------------------------


def parse_words(text: str, *, any_word: bool = False, exact: bool = False) -> t.Node:
    """A user's words (no `date:` terms) as a tree; QueryError when malformed or when they
    match nothing by form.

    Words are all required unless ``any_word`` (then documents matching more of them rank
    higher, and question words such as كيف and كم are left out: for questions pasted as
    they are). ``exact`` searches the normalized, unstemmed words only.
    """
    from newsarc.engine.whoosh_index import make_schema
    from newsarc.engine.whoosh_query import read_words
    from newsarc.query_text import prepare_query

    cleaned = prepare_query(text).strip()
    if not cleaned:
        raise QueryError("empty query", hint="give at least one word to search for")
    _check_balanced(cleaned)
    _check_operators_and_fields(cleaned)
    try:
        words = read_words(make_schema(), cleaned, any_word=any_word, exact=exact)
    except QueryError:
        raise
    except Exception as exc:  # the grammar has corners that raise instead of reporting
        raise QueryError(
            f"cannot understand the query {shown(text)} ({type(exc).__name__})",
            hint="check its quotes, brackets and operators",
        ) from None
    if any_word:
        words = _drop_question_words(words)
    pruned = prune(words)
    if isinstance(pruned, t.Nothing) or not _has_positive_clause(pruned):
        raise QueryError(
            f"the query {shown(text)!r} has nothing to search for",
            hint="stopwords such as في and من are not indexed; add a content word",
        )
    return words


def _drop_question_words(node: t.Node) -> t.Node:
    from newsarc.stopwords import QUESTION_WORDS

    if isinstance(node, t.Word) and node.exact in QUESTION_WORDS:
        return t.Nothing()
    if isinstance(node, t.Term) and node.field == EXACT_FIELD and node.text in QUESTION_WORDS:
        return t.Nothing()
    return _map_children(node, _drop_question_words)


def _map_children(node: t.Node, change: Callable[[t.Node], t.Node]) -> t.Node:
    if isinstance(node, (t.And, t.Or)):
        return node.replace(children=tuple(change(child) for child in node.children))
    if isinstance(node, t.Not):
        return node.replace(child=change(node.child))
    if isinstance(node, t.AndNot):
        return node.replace(positive=change(node.positive), negative=change(node.negative))
    if isinstance(node, t.AndMaybe):
        return node.replace(required=change(node.required), optional=change(node.optional))
    return node


def prune(node: t.Node) -> t.Node:
    """The tree without what matches nothing, as engines run it: Nothing dropped from And
    and Or (Nothing when none is left), Not of Nothing and AndNot of a Nothing are
    Nothing, AndNot and AndMaybe without their second part are their first."""
    if isinstance(node, (t.And, t.Or)):
        kept = tuple(
            child for child in map(prune, node.children) if not isinstance(child, t.Nothing)
        )
        return node.replace(children=kept) if kept else t.Nothing()
    if isinstance(node, t.Not):
        child = prune(node.child)
        return t.Nothing() if isinstance(child, t.Nothing) else node.replace(child=child)
    if isinstance(node, t.Phrase) and not node.words:
        return t.Nothing()
    if isinstance(node, (t.AndNot, t.AndMaybe)):
        first, second = (prune(part) for part in t.children(node))
        if isinstance(first, t.Nothing):
            return first
        if isinstance(second, t.Nothing):
            return first
        return type(node)(first, second, node.boost)
    return node


def _has_positive_clause(node: t.Node) -> bool:
    if isinstance(node, (t.Not, t.Nothing)):
        return False
    if isinstance(node, t.LEAVES):
        return True
    if isinstance(node, t.AndNot):
        return _has_positive_clause(node.positive)
    return any(_has_positive_clause(child) for child in t.children(node))


def only_filters(node: t.Node) -> bool:
    """Are the words only `source:` and `place:` terms (then results list by date)?"""
    node = prune(node)
    if isinstance(node, (t.Term, t.Phrase, t.Prefix, t.Wildcard, t.TermRange)):
        return node.field in FILTER_FIELDS
    if isinstance(node, t.LEAVES):
        return False
    return all(only_filters(child) for child in t.children(node))


# -- spelling variants -------------------------------------------------------------------


#: Distinct words of one query for which other spellings are looked for (the evidence reads
#: articles): a question or a headline is whole, a pasted page is not.
MAX_SPELLED_WORDS = 32


def with_variants(
    node: t.Node,
    lexicon,
    *,
    clitic_forms: bool = True,
    conjunction_words: Collection[str] = frozenset(),
    own_article_words: Collection[str] = frozenset(),
) -> t.Node:
    """Each word of the tree widened with the archive's other spellings of it: a clitic or
    pronoun added or removed (newsarc.variants) and a name spelled another way
    (newsarc.spelling: as a Variant, or as a phrase when the archive writes it as two
    words). ``lexicon``: newsarc.lexicon (frequency, neighbours, phrase_frequency); a plain
    ``doc_frequency(field, term)`` gives the clitic variants only. A negated word (NOT)
    stays as it is: excluding a word excludes that word only (and not the other words of
    its stem: Word.stem_excludes). ``clitic_forms``: also the word with other proclitics,
    weighted as such (newsarc.query.clitic_forms; for queries whose words are all
    required: ranking.CLITIC_FORM_BOOST). ``conjunction_words``: words whose first و the
    query wrote as the conjunction (conjunction_words_written): no root-و rule for them.
    ``own_article_words``: words whose ال the query wrote as their own
    (own_article_words_written): what light10 leaves without it is another word's."""
    from newsarc.analysis import stem
    from newsarc.lexicon import as_lexicon
    from newsarc.query.ranking import VARIANT_BOOST
    from newsarc.spelling import SpellingVariant, joined_spelling, spelling_variants
    from newsarc.stopwords import ARABIC_STOPWORDS
    from newsarc.variants import own_article_shown, variants

    lexicon = as_lexicon(lexicon)
    widened_words: dict[t.Word, t.Node] = {}  # a word repeated 1,500 times is looked up once
    spelled: list[t.Word] = []
    joined_words: dict[tuple[str, str], SpellingVariant | None] = {}

    def widen(current: t.Node) -> t.Node:
        if isinstance(current, t.Not):
            # Not widened, but narrowed to the word: -الرقة does not exclude ورقة.
            if isinstance(current.child, t.Word):
                word, _ = _with_stem_excludes(current.child, [], lexicon.frequency)
                return current.replace(child=word)
            return current
        if isinstance(current, t.Word):
            if current not in widened_words:
                widened_words[current] = widen_word(current)
            return widened_words[current]
        if isinstance(current, t.And):
            return _joined_pairs(current.replace(children=tuple(map(widen, current.children))))
        return _map_children(current, widen)

    def widen_word(current: t.Word) -> t.Node:
        root_waw = current.exact not in conjunction_words
        if root_waw:
            current = _root_waw_stemmed(current, lexicon.frequency)
        searched_stem = (lambda v: _searched_stem(v, lexicon.frequency)) if root_waw else stem
        found = [
            t.Variant(variant, searched_stem(variant) if stemmable else None)
            for variant, stemmable in variants(
                current.exact, lexicon.frequency, ARABIC_STOPWORDS, root_waw
            )
        ]
        own_article = current.exact in own_article_words or own_article_shown(
            current.exact, lexicon.frequency
        )
        if clitic_forms and current.stemmed is not None:  # (not --exact)
            found = _with_clitic_forms(
                current, found, lexicon.frequency, root_waw, own_article
            )
        current, found = _with_stem_excludes(
            current, found, lexicon.frequency, own_article, root_waw
        )
        phrases = []
        spelled.append(current)
        # not --exact, not a field of its own; and for a pasted page of text, its first
        # words only (each costs up to 100 articles read)
        if current.stemmed is not None and len(spelled) <= MAX_SPELLED_WORDS:
            for spelling in spelling_variants(
                current.exact, lexicon.frequency, lexicon.neighbours, lexicon.phrase_frequency
            ):
                if " " in spelling.text:  # one word written as two: the two as a phrase
                    words = tuple(spelling.text.split())
                    phrases.append(t.Phrase(EXACT_FIELD, words, boost=VARIANT_BOOST))
                else:
                    found.append(t.Variant(spelling.text, stem(spelling.text)))
        widened = current.replace(variants=current.variants + tuple(found))
        if len(widened.terms()) == len(current.terms()):
            widened = current
        return t.Or((widened, *phrases)) if phrases else widened

    def _joined_pairs(group: t.And) -> t.Node:
        # Two words the archive also writes as one (فيس بوك, فيسبوك): the pair, or the word.
        children = list(group.children)
        for i in range(len(children) - 1):
            first, second = children[i], children[i + 1]
            if not (isinstance(first, t.Word) and isinstance(second, t.Word)):
                continue
            if first.stemmed is None or second.stemmed is None:
                continue
            pair = (first.exact, second.exact)
            if pair not in joined_words:
                joined_words[pair] = joined_spelling(
                    pair, lexicon.frequency, lexicon.phrase_frequency
                )
            joined = joined_words[pair]
            if joined is not None:
                word = t.Word(joined.text, stem(joined.text), boost=VARIANT_BOOST)
                children[i : i + 2] = [t.Or((t.And((first, second)), word))]
                return group.replace(children=tuple(children))
        return group

    return widen(node)


def _searched_stem(term: str, frequency: Callable[[str], int]) -> str:
    """The stem ``term`` is searched by: its stem, or its article form's where the stemmer's
    cut of its first و leaves another word's (newsarc.variants.root_waw_stem_form)."""
    from newsarc.analysis import stem
    from newsarc.variants import root_waw_stem_form

    return stem(root_waw_stem_form(term, frequency) or term)


def _root_waw_stemmed(word: t.Word, frequency: Callable[[str], int]) -> t.Word:
    """``word`` searched by its article form's stem where the stemmer's cut of its first
    و leaves another word's (newsarc.variants.root_waw_stem_form: ``ورقة`` by ``ورقه``,
    not ``رقه``, Raqqa's); the clitic forms then follow that stem."""
    from newsarc.analysis import stem
    from newsarc.variants import root_waw_stem_form

    if word.stemmed is None:  # --exact
        return word
    form = root_waw_stem_form(word.exact, frequency)
    return word if form is None else word.replace(stemmed=stem(form))


def _with_stem_excludes(
    word: t.Word,
    found: list[t.Variant],
    frequency: Callable[[str], int],
    own_article: bool = False,
    root_waw: bool = True,
) -> tuple[t.Word, list[t.Variant]]:
    """``word`` with the other words its stems hold as stem_excludes
    (newsarc.variants.other_words_of_stems: ``ورقة`` for ``الرقة``, ``حدة`` for ``وحدة``),
    and ``found`` without them: the conjunction + the bare word is a clitic form only where
    the و is not a root's."""
    from newsarc.variants import other_words_of_stems

    if word.stemmed is None:  # --exact: no stem to exclude from
        return word, found
    stemmed = [variant.exact for variant in found if variant.stemmed is not None]
    others = tuple(
        other_words_of_stems(
            word.exact, stemmed, frequency, own_article=own_article, root_waw=root_waw
        )
    )
    if not others:
        return word, found
    kept = [variant for variant in found if variant.exact not in others]
    return word.replace(stem_excludes=others), kept


def _with_clitic_forms(
    word: t.Word,
    found: list[t.Variant],
    frequency: Callable[[str], int],
    root_waw: bool,
    own_article: bool,
) -> list[t.Variant]:
    """``found`` with the word's clitic forms (newsarc.query.clitic_forms) marked or added
    as such: a variant that is one is weighted as one."""
    from newsarc.analysis import stem
    from newsarc.query.clitic_forms import clitic_forms
    from newsarc.stopwords import ARABIC_STOPWORDS

    assert word.stemmed is not None
    forms = clitic_forms(
        word.exact, word.stemmed, frequency, stem, ARABIC_STOPWORDS, root_waw, own_article
    )
    if not forms:
        return found
    marked = [
        variant.replace(clitic=True) if variant.exact in forms else variant for variant in found
    ]
    known = {variant.exact for variant in found}
    added = [t.Variant(form, word.stemmed, clitic=True) for form in forms if form not in known]
    return marked + added


#: Distinct words an --any query searches: a longer one (a pasted page) keeps its MAX_ANY_WORDS
#: least common words the archive holds (Lucene's MoreLikeThis does the same). 64: the
#: Qur'an QA questions (bench/eval_quranqa.py: train, dev) have at most 26, and OR-ing
#: 5,000 words scores millions of postings (13-18 s on 40,000 articles).
MAX_ANY_WORDS = 64


def keep_telling_words(query: t.Query, lexicon) -> t.Query:
    """An --any query of more than MAX_ANY_WORDS distinct words with its MAX_ANY_WORDS
    most telling ones only: those the archive holds, fewest articles first (the first
    written first among equals); `words_given` and `words_kept` say so. A "word" is one
    clause of the any-of: a word, or what one written token makes (`2005-2006`, a
    phrase); NOT clauses, patterns and ranges are kept. Any other query is returned as it
    is. ``lexicon``: as for with_variants, with ``doc_frequency(field, term)``."""
    from newsarc.lexicon import as_lexicon

    if not query.any_word or query.words is None:
        return query
    clauses = query.words.children if isinstance(query.words, t.Or) else (query.words,)
    order = dict.fromkeys(
        clause for clause in clauses if not isinstance(clause, (t.Not, t.Nothing))
    )
    if len(order) <= MAX_ANY_WORDS:
        return query
    lexicon = as_lexicon(lexicon)
    look_up = getattr(lexicon, "doc_frequency", None)

    def frequency(field: str, term: str) -> int | None:
        if look_up is not None:
            return int(look_up(field, term))
        return lexicon.frequency(term) if field == EXACT_FIELD else None

    def articles(node: t.Node) -> int | None:
        """At most how many articles a clause matches (None: not known, kept)."""
        found: list[int | None]
        if isinstance(node, t.Word):
            found = [frequency(field, text) for field, text, _ in node.terms()]
        elif isinstance(node, t.Term):
            found = [frequency(node.field, node.text)]
        elif isinstance(node, t.Phrase):
            found = [frequency(node.field, word) for word in node.words]
            return None if None in found else min(found, default=0)  # type: ignore[type-var]
        elif isinstance(node, t.Or):
            found = [articles(child) for child in node.children]
        elif isinstance(node, t.And):
            found = [articles(child) for child in node.children]
            return None if None in found else min(found, default=0)  # type: ignore[type-var]
        else:
            return None
        return None if None in found else max(found, default=0)  # type: ignore[type-var]

    counts = {clause: articles(clause) for clause in order}
    unknown = [clause for clause, count in counts.items() if count is None]
    known = {clause: count for clause, count in counts.items() if count is not None}
    if len(known) <= MAX_ANY_WORDS:
        return query
    held = sorted((clause for clause, count in known.items() if count), key=known.__getitem__)
    kept = set(held[:MAX_ANY_WORDS]) | set(unknown)
    words = t.Or(tuple(c for c in clauses if c in kept or isinstance(c, t.Not)))
    if isinstance(query.words, t.Or):
        words = query.words.replace(children=words.children)
    return query.replace(
        words=prune(words), words_given=len(known), words_kept=min(len(held), MAX_ANY_WORDS)
    )


def add_variants(query: t.Query, lexicon) -> t.Query:
    """The query with the archive's other spellings of its words (none with --exact); an
    --any query of more than MAX_ANY_WORDS distinct words keeps its most telling ones
    first (keep_telling_words)."""
    query = keep_telling_words(query, lexicon)
    if query.words is None or query.exact:
        return query
    # The clitic forms were chosen for all-words queries (known items); with --any they
    # cost Qur'an QA train+dev MAP@10 0.223 → 0.220 (bench/eval_quranqa.py; measured with
    # --any's best-spelling-per-field, since reverted).
    return query.replace(
        words=with_variants(
            query.words,
            lexicon,
            clitic_forms=not query.any_word,
            conjunction_words=conjunction_words_written(query.text),
            own_article_words=own_article_words_written(query.text),
        )
    )


#: A و written before an alef with hamza is the conjunction: no root-و word starts so, and
#: folding the hamza would make one of it (وأعدها, and prepared it, as واعد, promising).
#: (Word characters as tokens have them: normalize.WORD_CHARS_EXTRA, marks and tatweel.)
_CONJUNCTION_BEFORE_HAMZA = re.compile(
    rf"(?<![\w{WORD_CHARS_EXTRA}])و[{WORD_CHARS_EXTRA}]*[أإآ][\w{WORD_CHARS_EXTRA}]*"
)
#: A word opening with an alef with hamza or madda and ل: its ال is its own, never the
#: article, whose alef takes no hamza (إلهام, آلاف, ألمانيا: folded, الهام looks like
#: the article + هام, important).
_OWN_ARTICLE = re.compile(
    rf"(?<![\w{WORD_CHARS_EXTRA}])[أإآ][{WORD_CHARS_EXTRA}]*ل[\w{WORD_CHARS_EXTRA}]*"
)


def conjunction_words_written(text: str) -> frozenset[str]:
    """The words of a query (normalized) written with the conjunction before a hamza
    (``وأعدها``, ``وإلى``)."""
    return _words_written(_CONJUNCTION_BEFORE_HAMZA, text)


def own_article_words_written(text: str) -> frozenset[str]:
    """The words of a query (normalized) written with an alef with hamza or madda before
    their first ل (``إلهام``, ``آلاف``): their ال is their own."""
    return _words_written(_OWN_ARTICLE, text)


def _words_written(pattern: re.Pattern[str], text: str) -> frozenset[str]:
    from newsarc.normalize import normalize_arabic

    return frozenset(normalize_arabic(found.group()) for found in pattern.finditer(text))


# -- checks --------------------------------------------------------------------------------


def _check_balanced(text: str) -> None:
    if text.count('"') % 2:
        raise QueryError(
            f"unbalanced quote in query: {shown(text)}", hint='close the phrase with "'
        )
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
                raise QueryError(f"unbalanced ')' in query: {shown(text)}")
    if depth:
        raise QueryError(f"unbalanced '(' in query: {shown(text)}", hint="close every ( with )")


_BINARY_OPERATORS = frozenset({"AND", "OR", "ANDNOT", "ANDMAYBE"})
_OPERATORS = _BINARY_OPERATORS | {"NOT"}
_TOKEN = re.compile(r'"[^"]*"|[()]|[^\s()"]+')
_FIELD_PREFIX = re.compile(r"^(\w+):")


def _check_operators_and_fields(text: str) -> None:
    """Operators need words to work on, and only `title:` and `source:` may be named.

    The grammar reads a lone `AND` as the word "and" (so `سوريا AND` finds nothing),
    fails on `NOT NOT x`, and raises on internal fields such as `path:`.
    """
    tokens = _TOKEN.findall(text)
    for position, token in enumerate(tokens):
        if token in _OPERATORS:
            before = tokens[position - 1] if position else "("
            after = tokens[position + 1] if position + 1 < len(tokens) else ")"
            if token == "NOT":
                if after == ")" or after in _OPERATORS:
                    raise QueryError(
                        f"NOT needs a word after it: {shown(text)}", hint="e.g. سوريا NOT العراق"
                    )
            elif (
                before == "(" or before in _OPERATORS or after == ")" or after in _BINARY_OPERATORS
            ):
                raise QueryError(
                    f"{token} needs a word on each side: {shown(text)}",
                    hint=f"e.g. سوريا {token} العراق",
                )
            continue
        field = _FIELD_PREFIX.match(token)
        if field and field.group(1) in INDEX_FIELDS and field.group(1) not in QUERY_FIELDS:
            raise QueryError(
                f"{field.group(1)}: cannot be searched by name",
                hint="name "
                + " or ".join(f"{name}:" for name in QUERY_FIELDS)
                + ", or leave the field out",
            )


# -- dates and the whole query -------------------------------------------------------------

# `date:2019..2020`, `date:2019-03`, `date:..2018`, `date:"12 يناير 2019"`. Read before the
# grammar sees the query, so that a bad date is an error instead of an empty result.
_DATE_TERM = re.compile(
    r'(?<![^\s(\-+!])date:(?:"(?P<quoted>[^"]*)"|(?P<bare>[^\s()"]*))', re.IGNORECASE
)
_OPERATOR_BEFORE = re.compile(r"(?:^|\s)(?:NOT|OR|AND|ANDNOT|ANDMAYBE)\s*$|[-+!]$")


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
            raise QueryError(
                "date: without a date",
                hint="e.g. date:2019, date:2019-03, date:2019..2020, date:..2018",
            )
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


def date_bounds(
    expressions: list[str], since: str | None = None, until: str | None = None
) -> tuple[dt.date | None, dt.date | None]:
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
                f"{label}: {exc}",
                hint="dates are YYYY, YYYY-MM, YYYY-MM-DD or a range A..B, A.., ..B",
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


def parse_query(
    text: str,
    *,
    source: str | None = None,
    since: str | None = None,
    until: str | None = None,
    any_word: bool = False,
    exact: bool = False,
) -> t.Query:
    """A user's query with its filters: words (parse_words, with any_word and exact),
    `date:` terms, --source, --since, --until. A query of filters only (no words) is valid
    and lists by date. Spelling variants: add_variants, with the archive's lexicon."""
    rest, expressions = split_date_terms(text)
    start, end = date_bounds(expressions, since, until)
    slug = source_slug(source) if source else None
    if rest.strip():
        words = parse_words(rest, any_word=any_word, exact=exact)
        return t.Query(
            words, any_word=any_word, exact=exact, source_slug=slug, start=start, end=end,
            words_only_filter=only_filters(words), text=text,
        )
    if not (slug or start or end):
        raise QueryError(
            "empty query",
            hint="give a word to search for, or a filter: --source, --since, --until, date:2019",
        )
    return t.Query(None, source_slug=slug, start=start, end=end, text=text)
