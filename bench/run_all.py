"""Run every benchmark in order (what `make bench` does); each prints one table.

    python bench/run_all.py [--quick] [--scale]

--quick uses the 2,000-article sample instead of the whole ANT corpus; --scale adds the
growth benchmark (ANT + SaudiNewsNet and ANT ×4: about half an hour). Tables are also
appended to bench/out/tables.md. Benchmarks whose data is absent say so and are skipped.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--scale", action="store_true")
    args = parser.parse_args()
    name = "sample" if args.quick else "ant"
    steps = [
        ["bench_startup.py"],
        ["bench_ingest.py", "--corpus", name] + (["--repeats", "3"] if args.quick else []),
        ["bench_search.py", "--corpus", name],
        ["bench_incremental.py", "--corpus", name],
    ]
    if args.scale:
        steps.append(["bench_scale.py"])
    failed = 0
    for step in steps:
        print(f"== {' '.join(step)}", flush=True)
        failed |= subprocess.call([sys.executable, str(HERE / step[0]), *step[1:]], cwd=HERE) != 0
    raise SystemExit(1 if failed else 0)


if __name__ == "__main__":
    main()
