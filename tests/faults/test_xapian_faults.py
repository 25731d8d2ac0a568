"""The README's promises on Xapian, for real: kill -9 and Ctrl-C during `add` and
`reindex`, on one local database and on three `xapian-tcpsrv` shards. The corpus is
written first and stays the truth; the index commits in windows; the same `add` again
(or `check --repair`) makes the archive whole."""

from __future__ import annotations

import json
import random
import re
import signal
import time

import pytest
from faultkit import (  # noqa: F401 (scratch is a fixture)
    assert_clean_failure,
    assert_whole,
    corpus_files,
    finish,
    kill,
    newsarc,
    scratch,
    start,
    wait_until,
    write_jsonl,
)

from newsarc.lock import writer_active
from xapian_servers import missing_xapian

pytestmark = [
    pytest.mark.faults,
    pytest.mark.skipif(missing_xapian() is not None, reason=missing_xapian() or ""),
]

ARTICLES = 2500  # one commit part-way (every 2,000 articles) and one at the end
EARLIER = 40


@pytest.fixture(params=["local", "shards"])
def xapian_archive(request, scratch):  # type: ignore[no-untyped-def]
    """An archive on Xapian (local, or on three real shards) holding EARLIER articles."""
    home = scratch / "archive"
    init = ["init", "--engine", "xapian"]
    if request.param == "shards":
        for server in request.getfixturevalue("xapian_shards"):
            init += ["--shard", server.address]
    assert_clean_failure(newsarc(home, *init), 0)
    earlier = scratch / "earlier.jsonl"
    earlier_ids = write_jsonl(earlier, EARLIER, start=900_000)
    assert_clean_failure(newsarc(home, "add", "-q", str(earlier)), 0)
    return home, earlier_ids


@pytest.mark.parametrize("seed", [0, 1])
def test_kill_9_during_add_then_the_same_add_again(scratch, xapian_archive, seed):  # type: ignore[no-untyped-def]
    home, earlier_ids = xapian_archive
    source = scratch / "articles.jsonl"
    ids = write_jsonl(source, ARTICLES)
    process = start(home, "add", "-q", str(source))
    target = EARLIER + random.Random(seed).randint(50, ARTICLES - 50)
    assert wait_until(lambda: len(corpus_files(home)) >= target or process.poll() is not None)
    kill(process)
    # its indexing process (a large add indexes in a child) dies with it: the lock is free
    assert wait_until(lambda: not writer_active(home), timeout=10)
    found = newsarc(home, "search", "تقرير", "--json", "-n", "3")
    assert_clean_failure(found, 0)
    stats = json.loads(newsarc(home, "stats", "--json").stdout)
    report = json.loads(newsarc(home, "check", "--json").stdout)
    assert report["articles_in_index"] == stats["articles"] >= EARLIER
    assert report["articles_in_corpus"] >= report["articles_in_index"]
    for problem in report["problems"]:
        assert "not in the index" in problem or "temporary file" in problem, problem
    assert_clean_failure(newsarc(home, "add", "-q", str(source)), 0)
    if report["problems"]:
        newsarc(home, "check", "--repair")
    assert_whole(home, earlier_ids + ids)


def test_ctrl_c_during_add_commits_what_is_done(scratch, xapian_archive):  # type: ignore[no-untyped-def]
    home, earlier_ids = xapian_archive
    source = scratch / "articles.jsonl"
    ids = write_jsonl(source, ARTICLES)
    process = start(home, "add", str(source))
    assert wait_until(lambda: len(corpus_files(home)) >= EARLIER + 300)
    process.send_signal(signal.SIGINT)
    code, _, stderr = finish(process)
    assert code == 130, stderr
    assert "Traceback" not in stderr
    saved = re.search(r"interrupted: the (\d+) articles? added before it are saved", stderr)
    assert saved, stderr
    check = json.loads(newsarc(home, "check", "--json").stdout)
    assert check["healthy"], check["problems"]
    assert check["articles_in_index"] == EARLIER + int(saved.group(1)) == len(corpus_files(home))
    assert_clean_failure(newsarc(home, "add", "-q", str(source)), 0)
    assert_whole(home, earlier_ids + ids)


def test_kill_9_during_a_reindex_to_xapian_leaves_the_old_index_working(scratch):  # type: ignore[no-untyped-def]
    home = scratch / "archive"
    source = scratch / "articles.jsonl"
    ids = write_jsonl(source, 1500)
    assert_clean_failure(newsarc(home, "add", "-q", str(source)), 0)  # a Whoosh archive
    before = newsarc(home, "stats", "--json").stdout
    process = start(home, "reindex", "--engine", "xapian")
    time.sleep(random.Random(7).uniform(0.3, 2.0))
    kill(process)
    assert wait_until(lambda: not writer_active(home), timeout=10)
    assert newsarc(home, "stats", "--json").stdout == before
    assert_clean_failure(newsarc(home, "search", "تقرير", "-n", "3"), 0)
    assert_clean_failure(newsarc(home, "check"), 0)
    assert_clean_failure(newsarc(home, "reindex", "-q", "--engine", "xapian"), 0)
    assert json.loads((home / "newsarc.json").read_text())["engine"] == "xapian"
    assert_whole(home, ids)


def test_a_second_writer_waits_then_says_busy(scratch, xapian_archive):  # type: ignore[no-untyped-def]
    home, _ = xapian_archive
    source = scratch / "articles.jsonl"
    write_jsonl(source, ARTICLES)
    first = start(home, "add", "-q", str(source))
    assert wait_until(lambda: len(corpus_files(home)) >= EARLIER + 20)
    second = newsarc(home, "add", "--wait", "0.5", str(source))
    assert second.returncode == 2 and "archive busy" in second.stderr, second.stderr
    assert finish(first)[0] == 0
