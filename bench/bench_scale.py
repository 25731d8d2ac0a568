"""Scale: how ingest and query cost grow with the size of the archive.

    python bench/bench_scale.py [--corpora sample,ant,ant+snn,ant4x] [--rounds R]

For each corpus: `newsarc add` into a fresh archive (one process, wall time and peak
memory), then the queries of bench/queries.py, end to end as processes and warm through
the library. Growth between the two largest sizes is reported as an exponent k in
cost ∝ size^k: k ≈ 1 is linear, k < 1 sublinear.
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
import time

from bench_search import resolve_queries
from common import (
    NEWSARC,
    OUT,
    ant_path,
    corpus,
    corpus_meta,
    dir_bytes,
    median,
    percentile,
    require,
    run,
    snn_path,
    stamp,
    table,
)


def _growth(k: float) -> str:
    return "linear" if 0.85 <= k <= 1.15 else "superlinear" if k > 1.15 else "sublinear"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpora", default="sample,ant,ant+snn,ant4x")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--keep", action="store_true", help="keep the archives in bench/out/scale/")
    args = parser.parse_args()
    require(ant_path(), snn_path())
    from newsarc.archive import Archive

    measured_rows = []
    for name in args.corpora.split(","):
        source = corpus(name)
        meta = corpus_meta(source)
        home = OUT / "scale" / name
        shutil.rmtree(home, ignore_errors=True)
        ingest = run([NEWSARC, "--home", str(home), "add", "-q", str(source)], measure_memory=True)
        indexed = json.loads(run([NEWSARC, "--home", str(home), "stats", "--json"]).stdout)[
            "articles"
        ]
        queries = resolve_queries(str(home))
        process_times, library_times = [], []
        for round_number in range(args.rounds):
            for _, query, _ in queries if round_number % 2 == 0 else reversed(queries):
                process_times.append(
                    run(
                        [NEWSARC, "--home", str(home), "search", query, "--color", "always"],
                        check=False,
                    ).seconds
                )
        library = Archive.open(str(home))
        for _, query, _ in queries:
            library.search(query)
        for _ in range(args.rounds):
            for _, query, _ in queries:
                started = time.perf_counter()
                library.search(query)
                library_times.append(time.perf_counter() - started)
        measured_rows.append(
            {
                "name": name,
                "articles": meta["articles"],
                "indexed": indexed,
                "seconds": ingest.seconds,
                "peak": ingest.peak_mb,
                "index_mib": dir_bytes(home / "index") / 2**20,
                "text_mib": meta["raw_bytes"] / 2**20,
                "process_p50": median(process_times),
                "process_p95": percentile(process_times, 0.95),
                "library_p50": median(library_times),
            }
        )
        print(
            f"  {name}: {ingest.seconds:.0f} s ingest, query p50 "
            f"{median(process_times) * 1000:.0f} ms",
            flush=True,
        )
        if not args.keep:
            shutil.rmtree(home, ignore_errors=True)
    rows = [
        [
            r["name"],
            r["articles"],
            r["indexed"],
            r["seconds"],
            r["articles"] / r["seconds"],
            r["peak"],
            r["index_mib"] / r["text_mib"],
            r["process_p50"] * 1000,
            r["process_p95"] * 1000,
            r["library_p50"] * 1000,
        ]
        for r in measured_rows
    ]
    notes = []
    if len(measured_rows) >= 2:
        small, large = measured_rows[-2], measured_rows[-1]
        growth = math.log(large["articles"] / small["articles"])

        def exponent(key: str) -> float:
            return math.log(large[key] / small[key]) / growth

        k_ingest, k_process, k_library = (
            exponent("seconds"),
            exponent("process_p50"),
            exponent("library_p50"),
        )
        notes.append(
            f"Growth from {small['name']} to {large['name']} "
            f"(×{large['articles'] / small['articles']:.2f} articles), cost ∝ size^k: "
            f"ingest k = {k_ingest:.2f} "
            f"({_growth(k_ingest)}), "
            f"query as a process k = {k_process:.2f}, query warm in the library k = "
            f"{k_library:.2f} "
            f"({'sublinear' if k_library < 0.9 else 'not sublinear'})."
        )
    table(
        f"scale: ingest and query cost by archive size ({stamp()})",
        [
            "corpus",
            "articles",
            "indexed",
            "ingest s",
            "articles/s",
            "peak MB",
            "index/text",
            "search p50 ms",
            "search p95 ms",
            "library p50 ms",
        ],
        rows,
        notes=notes
        + [
            "search: a fresh process printing a highlighted top 10; library: Archive.search warm. "
            "25 queries × rounds."
        ],
    )


if __name__ == "__main__":
    main()
