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
import itertools
import json
import math
import shutil

from bench_engines import measure_search, scale_records
from common import (
    NEWSARC,
    OUT,
    ant_path,
    dir_bytes,
    git_commit,
    require,
    run,
    snn_path,
    stamp,
    table,
    write_jsonl,
)


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
        count, _ = write_jsonl(itertools.islice(records, size - fed), chunk)
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
