from __future__ import annotations

import datetime as dt

import pytest

from newsarc.errors import ArchiveError
from newsarc.model import Article
from newsarc.store import CorpusStore, format_article, parse_article

ARTICLE = Article(
    id="a-1",
    text="سطر أول\n\nسطر بعد سطر فارغ: مع نقطتين\n[bold] ليس ترميزا",
    source="العرب",
    source_slug="العرب",
    title="عنوان: مع نقطتين",
    date=dt.date(2019, 3, 23),
    date_raw="23 آذار 2019",
    url="https://example.com/a?b=c: d",
    origin="in\nbox/file.txt",
    content_hash="abc",
)


def test_round_trip_keeps_text_and_metadata():
    back = parse_article(format_article(ARTICLE), "x")
    assert back.text == ARTICLE.text
    assert (back.id, back.title, back.date, back.url, back.source) == (ARTICLE.id, ARTICLE.title, ARTICLE.date, ARTICLE.url, ARTICLE.source)
    assert back.origin == "in box/file.txt"  # header values stay on one line


def test_write_is_atomic_and_browsable(tmp_path):
    store = CorpusStore(tmp_path)
    path = store.write(ARTICLE)
    assert path == "corpus/العرب/2019/a-1.txt"
    assert store.read(path) .text == ARTICLE.text
    assert [p.name for p in (tmp_path / "corpus" / "العرب" / "2019").iterdir()] == ["a-1.txt"]  # no temp files left
    assert list(store.iter_paths()) == [path]
    assert store.find("a-1") == path and store.find("nope") is None


def test_failed_write_leaves_no_temp_file(tmp_path, monkeypatch):
    store = CorpusStore(tmp_path)

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("newsarc.store.os.replace", broken_replace)
    with pytest.raises(OSError):
        store.write(ARTICLE)
    assert not [p for p in tmp_path.rglob("*") if p.is_file()]


def test_refuses_to_write_outside_corpus(tmp_path):
    evil = Article(id="../../x", text="نص", source_slug="s", content_hash="h")
    with pytest.raises(ArchiveError, match="outside the corpus"):
        CorpusStore(tmp_path).write(evil)


def test_not_a_corpus_file():
    with pytest.raises(ArchiveError):
        parse_article("just text", "x.txt")
