"""A local Xapian index compacted as it grows (Engine.compact_into, ArchiveIndex.compact):
smaller, the same answers, still writable, swapped in atomically; Whoosh and shards left
alone; a failure costs nothing but the saving."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from newsarc import ingest
from newsarc.archive import Archive
from newsarc.engine.directory import current_index_dir, stories_file
from newsarc.reader import ReadOptions
from xapian_servers import missing_xapian

pytestmark = pytest.mark.skipif(missing_xapian() is not None, reason=missing_xapian() or "")

_WORDS = (
    "الحكومة الوزير البرلمان الانتخابات الرئيس المعارضة الاقتصاد النفط الأسعار السوق "
    "المنتخب المباراة الدوري اللاعب المدرب الجمهور الثقافة المهرجان الكتاب الفيلم "
    "المدينة القرية الطريق المستشفى المدرسة الجامعة الطلاب الأطباء الشرطة المحكمة"
).split()


def _articles(path: Path, count: int, first: int = 0) -> Path:
    rng = random.Random(first)
    lines = []
    for n in range(first, first + count):
        words = [rng.choice(_WORDS) + rng.choice(("", "ها", "ات", "ين")) for _ in range(60)]
        record = {"id": f"a{n}", "text": f"خبر رقم {n}: " + " ".join(words), "source": "العرب"}
        lines.append(json.dumps(record, ensure_ascii=False) + "\n")
    path.write_text("".join(lines), encoding="utf-8")
    return path


def _db_bytes(archive: Archive) -> int:
    db = current_index_dir(archive.root / "index") / "db"
    return sum(p.stat().st_size for p in db.iterdir() if p.is_file())


def _config(archive: Archive) -> dict:
    return json.loads((current_index_dir(archive.root / "index") / "xapian.json").read_text())


def _answers(archive: Archive) -> list[tuple[list[tuple[str, float]], int]]:
    """Each query's matches (id, score), best first, and its count."""
    queries = ("الحكومة", "المنتخب OR المدرسة", '"الوزير البرلمان"', "الطلاب NOT الشرطة")
    results = [archive.search(query, limit=None) for query in queries]
    return [([(h.article.id, round(h.score, 9)) for h in r.hits], r.total) for r in results]


@pytest.fixture
def small_windows(monkeypatch):  # type: ignore[no-untyped-def]
    """Windows of 20 articles, as a long add's 2,000 are to a large index."""
    from newsarc.engine import xapian_engine

    monkeypatch.setattr(ingest, "COMMIT_EVERY_ARTICLES", 20)
    monkeypatch.setattr(xapian_engine.XapianTransaction, "commit_every", 20)
    return xapian_engine


def test_a_grown_index_is_compacted_smaller_with_the_same_answers(
    tmp_path, small_windows, monkeypatch
) -> None:
    monkeypatch.setattr(small_windows, "COMPACT_FROM_BYTES", 10**12)  # never
    kept = Archive.init(tmp_path / "kept", engine="xapian")
    kept.add([str(_articles(tmp_path / "in.jsonl", 400))], ReadOptions())
    assert "compacted_bytes" not in _config(kept)

    monkeypatch.setattr(small_windows, "COMPACT_FROM_BYTES", 0)
    compacted = Archive.init(tmp_path / "compacted", engine="xapian")
    compacted.add([str(tmp_path / "in.jsonl")], ReadOptions())
    config = _config(compacted)
    assert config["compacted_bytes"] <= _db_bytes(compacted) < _db_bytes(kept) * 0.8
    assert _answers(compacted) == _answers(kept)
    assert compacted.check().healthy
    assert len(list((compacted.root / "index").glob("ix-*"))) == 1  # the old copy removed
    # Still writable, and the story index saved under the new index's generation.
    directory = current_index_dir(compacted.root / "index")
    from newsarc.engine.xapian_engine import XapianEngine

    assert stories_file(directory, XapianEngine.open(directory).generation()).is_file()
    compacted.add([str(_articles(tmp_path / "more.jsonl", 5, first=400))], ReadOptions())
    assert compacted.search("خبر").total == 405


def test_a_parallel_add_is_compacted_between_its_windows(
    tmp_path, small_windows, monkeypatch
) -> None:
    monkeypatch.setenv("NEWSARC_INDEX_PROCS", "2")
    monkeypatch.setattr(ingest, "PARALLEL_MIN_ARTICLES", 10)
    monkeypatch.setattr(ingest, "PARALLEL_COMMIT_EVERY_ARTICLES", 20)
    monkeypatch.setattr(small_windows.ForkedTransaction, "commit_every", 20)
    monkeypatch.setattr(small_windows, "COMPACT_FROM_BYTES", 0)
    from newsarc.archive_index import ArchiveIndex

    compactions, compact = [], ArchiveIndex.compact

    def counting(self):  # type: ignore[no-untyped-def]
        compactions.append(compact(self))
        return compactions[-1]

    monkeypatch.setattr(ArchiveIndex, "compact", counting)
    archive = Archive.init(tmp_path / "arc", engine="xapian")
    report = archive.add([str(_articles(tmp_path / "a.jsonl", 300))], ReadOptions())
    assert report.count("added") == 300
    assert compactions.count(True) >= 2  # as it doubled, between windows
    assert archive.search("خبر").total == 300 and archive.check().healthy


def test_compacted_again_only_once_twice_as_large(tmp_path, small_windows, monkeypatch) -> None:
    monkeypatch.setattr(small_windows, "COMPACT_FROM_BYTES", 0)
    archive = Archive.init(tmp_path / "arc", engine="xapian")
    archive.add([str(_articles(tmp_path / "a.jsonl", 1000))], ReadOptions())
    first = current_index_dir(archive.root / "index")
    compacted_bytes = _config(archive)["compacted_bytes"]
    archive.add([str(_articles(tmp_path / "b.jsonl", 3, first=1000))], ReadOptions())
    assert _db_bytes(archive) < 2 * compacted_bytes
    assert current_index_dir(archive.root / "index") == first  # not rewritten for 3 articles
    archive.add([str(_articles(tmp_path / "c.jsonl", 1500, first=2000))], ReadOptions())
    assert current_index_dir(archive.root / "index") != first
    assert _config(archive)["compacted_bytes"] > compacted_bytes
    assert archive.search("خبر").total == 2503


def test_reindex_and_repair_leave_a_compacted_index(tmp_path, small_windows, monkeypatch) -> None:
    monkeypatch.setattr(small_windows, "COMPACT_FROM_BYTES", 0)
    archive = Archive.init(tmp_path / "arc", engine="xapian")
    archive.add([str(_articles(tmp_path / "a.jsonl", 100))], ReadOptions())
    before = _answers(archive)
    archive.reindex()
    assert "compacted_bytes" in _config(archive)
    # The same scores; ties in another order (a rebuild numbers documents in corpus order).
    assert [(sorted(hits), total) for hits, total in _answers(archive)] == [
        (sorted(hits), total) for hits, total in before
    ]
    (current_index_dir(archive.root / "index") / "xapian.json").write_text(
        json.dumps({**_config(archive), "compacted_bytes": 1})  # as if grown since
    )
    one = next((archive.root / "corpus").rglob("*.txt"))
    one.unlink()
    archive.check(repair=True)
    assert _config(archive)["compacted_bytes"] > 1
    assert archive.search("خبر").total == 99 and archive.check().healthy


def test_a_failed_compaction_leaves_the_index_and_the_add_as_they_were(
    tmp_path, small_windows, monkeypatch
) -> None:
    # A full disk half-way through writing the copy (injected: the engine's own step).
    def no_space(self, directory):  # type: ignore[no-untyped-def]
        (directory / "db").mkdir(parents=True)
        (directory / "db" / "postlist.glass").write_bytes(b"half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(small_windows, "COMPACT_FROM_BYTES", 0)
    monkeypatch.setattr(small_windows.XapianEngine, "compact_into", no_space)
    archive = Archive.init(tmp_path / "arc", engine="xapian")
    report = archive.add([str(_articles(tmp_path / "a.jsonl", 100))], ReadOptions())
    assert report.count("added") == 100
    assert [p.name for p in (archive.root / "index").iterdir() if p.name.startswith("ix-")] == [
        current_index_dir(archive.root / "index").name
    ]
    assert archive.search("خبر").total == 100 and archive.check().healthy


def test_whoosh_and_shards_are_not_compacted_by_newsarc(tmp_path) -> None:
    from newsarc.engine.xapian_engine import Location, ShardAddress, XapianEngine

    archive = Archive.init(tmp_path / "arc", engine="whoosh")
    archive.add([str(_articles(tmp_path / "a.jsonl", 30))], ReadOptions())
    index = current_index_dir(archive.root / "index")
    assert archive.index.compact() is False
    assert current_index_dir(archive.root / "index") == index
    shard = ShardAddress.parse("xapian+tcp://127.0.0.1:1")
    sharded = XapianEngine(Location(shards=(shard,)), "b", None)
    assert sharded.compact_into(tmp_path / "new") is False
    assert not (tmp_path / "new").exists()
