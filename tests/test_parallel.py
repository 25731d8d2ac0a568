"""The parallel index writer: every document indexed, or an error and the index unchanged."""

from __future__ import annotations

import json
import os

import pytest

from newsarc import ingest as archive_module
from newsarc.archive import Archive
from newsarc.engine.whoosh_index import article_document, create_index, open_index
from newsarc.engine.whoosh_parallel import (
    ForkedSubWriterTask,
    ParallelIndexError,
    ParallelWriter,
    can_write_in_parallel,
)
from newsarc.reader import ReadOptions

pytestmark = pytest.mark.skipif(not can_write_in_parallel(), reason="no fork() here, or one core")

WORDS = ["الاقتصاد", "السياسة", "الرياضة", "تونس", "سوريا", "النفط", "الانتخابات", "المدرسة"]


def _text(number: int) -> str:
    first, second = WORDS[number % len(WORDS)], WORDS[(number * 3) % len(WORDS)]
    return f"مقال رقم {number} عن {first} و{second}.\nسطر ثان."


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
    monkeypatch.setattr("newsarc.engine.whoosh_parallel._POLL_SECONDS", 0.05)


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


def test_a_child_without_work_adds_no_empty_segment(tmp_path):
    ix = create_index(tmp_path / "index")
    writer = ParallelWriter(ix, procs=2, limitmb=32)
    for document in _documents(5):  # one job file: one child indexes, the other has nothing
        writer.add_document(**document)
    writer.commit()
    reopened = open_index(tmp_path / "index")
    assert reopened.doc_count() == 5
    assert [segment.doc_count_all() for segment in reopened._segments()] == [5]


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


def _segments(home) -> list:  # type: ignore[no-untyped-def]
    from newsarc.engine.directory import current_index_dir

    return open_index(current_index_dir(home / "index"))._segments()


def _segment_sizes(home) -> list[int]:  # type: ignore[no-untyped-def]
    return [segment.doc_count_all() for segment in _segments(home)]


def _assert_one_segment_per_busy_process(sizes: list[int], documents: int) -> None:
    """Each of the 2 indexing processes that got work leaves one segment, none empty. (How
    many got work depends on scheduling: a child may take every job before the other
    starts, on a loaded machine.)"""
    assert 1 <= len(sizes) <= 2 and all(sizes) and sum(sizes) == documents


@pytest.fixture
def parallel_from_10(monkeypatch):
    """Adds of 10 articles or more index in two processes (as those of 1,000 do)."""
    monkeypatch.setattr(archive_module, "PARALLEL_MIN_ARTICLES", 10)
    monkeypatch.setattr(archive_module, "_BYTES_PER_ARTICLE", 50)  # the test articles are short
    monkeypatch.delenv("NEWSARC_INDEX_PROCS", raising=False)


def test_a_large_add_indexes_in_parallel(tmp_path, parallel_from_10, monkeypatch):
    archive = Archive.at(tmp_path / "arc")
    report = archive.add([str(_jsonl(tmp_path / "in.jsonl", 130))], ReadOptions())
    assert report.count("added") == 130
    assert archive.check().healthy
    assert archive.search("الانتخابات").total == sum("الانتخابات" in _text(n) for n in range(130))
    parallel = _segment_sizes(tmp_path / "arc")
    _assert_one_segment_per_busy_process(parallel, 130)
    # A second, small add to the parallel-built index goes through one writer.
    monkeypatch.setattr(archive_module, "PARALLEL_MIN_ARTICLES", 1000)
    archive.add([str(_jsonl(tmp_path / "more.jsonl", 5, first=500))], ReadOptions())
    assert archive.stats().articles == 135 and archive.check().healthy
    assert _segment_sizes(tmp_path / "arc") == parallel + [5]


def test_one_process_when_asked(tmp_path, parallel_from_10, monkeypatch):
    monkeypatch.setenv("NEWSARC_INDEX_PROCS", "1")
    archive = Archive.at(tmp_path / "arc")
    assert (
        archive.add([str(_jsonl(tmp_path / "in.jsonl", 130))], ReadOptions()).count("added") == 130
    )
    assert len(_segments(tmp_path / "arc")) == 1


@pytest.mark.parametrize("value", ["0", "two", "-1", "65"])
def test_a_bad_number_of_processes_is_a_clear_error_before_anything_is_written(
    tmp_path, parallel_from_10, monkeypatch, value
):
    from newsarc.errors import NewsarcError

    monkeypatch.setenv("NEWSARC_INDEX_PROCS", value)
    with pytest.raises(NewsarcError, match="NEWSARC_INDEX_PROCS"):
        Archive.at(tmp_path / "arc").add([str(_jsonl(tmp_path / "in.jsonl", 30))], ReadOptions())
    assert not (tmp_path / "arc").exists()


def test_a_failed_parallel_add_is_indexed_again_in_one_process(
    tmp_path, parallel_from_10, monkeypatch
):
    monkeypatch.setattr(ForkedSubWriterTask, "_process_file", _die)
    archive = Archive.at(tmp_path / "arc")
    report = archive.add([str(_jsonl(tmp_path / "in.jsonl", 520))], ReadOptions())
    assert report.count("added") == 520
    assert archive.stats().articles == 520
    assert archive.check().healthy
    assert archive.search("الانتخابات").total == sum("الانتخابات" in _text(n) for n in range(520))


def test_commits_of_a_parallel_add_are_far_apart(tmp_path, parallel_from_10, monkeypatch):
    """Each parallel commit makes a segment per process: a long add commits on the
    parallel schedule, not every COMMIT_EVERY_ARTICLES."""
    monkeypatch.setattr(archive_module, "COMMIT_EVERY_ARTICLES", 20)
    monkeypatch.setattr(archive_module, "PARALLEL_COMMIT_EVERY_ARTICLES", 100)
    archive = Archive.at(tmp_path / "arc")
    assert (
        archive.add([str(_jsonl(tmp_path / "in.jsonl", 250))], ReadOptions()).count("added") == 250
    )
    assert archive.check().healthy
    from newsarc.engine.directory import current_index_dir

    # 100 + 100 + 50 (one commit publishes the first, empty index)
    assert open_index(current_index_dir(tmp_path / "arc" / "index")).latest_generation() == 3


def test_a_large_add_that_adds_nothing_leaves_no_archive(tmp_path, parallel_from_10):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not json\n" * 40, encoding="utf-8")
    report = Archive.at(tmp_path / "arc").add([str(bad)], ReadOptions())
    assert report.count("failed") == 40
    assert not (tmp_path / "arc").exists()


def test_reindex_in_parallel_and_after_a_failure_in_one_process(
    tmp_path, parallel_from_10, monkeypatch
):
    archive = Archive.at(tmp_path / "arc")
    archive.add([str(_jsonl(tmp_path / "in.jsonl", 150))], ReadOptions())
    assert archive.reindex() == 150
    assert archive.stats().articles == 150 and archive.check().healthy
    _assert_one_segment_per_busy_process(_segment_sizes(tmp_path / "arc"), 150)
    monkeypatch.setattr(ForkedSubWriterTask, "_process_file", _die)
    assert archive.reindex() == 150
    assert archive.stats().articles == 150 and archive.check().healthy
    assert len(_segments(tmp_path / "arc")) == 1
    assert len([entry for entry in (tmp_path / "arc" / "index").iterdir() if entry.is_dir()]) == 1


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


def test_children_of_a_killed_parent_end(tmp_path):
    """kill -9 of `add` must not leave indexing processes waiting for work for ever."""
    import signal
    import subprocess
    import sys
    import time

    script = f"""
import os, sys
import newsarc.engine.whoosh_parallel as parallel
parallel._POLL_SECONDS = 0.05
from newsarc.engine.whoosh_index import create_index
from pathlib import Path
ix = create_index(Path({str(tmp_path / "index")!r}))
writer = parallel.ParallelWriter(ix, procs=2, limitmb=32)
print(" ".join(str(task.pid) for task in writer.tasks), flush=True)
import time; time.sleep(60)
"""
    with subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, text=True
    ) as parent:
        children = [int(pid) for pid in parent.stdout.readline().split()]
        assert len(children) == 2
        parent.send_signal(signal.SIGKILL)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(pid) for pid in children):
        time.sleep(0.05)
    assert not any(_alive(pid) for pid in children)


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.parametrize("procs", ["1", "2"])
def test_a_xapian_add_commits_in_the_windows_xapian_is_best_at(
    tmp_path, parallel_from_10, monkeypatch, procs
):
    """Xapian holds a window in memory and each article costs more the larger it is, so
    its writer commits every XapianTransaction.commit_every articles, however long the
    caller's window (here 1,000, or the parallel add's 200,000). Each window's writer lets
    go of the index when committed, even while something still refers to it (here the
    spy; a traceback can): the next window's writer opens it (a bug before: busy)."""
    from xapian_servers import missing_xapian

    if missing_xapian():
        pytest.skip(missing_xapian())
    from newsarc.engine import xapian_engine

    monkeypatch.setenv("NEWSARC_INDEX_PROCS", procs)
    monkeypatch.setattr(archive_module, "COMMIT_EVERY_ARTICLES", 1000)
    commits = []
    for writer in (xapian_engine.XapianTransaction, xapian_engine.ForkedTransaction):
        monkeypatch.setattr(writer, "commit_every", 40)
        counted = writer.commit

        def counting(self, *, purge=False, counted=counted):  # type: ignore[no-untyped-def]
            commits.append(self)
            counted(self, purge=purge)

        monkeypatch.setattr(writer, "commit", counting)
    archive = Archive.init(tmp_path / "arc", engine="xapian")
    commits.clear()  # the empty index's
    report = archive.add([str(_jsonl(tmp_path / "in.jsonl", 130))], ReadOptions())
    assert report.count("added") == 130
    assert len(commits) == 4  # after 40, 80 and 120 articles, and at the end
    assert archive.check().healthy
    assert archive.search("الانتخابات").total == sum("الانتخابات" in _text(n) for n in range(130))
