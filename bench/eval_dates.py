"""How well newsarc.dates reads the real dates of the ANT news corpus.

Reports, on ../shared/data/ant-news/ant_news.jsonl.gz (or --sample for the 2k subset):

1. metadata dates: the share of ``date_raw`` values (the upstream ``<TIME>``) that
   ``parse_date`` reads to the same calendar day as the corpus's ISO ``date`` field, by format;
2. dates in the text: the share of day + word(s) + year mentions (a broad regex: a number
   1-31, one to three words, a 4-digit year) that ``parse_date`` reads, by outlet; the same
   for the mentions whose first word is a month name; and the most frequent unread phrases
   (mostly not dates at all: ``5 بالمئة في 2018``);
3. header dates: how many articles ``find_header_date`` gives a date, and how many of those
   agree with the metadata date.

The data is third-party (see shared/data/README.md) and never copied into the repository.
Data location: $NEWSARC_SHARED (the shared folder, holding data/) or ../shared next to the
repository. Skips with a message, exit 0, when it is missing.

    python bench/eval_dates.py            # full corpus, ~1 min
    python bench/eval_dates.py --sample   # 2k-article sample
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
try:
    from newsarc.dates import find_header_date, parse_date, to_ascii_digits
except ImportError:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT / "src"))
    from newsarc.dates import find_header_date, parse_date, to_ascii_digits

FORMATS = [
    ("RFC 2822, GMT", re.compile(r"^[A-Z][a-z]{2}, \d{1,2} [A-Z][a-z]{2} \d{4} [\d:]{8} GMT$")),
    (
        "RFC 2822, +hhmm",
        re.compile(r"^[A-Z][a-z]{2}, \d{1,2} [A-Z][a-z]{2} \d{4} [\d:]{8} [+-]\d{4}$"),
    ),
    ("ISO 8601 with offset", re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")),
    ("DD/MM/YYYY", re.compile(r"^\d\d/\d\d/\d{4}$")),
    ("YYYY-MM-DDTHHMMSS", re.compile(r"^\d{4}-\d\d-\d\dT\d{6}$")),
]

# A number 1-31, one to three words, a 4-digit year: broader than any date rule.
MENTION = re.compile(
    r"(?<![0-9.,:/])(?P<day>[0-9]{1,2})\s+"
    r"(?P<words>[^\s0-9]+(?:\s+[^\s0-9]+){0,2}?)\s+"
    r"(?P<year>[0-9]{4})(?![0-9])"
)


def shared_dir() -> Path:
    env = os.environ.get("NEWSARC_SHARED")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "shared"


def articles(path: Path) -> Iterator[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            yield json.loads(line)


def format_of(raw: str) -> str:
    return next((name for name, pattern in FORMATS if pattern.match(raw)), "other")


def is_month_word(words: str) -> bool:
    """The mention's first word (before any ``/`` or ``(``) is a month name: the parser
    itself is the oracle, on ``1 <word> 2000`` (Gregorian) or ``1 <word> 1440`` (Hijri)."""
    first = re.split(r"[\s/(]", words, maxsplit=1)[0]
    return any(parse_date(f"1 {first} {year}") is not None for year in (2000, 1440))


def pct(n: int, d: int) -> str:
    return f"{100 * n / d:6.2f}%" if d else "     -"


def row(label: str, n: int, d: int, width: int) -> str:
    return f"   {label:{width}} {n:6}/{d:<6} {pct(n, d)}"


def evaluate(path: Path, top: int) -> None:
    meta_total: Counter[str] = Counter()
    meta_same: Counter[str] = Counter()
    meta_wrong: dict[str, list[str]] = defaultdict(list)
    men_total: Counter[str] = Counter()
    men_read: Counter[str] = Counter()
    month_total: Counter[str] = Counter()
    month_read: Counter[str] = Counter()
    unread: dict[str, Counter[str]] = defaultdict(Counter)
    head_found: Counter[str] = Counter()
    head_agree: Counter[str] = Counter()
    articles_by_source: Counter[str] = Counter()

    started = time.perf_counter()
    for a in articles(path):
        source = a.get("source") or "?"
        articles_by_source[source] += 1
        expected = dt.date.fromisoformat(a["date"][:10]) if a.get("date") else None

        fmt = format_of(a["date_raw"])
        meta_total[fmt] += 1
        parsed = parse_date(a["date_raw"])
        if parsed is not None and parsed.value == expected:
            meta_same[fmt] += 1
        elif len(meta_wrong[fmt]) < 3:
            meta_wrong[fmt].append(a["date_raw"])

        text = a.get("text") or ""
        ascii_text = to_ascii_digits(text)
        for m in MENTION.finditer(ascii_text):
            if not 1 <= int(m["day"]) <= 31:
                continue
            men_total[source] += 1
            was_read = parse_date(text[m.start() : m.end()]) is not None
            men_read[source] += was_read
            if not was_read:
                unread[source][m["words"]] += 1
            if is_month_word(m["words"]):
                month_total[source] += 1
                month_read[source] += was_read

        header = find_header_date(text)
        if header is not None:
            head_found[source] += 1
            head_agree[source] += header.value == expected
    elapsed = time.perf_counter() - started

    n = sum(articles_by_source.values())
    print(f"{path.name}: {n} articles, {elapsed:.1f} s\n")
    print("1. metadata date_raw read by parse_date to the same day as `date`")
    for fmt in sorted(meta_total, key=lambda k: -meta_total[k]):
        print(row(fmt, meta_same[fmt], meta_total[fmt], 22))
        for raw in meta_wrong[fmt]:
            print(f"      not read or different: {raw!r}")
    total, same = sum(meta_total.values()), sum(meta_same.values())
    print(row("all", same, total, 22) + "\n")

    print("2. day + word(s) + year mentions in the text that parse_date reads, by outlet")
    for source in sorted(men_total, key=lambda k: -men_total[k]):
        print(row(source, men_read[source], men_total[source], 18))
    total, read = sum(men_total.values()), sum(men_read.values())
    print(row("all", read, total, 18))
    print("   of which the first word is a month name (Gregorian or Hijri, any family):")
    for source in sorted(month_total, key=lambda k: -month_total[k]):
        print(row(source, month_read[source], month_total[source], 18))
    print(row("all", sum(month_read.values()), sum(month_total.values()), 18))
    print(f"   most frequent unread middles (top {top} per outlet; most are not dates):")
    for source in sorted(unread):
        common = ", ".join(f"{w} ×{c}" for w, c in unread[source].most_common(top))
        print(f"   {source}: {common}")
    print()

    print("3. find_header_date: articles with a header/dateline date, and agreement with `date`")
    for source in sorted(articles_by_source, key=lambda k: -articles_by_source[k]):
        found = head_found[source]
        print(
            f"   {source:18} found {found:5}/{articles_by_source[source]:<6}"
            f" agree {head_agree[source]:5}/{found:<5} {pct(head_agree[source], found)}"
        )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sample", action="store_true", help="use the 2k-article sample")
    ap.add_argument("--file", type=Path, help="a JSONL.gz file with the ANT fields")
    ap.add_argument("--top", type=int, default=8, help="unread phrases shown per outlet")
    args = ap.parse_args(argv)
    name = "ant_news.sample2k.jsonl.gz" if args.sample else "ant_news.jsonl.gz"
    path = args.file or shared_dir() / "data" / "ant-news" / name
    if not path.is_file():
        print(f"skipped: no data at {path} (set NEWSARC_SHARED to the shared folder)")
        return 0
    evaluate(path, args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
