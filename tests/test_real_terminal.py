"""What a person sees: newsarc runs on a real pseudo-terminal, and a terminal emulator (pyte,
and tmux where it is installed) draws the screen that these tests read.

Checked: matches are highlighted, no escape code leaks onto the screen as text, wrapped
lines end at word boundaries, emulated Arabic is highlighted on the right word, and a long
article goes through the pager.
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import shlex
import shutil
import struct
import subprocess
import sys
import termios
import time
import uuid
from pathlib import Path

import pytest

from conftest import ARTICLE_SCHOOL, SEED

pyte = pytest.importorskip("pyte")

COLUMNS, ROWS = 80, 100
pytestmark = pytest.mark.subprocess


@pytest.fixture
def archive(run, home, tmp_path):
    school = tmp_path / "school.txt"
    school.write_text(ARTICLE_SCHOOL, encoding="utf-8")
    assert run("add", str(SEED), str(school)).exit_code == 0
    return home


def _env(home: Path, **extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("NO_COLOR", "COLUMNS", "LINES", "VTE_VERSION", "WT_SESSION", "NEWSARC_BIDI")
    }
    env.update({"NEWSARC_HOME": str(home), "TERM": "xterm-256color", "PYTHONWARNINGS": "ignore"})
    env.update(extra)
    return env


def _first_id(home: Path, query: str) -> str:
    """The id of the first article `search` finds for `query`."""
    return subprocess.run(
        [sys.executable, "-m", "newsarc", "search", query, "--output", "ids"],
        env=_env(home),
        check=False,
        capture_output=True,
        text=True,
    ).stdout.split()[0]


def run_on_pty(
    args: list[str],
    env: dict[str, str],
    columns: int = COLUMNS,
    rows: int = ROWS,
    timeout: float = 30,
) -> tuple[int, bytes]:
    """Run newsarc with a pseudo-terminal as stdin, stdout and stderr; all it wrote."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    process = subprocess.Popen(
        [sys.executable, "-m", "newsarc", *args],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        close_fds=True,
    )
    os.close(slave)
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.2)
            if ready:
                try:
                    data = os.read(master, 65536)
                except OSError:  # EIO: the child closed the terminal
                    break
                if not data:
                    break
                chunks.append(data)
            elif process.poll() is not None:
                break
    finally:
        os.close(master)
    return process.wait(timeout=timeout), b"".join(chunks)


def screen_of(output: bytes, columns: int = COLUMNS, rows: int = ROWS):  # type: ignore[no-untyped-def]
    screen = pyte.Screen(columns, rows)
    pyte.ByteStream(screen).feed(output)
    return screen


def cells_of(screen, y: int) -> list:  # type: ignore[no-untyped-def]
    return [screen.buffer[y][x] for x in range(screen.columns)]


def find_on_screen(screen, word: str) -> list[list]:  # type: ignore[no-untyped-def]
    """Every place the word is drawn, as the list of its cells."""
    found = []
    for y in range(screen.lines):
        cells = cells_of(screen, y)
        line = "".join(cell.data for cell in cells)
        # a cell can hold a letter with its combining marks: map characters back to cells
        owner = [x for x, cell in enumerate(cells) for _ in cell.data]
        for match in re.finditer(re.escape(word), line):
            xs = sorted({owner[i] for i in range(match.start(), match.end())})
            found.append([cells[x] for x in xs])
    return found


def is_highlighted(cell, colour: bool) -> bool:  # type: ignore[no-untyped-def]
    if colour:
        return cell.bold and cell.fg in ("yellow", "brown")
    return cell.bold and cell.reverse


def visible_text(screen) -> list[str]:  # type: ignore[no-untyped-def]
    return [line.rstrip() for line in screen.display]


def assert_no_stray_escapes(lines: list[str]) -> None:
    for line in lines:
        assert "\x1b" not in line and not re.search(r"\[\d+(;\d+)*m", line), line


def assert_lines_end_at_word_boundaries(lines: list[str], texts: list[str]) -> None:
    words = {word.strip("…") for text in texts for word in text.split()}
    for line in lines:
        if not line.startswith("   ") or line.strip().startswith("id:"):
            continue
        for word in line.split():
            assert word.strip("…") in words, (
                f"{word!r} is not a whole word of the articles: {line!r}"
            )


def _texts() -> list[str]:
    seed = SEED.read_text(encoding="utf-8")
    return [seed, ARTICLE_SCHOOL]


class TestPyte:
    def test_search_in_colour(self, archive):
        code, output = run_on_pty(["search", "الاسلامية"], _env(archive))
        assert code == 0
        screen = screen_of(output)
        lines = visible_text(screen)
        assert any(line.startswith("1. ") for line in lines)
        assert any("articles matched, 2 shown" in line for line in lines)
        places = find_on_screen(screen, "الإسلامية")
        assert places and all(is_highlighted(cell, colour=True) for cell in places[0])
        # the school article's own spelling, with shadda, highlighted as written
        assert find_on_screen(screen, "الإسلاميّة")
        assert_no_stray_escapes(lines)
        assert_lines_end_at_word_boundaries(lines, _texts())
        assert max(len(line) for line in lines) <= COLUMNS

    def test_search_with_no_color(self, archive):
        code, output = run_on_pty(["search", "الاسلامية"], _env(archive, NO_COLOR="1"))
        assert code == 0
        screen = screen_of(output)
        places = find_on_screen(screen, "الإسلامية")
        assert places and all(is_highlighted(cell, colour=False) for cell in places[0])
        assert all(
            cell.fg == "default" for y in range(screen.lines) for cell in cells_of(screen, y)
        )
        assert_no_stray_escapes(visible_text(screen))

    def test_search_emulated_bidi(self, archive):
        from newsarc.render import bidi

        code, output = run_on_pty(["search", "الخلافة", "--bidi", "emulate"], _env(archive))
        assert code == 0
        screen = screen_of(output)
        shown, _ = bidi.visual("الخلافة")
        places = find_on_screen(screen, shown)
        assert places, "the emulated word is not on the screen"
        assert all(is_highlighted(cell, colour=True) for place in places for cell in place)
        lines = visible_text(screen)
        assert_no_stray_escapes(lines)
        # right-to-left snippets are aligned to the right edge
        assert any(len(line) == COLUMNS and bidi.has_rtl(line) for line in lines)

    def test_auto_mode_follows_the_terminal(self, archive):
        from newsarc.render import bidi

        shown, _ = bidi.visual("الخلافة")
        _, output = run_on_pty(["search", "الخلافة"], _env(archive, WT_SESSION="1"))
        assert find_on_screen(screen_of(output), shown)
        _, output = run_on_pty(["search", "الخلافة"], _env(archive, VTE_VERSION="7600"))
        screen = screen_of(output)
        assert not find_on_screen(screen, shown) and find_on_screen(screen, "الخلافة")

    def test_show_pages_a_long_article(self, archive, tmp_path):
        article_id = _first_id(archive, "الباغوز")
        paged = tmp_path / "paged.txt"
        pager = (
            f"{shlex.quote(sys.executable)} -c "
            "\"import sys; open(sys.argv[1], 'wb').write(sys.stdin.buffer.read())\" "
            f"{shlex.quote(str(paged))}"
        )
        code, output = run_on_pty(
            ["show", article_id, "--highlight", "الباغوز"],
            _env(archive, NEWSARC_PAGER=pager),
            rows=20,
        )
        assert code == 0
        text = paged.read_text(encoding="utf-8")
        assert "الباغوز" in text and "\x1b[" in text  # highlighted, for less -R
        assert b"\xd8" not in output  # nothing of the article went to the terminal itself
        paged.unlink()
        code, output = run_on_pty(
            ["show", article_id, "--no-pager"], _env(archive, NEWSARC_PAGER=pager), rows=20
        )
        assert code == 0 and not paged.exists()
        assert "العرب" in "".join(visible_text(screen_of(output, rows=200)))

    def test_quitting_the_pager_early_ends_show_quietly(self, archive):
        article_id = _first_id(archive, "الباغوز")
        # A pager that reads one line and quits, as a reader pressing q at once.
        pager = f'{shlex.quote(sys.executable)} -c "import sys; sys.stdin.buffer.readline()"'
        code, output = run_on_pty(
            ["show", article_id, "--pager", "--bidi", "emulate"],
            _env(archive, NEWSARC_PAGER=pager),
            rows=20,
        )
        assert code == 0
        assert b"\xd8" not in output and b"\xef\xba" not in output  # nothing after the pager
        assert b"rror" not in output and b"Traceback" not in output

    def test_show_wraps_article_text_where_rich_does(self, run, home, tmp_path):
        """The article's lines as rich wraps them (newsarc finds them its own way): marks,
        no-break spaces, runs of spaces, a word wider than the screen; matches marked."""
        import json

        from rich.console import Console
        from rich.text import Text

        # (No line of it ends in a mark at the last column: pyte, unlike terminals, moves
        # such a mark to the next line.)
        sentence = "قالت الحكومةُ إن  المدرسةَ\u00a0الجديدة ستفتح أبوابها في الخريف القادم، "
        paragraph = sentence * 6 + "ـ" * 100 + "الحكومة" + " نهاية " + sentence * 2
        article = tmp_path / "long.txt"
        article.write_text(f"مدرسة جديدة\n\n{paragraph}\n\n{sentence}\n", encoding="utf-8")
        assert run("add", str(article), "--source", "العرب").exit_code == 0
        stored = json.loads(run("search", "المدرسة", "--json").stdout)
        text = json.loads(run("show", stored["id"], "--json").stdout)["text"]
        code, output = run_on_pty(
            ["show", stored["id"], "--no-pager", "--highlight", "الحكومة"], _env(home)
        )
        assert code == 0
        screen = screen_of(output)
        lines = visible_text(screen)
        console = Console(width=COLUMNS)
        long_paragraph, short_paragraph = text.split("\n\n")
        for part in (long_paragraph, short_paragraph):
            wrapped = [
                line.plain.rstrip()
                for line in Text(part.strip()).wrap(console, COLUMNS, overflow="fold")
            ]
            at = lines.index(wrapped[0])
            assert lines[at : at + len(wrapped)] == wrapped
        assert "ـ" * COLUMNS in lines  # the long word, folded
        places = find_on_screen(screen, "الحكومةُ")
        assert len(places) == text.count("الحكومةُ")
        assert all(is_highlighted(cell, colour=True) for place in places for cell in place)
        assert_no_stray_escapes(lines)

    def test_stats_chart(self, archive):
        code, output = run_on_pty(["stats"], _env(archive, NO_COLOR="1"))
        assert code == 0
        lines = visible_text(screen_of(output))
        assert lines[0].startswith("2 articles, 2 sources")
        assert any(line.startswith("source") and "total" in line for line in lines)
        assert_no_stray_escapes(lines)


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
class TestTmux:
    @pytest.fixture
    def tmux(self):
        socket = f"newsarc-test-{uuid.uuid4().hex[:8]}"
        base = ["tmux", "-L", socket, "-f", "/dev/null"]
        subprocess.run(
            [*base, "new-session", "-d", "-x", str(COLUMNS), "-y", "50", "bash --norc --noprofile"],
            check=True,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:  # wait for the shell's prompt before typing
            pane = subprocess.run(
                [*base, "capture-pane", "-p", "-t", "0"],
                check=False,
                capture_output=True,
                text=True,
            ).stdout
            if pane.strip():
                break
            time.sleep(0.1)
        try:
            yield base
        finally:
            subprocess.run([*base, "kill-server"], check=False)

    def _run(
        self, base: list[str], command: str, done: str, timeout: float = 30
    ) -> tuple[str, str]:
        """Type a command into the pane; the screen once `done` (a regex) shows on it."""
        subprocess.run([*base, "send-keys", "-t", "0", "clear; " + command, "Enter"], check=True)
        deadline = time.monotonic() + timeout
        plain = ""
        while time.monotonic() < deadline:
            plain = subprocess.run(
                [*base, "capture-pane", "-p", "-t", "0"],
                check=False,
                capture_output=True,
                text=True,
            ).stdout
            if re.search(done, plain):
                break
            time.sleep(0.2)
        styled = subprocess.run(
            [*base, "capture-pane", "-p", "-e", "-t", "0"],
            check=False,
            capture_output=True,
            text=True,
        ).stdout
        return plain, styled

    def test_search_as_a_person_sees_it(self, archive, tmux):
        env = " ".join(
            f"{key}={shlex.quote(value)}"
            for key, value in {"NEWSARC_HOME": str(archive), "TERM": "screen-256color"}.items()
        )
        plain, styled = self._run(
            tmux,
            f"env -u NO_COLOR -u COLUMNS {env} {shlex.quote(sys.executable)} "
            "-m newsarc search الاسلامية; echo DONE-$?",
            r"DONE-\d",
        )
        assert "DONE-0" in plain
        lines = [line.rstrip() for line in plain.splitlines()]
        assert any(line.startswith("1. العرب · undated") for line in lines)
        assert "الإسلامية" in plain
        assert_no_stray_escapes(lines)
        assert_lines_end_at_word_boundaries(
            [line for line in lines if not line.startswith(("clear", "DONE"))], _texts()
        )
        # the match is drawn with a highlight: bold/yellow attributes right before the word
        assert re.search(r"\x1b\[[0-9;]*(1|33)[0-9;]*m[^\x1b]*الإسلامية", styled)
