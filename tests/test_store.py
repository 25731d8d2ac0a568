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
    assert (back.id, back.title, back.date, back.url, back.source) == (
        ARTICLE.id, ARTICLE.title, ARTICLE.date, ARTICLE.url, ARTICLE.source
    )
    assert back.origin == "in box/file.txt"  # header values stay on one line


def test_write_is_atomic_and_browsable(tmp_path):
    store = CorpusStore(tmp_path)
    path = store.write(ARTICLE)
    assert path == "corpus/العرب/2019/a-1.txt"
    assert store.read(path) .text == ARTICLE.text
    # no temp files left
    assert [p.name for p in (tmp_path / "corpus" / "العرب" / "2019").iterdir()] == ["a-1.txt"]
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


@pytest.mark.parametrize(
    "source, folder",
    [
        ("الشرق الأوسط", "الشرق الأوسط"),  # as written: hamza, space and all
        ("Sky News عربية", "Sky News عربية"),
        ("CNN/عربي", "CNN-عربي"),
        ('a:b*c?"<>|', "a-b-c-----"),
        ("..", "unknown-source"),
        (None, "unknown-source"),
    ],
)
def test_folders_are_named_with_the_source_as_written(source, folder):
    from newsarc.store import folder_name

    assert folder_name(source) == folder


def test_articles_of_an_older_archive_stay_where_they_are(tmp_path, run):
    """An archive written when folders were slugs (`الشرق-الاوسط`) keeps working unmoved."""
    import json

    from newsarc.normalize import source_slug

    folder = tmp_path / "in" / "الشرق الأوسط"
    folder.mkdir(parents=True)
    (folder / "a.txt").write_text("عنوان\n\nنص الخبر عن لندن والأسواق.", encoding="utf-8")
    home = tmp_path / "archive"
    assert run("add", str(folder), home_dir=home).exit_code == 0
    [written] = list((home / "corpus").rglob("*.txt"))
    assert written.parent.parent.name == "الشرق الأوسط"
    legacy = home / "corpus" / source_slug("الشرق الأوسط") / written.parent.name
    legacy.parent.mkdir()
    written.parent.rename(legacy)  # as an older newsarc left it
    (home / "corpus" / "الشرق الأوسط").rmdir()
    assert run("reindex", home_dir=home).exit_code == 0
    article_id = written.stem
    shown = json.loads(run("show", article_id, "--json", home_dir=home).stdout)
    assert shown["path"].startswith(f"corpus/{source_slug('الشرق الأوسط')}/")
    assert run("check", home_dir=home).exit_code == 0
    again = run("add", str(folder), "--json", home_dir=home)
    assert json.loads(again.stdout)["status"] == "duplicate"
