"""Search figures of archives that already exist, side by side in one run.

    python bench/bench_archives.py [--rounds 2] ARCHIVE [ARCHIVE ...]

For archives built earlier (`bench_growth.py --keep`, `bench_engines.py`), measured again
together, e.g. on a quiet machine after a long build ran beside other work: the 25 queries
of bench/queries.py as fresh `newsarc search` processes, each query asked of every archive
in turn before the next (so the machine's noise falls on all alike; the order of the
archives alternates between rounds), then warm through `Archive.search` in this process,
one archive after the other. Prints, per archive: articles, index size, fresh p50 / p95,
warm p50.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from bench_search import resolve_queries
from common import NEWSARC, dir_bytes, median, percentile, run, stamp, table


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("archives", nargs="+", type=Path)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    homes = [str(path) for path in args.archives]
    queries = {home: resolve_queries(home) for home in homes}
    fresh: dict[str, list[float]] = {home: [] for home in homes}
    for round_number in range(args.rounds):
        order = homes if round_number % 2 == 0 else list(reversed(homes))
        for index in range(len(queries[homes[0]])):
            for home in order:
                _, query, _ = queries[home][index]
                search = [NEWSARC, "--home", home, "search", query, "--color", "always"]
                fresh[home].append(run(search, check=False).seconds)
    rows = []
    for home in homes:
        stats = json.loads(run([NEWSARC, "--home", home, "stats", "--json"]).stdout)
        warm = _warm(home, [query for _, query, _ in queries[home]], args.rounds)
        rows.append(
            [home, stats["articles"], f"{dir_bytes(Path(home) / 'index') / 2**30:.2f}",
             f"{median(fresh[home]) * 1000:.0f}", f"{percentile(fresh[home], 0.95) * 1000:.0f}",
             f"{median(warm) * 1000:.2f}"]
        )  # fmt: skip
    table(
        f"Archives side by side ({stamp()})",
        ["archive", "articles", "index GiB", "search p50 ms", "search p95 ms", "warm p50 ms"],
        rows,
        [f"{args.rounds} rounds of {len(queries[homes[0]])} queries, interleaved"],
    )


def _warm(home: str, queries: list[str], rounds: int) -> list[float]:
    from newsarc.archive import Archive
    from newsarc.errors import QueryError

    library = Archive.open(home)
    answered = []
    for query in queries:  # warm-up: caches, imports
        try:
            library.search(query)
            answered.append(query)
        except QueryError:
            pass
    times = []
    for _ in range(rounds):
        for query in answered:
            started = time.perf_counter()
            library.search(query)
            times.append(time.perf_counter() - started)
    return times


if __name__ == "__main__":
    main()
