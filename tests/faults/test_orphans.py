"""A killed writer's indexing processes leave with it, and its lock with them.

A large `add` and `reindex` index in child processes (newsarc.engine.whoosh_parallel).
After kill -9 of the parent — while it reads, while it commits — every child is gone
within 2 s and the writer lock is free: the next writer does not wait for an orphan to
notice.

The children are stopped (SIGSTOP) while work queues up for them, as when they lag behind
on a large archive, and continued after the kill: a child that only noticed its parent's
death when the queue ran dry went on for seconds (4.2 s here; 10-69 s on ANT).
"""

from __future__ import annotations

import json
import os
import signal
import time

import pytest
from faultkit import (  # noqa: F401 (scratch is a fixture)
    article_text,
    assert_clean_failure,
    corpus_files,
    kill,
    newsarc,
    scratch,
    start,
    wait_until,
)
from test_kill import EARLIER, _children_of, _running, _start_parallel_add, archive_with_history  # noqa: F401

from newsarc.engine.procs import can_write_in_parallel
from newsarc.lock import writer_active

pytestmark = [
    pytest.mark.faults,
    pytest.mark.skipif(
        not can_write_in_parallel(), reason="no fork() here, or one core: no indexing processes"
    ),
]

GRACE_SECONDS = 2.0


def _heavy_input(scratch, articles: int, parts: int):  # type: ignore[no-untyped-def]
    """Long articles (`parts` synthetic texts each, ~40 words a part): a queued job of
    100 of them keeps a child busy for seconds."""
    source = scratch / "heavy.jsonl"
    ids = [f"heavy-{number}" for number in range(articles)]
    with source.open("w", encoding="utf-8") as out:
        for number, article_id in enumerate(ids):
            text = " ".join(article_text(number, seed=part) for part in range(parts))
            out.write(
                json.dumps({"id": article_id, "text": text, "source": "المصدر"}, ensure_ascii=False)
                + "\n"
            )
    return source, ids


def _stop(children: list[int]) -> None:
    for child in children:
        os.kill(child, signal.SIGSTOP)


def _kill_then_continue(process, children: list[int]) -> float:
    """kill -9 the parent while its children are stopped, then let them go on: when."""
    time.sleep(0.5)  # the parent at rest: blocked on a full queue, or waiting to commit
    process.kill()
    process.wait()
    killed = time.monotonic()
    process.stdout.close()  # (not read: the children hold its other end)
    process.stderr.close()
    for child in children:
        try:
            os.kill(child, signal.SIGCONT)
        except ProcessLookupError:
            pass
    return killed


def _assert_orphans_leave(home, children: list[int], killed: float) -> None:
    assert wait_until(
        lambda: not any(_running(pid) for pid in children), timeout=GRACE_SECONDS + 30
    )
    gone_after = time.monotonic() - killed
    assert gone_after < GRACE_SECONDS, (
        f"the indexing processes lived {gone_after:.1f} s after their parent"
    )
    # Free within the same grace (once seen still held for an instant after the last
    # process was gone, on a machine at load 5).
    assert wait_until(lambda: not writer_active(home), timeout=GRACE_SECONDS)


@pytest.mark.parametrize("when", ["reading", "committing"])
def test_kill_9_of_a_parallel_add(scratch, archive_with_history, when):
    home, _ = archive_with_history
    source, ids = _heavy_input(scratch, 300, 250)  # large enough to index in parallel
    process, children = _start_parallel_add(home, source, "-q")
    _stop(children)
    # Work queues up for them; a parallel add commits at the end: once every corpus file
    # is written, it is committing.
    floor = EARLIER + (len(ids) if when == "committing" else 250)
    assert wait_until(lambda: len(corpus_files(home)) >= floor or process.poll() is not None)
    assert process.poll() is None, "the add finished before the kill"
    _assert_orphans_leave(home, children, _kill_then_continue(process, children))
    assert_clean_failure(newsarc(home, "add", "-q", "--wait", "0", str(source)), 0)


def test_kill_9_of_a_parallel_reindex(scratch, archive_with_history):
    home, _ = archive_with_history
    source, _ = _heavy_input(scratch, 1000, 60)  # a reindex of 1,000 or more is parallel
    assert newsarc(home, "add", "-q", str(source)).returncode == 0
    process = start(home, "reindex")
    assert wait_until(lambda: len(_children_of(process.pid)) >= 2 or process.poll() is not None)
    children = _children_of(process.pid)
    assert len(children) >= 2, "the reindex did not index in parallel"
    _stop(children)
    time.sleep(1.5)  # work queues up for them
    _assert_orphans_leave(home, children, _kill_then_continue(process, children))
    assert_clean_failure(newsarc(home, "reindex", "--wait", "0"), 0)
