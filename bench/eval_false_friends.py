"""False friends on real news: how much of what a one-word search returns is another word?

    python bench/eval_false_friends.py --corpus saudinewsnet   # held out (the issue's)
    python bench/eval_false_friends.py --corpus ant            # the corpus tuned on

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
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from functools import lru_cache
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


def main(argv: list[str] | None = None) -> int:
    from newsarc.analysis import stem
    from newsarc.stem import stem_light10

    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", choices=list(CORPORA), default="saudinewsnet")
    parser.add_argument(
        "--show", type=int, default=0, help="list light10's other words for N queries"
    )
    args = parser.parse_args(argv)
    corpus = Corpus(args.corpus)
    role = "tuning corpus" if args.corpus == "ant" else "held out: not used for tuning"
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
