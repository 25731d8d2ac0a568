"""An archive newsarc may read but not write: a read-only mount (a backup) or files owned
by someone else. search, show, stats and check work; add, reindex and check --repair fail
with one clear line.

Root ignores permission bits, so the permission test drops to `nobody` with setpriv, and
the mount test uses a read-only bind mount; each skips with the reason where this machine
does not allow it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from faultkit import newsarc, write_jsonl

from conftest import SEED, tree_snapshot

pytestmark = pytest.mark.faults


def _fill(home: Path, tmp: Path) -> str:
    source = tmp / "a.jsonl"
    write_jsonl(source, 20)
    assert newsarc(home, "add", "-q", str(source), str(SEED)).returncode == 0
    return "art-3"


@pytest.fixture
def read_only_mount(tmp_path):
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("a read-only bind mount needs root and mount(8)")
    source, view = tmp_path / "archive", tmp_path / "backup"
    view.mkdir()
    article_id = _fill(source, tmp_path)
    done = subprocess.run(
        ["mount", "--bind", str(source), str(view)], capture_output=True, check=False, text=True
    )
    if done.returncode:
        pytest.skip(f"cannot bind-mount here: {done.stderr.strip()}")
    try:
        done = subprocess.run(
            ["mount", "-o", "remount,bind,ro", str(view)],
            capture_output=True,
            check=False,
            text=True,
        )
        if done.returncode:
            pytest.skip(f"cannot remount read-only here: {done.stderr.strip()}")
        yield view, article_id
    finally:
        subprocess.run(["umount", "-l", str(view)], capture_output=True, check=False)


def test_read_only_mount(run, read_only_mount, tmp_path):
    view, article_id = read_only_mount
    before = tree_snapshot(view)
    assert run("search", "تقرير", "--json", home_dir=view).exit_code == 0
    assert json.loads(run("show", article_id, "--json", home_dir=view).stdout)["id"] == article_id
    assert json.loads(run("stats", "--json", home_dir=view).stdout)["articles"] == 21
    assert run("check", home_dir=view).exit_code == 0
    extra = tmp_path / "extra.txt"
    extra.write_text("مقال إضافي عن الطقس في دمشق وحلب.\nتفاصيل.", encoding="utf-8")
    for command in (["add", str(extra)], ["reindex"], ["check", "--repair"]):
        result = run(*command, home_dir=view)
        assert result.exit_code == 2, command
        [line] = result.stderr.strip().splitlines()
        assert "read-only file system" in line and "can be searched but not changed" in line, line
    assert tree_snapshot(view) == before


@pytest.fixture
def archive_of_someone_else():
    """An archive owned by root, mode 0755/0644, used by `nobody`."""
    if os.geteuid() != 0 or not shutil.which("setpriv"):
        pytest.skip("dropping privileges needs root and setpriv(1)")
    probe = subprocess.run(
        [
            "setpriv",
            "--reuid=nobody",
            "--regid=nogroup",
            "--clear-groups",
            sys.executable,
            "-c",
            "import newsarc",
        ],
        capture_output=True,
        check=False,
        text=True,
        cwd="/",
    )
    if probe.returncode:
        pytest.skip(f"nobody cannot run this newsarc: {probe.stderr.strip()[-200:]}")
    top = Path(tempfile.mkdtemp(prefix="newsarc-ro-"))
    try:
        top.chmod(0o755)
        home = top / "archive"
        article_id = _fill(home, top)
        yield home, article_id
    finally:
        shutil.rmtree(top, ignore_errors=True)


def _as_nobody(home: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSARC")}
    env.update(HOME="/nonexistent", XDG_DATA_HOME="/nonexistent", PYTHONDONTWRITEBYTECODE="1")
    return subprocess.run(
        [
            "setpriv",
            "--reuid=nobody",
            "--regid=nogroup",
            "--clear-groups",
            sys.executable,
            "-m",
            "newsarc",
            "--home",
            str(home),
            *args,
        ],
        capture_output=True,
        check=False,
        text=True,
        cwd="/",
        env=env,
        timeout=60,
    )


def test_archive_owned_by_another_user(archive_of_someone_else):
    home, article_id = archive_of_someone_else
    before = tree_snapshot(home)
    found = _as_nobody(home, "search", "تقرير", "--json")
    assert found.returncode == 0, found.stderr  # corpus files are readable: 0644, not 0600
    assert json.loads(_as_nobody(home, "show", article_id, "--json").stdout)["id"] == article_id
    assert json.loads(_as_nobody(home, "stats", "--json").stdout)["articles"] == 21
    assert _as_nobody(home, "check").returncode == 0
    for command in (["add", str(SEED)], ["reindex"], ["check", "--repair"]):
        result = _as_nobody(home, *command)
        assert result.returncode == 2, (command, result.stderr)
        assert "Traceback" not in result.stderr
        [line] = result.stderr.strip().splitlines()
        assert "permission denied" in line.lower(), line
    assert tree_snapshot(home) == before
