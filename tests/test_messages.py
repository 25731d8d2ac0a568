"""Messages for people: one line each, on stderr, in proper English, never in the way of
data on stdout or of the progress bar."""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import time

import pytest

from conftest import ARTICLE_FOOTBALL, ARTICLE_SCHOOL, ARTICLE_TRADE, SEED

pyte = pytest.importorskip("pyte")
from test_real_terminal import _env, run_on_pty, screen_of, visible_text  # noqa: E402


@pytest.mark.parametrize(
    "args",
    [
        ["search", "x", "--limit", "0"],
        ["search", "x", "--sort", "sideways"],
        ["search", "x", "--no-such-option"],
        ["add", "--wait", "-1", "x.txt"],
        ["stats", "--by", "decade"],
    ],
)
def test_a_bad_option_value_is_one_line(run, args):
    result = run(*args)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("newsarc: "), result.stderr
    assert "Usage:" not in result.stderr and "--help" in lines[0]


def test_add_json_reports_failures_on_stderr_too(run, tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "good.txt").write_text(ARTICLE_TRADE, encoding="utf-8")
    result = run("add", str(tmp_path / "empty.txt"), str(tmp_path / "good.txt"), "--json")
    assert result.exit_code == 2
    statuses = [json.loads(line)["status"] for line in result.stdout.splitlines()]
    assert statuses == ["failed", "added"]
    assert "empty.txt: empty file" in result.stderr


def test_counts_are_in_proper_english(run, tmp_path):
    (tmp_path / "one.txt").write_text(ARTICLE_SCHOOL, encoding="utf-8")
    run("add", str(tmp_path / "one.txt"))
    check = run("check")
    assert check.stdout.strip() == "ok: 1 article in corpus/, 1 in the index"


def test_a_piped_search_says_its_summary_on_stderr(home):
    command = [sys.executable, "-m", "newsarc", "--home", str(home)]
    subprocess.run([*command, "add", "-q", str(SEED)], check=True)
    done = subprocess.run([*command, "search", "الخلافة"], capture_output=True, text=True)
    assert done.returncode == 0
    assert "matched" not in done.stdout and "id: d9d5a337494db628" in done.stdout
    assert done.stderr.startswith("1 article matched, 1 shown (")


@pytest.mark.subprocess
def test_add_from_a_terminal_says_it_reads_until_ctrl_d(home):
    master, slave = os.openpty()
    env = _env(home)
    process = subprocess.Popen(
        [sys.executable, "-m", "newsarc", "add", "-"],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
    )
    os.close(slave)
    seen = b""
    deadline = time.monotonic() + 30
    while b"Ctrl-D" not in seen and time.monotonic() < deadline and process.poll() is None:
        if select.select([master], [], [], 0.2)[0]:
            seen += os.read(master, 4096)
    assert b"Ctrl-D" in seen, seen
    os.write(master, ARTICLE_FOOTBALL.encode() + b"\n\x04")
    assert process.wait(timeout=30) == 0
    os.close(master)


@pytest.mark.subprocess
def test_an_error_during_the_progress_bar_is_a_line_of_its_own(home, tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    for number in range(30):
        (folder / f"{number:02d}.txt").write_text(
            f"{ARTICLE_TRADE}\nرقم {number} " * 20, encoding="utf-8"
        )
    (folder / "15-empty.txt").write_bytes(b"")
    code, output = run_on_pty(["add", str(folder)], _env(home))
    assert code == 2
    lines = visible_text(screen_of(output))
    message = f"newsarc: {folder}/15-empty.txt: empty file, no article text"
    starts = [number for number, line in enumerate(lines) if line.startswith("newsarc: ")]
    assert any("".join(lines[number:]).startswith(message) for number in starts), lines[:10]
    assert not any(mark in line for line in lines for mark in "━╸╺"), lines[:10]  # no bar left
