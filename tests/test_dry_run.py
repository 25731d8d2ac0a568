"""`add --dry-run`: what would be stored, for each input, without touching the archive."""

from __future__ import annotations

import json

from conftest import ARTICLE_TRADE, FIXTURES, SEED, tree_snapshot

WIRE = FIXTURES / "wire"


def test_dry_run_on_no_archive_creates_nothing(run, home, tmp_path):
    path = tmp_path / "مقال.txt"
    path.write_bytes(("5 ديسمبر 2016\n" + ARTICLE_TRADE).encode("cp1256"))
    result = run("add", "--dry-run", str(path), "--source", "الأهرام")
    assert result.exit_code == 0
    assert not home.exists()
    out = result.stdout
    assert "would add as" in out and "corpus/الأهرام/2016/" in out  # the paper's name as written
    assert "windows-1256 (detected)" in out  # the encoding, and how it was found
    assert "source         الأهرام (slug الاهرام)" in out
    assert "date           2016-12-05 (header:month-name:egyptian, from «5 ديسمبر 2016»)" in out
    assert "place          القاهرة" in out  # ARTICLE_TRADE opens with `القاهرة –`
    assert "near-duplicate no" in out
    assert "dry run, nothing written" in result.stderr


def test_dry_run_says_undated_and_why(run, tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE_TRADE, encoding="utf-8")
    out = run("add", "--dry-run", str(path)).stdout
    assert (
        "date           none (no date in the metadata, the text's header or the file name)" in out
    )
    assert "title          none (the lead: القاهرة –" in out


def test_dry_run_leaves_an_archive_untouched(run, home):
    assert run("add", str(SEED)).exit_code == 0
    before = tree_snapshot(home)
    result = run("add", "--dry-run", str(SEED), str(WIRE))
    assert result.exit_code == 0
    assert tree_snapshot(home) == before
    assert "duplicate: same text as" in result.stdout  # the seed is already there
    assert "would have added 4" in result.stderr and "duplicates 1" in result.stderr


def test_dry_run_sees_near_duplicates_within_the_batch(run):
    result = run("add", "--dry-run", "--json", str(WIRE))
    outcomes = [json.loads(line) for line in result.stdout.splitlines()]
    assert all(o["dry_run"] for o in outcomes)
    first, copy, short, other = outcomes
    assert copy["near_duplicate_of"] == first["id"] and short["story"] == first["id"]
    assert other["near_duplicate_of"] is None
    article = copy["article"]
    assert article["title"] == "الأردن يوقع اتفاقا لتوسيع ميناء العقبة"
    assert (article["place"], article["encoding"], article["encoding_rule"]) == (
        "عمّان",
        "utf-8",
        "utf-8",
    )
    assert "text" not in article


def test_dry_run_reports_failures_with_exit_2(run, home, tmp_path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    result = run("add", "--dry-run", str(tmp_path / "empty.txt"))
    assert result.exit_code == 2 and "would fail" in result.stdout
    assert not home.exists()
