"""A damaged, missing or foreign index: check says what is wrong, search says to run
reindex (never a traceback), show still works from corpus/, and reindex or
check --repair rebuild it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import ARTICLE_FOOTBALL, ARTICLE_SCHOOL, ARTICLE_TRADE

pytestmark = pytest.mark.faults


def _index(home: Path) -> Path:
    pointer = home / "index" / "CURRENT"
    return home / "index" / pointer.read_text().strip() if pointer.exists() else home / "index"


def _delete_segment(home):
    for segment in _index(home).glob("*.seg"):
        segment.unlink()


def _truncate_toc(home):
    [toc] = _index(home).glob("_articles_*.toc")
    toc.write_bytes(toc.read_bytes()[:40])


def _empty_toc(home):
    [toc] = _index(home).glob("_articles_*.toc")
    toc.write_bytes(b"")


def _garble_segment(home):
    for segment in _index(home).glob("*.seg"):
        data = bytearray(segment.read_bytes())
        for i in range(len(data) // 3, len(data), 7):
            data[i] ^= 0x5A
        segment.write_bytes(bytes(data))


def _truncate_segment(home):
    for segment in _index(home).glob("*.seg"):
        segment.write_bytes(segment.read_bytes()[: segment.stat().st_size // 2])


def _other_schema_version(home):
    (_index(home) / "newsarc-index.json").write_text(json.dumps({"schema": 0, "analyzer": "ar-0"}))


def _version_file_missing(home):
    (_index(home) / "newsarc-index.json").unlink()


def _pointer_garbage(home):
    (home / "index" / "CURRENT").write_bytes(b"../../etc\x00\xff")


def _pointer_to_nowhere(home):
    (home / "index" / "CURRENT").write_text("ix-20990101000000-1-abcdef\n")


def _index_deleted(home):
    shutil.rmtree(home / "index")


def _index_is_a_file(home):
    shutil.rmtree(home / "index")
    (home / "index").write_text("not an index")


DAMAGE = {
    "deleted segment": _delete_segment,
    "truncated TOC": _truncate_toc,
    "empty TOC": _empty_toc,
    "garbled segment": _garble_segment,
    "truncated segment": _truncate_segment,
    "other schema version": _other_schema_version,
    "version file missing": _version_file_missing,
    "pointer garbage": _pointer_garbage,
    "pointer to a missing index": _pointer_to_nowhere,
    "index deleted": _index_deleted,
    "index is a file": _index_is_a_file,
}


@pytest.fixture
def archive(run, home, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in (
        ("trade", ARTICLE_TRADE),
        ("football", ARTICLE_FOOTBALL),
        ("school", ARTICLE_SCHOOL),
    ):
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    result = run("add", str(folder), "--json")
    assert result.exit_code == 0
    return [json.loads(line)["id"] for line in result.stdout.splitlines()]


def _one_line_error(result, *needles):
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("newsarc: "), result.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]


@pytest.mark.parametrize("damage", DAMAGE, ids=list(DAMAGE))
@pytest.mark.parametrize("fix", ["reindex", "check --repair"])
def test_damaged_index(run, home, archive, damage, fix):
    DAMAGE[damage](home)
    # search and stats point to reindex; the garbled segment may still answer some queries
    search = run("search", "المدرسة")
    if not (damage == "garbled segment" and search.exit_code in (0, 1)):
        _one_line_error(search, "reindex")
    stats = run("stats")
    assert stats.exit_code in (0, 2) and "Traceback" not in stats.output
    if stats.exit_code == 2:
        _one_line_error(stats, "reindex")
    # show reads the article from corpus/ whatever the index's state
    shown = run("show", archive[0], "--json")
    assert shown.exit_code == 0 and json.loads(shown.stdout)["id"] == archive[0]
    # add refuses to mix new entries into a damaged index (unless the damage went unseen)
    added = run("add", "-", input="مقال جديد عن السياحة في الأردن والبتراء.\nتفاصيل.".encode())
    assert "Traceback" not in added.output
    # check says what is wrong
    check = run("check")
    assert check.exit_code == 2 or damage == "garbled segment", check.output
    assert "Traceback" not in check.output
    if check.exit_code == 2:
        assert "index" in check.stderr
    # and the fix brings everything back
    fixed = run(*fix.split())
    assert fixed.exit_code == 0, fixed.output
    report = json.loads(run("check", "--json").stdout)
    assert report["healthy"], report
    assert report["articles_in_index"] == report["articles_in_corpus"] >= 3
    assert run("search", "المدرسة", "--json").exit_code == 0
    assert not (home / "index").is_file()


def test_check_names_the_problem(run, home, archive):
    _other_schema_version(home)
    _one_line_error(run("search", "المدرسة"), "another version of newsarc", "reindex")
    assert "another version" in run("check").stderr
    _pointer_to_nowhere(home)
    assert "no index" in run("check").stderr or "cannot" in run("check").stderr


def test_index_entry_whose_corpus_file_was_deleted(run, home, archive):
    """Not a crash (the write order prevents it) but a person deleting a file by hand."""
    football = archive[0]  # outcomes come in file-name order: football, school, trade
    victim = next((home / "corpus").rglob(f"{football}.txt"))
    victim.unlink()
    check = run("check")
    assert check.exit_code == 2 and f"indexed article {football} has no corpus file" in check.stderr
    # a hit on the missing file is an error naming it and the fix, not a traceback
    _one_line_error(run("search", "المباراة"), "corpus file missing", "check --repair")
    repaired = run("check", "--repair")
    assert repaired.exit_code == 0, repaired.output
    assert f"dropped index entry {football}" in repaired.stderr
    assert run("search", "المباراة").exit_code == 1
    assert json.loads(run("stats", "--json").stdout)["articles"] == 2


def test_reindex_leaves_out_an_unreadable_corpus_file_and_says_so(run, home, archive):
    bad = next((home / "corpus").rglob(f"{archive[0]}.txt"))
    bad.write_bytes(b"\xff\xfe not a corpus file")
    result = run("reindex")
    assert result.exit_code == 2
    assert f"left out {bad.relative_to(home).as_posix()}" in result.stderr
    assert "indexed 2 articles" in result.stderr
    assert run("search", "المدرسة").exit_code == 0
