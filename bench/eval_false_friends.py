"""False friends on real news: how much of what a one-word search returns is another word?

    python bench/eval_false_friends.py --corpus saudinewsnet   # held out (the issue's)
    python bench/eval_false_friends.py --corpus ant            # the corpus tuned on
    python bench/eval_false_friends.py --corpus ant --scan 300 # classes of false friends

Light stemming joins words that only share letters: ``الرياض`` (Riyadh) and ``الرياضة``
(sport) both stem to ``رياض``, ``أبها`` to ``أب``, ``السعودية`` to ``سعود``. For one-word
searches of place names, country names and frequent nouns, this prints the share of the
returned articles that hold **only a different word** — no form of the typed word:

* before: what light10's stem finds (every article with a word of the same light10 stem,
  read from the texts: the product's matching before newsarc's stemmer);
* now: what ``newsarc search WORD`` finds (stem, clitic and spelling variants);

and the share of the articles holding the word that the search misses (should be 0).

"A form of the typed word" is the grammar rule of ``newsarc.stem.stem_word``: the word with
clitics (و ف ب ل ك, the article) and inflections (dual, plural, attached pronouns) is the
word; ة or a nisba ي/ية added or removed makes another word. A token with a one-letter
preposition or conjunction (ب ل ف ك, after و or ف too) holds the word when what follows it
does (بجدة, لمكة), whatever the archive's frequencies. The product's stemmer is that
same rule, so "now" measures what leaks past it (clitic and spelling variants) and
"before" what light stemming returned; ``--show N`` lists the other words light10 brought
for N queries, for a person to check the rule.

``--scan N [--show K] [--classes M]`` finds the classes of false friends no list names,
inside the stemmer too (the measure above counts what shares the typed word's stem as its
form, so it cannot see them). It types the N most frequent words of the exact field
written with the article (ال + 3 letters or more, not stopwords) and their bare forms
where written, searches each as ``newsarc search`` does, and reads in each article
returned the tokens that made it match: those equal to an exact term of the query, or
whose stem is one of its stems (but for the articles holding a word it excludes from its
stem, ``Word.stem_excludes``). The article holds **no form of the typed word** when none
of these tokens is one by this definition, independent of the stemmer (``is_form``):

    token = proclitic run + base + ending

* base: the typed word without its article;
* proclitic run: none, or one of ``PROCLITIC_RUNS`` (و ف ب ل ك, ال, لل, وال, بال, ...);
  but a run without the article whose last letters the archive writes after the article
  in ``ROOT_EVIDENCE`` articles is the word's own letters (``ورقة`` is not و + رقة:
  ``الورقة`` is written), and the token another word;
* ending: none, ات ان ين ون, ات + pronoun, a pronoun (``PRONOUN_SUFFIXES`` but ي); after
  a base ending in ة, ة written ت + any pronoun (ي too), ات, تان, تين. ي / ية after the
  base (the nisba) make another word.

Each such article is classed by its matched token (the one written most in it) against
the base (``relation``): named classes, else the letters taken off and added at the
start, inside and end; "by the stemmer": the share whose token has the typed word's own
stem (the rest came by a variant newsarc adds: a proclitic base, a clitic form, another
spelling, a root-و word's other stem). Four classes are the typed word itself in a form
the definition leaves out (``SAME_WORD``: a nisba's other gender or number, a plural's
singular, another spelling newsarc.spelling adds); the others are the **false friends**:
another word (``DUAL_OR_ROOT``, ان taken off, counted with them and apart: a dual's
singular or another word, letters cannot tell). Per class: its articles, the typed words
it touches, the 5 worst with their matched tokens; ``--show K``: the K typed words with
the most false friends. Articles matched only by a word written as two (a phrase) have no
matched token: counted apart.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter, defaultdict
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_known_items import CORPORA
from eval_variants import Corpus

from newsarc.normalize import TOKEN_PATTERN, normalize_arabic
from newsarc.query.clitic_forms import PROCLITIC_RUNS
from newsarc.variants import PRONOUN_SUFFIXES

PLACES = """الرياض جدة مكة المدينة الدمام أبها الطائف تبوك القصيم حائل جازان نجران الخبر القطيف
القاهرة دمشق بغداد بيروت صنعاء عمان الكويت الدوحة دبي أبوظبي المنامة مسقط تونس الرباط طرابلس
الخرطوم القدس غزة حلب الموصل عدن تعز طهران أنقرة إسطنبول موسكو واشنطن لندن باريس برلين""".split()
COUNTRIES = """السعودية مصر سوريا العراق اليمن لبنان الأردن قطر البحرين الإمارات عمان الكويت ليبيا
تونس الجزائر المغرب السودان إيران تركيا روسيا أمريكا فرنسا ألمانيا بريطانيا الصين اليابان
الهند باكستان أفغانستان إسرائيل فلسطين""".split()
NOUNS = """الحكومة الوزير الوزارة الشرطة الجيش المدرسة الجامعة المستشفى النفط الانتخابات الرئيس
الأمن الاقتصاد المنتخب الطاقة الشركة السوق الأسعار المياه الكهرباء المعلم الطالب الطلاب العمل
المشروع المجلس البرلمان القانون المحكمة الحرب السلام الإرهاب الصحة المرض الفريق المباراة
الدوري الملك الأمير العاصمة المنطقة البلدية الطريق الحج العمرة رمضان العيد""".split()
GROUPS = (("places", PLACES), ("countries", COUNTRIES), ("nouns", NOUNS))


_CLITICS = ("ب", "ل", "ف", "ك", "وب", "ول", "فب", "فل")


def _stems_with_clitics(token: str, stem) -> set[str]:  # type: ignore[no-untyped-def]
    """The token's stem, and the stems of what follows a one-letter preposition or
    conjunction the stemmer leaves on (بجدة is جدة: the stemmer, like light10, only removes
    ب and ل with the article)."""
    found = {stem(token)}
    for clitic in _CLITICS:
        if token.startswith(clitic) and len(token) - len(clitic) >= 3:
            found.add(stem(token[len(clitic) :]))
    return found


# -- --scan: the classes of false friends, found in the archive's own frequent words ------

#: What may come before a word (query.clitic_forms.PROCLITIC_RUNS), and nothing.
_RUNS = ("", *PROCLITIC_RUNS)
#: Attached pronouns but ي, which after a bare base is read as the nisba (another word).
_PRONOUNS = tuple(p for p in PRONOUN_SUFFIXES if p != "ي")
#: Endings that keep a base the same word: plurals, dual, attached pronouns.
_ENDINGS = ("", "ات", "ان", "ين", "ون", *_PRONOUNS, *("ات" + p for p in PRONOUN_SUFFIXES))
#: After a base ending in ة (ه once normalized): ة written ت before a pronoun, the plural
#: and the dual.
_FEMININE_ENDINGS = ("ات", "تان", "تين", *("ت" + p for p in PRONOUN_SUFFIXES),
                     *("ات" + p for p in PRONOUN_SUFFIXES))  # fmt: skip
#: Articles writing ال + the letters before a base for them to be the word's own (الورقة).
ROOT_EVIDENCE = 2


@cache
def word_forms(base: str) -> frozenset[str]:
    """The forms of a base without proclitics: the base, + ات ان ين ون, + a pronoun
    (``_ENDINGS``); a base ending in ة also with ة as ت + pronoun, ات, تان, تين."""
    forms = {base + ending for ending in _ENDINGS}
    if base.endswith("ه"):
        forms.update(base[:-1] + ending for ending in _FEMININE_ENDINGS)
    return frozenset(forms)


def own_letters(run: str, base: str, frequency) -> bool:  # type: ignore[no-untyped-def]
    """Whether the last letters of a run without the article are the word's own: the
    archive writes them after the article (``ورقه``: ``الورقه``; ``وبلد``: ``البلد``)."""
    return "ال" not in run and any(
        frequency("ال" + run[i:] + base) >= ROOT_EVIDENCE for i in range(len(run))
    )


def is_form(token: str, base: str, frequency) -> bool:  # type: ignore[no-untyped-def]
    """Whether ``token`` is a form of the word of ``base`` (normalized, no article):
    a proclitic run (none, و ف ب ل ك, ال, لل, وال, بال, ...) + ``word_forms(base)``, where
    the run's letters are not the word's own (``own_letters``). Independent of the
    stemmer; ي / ية after the base make another word (the nisba)."""
    return any(
        token.startswith(run)
        and token[len(run) :] in word_forms(base)
        and not own_letters(run, base, frequency)
        for run in _RUNS
    )


def _edit(base: str, core: str) -> str:
    """How ``core`` is written from ``base``: the letters taken off (−) and added (+) at
    the start, inside and at the end (``سودان`` → ``سود``: ``end −ان``)."""
    import difflib

    parts = []
    for op, b1, b2, c1, c2 in difflib.SequenceMatcher(None, base, core).get_opcodes():
        if op == "equal":
            continue
        where = "start" if b1 == 0 else "end" if b2 == len(base) else "inside"
        removed = f"−{base[b1:b2]}" if b2 > b1 else ""
        added = f"+{core[c1:c2]}" if c2 > c1 else ""
        parts.append(f"{where} {removed}{added}")
    return "; ".join(parts) or "same"


#: Endings that make the base a nisba (relative adjective), and those of its other
#: genders and numbers.
_NISBA_ENDINGS = ("يين", "يون", "يات", "يان", "يه", "ي")
_NUMBER_ENDINGS = ("ات", "ان", "ين", "ون")


def _strip(word: str, endings) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    for ending in endings:
        if word.endswith(ending) and len(word) - len(ending) >= 2:
            return word[: -len(ending)], ending
    return word, ""


def _without_pronoun(core: str) -> str:
    """``core`` without an attached pronoun (not ي: the nisba), ة written ت before it
    given back as ه."""
    for pronoun in sorted(_PRONOUNS, key=len, reverse=True):
        if core.endswith(pronoun) and len(core) - len(pronoun) >= 3:
            core = core[: -len(pronoun)]
            return core[:-1] + "ه" if core.endswith("ت") else core
    return core


#: The classes of tokens that are the typed word in a form the definition leaves out: its
#: other gender or number. The rest are other words: the false friends proper.
SAME_WORD = (
    "the typed nisba's other gender or number (الدولية → الدولي)",
    "the singular of the typed plural in ات (الشركات → شركة, القرارات → قرار)",
    "the typed plural's or dual's singular, or its other case (المسؤولين → مسؤول, مسؤولون)",
    "another spelling of the typed word (newsarc.spelling: الأمريكية → الأميركي)",
)


#: A class letters cannot decide: ان is a dual's ending (الرئيسان → الرئيس, the same word)
#: or the word's own letters (الانسان → انس, another). Among the false friends, shown apart.
DUAL_OR_ROOT = "the last letters ان taken off: a dual (الرئيسان → الرئيس) or not (الانسان → انس)"


def relation(token: str, base: str, frequency) -> str:  # type: ignore[no-untyped-def]
    """The class of a matched token that is no form of ``base``'s word, by how its core
    (the token without the proclitic run leaving most of the base's first letters) is
    written from the base; ``_edit``'s letters for the classes not named here."""
    for run in _RUNS[1:]:
        if (
            token.startswith(run)
            and token[len(run) :] in word_forms(base)
            and own_letters(run, base, frequency)
        ):
            return f"{run[-1]} + base, {run[-1]} a root letter (ال{run[-1]}… written: ورقة for رقة)"

    def core_from(word: str) -> str:  # the token without the run sharing most of word
        def shared(run: str) -> tuple[int, int]:
            return len(os.path.commonprefix([token[len(run) :], word])), -len(run)

        run = max((run for run in _RUNS if token.startswith(run)), key=shared)
        return token[len(run) :]

    core = core_from(base)
    bare = _without_pronoun(core)
    if core.startswith(base) and core[len(base) :].startswith("ي"):
        return "base + ي/ية…: the typed word's nisba (الرياض → رياضي)"
    nisba, typed_ending = _strip(base, _NISBA_ENDINGS)
    if typed_ending and nisba in (_strip(core, _NISBA_ENDINGS)[0], _strip(bare, _NISBA_ENDINGS)[0]):
        return SAME_WORD[0]
    single, number = _strip(base, _NUMBER_ENDINGS)
    if number:
        if bare in (single, single + "ه"):
            other, ending = single, bare[len(single) :]
        else:
            other, ending = _strip(bare, (*_NUMBER_ENDINGS, "ه"))
        if other == single and number == "ات" and ending in ("", "ه"):
            return SAME_WORD[1]
        if other == single and number != "ات" and ending in ("", "ين", "ون", "ان"):
            if number == "ان" and not ending:
                return DUAL_OR_ROOT
            return SAME_WORD[2]
        if other == single:
            return f"a plural in {number} typed, one in {ending} matched (العشرات → العشرين)"
    if not number and _strip(bare, _NUMBER_ENDINGS)[0] == base:
        return SAME_WORD[2]  # a plural in ان with a pronoun: البلد → بلدانهم
    if base.endswith("ه") and _strip(bare, _NUMBER_ENDINGS)[0] == base[:-1]:
        return "the typed word without its ة (المدرسة → المدرس)"
    for run in sorted(PROCLITIC_RUNS, key=len, reverse=True):
        rest = base[len(run) :]
        if base.startswith(run) and len(rest) >= 2:
            shared = len(os.path.commonprefix([core_from(rest), rest]))
            if shared >= 2 and shared >= len(rest) - 2:
                return f"the base's first {run} taken for a proclitic (بلدية → لديه)"
    return _edit(base, core)


def token_class(token: str, base: str, spellings, frequency) -> str:  # type: ignore[no-untyped-def]
    """``relation``, or another spelling of the typed word where the token is a form of
    one, or is one in another gender or number."""
    found = relation(token, base, frequency)
    if found in SAME_WORD:
        return found
    for other in spellings:
        if is_form(token, other, frequency) or relation(token, other, frequency) in SAME_WORD:
            return SAME_WORD[3]
    return found


class Scanned(NamedTuple):
    """One word typed in --scan."""

    typed: str  # normalized: الرقه, or its bare form رقه
    base: str  # without the article: رقه
    returned: int
    #: article → (its class, the token classing it, True where that token has the typed
    #: word's own stem: joined by the stemmer, not by a variant newsarc adds)
    false_friends: dict[int, tuple[str, str, bool]]
    unexplained: int  # returned articles where no matched term was found (phrases)


def scanned_words(corpus, top: int):  # type: ignore[no-untyped-def]
    """(typed, base) for the ``top`` most frequent article words of the exact field (ال + 3
    letters or more, not stopwords) and their bare forms where written, and the exact
    lexicon by stem. A word the archive writes after the article more often than without
    its ال (``الكترونيه``: ``الالكترونيه``, ``كترونيه`` never) is typed as a bare word, its
    own base."""
    from newsarc.analysis import stem
    from newsarc.stopwords import ARABIC_STOPWORDS

    by_stem: dict[str, list[str]] = defaultdict(list)
    articles = []
    for raw, info in corpus.searcher.reader().iter_field("exact"):
        term = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        by_stem[stem(term)].append(term)
        if term.startswith("ال") and len(term) >= 5 and term not in ARABIC_STOPWORDS:
            articles.append((info.doc_frequency(), term))
    articles.sort(key=lambda pair: (-pair[0], pair[1]))
    typed: dict[str, str] = {}  # word typed → its base
    for _n, word in articles[:top]:
        if corpus.frequency("ال" + word) > max(ROOT_EVIDENCE, corpus.frequency(word[2:])):
            typed[word] = word  # its ال is the word's own (الكترونيه: الالكترونيه written)
            continue
        typed.setdefault(word, word[2:])
        if corpus.frequency(word[2:]) and word[2:] not in ARABIC_STOPWORDS:
            typed[word[2:]] = word[2:]
    return list(typed.items()), by_stem


def query_terms(query) -> tuple[set[str], set[str], set[str]]:  # type: ignore[no-untyped-def]
    """(exact terms, stems, exact terms whose articles the stems do not reach) of a
    compiled Whoosh query: stem_excludes are the negative side of an AndNot."""
    from whoosh import query as wq

    exact, stems, excluded = set(), set(), set()

    def walk(node, negative: bool) -> None:  # type: ignore[no-untyped-def]
        if isinstance(node, wq.AndNot):
            walk(node.a, negative)
            walk(node.b, True)
        elif isinstance(node, wq.Term):
            if negative:
                excluded.add(node.text)
            elif node.fieldname == "exact":
                exact.add(node.text)
            else:
                stems.add(node.text)
        elif isinstance(node, wq.Phrase):
            pass  # a word written as two (newsarc.spelling): no one token matches it
        else:
            for child in node.children():
                walk(child, negative)

    walk(query, False)
    return exact, stems, excluded


def scan_word(corpus, typed: str, base: str, by_stem, postings) -> Scanned:  # type: ignore[no-untyped-def]
    """``typed`` searched as newsarc searches it; each article returned classed by the
    tokens that made it match: a false friend when none is a form of ``base``'s word."""
    from newsarc.analysis import stem
    from newsarc.engine.whoosh import whoosh_query
    from newsarc.spelling import spelling_variants

    own_stems = {stem(typed), stem("ال" + base)}
    query = whoosh_query(typed, reader=corpus.lexicon)
    returned = set(corpus.searcher.docs_for_query(query))
    exact, stems, excluded = query_terms(query)
    blocked = set().union(*(postings(term) for term in excluded))  # stems do not reach these
    matched: dict[int, dict[str, int]] = defaultdict(dict)
    for term in exact:
        for doc, count in postings(term).items():
            if doc in returned:
                matched[doc][term] = count
    for term in {term for key in stems for term in by_stem.get(key, ())} - excluded:
        for doc, count in postings(term).items():
            if doc in returned and doc not in blocked:
                matched[doc][term] = count
    spellings = [
        variant.text.removeprefix("ال")
        for variant in spelling_variants(
            typed, corpus.frequency, corpus.lexicon.neighbours, corpus.lexicon.phrase_frequency
        )
        if " " not in variant.text
    ]
    false_friends = {}
    for doc, tokens in matched.items():
        if any(is_form(token, base, corpus.frequency) for token in tokens):
            continue
        classes = Counter()  # the article's class: that of most of its matched tokens
        for token, count in tokens.items():
            classes[token_class(token, base, spellings, corpus.frequency), token] += count
        label, token = max(classes, key=lambda key: (classes[key], key))
        false_friends[doc] = (label, token, stem(token) in own_stems)
    unexplained = len(returned - matched.keys())
    return Scanned(typed, base, len(returned), false_friends, unexplained)


def report_scan(corpus, top: int, shown: int, listed: int) -> None:  # type: ignore[no-untyped-def]
    typed, by_stem = scanned_words(corpus, top)
    reader = corpus.searcher.reader()

    @cache
    def postings(term: str) -> dict[int, int]:
        if not corpus.frequency(term):
            return {}
        return dict(reader.postings("exact", term).items_as("frequency"))

    rows = [scan_word(corpus, word, base, by_stem, postings) for word, base in typed]
    classes: dict[str, Counter] = defaultdict(Counter)  # class → typed word → articles
    tokens: dict[tuple[str, str], Counter] = defaultdict(Counter)  # (class, typed) → tokens
    stemmer: Counter = Counter()  # class → articles whose token has the typed word's stem
    for row in rows:
        for label, token, by_stemmer in row.false_friends.values():
            classes[label][row.typed] += 1
            tokens[label, row.typed][token] += 1
            stemmer[label] += by_stemmer
    articles = sum(1 for row in rows if row.typed != row.base)
    print(
        f"Typed: the {articles} most frequent article words and the {len(rows) - articles} "
        f"bare forms written; no matched term found (phrases): "
        f"{sum(row.unexplained for row in rows):,} articles\n"
    )
    print("| typed | words | returned | no form of the typed word | of which the same word "
          "(SAME_WORD) | **false friends: another word** | of these, ان taken off "
          "(DUAL_OR_ROOT) |")  # fmt: skip
    print("|---|---|---|---|---|---|---|")
    for label, group in (
        ("article form", [row for row in rows if row.typed != row.base]),
        ("bare form", [row for row in rows if row.typed == row.base]),
        ("**both**", rows),
    ):
        back = sum(row.returned for row in group)
        none = sum(len(row.false_friends) for row in group)
        same = sum(
            1 for row in group for kind, *_ in row.false_friends.values() if kind in SAME_WORD
        )
        dual = sum(
            1 for row in group for kind, *_ in row.false_friends.values() if kind == DUAL_OR_ROOT
        )
        print(
            f"| {label} | {len(group)} | {back:,} | {none:,} ({none / max(1, back):.2%}) "
            f"| {same:,} ({same / max(1, back):.2%}) "
            f"| **{none - same:,} ({(none - same) / max(1, back):.2%})** "
            f"| {dual:,} ({dual / max(1, back):.2%}) |"
        )
    for title, chosen in (
        ("False friends: another word, by class", lambda label: label not in SAME_WORD),
        ("The same word in a form the definition leaves out", lambda label: label in SAME_WORD),
    ):
        print(f"\n{title}:\n")
        print("| class: the matched token from the typed word's base | articles | by the stemmer "
              "| typed words | the 5 worst typed words: articles (matched tokens) |")  # fmt: skip
        print("|---|---|---|---|---|")
        ranked = sorted(
            ((label, counts) for label, counts in classes.items() if chosen(label)),
            key=lambda item: (-sum(item[1].values()), item[0]),
        )
        for label, counts in ranked[:listed]:
            worst = "; ".join(
                f"{word} {n} ({' '.join(t for t, _ in tokens[label, word].most_common(3))})"
                for word, n in counts.most_common(5)
            )
            total = sum(counts.values())
            print(
                f"| {label} | {total:,} | {stemmer[label] / total:.0%} | {len(counts)} | {worst} |"
            )
        rest = ranked[listed:]
        if rest:
            left = sum(sum(counts.values()) for _label, counts in rest)
            print(f"| {len(rest)} other classes | {left:,} | | | |")
    if shown:
        print("\n| typed | returned | false friends: another word | share |\n|---|---|---|---|")
        other = {
            row.typed: sum(1 for kind, *_ in row.false_friends.values() if kind not in SAME_WORD)
            for row in rows
        }
        for row in sorted(rows, key=lambda row: (-other[row.typed], row.typed))[:shown]:
            n = other[row.typed]
            print(f"| {row.typed} | {row.returned:,} | {n:,} | {n / max(1, row.returned):.0%} |")


def main(argv: list[str] | None = None) -> int:
    from newsarc.analysis import stem
    from newsarc.stem import stem_light10

    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", choices=list(CORPORA), default="saudinewsnet")
    parser.add_argument(
        "--show",
        type=int,
        default=0,
        help="list light10's other words for N queries (with --scan: the N typed words "
        "with the most false friends)",
    )
    parser.add_argument(
        "--scan",
        type=int,
        metavar="N",
        help="instead: the N most frequent article words and their bare forms, each "
        "article returned classed by the tokens that matched (see --scan above)",
    )
    parser.add_argument(
        "--classes", type=int, default=25, metavar="M", help="with --scan: classes listed"
    )
    args = parser.parse_args(argv)
    corpus = Corpus(args.corpus)
    role = "tuning corpus" if args.corpus == "ant" else "held out: not used for tuning"
    if args.scan:
        size = len(corpus.documents)
        print(f"False-friend classes on {args.corpus} ({size} articles; {role})\n")
        report_scan(corpus, args.scan, args.show, args.classes)
        return 0
    queries = {normalize_arabic(q): q for _label, group in GROUPS for q in group}
    by_light = defaultdict(set)  # light10 stem → query words
    by_stem = defaultdict(set)  # newsarc stem → query words
    for word in queries:
        by_light[stem_light10(word)].add(word)
        # The word with and without its article: light10's prefix rule takes a root و for
        # the conjunction in وزير but not in الوزير, so the two stem apart (زير, وزير).
        for form in {word, word[2:] if word.startswith("ال") else word}:
            by_stem[stem(form)].add(word)
    before, holding = defaultdict(set), defaultdict(set)
    others: dict[str, Counter] = defaultdict(Counter)
    light = lru_cache(maxsize=None)(stem_light10)
    for docnum, text in corpus.texts.items():
        for token in {normalize_arabic(t) for t in TOKEN_PATTERN.findall(text)}:
            for word in by_light.get(light(token), ()):
                before[word].add(docnum)
                if stem(token) != stem(word):
                    others[word][token] += 1
            for word in {
                w for key in _stems_with_clitics(token, stem) for w in by_stem.get(key, ())
            }:
                holding[word].add(docnum)
    print(f"False friends on {args.corpus} ({len(corpus.documents)} articles; {role})\n")
    print(
        "| queries | returned before | only another word, before | returned now "
        "| only another word, now | word missed now |"
    )
    print("|---|---|---|---|---|---|")
    shown = 0
    for label, group in GROUPS:
        totals: Counter = Counter()
        for query in dict.fromkeys(group):
            word = normalize_arabic(query)
            if not corpus.frequency(word):
                continue
            now = corpus.search(query)
            totals.update(
                queries=1, before=len(before[word]), only_before=len(before[word] - holding[word]),
                now=len(now), only_now=len(now - holding[word]), holding=len(holding[word]),
                missed=len(holding[word] - now),
            )  # fmt: skip
            if shown < args.show and before[word] - holding[word]:
                shown += 1
                top = ", ".join(f"{w} {n}" for w, n in others[word].most_common(6))
                print(
                    f"| {query} | {len(before[word])} | {len(before[word] - holding[word])} "
                    f"| {len(now)} | {len(now - holding[word])} | light10 also: {top} |"
                )
        print(
            f"| {label} ({totals['queries']}) | {totals['before']} "
            f"| {totals['only_before'] / max(1, totals['before']):.1%} | {totals['now']} "
            f"| {totals['only_now'] / max(1, totals['now']):.1%} "
            f"| {totals['missed'] / max(1, totals['holding']):.1%} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
