"""A broken `index/CURRENT` or story index — a directory, a FIFO, garbage, numbers out of
range — is detected and rebuilt from the index: never a hang, a traceback, a hint that
does not fit, or a wrong `near-dup-of`."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SEED

pytestmark = pytest.mark.faults

WIRE = Path(__file__).resolve().parent.parent / "fixtures" / "wire"


def _newsarc(home, *args: str, timeout: float = 20) -> subprocess.CompletedProcess:
    """The real command, which must end by itself (a FIFO must not block it)."""
    return subprocess.run(
        [sys.executable, "-m", "newsarc", "--home", str(home), *args],
        capture_output=True, text=True, timeout=timeout, check=False,
    )


def _break_pointer(home: Path, how: str) -> None:
    pointer = home / "index" / "CURRENT"
    pointer.unlink()
    if how == "directory":
        pointer.mkdir()
    elif how == "fifo":
        os.mkfifo(pointer)
    else:
        pointer.write_bytes(b"\x00\xff../../etc/passwd")


@pytest.mark.parametrize("how", ["directory", "fifo", "garbage"])
@pytest.mark.parametrize("fix", ["reindex", "check --repair"])
def test_a_broken_pointer_is_reported_and_rebuilt(tmp_path, how, fix):
    home = tmp_path / "archive"
    assert _newsarc(home, "add", "-q", str(SEED)).returncode == 0
    _break_pointer(home, how)
    search = _newsarc(home, "search", "الخلافة")
    assert search.returncode == 2 and "CURRENT" in search.stderr and "reindex" in search.stderr
    assert "Traceback" not in search.stderr
    fixed = _newsarc(home, *fix.split())
    assert fixed.returncode == 0, fixed.stderr
    assert "free some space" not in fixed.stderr
    assert _newsarc(home, "search", "الخلافة").returncode == 0
    assert (home / "index" / "CURRENT").is_file()


def _renumbered(data: bytes, change) -> bytes:  # type: ignore[no-untyped-def]
    """A story index (dedup.StoryIndex.to_bytes: header, 4 sizes, codes, shingles, band
    keys `key << 32 | article number`, names) with every article number changed."""
    from array import array

    at = data.index(b"\n") + 1
    sizes = array("Q", data[at : at + 32])
    articles, code_bytes, keys, _ = sizes
    start = at + 32 + code_bytes + 4 * articles
    packed = array("Q", data[start : start + 8 * keys])
    changed = array("Q", [(v >> 32) << 32 | (change(v & 0xFFFFFFFF) & 0xFFFFFFFF) for v in packed])
    return data[:start] + changed.tobytes() + data[start + 8 * keys :]


def _story_files(home: Path) -> list[Path]:
    return list((home / "index").rglob("newsarc-stories-*.bin"))


@pytest.mark.parametrize("damage", ["fifo", "out-of-range", "shifted"])
def test_a_damaged_story_index_is_rebuilt_and_links_the_right_story(tmp_path, damage):
    home = tmp_path / "archive"
    original = _newsarc(home, "add", "--json", str(WIRE / "1-original.txt"), str(SEED))
    first = json.loads(original.stdout.splitlines()[0])["id"]
    (story,) = _story_files(home)
    data = story.read_bytes()
    story.unlink()
    if damage == "fifo":
        os.mkfifo(story)
    else:  # the article numbers of its band keys, out of range or shifted by one
        story.write_bytes(
            _renumbered(data, lambda n: 0xFFFFFFFF if damage == "out-of-range" else n + 1)
        )
    copy = _newsarc(home, "add", "--json", str(WIRE / "2-edited-copy.txt"))
    assert copy.returncode == 0 and "Traceback" not in copy.stderr, copy.stderr
    record = json.loads(copy.stdout)
    assert record["near_duplicate_of"] == first and record["story"] == first


def test_a_fifo_for_a_folder_does_not_block_check(tmp_path):
    home = tmp_path / "archive"
    assert _newsarc(home, "add", "-q", str(SEED)).returncode == 0
    os.mkfifo(home / "corpus" / "stray.txt")
    shutil.rmtree(home / "index")
    os.mkfifo(home / "index")
    for args in (["check"], ["search", "x"], ["stats"]):
        done = _newsarc(home, *args)
        assert done.returncode == 2 and "Traceback" not in done.stderr, (args, done.stderr)
