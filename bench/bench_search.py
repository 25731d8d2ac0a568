"""Search: `newsarc search` end to end against ripgrep over the same articles, interleaved.

    python bench/bench_search.py [--corpus ant] [--rounds R]

Needs the archive that bench_ingest.py leaves in bench/out/archive-CORPUS. For each round
and each query (bench/queries.py), in alternating order:
- `newsarc`: a fresh process, `newsarc search QUERY --color always` (a highlighted top 10);
- `rg`: `rg -l -F WORD DIR` over the same articles written one file per article;
then the same queries through the library in one warm process (`Archive.search`).
"""

from __future__ import annotations

import argparse
import shutil
import time

from common import (
    NEWSARC,
    OUT,
    ant_path,
    corpus,
    median,
    percentile,
    require,
    run,
    stamp,
    table,
    text_tree,
)
from queries import DATE_FILTERS, QUERIES


def resolve_queries(home: str) -> list[tuple[str, str, str]]:
    chosen = {}
    for key, candidates in DATE_FILTERS.items():
        # The first notation that finds something (one that parses but finds nothing is
        # no date filter); else the first that is not an error.
        codes = [
            run([NEWSARC, "--home", home, "search", f"اليمن {c}"], check=False).returncode
            for c in candidates
        ]
        usable = [c for c, code in zip(candidates, codes) if code == 0] or [
            c for c, code in zip(candidates, codes) if code == 1
        ]
        if not usable:
            raise SystemExit(f"no date notation works: {candidates}")
        chosen[key] = usable[0]
    return [(kind, query.format(**chosen), word) for kind, query, word in QUERIES]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", default="ant")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    require(ant_path())
    rg = shutil.which("rg")
    if not rg:
        from common import skip

        skip("ripgrep (rg) is not installed: apt-get install ripgrep")
    archive = OUT / f"archive-{args.corpus}"
    if not (archive / "index").is_dir():
        from common import skip

        skip(f"no archive in {archive}: run bench_ingest.py --corpus {args.corpus} first")
    files = text_tree(corpus(args.corpus), OUT / f"files-{args.corpus}")
    queries = resolve_queries(str(archive))
    # Warm the page cache for both sides once.
    run([rg, "-l", "-F", "x", str(files)], check=False, stdout_to_devnull=True)
    run([NEWSARC, "--home", str(archive), "search", "سوريا"], check=False)

    times: dict[tuple[str, str], list[float]] = {}
    nothing = set()
    for round_number in range(args.rounds):
        ordered = queries if round_number % 2 == 0 else list(reversed(queries))
        for kind, query, word in ordered:
            pair = [
                (
                    "newsarc",
                    [NEWSARC, "--home", str(archive), "search", query, "--color", "always"],
                ),
                ("rg", [rg, "-l", "-F", word, str(files)]),
            ]
            if round_number % 2:
                pair.reverse()
            for tool, cmd in pair:
                measured = run(cmd, check=False)
                if measured.returncode not in (0, 1):
                    raise SystemExit(f"{cmd} failed: {measured.stderr.decode()[-500:]}")
                if measured.returncode == 1:
                    nothing.add((tool, query if tool == "newsarc" else word))
                times.setdefault((tool, kind), []).append(measured.seconds)
                times.setdefault((tool, "all"), []).append(measured.seconds)

    # Warm, through the library, in this process.
    from newsarc.archive import Archive

    library = Archive.open(str(archive))
    for _, query, _ in queries:
        library.search(query, limit=10)
    for _ in range(args.rounds):
        for kind, query, _ in queries:
            started = time.perf_counter()
            library.search(query, limit=10)
            elapsed = time.perf_counter() - started
            times.setdefault(("library", kind), []).append(elapsed)
            times.setdefault(("library", "all"), []).append(elapsed)

    rows = []
    for kind in ["all", *dict.fromkeys(k for k, _, _ in queries)]:
        ours, theirs, warm = times[("newsarc", kind)], times[("rg", kind)], times[("library", kind)]
        rows.append(
            [
                kind,
                len(ours),
                percentile(ours, 0.5) * 1000,
                percentile(ours, 0.95) * 1000,
                percentile(theirs, 0.5) * 1000,
                percentile(theirs, 0.95) * 1000,
                percentile(ours, 0.5) / percentile(theirs, 0.5),
                median(warm) * 1000,
                percentile(warm, 0.95) * 1000,
            ]
        )
    empty_rg = sorted(w for tool, w in nothing if tool == "rg")
    empty_ours = sorted(q for tool, q in nothing if tool == "newsarc")
    table(
        f"search: {args.corpus}, {len(queries)} queries × {args.rounds} rounds, interleaved "
        f"({stamp()})",
        [
            "queries",
            "runs",
            "newsarc p50 ms",
            "p95 ms",
            "rg p50 ms",
            "rg p95 ms",
            "newsarc/rg p50",
            "library p50 ms",
            "library p95 ms",
        ],
        rows,
        notes=[
            "newsarc: a fresh process printing a highlighted top 10 (`--color always`); rg: `rg "
            "-l -F WORD DIR`, one file per article.",
            "library: `Archive.search` in one warm process. Targets: newsarc p50 ≤ rg p50, "
            "newsarc p95 ≤ 420 ms.",
            f"Found nothing: rg for {', '.join(empty_rg) or 'none'}; newsarc for "
            f"{', '.join(empty_ours) or 'none'}.",
        ],
    )


if __name__ == "__main__":
    main()
