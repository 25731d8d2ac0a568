"""False friends on real news: how much of what a one-word search returns is another word?

    python bench/eval_false_friends.py --corpus saudinewsnet   # held out (the issue's)
    python bench/eval_false_friends.py --corpus ant            # the corpus tuned on

Light stemming joins words that only share letters: ``الرياض`` (Riyadh) and ``الرياضة``
(sport) both stem to ``رياض``, ``أبها`` to ``أب``, ``السعودية`` to ``سعود``. For one-word
searches of place names, country names and frequent nouns, this prints the share of the
returned articles that hold **only a different word** — no form of the typed word — before
(light10's stem, the product before this change) and now (newsarc's search: stem, clitic
and spelling variants, same-word filter), and the share of the articles holding the word
that the search misses (the cost, which should stay 0).

Which forms are "the typed word" is the grammar rule of ``newsarc.word_forms``: the word
with clitics (و ف ب ل ك, the article) and inflections (dual, plural, attached pronouns) is
the word; ة or a nisba ي/ية added or removed makes another word. The filter in the product
is that same rule, so "now" measures what leaks past it (variants, titles) and "before"
what light stemming alone returns; ``--show`` lists each query's most frequent other words,
for a person to check the rule.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_known_items import CORPORA
from eval_variants import Corpus

from newsarc.normalize import TOKEN_PATTERN, normalize_arabic

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


def words_of(text: str) -> set[str]:
    return {normalize_arabic(m.group()) for m in TOKEN_PATTERN.finditer(text)}


def judge(corpus: Corpus, word: str, found: set[int], forms: set[str], stem: str):  # type: ignore[no-untyped-def]
    """(articles holding only other words, the other words they hold, counted)."""
    from newsarc.analysis import stem as stem_of

    others: Counter[str] = Counter()
    only_other = 0
    for docnum in found:
        words = words_of(corpus.texts[docnum])
        if words & forms:
            continue
        only_other += 1
        others.update(w for w in words if stem_of(w) == stem)
    return only_other, others


def main(argv: list[str] | None = None) -> int:
    from whoosh import query as wq

    from newsarc.analysis import stem as stem_of
    from newsarc.word_forms import same_word_forms

    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", choices=list(CORPORA), default="saudinewsnet")
    parser.add_argument("--show", type=int, default=0, help="list this many queries' other words")
    args = parser.parse_args(argv)
    corpus = Corpus(args.corpus)
    role = "tuning corpus" if args.corpus == "ant" else "held out: not used for tuning"
    print(f"False friends on {args.corpus} ({len(corpus.documents)} articles; {role})\n")
    print("| queries | returned before | only another word, before | returned now | only another word, now | word missed now |")
    print("|---|---|---|---|---|---|")
    shown = 0
    for label, queries in (("places", PLACES), ("countries", COUNTRIES), ("nouns", NOUNS)):
        totals = Counter()
        for query in dict.fromkeys(queries):
            word = normalize_arabic(query)
            if not corpus.frequency(word):
                continue
            stem = stem_of(word)
            forms = set(same_word_forms(word, corpus.frequency))
            before_query = wq.Or([wq.Term("body", stem), wq.Term("title", stem), wq.Term("exact", word)])
            before = set(corpus.searcher.docs_for_query(before_query))
            now = corpus.search(query)
            holding = corpus.holding(forms)
            only_before, others = judge(corpus, word, before, forms, stem)
            only_now, _ = judge(corpus, word, now, forms, stem)
            totals.update(
                queries=1, before=len(before), only_before=only_before, now=len(now),
                only_now=only_now, holding=len(holding), missed=len(holding - now),
            )  # fmt: skip
            if shown < args.show and only_before:
                shown += 1
                top = ", ".join(f"{w} {n}" for w, n in others.most_common(6))
                print(f"|   {query}: {only_before}/{len(before)} before, {only_now}/{len(now)} now | {top} |||||")
        print(
            f"| {label} ({totals['queries']}) | {totals['before']} | {totals['only_before'] / max(1, totals['before']):.1%} "
            f"| {totals['now']} | {totals['only_now'] / max(1, totals['now']):.1%} | {totals['missed'] / max(1, totals['holding']):.1%} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
