"""The installed `newsarc` executable, run as a user runs it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SEED, has_ansi

REPO = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.subprocess


def _executable() -> str:
    beside_python = Path(sys.executable).parent / "newsarc"
    found = str(beside_python) if beside_python.exists() else shutil.which("newsarc")
    if not found:
        pytest.skip("the newsarc executable is not installed (pip install -e .)")
    return found


def newsarc(
    *args: str,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    input: bytes | None = None,
):
    full_env = {k: v for k, v in os.environ.items() if k not in ("NEWSARC_HOME", "NO_COLOR")}
    full_env.update(env or {})
    return subprocess.run(
        [_executable(), *args], cwd=cwd, env=full_env, input=input, capture_output=True, timeout=120
    )


def test_version_and_help():
    result = newsarc("--version")
    assert result.returncode == 0 and b"newsarc" in result.stdout
    assert newsarc("--help").returncode == 0


def test_add_search_show_piped(tmp_path):
    home = str(tmp_path / "arc")
    added = newsarc("--home", home, "add", str(SEED), "--json")
    assert added.returncode == 0, added.stderr
    article_id = json.loads(added.stdout)["id"]
    found = newsarc("--home", home, "search", "الاسلامية")
    assert found.returncode == 0
    text = found.stdout.decode("utf-8")
    assert not has_ansi(text) and "الإسلامية" in text and article_id in text
    assert newsarc("--home", home, "search", "كمبيوتر").returncode == 1
    shown = newsarc("--home", home, "show", article_id, "--json")
    assert json.loads(shown.stdout)["source"] == "العرب"


def test_errors_are_one_line_exit_2(tmp_path):
    home = str(tmp_path / "arc")
    newsarc("--home", home, "add", str(SEED))
    for args in (["add", str(tmp_path / "missing.txt")], ["search", "(الباغوز"], ["show", "nope"]):
        result = newsarc("--home", home, *args)
        assert result.returncode == 2, args
        assert len(result.stderr.decode().strip().splitlines()) == 1, result.stderr
        assert b"Traceback" not in result.stderr


def test_stdin(tmp_path):
    home = str(tmp_path / "arc")
    result = newsarc("--home", home, "add", "-", "--source", "العرب", input=SEED.read_bytes())
    assert result.returncode == 0, result.stderr
    assert newsarc("--home", home, "search", "وسوريا").returncode == 0


def _run_in_pty(args: list[str], env: dict[str, str]) -> str:
    pty = pytest.importorskip("pty")
    import select

    full_env = {k: v for k, v in os.environ.items() if k not in ("NEWSARC_HOME", "NO_COLOR")}
    full_env.update(env)
    full_env["COLUMNS"] = "120"
    primary, secondary = pty.openpty()
    process = subprocess.Popen(
        [_executable(), *args], stdin=secondary, stdout=secondary, stderr=secondary, env=full_env
    )
    os.close(secondary)
    chunks = []
    while True:
        ready, _, _ = select.select([primary], [], [], 30)
        if not ready:
            break
        try:
            data = os.read(primary, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    process.wait(timeout=30)
    os.close(primary)
    return b"".join(chunks).decode("utf-8", "replace")


def test_terminal_gets_colour_and_no_color_keeps_highlight(tmp_path):
    home = str(tmp_path / "arc")
    newsarc("--home", home, "add", str(SEED))
    coloured = _run_in_pty(["--home", home, "search", "الاسلامية"], {"TERM": "xterm-256color"})
    assert "\x1b[1;33mالإسلامية" in coloured
    plain = _run_in_pty(
        ["--home", home, "search", "الاسلامية"], {"TERM": "xterm-256color", "NO_COLOR": "1"}
    )
    assert "\x1b[1;7mالإسلامية" in plain  # bold + reverse: visible without colour
    assert "\x1b[33" not in plain and "\x1b[36" not in plain


def test_the_repository_is_an_archive(tmp_path):
    """README quick start: `newsarc reindex && newsarc search الخلافة` from the repo root."""
    if not (REPO / "newsarc.json").is_file():
        pytest.skip("not running from a checkout")
    copy = tmp_path / "checkout"
    copy.mkdir()
    shutil.copy(REPO / "newsarc.json", copy)
    shutil.copytree(REPO / "corpus", copy / "corpus")
    assert newsarc("reindex", cwd=copy).returncode == 0
    result = newsarc("search", "الخلافة", cwd=copy)
    assert result.returncode == 0, result.stderr
    assert "الخلافة" in result.stdout.decode()
    assert newsarc("check", cwd=copy).returncode == 0


def test_progress_bar_on_a_terminal_only(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for number in range(25):
        (inbox / f"{number}.txt").write_text(
            f"خبر رقم {number} عن الاقتصاد في المنطقة العربية.\nتفاصيل {number}.", encoding="utf-8"
        )
    on_terminal = _run_in_pty(
        ["--home", str(tmp_path / "a"), "add", str(inbox)], {"TERM": "xterm-256color"}
    )
    assert "adding" in on_terminal and "added 25" in on_terminal
    piped = newsarc("--home", str(tmp_path / "b"), "add", str(inbox))
    assert b"adding" not in piped.stderr and b"added 25" in piped.stderr
    assert not has_ansi(piped.stderr.decode())


def test_read_only_commands_exit_fast_with_all_their_output(tmp_path):
    """search, stats, analyze and show leave through os._exit (newsarc.launch): everything
    they printed must still arrive, whatever its size, with grep's exit codes."""
    home = str(tmp_path / "arc")
    lines = [
        json.dumps(
            {"id": f"a{n}", "text": f"مقال رقم {n} عن الانتخابات البلدية في تونس. " * 20},
            ensure_ascii=False,
        )
        for n in range(300)
    ]
    long_text = "\n\n".join(f"الفقرة {n} من مقال طويل عن الانتخابات البلدية." for n in range(3000))
    lines.append(json.dumps({"id": "long", "text": long_text}, ensure_ascii=False))
    (tmp_path / "many.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert newsarc("--home", home, "add", "-q", str(tmp_path / "many.jsonl")).returncode == 0
    found = newsarc("--home", home, "search", "الانتخابات", "-n", "300", "--json")
    assert found.returncode == 0 and len(found.stdout) > 64 * 1024  # more than a pipe holds
    assert len([json.loads(line) for line in found.stdout.splitlines()]) == 300
    assert json.loads(newsarc(f"--home={home}", "stats", "--json").stdout)["articles"] == 301
    assert newsarc("--home", home, "search", "كمبيوتر").returncode == 1
    assert newsarc("--home", home, "search", "(الانتخابات").returncode == 2
    shown = newsarc("--home", home, "show", "long", "--highlight", "الانتخابات")
    assert shown.returncode == 0 and len(shown.stdout) > 64 * 1024
    assert shown.stdout.decode().endswith("الفقرة 2999 من مقال طويل عن الانتخابات البلدية.\n")
    assert newsarc("--home", home, "show", "no-such-id").returncode == 2


def test_which_commands_exit_fast():
    from newsarc.launch import FAST_EXIT_COMMANDS, command_of

    assert command_of(["search", "x"]) == "search"
    assert command_of(["--home", "/a", "stats"]) == "stats"
    assert command_of(["--home=/a", "analyze", "x"]) == "analyze"
    assert command_of(["--help"]) is None and command_of([]) is None
    assert command_of(["show", "x", "--no-pager"]) == "show"
    assert {"search", "stats", "analyze", "show"} <= FAST_EXIT_COMMANDS
    assert {"add", "reindex", "check"}.isdisjoint(FAST_EXIT_COMMANDS)
