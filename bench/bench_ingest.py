"""Ingest: a whole corpus into a fresh archive, against a plain Whoosh writer, interleaved.

    python bench/bench_ingest.py [--corpus ant|sample|ant+snn|ant4x] [--limit N] [--repeats R]
                                 [--no-mp]

Each repeat runs, in alternating order, as separate processes on fresh directories:
- `plain`: bench/plain_whoosh.py, one Whoosh writer with newsarc's analyzer (the yardstick);
- `plain mp`: the same with `procs=2, multisegment=True` (what the engine can do at best);
- `newsarc add`: decode, check, corpus copy and index, as a user runs it.
Wall time per process, peak memory of its process tree (sum of RSS), index size. The
archive of the last `newsarc add` is kept in bench/out/archive-CORPUS for the search and
incremental benchmarks.
"""

from __future__ import annotations

import argparse
import json
import shutil

from common import (
    BENCH,
    NEWSARC,
    OUT,
    PYTHON,
    ant_path,
    corpus,
    corpus_meta,
    dir_bytes,
    median,
    require,
    run,
    stamp,
    table,
)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", default="ant")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--no-mp", action="store_true", help="leave out the procs=2 yardstick")
    parser.add_argument(
        "--no-plain", action="store_true", help="only newsarc add (for scaling runs)"
    )
    args = parser.parse_args()
    require(ant_path())
    source = corpus(args.corpus, args.limit)
    meta = corpus_meta(source)
    work = OUT / "ingest"
    variants = (
        ["newsarc"]
        + ([] if args.no_plain else ["plain"])
        + ([] if args.no_mp or args.no_plain else ["plain-mp"])
    )
    results: dict[str, list] = {v: [] for v in variants}
    archive = OUT / f"archive-{args.corpus}{f'-{args.limit}' if args.limit else ''}"
    for repeat in range(args.repeats):
        order = variants if repeat % 2 == 0 else list(reversed(variants))
        for variant in order:
            target = work / variant
            shutil.rmtree(target, ignore_errors=True)
            if variant == "newsarc":
                cmd = [NEWSARC, "--home", str(target), "add", "-q", str(source)]
            else:
                cmd = [PYTHON, str(BENCH / "plain_whoosh.py"), str(source), str(target / "index")]
                if variant == "plain-mp":
                    cmd += ["--procs", "2", "--multisegment"]
            measured = run(cmd, measure_memory=True)
            if variant == "newsarc":
                stats = json.loads(run([NEWSARC, "--home", str(target), "stats", "--json"]).stdout)
                indexed = stats["articles"]
                corpus_bytes = dir_bytes(target / "corpus")
            else:
                indexed = json.loads(measured.stdout)["indexed"]
                corpus_bytes = 0
            results[variant].append(
                {
                    "seconds": measured.seconds,
                    "peak_mb": measured.peak_mb,
                    "index_bytes": dir_bytes(target / "index"),
                    "corpus_bytes": corpus_bytes,
                    "indexed": indexed,
                }
            )
            print(
                f"  {variant}: {measured.seconds:.1f} s, peak {measured.peak_mb:.0f} MB, "
                f"{indexed} indexed",
                flush=True,
            )
    shutil.rmtree(archive, ignore_errors=True)
    if "newsarc" in variants:
        shutil.move(str(work / "newsarc"), archive)
    articles = meta["articles"]
    raw_mb = meta["raw_bytes"] / 2**20
    base = results.get("plain")
    base_rate = articles / median([r["seconds"] for r in base]) if base else float("nan")
    base_peak = median([r["peak_mb"] for r in base]) if base else float("nan")
    rows = []
    labels = {
        "plain": "plain Whoosh, 1 writer",
        "plain-mp": "plain Whoosh, procs=2 multisegment",
        "newsarc": "newsarc add",
    }
    for variant in variants:
        rs = results[variant]
        seconds = median([r["seconds"] for r in rs])
        rate = articles / seconds
        peak = median([r["peak_mb"] for r in rs])
        index_mb = rs[-1]["index_bytes"] / 2**20
        rows.append(
            [
                labels[variant],
                rs[-1]["indexed"],
                seconds,
                rate,
                rate / base_rate,
                peak,
                peak / base_peak,
                index_mb,
                index_mb / raw_mb,
                rs[-1]["corpus_bytes"] / 2**20,
            ]
        )
    table(
        f"ingest: {args.corpus}{f' (first {args.limit})' if args.limit else ''}, {articles} "
        f"articles, {raw_mb:.1f} MiB of text ({stamp()})",
        [
            "run",
            "docs indexed",
            "wall s",
            "articles/s",
            "× plain",
            "peak MB",
            "× plain",
            "index MiB",
            "index/text",
            "corpus MiB",
        ],
        rows,
        notes=[
            f"Median of {args.repeats} interleaved run(s). articles/s counts input records "
            "(newsarc keeps one copy of a repeated text).",
            "Peak MB: the largest sum of RSS over the process tree (forked pages count twice), "
            "sampled every 0.1 s. Targets: newsarc ≥ 1.6× plain, peak ≤ 1.5×, index ≤ 1.8× text.",
        ],
    )


if __name__ == "__main__":
    main()
