"""The spelling evidence's cost: the same archives searched by two versions of newsarc, in
alternation (issue 15: the words next to each spelling were most of a warm query).

    python bench/bench_evidence.py --before /tmp/newsarc-main ARCHIVE [ARCHIVE ...]
        [--rounds R]

``--before``: a source tree of the other version (``git archive main | tar -x -C DIR``);
the version compared with it is this repository's. Each ARCHIVE is an existing archive
(bench_ingest.py leaves one in bench/out/; ``newsarc init --engine xapian`` and ``add``
make one on Xapian). For each archive, round and version, in alternating order:

- fresh: the 25 queries of queries.py, each a `newsarc search QUERY --color always`
  process (p50, p95 of wall time; p50 of its CPU, less bent by the others' load);
- warm: one process searching the 25 queries through `Archive.search` once to warm up,
  then 3 times (p50, and the mean: the evidence weighs on the costlier queries); in it,
  the spelling evidence's share of the CPU of the timed searches (the search for the
  articles, reading and counting them);
- warm, each word new: the same, this repository's version with the counts of a word not
  kept between searches (the counting alone, without the per-state cache).

Prints a table and `uptime` before and after: the machine is shared.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

from bench_search import resolve_queries
from common import PYTHON, REPO, median, percentile, run, table

_WARM = r"""
import json, statistics, sys, time
from newsarc.archive import Archive
from newsarc import lexicon

home, rounds, keep = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "keep"
queries = json.loads(sys.stdin.read())
if not keep and hasattr(lexicon, "_COUNTED_WORDS"):
    lexicon._COUNTED_WORDS = 0  # each search counts its words anew
evidence = [0.0]
if hasattr(lexicon.ReaderLexicon, "_count_neighbours"):
    name = "_count_neighbours"
else:  # the version before: neighbours() counted
    name = "neighbours"
original = getattr(lexicon.ReaderLexicon, name)

def timed(self, term):
    started = time.process_time()
    try:
        return original(self, term)
    finally:
        evidence[0] += time.process_time() - started

setattr(lexicon.ReaderLexicon, name, timed)
archive = Archive.open(home)
for query in queries:
    archive.search(query)
evidence[0] = 0.0
times, cpu = [], time.process_time()
for _ in range(rounds):
    for query in queries:
        started = time.perf_counter()
        archive.search(query)
        times.append(time.perf_counter() - started)
cpu = time.process_time() - cpu
share = evidence[0] / cpu
print(json.dumps({"p50": statistics.median(times), "mean": statistics.mean(times), "share": share}))
"""


def _env(tree: Path) -> dict[str, str]:
    return {"PYTHONPATH": str(tree / "src")}


def fresh(tree: Path, home: str, queries: list[str]) -> list[tuple[float, float]]:
    """(wall, CPU) seconds of each query's process."""
    measured = []
    for query in queries:
        command = [PYTHON, "-m", "newsarc", "--home", home, "search", query, "--color", "always"]
        done = run(command, env=_env(tree), check=False)
        measured.append((done.seconds, done.cpu_seconds))
    return measured


def warm(tree: Path, home: str, queries: list[str], rounds: int, keep: bool) -> dict:
    completed = subprocess.run(
        [PYTHON, "-c", _WARM, home, str(rounds), "keep" if keep else "new"],
        input=json.dumps(queries),
        capture_output=True,
        text=True,
        env={**os.environ, **_env(tree)},
        check=True,
    )
    return json.loads(completed.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("archives", nargs="+")
    parser.add_argument("--before", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    if not (args.before / "src" / "newsarc").is_dir():
        raise SystemExit(f"{args.before} holds no newsarc source tree (src/newsarc)")
    versions = {"before": args.before, "after": REPO}
    print("uptime:", subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())
    rows = []
    for home in args.archives:
        queries = [query for _, query, _ in resolve_queries(home)]
        engine = json.loads((Path(home) / "newsarc.json").read_text()).get("engine", "whoosh")
        process: dict[str, list[tuple[float, float]]] = {name: [] for name in versions}
        library: dict[str, list[dict]] = {name: [] for name in [*versions, "after, new"]}
        for tree in versions.values():  # bytecode written, files in the page cache
            fresh(tree, home, queries[:2])
        for round_number in range(args.rounds):
            order = list(versions) if round_number % 2 == 0 else list(reversed(versions))
            for name in order:
                process[name] += fresh(versions[name], home, queries)
                library[name].append(warm(versions[name], home, queries, 3, keep=True))
            library["after, new"].append(warm(REPO, home, queries, 3, keep=False))
        for name in [*versions, "after, new"]:
            times = [wall for wall, _ in process.get(name, [])]
            cpu = [cpu for _, cpu in process.get(name, [])]
            rows.append(
                [
                    f"{engine} {Path(home).name}",
                    name,
                    f"{median(times) * 1000:.0f}" if times else "",
                    f"{percentile(times, 0.95) * 1000:.0f}" if times else "",
                    f"{median(cpu) * 1000:.0f}" if cpu else "",
                    f"{median([w['p50'] for w in library[name]]) * 1000:.1f}",
                    f"{median([w['mean'] for w in library[name]]) * 1000:.1f}",
                    f"{median([w['share'] for w in library[name]]):.0%}",
                ]
            )
    table(
        "Spelling evidence: before and after, alternated",
        [
            "archive",
            "version",
            "fresh p50 ms",
            "fresh p95 ms",
            "fresh CPU p50 ms",
            "warm p50 ms",
            "warm mean ms",
            "evidence CPU",
        ],
        rows,
        ["evidence CPU: share of the warm searches' CPU spent counting neighbours"],
    )
    print("uptime:", subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())


if __name__ == "__main__":
    sys.exit(main())
