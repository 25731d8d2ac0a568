"""newsarc's wrapping of article text on a terminal (render/wrap.py, Printer.text_paragraph)
breaks lines where rich's does and prints what rich printed, byte for byte: rich's own
`Text.wrap` is the reference, for generated paragraphs of Arabic and Latin words, runs of
spaces, marks, words longer than the line and highlighted spans."""

from __future__ import annotations

import io

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from rich._unicode_data import load as load_cell_table
from rich._wrap import divide_line
from rich.console import Console
from rich.segment import Segment, Segments
from rich.text import Text

from newsarc.render.terminal import MATCH_STYLE_COLOR, MATCH_STYLE_PLAIN, Printer, _highlighted
from newsarc.render.wrap import line_ranges

ARABIC_WORDS = ["الدولة", "الإسلاميّة", "بشرق", "سوريا", "الباغوز", "و", "مَدرسةٌ", "2019"]
LATIN_WORDS = ["ISIS", "Reuters", "a", "(CNN)--", "«داعش»", "x.y"]
# Marks of no width (shadda, tanwin, sukun), LRM and RLM; spaces rich splits words at.
MARKS = ["\u0651", "\u064b", "\u0652", "\u200e", "\u200f"]
SPACES = [" ", " ", " ", "  ", "   ", "\u00a0", " \u00a0 ", "\u2009"]


def _word(parts: list[str]) -> str:
    return "".join(parts)


words = st.one_of(
    st.sampled_from(ARABIC_WORDS + LATIN_WORDS),
    # a word with marks anywhere, even first (after a space)
    st.lists(st.sampled_from(list("بتثجحخabc1") + MARKS), min_size=1, max_size=8).map(_word),
    # longer than some lines: folded
    st.integers(min_value=15, max_value=260).map(lambda n: ("كلمة" + "\u0651" + "x") * (n // 6)),
)
paragraphs = st.lists(st.tuples(words, st.sampled_from(SPACES)), min_size=1, max_size=60).map(
    lambda pairs: "".join(word + space for word, space in pairs)
)
widths = st.integers(min_value=20, max_value=200)


def rich_breaks(text: str, width: int) -> list[int]:
    return divide_line(text, width, fold=True)


def newsarc_breaks(text: str, width: int) -> list[int] | None:
    ranges = line_ranges(text, width)
    return None if ranges is None else [start for start, _ in ranges[1:]]


@settings(max_examples=400, deadline=None)
@given(paragraphs, widths, st.booleans())
@example("ا" * 30 + " " * 30 + "ب", 20, False)  # spaces beyond the line
@example("\u0651" + "ب" * 45, 20, False)  # a folded word starting with a mark
def test_breaks_are_rich_breaks(text, width, stripped):
    if stripped:
        text = text.strip()
    assert newsarc_breaks(text, width) == rich_breaks(text, width)


@settings(max_examples=300, deadline=None)
@given(paragraphs, st.integers(min_value=1, max_value=19))
def test_breaks_are_rich_breaks_on_narrow_lines(text, width):
    assert newsarc_breaks(text, width) == rich_breaks(text, width)


# Any character, mostly from the blocks news text is written in (Latin, Arabic, marks,
# punctuation and spaces of U+2000-U+206F), where most texts are measured here.
any_characters = st.one_of(
    st.characters(max_codepoint=0x7FF),
    st.characters(min_codepoint=0x2000, max_codepoint=0x206F),
    st.characters(max_codepoint=0x10FFFF),
)


@settings(max_examples=500, deadline=None)
@given(st.text(any_characters, max_size=40), st.integers(1, 30))
def test_any_text_is_measured_as_rich_measures_it_or_left_to_rich(text, width):
    text = text.replace("\n", " ")
    found = newsarc_breaks(text, width)
    assert found is None or found == rich_breaks(text, width)


@pytest.mark.parametrize(
    "text",
    [
        "东京 news",
        "a\tb",
        "👍🏽 ok",
        "a\u200db",
        "x\ufe0f",
        "a\u3000b",
        "a\x1bb",
        "\U0001d400 a",
        "a\u2028b",  # white space of no width
    ],
)
def test_characters_rich_measures_otherwise_are_left_to_rich(text):
    assert line_ranges(text, 10) is None


def test_the_ends_of_rich_s_ranges_of_widths_are_measured_as_rich_measures_them():
    table = load_cell_table("auto")
    for start, end, cells in table.widths:
        for code in {start - 1, start, end, end + 1} & set(range(0x20, 0x110000)):
            text = f"ab{chr(code)}c de"
            found = newsarc_breaks(text, 3)
            assert found is None or found == rich_breaks(text, 3), hex(code)
            if cells == 2 and start <= code <= end:
                assert found is None, hex(code)  # two cells: left to rich


def test_text_without_words_is_one_line():
    assert line_ranges("", 20) == [(0, 0)]
    assert line_ranges("   ", 2) == [(0, 3)]


# -- what the printer prints --------------------------------------------------------------


def _console(width: int, colour: str | None) -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    console = Console(
        file=out, width=width, force_terminal=True, color_system=colour, highlight=False,
        markup=False, emoji=False, _environ={},
    )  # fmt: skip
    return console, out


def rich_screen(text: str, spans: list[tuple[int, int]], width: int, colour: str | None) -> str:
    """What rich prints of the paragraph, wrapped by rich, each line without its trailing
    spaces: the lines' segments, as the printer prints them."""
    console, out = _console(width, colour)
    style = MATCH_STYLE_COLOR if colour else MATCH_STYLE_PLAIN
    paragraph = Text(text)
    for start, end in spans:
        paragraph.stylize(style, start, end)
    segments: list[Segment] = []
    for line in paragraph.wrap(console, max(10, width), overflow="fold"):
        line.rstrip()
        segments.extend((Text() + line).render(console))
        segments.append(Segment.line())
    console.print(Segments(segments), crop=False)
    return out.getvalue()


def printer_screen(
    text: str, spans: list[tuple[int, int]], width: int, colour: str | None, bidi: str = "off"
) -> str:
    console, out = _console(width, colour)
    printer = Printer(console, bidi)
    with printer.batched():
        printer.text_paragraph(text, spans, printer.match_style)
    return out.getvalue()


@st.composite
def highlighted(draw):  # type: ignore[no-untyped-def]
    """A paragraph and highlight spans: apart, touching or overlapping, sorted as the
    printer gets them."""
    text = draw(paragraphs).strip() or "ب"
    bound = st.integers(0, len(text))
    spans = draw(st.lists(st.tuples(bound, bound).map(sorted).map(tuple), max_size=8))
    return text, sorted(spans)


@settings(max_examples=300, deadline=None)
@given(highlighted(), widths, st.sampled_from(["standard", None]))
def test_a_paragraph_prints_what_rich_printed(paragraph, width, colour):
    text, spans = paragraph
    assert printer_screen(text, spans, width, colour) == rich_screen(text, spans, width, colour)


@settings(max_examples=100, deadline=None)
@given(highlighted(), widths)
def test_in_every_bidi_mode_a_paragraph_prints_what_the_paragraph_printer_prints(paragraph, width):
    text, spans = paragraph
    for mode in ("off", "terminal", "emulate"):
        console, out = _console(width, "standard")
        printer = Printer(console, mode)
        with printer.batched():
            printer.paragraph(_highlighted(text, spans, printer.match_style))
        assert printer_screen(text, spans, width, "standard", mode) == out.getvalue()


def test_a_highlight_across_a_line_break_is_on_both_lines():
    text = "الدولة الإسلامية في العراق والشام"  # the first line ends after في at 20 columns
    spans = [(text.index("في"), text.index("العراق") + 3)]
    screen = printer_screen(text, spans, 20, "standard")
    assert screen == rich_screen(text, spans, 20, "standard")
    assert screen.splitlines()[0].endswith("\x1b[1;33mفي\x1b[0m")
    assert screen.splitlines()[1].startswith("\x1b[1;33mالع\x1b[0m")
