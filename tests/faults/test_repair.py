"""`check` and `check --repair` against corpus files changed behind newsarc's back: a file
cut in half, a file moved to another folder, a stray file carrying an article's id."""

from __future__ import annotations

import json
import shutil

import pytest

from conftest import ARTICLE_FOOTBALL, ARTICLE_SCHOOL, ARTICLE_TRADE, tree_snapshot

pytestmark = pytest.mark.faults


@pytest.fixture
def archive(run, home, tmp_path):
    for name, text in (
        ("trade", ARTICLE_TRADE),
        ("school", ARTICLE_SCHOOL),
        ("football", ARTICLE_FOOTBALL),
    ):
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    assert (
        run(
            "add",
            *(str(tmp_path / f"{n}.txt") for n in ("trade", "school", "football")),
            "--source",
            "المصدر",
        ).exit_code
        == 0
    )
    return {path.stem: path for path in (home / "corpus").rglob("*.txt")}


def _ids(run, word: str) -> list[str]:
    return run("search", word, "--output", "ids").stdout.split()


def test_check_names_a_file_whose_text_does_not_match_its_hash(run, archive):
    path = next(iter(archive.values()))
    content = path.read_text(encoding="utf-8")
    path.write_text(content[: len(content) - 30], encoding="utf-8")  # cut: header intact
    result = run("check")
    assert result.exit_code == 2
    assert path.name in result.stderr and "hash" in result.stderr


def test_repair_heals_a_moved_file_in_one_pass(run, home, archive):
    article_id, path = next(iter(archive.items()))
    moved = home / "corpus" / "elsewhere" / path.name
    moved.parent.mkdir()
    shutil.move(path, moved)
    assert run("check").exit_code == 2
    repaired = run("check", "--repair")
    assert repaired.exit_code == 0, repaired.stderr
    assert "re-pointed" in repaired.stderr
    report = json.loads(run("check", "--json").stdout)
    assert report["healthy"] and report["articles_in_index"] == 3
    text = json.loads(run("show", article_id, "--json").stdout)["text"]
    found = run("search", text.split()[1], "--output", "paths").stdout.split()
    assert str(moved) in found


def test_an_id_carried_by_two_files_is_a_conflict_and_the_indexed_one_stays(run, home, archive):
    article_id, path = sorted(archive.items())[0]
    stray = home / "corpus" / "0-stray" / path.name  # sorts before the real file's folder
    stray.parent.mkdir()
    stray.write_text(
        path.read_text(encoding="utf-8").replace("\n\n", "\n\nنص آخر دخيل. ", 1), encoding="utf-8"
    )
    before = tree_snapshot(home / "corpus")
    result = run("check")
    assert (
        result.exit_code == 2
        and "conflict" in result.stderr
        and str(stray.relative_to(home)) in result.stderr
    )
    run("check", "--repair")
    assert tree_snapshot(home / "corpus") == before  # no file touched
    shown = json.loads(run("show", article_id, "--json").stdout)
    assert shown["path"] == str(path.relative_to(home))
    assert article_id in _ids(run, shown["text"].split()[1])


def test_reindex_keeps_the_indexed_file_of_an_id_carried_by_two(run, home, archive):
    article_id, path = sorted(archive.items())[0]
    stray = home / "corpus" / "0-stray" / path.name  # walked first
    stray.parent.mkdir()
    stray.write_text(
        path.read_text(encoding="utf-8").replace("\n\n", "\n\nنص آخر دخيل. ", 1), encoding="utf-8"
    )
    result = run("reindex")
    assert result.exit_code == 2 and str(stray.relative_to(home)) in result.stderr
    text = json.loads(run("show", article_id, "--json").stdout)["text"]
    assert "دخيل" not in text
    assert str(path) in run("search", text.split()[1], "--output", "paths").stdout.split()
