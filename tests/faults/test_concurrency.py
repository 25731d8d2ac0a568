"""Two writers at once, and readers while a writer works: real processes, real locks."""

from __future__ import annotations

import json
import threading

import pytest
from faultkit import (  # noqa: F401 (scratch is a fixture)
    assert_clean_failure,
    assert_whole,
    corpus_files,
    corpus_ids,
    finish,
    newsarc,
    scratch,
    start,
    wait_until,
    write_jsonl,
)

from newsarc.archive import Archive
from newsarc.errors import QueryError

pytestmark = pytest.mark.faults


def test_second_add_waits_with_a_message_then_adds_everything(scratch):
    home = scratch / "archive"
    first, second = scratch / "first.jsonl", scratch / "second.jsonl"
    first_ids = write_jsonl(first, 1500)
    second_ids = write_jsonl(second, 200, start=50_000)
    a = start(home, "add", "-q", str(first))
    assert wait_until(lambda: len(corpus_files(home)) >= 20)
    b = start(home, "add", "--wait", "120", str(second))
    code_b, _, err_b = finish(b)
    code_a, _, err_a = finish(a)
    assert (code_a, code_b) == (0, 0), (err_a, err_b)
    assert "waiting for the archive" in err_b
    assert "added 200" in err_b
    assert_whole(home, first_ids + second_ids)


def test_second_add_gives_up_after_wait_with_archive_busy(scratch):
    home = scratch / "archive"
    first, second = scratch / "first.jsonl", scratch / "second.jsonl"
    first_ids = write_jsonl(first, 1500)
    write_jsonl(second, 5, start=50_000)
    a = start(home, "add", "-q", str(first))
    assert wait_until(lambda: len(corpus_files(home)) >= 20)
    busy = newsarc(home, "add", "--wait", "0.5", str(second))
    assert_clean_failure(busy, 2)
    assert "waiting for the archive" in busy.stderr
    assert "archive busy" in busy.stderr.splitlines()[-1]
    assert finish(a)[0] == 0
    assert_whole(home, first_ids)  # nothing of the second add, nothing lost of the first


def test_two_adds_of_the_same_input_into_a_new_archive_keep_one_copy(scratch):
    """Both start before the archive exists: the second must see what the first added."""
    home = scratch / "archive"
    source = scratch / "same.jsonl"
    ids = write_jsonl(source, 600)
    a = start(home, "add", "-q", str(source))
    b = start(home, "add", "-q", "--wait", "120", str(source))
    assert finish(a)[0] == 0
    assert finish(b)[0] == 0
    assert_whole(home, ids)


def test_reindex_waits_for_add_too(scratch):
    home = scratch / "archive"
    source = scratch / "a.jsonl"
    ids = write_jsonl(source, 1200)
    a = start(home, "add", "-q", str(source))
    assert wait_until(lambda: len(corpus_files(home)) >= 20)
    busy = newsarc(home, "reindex", "--wait", "0.3")
    assert_clean_failure(busy, 2)
    assert "archive busy" in busy.stderr
    assert finish(a)[0] == 0
    assert_clean_failure(newsarc(home, "reindex", "-q"), 0)
    assert_whole(home, ids)


def _search_until(home, stop: threading.Event, failures: list, counts: list) -> None:
    archive = Archive.open(home)
    while not stop.is_set():
        try:
            result = archive.search("تقرير", limit=3)
            counts.append(result.total)
            if result.hits:
                archive.get(result.hits[0].article.id)
            archive.stats()
        except QueryError as exc:  # pragma: no cover - the query is fine
            failures.append(exc)
        except Exception as exc:  # noqa: BLE001 - any failure is what this test looks for
            failures.append(exc)


def test_search_while_add_commits_and_reindex_swaps(scratch):
    """Readers take no lock: every search during add's commits and reindex's swaps works."""
    home = scratch / "archive"
    seed = scratch / "seed.jsonl"
    seed_ids = write_jsonl(seed, 10, start=70_000)
    assert newsarc(home, "add", "-q", str(seed)).returncode == 0
    source = scratch / "a.jsonl"
    ids = write_jsonl(source, 2100)  # a commit part-way, one at the end
    stop, failures, counts = threading.Event(), [], []
    searcher = threading.Thread(target=_search_until, args=(home, stop, failures, counts))
    searcher.start()
    try:
        a = start(home, "add", "-q", str(source))
        assert finish(a)[0] == 0
        for _ in range(2):
            assert newsarc(home, "reindex", "-q").returncode == 0
    finally:
        stop.set()
        searcher.join()
    assert not failures, failures[:3]
    assert len(counts) > 20
    assert counts == sorted(counts)  # never back to an older state
    assert counts[-1] == 2110
    assert_whole(home, seed_ids + ids)


def test_cli_search_in_another_process_during_add(scratch):
    home = scratch / "archive"
    seed = scratch / "seed.jsonl"
    write_jsonl(seed, 10, start=70_000)
    assert newsarc(home, "add", "-q", str(seed)).returncode == 0
    source = scratch / "a.jsonl"
    write_jsonl(source, 1000)
    a = start(home, "add", "-q", str(source))
    results = []
    while a.poll() is None:
        results.append(newsarc(home, "search", "تقرير", "--json", "-n", "1"))
    finish(a)
    assert results
    for result in results:
        assert_clean_failure(result, 0)
        assert json.loads(result.stdout)["rank"] == 1


def test_search_during_many_small_commits(scratch, monkeypatch):
    """A commit replaces the index's table of contents and deletes merged segments while
    readers open them: with a commit every 25 articles, every search still works."""
    import newsarc.ingest as archive_module

    monkeypatch.setattr(archive_module, "COMMIT_EVERY_ARTICLES", 25)
    home = scratch / "archive"
    seed = scratch / "seed.jsonl"
    write_jsonl(seed, 5, start=70_000)
    Archive.at(home).add([str(seed)])
    source = scratch / "a.jsonl"
    ids = write_jsonl(source, 1000)
    stop, failures, counts = threading.Event(), [], []
    searcher = threading.Thread(target=_search_until, args=(home, stop, failures, counts))
    searcher.start()
    try:
        report = Archive.at(home).add([str(source)])
    finally:
        stop.set()
        searcher.join()
    assert report.count("added") == 1000
    assert not failures, failures[:3]
    assert counts == sorted(counts) and len(counts) > 20
    assert sorted(corpus_ids(home)) == sorted(ids + [f"art-{n}" for n in range(70_000, 70_005)])
