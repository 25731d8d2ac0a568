"""A pasted page with --any: its most telling words only (issue 14), visibly; an ordinary
--any query as it was."""

from __future__ import annotations

import json
import random

import pytest

from newsarc.archive import Archive, analyze
from newsarc.query import parse

LETTERS = "بتثجحخدذرزسشصضطظعغفقكلمنهي"


def _words(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    made: dict[str, None] = {}
    while len(made) < count:
        made.setdefault("".join(rng.choice(LETTERS) for _ in range(6)))
    return list(made)


PAGE_WORDS = _words(3000, 1)
COMMON = PAGE_WORDS[:400]  # in every article: too common to tell the page's article apart
PAGE = " ".join(PAGE_WORDS)
OTHERS = {
    f"other{i}": " ".join(COMMON + _words(200, 10 + i)) for i in range(6)
}


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Archive:
    folder = tmp_path_factory.mktemp("texts")
    (folder / "page.txt").write_text(PAGE, encoding="utf-8")
    for name, text in OTHERS.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    arc = Archive.at(tmp_path_factory.mktemp("archive"))
    assert arc.add([str(folder)]).count("added") == 1 + len(OTHERS)
    return arc


def test_a_pasted_page_finds_its_article_first(archive: Archive) -> None:
    result = archive.search(PAGE, any_word=True)
    assert result.hits[0].article.text == PAGE
    assert result.note is not None and f"{parse.MAX_ANY_WORDS} least common of 3000" in result.note


def test_the_kept_words_are_the_least_common_the_archive_holds(archive: Archive) -> None:
    absent = _words(100, 99)
    query = parse.parse_query(" ".join(COMMON + absent + PAGE_WORDS[400:500]), any_word=True)
    kept = archive.index.read(lambda reader: archive._as_run(query, reader))
    assert (kept.words_given, kept.words_kept) == (600, parse.MAX_ANY_WORDS)
    shown = str(kept.words)
    assert all(word not in shown for word in COMMON + absent)


def test_explain_and_analyze_say_how_many_words_were_kept(archive: Archive, run) -> None:
    lines = analyze(PAGE, archive=archive, any_word=True).query
    note = f"words: the {parse.MAX_ANY_WORDS} least common of 3000 distinct words"
    assert any(line.startswith(note) for line in lines)
    result = run("search", "--any", "--explain", "--json", PAGE, home_dir=archive.root)
    assert result.exit_code == 0
    assert note in result.stderr
    assert "left out as too common" in result.stderr
    assert json.loads(result.stdout.splitlines()[0])["id"]


def test_all_words_mode_keeps_every_word(archive: Archive) -> None:
    query = parse.parse_query(" ".join(PAGE_WORDS[:200]))
    assert parse.keep_telling_words(query, lambda field, term: 1) is query


def test_an_ordinary_any_query_is_unchanged(archive: Archive, monkeypatch) -> None:
    text = " ".join(PAGE_WORDS[395:420]) + " كم عدد"
    query = parse.parse_query(text, any_word=True)
    assert parse.keep_telling_words(query, lambda field, term: 1) is query
    before = [(hit.article.id, hit.score) for hit in archive.search(text, any_word=True).hits]
    monkeypatch.setattr(parse, "MAX_ANY_WORDS", 10**9)
    after = [(hit.article.id, hit.score) for hit in archive.search(text, any_word=True).hits]
    assert before == after and len(before) == 7
