"""SIGTERM and SIGHUP during `add` and `reindex` are taken as Ctrl-C is.

`kill PID` (a service manager stopping newsarc, a timeout) and a closed terminal
(SIGHUP) must not lose work or leave a mess: `add` commits what it added, says how many
and exits 128 + the signal's number (143, 129); `reindex` keeps the old index and says so.
"""

from __future__ import annotations

import json
import re
import signal

import pytest
from faultkit import (  # noqa: F401 (scratch is a fixture)
    assert_whole,
    corpus_files,
    finish,
    newsarc,
    scratch,
    start,
    wait_until,
    write_jsonl,
)
from test_kill import EARLIER, _children_of, _large_input, _start_parallel_add, archive_with_history  # noqa: F401

from newsarc.engine.procs import can_write_in_parallel

pytestmark = pytest.mark.faults

SIGNALS = [
    pytest.param(signal.SIGTERM, 143, id="SIGTERM"),
    pytest.param(signal.SIGHUP, 129, id="SIGHUP"),
]
SAVED = re.compile(r"stopped by (SIG\w+): the (\d+) articles? added before it (?:are|is) saved")


def _assert_said_and_saved(home, code: int, stderr: str, signum: int, expected: int) -> int:
    assert "Traceback" not in stderr, stderr
    assert code == expected, stderr
    message = stderr.strip().splitlines()[-1]
    said = SAVED.search(message)
    assert said and said.group(1) == signal.Signals(signum).name, message
    check = json.loads(newsarc(home, "check", "--json").stdout)
    assert check["healthy"], check["problems"]
    assert check["articles_in_index"] == EARLIER + int(said.group(2)) == len(corpus_files(home))
    return int(said.group(2))


@pytest.mark.parametrize(("signum", "expected"), SIGNALS)
def test_a_signal_during_add_commits_what_is_done(scratch, archive_with_history, signum, expected):
    home, earlier_ids = archive_with_history
    source = scratch / "articles.jsonl"
    ids = write_jsonl(source, 1500)
    process = start(home, "add", str(source))
    assert wait_until(
        lambda: len(corpus_files(home)) >= EARLIER + 200 or process.poll() is not None
    )
    process.send_signal(signum)
    code, _, stderr = finish(process)
    assert _assert_said_and_saved(home, code, stderr, signum, expected) >= 200
    assert newsarc(home, "add", "-q", str(source)).returncode == 0
    assert_whole(home, earlier_ids + ids)


@pytest.mark.skipif(
    not can_write_in_parallel(), reason="no fork() here, or one core: adds index in one process"
)
@pytest.mark.parametrize(("signum", "expected"), SIGNALS)
def test_a_signal_during_a_parallel_add_commits_what_is_done(
    scratch, archive_with_history, signum, expected
):
    home, earlier_ids = archive_with_history
    source, ids = _large_input(scratch)
    process, children = _start_parallel_add(home, source)
    assert wait_until(
        lambda: len(corpus_files(home)) >= EARLIER + 300 or process.poll() is not None
    )
    process.send_signal(signum)
    code, _, stderr = finish(process)
    _assert_said_and_saved(home, code, stderr, signum, expected)
    assert newsarc(home, "add", "-q", str(source)).returncode == 0
    assert_whole(home, earlier_ids + ids)


@pytest.mark.parametrize(("signum", "expected"), SIGNALS)
def test_a_signal_during_reindex_keeps_the_old_index(
    scratch, archive_with_history, signum, expected
):
    home, earlier_ids = archive_with_history
    source, ids = _large_input(scratch)
    assert newsarc(home, "add", "-q", str(source)).returncode == 0
    process = start(home, "reindex")
    assert wait_until(
        lambda: len(_children_of(process.pid)) >= 1 or process.poll() is not None, interval=0.005
    )  # at work
    process.send_signal(signum)
    code, _, stderr = finish(process)
    assert "Traceback" not in stderr, stderr
    assert code == expected, stderr
    assert f"stopped by {signal.Signals(signum).name}: the index was not changed" in stderr
    assert_whole(home, earlier_ids + ids)
