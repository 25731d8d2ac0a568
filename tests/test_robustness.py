"""Deterministic checks of the crash-safety machinery, in-process and fast: the index
pointer, the writer lock, deferred Ctrl-C, periodic commits and check --repair. The real
faults (kill -9, full disks, damaged files) are in tests/faults/."""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import threading
import time
from pathlib import Path

import pytest

from conftest import ARTICLE_SCHOOL, ARTICLE_TRADE, SEED
from newsarc.archive import Archive
from newsarc.errors import ArchiveBusy, ArchiveError, Interrupted
from newsarc.lock import LOCK_FILE, writer_active, writer_lock


def _jsonl(path: Path, count: int, start: int = 0) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for number in range(start, start + count):
            out.write(
                json.dumps(
                    {
                        "id": f"n{number}",
                        "text": f"تقرير رقم {number} عن الأسواق والتجارة في المنطقة.",
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )
    return path


# -- the index pointer ----------------------------------------------------------------


def test_index_layout_pointer_and_one_index(run, home):
    assert run("add", str(SEED)).exit_code == 0
    for _ in range(3):
        assert run("reindex", "-q").exit_code == 0
    entries = sorted(p.name for p in (home / "index").iterdir())
    current = (home / "index" / "CURRENT").read_text().strip()
    assert entries == sorted(["CURRENT", current])  # old indexes are gone
    assert run("search", "الخلافة").exit_code == 0


def test_archive_from_before_the_pointer_is_read_then_migrated(run, home):
    """The foundation kept Whoosh's files directly in index/: still searchable, and the
    next reindex moves to the pointer layout without a moment with no index."""
    assert run("add", str(SEED)).exit_code == 0
    current = home / "index" / (home / "index" / "CURRENT").read_text().strip()
    for path in current.iterdir():
        shutil.move(str(path), home / "index" / path.name)
    current.rmdir()
    (home / "index" / "CURRENT").unlink()
    assert run("search", "الخلافة").exit_code == 0
    assert run("check").exit_code == 0
    assert run("add", "-", input=ARTICLE_TRADE.encode()).exit_code == 0  # writes the old layout
    assert run("reindex").exit_code == 0
    entries = sorted(p.name for p in (home / "index").iterdir())
    assert len(entries) == 2 and "CURRENT" in entries
    assert json.loads(run("stats", "--json").stdout)["articles"] == 2


def test_searcher_opened_before_a_swap_keeps_working(home, run):
    """POSIX keeps a deleted index's open files alive: a search in progress finishes."""
    assert run("add", str(SEED)).exit_code == 0
    archive = Archive.open(home)
    from newsarc.engine.directory import current_index_dir
    from newsarc.engine.whoosh_index import open_index

    ix = open_index(current_index_dir(home / "index"))
    with ix.searcher() as searcher:
        assert archive.reindex() == 1  # deletes the directory this searcher reads
        assert searcher.doc_count() == 1
        assert searcher.document(id=searcher.document()["id"])  # reads stored fields


def test_open_retries_when_a_commit_replaces_the_toc_meanwhile(home, run, monkeypatch):
    assert run("add", str(SEED)).exit_code == 0
    from whoosh import index as whoosh_index

    real_open_dir, calls = whoosh_index.open_dir, {"n": 0}

    def open_dir(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 1:  # what a commit in another process does to a reader in between
            raise FileNotFoundError(errno.ENOENT, "No such file or directory", "_articles_1.toc")
        return real_open_dir(*args, **kwargs)

    monkeypatch.setattr(whoosh_index, "open_dir", open_dir)
    assert run("search", "الخلافة").exit_code == 0
    assert calls["n"] == 2


def test_empty_archive_is_searched_without_writing(run, home):
    assert run("add", str(SEED)).exit_code == 0
    shutil.rmtree(home / "index")
    for path in (home / "corpus").rglob("*.txt"):
        path.unlink()
    before = sorted(p.name for p in home.iterdir())
    assert run("search", "الخلافة").exit_code == 1
    assert json.loads(run("stats", "--json").stdout)["articles"] == 0
    assert sorted(p.name for p in home.iterdir()) == before  # no index was created


# -- the writer lock -------------------------------------------------------------------


def test_lock_waits_then_reports_busy(tmp_path):
    root = tmp_path / "archive"
    root.mkdir()
    waits = []
    with writer_lock(root):
        assert writer_active(root)
        started = time.monotonic()
        with pytest.raises(ArchiveBusy, match="archive busy"):
            with writer_lock(root, timeout=0.3, on_wait=lambda: waits.append(1)):
                pass
        assert 0.3 <= time.monotonic() - started < 2
    assert waits == [1]
    assert not writer_active(root)


def test_lock_file_replaced_while_waiting_is_locked_afresh(tmp_path):
    """An `add` that created nothing removes its lock file: a waiting writer must not
    proceed on the removed file while a third locks the new one."""
    root = tmp_path / "archive"
    root.mkdir()
    got_it = threading.Event()
    release_b = threading.Event()

    def second_writer():
        with writer_lock(root, timeout=10):
            got_it.set()
            release_b.wait(10)

    with writer_lock(root):
        b = threading.Thread(target=second_writer)
        b.start()
        time.sleep(0.3)  # b is waiting on the old file
        (root / LOCK_FILE).unlink()
    assert got_it.wait(5)
    # b holds the lock on the file that is there now: a third writer must wait
    with pytest.raises(ArchiveBusy), writer_lock(root, timeout=0.3):
        pass
    release_b.set()
    b.join()


def test_add_into_an_unwritable_place(run, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run("add", str(SEED), home_dir=blocker / "archive")
    assert result.exit_code == 2
    assert (
        result.stderr.startswith("newsarc: cannot write to the archive")
        and "Traceback" not in result.output
    )


# -- Ctrl-C ---------------------------------------------------------------------------


def test_ctrl_c_between_articles_commits_what_is_done(run, home, tmp_path, monkeypatch):
    import newsarc.reader as reader_module

    real_read_inputs = reader_module.read_inputs

    def read_then_interrupt(paths, options, stdin=None):
        for number, item in enumerate(real_read_inputs(paths, options, stdin=stdin)):
            if number == 7:
                raise KeyboardInterrupt  # Ctrl-C while reading the 8th
            yield item

    monkeypatch.setattr(reader_module, "read_inputs", read_then_interrupt)
    result = run("add", str(_jsonl(tmp_path / "a.jsonl", 20)))
    assert result.exit_code == 130
    assert result.stderr.strip().splitlines()[-1] == (
        "newsarc: interrupted: the 7 articles added before it are saved;"
        " run the same command again to add the rest"
    )
    report = json.loads(run("check", "--json").stdout)
    assert report["healthy"] and report["articles_in_index"] == 7


def test_ctrl_c_inside_a_write_waits_for_the_article_to_be_indexed(home, tmp_path, monkeypatch):
    """A real SIGINT while a corpus file is being written: the article is finished (file
    and index entry), then the add stops and commits."""
    from newsarc.store import CorpusStore

    real_write, calls = CorpusStore.write, {"n": 0}

    def write(self, article, durable=True):
        calls["n"] += 1
        if calls["n"] == 4:
            os.kill(os.getpid(), signal.SIGINT)  # delivered now, in the middle of this write
        return real_write(self, article, durable)

    monkeypatch.setattr(CorpusStore, "write", write)
    with pytest.raises(Interrupted, match=r"the 4 articles added before it are saved"):
        Archive.at(home).add([str(_jsonl(tmp_path / "a.jsonl", 10))])
    report = Archive.open(home).check()
    assert report.healthy and report.articles_in_index == report.articles_in_corpus == 4
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # restored


def test_ctrl_c_with_nothing_added(home, tmp_path, monkeypatch):
    import newsarc.reader as reader_module

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt
        yield

    monkeypatch.setattr(reader_module, "read_inputs", interrupted)
    with pytest.raises(Interrupted, match="interrupted: nothing was added$"):
        Archive.at(home).add([str(SEED)])


# -- periodic commits -------------------------------------------------------------------


def test_a_long_add_commits_every_so_many_articles(home, tmp_path, monkeypatch):
    import newsarc.ingest as archive_module

    monkeypatch.setattr(archive_module, "COMMIT_EVERY_ARTICLES", 10)
    seen = []

    def on_outcome(outcome):
        # what a reader sees while the add runs: whole batches of 10
        seen.append(Archive.open(home).stats().articles)

    Archive.at(home).add([str(_jsonl(tmp_path / "a.jsonl", 35))], on_outcome=on_outcome)
    assert (seen[8], seen[9], seen[19], seen[34]) == (0, 10, 20, 30)
    assert Archive.open(home).stats().articles == 35


def test_failure_mid_add_names_what_is_saved(run, home, tmp_path, monkeypatch):
    from newsarc.store import CorpusStore

    real_write, calls = CorpusStore.write, {"n": 0}

    def write(self, article, durable=True):
        calls["n"] += 1
        if calls["n"] == 6:
            raise OSError(errno.EIO, os.strerror(errno.EIO), str(home / "corpus" / "x.txt"))
        return real_write(self, article, durable)

    monkeypatch.setattr(CorpusStore, "write", write)
    result = run("add", str(_jsonl(tmp_path / "a.jsonl", 10)))
    assert result.exit_code == 2
    [line] = [line for line in result.stderr.splitlines() if line.startswith("newsarc: cannot add")]
    assert "input/output error" in line and "the 5 articles added before it are saved" in line


# -- check and repair ---------------------------------------------------------------


def test_check_mentions_a_running_writer(run, home):
    assert run("add", str(SEED)).exit_code == 0
    stray = next((home / "corpus").rglob("*.txt"))
    (stray.parent / "handmade.txt").write_text(
        stray.read_text(encoding="utf-8").replace(f"id: {stray.stem}", "id: handmade", 1),
        encoding="utf-8",
    )
    with writer_lock(home):
        result = run("check")
    assert result.exit_code == 2
    assert "1 corpus file not in the index" in result.stderr
    assert "is running right now" in result.stderr
    repaired = run("check", "--repair")
    assert repaired.exit_code == 0 and "indexed 1 corpus file " in repaired.stderr


def test_repair_removes_temporary_files_and_leftover_indexes(run, home):
    assert run("add", str(SEED)).exit_code == 0
    folder = next((home / "corpus").rglob("*.txt")).parent
    (folder / ".tmp-abc123.txt").write_text("half an arti")
    (home / "index" / "ix-20000101000000-1-dead00").mkdir()  # a killed rebuild
    check = run("check")
    assert (
        check.exit_code == 2
        and ".tmp-abc123.txt: temporary file left by an interrupted write" in check.stderr
    )
    repaired = run("check", "--repair", "--json")
    assert repaired.exit_code == 0
    report = json.loads(repaired.stdout)
    assert report["healthy"]
    assert any(".tmp-abc123.txt" in done for done in report["repairs"])
    assert any("ix-20000101000000-1-dead00" in done for done in report["repairs"])
    assert not (folder / ".tmp-abc123.txt").exists()


def test_repair_rebuilds_an_index_of_another_version(run, home):
    assert run("add", str(SEED)).exit_code == 0
    current = home / "index" / (home / "index" / "CURRENT").read_text().strip()
    (current / "newsarc-index.json").write_text('{"schema": 0, "analyzer": "ar-0"}')
    repaired = run("check", "--repair")
    assert repaired.exit_code == 0
    assert "rebuilt the index from corpus/: 1 article" in repaired.stderr


def test_reindex_of_a_corpus_with_a_duplicate_id(run, home):
    assert run("add", str(SEED), "-", input=ARTICLE_SCHOOL.encode()).exit_code == 0
    original = next((home / "corpus").rglob("*.txt"))
    copy = original.parent.parent / "copy" / original.name
    copy.parent.mkdir()
    shutil.copy(original, copy)
    result = run("reindex")
    assert result.exit_code == 2
    assert f"its id {original.stem} is also in" in result.stderr
    assert "indexed 2 articles" in result.stderr


def test_archive_error_for_missing_home_is_unchanged(run, tmp_path):
    result = run("search", "x", home_dir=tmp_path / "nothing")
    assert result.exit_code == 2 and "no newsarc archive" in result.stderr
    with pytest.raises(ArchiveError):
        Archive.open(tmp_path / "nothing")


def test_a_bug_in_query_code_is_not_called_index_damage(run, home, monkeypatch, capsys):
    """A failure of newsarc's own code while it reads the index keeps its traceback and
    exits 2 (grep's "error"; Python's own 1 would say "nothing found"): it is never
    reported as a damaged index, whose advice (`reindex`, hours on a large archive) would
    not help."""
    import newsarc.query.parse

    assert run("add", "-q", "--source", "العرب", str(SEED)).exit_code == 0

    def broken(*args, **kwargs):
        raise TypeError("a bug")

    monkeypatch.setattr(newsarc.query.parse, "add_variants", broken)
    result = run("search", "الخلافة")
    assert result.exit_code == 2
    assert "reindex" not in result.stderr and "cannot be read" not in result.stderr
    assert "Traceback" in result.stderr and "TypeError: a bug" in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith(
        "newsarc: internal error (TypeError): a bug in newsarc"
    )


def test_an_engine_failure_while_searching_is_still_index_damage(run, home, monkeypatch):
    from newsarc.engine.whoosh import WhooshReader

    assert run("add", "-q", "--source", "العرب", str(SEED)).exit_code == 0

    def unreadable(self, *args, **kwargs):
        raise EOFError("segment file cut short")

    monkeypatch.setattr(WhooshReader, "search", unreadable)
    result = run("search", "الخلافة")
    assert result.exit_code == 2
    assert "cannot be read (EOFError: segment file cut short)" in result.stderr
    assert "run `newsarc reindex`" in result.stderr


def test_show_finds_an_article_whose_file_was_moved_by_hand(run, home):
    """`check` lists a corpus file moved within corpus/ (the index names its old place);
    until `check --repair` re-points the index, `show` reads it where it is now."""
    assert run("add", "-q", "--source", "العرب", str(SEED)).exit_code == 0
    article_id = json.loads(run("search", "الخلافة", "--json").stdout.splitlines()[0])["id"]
    [old] = list((home / "corpus").rglob(f"{article_id}.txt"))
    (home / "corpus" / "moved").mkdir()
    new = home / "corpus" / "moved" / old.name
    old.rename(new)
    shown = run("show", article_id)
    assert shown.exit_code == 0, shown.stderr
    assert f"corpus/moved/{article_id}.txt" in shown.stdout
    record = json.loads(run("show", article_id, "--json").stdout)
    assert record["path"] == f"corpus/moved/{article_id}.txt"
    assert record["text"] == Archive.open(str(home)).store.read(record["path"]).text
