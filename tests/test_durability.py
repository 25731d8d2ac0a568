"""Group commit of corpus files: an `add` writes each article's file without a flush of its
own and makes a whole commit window durable at once (fsio.sync_written), always before the
index commit that names those files."""

from __future__ import annotations

import ctypes
import errno
import json
import os
from pathlib import Path

import pytest

from newsarc import fsio, ingest
from newsarc.archive import Archive
from newsarc.engine.whoosh import WhooshTransaction


def _write_jsonl(path: Path, count: int, start: int = 0) -> list[str]:
    ids = [f"art{number:05d}" for number in range(start, start + count)]
    with path.open("w", encoding="utf-8") as out:
        for number, article_id in enumerate(ids, start):
            text = f"خبر رقم {number} عن المدرسة والمعلمين في مدينة رقم {number * 7}."
            record = {"id": article_id, "text": text, "source": "العرب", "date": "2020-01-02"}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return ids


def _corpus_files(home: Path) -> set[Path]:
    return {p for p in (home / "corpus").rglob("*.txt")}


@pytest.fixture
def events(monkeypatch):
    """What an `add` flushes and commits, in order."""
    happened: list[tuple[str, object]] = []
    real_sync, real_commit = fsio.sync_written, WhooshTransaction.commit

    def sync_written(top, files):
        files = list(files)
        happened.append(("sync", {Path(f) for f in files}))
        return real_sync(top, files)

    def commit(self, *, purge=False):
        happened.append(("commit", None))
        return real_commit(self, purge=purge)

    monkeypatch.setattr(ingest, "sync_written", sync_written)
    monkeypatch.setattr(WhooshTransaction, "commit", commit)
    return happened


def test_each_window_is_flushed_once_before_its_index_commit(tmp_path, monkeypatch, events):
    monkeypatch.setattr(ingest, "COMMIT_EVERY_ARTICLES", 10)
    monkeypatch.setattr(ingest, "PARALLEL_MIN_ARTICLES", 10**9)  # one process: 10 per window
    source = tmp_path / "a.jsonl"
    _write_jsonl(source, 25)
    home = tmp_path / "archive"
    report = Archive.at(home).add([str(source)])
    assert report.count("added") == 25
    kinds = [kind for kind, _ in events]
    assert kinds == ["sync", "commit"] * 3  # windows of 10, 10 and 5
    synced = [files for kind, files in events if kind == "sync"]
    assert [len(files) for files in synced] == [10, 10, 5]
    assert set().union(*synced) == _corpus_files(home)


def test_no_corpus_file_is_fsynced_one_by_one_where_syncfs_exists(tmp_path, monkeypatch):
    if fsio._syncfs() is None:
        pytest.skip("no syncfs(2) here: files are fsynced one by one (tested below)")
    fsynced: list[int] = []
    real_fsync = os.fsync

    def fsync(fd):
        fsynced.append(os.fstat(fd).st_ino)
        return real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    source = tmp_path / "a.jsonl"
    _write_jsonl(source, 30)
    home = tmp_path / "archive"
    assert Archive.at(home).add([str(source)]).count("added") == 30
    corpus_inodes = {p.stat().st_ino for p in _corpus_files(home)}
    assert len(corpus_inodes) == 30 and not corpus_inodes & set(fsynced)


def test_without_syncfs_every_file_and_folder_is_fsynced(tmp_path, monkeypatch):
    monkeypatch.setattr(fsio, "_SYNCFS", None)
    fsynced: set[int] = set()
    real_fsync = os.fsync

    def fsync(fd):
        fsynced.add(os.fstat(fd).st_ino)
        return real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    source = tmp_path / "a.jsonl"
    _write_jsonl(source, 12)
    home = tmp_path / "archive"
    assert Archive.at(home).add([str(source)]).count("added") == 12
    files = _corpus_files(home)
    folders = {p.parent for p in files} | {p.parent.parent for p in files} | {home / "corpus"}
    assert {p.stat().st_ino for p in files | folders} <= fsynced


def test_a_failed_flush_fails_the_add_cleanly_and_the_same_add_completes_it(
    tmp_path, monkeypatch, run, home
):
    if fsio._syncfs() is None:
        pytest.skip("no syncfs(2) here")

    def failing_syncfs(handle: int) -> int:
        ctypes.set_errno(errno.EIO)
        return -1

    source = tmp_path / "a.jsonl"
    ids = _write_jsonl(source, 8)
    monkeypatch.setattr(fsio, "_SYNCFS", failing_syncfs)
    result = run("add", str(source))
    assert result.exit_code == 2
    message = result.stderr.strip().splitlines()[-1]
    assert message.startswith("newsarc: cannot add to the archive: input/output error"), message
    assert "not yet in the index" in message
    monkeypatch.undo()
    # nothing was committed to the index, and every file stored is whole
    assert json.loads(run("check", "--json").stdout)["articles_in_index"] == 0
    assert run("add", "-q", str(source)).exit_code == 0
    check = json.loads(run("check", "--json").stdout)
    assert check["healthy"] and check["articles_in_index"] == len(ids)


def _path_of(home: Path, article_id: str) -> Path:
    return home / "corpus" / "العرب" / "2020" / f"{article_id}.txt"


@pytest.mark.parametrize("torn", [b"", b"\x00" * 300], ids=["empty", "zeros"])
def test_a_file_torn_by_a_power_cut_is_written_again(tmp_path, run, home, torn):
    """After a power cut, a file renamed into place whose window was never flushed may be
    empty or zeros, and its article is not in the index: the same `add` restores it."""
    first, whole = tmp_path / "first.jsonl", tmp_path / "all.jsonl"
    _write_jsonl(first, 2)
    ids = _write_jsonl(whole, 5)
    assert run("add", "-q", str(first)).exit_code == 0
    victim = _path_of(home, ids[3])
    victim.write_bytes(torn)  # the state the cut left
    check = run("check")
    assert check.exit_code == 2
    assert f"{ids[3]}.txt: empty (a power cut before its `add` committed" in check.output
    result = run("add", "-q", str(whole))
    assert result.exit_code == 0, result.stderr
    assert victim.read_text(encoding="utf-8").startswith(f"id: {ids[3]}\n")
    check = json.loads(run("check", "--json").stdout)
    assert check["healthy"] and check["articles_in_index"] == 5


def test_a_file_holding_text_is_never_overwritten(tmp_path, run, home):
    first, whole = tmp_path / "first.jsonl", tmp_path / "all.jsonl"
    _write_jsonl(first, 2)
    ids = _write_jsonl(whole, 4)
    assert run("add", "-q", str(first)).exit_code == 0
    victim = _path_of(home, ids[3])
    victim.write_text("id: something else\n\nنص آخر كتبه شخص بيده\n", encoding="utf-8")
    result = run("add", str(whole))
    assert result.exit_code == 2
    assert "already holds another article; not overwritten" in result.stderr
    assert victim.read_text(encoding="utf-8") == "id: something else\n\nنص آخر كتبه شخص بيده\n"
