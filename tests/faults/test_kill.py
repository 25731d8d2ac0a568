"""kill -9 and Ctrl-C in the middle of `add` and `reindex`, for real, in another process.

After a kill -9, `search` must work (old or new state), `check` must describe the state,
and running the same `add` again must leave every article present exactly once. After
Ctrl-C, `add` commits what it has done, says so and exits 130.

The kill point is random (seeded: the round number); NEWSARC_FAULT_ROUNDS=N tries N.
"""

from __future__ import annotations

import json
import random
import re
import signal
import time

import pytest
from faultkit import (  # noqa: F401 (scratch is a fixture)
    ROUNDS,
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
    write_text_files,
)

from newsarc.engine.whoosh_parallel import can_write_in_parallel

pytestmark = pytest.mark.faults
needs_parallel = pytest.mark.skipif(
    not can_write_in_parallel(), reason="no fork() here, or one core: adds index in one process"
)

ARTICLES = 2500  # one commit part-way (COMMIT_EVERY_ARTICLES) and one at the end
EARLIER = 40  # articles added and committed before the add that is killed


@pytest.fixture
def archive_with_history(scratch):
    """An archive holding EARLIER committed articles: the state a kill must never damage."""
    home = scratch / "archive"
    earlier = scratch / "earlier.jsonl"
    earlier_ids = write_jsonl(earlier, EARLIER, start=900_000)
    assert newsarc(home, "add", "-q", str(earlier)).returncode == 0
    return home, earlier_ids


def _kill_somewhere(process, home, rng: random.Random, floor: int, when: str = "any") -> str:
    """Kill after a random number of new corpus files (before or after the first commit,
    or anywhere), or after a random delay."""
    from newsarc.ingest import COMMIT_EVERY_ARTICLES

    first_commit = min(COMMIT_EVERY_ARTICLES, ARTICLES)
    if when != "any" or rng.random() < 0.7:
        low, high = {
            "before": (1, first_commit - 50),
            "after": (first_commit + 20, ARTICLES - 50),
        }.get(when, (1, ARTICLES - 50))
        target = floor + rng.randint(low, high)
        assert wait_until(lambda: len(corpus_files(home)) >= target or process.poll() is not None)
        where = f"after about {target - floor} corpus files"
    else:
        delay = rng.uniform(0.3, 4.0)
        time.sleep(delay)
        where = f"after {delay:.2f} s"
    kill(process)
    return where


@pytest.mark.parametrize("round_", range(ROUNDS))
@pytest.mark.parametrize("layout", ["jsonl", "files"])
def test_kill_9_during_add_then_the_same_add_again(scratch, archive_with_history, round_, layout):
    home, earlier_ids = archive_with_history
    rng = random.Random(f"{layout}-{round_}")
    if layout == "jsonl":
        source = scratch / "articles.jsonl"
        ids = write_jsonl(source, ARTICLES)
    else:
        source = scratch / "articles"
        write_text_files(source, ARTICLES)
        ids = None  # content-hash ids: known once added

    process = start(home, "add", "-q", str(source))
    # the short run covers both sides of the add's first commit; more rounds kill anywhere
    when = "any" if round_ else {"jsonl": "after", "files": "before"}[layout]
    where = _kill_somewhere(process, home, rng, floor=EARLIER, when=when)

    # search works on the state of the last commit: the earlier articles at least
    found = newsarc(home, "search", "تقرير", "--json", "-n", "3")
    assert_clean_failure(found, 0)
    assert len(found.stdout.splitlines()) == 3, where
    # show and stats too
    assert_clean_failure(newsarc(home, "show", earlier_ids[0]), 0)
    stats = json.loads(newsarc(home, "stats", "--json").stdout)
    assert EARLIER <= stats["articles"] <= EARLIER + ARTICLES
    # check describes the state: at most corpus files the index lacks, never the reverse
    check = newsarc(home, "check", "--json")
    assert_clean_failure(check, 0, 2)
    report = json.loads(check.stdout)
    assert report["articles_in_index"] == stats["articles"]
    assert report["articles_in_corpus"] >= report["articles_in_index"]
    for problem in report["problems"]:
        assert "not in the index" in problem or "temporary file" in problem, (problem, where)

    again = newsarc(home, "add", "--json", str(source))
    assert_clean_failure(again, 0)
    outcomes = [json.loads(line) for line in again.stdout.splitlines()]
    assert {o["status"] for o in outcomes} <= {"added", "duplicate"}
    assert len(outcomes) == ARTICLES
    if ids is None:
        ids = [o["id"] for o in outcomes]
    if report["problems"]:  # leftover temporary files are for --repair; articles were all re-added
        newsarc(home, "check", "--repair")
    assert_whole(home, earlier_ids + ids)


def test_kill_9_during_the_very_first_add(scratch):
    """No committed state at all yet: search finds nothing (or something), never crashes."""
    home = scratch / "archive"
    source = scratch / "articles.jsonl"
    ids = write_jsonl(source, ARTICLES)
    process = start(home, "add", "-q", str(source))
    assert wait_until(lambda: len(corpus_files(home)) >= 30)
    kill(process)
    assert_clean_failure(newsarc(home, "search", "تقرير"), 0, 1)
    assert_clean_failure(newsarc(home, "check"), 0, 2)
    assert_clean_failure(newsarc(home, "add", "-q", str(source)), 0)
    assert_whole(home, ids)


def test_check_repair_indexes_what_a_killed_add_left(scratch, archive_with_history):
    """The input may be gone after a crash: `check --repair` alone makes the archive whole."""
    home, _ = archive_with_history
    source = scratch / "articles.jsonl"
    write_jsonl(source, ARTICLES)
    process = start(home, "add", "-q", str(source))
    assert wait_until(lambda: len(corpus_files(home)) >= EARLIER + 300)
    kill(process)
    source.unlink()
    on_disk = sorted(p.stem for p in corpus_files(home))
    repaired = newsarc(home, "check", "--repair")
    assert_clean_failure(repaired, 0)
    assert_whole(home, on_disk)


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_kill_9_during_reindex_leaves_the_old_index_working(scratch, archive_with_history, round_):
    home, earlier_ids = archive_with_history
    source = scratch / "articles.jsonl"
    ids = write_jsonl(source, 1500)
    assert newsarc(home, "add", "-q", str(source)).returncode == 0
    before = newsarc(home, "stats", "--json").stdout
    rng = random.Random(round_)
    process = start(home, "reindex")
    time.sleep(rng.uniform(0.2, 3.0))
    kill(process)
    # the old index (or the new one, if the swap happened) answers, and knows every article
    found = newsarc(home, "search", "تقرير", "--json", "-n", "5")
    assert_clean_failure(found, 0)
    assert len(found.stdout.splitlines()) == 5
    assert newsarc(home, "stats", "--json").stdout == before
    assert_clean_failure(newsarc(home, "check"), 0)
    assert_clean_failure(newsarc(home, "reindex", "-q"), 0)
    assert [p.name for p in (home / "index").iterdir() if p.name != "CURRENT"] == [
        (home / "index" / "CURRENT").read_text().strip()
    ]
    assert_whole(home, earlier_ids + ids)


def test_ctrl_c_during_add_commits_what_is_done_and_says_so(scratch, archive_with_history):
    home, earlier_ids = archive_with_history
    source = scratch / "articles.jsonl"
    ids = write_jsonl(source, ARTICLES)
    process = start(home, "add", str(source))
    assert wait_until(lambda: len(corpus_files(home)) >= EARLIER + 300)
    process.send_signal(signal.SIGINT)
    code, _, stderr = finish(process)
    assert code == 130, stderr
    assert "Traceback" not in stderr
    message = stderr.strip().splitlines()[-1]
    saved = re.search(r"interrupted: the (\d+) articles? added before it (?:is|are) saved", message)
    assert saved, message
    # committed means committed: the index holds exactly the corpus, nothing half-done
    check = json.loads(newsarc(home, "check", "--json").stdout)
    assert check["healthy"], check["problems"]
    assert check["articles_in_index"] == EARLIER + int(saved.group(1)) == len(corpus_files(home))
    assert_clean_failure(newsarc(home, "add", "-q", str(source)), 0)
    assert_whole(home, earlier_ids + ids)


def test_ctrl_c_while_add_waits_for_stdin(scratch, archive_with_history):
    import subprocess

    home, earlier_ids = archive_with_history
    process = start(home, "add", "-", stdin=subprocess.PIPE)
    time.sleep(1.0)  # started, and blocked reading stdin
    process.send_signal(signal.SIGINT)
    code, _, stderr = finish(process, timeout=20)
    assert code == 130
    assert "interrupted: nothing was added" in stderr
    assert_whole(home, earlier_ids)


@needs_parallel
def test_kill_9_during_a_parallel_add(scratch, archive_with_history):
    """A large add indexes in child processes (newsarc.engine.whoosh_parallel): after kill -9 of the
    parent, the children end by themselves, the last commit answers, and adding again
    leaves every article exactly once."""
    home, earlier_ids = archive_with_history
    source, ids = _large_input(scratch)
    process, children = _start_parallel_add(home, source, "-q")
    assert wait_until(
        lambda: len(corpus_files(home)) >= EARLIER + 400 or process.poll() is not None
    )
    kill(process)
    assert wait_until(lambda: not any(_running(pid) for pid in children), timeout=10)
    assert_clean_failure(newsarc(home, "search", "تقرير"), 0)
    assert_clean_failure(newsarc(home, "check"), 0, 2)
    assert_clean_failure(newsarc(home, "add", "-q", str(source)), 0)
    assert_whole(home, earlier_ids + ids)


@needs_parallel
def test_ctrl_c_during_a_parallel_add_commits_what_is_done(scratch, archive_with_history):
    home, earlier_ids = archive_with_history
    source, ids = _large_input(scratch)
    process, _ = _start_parallel_add(home, source)
    assert wait_until(
        lambda: len(corpus_files(home)) >= EARLIER + 300 or process.poll() is not None
    )
    process.send_signal(signal.SIGINT)
    code, _, stderr = finish(process)
    assert code == 130, stderr
    assert "Traceback" not in stderr
    saved = re.search(
        r"interrupted: the (\d+) articles? added before it (?:is|are) saved",
        stderr.strip().splitlines()[-1],
    )
    assert saved, stderr
    check = json.loads(newsarc(home, "check", "--json").stdout)
    assert check["healthy"], check["problems"]
    assert check["articles_in_index"] == EARLIER + int(saved.group(1)) == len(corpus_files(home))
    assert_clean_failure(newsarc(home, "add", "-q", str(source)), 0)
    assert_whole(home, earlier_ids + ids)


def _large_input(scratch):  # type: ignore[no-untyped-def]
    """1,200 articles in JSON Lines, each record padded (an unknown key: ignored) so the
    input looks as large as real articles would: ~1,000 or more makes an add parallel."""
    source = scratch / "large.jsonl"
    ids = write_jsonl(source, 1200)
    records = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines()]
    source.write_text(
        "".join(
            json.dumps({**r, "padding": "x" * 2500}, ensure_ascii=False) + "\n" for r in records
        ),
        encoding="utf-8",
    )
    return source, ids


def _start_parallel_add(home, source, *options: str):  # type: ignore[no-untyped-def]
    """`add` started on `source`, once its indexing processes run: (process, their pids)."""
    process = start(home, "add", *options, str(source))
    assert wait_until(lambda: len(_children_of(process.pid)) >= 2 or process.poll() is not None)
    children = _children_of(process.pid)
    assert len(children) >= 2, "the add did not index in parallel"
    return process, children


def _children_of(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as handle:
            return [int(child) for child in handle.read().split()]
    except OSError:
        return []


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except OSError:
        return False
