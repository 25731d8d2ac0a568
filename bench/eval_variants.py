"""Spelling variants on real news: does a search for one spelling find the other's articles?

    python bench/eval_variants.py --corpus ant            # the corpus the rules were tuned on
    python bench/eval_variants.py --corpus saudinewsnet   # held out: 14 Saudi papers

For each pair of spellings below (names and loanwords spelled two ways, harvested from
both corpora: the pairs ``newsarc.spelling`` generates, labelled by hand), **recall** is
the share of the articles that hold only the other spelling (and none of the typed one)
that a search for the typed spelling finds, both ways round. For each pair of *different*
words one such edit apart (``البرتغال/البرتقال``, ``سلمان/سليمان``), **false joins** is the
same share, which should be 0. Both are given with the spelling variants (newsarc) and
without them (``--exact``-free search with ``newsarc.spelling`` switched off: before).

A spelling is "held" by an article when the article writes it with any clitic or
inflection (its stem, ``newsarc.stem.stem_word``), so ``والأميركي`` counts for
``الأميركي``. Pairs whose
spellings the corpus does not both hold are left out of the averages and listed.

The same index as bench/eval_known_items.py (cached in bench/out/), searched the way
``newsarc search`` does: the word's query, the archive's clitic and spelling variants, the
same-word filter (bench/eval_false_friends.py).

Words whose first letter is a root و (``وزير``, ``ورقة``), which light10 cuts as the
conjunction in the bare word: ``--root-waw N`` measures whether the bare and article forms
of one such word find each other; ``--root-waw-cut N`` the other direction, what the cut
leaves (``رقة``) typed as a word of its own (``الرقة``, Raqqa): the share of the articles
returned that hold only the root-و word (``ورقة``, paper), and the recall of its own forms.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import build_index, setups
from eval_known_items import CORPORA, load_corpus

from newsarc.normalize import normalize_arabic

#: Same word, two spellings (vowel letter, hamza seat, foreign g). The first ten are the
#: issue's; the rest were harvested from the candidate pairs each corpus holds.
SAME = [
    ("ترمب", "ترامب"), ("الأمريكي", "الأميركي"), ("أمريكا", "أميركا"), ("مسئول", "مسؤول"),
    ("جوجل", "غوغل"), ("الكونجرس", "الكونغرس"), ("الديموقراطي", "الديمقراطي"),
    ("نتانياهو", "نتنياهو"), ("الفدرالي", "الفيدرالي"), ("بوتن", "بوتين"),
    ("إنجلترا", "إنكلترا"), ("الأمريكية", "الأميركية"), ("الأمريكيين", "الأميركيين"),
    ("الشؤون", "الشئون"), ("المسؤولين", "المسئولين"), ("الإنجليزي", "الإنكليزي"),
    ("الأوروجوياني", "الأوروغوياني"), ("سيرغي", "سيرجي"), ("دييغو", "دييجو"),
    ("جانلويجي", "جيانلويجي"), ("البروفسور", "البروفيسور"), ("الدبلوماسيين", "الديبلوماسيين"),
    ("هيغواين", "هيغوين"), ("ستيفن", "ستيفين"), ("المئة", "المائة"),
]  # fmt: skip
#: Different words one such edit apart: must stay apart.
DIFFERENT = [
    ("البرتغال", "البرتقال"), ("بيروت", "بيرو"), ("العالم", "الإعلامي"), ("سلمان", "سليمان"),
    ("سعد", "سعيد"), ("حسن", "حسين"), ("الدولة", "الدولية"), ("الأمر", "الأمير"),
    ("جامعة", "جماعة"), ("تشغيل", "تشكيل"), ("الرغم", "الرقم"), ("قانون", "كانون"),
    ("التفجير", "التفكير"), ("الجوي", "القوي"), ("الجبير", "الكبير"), ("الجريمة", "الكريمة"),
    ("السجن", "السكن"), ("الحجم", "الحكم"), ("الفقر", "الفكر"), ("الوجود", "الوقود"),
    ("الغريب", "القريب"), ("استغلال", "استقلال"), ("عالم", "علم"), ("برجل", "برجال"),
]  # fmt: skip


class Corpus:
    """An evaluation corpus searched as newsarc searches: index, texts, word look-ups."""

    def __init__(self, name: str) -> None:
        from common import DOCUMENT_TEXTS, WhooshLexicon

        collection, self.documents = load_corpus(name, False)
        self.setup = setups()["newsarc"]
        self.ix = build_index(self.setup, collection, lambda: self.documents)
        self.searcher = self.ix.searcher(weighting=self.setup.weighting())
        self.texts = {
            docnum: DOCUMENT_TEXTS[fields["id"]]
            for docnum, fields in self.searcher.reader().iter_docs()
        }
        self.lexicon = WhooshLexicon(self.searcher.reader(), DOCUMENT_TEXTS)
        self.frequency = self.lexicon.frequency

    def holding(self, terms) -> set[int]:  # type: ignore[no-untyped-def]
        """Articles whose exact field holds any of ``terms``."""
        reader = self.searcher.reader()
        found: set[int] = set()
        for term in terms:
            if self.frequency(term):
                found.update(reader.postings("exact", term).all_ids())
        return found

    def search(self, text: str) -> set[int]:
        """The articles `newsarc search TEXT` finds."""
        from newsarc.engine.whoosh import whoosh_query

        return set(self.searcher.docs_for_query(whoosh_query(text, reader=self.lexicon)))


def spelling_articles(corpus: Corpus, word: str) -> set[int]:
    """Articles writing ``word`` in any of its forms: its stem in the body (or title)."""
    from newsarc.analysis import stem

    reader = corpus.searcher.reader()
    found: set[int] = set()
    for field in ("body", "title"):
        if reader.doc_frequency(field, stem(word)):
            found.update(reader.postings(field, stem(word)).all_ids())
    return found


def shares(corpus: Corpus, pairs, spelling: bool = True):  # type: ignore[no-untyped-def]
    """Per pair and direction: (typed, other, only-other articles, share found)."""
    import newsarc.spelling as search

    rows = []
    saved = search.spelling_variants
    if not spelling:
        search.spelling_variants = lambda *args, **kwargs: []
    try:
        for first, second in pairs:
            a, b = normalize_arabic(first), normalize_arabic(second)
            holds_a, holds_b = spelling_articles(corpus, a), spelling_articles(corpus, b)
            for typed, only_other in ((a, holds_b - holds_a), (b, holds_a - holds_b)):
                other = b if typed == a else a
                if not only_other or not corpus.frequency(typed):
                    rows.append((typed, other, len(only_other), None))
                    continue
                found = corpus.search(typed) & only_other
                rows.append((typed, other, len(only_other), len(found) / len(only_other)))
    finally:
        search.spelling_variants = saved
    return rows


#: Prefixes after which a و is the word's own: the article never comes before the
#: conjunction, and light10 takes the first و of ووزير alone.
_ROOT_WAW_PREFIXES = ("ال", "وال", "بال", "كال", "فال", "لل", "وبال", "فبال", "ولل", "فلل", "و")


def root_waw_families(corpus: Corpus, top: int):  # type: ignore[no-untyped-def]
    """The ``top`` most frequent words of the archive whose first letter is a root و, each
    as (article forms, bare forms) with their document frequencies, most frequent first
    (``root_waw_words``)."""
    families = list(root_waw_words(corpus).values())
    families.sort(key=lambda family: -max(family[0].values()))
    return families[:top]


#: A root-و word's forms, each with its document frequency: (article forms, bare forms).
RootWawForms = tuple[dict[str, int], dict[str, int]]


def root_waw_words(corpus: Corpus) -> dict[str, RootWawForms]:
    """The words of the archive whose first letter is a root و: word (``ورقه``, base and
    ending as ``word_shape`` gives them) → (article forms, bare forms), each form with its
    document frequency.

    The article shows the و is the root's: a form written ال + و (``الوزير``, and after
    و ب ك ف ل: ``والوزير``, ``للوزير``; ``ووزير``, whose second و light10 keeps) has the
    stem ``stem_word`` gives it (``وزير``); its bare forms (``وزير``, ``وزيرها``,
    ``وزيران``: the whole token a word with that base, read as ``word_shape`` reads it)
    are the tokens light10 takes for the conjunction و + the rest (stem ``زير``)."""
    from newsarc.stem import split_prefix, word_shape

    reader = corpus.searcher.reader()
    article: dict[str, dict[str, int]] = {}
    bare: dict[str, dict[str, int]] = {}
    for raw, info in reader.iter_field("exact"):
        term = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        if "و" not in term[:5]:
            continue
        prefix, rest = split_prefix(term)
        if prefix == "و" and not rest.startswith("و"):
            base, shape = word_shape(term)
            bare.setdefault(base + shape.value, {})[term] = info.doc_frequency()
        elif prefix in _ROOT_WAW_PREFIXES and rest.startswith("و") and len(rest) >= 4:
            base, shape = word_shape(rest)
            article.setdefault(base + shape.value, {})[term] = info.doc_frequency()
    return {word: (article[word], bare[word]) for word in article if bare.get(word)}


def root_waw_rows(corpus: Corpus, top: int, forms: int):  # type: ignore[no-untyped-def]
    """Per family and typed form (its ``forms`` most frequent article and bare forms):
    (group, typed, the other group's articles that hold none of the typed group's forms,
    share of them the search finds, articles returned, returned holding no form of the
    word)."""
    rows = []
    for article, bare in root_waw_families(corpus, top):
        holds = {
            "article": corpus.holding(article),
            "bare": corpus.holding(bare),
        }
        for group, other, written in (("article", "bare", article), ("bare", "article", bare)):
            only_other = holds[other] - holds[group]
            for typed in sorted(written, key=written.__getitem__, reverse=True)[:forms]:
                returned = corpus.search(typed)
                neither = len(returned - holds["article"] - holds["bare"])
                share = len(returned & only_other) / len(only_other) if only_other else None
                rows.append((group, typed, len(only_other), share, len(returned), neither))
    return rows


def report_root_waw(corpus: Corpus, top: int, forms: int, show: bool, noise: int) -> None:
    rows = root_waw_rows(corpus, top, forms)
    print(
        "| typed | directions | only-other articles | found (mean share) | found (pooled) "
        "| returned holding no form of the word |"
    )
    print("|---|---|---|---|---|---|")
    for group, other in (("article", "bare"), ("bare", "article")):
        mine = [row[:4] for row in rows if row[0] == group and row[3] is not None]
        pooled = sum(n * share for *_x, n, share in mine) / max(1, sum(r[2] for r in mine))
        returned = sum(row[4] for row in rows if row[0] == group)
        neither = sum(row[5] for row in rows if row[0] == group)
        print(
            f"| {group} form (finds the {other} forms) | {len(mine)} "
            f"| {sum(r[2] for r in mine)} | {average(mine):.3f} | {pooled:.3f} "
            f"| {neither / max(1, returned):.1%} of {returned} |"
        )
    if show:
        for group, typed, n, share, returned, neither in rows:
            shown = "–" if share is None else f"{share:.2f}"
            print(f"|   {group} {typed} | | {n} | {shown} | | {neither} of {returned} |")
    if noise:
        report_root_waw_noise(rows, noise)


def report_root_waw_noise(rows, shown: int) -> None:  # type: ignore[no-untyped-def]
    """The false friends light10's cut of a bare word's root و brings (``ورقة`` → ``رقه``:
    ``الرقة``, Raqqa): per bare form typed, the share of the articles returned that hold
    no form of the word, the ``shown`` noisiest first."""
    bare = sorted((row for row in rows if row[0] == "bare"), key=lambda row: (-row[5], row[1]))
    returned = sum(row[4] for row in bare)
    neither = sum(row[5] for row in bare)
    print(
        f"\nBare forms typed: {len(bare)}; returned holding no form of the word: "
        f"{neither} of {returned} ({neither / max(1, returned):.1%}); the {shown} noisiest:\n"
    )
    print("| bare form typed | returned | holding no form of the word | share |")
    print("|---|---|---|---|")
    for _group, typed, _n, _share, found, none in bare[:shown]:
        print(f"| {typed} | {found} | {none} | {none / max(1, found):.0%} |")


#: Articles whose forms of a root-و word written with the article (``الورقة``, ``ووجوده``)
#: show its و is the root's: one may be a typo, and where one is all (``ووتحويل``, ``وودول``)
#: the bare form is mostly the conjunction + the cut word (``ودول``, and countries), whose
#: articles a search of ``الدول`` rightly finds. Fixed here, not newsarc's, so that runs
#: before and after a change to newsarc's rules split the words alike.
ROOT_EVIDENCE = 2


class CutWord(NamedTuple):
    """A root-و word whose cut word (what light10 leaves of it) is a word of the archive."""

    root_waw_word: str  # its most written bare form, normalized: ورقه
    root_articles: int  # articles writing it with the article or another proclitic run
    typed: list[str]  # the cut word's forms typed: ال + C (الرقه), and C (رقه) if written


class CutRow(NamedTuple):
    """One typed form of a cut word (``--root-waw-cut``), measured."""

    typed: str  # the cut word's article form (الرقه) or the bare cut word (رقه), normalized
    word: CutWord
    returned: int  # articles the search returns
    false_friends: int  # returned holding none of the typed word's own forms, only و-cut forms
    neither: int  # returned holding no form of the typed word's stem, own or cut
    own: int  # articles holding one of the typed word's own forms
    own_found: int  # of those, returned
    cut_forms: tuple[str, ...]  # the و-cut forms, most written first


def cut_words(corpus: Corpus, top: int, min_articles: int) -> tuple[int, list[CutWord]]:
    """The root-و words whose cut word is a word of the archive: the cut word C is the
    word without its first و (``ورقه`` → ``رقه``), what light10 leaves of its bare forms.
    It is kept when the archive writes its article form ال + C in ``min_articles``
    articles or more and a bare form of the word has the stem of ال + C (light10 cuts no
    و off a word of three letters: ``وحدها`` keeps its stem ``حدها``, ``الحد`` is not
    met); typed as ال + C, and bare where the archive writes C as often. The ``top`` with
    the most written article forms, and how many there were."""
    from newsarc.analysis import stem

    chosen = []
    for word, (article_forms, bare) in root_waw_words(corpus).items():
        cut = word[1:]
        article = "ال" + cut
        if corpus.frequency(article) < min_articles:
            continue
        if all(stem(form) != stem(article) for form in bare):
            continue
        typed = [article] + ([cut] if corpus.frequency(cut) >= min_articles else [])
        most_written = max(bare, key=bare.__getitem__)
        chosen.append(CutWord(most_written, len(corpus.holding(article_forms)), typed))
    chosen.sort(key=lambda word: (-corpus.frequency(word.typed[0]), word.typed[0]))
    return len(chosen), chosen[:top]


def forms_by_stem(corpus: Corpus, stems: set[str]) -> dict[str, list[str]]:
    """The exact-field terms whose stem is one of ``stems``, per stem: one pass over the
    exact lexicon."""
    from newsarc.analysis import stem

    forms: dict[str, list[str]] = {wanted: [] for wanted in stems}
    for raw in corpus.searcher.reader().lexicon("exact"):
        term = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        found = stem(term)
        if found in forms:
            forms[found].append(term)
    return forms


def cut_word_rows(corpus: Corpus, words: list[CutWord]) -> list[CutRow]:
    """Each typed form of each cut word searched as ``newsarc search`` searches it. Its own
    forms are the exact-field terms of its stem that light10 does not read as the
    conjunction و + the rest (``الرقه``, ``بالرقه``, ``والرقه``); its و-cut forms are those
    it does (``ورقه``): an article returned that holds only these is a false friend."""
    from newsarc.analysis import stem
    from newsarc.stem import split_prefix

    forms = forms_by_stem(corpus, {stem(typed) for word in words for typed in word.typed})
    rows = []
    for word in words:
        for typed in word.typed:
            of_stem = forms[stem(typed)]
            cut = sorted(
                (form for form in of_stem if split_prefix(form)[0] == "و"),
                key=lambda form: (-corpus.frequency(form), form),
            )
            own = corpus.holding(form for form in of_stem if split_prefix(form)[0] != "و")
            cut_holders = corpus.holding(cut)
            returned = corpus.search(typed)
            rows.append(
                CutRow(
                    typed=typed,
                    word=word,
                    returned=len(returned),
                    false_friends=len((returned & cut_holders) - own),
                    neither=len(returned - own - cut_holders),
                    own=len(own),
                    own_found=len(returned & own),
                    cut_forms=tuple(cut),
                )
            )
    return rows


def report_cut_words(corpus: Corpus, top: int, min_articles: int, show: bool) -> None:
    kept, words = cut_words(corpus, top, min_articles)
    rows = cut_word_rows(corpus, words)
    rooted = sum(1 for word in words if word.root_articles >= ROOT_EVIDENCE)
    print(
        f"Cut words written with the article in {min_articles} articles or more: {kept}; "
        f"measured: the {len(words)} most written, {rooted} of whose root-و words are "
        f"written with the article in {ROOT_EVIDENCE} articles or more\n"
    )
    print(
        "| typed | words | returned | false friends: holding only و-cut forms "
        "| holding no form of the stem | recall: own-form articles found |"
    )
    print("|---|---|---|---|---|---|")
    root = [row for row in rows if row.word.root_articles >= ROOT_EVIDENCE]
    for label, group in (
        ("article form (الرقة)", [row for row in root if row.typed.startswith("ال")]),
        ("bare (رقة)", [row for row in root if not row.typed.startswith("ال")]),
        ("**both**", root),
        (
            f"both, root-و word with the article in < {ROOT_EVIDENCE} articles "
            "(ودول: mostly و + الدول)",
            [row for row in rows if row.word.root_articles < ROOT_EVIDENCE],
        ),
    ):
        returned = sum(row.returned for row in group)
        false_friends = sum(row.false_friends for row in group)
        neither = sum(row.neither for row in group)
        own = sum(row.own for row in group)
        found = sum(row.own_found for row in group)
        print(
            f"| {label} | {len(group)} | {returned:,} "
            f"| {false_friends:,} ({false_friends / max(1, returned):.1%}) "
            f"| {neither:,} ({neither / max(1, returned):.1%}) "
            f"| {found / max(1, own):.3f} ({found:,} of {own:,}) |"
        )
    if show:
        report_cut_word_rows(rows)


def report_cut_word_rows(rows: list[CutRow]) -> None:
    """One row per typed word, the largest share of false friends first."""
    print(
        "\n| typed | root-و word (with the article: articles) | returned | false friends "
        "| share | no form of the stem | own-form articles found | و-cut forms (most written) |"
    )
    print("|---|---|---|---|---|---|---|---|")
    noisiest = sorted(
        rows, key=lambda row: (-row.false_friends / max(1, row.returned), -row.returned, row.typed)
    )
    for row in noisiest:
        print(
            f"| {row.typed} | {row.word.root_waw_word} ({row.word.root_articles}) "
            f"| {row.returned:,} | {row.false_friends:,} "
            f"| {row.false_friends / max(1, row.returned):.0%} | {row.neither:,} "
            f"| {row.own_found:,} of {row.own:,} | {' '.join(row.cut_forms[:3])} |"
        )


def average(rows) -> float:  # type: ignore[no-untyped-def]
    values = [share for *_rest, share in rows if share is not None]
    return sum(values) / len(values) if values else float("nan")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", choices=list(CORPORA), default="saudinewsnet")
    parser.add_argument(
        "--show",
        action="store_true",
        help="every pair and direction (with --root-waw-cut: every word typed, noisiest first)",
    )
    instead = parser.add_mutually_exclusive_group()
    instead.add_argument(
        "--root-waw",
        type=int,
        metavar="N",
        help="instead: the N most frequent words starting with a root و, article forms "
        "against bare forms (root_waw_families)",
    )
    instead.add_argument(
        "--root-waw-cut",
        type=int,
        metavar="N",
        help="instead: what light10's cut leaves of a root-و word (ورقة → رقة), typed: "
        "false friends (الرقة bringing ورقة) and recall, for the N cut words most written "
        "with the article",
    )
    parser.add_argument(
        "--forms", type=int, default=3, help="with --root-waw: forms typed per group"
    )
    parser.add_argument(
        "--noise",
        type=int,
        default=20,
        metavar="K",
        help="with --root-waw: the K bare forms whose searches return most articles "
        "holding no form of the word (the cut stem's false friends); 0: none",
    )
    parser.add_argument(
        "--min-articles",
        type=int,
        default=20,
        metavar="K",
        help="with --root-waw-cut: a cut word is measured when the archive writes its "
        "article form in K articles or more (its bare form: typed too when written as often)",
    )
    args = parser.parse_args(argv)
    corpus = Corpus(args.corpus)
    role = "tuning corpus" if args.corpus == "ant" else "held out: not used for tuning"
    if args.root_waw_cut:
        size = len(corpus.documents)
        print(f"Cut words of root-و words on {args.corpus} ({size} articles; {role})")
        report_cut_words(corpus, args.root_waw_cut, args.min_articles, args.show)
        return 0
    if args.root_waw:
        print(f"Words with a root و on {args.corpus} ({len(corpus.documents)} articles; {role})\n")
        report_root_waw(corpus, args.root_waw, args.forms, args.show, args.noise)
        return 0
    print(f"Spelling variants on {args.corpus} ({len(corpus.documents)} articles; {role})\n")
    print("| pairs | measured | before (no spelling variants) | newsarc |")
    print("|---|---|---|---|")
    for label, pairs, what in (
        ("same word", SAME, "recall: only-other articles found"),
        ("different words", DIFFERENT, "false joins: only-other articles found"),
    ):
        before = shares(corpus, pairs, spelling=False)
        after = shares(corpus, pairs)
        counted = sum(1 for row in after if row[3] is not None)
        print(
            f"| {label} ({counted} directions) | {what} "
            f"| {average(before):.3f} | {average(after):.3f} |"
        )
        if args.show:
            for (typed, other, n, was), (*_, now) in zip(before, after):
                shown = "–" if now is None else f"{was:.2f} → {now:.2f}"
                print(f"|   {typed} → {other} | {n} only-other articles | {shown} | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
