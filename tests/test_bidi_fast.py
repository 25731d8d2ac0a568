"""The fast emulation of right-to-left lines (render/bidi_fast.py) gives what the Unicode
algorithm gives (render/bidi.visual: arabic-reshaper and python-bidi), character for
character, map included; and the printer prints the same screen with it as without it."""

from __future__ import annotations

import io
import re

from hypothesis import example, given, settings
from hypothesis import strategies as st
from rich.console import Console

from newsarc.model import Article
from newsarc.render import bidi, bidi_fast
from newsarc.render.terminal import Printer, _runs, print_article
from newsarc.render.wrap import line_ranges

ARABIC_LETTERS = list("ابتثجحخدذرزسشصضطظعغفقكلمنهويةىءآأإؤئ") + ["\u0640"]  # and tatweel
HARAKAT = ["\u064e", "\u064b", "\u0651", "\u0652", "\u0670"]  # fatha, tanwin, shadda, sukun, ...
DIGITS = list("0123456789") + list("٠١٢٣٤٥٦٧٨٩") + list("۰۱۲۳۴۵۶۷۸۹")  # EN, AN, EN
NUMBER_PUNCTUATION = list(".,،/:-+%$#٫٬٪")  # separators and terminators
NEUTRALS = list("()[]{}<>«»!?؟؛\"'*…–") + [" ", " ", " ", "  ", "\u00a0"]
OTHERS = [
    *"ISISab",  # left to right letters
    "\u05d0",  # Hebrew alef (R)
    "\u2068", "\u2069",  # FSI, PDI
    "\u200d", "\u200c",  # ZWJ, ZWNJ
    "\u061c", "\u200f",  # ALM, RLM
    "\u0600",  # Arabic number sign (AN, a prepended mark)
    "\u08f0",  # harakat beyond 0x06xx
    "\t",
]  # fmt: skip

SIMPLE = ARABIC_LETTERS + HARAKAT + DIGITS + NUMBER_PUNCTUATION + NEUTRALS
pieces = st.one_of(
    st.sampled_from(["الله", "لا", "الإسلامية", "لأن", "لآ", "إلا", "مَدرسةٌ", "2019", "12,5"]),
    st.sampled_from(SIMPLE),
    st.sampled_from(ARABIC_LETTERS),
)
simple_lines = st.lists(pieces, max_size=30).map("".join)
any_lines = st.lists(st.one_of(pieces, st.sampled_from(OTHERS)), max_size=30).map("".join)


def fast(line: str) -> tuple[str, list[int]] | None:
    shaped = bidi_fast.shape(line)
    assert shaped is not None and len(shaped) == len(line)
    shown = bidi_fast.visual_line(line, shaped)
    if shown is None:
        assert bidi_fast.visual_map(line, shaped) is None
        return None
    order = bidi_fast.visual_map(line, shaped)
    assert order is not None
    return shown, order


@settings(max_examples=1500, deadline=None)
@given(any_lines)
@example("قال «الرئيس» في 2019 لا")
@example("لاَ لَا لًا")  # a mark after the alef of a ligature, and between lam and alef
@example("50% في 2019-2020 و٪50 و١٢,٥ و$5")  # W2, W4 and W5 around numbers
@example("َب 1َ")  # a mark first, a mark after a digit
def test_a_line_the_fast_path_takes_is_the_unicode_algorithms_line(line):
    found = fast(line)
    if found is not None:
        assert found == bidi.visual(line, rtl=True)


@settings(max_examples=500, deadline=None)
@given(simple_lines)
def test_lines_of_arabic_digits_and_punctuation_take_the_fast_path(line):
    found = fast(line)
    if found is not None:
        assert found == bidi.visual(line, rtl=True)
        return
    # What it refuses: a mark after a number or a separator (the Unicode algorithm gives
    # the mark their type), or more harakat in a row than it looks through.
    after = "".join(DIGITS + NUMBER_PUNCTUATION) + "\u00a0"
    assert re.search(f"[{re.escape(after)}][{''.join(HARAKAT)}]", line) or re.search(
        f"[{''.join(HARAKAT)}]{{4}}", line
    ), f"{line!r} refused"


REVERSED_PIECES = ["لا", "الإسلامية", "لأن", "لآ", "إلا", "بلا", " ", "«»()، ", *ARABIC_LETTERS]
reversed_lines = st.lists(st.sampled_from(REVERSED_PIECES), max_size=30).map("".join)


@settings(max_examples=1000, deadline=None)
@given(
    st.one_of(reversed_lines, any_lines),
    st.lists(st.tuples(st.integers(0, 40), st.integers(1, 40))),
)
@example("بلا لأن", [(0, 1), (1, 2), (2, 3), (1, 3), (4, 5)])  # lam alone, alef alone, both
def test_spans_on_a_line_shown_reversed_stand_where_the_map_puts_them(line, bounds):
    shaped = bidi_fast.shape(line)
    assert shaped is not None
    spans = [(start, min(start + size, len(line))) for start, size in bounds if start < len(line)]
    runs = bidi_fast.reversed_runs(line, shaped, spans)
    if runs is None:  # a number, a mark, a Latin letter...: not simply reversed
        assert not set(line) <= set("".join(REVERSED_PIECES))
        return
    order = bidi_fast.visual_map(line, shaped)
    assert order is not None
    positions = [
        [at for at, index in enumerate(order) if start <= index < end] for start, end in spans
    ]
    # grouped into runs as the path through the map groups them (render.terminal)
    assert runs == sorted(run for shown in positions for run in _runs(shown))


def test_the_fast_path_leaves_what_it_does_not_know_to_the_algorithm():
    for line in ["שלום عليكم", "\u2068العرب\u2069", "لا\u200dب", "ب\tت", "قال «َ ISIS"]:
        assert fast(line) is None
    assert fast("قَال ISIS") == bidi.visual("قَال ISIS", rtl=True)  # marks on Arabic letters


def test_left_to_right_words_keep_their_order():
    line = "قال (CNN) إن ISIS [USA] في 2019"
    assert fast(line) == bidi.visual(line, rtl=True)
    shown = fast(line)[0]
    assert shown.startswith("2019 ﻲﻓ ") and "ISIS" in shown and "(CNN)" in shown


words = st.lists(st.one_of(pieces, st.sampled_from(OTHERS[:8])), min_size=1, max_size=6).map(
    "".join
)
paragraphs = st.lists(
    st.tuples(words, st.sampled_from([" ", "  ", "\u00a0", " \u00a0 "])), min_size=1, max_size=40
).map(lambda pairs: "".join(word + space for word, space in pairs).strip() or "ب")


@settings(max_examples=300, deadline=None)
@given(paragraphs, st.integers(min_value=5, max_value=60))
def test_a_text_shaped_whole_is_each_of_its_lines_shaped(text, width):
    shaped = bidi_fast.shape(text)
    ranges = line_ranges(text, width)
    if shaped is None or ranges is None:
        return
    breaks = {start for start, _ in ranges[1:]}
    folded = {at for at in breaks if not text[at - 1].isspace() and not text[at].isspace()}
    for start, end in ranges:
        if start not in folded and end not in folded:  # letters join across a folded word
            assert shaped[start:end] == bidi_fast.shape(text[start:end])


@st.composite
def highlighted(draw):  # type: ignore[no-untyped-def]
    text = draw(paragraphs)
    bound = st.integers(0, len(text))
    spans = draw(st.lists(st.tuples(bound, bound).map(sorted).map(tuple), max_size=8))
    return text, sorted(spans)


def _emulating(printer_class: type[Printer], out: io.StringIO, width: int) -> Printer:
    """A printer in `emulate` mode writing colours to `out` as to a terminal `width` wide."""
    console = Console(
        file=out, width=width, force_terminal=True, color_system="standard", highlight=False,
        markup=False, emoji=False, _environ={},
    )  # fmt: skip
    return printer_class(console, "emulate")


def _screen(text: str, spans: list[tuple[int, int]], width: int, fast_path: bool) -> str:
    out = io.StringIO()
    printer = _emulating(Printer, out, width)
    with printer.batched():
        shaped = printer.shaped(text) if fast_path else None
        printer.text_paragraph(text, spans, printer.match_style, shaped)
    return out.getvalue()


@settings(max_examples=300, deadline=None)
@given(highlighted(), st.integers(min_value=10, max_value=80))
@example(("الدولة الإسلامية في العراق والشام 2019", [(7, 16), (20, 27)]), 20)
@example(("كلمةطويلةجداجداجداجداجداجدا لا", [(3, 12)]), 10)  # a folded word
def test_an_emulated_paragraph_prints_what_the_unicode_algorithm_printed(paragraph, width):
    text, spans = paragraph
    assert _screen(text, spans, width, fast_path=True) == _screen(text, spans, width, False)


class _AlgorithmOnly(Printer):
    """A printer that never takes the fast path: each line through bidi.visual."""

    def shaped(self, text: str, controls: list[int] | None = None) -> str | None:
        return None


def _article_screen(printer_class: type[Printer], article: Article, width: int) -> str:
    out = io.StringIO()
    printer = _emulating(printer_class, out, width)
    print_article(printer, article, text_spans=[(5, 12), (40, 47)])
    return out.getvalue()


def test_an_emulated_article_prints_what_the_unicode_algorithm_printed():
    text = (
        "قال الرئيس إن الحكومة (CNN) ستعلن في 2019 عن خطة لا تقل عن 50%\n\n"
        "فقرة فيها رمز \U0001f600 خارج المستوى الأساسي\n\n"
        "وَقالَت «الحكومة» إنّ الإسلامية [ISIS] لا تزال في العراق 12,5 ٪"
    )
    assert bidi_fast.shape(text) is None  # not shaped whole: paragraph by paragraph
    for article in (
        Article(id="x", text=text),
        Article(id="y", text=text.replace("\U0001f600", "؟")),
    ):
        for width in (30, 80):
            fast_screen = _article_screen(Printer, article, width)
            assert fast_screen == _article_screen(_AlgorithmOnly, article, width)


def test_a_long_text_is_shaped_as_its_words_are():
    # Longer than the pieces shape() works in: every word shaped as it is alone.
    words = ["الإسلامية", "لا", "قَالَ", "(الحكومة)", "2019", "بلاد", "ISIS", "لأن"]
    text = "\n".join(
        " ".join(words[(line + n) % len(words)] for n in range(9)) for line in range(9000)
    )
    assert len(text) > 100_000
    shaped = bidi_fast.shape(text)
    assert shaped is not None
    for word in re.finditer(r"\S+", text):
        assert shaped[word.start() : word.end()] == bidi_fast.shape(word.group())
