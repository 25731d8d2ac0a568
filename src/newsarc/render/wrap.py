"""Where rich breaks a line of text at a width, found a line at a time instead of a word
at a time.

rich's `Text.wrap` measures the cells of every word in Python (`rich._wrap.divide_line`)
and caches 4,096 words, while a 4 MB article holds some 60,000 different ones: 2.5 s of a
long `show` on a terminal. Here the cells of a stretch of text are its characters less
its zero-width ones (Arabic marks, LRM), found once per paragraph with a regular
expression, and each screen line is found with one match (the last word that fits)
rather than word by word. The breaks are rich's own, to the character: the same words
(`\\s*\\S+\\s*`), a word that fits stays on the line with the spaces after it, a word
wider than the line is folded into pieces of the width (its marks staying with their
letter). Text holding characters rich measures in another way (wide CJK and emoji,
joiners, variation selectors, tabs, controls, white space of no width, anything beyond
the Basic Multilingual Plane) gets `None`: wrap that with rich.

Which character is how wide is rich's knowledge, read from rich's own table.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import cache
from typing import NamedTuple

try:  # rich 15's table; an older rich measures and folds marks its own way: it wraps alone
    from rich._unicode_data import load as load_cell_table
except ImportError:  # pragma: no cover - the installed rich is 15 (pyproject allows 13-15)
    load_cell_table = None  # type: ignore[assignment]

# rich's word (rich/_wrap.py) but the spaces after it: the spaces before it (at the start
# of a text) and its non-space characters.
_WORD = re.compile(r"\s*\S+")
_SPACES = re.compile(r"\s*")
_NON_SPACE = re.compile(r"\S")
# The end of the last word that ends before a space (or, at the end of the text, anywhere).
_LAST_WORD_END = re.compile(r".*\S(?=\s)", re.DOTALL)
_LAST_WORD_END_AT_END = re.compile(r".*\S(?=\s|\Z)", re.DOTALL)
# Characters rich measures grapheme by grapheme, joining what follows them.
_JOINERS = "\u200d\ufe0f"  # zero width joiner, variation selector 16

Range = tuple[int, int]


def line_ranges(text: str, width: int) -> list[Range] | None:
    """The (start, end) of each line rich's `Text.wrap(console, width, overflow="fold")`
    divides `text` into (a text without newlines; `width` at least 1), or None when `text`
    holds a character this does not measure as rich does. Each line is then what rich makes
    of it: cut at `width` cells and stripped of the spaces after its last word."""
    found = lines_and_cells(text, width)
    return None if found is None else found.ranges


class Lines(NamedTuple):
    """Where rich breaks a text into lines (`lines_and_cells`)."""

    ranges: list[Range]  # (start, end): `line_ranges`
    stops: list[int]  # where each line's last word ends: its end without the spaces after
    cells: _Cells  # the cells of the text's pieces
    folded: bool  # a line may end inside a word (one wider than a line); else none does


def lines_and_cells(text: str, width: int) -> Lines | None:
    """`line_ranges`, where each line's last word ends, and the cells of the text's pieces
    (`_Cells.between`); None as for `line_ranges`."""
    if load_cell_table is None:
        return None
    special, unmeasured = _special_characters(load_cell_table("auto").unicode_version)
    zeros = [found.start() for found in special.finditer(text)]
    if zeros and any(unmeasured.holds(char) for char in {text[at] for at in zeros}):
        return None
    cells = _Cells(len(text), zeros)
    lines = _lines_of_fitting_words(text, width) if not zeros else _lines_around(text, width, zeros)
    if lines is not None:  # every line ends after the spaces after a word
        return Lines(*lines, cells, folded=False)
    breaks = line_breaks(text, width, cells)
    ranges = list(zip([0, *breaks], [*breaks, len(text)]))
    stops = [start + len(text[start:end].rstrip()) for start, end in ranges]
    return Lines(ranges, stops, cells, folded=True)


def _lines_of_fitting_words(text: str, width: int) -> tuple[list[Range], list[int]] | None:
    """`line_breaks`' lines (and stops) of a text whose characters are each a cell, where no
    word is wider than a line: each line is the words that fit and the spaces after them,
    one match of one pattern after the other (25,000 lines of a 4 MB article: a fifth of the
    time of `line_breaks`' loop). None for another text."""
    ranges, stops = [], []
    end = 0
    for line in _fitting_words(width).finditer(text):
        if line.start() != end:  # a word wider than a line: line_breaks folds it
            return None
        ranges.append((end, line.end()))
        stops.append(line.end(1))
        end = line.end()
    return (ranges, stops) if ranges and end == len(text) else None


def _lines_around(text: str, width: int, zeros: list[int]) -> tuple[list[Range], list[int]] | None:
    """`_lines_of_fitting_words` of a text with characters of no width at `zeros` (Arabic
    marks), each after a character that is not white space: the lines of the text without
    them, whose words are the same and as wide (the 1,340 such paragraphs of a 4 MB article:
    8 ms, 12 in `line_breaks`' loop). None for another text, or a word wider than a line."""
    if zeros[0] == 0 or any(text[at - 1].isspace() for at in zeros):
        return None  # a word starting with a mark
    pieces, done = [], 0
    for at in zeros:
        pieces.append(text[done:at])
        done = at + 1
    pieces.append(text[done:])
    found = _lines_of_fitting_words("".join(pieces), width)
    if found is None:
        return None
    # Where each mark stands in the text without them: before the character of that index
    # there, after those before it. A position there is one in `text` past the marks before.
    shifted = [at - index for index, at in enumerate(zeros)]
    starts = [start + bisect_right(shifted, start) for start, _ in found[0]]
    ranges = list(zip(starts, [*starts[1:], len(text)]))  # one line ends where the next starts
    return ranges, [stop + bisect_right(shifted, stop) for stop in found[1]]


def not_one_cell_wide() -> re.Pattern[str] | None:
    """The characters rich does not draw one cell wide (None: rich's table is unknown)."""
    if load_cell_table is None:
        return None
    return _special_characters(load_cell_table("auto").unicode_version)[0]


class _Cells:
    """Cell counts of the pieces of one text, whose characters are each one cell wide but
    for a few of none."""

    def __init__(self, length: int, zeros: list[int]) -> None:
        self.length = length
        self.zeros = zeros  # the positions of the zero-width characters, in order

    def between(self, start: int, end: int) -> int:
        if not self.zeros:
            return end - start
        return end - start - (bisect_left(self.zeros, end) - bisect_left(self.zeros, start))

    def reach(self, start: int, cells: int) -> int:
        """The farthest position from `start` with at most `cells` cells before it (the
        zero-width characters after the last cell come too): the position of the next cell
        after them, or the end of the text."""
        if not self.zeros:
            return min(self.length, start + cells)
        first = bisect_left(self.zeros, start)
        end = start + cells
        while end < self.length:  # count the zero-width characters up to end, end included
            further = start + cells + bisect_right(self.zeros, end, lo=first) - first
            if further == end:
                break
            end = further
        return min(self.length, end)


def line_breaks(text: str, width: int, cells: _Cells) -> list[int]:
    """rich's `divide_line(text, width, fold=True)`: the offsets to break `text` at."""
    breaks: list[int] = []
    length = len(text)
    if _NON_SPACE.search(text) is None:
        return breaks  # no word: one line, as rich
    start = 0  # where the next word starts (its spaces before it, at the start of the text)
    taken = 0  # cells on the current line so far
    while True:
        after = _after_fitting_words(text, start, width - taken, cells)
        if after is not None:  # every word up to there fits: they and their spaces stay
            taken += cells.between(start, after)
            start = after
            if start == length:
                return breaks
        # The next word does not fit in what is left of the line.
        word = _WORD.match(text, start)
        assert word is not None  # start is at a word: the text's start or after spaces
        if cells.between(start, word.end()) <= width:  # it starts the next line
            breaks.append(start)
            taken = 0
            continue  # where it fits, with what follows that fits too
        # Wider than any line: folded, each piece of the width on a line.
        word_end = _spaces_end(text, word.end())
        piece = start
        if piece:
            breaks.append(piece)
        folds = 1
        while (cut := cells.reach(start, folds * width)) < word_end:
            breaks.append(cut)
            piece = cut
            folds += 1
        taken = cells.between(piece, word_end)
        start = word_end
        if start == length:
            return breaks


def _after_fitting_words(text: str, start: int, room: int, cells: _Cells) -> int | None:
    """Where the words from `start` that fit in `room` cells end, with the spaces after
    them; None when not even the first fits."""
    if not cells.zeros:  # a character is a cell: one match
        if room <= 0:
            return None
        fitting = _fitting_words(room).match(text, start)
        return None if fitting is None else fitting.end()
    if room < 0:
        return None
    reach = cells.reach(start, room)
    if reach >= len(text):
        fitting = _LAST_WORD_END_AT_END.match(text, start)
    else:
        fitting = _LAST_WORD_END.match(text, start, reach + 1)
    return None if fitting is None else _spaces_end(text, fitting.end())


@cache
def _fitting_words(cells: int) -> re.Pattern[str]:
    """Words of one-cell characters in `cells` cells at most (group 1), and the spaces
    after them."""
    return re.compile(rf"(.{{0,{cells - 1}}}\S)(?:\s+|\Z)", re.DOTALL)


def _spaces_end(text: str, at: int) -> int:
    """Where the white space from `at` on ends."""
    spaces = _SPACES.match(text, at)
    assert spaces is not None  # \s* matches anywhere
    return spaces.end()


@cache
def _special_characters(unicode_version: str) -> tuple[re.Pattern[str], _Ranges]:
    """The characters that are not one cell wide in rich's table, and among them those this
    does not measure: two cells, controls, joiners, white space that is not one cell, and
    anything beyond the Basic Multilingual Plane (rare in news). The others have no width.

    Built in every process that prints to a terminal, so built cheaply: the first as the
    class of all but the characters of one cell, a sixth of Unicode's first plane (the
    compiler of regular expressions goes through each character a class names), and
    searched at C speed; the second as ranges to look a character up in."""
    table = load_cell_table(unicode_version)
    wide = [(start, end) for start, end, cells in table.widths if cells == 2]
    zero = [(start, end) for start, end, cells in table.widths if cells == 0]
    controls = [(0x00, 0x1F), (0x7F, 0x9F)]
    unmeasured = _Ranges(
        [
            *wide,
            *controls,
            *_odd_spaces(_Ranges([*zero, *wide, *controls])),
            *((ord(joiner), ord(joiner)) for joiner in _JOINERS),
            (0x10000, 0x10FFFF),
        ]
    )
    special = _Ranges([*zero, *zip(unmeasured.starts, unmeasured.ends)])
    one_cell = [  # between the special ranges
        (after + 1, before - 1)
        for after, before in zip([-1, *special.ends], [*special.starts, 0x10000])
        if after + 1 <= before - 1
    ]
    return re.compile("[^" + _char_class(one_cell)[1:]), unmeasured


class _Ranges:
    """Characters given as ranges of code points (which may overlap)."""

    def __init__(self, ranges: list[Range]) -> None:
        merged: list[list[int]] = []
        for start, end in sorted(ranges):
            if merged and start <= merged[-1][1] + 1:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self.starts = [start for start, _ in merged]
        self.ends = [end for _, end in merged]

    def holds(self, char: str) -> bool:
        at = bisect_right(self.starts, ord(char)) - 1
        return at >= 0 and ord(char) <= self.ends[at]


def _odd_spaces(not_one_cell: _Ranges) -> list[Range]:
    """The white space characters (str.isspace, as the regular expressions' \\s; the last is
    U+3000) that are not one cell wide."""
    spaces = re.findall(r"\s", "".join(map(chr, range(0x3001))))  # at C speed: 12,000 of them
    return [(ord(space), ord(space)) for space in spaces if not_one_cell.holds(space)]


def _char_class(ranges: list[Range]) -> str:
    """A character class of the ranges' parts in the Basic Multilingual Plane."""
    parts = (
        (re.escape(chr(start)), re.escape(chr(min(end, 0xFFFF))))
        for start, end in ranges
        if start <= 0xFFFF
    )
    return "[" + "".join(f"{start}-{end}" for start, end in parts) + "]"
