"""Walking the inputs of `add`: links out of a folder, loops, a linked index/, and a huge
input that holds no article yet.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
import time

import pytest

from conftest import ARTICLE_FOOTBALL, ARTICLE_SCHOOL, ARTICLE_TRADE
from newsarc.lock import writer_active

pytestmark = pytest.mark.faults


@pytest.fixture
def folder(tmp_path):
    """A folder of two articles with links out of it (a secret file, its parent folder)
    and a loop inside it."""
    inbox = tmp_path / "inbox"
    (inbox / "sub").mkdir(parents=True)
    (inbox / "trade.txt").write_text(ARTICLE_TRADE, encoding="utf-8")
    (inbox / "sub" / "school.txt").write_text(ARTICLE_SCHOOL, encoding="utf-8")
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "passwd.txt").write_text(ARTICLE_FOOTBALL, encoding="utf-8")
    (inbox / "passwd.txt").symlink_to(secret / "passwd.txt")
    (inbox / "up").symlink_to(tmp_path, target_is_directory=True)  # `loop -> ..`
    (inbox / "sub" / "back").symlink_to(inbox, target_is_directory=True)  # a loop inside
    (inbox / "school-again.txt").symlink_to(inbox / "sub" / "school.txt")  # inside: followed
    return inbox


def _added(result) -> list[str]:  # type: ignore[no-untyped-def]
    records = [json.loads(line) for line in result.stdout.splitlines()]
    return sorted(os.path.basename(r["path"]) for r in records if r["status"] == "added")


def test_links_out_of_an_input_folder_are_not_followed_and_said_once(run, folder):
    result = run("add", str(folder))
    assert result.exit_code == 0, result.output
    stats = json.loads(run("stats", "--json").stdout)
    assert stats["articles"] == 2  # trade and school, once: not the secret, not the parent
    lines = [line for line in result.stderr.splitlines() if "not followed" in line]
    assert (
        len(lines) == 1
        and "2 symbolic links leading out of the input folder not followed" in lines[0]
    ), result.stderr
    assert "passwd.txt" in lines[0] and "--follow" in lines[0]
    assert "1 symbolic link loop walked once" in lines[0] and "back" in lines[0]


def test_json_and_quiet_still_say_what_was_left_out(run, folder):
    result = run("add", str(folder), "--json")
    added = _added(result)  # the school article once, by whichever name came first
    assert len(added) == 2 and "trade.txt" in added and "passwd.txt" not in added
    assert "2 symbolic links leading out of the input folder not followed" in result.stderr


def test_follow_follows_them(run, folder):
    result = run("add", "--follow", str(folder), "--json")
    assert "passwd.txt" in _added(result)
    assert "not followed" not in result.stderr


def test_a_link_given_by_name_is_read(run, folder):
    assert run("add", str(folder / "passwd.txt")).exit_code == 0


def test_an_index_folder_that_is_a_link_is_kept_and_used(run, home, tmp_path, folder):
    assert run("add", str(folder / "trade.txt")).exit_code == 0
    elsewhere = tmp_path / "other-disk" / "index"
    shutil.move(home / "index", elsewhere)
    (home / "index").symlink_to(elsewhere, target_is_directory=True)
    assert run("add", str(folder / "sub" / "school.txt")).exit_code == 0
    assert (home / "index").is_symlink()
    assert run("reindex").exit_code == 0
    assert run("check", "--repair").exit_code == 0
    assert (home / "index").is_symlink() and os.readlink(home / "index") == str(elsewhere)
    assert json.loads(run("stats", "--json").stdout)["articles"] == 2
    assert (elsewhere / "CURRENT").is_file()


def test_a_dangling_index_link_is_an_error_not_replaced(run, home, tmp_path, folder):
    assert run("add", str(folder / "trade.txt")).exit_code == 0
    shutil.rmtree(home / "index")
    (home / "index").symlink_to(tmp_path / "unmounted" / "index", target_is_directory=True)
    result = run("add", str(folder / "sub" / "school.txt"))
    assert result.exit_code == 2
    assert "index" in result.stderr and "Traceback" not in result.stderr
    assert (home / "index").is_symlink()


def test_the_lock_waits_for_the_first_article(tmp_path, home):
    """A .jsonl.gz that inflates to millions of blank lines holds no article: while it is
    read, another writer gets the archive."""
    bomb = tmp_path / "bomb.jsonl.gz"
    with gzip.open(bomb, "wb", compresslevel=9) as out:
        block = b"\n" * (1 << 20)
        for _ in range(40):  # 40 million lines: ~20 s of reading, 10x the test's 1.5 s wait
            out.write(block)
        out.write(json.dumps({"id": "late", "text": ARTICLE_TRADE}).encode() + b"\n")
    command = [sys.executable, "-m", "newsarc", "--home", str(home)]
    subprocess.run([*command, "add", "-q", "-"], input=ARTICLE_SCHOOL.encode(), check=True)
    reading = subprocess.Popen(
        [*command, "add", "-q", str(bomb)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        time.sleep(1.5)
        assert reading.poll() is None, "the blank lines were read too fast to test"
        assert not writer_active(home)
        other = subprocess.run(
            [*command, "add", "-q", "--wait", "0", "-"],
            input=ARTICLE_FOOTBALL.encode(),
            capture_output=True,
        )
        assert other.returncode == 0, other.stderr
    finally:
        _, stderr = reading.communicate(timeout=300)
    assert reading.returncode == 0, stderr
    assert (
        json.loads(subprocess.run([*command, "stats", "--json"], capture_output=True).stdout)[
            "articles"
        ]
        == 3
    )
