"""Every example in the help of the commands that read an archive runs as written in the
sample archive this repository is (newsarc.json, corpus/العرب/…: one al-Arab article)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest

from newsarc.cli import cli

REPO = Path(__file__).resolve().parent.parent
COMMANDS = ["", "search", "show", "stats", "check", "reindex", "analyze"]


def _examples(command: str) -> list[str]:
    # With the group's settings (-h too): click keeps the help option of the first context.
    context = click.Context(cli, info_name="newsarc", **cli.context_settings)
    if command:
        context = click.Context(cli.commands[command], parent=context, info_name=command)
    text = context.command.get_help(context)
    block = text.split("Example", 1)[1] if "Example" in text else ""
    lines = [line.strip() for line in block.splitlines()]
    return [
        line
        for line in lines
        if line.startswith("newsarc ") and not line.startswith("newsarc add ")
    ]


EXAMPLES = [
    (command or "newsarc", example) for command in COMMANDS for example in _examples(command)
]


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    root = tmp_path_factory.mktemp("sample")
    shutil.copy(REPO / "newsarc.json", root)
    shutil.copytree(REPO / "corpus", root / "corpus")
    return root


def test_there_are_examples():
    assert len(EXAMPLES) >= 15 and any("show" in example for _, example in EXAMPLES)


@pytest.mark.subprocess
@pytest.mark.parametrize(
    ("command", "example"), EXAMPLES, ids=[f"{c}:{i}" for i, (c, _) in enumerate(EXAMPLES)]
)
def test_example_runs_as_written(sample, command, example):
    if "jq" in example and shutil.which("jq") is None:
        pytest.skip("jq is not installed")
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "NO_COLOR": "1",
    }
    env.pop("NEWSARC_HOME", None)
    subprocess.run(["newsarc", "reindex", "-q"], cwd=sample, env=env, check=True)
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", example],
        cwd=sample,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    allowed = (0, 1) if re.match(r"newsarc search\b", example) else (0,)
    assert done.returncode in allowed, (example, done.stdout[-500:], done.stderr[-500:])
    assert "no article" not in done.stderr and "Error" not in done.stderr, done.stderr
