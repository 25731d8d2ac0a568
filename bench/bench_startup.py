"""Start-up: `newsarc --help` and `--version` against bare Python, interleaved.

    python bench/bench_startup.py [--rounds R]

Also lists which heavy libraries `--help` imports (there should be none) and the time
Python itself reports spending on imports (`-X importtime`).
"""

from __future__ import annotations

import argparse
import os
import re

from common import NEWSARC, PYTHON, median, percentile, require, run, stamp, table

HEAVY = ("whoosh", "rich", "chardet", "dateutil", "hijridate", "platformdirs")


def import_report(args: list[str]) -> tuple[int, float, list[str]]:
    """(modules imported, cumulative import ms, heavy top-level packages among them)."""
    measured = run([PYTHON, "-X", "importtime", NEWSARC, *args], check=False)
    modules, total_us, heavy = 0, 0, set()
    for line in measured.stderr.decode().splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)", line)
        if not match:
            continue
        modules += 1
        name = match.group(4)
        if len(match.group(3)) == 1:  # top level of the import tree
            total_us += int(match.group(2))
        if name.split(".")[0] in HEAVY:
            heavy.add(name.split(".")[0])
    return modules, total_us / 1000, sorted(heavy)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    require()
    commands = {
        "python -c pass": [PYTHON, "-c", "pass"],
        "newsarc --help": [NEWSARC, "--help"],
        "newsarc --version": [NEWSARC, "--version"],
        "newsarc search --help": [NEWSARC, "search", "--help"],
    }
    env = {"NEWSARC_HOME": os.devnull}
    for cmd in commands.values():  # warm the page cache
        run(cmd, env=env)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for round_number in range(args.rounds):
        names = list(commands) if round_number % 2 == 0 else list(reversed(commands))
        for name in names:
            times[name].append(run(commands[name], env=env).seconds)
    bare = median(times["python -c pass"])
    rows = []
    for name, cmd in commands.items():
        if name == "python -c pass":
            modules, import_ms, heavy = "", "", ""
        else:
            count, import_ms, heavy_list = import_report(cmd[1:])
            modules, heavy = count, ", ".join(heavy_list) or "none"
        rows.append(
            [
                name,
                median(times[name]) * 1000,
                percentile(times[name], 0.95) * 1000,
                median(times[name]) / bare,
                modules,
                import_ms,
                heavy,
            ]
        )
    table(
        f"start-up: {args.rounds} interleaved rounds ({stamp()})",
        [
            "command",
            "p50 ms",
            "p95 ms",
            "× python -c pass",
            "modules imported",
            "import ms (-X importtime)",
            "heavy libraries imported",
        ],
        rows,
        notes=[
            "Target: --help and --version ≤ 3× `python -c pass` (the same interpreter, the same "
            "virtual environment)."
        ],
    )


if __name__ == "__main__":
    main()
