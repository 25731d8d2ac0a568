"""The spelling evidence counted near each occurrence equals its definition on real news.

    python bench/check_neighbours.py [--corpus ant|saudinewsnet] [--words N]

`newsarc.lexicon.neighbour_counts` normalizes only the words around a term; its counts are
defined on the start of each article normalized whole and tokenized. For the names of the
bench (both spellings) and N words drawn from the corpus, over up to 400 articles holding
each word and 50 others, this compares the two and times them. Exit 1 on any difference.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter

from common import ant_path, iter_records, require, snn_path

from newsarc.lexicon import neighbour_counts
from newsarc.normalize import TOKEN_PATTERN, normalize_arabic
from newsarc.stopwords import ARABIC_STOPWORDS

NAMES = ["ترامب", "ترمب", "الامريكي", "الاميركي", "مسؤول", "مسئول", "جوجل", "غوغل", "الكونغرس"]


def by_definition(term: str, normalized_texts: list[str]) -> Counter:
    counts: Counter = Counter()
    for normalized in normalized_texts:
        words = TOKEN_PATTERN.findall(normalized)
        for i, word in enumerate(words):
            if word == term:
                for j in (i - 1, i + 1):
                    beside = words[j] if 0 <= j < len(words) else None
                    if beside and beside not in ARABIC_STOPWORDS and not beside.isdigit():
                        counts[beside] += 1
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", choices=["ant", "saudinewsnet"], default="ant")
    parser.add_argument("--words", type=int, default=300)
    args = parser.parse_args()
    path = ant_path() if args.corpus == "ant" else snn_path()
    require(path)
    texts = [record["text"] for record in iter_records(path)]
    normalized = [normalize_arabic(text[:20_000]) for text in texts]
    draw = random.Random(2)
    terms = [normalize_arabic(name) for name in NAMES]
    for index in draw.sample(range(len(texts)), args.words):
        words = TOKEN_PATTERN.findall(normalized[index][:3000])
        if words:
            terms.append(draw.choice(words))
    differ = 0
    seconds = {"definition": 0.0, "near": 0.0}
    for term in terms:
        holding = [i for i, text in enumerate(normalized) if term in text][:400]
        chosen = holding + draw.sample(range(len(texts)), 50)
        started = time.process_time()
        # (normalizing included: what the code before counting near the term did)
        expected = by_definition(term, [normalize_arabic(texts[i][:20_000]) for i in chosen])
        seconds["definition"] += time.process_time() - started
        started = time.process_time()
        found = neighbour_counts(term, [texts[i] for i in chosen])
        seconds["near"] += time.process_time() - started
        if found != expected:
            differ += 1
            print(f"differs: {term} {(expected - found).most_common(3)} {(found - expected)}")
    print(
        f"{args.corpus}: {len(terms)} words, {differ} differ; CPU {seconds['definition']:.1f} s "
        f"by the definition, {seconds['near']:.1f} s near the term"
    )
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
