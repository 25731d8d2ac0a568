"""The terminal experience through the CLI: timelines, stats, ids and paths for pipes, show's
highlights and pager, the bidi test card, shell completion and exit codes."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.console import Console

from conftest import ARTICLE_SCHOOL, ARTICLE_TRADE, SEED, has_ansi
from newsarc.cli import cli
from newsarc.render import pager as pager_module
from newsarc.render.pager import paged, pager_command


def _json_lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


@pytest.fixture
def dated(run, tmp_path):
    """Articles over a few months from two sources, plus the undated seed article."""
    records = []
    for number, (date, source) in enumerate(
        [
            ("2019-01-05", "العرب"),
            ("2019-03-02", "العرب"),
            ("2019-03-20", "الأهرام"),
            ("2019-03-23", "العرب"),
            ("2018-12-30", "الأهرام"),
        ]
    ):
        records.append(
            {
                "id": f"d{number}",
                "text": f"{ARTICLE_TRADE}\nخبر رقم {number} عن الباغوز.",
                "source": source,
                "date": date,
                "title": f"تقرير {number}",
            }
        )
    records.append({"id": "school", "text": ARTICLE_SCHOOL, "source": "الغد", "date": "2020-09-01"})
    path = tmp_path / "dated.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
    assert run("add", str(path), str(SEED)).exit_code == 0
    return path


class TestStats:
    def test_json_carries_months_years_and_sources_by_year(self, run, dated):
        stats = json.loads(run("stats", "--json").stdout)
        assert stats["format_version"] == 1
        assert stats["articles"] == 7 and stats["undated"] == 1
        assert stats["months"] == {"2018-12": 1, "2019-01": 1, "2019-03": 3, "2020-09": 1}
        assert stats["years"] == {"2018": 1, "2019": 4, "2020": 1}
        assert stats["sources_by_year"]["العرب"] == {"2019": 3, "undated": 1}
        assert stats["sources_by_year"]["الأهرام"] == {"2018": 1, "2019": 1}
        assert stats["first_date"] == "2018-12-30" and stats["first_date_unix"] == 1546128000

    def test_human_table_and_chart(self, run, dated):
        out = run("stats").stdout
        assert "7 articles, 3 sources" in out
        assert "2019" in out and "undated" in out and "total" in out
        assert "articles per month" in out
        assert "2019-02" in out  # an empty month keeps its row between the first and last
        assert "█" in out
        assert not has_ansi(out)

    def test_by_year(self, run, dated):
        out = run("stats", "--by", "year").stdout
        assert "articles per year" in out and "2019-03" not in out

    def test_empty_archive(self, run, tmp_path):
        run("add", str(SEED))
        out = run("stats").stdout
        assert "1 article, 1 source" in out and "articles per" not in out


class TestTimeline:
    def test_counts_all_matches_per_month(self, run, dated):
        result = run("search", "الباغوز", "--timeline", "--json")
        assert result.exit_code == 0
        timeline = json.loads(result.stdout)
        assert timeline["total"] == 6  # five dated reports and the seed, beyond any --limit
        assert timeline["undated"] == 1
        assert timeline["months"] == {"2018-12": 1, "2019-01": 1, "2019-03": 3}
        assert timeline["years"] == {"2018": 1, "2019": 4}

    def test_human_chart(self, run, dated):
        result = run("search", "الباغوز", "--timeline", "--limit", "1")
        assert result.exit_code == 0
        lines = result.stdout.splitlines()
        assert lines[0].startswith("6 articles matched")
        row = next(line for line in lines if line.startswith("2019-03"))
        assert row.rstrip().endswith(" 3") and "█" in row
        assert any(line.startswith("2019-02") and line.rstrip().endswith(" 0") for line in lines)

    def test_source_filter_and_nothing_found(self, run, dated):
        timeline = json.loads(
            run("search", "الباغوز", "--timeline", "--source", "الأهرام", "--json").stdout
        )
        assert timeline["total"] == 2
        assert run("search", "كمبيوتر", "--timeline").exit_code == 1


class TestOutputForPipes:
    def test_ids_all_matches_by_default(self, run, dated):
        result = run("search", "الباغوز", "--output", "ids")
        assert result.exit_code == 0
        ids = result.stdout.splitlines()
        assert len(ids) == 6 and "d0" in ids  # --limit's default of 10 is for people

    def test_paths_are_absolute_corpus_files(self, run, dated, home):
        paths = run("search", "الباغوز", "--output", "paths", "-n", "2").stdout.splitlines()
        assert len(paths) == 2
        for path in paths:
            assert Path(path).is_absolute() and Path(path).is_file()
            assert Path(path).is_relative_to(home / "corpus")

    def test_null_separated(self, run, dated):
        out = run("search", "الباغوز", "--output", "ids", "-0").stdout_bytes
        assert out.endswith(b"\0") and b"\n" not in out
        assert len(out.split(b"\0")) == 7

    def test_usage_errors_exit_2(self, run, dated):
        for args in (
            ["-0"],
            ["--output", "ids", "--json"],
            ["--output", "ids", "--timeline"],
            ["--output", "names"],
        ):
            result = run("search", "الباغوز", *args)
            assert result.exit_code == 2, args
            assert result.stdout == ""

    def test_nothing_found_exit_1(self, run, dated):
        result = run("search", "كمبيوتر", "--output", "paths")
        assert result.exit_code == 1 and result.stdout == ""


class TestShow:
    def test_highlight_json_offsets(self, run, dated):
        article = json.loads(
            run("show", "d1", "--json", "--highlight", "الباغوز OR التجارة").stdout
        )
        marked = {article["text"][s:e] for s, e in article["highlights"]}
        assert {"الباغوز", "التجارة"} <= marked <= {"الباغوز", "التجارة", "التجاري"}  # same stem
        assert article["title_highlights"] == []

    def test_highlight_for_people(self, run, dated):
        out = run("show", "d1", "--highlight", "الباغوز", "--color", "always").stdout
        assert "\x1b[1;33mالباغوز\x1b[0m" in out
        plain = run("show", "d1", "--highlight", "الباغوز").stdout
        assert not has_ansi(plain) and "الباغوز" in plain

    def test_bad_highlight_query_is_an_error(self, run, dated):
        result = run("show", "d1", "--highlight", "(الباغوز")
        assert result.exit_code == 2 and "unbalanced" in result.stderr

    def test_header(self, run, dated):
        out = run("show", "d1").stdout
        for expected in (
            "تقرير 1",
            "source    العرب",
            "date      2019-03-02",
            "id        d1",
            "file      corpus/",
        ):
            assert expected in out

    def test_markup_in_text_is_literal(self, run, tmp_path):
        path = tmp_path / "markup.txt"
        path.write_text(
            "تقرير عن [bold]الاقتصاد[/bold] و [/x] في المنطقة.\nتفاصيل أخرى.", encoding="utf-8"
        )
        run("add", str(path))
        article_id = run("search", "الاقتصاد", "--output", "ids").stdout.strip()
        out = run("show", article_id, "--color", "always", "--highlight", "الاقتصاد").stdout
        assert "[bold]" in out and "[/bold]" in out and "[/x]" in out

    def test_no_pager_when_piped(self, run, dated, monkeypatch):
        monkeypatch.setattr(pager_module, "paged", lambda *a, **k: pytest.fail("paged a pipe"))
        assert run("show", "d1").exit_code == 0


def _pager_to(target: Path) -> str:
    """A pager command that writes what it reads to `target`, as it reads it."""
    return (
        f'{sys.executable} -c "import sys\n'
        f"with open(sys.argv[1], 'wb', buffering=0) as out:\n"
        f' for line in sys.stdin.buffer: out.write(line)" {target}'
    )


def _paging_into(tmp_path: Path, monkeypatch) -> tuple[Path, io.StringIO, Console]:  # type: ignore[no-untyped-def]
    """A pager writing to a file, the terminal and a console of 10 lines printing to it."""
    target = tmp_path / "paged.txt"
    monkeypatch.setenv("NEWSARC_PAGER", _pager_to(target))
    terminal = io.StringIO()
    return target, terminal, _terminal_console(terminal)


def _terminal_console(out) -> Console:  # type: ignore[no-untyped-def]
    return Console(
        file=out, width=40, height=10, force_terminal=True, color_system="standard", highlight=False
    )


class TestPager:
    def test_command_from_environment(self):
        assert pager_command({}) == ["less", "-R"]
        assert pager_command({"PAGER": "less -S"}) == ["less", "-S", "-R"]
        assert pager_command({"PAGER": "more", "NEWSARC_PAGER": "most -s"}) == ["most", "-s"]
        assert pager_command({"PAGER": "less", "NEWSARC_PAGER": ""}) is None
        assert pager_command({"PAGER": "cat"}) is None
        assert pager_command({"PAGER": "'unclosed"}) is None

    def test_the_pager_shows_the_first_screen_before_the_output_ends(self, tmp_path, monkeypatch):
        target, terminal, console = _paging_into(tmp_path, monkeypatch)
        with paged(console):
            for number in range(12):  # more than a screen of 10
                console.print(f"بيروت {number}")
            deadline = time.monotonic() + 20
            while "بيروت 11" not in _read(target) and time.monotonic() < deadline:
                time.sleep(0.02)
            assert "بيروت 11" in _read(target)  # while the output goes on
            console.print("النهاية")
        assert _read(target).splitlines() == [*(f"بيروت {n}" for n in range(12)), "النهاية"]
        assert terminal.getvalue() == ""  # all of it through the pager

    def test_an_output_that_fits_on_the_screen_goes_to_the_terminal(self, tmp_path, monkeypatch):
        target, terminal, console = _paging_into(tmp_path, monkeypatch)
        with paged(console):
            console.print("بيروت – نص")
        assert terminal.getvalue() == "بيروت – نص\n" and not target.exists()
        with paged(console, always=True):  # --pager
            console.print("بيروت – نص")
        assert _read(target) == "بيروت – نص\n"

    def test_quitting_the_pager_stops_the_printing(self, tmp_path, monkeypatch):
        # A pager that reads one line and quits, as a reader pressing q.
        monkeypatch.setenv(
            "NEWSARC_PAGER", f'{sys.executable} -c "import sys; sys.stdin.buffer.readline()"'
        )
        console = _terminal_console(io.StringIO())
        printed = 0
        with paged(console) as feed:
            while printed < 100_000:
                console.print("سطر " * 20)
                printed += 1
        assert feed.closed_by_reader and printed < 100_000

    def test_missing_pager_falls_back_to_the_terminal(self, monkeypatch):
        monkeypatch.setenv("NEWSARC_PAGER", "/nonexistent/pager")
        terminal = io.StringIO()
        console = _terminal_console(terminal)
        with paged(console):
            for number in range(30):
                console.print(f"x{number}")
        assert terminal.getvalue().splitlines() == [f"x{number}" for number in range(30)]

    def test_an_interrupt_before_the_pager_prints_nothing_held(self, tmp_path, monkeypatch):
        _, terminal, console = _paging_into(tmp_path, monkeypatch)
        with pytest.raises(KeyboardInterrupt), paged(console):
            console.print("بيروت")
            raise KeyboardInterrupt
        assert terminal.getvalue() == "" and console.file is terminal


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8") if path.exists() else ""


class TestBidiOption:
    def test_piped_output_is_never_reordered(self, run, dated):
        for mode in ("emulate", "terminal", "auto"):
            out = run("search", "الباغوز", "--bidi", mode, "--color", "always").stdout
            assert "\u2068" not in out and "\ufe8d" not in out  # no isolates, no presentation forms
            assert "الباغوز" in out

    def test_bidi_test_card(self, run, monkeypatch):
        monkeypatch.setenv("WT_SESSION", "1")
        result = run("bidi-test")
        assert result.exit_code == 0
        out = result.stdout
        for mode in ("terminal", "emulate", "off"):
            assert f"   {mode} " in out
        assert "auto picks emulate here: Windows Terminal" in out
        assert "NEWSARC_BIDI" in out
        # the card shows the emulated sentence as a terminal without bidi needs it
        assert "ﻡﺎﻋ ﺯﻮﻏﺎﺒﻟﺍ ﺮﺴﺧ" in out

    def test_bad_mode_is_usage_error(self, run):
        assert run("search", "x", "--bidi", "sideways").exit_code == 2


class TestCompletion:
    def test_source_values_from_the_archive(self, dated, home):
        env = {
            "_NEWSARC_COMPLETE": "bash_complete",
            "COMP_WORDS": f"newsarc --home {home} search x --source ال",
            "COMP_CWORD": "6",
        }
        result = CliRunner().invoke(cli, [], env=env, prog_name="newsarc")
        items = [line.split(",", 1)[1] for line in result.stdout.splitlines()]
        assert {"العرب", "الأهرام", "الغد"} <= set(items)

    def test_normalized_prefix(self, dated, home):
        env = {
            "_NEWSARC_COMPLETE": "bash_complete",
            "COMP_WORDS": f"newsarc --home {home} search x --source الا",
            "COMP_CWORD": "6",
        }
        result = CliRunner().invoke(cli, [], env=env, prog_name="newsarc")
        assert "plain,الأهرام" in result.stdout.splitlines()

    def test_no_archive_completes_nothing(self, tmp_path):
        env = {
            "_NEWSARC_COMPLETE": "bash_complete",
            "COMP_WORDS": f"newsarc --home {tmp_path / 'none'} search x --source ",
            "COMP_CWORD": "6",
        }
        result = CliRunner().invoke(cli, [], env=env, prog_name="newsarc")
        assert result.stdout.strip() == "" and "Traceback" not in result.output

    def test_bash_script(self):
        result = CliRunner().invoke(
            cli, [], env={"_NEWSARC_COMPLETE": "bash_source"}, prog_name="newsarc"
        )
        assert "_newsarc_completion" in result.stdout


class TestExitCodes:
    def test_interrupt_is_130_without_traceback(self, run, dated, monkeypatch):
        from newsarc.archive import Archive

        def interrupted(*args, **kwargs):
            raise KeyboardInterrupt

        monkeypatch.setattr(Archive, "search", interrupted)
        result = run("search", "الباغوز")
        assert result.exit_code == 130
        assert "Traceback" not in result.output and "interrupted" in result.stderr


def _newsarc(*args: str, home: Path, **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "NEWSARC_HOME": str(home), "PYTHONWARNINGS": "ignore"}
    return subprocess.run(
        [sys.executable, "-m", "newsarc", *args],
        env=env,
        check=False,
        capture_output=True,
        **kwargs,
    )


@pytest.mark.subprocess
class TestRealProcesses:
    def test_help_does_not_import_heavy_libraries(self):
        code = (
            "import sys, newsarc.cli; print(sorted(m for m in "
            "('rich', 'whoosh', 'bidi', 'arabic_reshaper', 'chardet') if m in sys.modules))"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout
        assert out.strip() == "[]"

    def test_broken_pipe_exits_cleanly(self, run, home, tmp_path):
        lines = [
            json.dumps({"text": f"{ARTICLE_TRADE}\nنسخة رقم {n}."}, ensure_ascii=False)
            for n in range(300)
        ]
        path = tmp_path / "many.jsonl"
        path.write_text("\n".join(lines), encoding="utf-8")
        assert run("add", str(path)).exit_code == 0
        env = {**os.environ, "NEWSARC_HOME": str(home)}
        for args in (["--output", "ids"], ["--json", "-n", "300"], ["-n", "300"]):
            command = f"{sys.executable} -m newsarc search التجارة {' '.join(args)} | head -1"
            done = subprocess.run(
                ["bash", "-o", "pipefail", "-c", command],
                env=env,
                check=False,
                capture_output=True,
                text=True,
                timeout=60,
            )
            assert done.returncode == 0, (args, done.stderr)
            assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr, done.stderr
            assert len(done.stdout.splitlines()) == 1

    def test_ctrl_c_exits_130_without_traceback(self, tmp_path):
        import signal
        import time

        env = {**os.environ, "NEWSARC_HOME": str(tmp_path / "arc")}
        process = subprocess.Popen(
            [sys.executable, "-m", "newsarc", "add", "-"],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        time.sleep(1.5)  # now waiting for standard input
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=30)
        assert process.returncode == 130
        assert b"Traceback" not in err

    def test_exit_codes(self, run, home, dated):
        assert _newsarc("search", "الباغوز", home=home).returncode == 0
        assert _newsarc("search", "كمبيوتر", home=home).returncode == 1
        assert _newsarc("search", "(الباغوز", home=home).returncode == 2
        assert _newsarc("search", "--bogus", home=home).returncode == 2
