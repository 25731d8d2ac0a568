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
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

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
    as (article forms, bare forms) with their document frequencies, most frequent first.

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
    families = [(article[key], bare[key]) for key in article if key in bare and bare[key]]
    families.sort(key=lambda family: -max(family[0].values()))
    return families[:top]


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


def average(rows) -> float:  # type: ignore[no-untyped-def]
    values = [share for *_rest, share in rows if share is not None]
    return sum(values) / len(values) if values else float("nan")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", choices=list(CORPORA), default="saudinewsnet")
    parser.add_argument("--show", action="store_true", help="every pair and direction")
    parser.add_argument(
        "--root-waw",
        type=int,
        metavar="N",
        help="instead: the N most frequent words starting with a root و, article forms "
        "against bare forms (root_waw_families)",
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
    args = parser.parse_args(argv)
    corpus = Corpus(args.corpus)
    role = "tuning corpus" if args.corpus == "ant" else "held out: not used for tuning"
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
