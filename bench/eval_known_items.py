"""Known-item search on real news (ANT): does a query find its article whatever the spelling?

    python bench/eval_known_items.py                 # the whole ANT corpus (41k articles)
    python bench/eval_known_items.py --sample        # its 2,000-article sample, quicker
    python bench/eval_known_items.py --corpus saudinewsnet   # held out: 14 Saudi papers
    python bench/eval_known_items.py --self-check    # the clitic changes, on a few words

For each of N target articles (fixed seed), two of its medium-rare words (in 3 to 100
articles of the collection, at least four letters, not stopwords) make three queries:

* ``exact``     the two words as the article writes them;
* ``respelled`` each word respelled the way Arabic text varies in the wild: hamza on or
  off alef, taa marbuta ة/ه, alef maqsura ى/ي, diacritics added, tatweel added, Persian
  yeh/keheh (ی ک), presentation forms (as text copied from a PDF);
* ``clitic``    each word with a clitic added or removed: the article ال (alone or with و ب
  ل), the conjunction و, the prepositions ب ل, or a pronoun ending after a taa marbuta
  (مدرسة → مدرستها), written as Arabic writes it (ل + اللجنة → للجنة, and back), on the
  collection's evidence of what the word is (an ال of its own, as in التزام; a verb, which
  takes no ب: ``change_clitic``; ``--self-check`` checks it on a few words). The words are
  chosen among those that do not start with و ف ب ل ك (unless as part of وال بال فال كال
  لل), so that the changed word stays one a writer could use (adding ب to وزير, or taking
  و off it, would not).

A query succeeds when the target is among the first 10 results (success@10). Every setup
requires both words (AND), as `newsarc search` does. Duplicate texts and re-posted URLs
are left out of the collection, so each target is the only article with its text.

Data: the ANT corpus (Chouigui, Ben Khiroun & Elayeb, "ANT Corpus: An Arabic News Text
Collection for Textual Classification", AICCSA 2017; antcorpus.github.io), read in place.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Document, build_index, setups, shared_data

from newsarc.analysis import explain
from newsarc.normalize import normalize_arabic
from newsarc.stopwords import ARABIC_STOPWORDS

KINDS = ("exact", "respelled", "clitic")
MIN_DF, MAX_DF = 3, 100
K = 10


def read_articles(path: Path) -> list[Document]:
    seen_texts: Counter[str] = Counter()
    records = []
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record.get("dup_of") or not record["text"].strip():
                continue
            records.append(record)
            seen_texts[record["text"]] += 1
    return [
        Document(r["id"], r["text"], r.get("title") or "")
        for r in records
        if seen_texts[r["text"]] == 1
    ]


# --- respellings: (name, applies?, respell) ----------------------------------------------

_NON_JOINING = set("اأإآدذرزوؤةىء")  # letters that never join the next one


def _presentation_forms(word: str) -> str:
    out = []
    for i, ch in enumerate(word):
        before = (
            i > 0 and word[i - 1] not in _NON_JOINING and unicodedata.category(word[i - 1]) == "Lo"
        )
        after = (
            i + 1 < len(word)
            and ch not in _NON_JOINING
            and unicodedata.category(word[i + 1]) == "Lo"
        )
        form = {
            (False, False): "ISOLATED",
            (False, True): "INITIAL",
            (True, True): "MEDIAL",
            (True, False): "FINAL",
        }[(before, after)]
        try:
            out.append(unicodedata.lookup(f"{unicodedata.name(ch)} {form} FORM"))
        except (KeyError, ValueError):
            try:
                out.append(unicodedata.lookup(f"{unicodedata.name(ch)} ISOLATED FORM"))
            except (KeyError, ValueError):
                out.append(ch)
    return "".join(out)


def _diacritize(word: str, rng: random.Random) -> str:
    marks = "\u064e\u064f\u0650\u0651\u0652"
    return "".join(
        ch + (rng.choice(marks) if ch.isalpha() and rng.random() < 0.6 else "") for ch in word
    )


def _tatweel(word: str, rng: random.Random) -> str:
    joins = [i for i in range(len(word) - 1) if word[i] not in _NON_JOINING]
    i = rng.choice(joins)
    return word[: i + 1] + "\u0640" * rng.randint(1, 3) + word[i + 1 :]


def _hamza(word: str, rng: random.Random) -> str:
    if any(c in word for c in "أإآ"):
        return word.translate(str.maketrans("أإآ", "ااا"))
    i = word.index("ا")
    return word[:i] + rng.choice("أإ") + word[i + 1 :]


RESPELLINGS = {
    "hamza": (lambda w: any(c in w for c in "أإآا"), _hamza),
    "taa-marbuta": (
        lambda w: w.endswith(("ة", "ه")),
        lambda w, r: w[:-1] + ("ه" if w.endswith("ة") else "ة"),
    ),
    "alef-maqsura": (
        lambda w: w.endswith(("ى", "ي")),
        lambda w, r: w[:-1] + ("ي" if w.endswith("ى") else "ى"),
    ),
    "diacritics": (lambda w: True, _diacritize),
    "tatweel": (lambda w: any(c not in _NON_JOINING for c in w[:-1]), _tatweel),
    "persian": (
        lambda w: any(c in w for c in "يكى"),
        lambda w, r: w.translate(str.maketrans("يكى", "یکی")),
    ),
    "presentation": (lambda w: True, lambda w, r: _presentation_forms(w)),
}


def respell(word: str, rng: random.Random) -> tuple[str, str]:
    names = [name for name, (applies, _) in RESPELLINGS.items() if applies(word)]
    name = rng.choice(names)
    return name, RESPELLINGS[name][1](word, rng)


# Proclitics written before the article as they are before any word; ل is not (with_article).
_ARTICLE_PROCLITICS = "وفبك"


def with_article(noun: str, proclitic: str = "") -> str:
    """The noun with the article, after a proclitic, as Arabic writes them: و ف ب ك simply
    go before ال (والوزير); ل + ال drops the alif (للوزير), and before a noun of its own
    ل one lam more goes (ل + اللجنة → للجنة)."""
    if proclitic == "ل":
        return ("ل" if noun.startswith("ل") else "لل") + noun
    return proclitic + "ال" + noun


def _holds_noun(noun: str, df: Callable[[str], int], word: str) -> bool:
    """Whether the collection writes the noun alone, or with the article (and a proclitic),
    in another word than ``word``."""
    forms = {noun} | {with_article(noun, clitic) for clitic in ("", "و", "ف", "ب", "ك", "ل")}
    return any(df(form) for form in forms - {word})


def parse_clitics(word: str, df: Callable[[str], int]) -> tuple[str, bool, str]:
    """(proclitic, has the article, noun) of a written word, on the collection's evidence
    (``df``: in how many articles a written word occurs):

    * ``لل`` + R is ل + ال + R, or ل + ال + لR (للجنة: لجنة, or جنة): the noun whose article
      form (اللجنة, الجنة) the collection holds more often;
    * a word whose ال is its own (التزام, العاب: ألعاب) is one the collection also writes
      with the article (الالتزام): an article form never takes another;
    * و ف ب ك before ال are clitics when the collection writes what follows them in
      another word (بالتزام: ب + التزام) and that has three letters or more; with only one
      of the two, when the collection does not write the word itself after و ب ل
      (والتفتيشات: no تفتيشات, but no لوالتفتيشات either). والدته is a word of its own: no
      دته, الدته…, and لوالدته is written; so is every word with under two letters after
      ال (فالس, a name).
    """
    if word.startswith("لل"):
        nouns = [noun for noun in (word[2:], "ل" + word[2:]) if df(with_article(noun))]
        if nouns:
            return "ل", True, max(nouns, key=lambda noun: df(with_article(noun)))
        return "", False, word
    if word[0] in _ARTICLE_PROCLITICS and word[1:].startswith("ال") and len(word) >= 5:
        rest = word[3:]
        signs = (bool(df(word[1:])) or _holds_noun(rest, df, word), len(rest) >= 3)
        if all(signs) or (any(signs) and not any(df(c + word) for c in "وبل")):
            _, article, noun = parse_clitics(word[1:], df)
            return word[0], article, noun
    if word.startswith("ال") and not df(with_article(word)):
        return "", True, word[2:]
    return "", False, word


# Pronouns a noun may end with, longest first (مدرستها, رأيهم, خدمتي).
_PRONOUNS = ("هما", "كما", "ها", "هم", "هن", "كم", "كن", "نا", "ه", "ك", "ي")


def is_nominal(word: str, df: Callable[[str], int]) -> bool:
    """Whether the collection writes the word, or the word without a pronoun ending, with
    the article (تعيينها: التعيين; مدرستها: المدرسة): a noun or adjective, not a verb
    (أطلقته), which ب and ل cannot go before."""
    bases = [word] + [
        word[: -len(pronoun)]
        for pronoun in _PRONOUNS
        if word.endswith(pronoun) and len(word) - len(pronoun) >= 2
    ]
    bases += [base[:-1] + "ة" for base in bases if base.endswith("ت")]
    return any(df(with_article(base)) for base in bases)


def change_clitic(word: str, rng: random.Random, df: Callable[[str], int]) -> str:
    """The word with a clitic added or removed, written as an Arabic writer would write it
    (``parse_clitics``, ``with_article``): a proclitic taken off (with the article, or the
    article put in its place), the article taken off or given a proclitic, a pronoun ending
    after a ة, or و ب ل before a word without the article: ب and ل only before a noun
    (``is_nominal``) or where the collection writes them before the word (names: لترامب;
    ل before a verb's present: ليغادر). A noun is never left with under three letters."""
    proclitic, article, noun = parse_clitics(word, df)
    if proclitic:
        return rng.choice([noun, with_article(noun)] if len(noun) >= 3 else [with_article(noun)])
    if article:
        kept = [noun] if len(noun) >= 3 else []
        return rng.choice(kept + [with_article(noun, clitic) for clitic in "وبل"])
    if word.endswith("ة") and rng.random() < 0.5:
        return word[:-1] + "ت" + rng.choice(["ها", "ه", "هم"])
    clitics = [c for c in "وبل" if c == "و" or is_nominal(word, df) or df(c + word)]
    return rng.choice(clitics) + word


def _without_own_clitic(word: str) -> bool:
    """Not starting with a letter that may be a clitic, unless it is an article form:
    the chosen words stay words a writer could use once a clitic is added or removed."""
    return word[0] not in "وفبلك" or word.startswith(("وال", "بال", "فال", "كال", "لل"))


# Words as a collection holds them (in how many articles), and every change change_clitic
# may make of some of them: what --self-check (tests/test_bench_known_items.py) verifies.
_CHECK_DF = {
    "الوزير": 50, "وزير": 40, "اللجنة": 80, "لجنة": 30, "الجنة": 5, "الغاية": 9,
    "الالتزام": 20, "التزام": 10, "العادة": 30, "الحج": 10, "والدته": 4, "مدرسة": 7,
    "المدرسة": 60, "التعيين": 12, "تعيينها": 3, "أطلقته": 4, "أطلقت": 9, "يغادر": 5,
    "ليغادر": 3, "ترامب": 90, "لترامب": 8, "بترامب": 2, "الوالدة": 15, "لوالدته": 2,
    "والتفتيشات": 3, "الين": 6, "كالين": 4, "لكالين": 1,
    "فالس": 5, "الس": 2,
}  # fmt: skip
_CHECK_CHANGES = {
    "الوزير": {"وزير", "والوزير", "بالوزير", "للوزير"},
    "اللجنة": {"لجنة", "واللجنة", "باللجنة", "للجنة"},  # ل + اللجنة: one lam goes
    "للجنة": {"لجنة", "اللجنة"},  # ل + اللجنة, which the collection holds more than الجنة
    "للغاية": {"غاية", "الغاية"},
    "والوزير": {"وزير", "الوزير"},
    "كالعادة": {"عادة", "العادة"},
    "التزام": {"والتزام", "بالتزام", "لالتزام"},  # its ال is its own: الالتزام is held
    "بالتزام": {"التزام", "الالتزام"},
    "والدته": {"ووالدته", "بوالدته", "لوالدته"},  # its و is its own: لوالدته, no الدته
    "والتفتيشات": {"تفتيشات", "التفتيشات"},  # nor التفتيشات held, but neither لوالتفتيشات
    "فالس": {"وفالس"},  # a name: س is no noun, whatever الس may be
    "كالين": {"وكالين", "لكالين"},  # a name: ين is short and لكالين is written (no بكالين)
    "للآن": {"الآن"},  # الآن, a stopword, is in every article (no اللآن)
    "الحج": {"والحج", "بالحج", "للحج"},  # not حج: under three letters
    "للحج": {"الحج"},
    "مدرسة": {"مدرستها", "مدرسته", "مدرستهم", "ومدرسة", "بمدرسة", "لمدرسة"},
    "تعيينها": {"وتعيينها", "بتعيينها", "لتعيينها"},  # a noun: التعيين is held
    "أطلقته": {"وأطلقته"},  # a verb: neither بأطلقته nor لأطلقته
    "يغادر": {"ويغادر", "ليغادر"},  # ل before a verb's present, as the collection writes
    "ترامب": {"وترامب", "بترامب", "لترامب"},  # a name: no article, ب and ل held
}


def self_check() -> list[str]:
    """The words of _CHECK_CHANGES whose changes (over 300 draws) are not those listed."""

    normalized = {normalize_arabic(word): count for word, count in _CHECK_DF.items()}
    df = counting_written_words(lambda word: normalized.get(word, 0), 1000)

    wrong = []
    for word, expected in _CHECK_CHANGES.items():
        made = {change_clitic(word, random.Random(seed), df) for seed in range(300)}
        if made != expected:
            wrong.append(f"{word}: made {sorted(made)}, expected {sorted(expected)}")
    return wrong


# --- the run -----------------------------------------------------------------------------


def counting_written_words(df: Callable[[str], int], articles: int) -> Callable[[str], int]:
    """In how many articles a written word occurs, from ``df`` of normalized words. A
    stopword is in (nearly) every article but in no index: counted in all (الآن, for للآن)."""

    def written_df(word: str) -> int:
        normalized = normalize_arabic(word)
        return articles if normalized in ARABIC_STOPWORDS else df(normalized)

    return written_df


def pick_queries(documents: list[Document], df, n: int, seed: int):  # type: ignore[no-untyped-def]
    """[(target id, kind, query, detail)] for n targets: three queries each. ``df``: in
    how many articles a normalized word occurs."""
    rng = random.Random(seed)

    written_df = counting_written_words(df, len(documents))
    order = list(range(len(documents)))
    rng.shuffle(order)
    queries = []
    for index in order:
        if len(queries) >= 3 * n:
            break
        doc = documents[index]
        text = f"{doc.title}\n{doc.text}"
        candidates: dict[str, str] = {}
        for start, end, normalized, stemmed in explain(text):
            original = text[start:end]
            if (
                stemmed is not None
                and len(normalized) >= 4
                and original.isalpha()  # plain letters as written: no marks, no digits
                and _without_own_clitic(original)
                and all("\u0621" <= c <= "\u064a" for c in original)
                and MIN_DF <= df(normalized) <= MAX_DF
            ):
                candidates.setdefault(normalized, original)
        if len(candidates) < 2:
            continue
        words = rng.sample(sorted(candidates.values()), 2)
        queries.append((doc.id, "exact", " ".join(words), ""))
        respelled = [respell(w, rng) for w in words]
        queries.append(
            (
                doc.id,
                "respelled",
                " ".join(r for _, r in respelled),
                "+".join(k for k, _ in respelled),
            )
        )
        # Its own draws: how words are changed never moves which words are picked.
        clitic_rng = random.Random(f"{seed}:{doc.id}")
        changed = [change_clitic(w, clitic_rng, written_df) for w in words]
        queries.append((doc.id, "clitic", " ".join(changed), ""))
    return queries


CORPORA = {
    # name: (shared data folder, file, smaller file for --sample)
    "ant": ("ant-news", "ant_news.jsonl.gz", "ant_news.sample2k.jsonl.gz"),
    "saudinewsnet": ("saudinewsnet", "saudinewsnet.jsonl.gz", None),
}


def load_corpus(corpus: str, sample: bool) -> tuple[str, list[Document]]:
    """(collection name for the index cache, the articles)."""
    folder_name, whole, smaller = CORPORA[corpus]
    if sample and smaller is None:
        raise SystemExit(f"{corpus} has no sample file")
    path = shared_data(folder_name) / (smaller if sample and smaller else whole)
    return (f"{corpus}-sample" if sample else corpus), read_articles(path)


def evaluate(  # type: ignore[no-untyped-def]
    names: list[str],
    sample: bool,
    n: int,
    seed: int,
    corpus: str = "ant",
    bm25: tuple[float, float] | None = None,
):
    """(queries, {row: [the target's rank, None where not found]}, articles). With ``bm25``
    (K1, B), newsarc's setups also rank the same queries with those values, as a row of
    their own."""
    from newsarc.engine.whoosh_scoring import weighting
    from newsarc.errors import QueryError

    collection, documents = load_corpus(corpus, sample)
    all_setups = setups()
    reference = build_index(all_setups["newsarc"], collection, lambda: documents)
    with reference.reader() as reader:
        queries = pick_queries(documents, lambda term: reader.doc_frequency("exact", term), n, seed)
    results: dict[str, list[int | None]] = {}
    for name in names:
        setup = all_setups[name]
        ix = build_index(setup, collection, lambda: documents)
        rows = {name: setup.weighting()}
        if bm25 and name.startswith("newsarc"):
            rows[bm25_row(name, bm25)] = weighting(k1=bm25[0], b=bm25[1])
        searchers = {row: ix.searcher(weighting=model) for row, model in rows.items()}
        for row in rows:
            results[row] = []
        try:
            for target, _kind, text, _detail in queries:
                try:
                    query = setup.query(searchers[name], text, "and")
                except QueryError:
                    query = None
                for row, searcher in searchers.items():
                    rank = target_rank(searcher, query, target) if query is not None else None
                    results[row].append(rank)
        finally:
            for searcher in searchers.values():
                searcher.close()
    return queries, results, len(documents)


def target_rank(searcher, query, target: str) -> int | None:  # type: ignore[no-untyped-def]
    """The target's rank among the query's results (1 = first), None when not among them.
    Only a miss in the first K is looked for further: the rank says why it missed."""
    for limit in (K, None):
        ids = [hit["id"] for hit in searcher.search(query, limit=limit)]
        if target in ids:
            return ids.index(target) + 1
    return None


def found(rank: int | None) -> bool:
    return rank is not None and rank <= K


def bm25_row(name: str, bm25: tuple[float, float]) -> str:
    return f"{name} k1={bm25[0]:g} b={bm25[1]:g}"


def rate(queries, ranks: list[int | None], keep) -> str:  # type: ignore[no-untyped-def]
    chosen = [found(rank) for query, rank in zip(queries, ranks) if keep(query)]
    return f"{sum(chosen) / len(chosen):.3f}" if chosen else "-"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--corpus",
        choices=list(CORPORA),
        default="ant",
        help="default: ant; saudinewsnet: held out",
    )
    parser.add_argument(
        "--sample",
        action="store_true",
        help="ANT's 2,000-article sample instead of the whole corpus",
    )
    parser.add_argument(
        "--targets", type=int, default=1000, help="number of target articles (default 1000)"
    )
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--setup", action="append", choices=list(setups()), help="default: all")
    parser.add_argument(
        "--by-respelling", action="store_true", help="also success@10 per kind of respelling"
    )
    parser.add_argument("--show", type=int, default=0, help="print this many example queries")
    parser.add_argument("--failures", metavar="SETUP", help="print the queries this setup failed")
    parser.add_argument(
        "--bm25",
        nargs=2,
        type=float,
        metavar=("K1", "B"),
        help="also rank newsarc's setups with these BM25 values (a row each)",
    )
    parser.add_argument(
        "--self-check",
        action="store_true",
        help="check the clitic changes on a few words (no data needed) and exit",
    )
    args = parser.parse_args(argv)
    if args.self_check:
        wrong = self_check()
        print("\n".join(wrong) or f"clitic changes: {len(_CHECK_CHANGES)} words as expected")
        return 1 if wrong else 0
    names = args.setup or list(setups())
    if args.failures and args.failures not in names:
        names.append(args.failures)
    queries, results, size = evaluate(
        names, args.sample, args.targets, args.seed, args.corpus, args.bm25
    )
    rows = [row for name in names for row in results if row.split(" k1=")[0] == name]
    targets = len(queries) // 3
    print(f"Known-item search on {args.corpus} ({size} articles), {targets} targets, success@{K}\n")
    print("| setup | " + " | ".join(KINDS) + " |")
    print("|---" * (1 + len(KINDS)) + "|")
    for name in rows:
        cells = " | ".join(rate(queries, results[name], lambda q, k=k: q[1] == k) for k in KINDS)
        print(f"| {name} | {cells} |")
    if args.by_respelling:
        kinds = sorted(RESPELLINGS)
        print(
            "\nrespelled queries by kind of respelling (a query holding that kind in either word)\n"
        )
        print("| setup | " + " | ".join(kinds) + " |")
        print("|---" * (1 + len(kinds)) + "|")
        for name in rows:
            cells = " | ".join(
                rate(
                    queries,
                    results[name],
                    lambda q, k=k: q[1] == "respelled" and k in q[3].split("+"),
                )
                for k in kinds
            )
            print(f"| {name} | {cells} |")
    for target, kind, text, detail in queries[: args.show]:
        print(f"{target}\t{kind}\t{text}\t{detail}")
    if args.failures:
        print(f"\nqueries {args.failures} failed (the target's rank, or not found):")
        for (target, kind, text, detail), rank in zip(queries, results[args.failures]):
            if not found(rank):
                where = "not found" if rank is None else f"rank {rank}"
                print(f"{target}\t{kind}\t{text}\t{detail}\t{where}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
