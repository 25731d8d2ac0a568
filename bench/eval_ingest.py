"""Does `add` read real newspapers' files truthfully? Nothing lost, nothing invented.

SaudiNewsNet (14 Saudi papers, each article with its title, author line and paper) is
written out as the files people hold — a folder per paper named as the paper is written,
the headline first with or without a blank line after it, the author line under the
headline or as a closing sign-off, Windows-1256 (with an old converter's NUL padding),
UTF-8 with a BOM, CRLF line ends — and read back with newsarc's reader (the same function
`add` uses; nothing is indexed). Scored against the truth:

* headlines right (the title is the headline, exactly), by layout;
* sources right (the paper's folder), and closing source lines recorded as signatures;
* authors and places right where the author line gives them. The truth comes from each
  paper's own byline convention (`P: X` in al-Sharq al-Awsat and al-Watan, `X - P` in
  al-Madina and al-Yaum, `X (P)` in Okaz, `… سبق- P:` in Sabq, …), not from newsarc's
  gazetteer or outlet list;
* lines lost: every non-blank line written must be found in the title, the text, or a
  field that shows what was taken (signature, author, dateline, date-raw): must be 0.

ANT's original files (`ant-news/original-samples/`, TREC `<DOC>` files of six outlets) are
read as they are (lines of <TEXT> lost, failures, places from Sky News' <AUTHOR>), and also
written out as plain text (headline, blank line or not, text) for the headline rule; so is
ANT's 2,000-article sample (Tunisian, Lebanese, pan-Arab and French outlets in Arabic).

Tuned on / measured on: the rules were tuned on the SaudiNewsNet *dev* half (articles
whose id hashes even) only. The *test* half (odd) and all of ANT are measured, never
tuned on: read the figures of those to judge the rules.

The data is third-party and never copied into the repository; files are written under
bench/out/ (git-ignored). Skips with a message, exit 0, when the data is missing.

The same script runs against an older newsarc (`PYTHONPATH=OLD/src python
bench/eval_ingest.py`): fields an older reader lacks count as empty.

    python bench/eval_ingest.py                # 40 articles per paper per half
    python bench/eval_ingest.py --per-paper 100 --show 10   # more, and 10 misses of each kind
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import random
import re
import shutil
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
try:
    import newsarc  # noqa: F401
except ImportError:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT / "src"))

from common import OUT, shared_dir  # noqa: E402

from newsarc.decode import canonical_text  # noqa: E402
from newsarc.model import AddOutcome, Article  # noqa: E402
from newsarc.normalize import normalize_arabic  # noqa: E402
from newsarc.reader import ReadOptions, clean_metadata, expand_paths, read_inputs  # noqa: E402

LAYOUTS = ("title-blank-byline", "title-byline", "title-blank-signoff", "title-text", "signature")
# The truth's own list of credits that are not people (independent of newsarc's outlets.py).
CREDITS = {
    "واس",
    "رويترز",
    "أ ف ب",
    "ا ف ب",
    "أ.ف.ب",
    "د ب أ",
    "د.ب.أ",
    "وكالات",
    "الوكالات",
    "متابعات",
    "المحليات",
    "عواصم",
    "متابعة",
    "الوطن",
    "الوئام",
    "اليوم",
    "الجزيرة",
    "عكاظ",
    "سبق",
    "الرياضي",
    "الرياضية",
    "الاقتصادية",
    "الاقتصادية الإلكترونية",
    "الشرق الأوسط",
    "الشرق الأوسط أونلاين",
    "الرياض الإلكتروني",
    "عين اليوم",
    # credit labels and "the regions": not places either
    "كتب",
    "تقرير",
    "تحليل",
    "إعداد",
    "حوار",
    "عرض",
    "المناطق",
}
# Where each paper's byline puts the place: first part, last part, or inside brackets.
PLACE_POSITION = {
    "aawsat": "first",
    "alwatan": "first",
    "alriyadh": "first",
    "aljazirah": "first",
    "alweeam": "first",
    "aleqtisadiya": "after-min",
    "almadina": "last",
    "alyaum": "last",
    "okaz": "bracket",
    "sabq": "last",
    "arreyadi": "last",
}
_SPLIT = re.compile(r"\s*(?:[-–—]+|:|\t+|(?<=\s)ـ+(?=\s))\s*")


def key(value: str | None) -> str:
    """Compared without quotes, brackets, dots or `&nbsp;`, normalized (`أ. ف. ب` is `أ ف ب`)."""
    value = re.sub(r"[«»\"“”().*]|&nbsp;", " ", value or "")
    return " ".join(normalize_arabic(value).split())


def byline_truth(source_id: str, author: str) -> tuple[str | None, str | None]:
    """(place, person) the paper's convention says the author line gives, else None."""
    line = author.strip().rstrip(":").strip()
    if not line or "|" in line or any(c.isdigit() for c in line):
        return None, None
    position = PLACE_POSITION.get(source_id)
    if position == "bracket":
        m = re.match(r"^(.+?)\s*\((.+)\)$", line)
        parts = [m[1], m[2]] if m else [line]
        place = parts[1] if m else None
    elif position == "after-min":
        m = re.match(r"^(.+?)\s+من\s+(.+)$", line)
        parts = [m[1], m[2]] if m else [p for p in _SPLIT.split(line) if p]
        place = parts[-1] if m else (parts[0] if len(parts) == 2 else None)
    else:
        parts = [p for p in _SPLIT.split(line) if p]
        if len(parts) < 2:
            place = None
        else:
            place = parts[0] if position == "first" else parts[-1] if position == "last" else None
    credits = {key(c) for c in CREDITS}
    if place is not None and key(place) in credits:  # `الجزيرة - واس:`: the paper, no place
        place = None
    if place is not None and key(place) == key("المدينة") and source_id == "almadina":
        place = None
    people = [p for p in parts if p != place and key(p) not in credits and key(p) != key("المدينة")]
    person = people[0] if len(people) == 1 and 2 <= len(people[0].split()) <= 5 else None
    if person is not None and place is None and len(parts) > 1:
        person = None  # `طنجة ـ جدة`: the convention does not say which is which
    if place is not None and (len(place.split()) > 3 or "،" in place):
        place = None
    return place, person


def write_file(path: Path, text: str, layout_index: int) -> str:
    """Write in one of the encodings people's files come in; returns which."""
    path.parent.mkdir(parents=True, exist_ok=True)
    kind = layout_index % 3
    if kind == 0:
        try:
            path.write_bytes(text.replace("\n", "\r\n").encode("windows-1256") + b"\x00")
            return "windows-1256+NUL+CRLF"
        except UnicodeEncodeError:
            kind = 1
    if kind == 1:
        path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
        return "utf-8-bom"
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    return "utf-8+CRLF"


def compose(record: dict, layout: str) -> tuple[str, str | None]:
    """The file's text and the author line written in it (None: none)."""
    title, author, text = record["title"], record["author"].strip(), record["text"]
    if layout == "title-blank-byline" and author:
        return f"{title}\n\n{author}\n\n{text}", author
    if layout == "title-byline" and author:
        return f"{title}\n{author}\n{text}", author
    if layout == "title-blank-signoff" and author:
        return f"{title}\n\n{text}\n{author}", author
    if layout == "signature":
        return f"{title}\n\n{text}\n{record['source_ar']}", None
    if layout == "title-text":
        return f"{title}\n{text}", None
    return f"{title}\n\n{text}", None


def lines_lost(written: str, article: Article) -> list[str]:
    kept = set(canonical_text(article.text).split("\n"))
    fields = [
        article.title,
        getattr(article, "signature", None),
        article.author,
        article.dateline,
        article.date_raw,
    ]
    lost = []
    for line in canonical_text(written).split("\n"):
        line = line.strip()
        if (
            not line
            or line in kept
            or any(f and clean_metadata(line) == clean_metadata(f) for f in fields)
        ):
            continue
        if any(line in k for k in kept):  # kept, with its neighbours' blanks trimmed
            continue
        lost.append(line)
    return lost


def load_snn(per_paper: int, seed: int) -> dict[str, list[dict]]:
    path = shared_dir() / "data" / "saudinewsnet" / "saudinewsnet.jsonl.gz"
    if not path.exists():
        print(f"skip: {path} not found")
        raise SystemExit(0)
    halves: dict[str, dict[str, list[dict]]] = {"dev": defaultdict(list), "test": defaultdict(list)}
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        for line in stream:
            record = json.loads(line)
            if not record["text"].strip() or not record["title"].strip():
                continue
            half = (
                "dev"
                if int(hashlib.sha256(record["id"].encode()).hexdigest(), 16) % 2 == 0
                else "test"
            )
            halves[half][record["source_id"]].append(record)
    rng = random.Random(seed)
    chosen: dict[str, list[dict]] = {}
    for half, papers in halves.items():
        chosen[half] = []
        for source_id in sorted(papers):
            records = papers[source_id]
            chosen[half] += rng.sample(records, min(per_paper, len(records)))
    return chosen


def read_back(folder: Path) -> dict[str, AddOutcome | Article]:
    results = {}
    for item in read_inputs(expand_paths([str(folder)]), ReadOptions()):
        results[Path(item.origin.split(":")[0]).name] = item
    return results


def score_snn(records: list[dict], work: Path, show: int) -> dict[str, object]:
    if work.exists():
        shutil.rmtree(work)
    written: dict[str, tuple[dict, str, str, str | None, str]] = {}
    for index, record in enumerate(records):
        layout = LAYOUTS[index % len(LAYOUTS)]
        text, author_line = compose(record, layout)
        folder = "inbox" if layout == "signature" else record["source_ar"]
        name = f"{record['id']}.txt"
        encoding = write_file(work / folder / name, text, index // len(LAYOUTS))
        written[name] = (record, layout, text, author_line, encoding)
    results = read_back(work)
    counts: Counter[str] = Counter()
    misses: dict[str, list[str]] = defaultdict(list)
    for name, (record, layout, text, author_line, _encoding) in written.items():
        item = results.get(name)
        if not isinstance(item, Article):
            counts["failed"] += 1
            misses["failed"].append(f"{name}: {item.message if item else 'not read'}")
            continue
        counts["articles"] += 1
        blank = (
            "blank"
            if layout in ("title-blank-byline", "title-blank-signoff", "signature")
            else "no-blank"
        )
        counts[f"titles {blank}"] += 1
        # the headline as the issue wants it stored: references decoded, no zero-width edges
        if item.title == clean_metadata(canonical_text(record["title"])):
            counts[f"titles {blank} right"] += 1
        else:
            misses[f"title {blank}"].append(
                f"{record['title']!r} → {item.title!r} ({getattr(item, 'title_rule', None)})"
            )
        if layout == "signature":
            counts["signature lines"] += 1
            if getattr(item, "signature", None) == record["source_ar"] and item.source == "inbox":
                counts["signature lines recorded"] += 1
            else:
                misses["signature"].append(
                    f"{record['source_ar']!r} → signature {getattr(item, 'signature', None)!r}, "
                    f"source {item.source!r}"
                )
        else:
            counts["sources"] += 1
            if item.source == record["source_ar"]:
                counts["sources right"] += 1
            else:
                misses["source"].append(f"{record['source_ar']!r} → {item.source!r} ({name})")
        lost = lines_lost(text, item)
        counts["lines lost"] += len(lost)
        misses["lost"] += [f"{name}: {line[:80]!r}" for line in lost]
        if author_line and layout != "title-blank-signoff":
            place, person = byline_truth(record["source_id"], author_line)
            if place:
                counts["places"] += 1
                if key(item.place) == key(place) or key(item.place).split("،")[0] == key(
                    place.split("(")[0]
                ):
                    counts["places right"] += 1
                else:
                    misses["place"].append(f"{author_line!r}: {place!r} → {item.place!r}")
            if person:
                counts["authors"] += 1
                if key(item.author) == key(person):
                    counts["authors right"] += 1
                else:
                    misses["author"].append(f"{author_line!r}: {person!r} → {item.author!r}")
        if item.author and layout != "title-blank-signoff":
            person = byline_truth(record["source_id"], author_line)[1] if author_line else None
            counts["authors recorded"] += 1
            if person is None and not (author_line and key(item.author) in key(author_line)):
                counts["authors, author line names none"] += 1  # maybe a byline in the text
                misses["author not in the author line"].append(f"{author_line!r} → {item.author!r}")
        if item.place and author_line:
            counts["places recorded"] += 1
            truth_place, _ = byline_truth(record["source_id"], author_line)
            if truth_place is None and key(item.place) not in key(author_line):
                counts["places not in the byline"] += 1
    for kind, lines in sorted(misses.items()):
        for line in lines[:show]:
            print(f"  miss {kind}: {line}")
    return dict(counts)


def score_ant(work: Path, show: int) -> dict[str, object]:
    from newsarc.trec import parse_trec

    originals = shared_dir() / "data" / "ant-news" / "original-samples"
    if not originals.exists():
        return {"skipped": str(originals)}
    counts: Counter[str] = Counter()
    misses: dict[str, list[str]] = defaultdict(list)
    if work.exists():
        shutil.rmtree(work)
    truth: dict[str, tuple[str, str, str]] = {}
    files = sorted(p for p in originals.rglob("*.txt"))
    for index, path in enumerate(files):
        docs = [
            d
            for d in parse_trec(path.read_bytes().decode("utf-8", "replace"))
            if hasattr(d, "fields")
        ]
        if len(docs) != 1:
            continue
        fields = docs[0].fields
        title, text = fields.get("TITLE", "").strip(), fields.get("TEXT", "").strip()
        if not title or not text:
            continue
        layout = "blank" if index % 2 == 0 else "no-blank"
        plain = f"{title}\n\n{text}" if layout == "blank" else f"{title}\n{text}"
        target = work / (fields.get("SRC") or "unknown") / f"{path.stem}.txt"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(plain, encoding="utf-8")
        truth[target.name] = (title, layout, plain)
    texts = {}
    for path in files:
        for doc in parse_trec(path.read_bytes().decode("utf-8", "replace")):
            if hasattr(doc, "fields"):
                texts[path.stem] = doc.fields.get("TEXT", "")
    for item in read_inputs(expand_paths([str(originals)]), ReadOptions()):
        if not isinstance(item, Article):
            counts["trec failed"] += 1
            misses["trec failed"].append(item.message or "")
            continue
        counts["trec articles"] += 1
        if item.place:
            counts["trec places"] += 1
        stem = Path(item.origin.split(":")[0]).stem
        if stem in texts:  # every line of <TEXT> is in the text, or shown in a field
            lost = lines_lost(texts[stem], item)
            counts["trec lines lost"] += len(lost)
            misses["trec lost"] += [f"{stem}: {line[:80]!r}" for line in lost]
    score_headlines(work, truth, counts, misses, failed="plain failed")
    for kind, lines in sorted(misses.items()):
        for line in lines[:show]:
            print(f"  miss {kind}: {line}")
    return dict(counts)


def score_headlines(
    work: Path,
    truth: dict[str, tuple[str, str, str]],
    counts: Counter[str],
    misses: dict[str, list[str]],
    failed: str,
) -> None:
    """Read the files written under `work` back and count, against `truth` (name → title,
    layout, file text), headlines right per layout and lines lost; failures under `failed`."""
    for name, item in read_back(work).items():
        if name not in truth:
            continue
        title, layout, plain = truth[name]
        if not isinstance(item, Article):
            counts[failed] += 1
            misses[failed].append(f"{name}: {item.message or ''}")
            continue
        counts[f"titles {layout}"] += 1
        if item.title == clean_metadata(canonical_text(title)):
            counts[f"titles {layout} right"] += 1
        else:
            misses[f"title {layout}"].append(
                f"{title!r} → {item.title!r} ({getattr(item, 'title_rule', None)})"
            )
        lost = lines_lost(plain, item)
        counts["lines lost"] += len(lost)
        misses["lost"] += [f"{name}: {line[:80]!r}" for line in lost]


def score_ant_sample(work: Path, show: int, limit: int) -> dict[str, object]:
    """ANT's 2,000-article sample (six outlets) written out as plain files, a folder per
    outlet, the headline first with or without a blank line: headlines and lines lost."""
    path = shared_dir() / "data" / "ant-news" / "ant_news.sample2k.jsonl.gz"
    if not path.exists():
        return {"skipped": str(path)}
    if work.exists():
        shutil.rmtree(work)
    truth: dict[str, tuple[str, str, str]] = {}
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        for index, line in enumerate(stream):
            if index >= limit:
                break
            record = json.loads(line)
            title, text = (record.get("title") or "").strip(), (record.get("text") or "").strip()
            if not title or not text:
                continue
            layout = "blank" if index % 2 == 0 else "no-blank"
            plain = f"{title}\n\n{text}" if layout == "blank" else f"{title}\n{text}"
            name = f"ant-{index:05d}.txt"
            target = work / str(record.get("source") or "unknown") / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(plain, encoding="utf-8")
            truth[name] = (title, layout, plain)
    counts: Counter[str] = Counter()
    misses: dict[str, list[str]] = defaultdict(list)
    score_headlines(work, truth, counts, misses, failed="failed")
    for kind, lines in sorted(misses.items()):
        for line in lines[:show]:
            print(f"  miss {kind}: {line}")
    return dict(counts)


def summary(counts: dict[str, object]) -> str:
    out = []
    for total_key in sorted(
        k for k in counts if not k.endswith(" right") and not k.endswith(" recorded")
    ):
        value = counts[total_key]
        right = counts.get(f"{total_key} right", counts.get(f"{total_key} recorded"))
        if isinstance(value, int) and isinstance(right, int) and value:
            out.append(f"  {total_key:<28} {right}/{value} = {100 * right / value:.1f}%")
        else:
            out.append(f"  {total_key:<28} {value}")
    return "\n".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--per-paper", type=int, default=40, help="articles per paper per half (default 40)"
    )
    parser.add_argument("--show", type=int, default=0, help="print this many misses of each kind")
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--half", choices=("dev", "test", "both"), default="both")
    parser.add_argument(
        "--ant-limit", type=int, default=2000, help="articles of ANT's sample written as files"
    )
    args = parser.parse_args()
    halves = load_snn(args.per_paper, args.seed)
    for half in ("dev", "test"):
        if args.half not in (half, "both"):
            continue
        label = "tuned on" if half == "dev" else "measured only"
        print(f"SaudiNewsNet {half} half ({label}), {args.per_paper} per paper:")
        counts = score_snn(halves[half], OUT / "eval_ingest" / half, args.show)
        print(summary(counts))
    print("ANT original samples (measured only):")
    print(summary(score_ant(OUT / "eval_ingest" / "ant", args.show)))
    print(f"ANT 2,000-article sample as plain files, first {args.ant_limit} (measured only):")
    print(summary(score_ant_sample(OUT / "eval_ingest" / "ant-sample", args.show, args.ant_limit)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
