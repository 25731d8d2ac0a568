"""The library surface: Archive without the CLI."""

from __future__ import annotations

import json
import pickle
import threading

import pytest

from conftest import ARTICLE_FOOTBALL, ARTICLE_SCHOOL, ARTICLE_TRADE, SEED
from newsarc.analysis import analyze, stemmed_analyzer
from newsarc.archive import MARKER, Archive, locate_home
from newsarc.engine.directory import current_index_dir
from newsarc.engine.whoosh_index import VERSION_FILE
from newsarc.errors import ArchiveBusy, ArchiveError, ArticleNotFound, QueryError
from newsarc.lock import writer_lock
from newsarc.reader import ReadOptions


@pytest.fixture
def archive(tmp_path, articles_dir):
    arc = Archive.at(tmp_path / "lib-archive")
    report = arc.add([str(articles_dir)])
    assert report.count("added") == 4
    return arc


def test_search_returns_model_objects(archive):
    result = archive.search("الاسلامية", limit=5)
    assert result.total == 2
    assert {hit.article.source for hit in result.hits} == {"العرب", "inbox"}
    for hit in result.hits:
        marked = {s.text[a:b] for s in hit.snippets for a, b in s.spans}
        assert marked <= {"الإسلامية", "الإسلاميّة"} and marked
    assert [hit.rank for hit in result.hits] == [1, 2]


def test_get_and_not_found(archive):
    hit = archive.search("الرباط").hits[0]
    assert archive.get(hit.article.id).text == ARTICLE_FOOTBALL
    with pytest.raises(ArticleNotFound):
        archive.get("missing")


def test_duplicates_within_one_batch_and_id_collisions(tmp_path):
    arc = Archive.at(tmp_path / "a")
    first = tmp_path / "one.jsonl"
    first.write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in [
            {"id": "x1", "text": ARTICLE_TRADE},
            {"id": "x2", "text": ARTICLE_TRADE},  # same text, other id: a duplicate
            {"id": "x1", "text": ARTICLE_SCHOOL},  # same id, other text: refused
        ]),
        encoding="utf-8",
    )
    report = arc.add([str(first)])
    assert [o.status for o in report.outcomes] == ["added", "duplicate", "failed"]
    assert report.outcomes[1].id == "x1"
    assert "already in the archive" in report.outcomes[2].message
    assert arc.get("x1").text == ARTICLE_TRADE


def test_stats_and_check(archive):
    stats = archive.stats()
    assert stats.articles == 4 and stats.undated == 4 and stats.first_date is None
    report = archive.check()
    assert report.healthy and report.articles_in_index == 4


def test_dates_in_stats(tmp_path):
    arc = Archive.at(tmp_path / "d")
    arc.add(["-"], ReadOptions(date="2019-03-23", source="العرب"), stdin=_bytes_io(ARTICLE_TRADE))
    arc.add(["-"], ReadOptions(date="2020-01-02"), stdin=_bytes_io(ARTICLE_SCHOOL))
    stats = arc.stats()
    assert (str(stats.first_date), str(stats.last_date), stats.undated) == (
        "2019-03-23",
        "2020-01-02",
        0,
    )


def _bytes_io(text):
    import io

    return io.BytesIO(text.encode("utf-8"))


def test_reindex_keeps_everything(archive):
    before = {hit.article.id for hit in archive.search("في OR سوريا OR المدرسة", limit=50).hits}
    assert archive.reindex() == 4
    after = {hit.article.id for hit in archive.search("في OR سوريا OR المدرسة", limit=50).hits}
    assert before == after
    assert not list(archive.root.glob("index.*"))  # no build directories left behind


def test_index_from_another_version_is_refused(archive):
    (current_index_dir(archive.index_dir) / VERSION_FILE).write_text(
        '{"schema": 0, "analyzer": "old"}', encoding="utf-8"
    )
    with pytest.raises(ArchiveError, match="another version") as info:
        archive.search("سوريا")
    assert "newsarc reindex" in info.value.hint
    assert not archive.check().healthy
    archive.reindex()
    assert archive.search("سوريا").total == 1


def test_query_errors(archive):
    for query in ["", "  ", "(سوريا", "في", "NOT سوريا"]:
        with pytest.raises(QueryError):
            archive.search(query)


def test_busy_archive(archive):
    waited = []
    with writer_lock(archive.root):
        with pytest.raises(ArchiveBusy, match="archive busy"):
            archive.add([str(SEED)], lock_timeout=0.3, on_wait=lambda: waited.append(True))
    assert waited == [True]


def test_second_writer_waits_then_proceeds(archive, tmp_path):
    path = tmp_path / "new.txt"
    path.write_text("خبر جديد عن الطاقة الشمسية في الأردن.\nتفاصيل.", encoding="utf-8")
    release = threading.Event()

    def hold():
        with writer_lock(archive.root):
            release.wait(5)

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        threading.Timer(0.3, release.set).start()
        report = archive.add([str(path)], lock_timeout=10)
    finally:
        holder.join()
    assert report.count("added") == 1


def test_locate_home(tmp_path, monkeypatch):
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    (tmp_path / "a" / MARKER).write_text("{}")
    assert locate_home(cwd=nested, environ={}) == tmp_path / "a"
    assert (
        locate_home(cwd=nested, environ={"NEWSARC_HOME": str(tmp_path / "env")}) == tmp_path / "env"
    )
    assert (
        locate_home(tmp_path / "x", environ={"NEWSARC_HOME": str(tmp_path / "env")})
        == tmp_path / "x"
    )
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert locate_home(cwd=tmp_path, environ={}) == tmp_path / "xdg" / "newsarc"


def test_open_without_archive(tmp_path):
    with pytest.raises(ArchiveError, match="no newsarc archive"):
        Archive.open(tmp_path / "none")


def test_analyzer_keeps_words_whole_and_offsets_on_the_original():
    text = "قَالَ الـمُـتَحَدِّثُ: الإسلاميّة"
    tokens = [(t.text, text[t.startchar:t.endchar]) for t in stemmed_analyzer()(text, chars=True)]
    assert [original for _, original in tokens] == ["قَالَ", "الـمُـتَحَدِّثُ", "الإسلاميّة"]
    assert analyze("الإسلاميّة") == analyze("الاسلامية") == analyze("الاسلاميه")


def test_analyzer_pickles():
    # Whoosh stores the analyzer in the index by pickling it.
    analyzer = pickle.loads(pickle.dumps(stemmed_analyzer()))
    assert [t.text for t in analyzer("والكتاب")] == analyze("والكتاب")
