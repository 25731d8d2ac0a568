"""Start-up: `--help` and `--version` answer without click, and say what click would say."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsarc._help import MAIN_HELP
from newsarc.launch import render_main_help

HEAVY = ("whoosh", "rich", "chardet", "dateutil", "hijridate")


def _python(code: str, *args: str, columns: int = 100) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": str(columns)}
    env.pop("NEWSARC_HOME", None)
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, env=env, timeout=60, check=False
    )


# Runs newsarc's entry point or click's, then reports which of these modules were imported.
_PROBE = """
import atexit, sys
names = ("click",) + {heavy!r}
atexit.register(
    lambda: sys.stderr.write("imported:" + ",".join(n for n in names if n in sys.modules))
)
sys.argv = ["newsarc", *sys.argv[1:]]
from newsarc.{module} import main
main()
"""


def _run(module: str, *args: str, columns: int = 100) -> tuple[str, set[str]]:
    result = _python(_PROBE.format(heavy=HEAVY, module=module), *args, columns=columns)
    assert result.returncode == 0, result.stderr
    imported = result.stderr.decode().rsplit("imported:", 1)[1]
    return result.stdout.decode("utf-8"), set(filter(None, imported.split(",")))


def test_stored_help_is_what_click_renders():
    assert MAIN_HELP == render_main_help(), (
        "newsarc/_help.py is out of date with the commands in cli.py: "
        "run `python -m newsarc.launch --write-help` and commit it"
    )


@pytest.mark.parametrize("args", [("--help",), ("-h",), ("--version",), ("-V",)])
def test_help_and_version_without_click(args):
    ours, imported = _run("launch", *args)
    theirs, _ = _run("cli", *args)
    assert ours == theirs
    assert imported == set()


def test_narrow_terminal_help_goes_through_click():
    ours, imported = _run("launch", "--help", columns=60)
    theirs, _ = _run("cli", "--help", columns=60)
    assert ours == theirs and "click" in imported


def test_command_help_imports_nothing_heavy():
    out, imported = _run("launch", "search", "--help")
    assert "Usage: newsarc search" in out
    assert imported == {"click"}


def test_the_executable_uses_the_launcher():
    executable = Path(sys.executable).parent / "newsarc"
    if not executable.exists():
        pytest.skip("the newsarc executable is not installed (pip install -e .)")
    installed_from = _installed_from()
    here = Path(__file__).resolve().parents[1]
    if installed_from is not None and installed_from != here:
        # The executable's script was written when another checkout was installed; it
        # follows this tree's pyproject.toml only after `pip install -e .` here.
        pytest.skip(f"the newsarc executable was installed from {installed_from}, not {here}")
    assert "newsarc.launch" in executable.read_text(encoding="utf-8", errors="replace")


def _installed_from() -> Path | None:
    """The source tree of an editable install of newsarc, if that is what is installed."""
    import json
    from importlib import metadata
    from urllib.parse import unquote, urlparse

    try:
        info = json.loads(metadata.distribution("newsarc").read_text("direct_url.json") or "null")
    except (metadata.PackageNotFoundError, ValueError):
        return None
    if not isinstance(info, dict) or not str(info.get("url", "")).startswith("file://"):
        return None
    return Path(unquote(urlparse(info["url"]).path)).resolve()
