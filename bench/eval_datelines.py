"""How often newsarc finds a dateline in the ANT corpus, by outlet, and what it finds.

For every article: `find_dateline` on the lead (the text) and `parse_byline` on the
`author` field (ANT's <AUTHOR>), as `newsarc add` does. Prints the counts by outlet, the
most frequent places, and every lead dateline outside the most common forms, so that
false ones can be judged by eye. There is no ground truth for datelines in ANT.

The data is third-party and never copied into the repository. Data location:
$NEWSARC_SHARED (the shared folder, holding data/) or ../shared next to the repository.
Skips with a message, exit 0, when it is missing.

    python bench/eval_datelines.py
"""

from __future__ import annotations

import gzip
import json
import os
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
try:
    from newsarc.datelines import find_dateline, parse_byline
    from newsarc.decode import canonical_text
except ImportError:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT / "src"))
    from newsarc.datelines import find_dateline, parse_byline
    from newsarc.decode import canonical_text


def shared_dir() -> Path:
    env = os.environ.get("NEWSARC_SHARED")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "shared"


def main() -> int:
    path = shared_dir() / "data" / "ant-news" / "ant_news.jsonl.gz"
    if not path.exists():
        print(f"skipped: {path} not found (set NEWSARC_SHARED)")
        return 0
    articles: Counter[str] = Counter()
    in_lead: Counter[str] = Counter()
    in_byline: Counter[str] = Counter()
    either: Counter[str] = Counter()
    places: Counter[str] = Counter()
    rare: list[tuple[str, str, str]] = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            source = record["source"]
            articles[source] += 1
            lead = find_dateline(canonical_text(record.get("text") or ""))
            byline = parse_byline(record.get("author"))
            in_lead[source] += lead is not None
            in_byline[source] += byline is not None
            found = lead or byline
            either[source] += found is not None
            if found is not None and found.city:
                places[found.city] += 1
            if lead is not None and lead.agency not in ("CNN", "CNN Business"):
                rare.append((record["id"], lead.raw, (record.get("text") or "")[:80]))
    print(f"{path.name}: {sum(articles.values())} articles\n")
    print(f"   {'outlet':20} {'lead':>7} {'byline':>7} {'either':>7} {'articles':>9}")
    for source, total in articles.most_common():
        print(
            f"   {source:20} {in_lead[source]:7} {in_byline[source]:7} {either[source]:7} {total:9}"
        )
    print("\nmost frequent places:", ", ".join(f"{p} ×{n}" for p, n in places.most_common(15)))
    print(f"\nlead datelines not in CNN's form ({len(rare)}), to judge by eye:")
    for ident, raw, start in rare:
        print(f"   {ident}: «{raw}»  |  {start}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
