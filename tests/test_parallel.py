"""The parallel index writer: every document indexed, or an error and the index unchanged."""

from __future__ import annotations

import json
import os

import pytest

from newsarc import archive as archive_module
from newsarc.archive import Archive
from newsarc.index import article_document, create_index, open_index
from newsarc.parallel import (
    ForkedSubWriterTask,
    ParallelIndexError,
    ParallelWriter,
    can_write_in_parallel,
)
from newsarc.reader import ReadOptions

pytestmark = pytest.mark.skipif(not can_write_in_parallel(), reason="no fork() here, or one core")

WORDS = ["الاقتصاد", "السياسة", "الرياضة", "تونس", "سوريا", "النفط", "الانتخابات", "المدرسة"]


def _text(number: int) -> str:
    return f"مقال رقم {number} عن {WORDS[number % len(WORDS)]} و{WORDS[(number * 3) % len(WORDS)]}.\nسطر ثان."


def _documents(count: int) -> list[dict[str, object]]:
    from newsarc.model import Article

    return [
        article_document(
            Article(
                id=f"a{n}", text=_text(n), source="العرب", source_slug="العرب", content_hash=f"h{n}"
            ),
            f"corpus/a{n}.txt",
        )
        for n in range(count)
    ]


@pytest.fixture(autouse=True)
def _quick_polls(monkeypatch):
    monkeypatch.setattr("newsarc.parallel._POLL_SECONDS", 0.05)


def _die(self, filename, doc_count):  # type: ignore[no-untyped-def]
    os._exit(3)  # a child that dies mid-work, as an out-of-memory kill would


def test_every_document_is_indexed(tmp_path):
    ix = create_index(tmp_path / "index")
    writer = ParallelWriter(ix, procs=2, limitmb=32)
    for document in _documents(250):  # three job files of up to 100 documents
        writer.add_document(**document)
    writer.commit()
    reopened = open_index(tmp_path / "index")
    assert reopened.doc_count() == 250
    with reopened.searcher() as searcher:
        assert {fields["id"] for fields in searcher.all_stored_fields()} == {
            f"a{n}" for n in range(250)
        }
    assert all(not task.is_alive() for task in writer.tasks)


def test_a_dead_child_is_an_error_and_the_index_is_unchanged(tmp_path, monkeypatch):
    ix = create_index(tmp_path / "index")
    first = ix.writer()
    first.add_document(**_documents(1)[0])
    first.commit()
    monkeypatch.setattr(ForkedSubWriterTask, "_process_file", _die)
    writer = ParallelWriter(open_index(tmp_path / "index"), procs=2, limitmb=32)
    with pytest.raises(ParallelIndexError):
        for document in _documents(150):
            writer.add_document(**document)
        writer.commit()
    writer.cancel()
    assert all(not task.is_alive() for task in writer.tasks)
    assert open_index(tmp_path / "index").doc_count() == 1


def test_cancel_ends_the_children(tmp_path):
    writer = ParallelWriter(create_index(tmp_path / "index"), procs=2, limitmb=32)
    for document in _documents(120):
        writer.add_document(**document)
    writer.cancel()
    assert all(not task.is_alive() for task in writer.tasks)
    assert open_index(tmp_path / "index").doc_count() == 0


def _jsonl(path, count: int, first: int = 0):  # type: ignore[no-untyped-def]
    path.write_text(
        "".join(
            json.dumps({"id": f"a{n}", "text": _text(n), "source": "العرب"}, ensure_ascii=False)
            + "\n"
            for n in range(first, first + count)
        ),
        encoding="utf-8",
    )
    return path


def test_a_large_add_indexes_in_parallel(tmp_path, monkeypatch):
    monkeypatch.setattr(archive_module, "PARALLEL_MIN_ARTICLES", 10)
    archive = Archive.at(tmp_path / "arc")
    report = archive.add([str(_jsonl(tmp_path / "in.jsonl", 130))], ReadOptions())
    assert report.count("added") == 130
    assert archive.check().healthy
    assert archive.search("الانتخابات").total == sum("الانتخابات" in _text(n) for n in range(130))
    segments = list((tmp_path / "arc" / "index").glob("*.seg"))
    assert len(segments) >= 2  # one per indexing process
    # A second, small add to the parallel-built index goes through one writer.
    archive.add([str(_jsonl(tmp_path / "more.jsonl", 5, first=500))], ReadOptions())
    assert archive.stats().articles == 135 and archive.check().healthy


def test_a_failed_parallel_add_is_indexed_again_serially(tmp_path, monkeypatch):
    monkeypatch.setattr(archive_module, "PARALLEL_MIN_ARTICLES", 10)
    monkeypatch.setattr(ForkedSubWriterTask, "_process_file", _die)
    archive = Archive.at(tmp_path / "arc")
    report = archive.add([str(_jsonl(tmp_path / "in.jsonl", 120))], ReadOptions())
    assert report.count("added") == 120
    assert archive.stats().articles == 120
    assert archive.check().healthy


def test_a_large_input_forks_the_writers_before_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(archive_module, "PARALLEL_MIN_ARTICLES", 10)
    monkeypatch.setattr(archive_module, "_BYTES_PER_ARTICLE", 10)
    started = []
    real = archive_module._AddBatch.start_writer
    monkeypatch.setattr(
        archive_module._AddBatch,
        "start_writer",
        lambda self, parallel: (started.append(len(self.written)), real(self, parallel))[1],
    )
    archive = Archive.at(tmp_path / "arc")
    report = archive.add([str(_jsonl(tmp_path / "in.jsonl", 30))], ReadOptions())
    assert started == [0]  # before the first article was read
    assert report.count("added") == 30 and archive.check().healthy


def test_a_large_add_that_adds_nothing_leaves_no_archive(tmp_path, monkeypatch):
    monkeypatch.setattr(archive_module, "PARALLEL_MIN_ARTICLES", 10)
    monkeypatch.setattr(archive_module, "_BYTES_PER_ARTICLE", 10)
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not json\n" * 40, encoding="utf-8")
    report = Archive.at(tmp_path / "arc").add([str(bad)], ReadOptions())
    assert report.count("failed") == 40
    assert not (tmp_path / "arc").exists()


def test_reindex_in_parallel_and_a_failure_keeps_the_old_index(tmp_path, monkeypatch):
    from newsarc.errors import ArchiveError

    archive = Archive.at(tmp_path / "arc")
    archive.add([str(_jsonl(tmp_path / "in.jsonl", 150))], ReadOptions())
    assert archive.reindex() == 150
    assert archive.stats().articles == 150 and archive.check().healthy
    monkeypatch.setattr(ForkedSubWriterTask, "_process_file", _die)
    with pytest.raises(ArchiveError, match="in parallel"):
        archive.reindex()
    assert archive.stats().articles == 150 and archive.check().healthy
    assert not list((tmp_path / "arc").glob("index.*"))  # no half-built index left


def test_children_leave_ctrl_c_to_the_parent(tmp_path):
    import signal
    import time

    writer = ParallelWriter(create_index(tmp_path / "index"), procs=2, limitmb=32)
    try:
        for task in writer.tasks:
            os.kill(task.pid, signal.SIGINT)
        time.sleep(0.3)
        assert all(task.is_alive() for task in writer.tasks)
    finally:
        writer.cancel()
    assert all(not task.is_alive() for task in writer.tasks)
