"""Does the stem exclusion list keep searches for its words precise? (ANT news)

    python bench/eval_exclusions.py [--sample | --corpus saudinewsnet]

The list was chosen on ANT, so ``--corpus saudinewsnet`` (14 Saudi newspapers, 2015) is
the held-out check. For each word of ``newsarc.exclusions`` (البحرين, القرآن, إعلان, …), a
one-word search, as `newsarc search` runs it, with plain light10 (setup ``light10``) and with
newsarc (``newsarc``). Precision is the share of matched articles that hold the word in some
form (the word with clitics or endings: a token that newsarc stems to it); the rest
matched only through light10's collision (البحر "sea" for البحرين, قرية "village" for
القرآن). Recall is checked too: newsarc must still find every article light10 finds
that holds the word.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import build_index, setups
from eval_known_items import CORPORA, load_corpus

from newsarc.analysis import explain, stem
from newsarc.exclusions import _WORDS, STEM_EXCLUSIONS
from newsarc.normalize import normalize_arabic

SETUPS = ("light10", "newsarc")


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
    args = parser.parse_args(argv)
    collection, documents = load_corpus(args.corpus, args.sample)
    # Which excluded words each article holds, in any form.
    holds: dict[str, set[str]] = {}
    for doc in documents:
        stems = {stemmed for _s, _e, _n, stemmed in explain(f"{doc.title}\n{doc.text}") if stemmed}
        holds[doc.id] = stems & STEM_EXCLUSIONS
    all_setups = setups()
    matched: dict[str, dict[str, set[str]]] = {}
    for name in SETUPS:
        setup = all_setups[name]
        ix = build_index(setup, collection, lambda: documents)
        matched[name] = {}
        with ix.searcher() as searcher:
            for word in _WORDS:
                query = setup.query(searcher, word, "and")
                matched[name][word] = {hit["id"] for hit in searcher.search(query, limit=None)}
    print(
        f"One-word searches for the {len(_WORDS)} excluded words, {args.corpus} ({len(documents)} "
        "articles)\n"
    )
    print(
        "| word | light10 stem | matched (light10) | precision (light10) | matched (newsarc) | "
        "precision (newsarc) | recall kept |"
    )
    print("|---|---|---|---|---|---|---|")
    totals = {name: [0, 0] for name in SETUPS}
    recall_kept = [0, 0]
    for word in _WORDS:
        core = stem(normalize_arabic(word))
        cells = []
        for name in SETUPS:
            found = matched[name][word]
            good = sum(1 for doc_id in found if core in holds[doc_id])
            totals[name][0] += good
            totals[name][1] += len(found)
            cells += [str(len(found)), f"{good / len(found):.2f}" if found else "-"]
        relevant_light10 = {d for d in matched["light10"][word] if core in holds[d]}
        kept = len(relevant_light10 & matched["newsarc"][word])
        recall_kept[0] += kept
        recall_kept[1] += len(relevant_light10)
        from newsarc.stem import stem_light10

        light_stem = stem_light10(normalize_arabic(word))
        print(f"| {word} | {light_stem} | {' | '.join(cells)} | {kept}/{len(relevant_light10)} |")
    p = {name: totals[name][0] / totals[name][1] for name in SETUPS}
    print(
        f"| all | | {totals['light10'][1]} | {p['light10']:.2f} | {totals['newsarc'][1]} | "
        f"{p['newsarc']:.2f} "
        f"| {recall_kept[0]}/{recall_kept[1]} |"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
