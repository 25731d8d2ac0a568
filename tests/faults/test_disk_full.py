"""A disk that fills up in the middle of `add` or `reindex`.

For real on a small tmpfs where this machine lets the tests mount one (root, or a user
namespace); simulated (ENOSPC from the system calls newsarc makes) everywhere.
Either way: exit 2 with a clear message, everything committed before intact and
searchable, no half-written corpus file, and the next `add` after space is freed succeeds.
"""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import subprocess

import pytest
from faultkit import (
    assert_clean_failure,
    assert_whole,
    newsarc,
    temp_files,
    write_jsonl,
)

pytestmark = pytest.mark.faults


def _mount_tmpfs(where, size: str) -> str | None:
    """Mount a tmpfs of `size` at `where`; the reason it cannot be done, or None."""
    if not shutil.which("mount"):
        return "no mount command"
    try:
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
            capture_output=True,
            check=False,
            text=True,
            timeout=30,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        return str(exc)
    return (
        None if done.returncode == 0 else (done.stderr.strip() or f"mount exited {done.returncode}")
    )


@pytest.fixture
def small_disk(tmp_path):
    mountpoint = tmp_path / "small-disk"
    mountpoint.mkdir()
    reason = _mount_tmpfs(mountpoint, "2m")
    if reason:
        pytest.skip(
            f"cannot mount a small tmpfs here ({reason}); the simulated disk-full tests still run"
        )
    yield mountpoint
    subprocess.run(["umount", "-l", str(mountpoint)], capture_output=True, check=False)


def _grow(mountpoint, size: str) -> None:
    done = subprocess.run(
        ["mount", "-o", f"remount,size={size}", str(mountpoint)],
        capture_output=True,
        check=False,
        text=True,
    )
    assert done.returncode == 0, done.stderr


def test_real_disk_full_during_add(tmp_path, small_disk):
    home = small_disk / "archive"
    earlier = tmp_path / "earlier.jsonl"
    earlier_ids = write_jsonl(earlier, 20, start=900_000)
    assert newsarc(home, "add", "-q", str(earlier)).returncode == 0
    source = tmp_path / "many.jsonl"
    ids = write_jsonl(source, 3000)  # ~12 MB of corpus files on a 2 MB disk

    full = newsarc(home, "add", "-q", str(source))
    assert_clean_failure(full, 2)
    message = full.stderr.strip().splitlines()[-1]
    assert "disk full" in message and "No space left on device" in message, message
    assert "free some space" in message

    # what was committed before is intact and searchable
    found = newsarc(home, "search", "تقرير", "--json", "-n", "50")
    assert_clean_failure(found, 0)
    assert {json.loads(line)["id"] for line in found.stdout.splitlines()} >= set(earlier_ids)
    shown = newsarc(home, "show", earlier_ids[0], "--json")
    assert json.loads(shown.stdout)["id"] == earlier_ids[0]
    assert not temp_files(home)  # no half-written corpus file
    check = newsarc(home, "check", "--json")
    assert_clean_failure(check, 0, 2)
    for problem in json.loads(check.stdout)["problems"]:
        assert "not in the index" in problem, problem

    _grow(small_disk, "64m")
    again = newsarc(home, "add", "-q", str(source))
    assert_clean_failure(again, 0)
    assert_whole(home, earlier_ids + ids)


def test_real_disk_full_during_reindex_keeps_the_old_index(tmp_path, small_disk):
    home = small_disk / "archive"
    source = tmp_path / "some.jsonl"
    ids = write_jsonl(source, 150)
    assert newsarc(home, "add", "-q", str(source)).returncode == 0
    # fill the disk with something else
    filler = small_disk / "filler"
    with open(filler, "wb") as out:
        try:
            while True:
                out.write(b"\0" * 65536)
                out.flush()
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
    failed = newsarc(home, "reindex")
    assert_clean_failure(failed, 2)
    assert "disk full" in failed.stderr and "old index is unchanged" in failed.stderr
    assert_clean_failure(newsarc(home, "search", "تقرير", "-n", "1"), 0)
    filler.unlink()
    assert_clean_failure(newsarc(home, "reindex", "-q"), 0)
    assert_whole(home, ids)


# -- simulated: always runs ------------------------------------------------------


@pytest.fixture
def enospc_on_corpus_write(monkeypatch):
    """Make writing the n-th corpus file fail as a full disk does. (Corpus files are no
    longer fsynced one by one, so a full disk shows when they are written, or when their
    window is flushed: test_durability.py.)"""
    import newsarc.store

    real_write = newsarc.store.atomic_write
    state = {"calls": 0, "fail_at": None}

    def atomic_write(target, payload, *, durable=True):
        state["calls"] += 1
        if state["fail_at"] is not None and state["calls"] >= state["fail_at"]:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(target, payload, durable=durable)

    monkeypatch.setattr(newsarc.store, "atomic_write", atomic_write)

    def arm(at: int | None) -> None:
        state["calls"], state["fail_at"] = 0, at

    return arm


def _ids_in_corpus(home):
    from faultkit import corpus_ids

    return corpus_ids(home)


def test_simulated_enospc_writing_a_corpus_file(run, home, tmp_path, enospc_on_corpus_write):
    source = tmp_path / "a.jsonl"
    ids = write_jsonl(source, 100)
    enospc_on_corpus_write(30)  # the 30th article's file cannot be written
    result = run("add", str(source))
    assert result.exit_code == 2
    message = result.stderr.strip().splitlines()[-1]
    assert message.startswith(
        "newsarc: cannot add to the archive: disk full (No space left on device)"
    )
    saved = int(
        re.search(r"the (\d+) articles? added before it (?:is|are) saved", message).group(1)
    )
    assert saved == 29
    assert not temp_files(home)
    check = json.loads(run("check", "--json").stdout)
    assert check["healthy"] and check["articles_in_index"] == saved  # committed what was done
    enospc_on_corpus_write(None)
    assert run("add", str(source)).exit_code == 0
    assert sorted(_ids_in_corpus(home)) == sorted(ids)
    assert json.loads(run("check", "--json").stdout)["articles_in_index"] == 100


def test_simulated_enospc_in_the_index_commit(run, home, tmp_path, monkeypatch):
    from whoosh.writing import SegmentWriter

    source = tmp_path / "a.jsonl"
    ids = write_jsonl(source, 40)
    earlier = tmp_path / "earlier.jsonl"
    earlier_ids = write_jsonl(earlier, 5, start=900_000)
    assert run("add", str(earlier)).exit_code == 0

    def full_commit(self, *args, **kwargs):
        self.cancel()  # what Whoosh leaves when its segment cannot be written
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(SegmentWriter, "commit", full_commit)
    result = run("add", str(source))
    assert result.exit_code == 2
    message = result.stderr.strip().splitlines()[-1]
    assert "disk full" in message and "not yet in the index" in message, message
    monkeypatch.undo()
    # the index is at its last commit; check finds the corpus files it lacks
    assert json.loads(run("stats", "--json").stdout)["articles"] == 5
    check = run("check")
    assert check.exit_code == 2 and "40 corpus files not in the index" in check.stderr
    assert run("add", str(source)).exit_code == 0
    assert sorted(_ids_in_corpus(home)) == sorted(earlier_ids + ids)
    assert json.loads(run("check", "--json").stdout)["healthy"]


def test_simulated_enospc_while_indexing_an_article(run, home, tmp_path, monkeypatch):
    """A failure inside the index writer: its pending documents are not committed."""
    from whoosh.writing import SegmentWriter

    source = tmp_path / "a.jsonl"
    ids = write_jsonl(source, 30)
    real_add = SegmentWriter.add_document
    calls = {"n": 0}

    def add_document(self, **fields):
        calls["n"] += 1
        if calls["n"] == 20:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_add(self, **fields)

    monkeypatch.setattr(SegmentWriter, "add_document", add_document)
    result = run("add", str(source))
    assert result.exit_code == 2 and "disk full" in result.stderr
    monkeypatch.undo()
    assert run("search", "تقرير").exit_code in (0, 1)
    assert run("add", str(source)).exit_code == 0
    assert sorted(_ids_in_corpus(home)) == sorted(ids)
    assert json.loads(run("check", "--json").stdout)["healthy"]


def test_simulated_enospc_during_reindex(run, home, tmp_path, monkeypatch):
    from whoosh.writing import SegmentWriter

    source = tmp_path / "a.jsonl"
    write_jsonl(source, 10)
    assert run("add", str(source)).exit_code == 0
    index_before = (home / "index" / "CURRENT").read_text()

    def full_commit(self, *args, **kwargs):
        self.cancel()
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(SegmentWriter, "commit", full_commit)
    result = run("reindex")
    assert result.exit_code == 2
    assert "disk full" in result.stderr and "the old index is unchanged" in result.stderr
    monkeypatch.undo()
    assert (home / "index" / "CURRENT").read_text() == index_before
    assert sorted(p.name for p in (home / "index").iterdir()) == ["CURRENT", index_before.strip()]
    assert run("search", "تقرير", "--json").exit_code == 0
    assert json.loads(run("check", "--json").stdout)["healthy"]
