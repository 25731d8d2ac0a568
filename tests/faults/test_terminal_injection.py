"""Escape sequences planted in the corpus never reach the terminal.

A corpus file may be hand-edited, restored from a backup or synced from elsewhere: its
title, source and text, and a corpus file's name, are planted here with a screen clear
(CSI), a clipboard write (OSC 52), a hyperlink (OSC 8), a window title, a C1 CSI and a
right-to-left override. `show`, `search`, `stats` and `check` run on a pseudo-terminal:
none of them may come out raw (newsarc's own colours do), a terminal emulator's screen
shows them as visible stand-ins, and `--json` keeps the text as stored.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from conftest import SEED

pyte = pytest.importorskip("pyte")
from test_real_terminal import _env, run_on_pty, screen_of, visible_text  # noqa: E402

pytestmark = [pytest.mark.faults, pytest.mark.subprocess]

SEED_ID = "d9d5a337494db628"
PAYLOADS = {
    "csi": "\x1b[2J\x1b[H",
    "osc52": "\x1b]52;c;cHduZWQ=\x07",
    "osc8": "\x1b]8;;evil.example\x1b\\here\x1b]8;;\x1b\\",
    "title": "\x1b]0;pwned\x07",
    "c1": "\x9b2J",
    "rlo": "\u202e",
}
PLANTED = "".join(PAYLOADS.values())
# What must never come out raw (newsarc's own colours are `ESC [ … m` and stay).
RAW = [b"\x1b[2J", b"\x1b[H", b"\x1b]", b"\x1b\\", b"\x07", "\x9b".encode(), "\u202e".encode()]


def _newsarc(home, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "newsarc", "--home", str(home), *args],
        capture_output=True,
        check=False,
        timeout=120,
    )


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """An archive whose one article has escape sequences in its title, source and text
    (indexed by a reindex, as after a restore), and a stray corpus file with them in its
    name, which `check` names."""
    home = tmp_path_factory.mktemp("hostile") / "archive"
    assert _newsarc(home, "add", str(SEED)).returncode == 0
    (path,) = (home / "corpus").rglob(f"{SEED_ID}.txt")
    header, _, text = path.read_text(encoding="utf-8").partition("\n\n")
    header = header.replace("source: العرب", f"source: العرب{PLANTED}")
    header += f"\ntitle: عنوان {PLANTED} الخلافة"
    text = text.replace("الخلافة", f"الخلافة {PLANTED}", 1)
    path.write_text(f"{header}\n\n{text}", encoding="utf-8")
    assert _newsarc(home, "reindex").returncode == 0
    stray = path.parent / f"stray{PLANTED}.txt"
    stray.write_text("not an article\n", encoding="utf-8")  # check names it: unreadable
    return home


def _assert_nothing_raw(output: bytes) -> None:
    for raw in RAW:
        assert raw not in output, (raw, output[:2000])


@pytest.mark.parametrize(
    "args",
    [
        ["show", SEED_ID, "--no-pager"],
        ["show", SEED_ID, "--no-pager", "--bidi", "emulate"],
        ["search", "الخلافة"],
        ["search", "الخلافة", "--bidi", "terminal"],
        ["search", "الخلافة", "--collapse", "--color", "never"],
        ["stats"],
        ["check"],
    ],
    ids=lambda args: "-".join(a for a in args if a != SEED_ID),
)
def test_planted_sequences_never_reach_the_terminal(hostile, args):
    code, output = run_on_pty(args, _env(hostile))
    assert code in (0, 2), output
    _assert_nothing_raw(output)
    screen = screen_of(output)
    assert screen.title in ("", None)  # the window was not retitled
    lines = visible_text(screen)
    assert any("␛" in line or "\ufffd" in line for line in lines), lines
    if args[0] == "search" and "never" not in args:
        assert b"\x1b[" in output  # newsarc's own colours still there


def test_check_names_the_stray_file_visibly(hostile):
    code, output = run_on_pty(["check"], _env(hostile))
    assert code == 2
    assert "stray␛[2J␛[H␛]52;c;cHduZWQ=␇" in output.decode().replace("\r\n", "")


def test_json_keeps_the_text_as_stored(hostile):
    shown = _newsarc(hostile, "show", SEED_ID, "--json")
    record = json.loads(shown.stdout)
    assert PLANTED in record["title"] and PLANTED in record["source"] and PLANTED in record["text"]
    hit = json.loads(_newsarc(hostile, "search", "الخلافة", "--json").stdout.splitlines()[0])
    assert PLANTED in hit["title"]


def test_messages_on_stderr_are_shown_safely(hostile, tmp_path):
    """A file name given to `add` is shown in its messages, never sent raw."""
    bad = tmp_path / f"empty{PAYLOADS['title']}.txt"
    bad.write_bytes(b"")
    result = _newsarc(hostile, "add", str(bad))
    assert result.returncode == 2
    assert b"\x1b]0;" not in result.stderr and "␛]0;pwned␇".encode() in result.stderr
    assert re.search(rb"empty", result.stderr)
    assert os.path.exists(bad)
