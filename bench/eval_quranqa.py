"""Passage retrieval on Qur'an QA 2023 Task A: MAP@10 and MRR@10 per analyzer setup.

    python bench/eval_quranqa.py                    # train and dev (for tuning)
    python bench/eval_quranqa.py --split test       # the held-out split: report once

Metrics follow the task's official definitions: AP@10 is divided by *all* relevant
passages of the question (trec_eval ``map_cut_10``); a question without an answer in the
Qur'an (qrels ``-1``) scores 0, since no setup here returns the ``-1`` run line; test
question 504 has no qrels at all and is left out. Every question is run as a bag of words
(any word may match, BM25F ranks). ``--answerable`` averages over answerable questions only.

Data: Malhas, Mansour & Elsayed, Qur'an QA 2023 Shared Task (ArabicNLP 2023); CC BY-NC-ND
4.0, read in place from the shared folder, never copied or modified.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Document, build_index, setups, shared_data

COLLECTION = "quranqa"
SPLITS = ("train", "dev", "test")
K = 10


def read_passages(folder: Path) -> list[Document]:
    rows = (folder / "QQA23_TaskA_QPC_v1.1.tsv").read_text(encoding="utf-8").splitlines()
    return [Document(*row.split("\t", 1)) for row in rows if row.strip()]


def read_questions(folder: Path, split: str) -> dict[str, str]:
    rows = (
        (folder / f"QQA23_TaskA_ayatec_v1.2_{split}.tsv").read_text(encoding="utf-8").splitlines()
    )
    return dict(row.split("\t", 1) for row in rows if row.strip())


def read_qrels(folder: Path, split: str) -> dict[str, set[str]]:
    qrels: dict[str, set[str]] = defaultdict(set)
    for row in (
        (folder / f"QQA23_TaskA_ayatec_v1.2_qrels_{split}.gold")
        .read_text(encoding="utf-8")
        .splitlines()
    ):
        if row.strip():
            qid, _zero, passage, _rel = row.split("\t")
            qrels[qid]  # a "-1" line: judged, no answer
            if passage != "-1":
                qrels[qid].add(passage)
    return dict(qrels)


def ap_at_k(ranked: list[str], relevant: set[str], k: int = K) -> float:
    if not relevant:
        return 0.0
    hits, total = 0, 0.0
    for rank, doc in enumerate(ranked[:k], start=1):
        if doc in relevant:
            hits += 1
            total += hits / rank
    return total / len(relevant)


def rr_at_k(ranked: list[str], relevant: set[str], k: int = K) -> float:
    for rank, doc in enumerate(ranked[:k], start=1):
        if doc in relevant:
            return 1.0 / rank
    return 0.0


def run(setup, ix, questions: dict[str, str], **options) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    from newsarc.errors import QueryError

    runs = {}
    with ix.searcher(weighting=setup.weighting()) as searcher:
        for qid, question in questions.items():
            try:
                query = setup.query(searcher, question, "or", **options)
            except QueryError:
                runs[qid] = []
                continue
            runs[qid] = [hit["id"] for hit in searcher.search(query, limit=K)]
    return runs


def score(
    runs: dict[str, list[str]], qrels: dict[str, set[str]], answerable_only: bool = False
) -> tuple[float, float, int]:
    qids = [q for q in qrels if qrels[q] or not answerable_only]
    if not qids:
        return 0.0, 0.0, 0
    ap = sum(ap_at_k(runs.get(q, []), qrels[q]) for q in qids) / len(qids)
    rr = sum(rr_at_k(runs.get(q, []), qrels[q]) for q in qids) / len(qids)
    return ap, rr, len(qids)


def evaluate(
    names: list[str], splits: list[str], answerable_only: bool = False, **options
) -> dict[str, dict[str, tuple[float, float, int]]]:
    folder = shared_data("quran-qa-2023-task-a")
    passages = read_passages(folder)
    table: dict[str, dict[str, tuple[float, float, int]]] = {}
    all_setups = setups()
    for name in names:
        setup = all_setups[name]
        ix = build_index(setup, COLLECTION, lambda: passages)
        table[name] = {}
        for split in splits:
            qrels = read_qrels(folder, split)
            questions = {q: t for q, t in read_questions(folder, split).items() if q in qrels}
            table[name][split] = score(run(setup, ix, questions, **options), qrels, answerable_only)
    return table


def print_table(table, splits: list[str]) -> None:  # type: ignore[no-untyped-def]
    header = "| setup | " + " | ".join(f"{s} MAP@10 | {s} MRR@10" for s in splits) + " |"
    print(header)
    print("|---" * (1 + 2 * len(splits)) + "|")
    for name, by_split in table.items():
        cells = " | ".join(f"{by_split[s][0]:.3f} | {by_split[s][1]:.3f}" for s in splits)
        print(f"| {name} | {cells} |")
    counts = ", ".join(f"{s} {next(iter(table.values()))[s][2]}" for s in splits)
    print(f"\nquestions scored: {counts}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--split", action="append", choices=SPLITS, help="default: train and dev")
    parser.add_argument("--setup", action="append", choices=list(setups()), help="default: all")
    parser.add_argument(
        "--answerable", action="store_true", help="average over answerable questions only"
    )
    args = parser.parse_args(argv)
    splits = args.split or ["train", "dev"]
    names = args.setup or list(setups())
    table = evaluate(names, splits, args.answerable)
    convention = (
        "answerable questions only"
        if args.answerable
        else "official: zero-answer questions count 0"
    )
    print(f"Qur'an QA 2023 Task A, {', '.join(splits)} ({convention})\n")
    print_table(table, splits)
    return 0


if __name__ == "__main__":
    sys.exit(main())
