"""Long articles: `search` and `show` when the hit is a 4 MB article, as fresh processes.

    python bench/bench_long_article.py [--rounds R] [--no-tty] [--compare SRC] [--bidi MODE]

Builds (once, in bench/out/archive-long) an archive of a few hundred ordinary ANT articles
and one article of about 4 MB (newsarc's limit is 4 MiB): the texts of the next ~1,700 ANT
articles joined, with a made-up word only it holds (near its start, middle and end). Then
times, as fresh processes, interleaved over R rounds:

- `search RARE`: the word only the long article holds (one hit, the long one);
- `search COMMON`: a word most articles hold, whose top 10 includes the long article;
- `show ID` and `show --highlight COMMON ID` of the long article (`--no-pager`);
- on a terminal, `show --highlight COMMON ID` paged, the pager being `head -n 40`: one
  screen shown, then quit (the time a reader waits for the first screen; render.pager);

each with its output piped, and under a pseudo-terminal (100 × 40, colours on) unless
--no-tty, there both in the right-to-left mode `auto` (or --bidi MODE) and in `emulate`
(newsarc reorders and shapes each line: what `auto` picks on kitty, Alacritty, Windows
Terminal, VS Code's terminal). The output is read whole in every case: a terminal's time
to draw it is not counted. Targets (issue 13, item 6): a search under 0.3 s,
`show --highlight` under 0.5 s.
Wall time, and the CPU time of the process (user + system): on a loaded machine the CPU
time says more about the code. On the pseudo-terminal the right-to-left mode is `auto`,
which is `off` there (no sign of the terminal), unless --bidi MODE (NEWSARC_BIDI).

--compare SRC also times the newsarc whose sources are in SRC/src (e.g. an older commit:
`git worktree add /tmp/old HEAD~3`), interleaved with this tree's; both then run as
`python -c 'from newsarc.launch import main; main()'` with PYTHONPATH set, so that they
start the same way.
"""

from __future__ import annotations

import argparse
import compileall
import fcntl
import json
import os
import pty
import resource
import select
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Sequence
from pathlib import Path

from common import (
    NEWSARC,
    OUT,
    PYTHON,
    REPO,
    ant_path,
    iter_records,
    percentile,
    require,
    run,
    slim,
    stamp,
    table,
    write_jsonl,
)

ARCHIVE = OUT / "archive-long"
LONG_ID = "long-article"
RARE_WORD = "زنجفيلستان"  # made up: no ANT article holds it
# Candidates for a common word; the first whose top 10 includes the long article is used.
COMMON_WORDS = ("الحكومة", "الرئيس", "العربية", "اليمن")
ORDINARY = 300
LONG_BYTES = 4_000_000  # under MAX_ARTICLE_BYTES (4 MiB) with room for the marker words
TARGETS = {"search": 0.3, "show --highlight": 0.5, "paged": 0.5}
TTY_SIZE = (40, 100)  # rows, columns
EMULATE = "tty emulate"  # a pseudo-terminal, NEWSARC_BIDI=emulate
BUILD_VERSION = "1"


def build_archive() -> None:
    """The bench archive, built once (bench/out/archive-long/.complete marks it done)."""
    done = ARCHIVE / ".complete"
    if done.exists() and done.read_text() == BUILD_VERSION:
        return
    import shutil

    shutil.rmtree(ARCHIVE, ignore_errors=True)
    ARCHIVE.mkdir(parents=True)
    records = iter_records(ant_path())
    ordinary = []
    for record in records:
        if (record.get("text") or "").strip():
            ordinary.append(slim(record))
        if len(ordinary) == ORDINARY:
            break
    pieces: list[str] = []
    size = 0
    for record in records:
        text = (record.get("text") or "").strip()
        if not text:
            continue
        if size + len(text.encode("utf-8")) + 2 > LONG_BYTES:
            break
        pieces.append(text)
        size += len(text.encode("utf-8")) + 2
    for at in (1, len(pieces) // 2, len(pieces) - 1):
        pieces[at] = f"{pieces[at]} وقال {RARE_WORD} إن الأمر انتهى."
    long_record = {
        "id": LONG_ID,
        "title": "ملف طويل: أخبار مجمعة",
        "source": "ملفات",
        "date": "2019-03-23",
        "text": "\n\n".join(pieces),
    }
    write_jsonl(ordinary, ARCHIVE / "ordinary.jsonl.gz")
    write_jsonl([long_record], ARCHIVE / "long.jsonl.gz")
    for name in ("ordinary.jsonl.gz", "long.jsonl.gz"):
        added = run([NEWSARC, "--home", str(ARCHIVE), "add", str(ARCHIVE / name)], check=False)
        if added.returncode != 0:
            raise SystemExit(f"add {name} failed: {added.stderr.decode()[-1000:]}")
    done.write_text(BUILD_VERSION)


def long_article_bytes() -> int:
    found = run([NEWSARC, "--home", str(ARCHIVE), "show", LONG_ID, "--json"])
    return len(json.loads(found.stdout)["text"].encode("utf-8"))


def common_word() -> str:
    """The first candidate whose top 10 holds the long article."""
    for word in COMMON_WORDS:
        found = run([NEWSARC, "--home", str(ARCHIVE), "search", word, "--json"], check=False)
        ids = [json.loads(line)["id"] for line in found.stdout.splitlines() if line.strip()]
        if LONG_ID in ids and len(ids) == 10:
            return word
    raise SystemExit(f"none of {COMMON_WORDS} has the long article in a full top 10")


def run_tty(cmd: Sequence[str], env: dict[str, str]) -> tuple[float, float, int, int]:
    """Run a command on a pseudo-terminal, reading all it prints: (seconds, CPU seconds,
    exit code, bytes printed)."""
    controller, terminal = pty.openpty()
    rows, columns = TTY_SIZE
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    full_env = {**os.environ, "TERM": "xterm-256color", **env}
    full_env.pop("NO_COLOR", None)
    started = time.perf_counter()
    children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.Popen(
        list(cmd), stdin=terminal, stdout=terminal, stderr=terminal, env=full_env,
        close_fds=True, start_new_session=True,
    )  # fmt: skip
    os.close(terminal)
    printed = 0
    while True:
        ready, _, _ = select.select([controller], [], [], 30)
        if not ready:
            proc.kill()
            raise SystemExit(f"no output for 30 s: {' '.join(cmd)}")
        try:
            chunk = os.read(controller, 1 << 16)
        except OSError:  # EIO: every process holding the terminal has closed it
            break
        if not chunk:
            break
        printed += len(chunk)
    code = proc.wait()
    seconds = time.perf_counter() - started
    children_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_seconds = (children_after.ru_utime - children_before.ru_utime) + (
        children_after.ru_stime - children_before.ru_stime
    )
    os.close(controller)
    return seconds, cpu_seconds, code, printed


class Launcher:
    """How one newsarc is started: this tree's installed `newsarc`, or sources given."""

    def __init__(
        self, name: str, src: Path | None, uniform: bool, env: dict[str, str]
    ) -> None:
        self.name = name
        self.env = dict(env)
        src = src or REPO / "src"
        # Byte-compiled first, as pip installs it: a stale .pyc (PYTHONDONTWRITEBYTECODE
        # set, a file changed since) costs every run its compilation (30 ms).
        compileall.compile_dir(str(src), quiet=1)
        if not uniform:
            self.prefix = [NEWSARC]
            return
        self.env["PYTHONPATH"] = str(src)
        self.prefix = [
            PYTHON, "-c",
            "import sys; sys.argv[0] = 'newsarc'; from newsarc.launch import main; main()",
        ]  # fmt: skip

    def command(self, args: Sequence[str]) -> list[str]:
        return [*self.prefix, "--home", str(ARCHIVE), *args]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--no-tty", action="store_true", help="time piped output only")
    parser.add_argument("--compare", type=Path, help="also time the newsarc in SRC/src")
    parser.add_argument(
        "--bidi", choices=["terminal", "emulate", "off"], help="right-to-left mode on the tty"
    )
    args = parser.parse_args()
    require(ant_path())
    build_archive()
    word = common_word()
    size = long_article_bytes()
    bidi_env = {"NEWSARC_BIDI": args.bidi} if args.bidi else {}
    launchers = [Launcher("this tree", None, uniform=args.compare is not None, env=bidi_env)]
    if args.compare is not None:
        if not (args.compare / "src" / "newsarc").is_dir():
            raise SystemExit(f"{args.compare}/src/newsarc is not a newsarc source tree")
        launchers.append(
            Launcher(str(args.compare), args.compare / "src", uniform=True, env=bidi_env)
        )
    cases = {
        f"search {RARE_WORD}": ("search", ["search", RARE_WORD]),
        f"search {word}": ("search", ["search", word]),
        f"show {LONG_ID}": ("show", ["show", "--no-pager", LONG_ID]),
        f"show --highlight {word}": (
            "show --highlight", ["show", "--no-pager", "--highlight", word, LONG_ID],
        ),
        f"show --highlight {word}, first screen": (
            "paged", ["show", "--pager", "--highlight", word, LONG_ID],
        ),
    }  # fmt: skip
    modes = ["pipe"] if args.no_tty else ["pipe", "tty", EMULATE]
    runs = [
        (launcher, case, mode)
        for case in cases
        for mode in modes
        for launcher in launchers
        if mode != "pipe" or cases[case][0] != "paged"  # a pipe is never paged
    ]
    for launcher, case, mode in runs:  # warm the page cache; check every command works
        measure(launcher, cases[case][1], mode)
    times: dict[tuple[str, str, str], list[tuple[float, float]]] = {}
    for round_number in range(args.rounds):
        for launcher, case, mode in runs if round_number % 2 == 0 else reversed(runs):
            measured = measure(launcher, cases[case][1], mode)
            times.setdefault((launcher.name, case, mode), []).append(measured)
    rows = []
    for launcher, case, mode in runs:
        walls = [wall for wall, _ in times[(launcher.name, case, mode)]]
        cpus = [cpu for _, cpu in times[(launcher.name, case, mode)]]
        target = TARGETS.get(cases[case][0])
        p50 = percentile(walls, 0.5)
        row = [case, mode, p50, max(walls), percentile(cpus, 0.5), target or "–",
               "" if target is None else ("yes" if p50 < target else "NO")]  # fmt: skip
        rows.append(([launcher.name] if len(launchers) > 1 else []) + row)
    header = ["command", "output", "p50 s", "max s", "CPU p50 s", "target s", "p50 < target"]
    table(
        f"long article: {size / 1e6:.1f} MB among {ORDINARY} ANT articles, {args.rounds} rounds, "
        f"interleaved ({stamp()}, load {os.getloadavg()[0]:.2f})",
        (["newsarc"] if len(launchers) > 1 else []) + header,
        rows,
        notes=[
            f"Fresh processes, `newsarc --home {ARCHIVE.relative_to(REPO)} …`; pipe: output "
            f"read through a pipe; tty: a pseudo-terminal of {TTY_SIZE[1]}×{TTY_SIZE[0]}, "
            f"colours on, --bidi {args.bidi or 'auto (off)'}; {EMULATE}: the same with --bidi "
            "emulate; output read whole. `show` with --no-pager, but for the first screen: "
            f"paged by `head -n {TTY_SIZE[0]}` (one screen, then quit). CPU: user + system "
            "time of the process.",
            f"search {RARE_WORD}: one hit, the long article; search {word}: a top 10 holding it.",
        ],
    )


def measure(launcher: Launcher, args: Sequence[str], mode: str) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one run."""
    cmd = launcher.command(args)
    # A pager that shows one screen and quits: the time to the first screen.
    env = {**launcher.env, "NEWSARC_PAGER": f"head -n {TTY_SIZE[0]}"}
    if mode == EMULATE:
        seconds, cpu_seconds, code, _ = run_tty(cmd, {**env, "NEWSARC_BIDI": "emulate"})
    elif mode == "tty":
        seconds, cpu_seconds, code, _ = run_tty(cmd, env)
    else:
        measured = run(cmd, env=launcher.env, check=False, stdout_to_devnull=False)
        seconds, cpu_seconds, code = measured.seconds, measured.cpu_seconds, measured.returncode
    if code != 0:
        raise SystemExit(f"exit {code}: {' '.join(cmd)}")
    return seconds, cpu_seconds


if __name__ == "__main__":
    sys.exit(main())
