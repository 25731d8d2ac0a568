"""The engine contract: the same archive behaves the same on Whoosh, on Xapian in one local
database and on Xapian over three real `xapian-tcpsrv --writable` shards — the same
articles match, and every screen, --json document and exit code is the same (scores
aside: the engines weigh differently, README "Engines")."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsarc.cli import cli
from xapian_servers import ShardServer, missing_xapian

FIXTURES = Path(__file__).parent / "fixtures"
ENGINES = ["whoosh", "xapian", "xapian-shards"]

# Words, phrases, fields, wildcards, dates, operators, variants, filters only.
QUERIES = [
    "الخلافة",
    "الاسلامية",
    "بالخلافة",
    "داعش OR الخلافة",
    '"دولة الخلافة"',
    "الباغوز*",
    "ال*ة",
    "date:2017",
    "تونس date:2017-01..2018-12",
    "سوريا NOT العراق",
    "NOT العراق تونس",
    "source:العرب",
    "source:jawhara-fm",
    "title:ترامب",
    "place:بيروت",
    "(تونس OR الجزائر) date:2017..",
    "ترامب ANDMAYBE سوريا",
    "*",
]


def invoke(home: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["--home", str(home), *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def inbox(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("contract-inbox")
    for path in FIXTURES.rglob("*"):
        if path.is_file() and path.name != "broken.trec" and path.parent.name != "schema4_archive":
            if "schema4_archive" in path.parts:
                continue
            shutil.copy(path, folder / f"{path.parent.name}-{path.name}")
    return folder


@pytest.fixture(scope="module")
def module_shards(tmp_path_factory):  # type: ignore[no-untyped-def]
    if missing_xapian():
        yield None
        return
    base = tmp_path_factory.mktemp("contract-shards")
    servers = [ShardServer(base / f"shard-{number}") for number in range(3)]
    try:
        for server in servers:
            server.start()
        yield servers
    finally:
        for server in servers:
            server.stop()


@pytest.fixture(scope="module")
def archives(inbox, module_shards, tmp_path_factory) -> dict[str, Path]:  # type: ignore[no-untyped-def]
    """One archive per engine, each holding every fixture article."""
    made = {}
    for engine in ENGINES:
        if engine != "whoosh" and missing_xapian():
            continue
        home = tmp_path_factory.mktemp(f"contract-{engine}") / "archive"
        init = ["init", "--engine", engine.partition("-")[0]]
        if engine == "xapian-shards":
            for server in module_shards:
                init += ["--shard", server.address]
        code, _, err = invoke(home, *init)
        assert code == 0, err
        code, _, err = invoke(home, "add", "-q", str(inbox))
        assert code in (0, 2), err  # 2: the fixtures hold deliberately bad files
        made[engine] = home
    return made


def other_engines(archives):  # type: ignore[no-untyped-def]
    engines = [engine for engine in ENGINES[1:] if engine in archives]
    if not engines:
        pytest.skip(missing_xapian() or "no Xapian archive")
    return engines


def test_the_archives_hold_the_same_articles(archives):  # type: ignore[no-untyped-def]
    counts = {
        engine: json.loads(invoke(home, "stats", "--json")[1]) for engine, home in archives.items()
    }
    assert counts["whoosh"]["articles"] >= 10
    for engine in other_engines(archives):
        assert counts[engine] == counts["whoosh"]


@pytest.mark.parametrize("query", QUERIES)
def test_a_query_matches_the_same_articles_on_every_engine(archives, query):  # type: ignore[no-untyped-def]
    def ids(home: Path) -> tuple[int, list[str]]:
        code, out, _ = invoke(home, "search", query, "--output", "ids")
        return code, sorted(out.split())

    expected = ids(archives["whoosh"])
    for engine in other_engines(archives):
        assert ids(archives[engine]) == expected, engine


def _without_scores(out: str) -> list[dict]:
    lines = [json.loads(line) for line in out.splitlines() if line.strip()]
    for line in lines:
        line.pop("score", None)
        line.pop("seconds", None)
    return lines


@pytest.mark.parametrize(
    "args",
    [
        # Articles of the same day come in the order each engine holds them: dated ones only.
        ["search", "--since", "2000", "--sort", "newest"],
        ["search", "--since", "2000", "--sort", "oldest", "--json"],
        ["search", "date:2017", "--json"],
        ["search", "source:jawhara-fm"],
        ["search", "الخلافة"],
        ["search", "الخلافة", "--json"],
        ["search", "ميناء", "--collapse"],
        ["search", "ميناء", "--collapse", "--json"],
        ["search", "*", "--timeline"],
        ["search", "تونس", "--timeline", "--json"],
        ["stats"],
        ["stats", "--json"],
        ["check"],
        ["search", "كلمةلاتوجد"],
        ["search", "date:2019-13"],
        ["search", '"غير مغلق'],
        ["show", "BR-1"],
    ],
)
def test_screens_json_and_exit_codes_are_the_same(archives, args):  # type: ignore[no-untyped-def]
    code, out, err = invoke(archives["whoosh"], *args)
    for engine in other_engines(archives):
        other_code, other_out, other_err = invoke(archives[engine], *args)
        assert other_code == code, (engine, other_err)
        if "--json" in args:
            assert _without_scores(other_out) == _without_scores(out), engine
        else:
            assert other_out.replace(str(archives[engine]), "HOME") == out.replace(
                str(archives["whoosh"]), "HOME"
            ), engine
        assert _same_screen(other_err, archives[engine]) == _same_screen(
            err, archives["whoosh"]
        ), engine


def _same_screen(text: str, home: object) -> str:
    """A screen without what differs between any two runs: the archive's path and how long
    the search took (a piped search's summary line on stderr)."""
    return re.sub(r"\(\d+ ms\)", "(N ms)", text.replace(str(home), "HOME"))


def test_the_engine_and_shards_are_recorded_in_newsarc_json(archives):  # type: ignore[no-untyped-def]
    other_engines(archives)
    assert (
        json.loads((archives["whoosh"] / "newsarc.json").read_text()).get("engine", "whoosh")
        == "whoosh"
    )
    assert json.loads((archives["xapian"] / "newsarc.json").read_text())["engine"] == "xapian"
    if "xapian-shards" in archives:
        marker = json.loads((archives["xapian-shards"] / "newsarc.json").read_text())
        assert marker["engine"] == "xapian" and len(marker["shards"]) == 3


def test_reindex_moves_an_archive_to_xapian_and_back(inbox, tmp_path):  # type: ignore[no-untyped-def]
    if missing_xapian():
        pytest.skip(missing_xapian())
    home = tmp_path / "archive"
    assert invoke(home, "add", "-q", str(inbox))[0] in (0, 2)
    assert "engine" not in json.loads((home / "newsarc.json").read_text())  # add makes Whoosh
    before = sorted(invoke(home, "search", "*", "--output", "ids")[1].split())
    code, _, err = invoke(home, "reindex", "--engine", "xapian")
    assert code == 0, err
    assert json.loads((home / "newsarc.json").read_text())["engine"] == "xapian"
    current = home / "index" / (home / "index" / "CURRENT").read_text().strip()
    assert (current / "xapian.json").is_file()
    assert sorted(invoke(home, "search", "*", "--output", "ids")[1].split()) == before
    assert sorted(p.name for p in (home / "index").iterdir()) == sorted(["CURRENT", current.name])
    code, _, err = invoke(home, "reindex", "--engine", "whoosh")
    assert code == 0, err
    assert json.loads((home / "newsarc.json").read_text())["engine"] == "whoosh"
    assert sorted(invoke(home, "search", "*", "--output", "ids")[1].split()) == before
    assert invoke(home, "check")[0] == 0


def test_a_shard_down_during_add_leaves_the_articles_awaiting_indexing(
    inbox, xapian_shards, tmp_path
):  # type: ignore[no-untyped-def]
    home = tmp_path / "archive"
    init = ["init", "--engine", "xapian"]
    for server in xapian_shards:
        init += ["--shard", server.address]
    assert invoke(home, *init)[0] == 0
    xapian_shards[2].stop()
    code, out, err = invoke(home, "add", str(FIXTURES / "wire"))
    assert code == 2
    assert xapian_shards[2].address in err and "Traceback" not in err
    assert "await indexing" in err
    stored = sorted(path.name for path in (home / "corpus").rglob("*.txt"))
    assert len(stored) == len(list((FIXTURES / "wire").iterdir()))  # kept in corpus/
    code, _, err = invoke(home, "search", "الخلافة")
    assert code == 2 and xapian_shards[2].address in err and len(err.strip().splitlines()) <= 2
    xapian_shards[2].restart()
    code, out, err = invoke(home, "check", "--repair")
    assert code == 0, err
    ids = invoke(home, "search", "*", "--output", "ids")[1].split()
    assert sorted(f"{i}.txt" for i in ids) == stored


def test_a_down_shard_is_one_line_and_exit_2_in_a_real_process(archives, module_shards):  # type: ignore[no-untyped-def]
    if "xapian-shards" not in archives:
        pytest.skip(missing_xapian() or "no sharded archive")
    module_shards[0].stop()
    try:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "newsarc",
                "--home",
                str(archives["xapian-shards"]),
                "search",
                "تونس",
            ],
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        module_shards[0].restart()
    assert done.returncode == 2
    assert module_shards[0].address in done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.count("\n") <= 2  # the error line, and its hint


def test_without_the_extra_engine_xapian_says_how_to_install_it(tmp_path):  # type: ignore[no-untyped-def]
    blocker = tmp_path / "blocker"
    blocker.mkdir()
    (blocker / "xapian.py").write_text("raise ImportError('no xapian here')\n")
    env = {"PYTHONPATH": str(blocker), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    for args in (["init", "--engine", "xapian"], ["reindex", "--engine", "xapian"]):
        done = subprocess.run(
            [sys.executable, "-m", "newsarc", "--home", str(tmp_path / "archive"), *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
        assert done.returncode == 2, done.stderr
        assert "pip install 'newsarc[xapian]'" in done.stderr
        assert "Traceback" not in done.stderr


def test_a_pasted_page_with_any_keeps_the_same_words_on_every_engine(archives):  # type: ignore[no-untyped-def]
    page = " ".join(
        path.read_text(encoding="utf-8")
        for path in sorted((FIXTURES / "العرب").glob("*.txt"))
        + sorted((FIXTURES / "wire").glob("*.txt"))
    )

    def ids(home: Path) -> tuple[int, list[str], str]:
        code, out, err = invoke(home, "search", "--any", "--explain", page, "--output", "ids")
        kept = next(line for line in err.splitlines() if "least common of" in line)
        return code, sorted(out.split()), kept.strip()

    expected = ids(archives["whoosh"])
    assert expected[0] == 0 and expected[1]
    for engine in other_engines(archives):
        assert ids(archives[engine]) == expected, engine
