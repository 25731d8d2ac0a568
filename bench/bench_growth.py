"""Growth: one archive grown to a million articles, measured at each size on the way.

    python bench/bench_growth.py [--engine xapian|whoosh] [--sizes 100000,300000,1000000]
                                 [--rounds 2] [--stop-after SECONDS] [--keep]

One archive (`newsarc init --engine ...`) is fed the `scale` corpus (ANT then
SaudiNewsNet, repeated; each repetition with its ids suffixed `-cN` and a closing line
naming the copy, so no copy is a duplicate: bench_engines.py) by successive `newsarc add`
runs, one per step between two sizes, as a newsroom's archive grows. At each size it
measures: the step's ingest (articles/s, peak memory of the process tree), the index size,
the 25 queries of bench/queries.py as fresh `newsarc search` processes (p50, p95) and warm
through `Archive.search` (p50). The warm cost's growth between the smallest and the largest
size reached is reported as an exponent k in cost ∝ size^k.

Near-duplicate detection stays on (the copies are linked to the first copy's story, as
wire copy is). `--stop-after` ends the growth at the first size reached after that many
seconds of ingest, so a run fits the time there is; the table says how far it got.
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

from bench_search import resolve_queries
from common import (
    NEWSARC,
    OUT,
    ant_path,
    dir_bytes,
    git_commit,
    iter_records,
    median,
    percentile,
    require,
    run,
    slim,
    snn_path,
    stamp,
    table,
    write_jsonl,
)


def scale_records() -> Iterator[dict]:
    """ANT + SaudiNewsNet, repeated without end (the same copies as bench_engines.py)."""
    for copy in range(1, 10_000):
        for source in (ant_path(), snn_path()):
            for record in iter_records(source):
                record = slim(record)
                if copy > 1:
                    record["id"] = f"{record['id']}-c{copy}" if record.get("id") else None
                    record["text"] = f"{record['text']}\nنسخة {copy}"
                    if record["id"] is None:
                        del record["id"]
                yield record


def take(records: Iterator[dict], count: int) -> Iterator[dict]:
    for _ in range(count):
        try:
            yield next(records)
        except StopIteration:
            return


def measure_search(home: Path, rounds: int) -> dict:
    queries = resolve_queries(str(home))
    process_times: list[float] = []
    for round_number in range(rounds):
        ordered = queries if round_number % 2 == 0 else list(reversed(queries))
        for _, query, _ in ordered:
            search = [NEWSARC, "--home", str(home), "search", query, "--color", "always"]
            process_times.append(run(search, check=False).seconds)
    from newsarc.archive import Archive
    from newsarc.errors import QueryError

    library = Archive.open(str(home))
    answered = []
    for kind, query, word in queries:  # warm-up: caches, imports
        try:
            library.search(query)
            answered.append((kind, query, word))
        except QueryError:  # a source the archive does not hold yet (a small first size)
            pass
    library_times: list[float] = []
    for _ in range(rounds):
        for _, query, _ in answered:
            started = time.perf_counter()
            library.search(query)
            library_times.append(time.perf_counter() - started)
    return {
        "process_p50": median(process_times),
        "process_p95": percentile(process_times, 0.95),
        "library_p50": median(library_times),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--engine", default="xapian", choices=("xapian", "whoosh"))
    parser.add_argument("--sizes", default="100000,300000,600000,1000000")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--stop-after", type=float, default=None, metavar="SECONDS")
    parser.add_argument("--keep", action="store_true", help="keep the archive in bench/out/")
    args = parser.parse_args()
    require(ant_path(), snn_path())
    sizes = sorted(int(size) for size in args.sizes.split(","))
    home = OUT / "growth" / f"archive-{args.engine}"
    chunk = OUT / "growth" / "step.jsonl.gz"
    shutil.rmtree(home, ignore_errors=True)
    home.parent.mkdir(parents=True, exist_ok=True)
    run([NEWSARC, "--home", str(home), "init", "--engine", args.engine])
    records = scale_records()
    fed, ingest_seconds, rows = 0, 0.0, []
    for size in sizes:
        count, _ = write_jsonl(take(records, size - fed), chunk)
        fed += count
        step = run([NEWSARC, "--home", str(home), "add", "-q", str(chunk)], measure_memory=True)
        ingest_seconds += step.seconds
        stats = json.loads(run([NEWSARC, "--home", str(home), "stats", "--json"]).stdout)
        row = {
            "size": fed,
            "indexed": stats["articles"],
            "step_articles_per_s": count / step.seconds,
            "step_cpu_ms_per_article": step.cpu_seconds * 1000 / count,
            "peak_mb": step.peak_mb,
            "index_gib": dir_bytes(home / "index") / 2**30,
            **measure_search(home, args.rounds),
        }
        rows.append(row)
        print(f"  {stamp()} {json.dumps(row)}", flush=True)
        if args.stop_after is not None and ingest_seconds >= args.stop_after:
            break
    chunk.unlink(missing_ok=True)
    if not args.keep:
        shutil.rmtree(home, ignore_errors=True)
    notes = [f"engine {args.engine}; commit {git_commit()}; ingest {ingest_seconds:.0f} s in all"]
    if len(rows) >= 2:
        first, last = rows[0], rows[-1]
        k = math.log(last["library_p50"] / first["library_p50"]) / math.log(
            last["indexed"] / first["indexed"]
        )
        notes.append(
            f"warm query cost grows as size^{k:.2f} from {first['indexed']:,} to "
            f"{last['indexed']:,} indexed articles"
        )
    table(
        f"Growth of one {args.engine} archive ({stamp()})",
        ["articles fed", "indexed", "step art/s", "CPU ms/art", "peak MB", "index GiB",
         "search p50 ms", "search p95 ms", "warm p50 ms"],
        [
            [r["size"], r["indexed"], f"{r['step_articles_per_s']:.0f}",
             f"{r['step_cpu_ms_per_article']:.1f}", f"{r['peak_mb']:.0f}",
             f"{r['index_gib']:.2f}", f"{r['process_p50'] * 1000:.0f}",
             f"{r['process_p95'] * 1000:.0f}", f"{r['library_p50'] * 1000:.2f}"]
            for r in rows
        ],
        notes,
    )  # fmt: skip


if __name__ == "__main__":
    main()
