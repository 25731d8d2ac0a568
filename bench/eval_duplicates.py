"""How well newsarc finds duplicate and near-duplicate articles, against ANT's `dup_of`.

ANT (../shared/data/ant-news/ant_news.jsonl.gz) marks 1,207 records as repeating an earlier
record's URL (`dup_of`); in 64 of them the text differs slightly from the earlier copy.
This script replays ingestion in corpus order exactly as `newsarc add` decides it: a text
already seen (same content hash) is an exact duplicate; otherwise the article's MinHash
sketch is looked up among the earlier articles' (newsarc.dedup.StoryIndex). Each record the
detector links to an earlier record is a predicted duplicate; it is correct when the two
records share a URL (the `dup_of` ground truth).

Reports precision and recall for all links (exact + near) and for near-duplicate links
alone, the cost per article, the false links grouped by what they are (same text under
another URL, boilerplate, ...), and, with --sweep, the trade-off for other thresholds.

Precision against `dup_of` is a strict lower bound: `dup_of` only knows copies that kept
their URL, and most links between different URLs are real duplicates — the same agency
story published by Sky News Arabia and Al Arabiya, or a Jawhara FM story republished with
edits. `--show N` prints a random sample of them to judge by eye. Judged with
`--show 60 --seed 23` (thresholds as in dedup.py, 2026-11): 58 of the 60 links between
different URLs were the same story (wire copy across outlets, a republished or updated
copy with the same lead); the 2 others were a football fixture list and the referee list
for the same round, and a follow-up (four witnesses retract / one witness retracts).

The data is third-party and never copied into the repository. Data location:
$NEWSARC_SHARED (the shared folder, holding data/) or ../shared next to the repository.
Skips with a message, exit 0, when it is missing.

    python bench/eval_duplicates.py             # full corpus, ~30 s
    python bench/eval_duplicates.py --sample    # 2k sample (it has no URL duplicates)
    python bench/eval_duplicates.py --sweep     # also other thresholds
    python bench/eval_duplicates.py --show 10   # print 10 false links
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
try:
    from newsarc import dedup
    from newsarc.decode import canonical_text
except ImportError:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT / "src"))
    from newsarc import dedup
    from newsarc.decode import canonical_text


def shared_dir() -> Path:
    env = os.environ.get("NEWSARC_SHARED")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "shared"


def load(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def pct(n: int, d: int) -> str:
    return f"{100 * n / d:6.2f}%" if d else "     -"


THRESHOLDS = ("MIN_LEAD_SIMILARITY", "MIN_SIMILARITY", "MIN_CONTAINMENT")


def replay(
    texts: list[str], sketches: list[dedup.Sketch | None], thresholds: tuple[float, float, float]
):
    """Links (record index → earlier record index, kind) as `newsarc add` would make them."""
    saved = tuple(getattr(dedup, name) for name in THRESHOLDS)
    for name, value in zip(THRESHOLDS, thresholds):
        setattr(dedup, name, value)
    try:
        seen: dict[str, int] = {}
        stories = dedup.StoryIndex()
        links: dict[int, tuple[int, str, float]] = {}
        for i, text in enumerate(texts):
            if not text.strip():
                continue  # `add` refuses an empty text
            digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
            if digest in seen:
                links[i] = (seen[digest], "exact", 1.0)
                continue
            seen[digest] = i
            value = sketches[i]
            if value is None:
                continue
            match = stories.find(value)
            if match is not None:
                links[i] = (int(match.article_id), "near", match.similarity)
            stories.add(value, str(i), match.story if match else str(i))
        return links
    finally:
        for name, value in zip(THRESHOLDS, saved):
            setattr(dedup, name, value)


def score(records: list[dict], texts: list[str], links: dict[int, tuple[int, str, float]]):
    truth = {i for i, r in enumerate(records) if r.get("dup_of") not in (None, "None")}
    differing = {i for i in truth if texts[i] != texts[index_of[records[i]["dup_of"]]]}
    same_url = {i for i, (j, _, _) in links.items() if records[i]["url"] == records[j]["url"]}
    near = {i for i, (_, kind, _) in links.items() if kind == "near"}
    return truth, differing, same_url, near


index_of: dict[str, int] = {}


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sample", action="store_true", help="use the 2k-article sample")
    parser.add_argument("--sweep", action="store_true", help="also report other thresholds")
    parser.add_argument(
        "--show",
        type=int,
        default=0,
        metavar="N",
        help="print N random near links between different URLs, to judge by eye",
    )
    parser.add_argument("--seed", type=int, default=4, help="random seed for --show")
    args = parser.parse_args()

    name = "ant_news.sample2k.jsonl.gz" if args.sample else "ant_news.jsonl.gz"
    path = shared_dir() / "data" / "ant-news" / name
    if not path.exists():
        print(f"skipped: {path} not found (set NEWSARC_SHARED)")
        return 0
    records = load(path)
    index_of.update({r["id"]: i for i, r in enumerate(records)})
    texts = [canonical_text(r.get("text") or "") for r in records]

    started = time.perf_counter()
    sketches = [dedup.sketch(text) for text in texts]
    sketch_seconds = time.perf_counter() - started
    started = time.perf_counter()
    current = tuple(getattr(dedup, name) for name in THRESHOLDS)
    links = replay(texts, sketches, current)
    lookup_seconds = time.perf_counter() - started

    truth, differing, same_url, near = score(records, texts, links)
    n = len(records)
    print(
        f"{path.name}: {n} records, {len(truth)} with dup_of ({len(differing)} of them with a "
        "different text)"
    )
    print(
        f"thresholds: lead similarity >= {dedup.MIN_LEAD_SIMILARITY} and (similarity >= "
        f"{dedup.MIN_SIMILARITY} "
        f"or containment >= {dedup.MIN_CONTAINMENT}); {dedup.BINS} + {dedup.LEAD_BINS} bins, "
        f"{dedup.BANDS} bands, >= {dedup.MIN_SHINGLES} shingles "
        f"({sum(s is None for s in sketches)} texts too short for a sketch)"
    )
    print(
        f"cost: sketch {1e6 * sketch_seconds / n:.0f} us/article, "
        f"lookup + insert {1e6 * lookup_seconds / n:.0f} us/article\n"
    )

    print("all links (exact + near) against dup_of:")
    linked = set(links)
    tp = len(linked & truth)
    print(
        f"   precision {pct(len(same_url), len(linked))}  ({len(same_url)}/{len(linked)} links "
        "join two copies of one URL)"
    )
    print(f"   recall    {pct(tp, len(truth))}  ({tp}/{len(truth)} dup_of records linked)")
    print("near-duplicate links (texts differ):")
    near_ok = near & same_url
    print(f"   precision {pct(len(near_ok), len(near))}  ({len(near_ok)}/{len(near)})")
    found = len(differing & near_ok)
    print(
        f"   recall    {pct(found, len(differing))}  ({found}/{len(differing)} dup_of records "
        "with a different text)"
    )

    false = sorted(linked - same_url)
    kinds: Counter[str] = Counter()
    for i in false:
        j, kind, _ = links[i]
        if kind == "exact":
            kinds["exact: same text, another URL" + (" (empty text)" if not texts[i] else "")] += 1
        else:
            kinds["near: another URL"] += 1
    if false:
        print("links between different URLs, by kind:")
        for label, count in kinds.most_common():
            print(f"   {count:6}  {label}")
    missed = sorted(differing - near_ok)
    if missed:
        print(
            f"missed near-duplicates ({len(missed)}): estimated similarity with their dup_of "
            "record:"
        )
        for i in missed:
            j = index_of[records[i]["dup_of"]]
            a, b = sketches[i], sketches[j]
            if a is None or b is None:
                print(f"   {records[i]['id']}: too short for a sketch")
                continue
            jac = dedup.similarity(a, b)
            print(
                f"   {records[i]['id']}: lead {dedup.lead_similarity(a, b):.2f}, similarity "
                f"{jac:.2f}, "
                f"containment {dedup.containment(a, b, jac):.2f}"
            )
    false_near = [i for i in false if links[i][1] == "near"]
    shown = random.Random(args.seed).sample(false_near, min(args.show, len(false_near)))
    for i in shown:
        j, _, sim = links[i]
        print(f"\n--- {records[i]['id']} ~ {records[j]['id']} (similarity {sim:.2f})")
        print(f"   titles: {records[i]['title']!r} / {records[j]['title']!r}")
        print("   " + texts[i][:200].replace("\n", " / "))
        print("   " + texts[j][:200].replace("\n", " / "))

    if args.sweep:
        print("\nthreshold sweep (near links only):")
        print("   lead  similarity  containment   precision   recall")
        grid = [
            (0.0, 0.7, 1.01),
            (0.0, 0.6, 0.9),
            (0.3, 0.6, 0.9),
            (0.45, 0.5, 0.9),
            (0.45, 0.6, 1.01),
            (0.6, 0.6, 0.9),
            (0.45, 0.8, 1.01),
        ]
        for values in grid:
            other = replay(texts, sketches, values)
            _, _, ok, nr = score(records, texts, other)
            got = len(differing & nr & ok)
            lead, sim, cont = values
            print(
                f"   {lead:4} {sim:11} {cont:12} {pct(len(nr & ok), len(nr))} "
                f"{pct(got, len(differing))}  ({len(nr)} links)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
