"""Golden output for people at a fixed width: search, show, stats and timelines, with colour,
with NO_COLOR, and in each --bidi mode.

The expected screens are files in tests/golden/: `.txt` holds the text a person sees,
`.ansi` the exact bytes with escape codes. After a deliberate change of the output,
regenerate them with `NEWSARC_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py` and
read the diff.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from pathlib import Path

import pytest
from rich.console import Console

from newsarc.model import Article, Hit, SearchResult, Stats, Timeline
from newsarc.render import terminal
from newsarc.render.terminal import Printer
from newsarc.snippets import build_snippets

GOLDEN = Path(__file__).parent / "golden"
WIDTH = 80
UPDATE = bool(os.environ.get("NEWSARC_UPDATE_GOLDEN"))

TEXT_1 = (
    "بيروت – أعلنت قوات سوريا الديمقراطية السبت أن تنظيم الدولة الإسلامية مني بالهزيمة النهائية "
    "في الباغوز بما ينهي دولة «الخلافة» التي أعلنها التنظيم عام 2014.\n"
    "وقال مصطفى بالي إن [bold]الباغوز[/bold] تحررت و [/x] النصر العسكري ضد داعش تحقق.\n"
    "وتعتقد الولايات المتحدة أن زعيم التنظيم ما زال حيا، وأن الخلافة المزعومة انتهت على الأرض."
)
TEXT_2 = "تقرير قصير عن اقتصاد المنطقة بعد سقوط الخلافة في سوريا والعراق.\nتفاصيل أخرى عن الأسواق."


def _spans(text: str, *words: str) -> list[tuple[int, int]]:
    spans = []
    for word in words:
        start = text.find(word)
        while start >= 0:
            spans.append((start, start + len(word)))
            start = text.find(word, start + 1)
    return sorted(spans)


ARTICLE_1 = Article(
    id="a1b2c3d4e5f60718",
    text=TEXT_1,
    source="العرب",
    source_slug="العرب",
    title="الباغوز: نهاية «دولة الخلافة» في سوريا",
    date=dt.date(2019, 3, 23),
    url="https://alarab.co.uk/baghouz",
)
ARTICLE_2 = Article(id="reuters-17", text=TEXT_2, source="Reuters عربي", source_slug="reuters-عربي")
RESULT = SearchResult(
    query="الخلافة",
    hits=(
        Hit(
            1,
            7.5,
            ARTICLE_1,
            build_snippets(TEXT_1, _spans(TEXT_1, "الخلافة")),
            tuple(_spans(ARTICLE_1.title or "", "الخلافة")),
            "corpus/العرب/2019/a1b2c3d4e5f60718.txt",
        ),
        Hit(
            2,
            3.25,
            ARTICLE_2,
            build_snippets(TEXT_2, _spans(TEXT_2, "الخلافة")),
            (),
            "corpus/reuters-عربي/undated/reuters-17.txt",
        ),
    ),
    total=7,
    seconds=0.012,
)
STATS = Stats(
    articles=12,
    sources={"العرب": 7, "Reuters عربي": 4},
    first_date=dt.date(2018, 11, 2),
    last_date=dt.date(2019, 4, 30),
    undated=2,
    months={"2018-11": 1, "2018-12": 2, "2019-02": 1, "2019-03": 5, "2019-04": 1},
    source_years={
        "العرب": {"2018": 2, "2019": 5},
        "Reuters عربي": {"2018": 1, "2019": 2, "undated": 1},
        None: {"undated": 1},
    },
)
TIMELINE = Timeline(
    query="الباغوز",
    total=9,
    months={"2019-01": 1, "2019-03": 6, "2019-04": 1},
    undated=1,
    seconds=0.01,
)
BIDI_LINE = "قال «الرئيس» (ISIS) في 2019: لا عودة للخلافة."


def _console(
    colour: bool = True, no_color: bool = False, pipe: bool = False
) -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    if pipe:  # as cli.make_console builds it for a pipe
        console = Console(
            file=out,
            width=WIDTH,
            color_system=None,
            force_terminal=False,
            highlight=False,
            markup=False,
            emoji=False,
            soft_wrap=True,
            record=True,
            _environ={},
        )
    else:
        console = Console(
            file=out,
            width=WIDTH,
            height=25,
            force_terminal=True,
            color_system="standard" if colour else None,
            no_color=no_color,
            highlight=False,
            markup=False,
            emoji=False,
            record=True,
            _environ={},
        )
    return console, out


def check_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="")
        return
    assert path.exists(), f"no golden file {path.name}: run with NEWSARC_UPDATE_GOLDEN=1"
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"output differs from {path.name}"


VARIANTS = {
    "color": {"colour": True},
    "nocolor": {"colour": True, "no_color": True},
}


def _render(draw, variant: str, bidi_mode: str = "terminal") -> tuple[str, str]:
    console, out = _console(**VARIANTS[variant])
    draw(Printer(console, bidi_mode))
    return out.getvalue(), console.export_text()


CASES = {
    "search": lambda p: (
        terminal.print_search(p, RESULT),
        p.console.print(terminal.search_summary(RESULT), style="dim"),
    ),
    "show": lambda p: terminal.print_article(
        p,
        ARTICLE_1,
        "corpus/العرب/2019/a1b2c3d4e5f60718.txt",
        _spans(ARTICLE_1.title or "", "الخلافة"),
        _spans(TEXT_1, "الخلافة", "الباغوز"),
    ),
    "stats": lambda p: terminal.print_stats(p, STATS),
    "timeline": lambda p: terminal.print_timeline(p, TIMELINE),
}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
@pytest.mark.parametrize("case", sorted(CASES))
def test_golden_screens(case, variant):
    ansi, text = _render(CASES[case], variant, "off")
    check_golden(f"{case}-{variant}.ansi", ansi)
    check_golden(f"{case}.txt", text)


@pytest.mark.parametrize("bidi_mode", ["terminal", "emulate", "off"])
@pytest.mark.parametrize("case", ["search", "show", "stats"])
def test_golden_bidi_modes(case, bidi_mode):
    _, text = _render(CASES[case], "color", bidi_mode)
    check_golden(f"{case}-bidi-{bidi_mode}.txt", text)


@pytest.mark.parametrize("bidi_mode", ["terminal", "emulate", "off"])
def test_golden_known_arabic_line(bidi_mode):
    from rich.text import Text

    def draw(printer: Printer) -> None:
        printer.paragraph(Text(BIDI_LINE))
        printer.line(Text("العرب"), Text("2019-03-23"), prefix=Text("1. "))

    _, text = _render(draw, "color", bidi_mode)
    check_golden(f"arabic-line-bidi-{bidi_mode}.txt", text)


def test_piped_search_is_plain_and_unwrapped():
    console, out = _console(pipe=True)
    terminal.print_search(Printer(console, "off"), RESULT)
    check_golden("search-pipe.txt", out.getvalue())
    assert "\x1b" not in out.getvalue()


def test_no_color_highlight_is_bold_reverse_without_colour():
    ansi, _ = _render(CASES["search"], "nocolor")
    assert "\x1b[1;7m" in ansi  # bold + reverse video around the match
    assert "\x1b[33" not in ansi and "\x1b[36" not in ansi  # no foreground colour at all


def test_markup_in_article_prints_literally():
    _, text = _render(CASES["show"], "color")
    assert "[bold]الباغوز[/bold]" in text and "[/x]" in text


def test_no_line_is_wider_than_the_terminal():
    for case, draw in CASES.items():
        for mode in ("terminal", "emulate", "off"):
            _, text = _render(draw, "color", mode)
            from rich.cells import cell_len

            assert all(cell_len(line) <= WIDTH for line in text.splitlines()), (case, mode)


def test_dateline_is_shown_when_articles_have_one():
    from dataclasses import dataclass

    @dataclass(frozen=True)
    class ArticleWithDateline(Article):  # as the reader will provide once it extracts them
        dateline: str | None = None

    article = ArticleWithDateline(id="x1", text="نص قصير.", source="العرب", dateline="بيروت")
    console, _ = _console()
    terminal.print_article(Printer(console, "off"), article)
    assert "dateline  بيروت" in console.export_text()
    console, _ = _console()
    terminal.print_article(Printer(console, "off"), ARTICLE_2)
    assert "dateline" not in console.export_text()


def test_narrow_terminal_lists_years_under_each_source():
    console = Console(
        file=io.StringIO(),
        width=30,
        force_terminal=True,
        color_system=None,
        record=True,
        _environ={},
    )
    terminal.print_stats(Printer(console, "off"), STATS)
    text = console.export_text()
    assert "year" in text and "articles" in text and "total" not in text
    assert all(len(line) <= 30 for line in text.splitlines())
