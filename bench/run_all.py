"""Run every benchmark and evaluation in bench/ (what `make bench` does); each prints one table.

    python bench/run_all.py [--quick] [--scale] [--perf-only | --eval-only]

Two groups, in this order:

- performance (bench_*.py): start-up, ingest, search, incremental add, a 4 MB article's
  search and show, and with --scale the growth benchmark (ANT + SaudiNewsNet and ANT ×4:
  about half an hour). --quick uses
  the 2,000-article sample instead of the whole ANT corpus. Tables are also appended to
  bench/out/tables.md.
- evaluations (eval_*.py): search quality, the figures in bench/README.md. The first run
  builds the indexes (about 20 minutes for the whole ANT corpus with every setup); they
  are cached in bench/out/ (git-ignored).

Every script reads its data from the shared folder and says so and is skipped (exit 0)
when the data is missing.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def run_perf(quick: bool, scale: bool) -> bool:
    """The performance benchmarks, each in its own process. True if all succeeded."""
    name = "sample" if quick else "ant"
    steps = [
        ["bench_startup.py"],
        ["bench_ingest.py", "--corpus", name] + (["--repeats", "3"] if quick else []),
        ["bench_search.py", "--corpus", name],
        ["bench_incremental.py", "--corpus", name],
        ["bench_long_article.py", "--rounds", "5"],
    ]
    if scale:
        steps.append(["bench_scale.py"])
    failed = False
    for step in steps:
        print(f"== {' '.join(step)}", flush=True)
        failed |= subprocess.call([sys.executable, str(HERE / step[0]), *step[1:]], cwd=HERE) != 0
    return not failed


def run_evaluations() -> bool:
    """The search-quality evaluations. True if all succeeded."""
    import eval_known_items
    import eval_quranqa

    print("== eval_quranqa.py --split train --split dev --split test", flush=True)
    ok = eval_quranqa.main(["--split", "train", "--split", "dev", "--split", "test"]) in (0, None)
    print()
    print("== eval_known_items.py --by-respelling", flush=True)
    ok &= eval_known_items.main(["--by-respelling"]) in (0, None)
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--quick", action="store_true", help="performance: the 2,000-article sample"
    )
    parser.add_argument(
        "--scale", action="store_true", help="performance: add the growth benchmark"
    )
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--perf-only", action="store_true", help="only the performance benchmarks")
    group.add_argument(
        "--eval-only", action="store_true", help="only the search-quality evaluations"
    )
    args = parser.parse_args(argv)
    ok = True
    if not args.eval_only:
        ok &= run_perf(args.quick, args.scale)
    if not args.perf_only:
        if not args.eval_only:
            print()
        ok &= run_evaluations()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
