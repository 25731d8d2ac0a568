"""Small archives of short texts written for a test, built and searched through the CLI on
one engine (tests/test_clitic_matching.py, tests/test_root_waw.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from newsarc.cli import cli
from xapian_servers import missing_xapian

ENGINES = ["whoosh", "xapian"]


def invoke(home: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--home", str(home), *args], catch_exceptions=False)
    return result.exit_code, result.stdout


def texts_archive(tmp_path_factory, engine: str, texts: dict[str, str], name: str) -> Path:  # type: ignore[no-untyped-def]
    """An archive on `engine` holding each of `texts` as a file of its own."""
    if engine == "xapian" and missing_xapian():
        pytest.skip(missing_xapian())
    folder = tmp_path_factory.mktemp("texts")
    for key, text in texts.items():
        (folder / f"{key}.txt").write_text(text, encoding="utf-8")
    home = tmp_path_factory.mktemp(f"{name}-{engine}") / "archive"
    assert invoke(home, "init", "--engine", engine)[0] == 0
    assert invoke(home, "add", "-q", str(folder))[0] == 0
    return home


def texts_archive_fixture(texts: dict[str, str], name: str):  # type: ignore[no-untyped-def]
    """A module-scoped fixture: `texts_archive` of `texts` on each engine in turn."""

    @pytest.fixture(scope="module", params=ENGINES)
    def home(request, tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
        return texts_archive(tmp_path_factory, request.param, texts, name)

    return home


def found_texts(home: Path, texts: dict[str, str], query: str) -> set[str]:
    """The names (keys of `texts`) of the articles `search QUERY --output paths` lists."""
    code, out = invoke(home, "search", query, "--output", "paths")
    assert code in (0, 1)
    by_text = {text: name for name, text in texts.items()}
    names = set()
    for line in out.split():
        body = Path(line).read_text(encoding="utf-8").split("\n\n", 1)[1].strip()
        names.add(by_text[body])
    return names
