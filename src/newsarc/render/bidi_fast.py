"""`bidi.visual` of a long article's lines in a few operations on whole strings.

`bidi.visual` runs arabic-reshaper and python-bidi's pure-Python algorithm character by
character: 0.3 ms a line, 8 s for the 25,000 lines of a 4 MB article. Yet for almost every
line of Arabic prose their answer is simple, and this finds it at C speed, the same to the
character:

* Shaping: a letter's form (isolated, initial, medial, final) depends only on whether the
  letter before and the letter after it (harakat between them are transparent) join it.
  `shape` works that out for a whole text at once with integer bit operations on its
  UTF-16 bytes (one byte a character: an Arabic letter is 0x06xx), then builds the forms'
  bytes with `bytes.translate`. It stands for arabic-reshaper as `bidi.shape` configures
  it, lam-alef ligatures included; a ligature takes the alef's place and leaves `GAP`
  where the lam was, so that the text keeps its length and offsets.
* Reordering (`visual_lines`): in a right-to-left paragraph, a line whose characters are
  Arabic letters, marks, white space, neutral punctuation and numbers (no Hebrew, no
  control, no isolate) has every character at level 1 but its numbers, which python-bidi's
  weak rules (W2, W4, W5: separators between digits, terminators such as % next to
  European digits) put at level 2. Its visual order is then the line reversed, each
  number and each letter with its marks kept as they were (`bidi._marks_after_base`), the
  mirrored punctuation mirrored. A line with Latin words too: between two Arabic letters
  the levels depend on nothing else, so python-bidi resolves that stretch alone (cached).

Lines that are not so simple get None: the caller runs `bidi.visual` on them. The tests
compare both on generated lines.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Sequence
from functools import cache, lru_cache

from newsarc.render import bidi
from newsarc.render.wrap import not_one_cell_wide

GAP = "\ufdd0"  # a noncharacter: where a lam joined the alef after it; not shown

_ALLOWED_CLASSES = frozenset({"AL", "L", "NSM", "WS", "ON", "CS", "ES", "ET", "EN", "AN"})
_NUMBER_CLASSES = frozenset({"EN", "AN"})
_CLASS_LETTER = {"EN": "E", "AN": "A", "CS": "C", "ES": "S", "ET": "T"}  # numbers, separators
_LETTER_CLASS = {letter: kind for kind, letter in _CLASS_LETTER.items()}
_SEPARATOR_CLASSES = frozenset({"CS", "ES", "ET"})
# Where the characters of Arabic news are; any other is not simple (and a class of a few
# ranges is quicker to build and to search than one of all Unicode).
_SCRIPTS = (
    (0x0000, 0x08FF),  # Latin-1 (punctuation, digits), Arabic, Arabic Supplement and Extended
    (0x2000, 0x206F),  # General Punctuation
    (0x20A0, 0x20CF),  # currency signs
    (0xFB50, 0xFDCF), (0xFDF0, 0xFDFF),  # Arabic Presentation Forms-A, without noncharacters
    (0xFE70, 0xFEFF),  # Arabic Presentation Forms-B
    (0xFFFD, 0xFFFD),  # the replacement character (render.safe shows controls with it)
)  # fmt: skip
_MAX_MARKS = 3  # harakat in a row that shaping looks through; more: not simple
_ISOLATED, _INITIAL, _MEDIAL, _FINAL = range(4)  # arabic-reshaper's form indices
# Which forms arabic-reshaper gives a letter (isolated, initial, medial, final): its kind.
_KIND_BY_FORMS: dict[tuple[bool, ...], str] = {
    (True, True, True, True): "dual",
    (True, False, False, True): "right",
    (True, False, False, False): "single",
}
# The forms a letter's code counts up through (_Tables.base): alone, joining the letter
# after it, the one before it, both.
_FORMS_BY_KIND = {
    "dual": (_ISOLATED, _INITIAL, _FINAL, _MEDIAL),
    "right": (_ISOLATED, _FINAL),
    "single": (_ISOLATED,),
}


class _Tables:
    """What the fast path knows, derived once from unicodedata, arabic-reshaper's letters and
    python-bidi's mirror table (only when emulating)."""

    def __init__(self, not_one_cell: re.Pattern[str]) -> None:
        from arabic_reshaper.arabic_reshaper import HARAKAT_RE
        from bidi.mirror import MIRRORED

        self.mirror: dict[str, str] = dict(MIRRORED)
        letters = bidi.reshaper().letters
        # Bytes tables, by the low byte of a character of the 0x06xx block.
        self.dual, self.joining, self.harakat = bytearray(256), bytearray(256), bytearray(256)
        self.base = bytearray(256)  # a letter's first code: its forms have the next ones
        self.delta_low, self.delta_high = bytearray(256), bytearray(256)  # by code: XOR
        refused: set[int] = set()
        finals = {forms[_FINAL]: char for char, forms in letters.items() if forms[_FINAL]}
        alefs = [finals[alef_final] for alef_final in bidi.LAM_ALEF]  # ا آ أ إ
        self.lam, self.alef = bytearray(256), bytearray(256)  # of a lam-alef ligature
        self.lam[0x44] = 1
        # Codes: the alefs' first (two each, isolated and final, so that a ligature's code
        # is its alef's final form's plus one number, `ligature_step`), then the others'.
        code = 1
        for char in [*alefs, *(char for char in letters if char not in alefs)]:
            forms = letters[char]
            kind = _KIND_BY_FORMS.get(tuple(bool(form) for form in forms))
            drawable = all(not_one_cell.match(form) is None for form in forms if form)
            if ord(char) >> 8 != 0x06 or kind is None or not drawable:
                if char in alefs or char == "\u0644":
                    raise _Unexpected  # not the letters this knows
                refused.add(ord(char))
                continue
            low = ord(char) & 0xFF
            self.dual[low] = kind == "dual"
            self.joining[low] = kind in ("dual", "right")
            self.alef[low] = char in alefs
            self.base[low] = code
            for form_index in _FORMS_BY_KIND[kind]:
                code = self._code(code, char, ord(forms[form_index]))
        # Lam-alef: the lam's code becomes GAP's, the alef's that of the ligature (after an
        # initial lam, and one more after a medial one).
        self.gap = code
        code = self._code(code, "\u0644", ord(GAP))
        self.ligature_step = code - self.base[ord(alefs[0]) & 0xFF] - 1
        for alef, ligatures in zip(alefs, bidi.LAM_ALEF.values()):
            assert code - self.base[ord(alef) & 0xFF] - 1 == self.ligature_step
            for ligature in ligatures:
                code = self._code(code, alef, ord(ligature))
        for point in [*range(0x0600, 0x0700), *range(0x0800, 0x0900)]:
            if HARAKAT_RE.match(chr(point)):
                if point >> 8 == 0x06 and chr(point) not in letters:
                    self.harakat[point & 0xFF] = 1
                else:
                    refused.add(point)
        self.is_06 = bytes(1 if high == 0x06 else 0 for high in range(256))
        self.flags = bytes(
            self.dual[low]
            | self.joining[low] << 1
            | self.harakat[low] << 2
            | self.lam[low] << 3
            | self.alef[low] << 4
            for low in range(256)
        )
        self.mirrored_re = re.compile(_char_class(sorted(map(ord, self.mirror))))

        plain: list[int] = []  # simple characters that are neither numbers nor marks
        numbers: list[int] = []
        separators: list[int] = []
        marks: list[int] = []  # NSM or combining: W1 types them after what precedes them
        combining: list[int] = []  # what bidi._marks_after_base keeps after their letter
        arabic: list[int] = []
        latin: list[int] = []  # left-to-right letters (L): Latin, Greek, Cyrillic, ...
        for first, last in _SCRIPTS:
            for point in range(first, last + 1):
                char = chr(point)
                kind = unicodedata.bidirectional(char)
                if kind not in _ALLOWED_CLASSES or point in refused:
                    continue
                mark = kind == "NSM" or unicodedata.combining(char)
                if unicodedata.combining(char):
                    combining.append(point)
                if mark:
                    marks.append(point)
                elif kind in _NUMBER_CLASSES:
                    numbers.append(point)
                elif kind == "L":
                    latin.append(point)
                else:
                    plain.append(point)
                    if kind in _SEPARATOR_CLASSES:
                        separators.append(point)
                    elif kind == "AL":
                        arabic.append(point)
        # A line of `plain` characters only is simple, with nothing kept in order.
        self.not_plain = re.compile("[^" + _char_class(plain)[1:])
        self.not_plain_nor_number = re.compile("[^" + _char_class(sorted(plain + numbers))[1:])
        # What makes a line not simple: a character of no class here, a mark after a number
        # or a Latin letter, more harakat in a row than shaping looks through. (Three
        # patterns each starting with a class, searched at C speed; one alternation of them
        # is three times slower.)
        harakat = _char_class([0x0600 + low for low in range(256) if self.harakat[low]])
        self._refused = (
            re.compile("[^" + _char_class(sorted(plain + numbers + marks + latin))[1:]),
            re.compile(_char_class(numbers + separators + latin) + _char_class(marks)),
            re.compile(harakat + harakat + f"{{{_MAX_MARKS}}}"),
        )
        # The first of them or a Latin letter: one pass for what _reordered refuses.
        self._latin_or_no_class = re.compile(
            "[^" + _char_class(sorted(plain + numbers + marks))[1:]
        )
        # A run of numbers and separators holding a number; a run of anything but Arabic.
        # (From its first number: a pattern starting with a class is searched at C speed.)
        numeric = _char_class(sorted(numbers + separators))
        self.number_run = re.compile(f"{_char_class(numbers)}{numeric}*")
        self.numbers = re.compile(f"{_char_class(numbers)}+")
        self.separators = frozenset(map(chr, separators))
        # Each number and separator as its class's letter: the weak rules look at nothing
        # else, so _level_two caches its answers by these (a few dozen, not a run each).
        self.class_letters = str.maketrans(
            {chr(point): _CLASS_LETTER[unicodedata.bidirectional(chr(point))]
             for point in numbers + separators}
        )  # fmt: skip
        if any(char.isdigit() for char in self.separators):
            raise _Unexpected  # _numbers_kept takes a run of str.isdigit() for digits alone
        self.joining_separators = "".join(  # CS and ES: W4 turns them into numbers, not W5
            chr(point) for point in separators if unicodedata.bidirectional(chr(point)) != "ET"
        )
        self.arabic = re.compile(_char_class(arabic))
        self.latin = re.compile(_char_class(latin))
        self.not_arabic_run = re.compile("[^" + _char_class(arabic)[1:] + "+")
        self.latin_or_number = re.compile(_char_class(sorted(latin + numbers)))
        combining_class = _char_class(combining)
        self.has_combining = re.compile(combining_class)
        # (Written as a class, then its repetition: a pattern starting with a class is searched
        # at C speed, one starting with a repetition tried at every character, 3 times slower.)
        self.marks_run = re.compile(f"{combining_class}{combining_class}*")
        self.mark_not_after_arabic = re.compile(
            "[^" + _char_class(sorted(arabic + marks))[1:] + _char_class(marks)
        )

    def letters_with_marks(self, text: str) -> list[tuple[int, int]]:
        """Where each letter (any character but a combining one) followed by combining
        marks is, with them. (Found from the marks: a pattern starting with "any but"
        tries every character, ten times slower.)"""
        return [
            (found.start() - 1, found.end())
            for found in self.marks_run.finditer(text)
            if found.start()  # (marks first: none before them)
        ]

    def refused(self, text: str) -> bool:
        """Whether `text` holds what makes a line not simple (see `_refused`)."""
        return any(pattern.search(text) is not None for pattern in self._refused)

    def refused_or_latin(self, text: str) -> bool:
        """Whether `text` is `refused` or holds a Latin letter (one pass fewer than both)."""
        return self._latin_or_no_class.search(text) is not None or any(
            pattern.search(text) is not None for pattern in self._refused[1:]
        )

    def _code(self, code: int, char: str, form: int) -> int:
        """Give `code` to `form` of the 0x06xx `char`; the next code."""
        if code > 0xFF:
            raise _Unexpected
        self.delta_low[code] = (form ^ ord(char)) & 0xFF
        self.delta_high[code] = (form >> 8) ^ 0x06
        return code + 1


class _Unexpected(Exception):
    """arabic-reshaper's letters or Unicode's classes are not what this counts on: more
    forms than a byte counts, lam and the alefs of its ligatures not among the letters
    shaped here, or a separator that str.isdigit() takes for a digit."""


@cache
def tables() -> _Tables | None:
    """The fast path's tables; None where rich's cell widths are unknown (render.wrap) or
    arabic-reshaper's letters are not what this counts on: then every line takes
    `bidi.visual`."""
    not_one_cell = not_one_cell_wide()
    if not_one_cell is None:
        return None
    try:
        return _Tables(not_one_cell)
    except _Unexpected:
        return None


def _char_class(points: list[int]) -> str:
    ranges: list[list[int]] = []
    for point in points:
        if ranges and ranges[-1][1] == point - 1:
            ranges[-1][1] = point
        else:
            ranges.append([point, point])
    return "[" + "".join(f"\\u{start:04x}-\\u{end:04x}" for start, end in ranges) + "]"


# -- shaping ------------------------------------------------------------------------------


def shape(text: str) -> str | None:
    """`text` with its Arabic letters in the forms `bidi.shape` gives them, each lam-alef
    joined into one character after GAP, and the mirrored characters mirrored (as python-bidi
    does in a right-to-left run): the same length as `text`. None if the text holds
    characters beyond the Basic Multilingual Plane, or rich's cell widths are unknown.

    A long text is shaped in pieces cut at white space, where letters never join: integers
    of a piece's size stay in the processor's caches (4 MB: 77 ms whole, 48 in pieces)."""
    pieces: list[str] = []
    start = 0
    while start < len(text):
        cut = _SPACE.search(text, start + _PIECE)
        end = len(text) if cut is None else cut.end()
        shaped = _shape(text[start:end])
        if shaped is None:
            return None
        pieces.append(shaped)
        start = end
    return "".join(pieces)


_PIECE = 32_768  # characters
_SPACE = re.compile(r"\s")


def _shape(text: str) -> str | None:
    """`shape` of one piece."""
    t = tables()
    data = text.encode("utf-16-le")
    length = len(text)
    if t is None or len(data) != 2 * length:
        return None
    # Integers with a byte a character, the UTF-16 of a letter being 0x06 and a byte of
    # the tables: 1 where the character is such a letter, else 0.
    low, high = data[0::2], data[1::2]
    in_06 = _bits(high.translate(t.is_06))
    flags = _bits(low.translate(t.flags))  # bits: dual-joining, joining, harakat, lam, alef
    dual = flags & in_06
    joining = (flags >> 1) & in_06
    harakat = (flags >> 2) & in_06
    # A letter joins the next when both join that way and only harakat lie between them.
    next_joining = previous_dual = 0
    through_next = through_previous = -1
    for distance in range(1, _MAX_MARKS + 2 if harakat else 2):
        next_joining |= through_next & (joining >> 8 * distance)
        previous_dual |= through_previous & (dual << 8 * distance)
        through_next &= harakat >> 8 * distance
        through_previous &= harakat << 8 * distance
    joins_next = dual & next_joining
    joins_previous = joining & previous_dual
    # The code of each letter's form (0: not a letter), as _Tables counts them.
    code = (_bits(low.translate(t.base)) & in_06 * 0xFF) + joins_next + joins_previous
    code += joins_previous & dual
    # Lam-alef: a lam right before one of the alefs (it joins it, initial or medial).
    lam = ((flags >> 3) & in_06) & (((flags >> 4) & in_06) >> 8)
    code += (lam << 8) * t.ligature_step + ((lam & joins_previous) << 8)
    code += lam * t.gap - (code & lam * 0xFF)
    codes = code.to_bytes(length, "little")  # each term is masked by one of n bytes
    delta = bytearray(2 * length)
    delta[0::2] = codes.translate(t.delta_low)
    delta[1::2] = codes.translate(t.delta_high)
    shaped = (_bits(data) ^ _bits(delta)).to_bytes(2 * length, "little").decode("utf-16-le")
    return t.mirrored_re.sub(lambda found: t.mirror[found.group()], shaped)


def _bits(data: bytes | bytearray) -> int:
    return int.from_bytes(data, "little")


# -- reordering ---------------------------------------------------------------------------


def visual_lines(
    text: str,
    shaped: str,
    ranges: list[tuple[int, int]],
    stops: list[int],
    folded: bool = True,
) -> Sequence[str | None]:
    """For each line of a paragraph (`ranges`: where render.wrap breaks `text`, `stops`:
    where each line's last word ends; `shaped`: `shape`'s result for `text`), `visual_line`
    of what is before its stop. A 4 MB article is 25,000 lines: where it can, this reorders
    the whole paragraph at once (`_reordered`) and cuts its lines from that. `folded`: some
    line may end inside a word (render.wrap's `Lines.folded`)."""
    t = tables()
    if t is None:
        return [None] * len(stops)
    folds = (
        {
            start
            for start, _ in ranges[1:]
            if not text[start - 1].isspace() and not text[start].isspace()
        }
        if folded
        else None
    )
    has_gap = GAP in shaped
    reordered = _reordered(text, shaped, ranges, stops, t)
    if reordered is not None and not folds:  # most paragraphs
        length = len(text)
        lines = [
            reordered[length - stop : length - start] for (start, _), stop in zip(ranges, stops)
        ]
        return [line.replace(GAP, "") for line in lines] if has_gap else lines
    shown: list[str | None] = []
    if reordered is not None:
        length = len(text)
        for (start, end), stop in zip(ranges, stops):
            if folds and (start in folds or end in folds):  # letters join across the lines
                shown.append(None)
            else:
                line = reordered[length - stop : length - start]
                shown.append(line.replace(GAP, "") if has_gap else line)
        return shown
    marks = t.has_combining.search(text) is not None
    for (start, end), stop in zip(ranges, stops):
        if folds and (start in folds or end in folds):
            shown.append(None)
        elif t.not_plain.search(text, start, stop) is None:
            line = shaped[start:stop][::-1]
            shown.append(line.replace(GAP, "") if has_gap else line)
        else:
            line = text[start:stop]
            kept = _kept_in_order(line, t, marks)
            shown.append(None if kept is None else _put_together(line, shaped[start:stop], kept))
    return shown


def _reordered(
    text: str, shaped: str, ranges: list[tuple[int, int]], stops: list[int], t: _Tables
) -> str | None:
    """A paragraph of plain characters, numbers and marks (no Latin letter, nothing refused)
    reversed whole, each stretch `_kept_in_order` would keep on its line kept in its place:
    each line's `visual_line` is then its stretch of this. None for another paragraph, or
    one where a stretch would not lie within a line (a number across a folded word)."""
    if t.not_plain.search(text) is None:  # most paragraphs: nothing kept in order
        return shaped[::-1]
    # Characters neither plain nor numbers: marks, unless Latin letters or refused ones.
    marks = t.not_plain_nor_number.search(text) is not None
    if marks and t.refused_or_latin(text):
        return None
    starts = [start for start, _ in ranges]
    numbers = _numbers_kept(text, starts, stops, t)
    if numbers is None:
        return None
    kept = numbers
    if marks and t.has_combining.search(text) is not None:
        for start, stop in t.letters_with_marks(text):
            line = bisect_right(starts, start) - 1
            if start < starts[line] or stop > stops[line]:
                return None
            kept.append((start, stop, False))
        kept.sort()
        if any(stop > start for (_, stop, _), (start, _, _) in zip(kept, kept[1:])):
            return None  # a number with a mark: line by line
    return _reversed_keeping(text, shaped, kept)


def _numbers_kept(
    text: str, starts: list[int], stops: list[int], t: _Tables
) -> list[tuple[int, int, bool]] | None:
    """The stretches of the numbers of `text` that python-bidi's weak rules put at level 2,
    as (start, stop, True), each number judged on its line (lines from `starts`, their last
    words ending at `stops`); None if a number runs past its line's end."""
    kept: list[tuple[int, int, bool]] = []
    arabic_from: dict[int, int] = {}  # a line's first Arabic letter, where it matters
    separators, joining = t.separators, t.joining_separators
    for found in t.number_run.finditer(text):
        run_start, run_end = found.span()
        line = bisect_right(starts, run_start) - 1
        if run_end > stops[line]:
            return None
        digits = found.group().rstrip(joining)
        if digits.isdigit() and (
            run_start == starts[line] or text[run_start - 1] not in separators
        ):  # most: digits alone, maybe a comma after them, at level 2 (see _level_two)
            kept.append((run_start, run_start + len(digits), True))
            continue
        while run_start > starts[line] and text[run_start - 1] in separators:  # % in %50
            run_start -= 1
        after_arabic, elsewhere = _level_two(text[run_start:run_end], t)
        if after_arabic != elsewhere:  # W2 decides: is there an Arabic letter before?
            if line not in arabic_from:
                first = t.arabic.search(text, starts[line], stops[line])
                arabic_from[line] = stops[line] if first is None else first.start()
            after_arabic = after_arabic if arabic_from[line] < run_start else elsewhere
        kept.extend((run_start + at, run_start + to, True) for at, to in after_arabic)
    return kept


def _reversed_keeping(text: str, shaped: str, kept: list[tuple[int, int, bool]]) -> str:
    """`shaped` reversed, each of the `kept` stretches (sorted) put back in its order at its
    place: at level 2 as `text` writes it (neither shaped nor mirrored), a letter with its
    marks as shaped."""
    reversed_text = shaped[::-1]
    pieces = []
    length, taken = len(text), 0
    for start, stop, level_two in reversed(kept):
        pieces.append(reversed_text[taken : length - stop])
        pieces.append(text[start:stop] if level_two else shaped[start:stop])
        taken = length - start
    pieces.append(reversed_text[taken:])
    return "".join(pieces)


def visual_line(line: str, shaped: str) -> str | None:
    """`bidi.visual(line, rtl=True)[0]` for a line of a right-to-left paragraph, given
    `shaped`, the same stretch of `shape`'s result; None if the line is not simple."""
    t = tables()
    if t is None:
        return None
    kept = [] if t.not_plain.search(line) is None else _kept_in_order(line, t)
    return None if kept is None else _put_together(line, shaped, kept)


def _put_together(line: str, shaped: str, kept: list[tuple[int, int, bool]]) -> str:
    """The line reversed, its `kept` stretches in their order, without ligatures' gaps."""
    return _reversed_keeping(line, shaped, kept).replace(GAP, "")


def reversed_runs(
    line: str, shaped: str, spans: list[tuple[int, int]]
) -> list[tuple[int, int]] | None:
    """Where the characters of `spans` (of `line`) stand in `visual_line(line, shaped)`, as
    runs (a run a span, sorted), when that line is `shaped` reversed but for its ligatures'
    gaps (no number, mark or Latin letter kept in order); None for another line. Counted
    rather than mapped character by character (`visual_map`): a span's characters are shown
    in one run, its left end where those after the span end, its right end where those from
    its start end."""
    t = tables()
    if t is None or t.not_plain.search(line) is not None:
        return None
    length = len(shaped)

    def shown_from(at: int) -> int:
        """How many characters of the visual line show characters of `line` from `at` on: a
        ligature shows its lam (GAP in `shaped`), not its alef."""
        if at >= length:
            return 0
        shown_at = shaped[at] != GAP and not (at and shaped[at - 1] == GAP)
        return length - at - 1 - shaped.count(GAP, at + 1) + shown_at

    runs = [(shown_from(end), shown_from(start)) for start, end in spans]
    return sorted((left, right) for left, right in runs if left < right)


def visual_map(line: str, shaped: str) -> list[int] | None:
    """`bidi.visual(line, rtl=True)[1]`: for each character of `visual_line`, the index in
    `line` of the character it shows."""
    t = tables()
    if t is None:
        return None
    kept = [] if t.not_plain.search(line) is None else _kept_in_order(line, t)
    if kept is None:
        return None
    order: list[int] = []
    end = len(line)
    for start, stop, _ in reversed(kept):
        order.extend(range(end - 1, stop - 1, -1))
        order.extend(range(start, stop))
        end = start
    order.extend(range(end - 1, -1, -1))
    if GAP not in shaped:
        return order
    # A ligature stands at the alef's place, shown for the lam before it (bidi.shape).
    return [
        index - 1 if index and shaped[index - 1] == GAP else index
        for index in order
        if shaped[index] != GAP
    ]


def _kept_in_order(
    line: str, t: _Tables, marks: bool = True
) -> list[tuple[int, int, bool]] | None:
    """The stretches of a line that is not plain (`_Tables.not_plain`) that keep their order
    when the rest is reversed, sorted: (start, stop, True) at level 2 (numbers,
    left-to-right words), (start, stop, False) a letter with the marks after it (False
    `marks`: the line has none). None if the line is not simple."""
    kept: list[tuple[int, int, bool]] = []
    if t.not_plain_nor_number.search(line) is None or not t.refused_or_latin(line):
        numbers = _numbers_kept(line, [0], [len(line)], t)
        assert numbers is not None  # a line holds its numbers whole
        kept = numbers
    elif t.refused(line):
        return None
    elif t.mark_not_after_arabic.search(line) is not None:
        return None  # a mark may be at level 2 with the word it follows: not simple
    else:  # between two Arabic letters, levels do not depend on the rest of the line
        for run in t.not_arabic_run.finditer(line):
            if t.latin_or_number.search(line, run.start(), run.end()) is None:
                continue
            for start, stop in _levels_between_arabic(
                run.group(), run.start() > 0, run.end() < len(line)
            ):
                kept.append((run.start() + start, run.start() + stop, True))
    if marks and t.has_combining.search(line) is not None:
        kept.extend((start, stop, False) for start, stop in t.letters_with_marks(line))
        kept.sort()
    return kept


@lru_cache(maxsize=4096)
def _levels_between_arabic(
    run: str, arabic_before: bool, arabic_after: bool
) -> tuple[tuple[int, int], ...]:
    """The stretches of a run holding no Arabic letter that the Unicode algorithm puts at
    level 2, the run standing after an Arabic letter or at the line's start, and before an
    Arabic letter or at its end: the algorithm itself (python-bidi), on the run alone."""
    before, after = ("\u0628" if arabic_before else ""), ("\u0628" if arabic_after else "")
    resolved = bidi.levels(before + run + after, rtl=True)
    return _stretches([level >= 2 for _, level in resolved[len(before) : len(before) + len(run)]])


def _stretches(flags: list[bool]) -> tuple[tuple[int, int], ...]:
    stretches: list[tuple[int, int]] = []
    for index, flag in enumerate(flags):
        if not flag:
            continue
        if stretches and stretches[-1][1] == index:
            stretches[-1] = (stretches[-1][0], index + 1)
        else:
            stretches.append((index, index + 1))
    return tuple(stretches)


Stretches = tuple[tuple[int, int], ...]


def _level_two(run: str, t: _Tables) -> tuple[Stretches, Stretches]:
    """The stretches of a run of numbers and separators that python-bidi's weak rules put
    at level 2, the run standing between characters that are neither: after an Arabic
    letter (W2: European digits become Arabic numbers), and not."""
    # Most are digits alone, maybe with a separator after them (2017، or 2016.): the digits
    # at level 2 (as EN or as AN), the separator not (W4 joins it to numbers on both sides
    # only, W6 makes it a neutral).
    digits = run.rstrip(t.joining_separators)
    if t.numbers.fullmatch(digits):
        whole = ((0, len(digits)),)
        return whole, whole
    return _level_two_with_separators(run.translate(t.class_letters))


@lru_cache(maxsize=4096)
def _level_two_with_separators(classes: str) -> tuple[Stretches, Stretches]:
    """`_level_two` of a run given as its characters' classes (`_Tables.class_letters`)."""
    return _level_two_where(classes, True), _level_two_where(classes, False)


def _level_two_where(classes: str, after_arabic: bool) -> Stretches:
    kinds = [_LETTER_CLASS[letter] for letter in classes]
    if after_arabic:  # W2
        kinds = ["AN" if kind == "EN" else kind for kind in kinds]
    for index in range(1, len(kinds) - 1):  # W4, in python-bidi's order
        before, after = kinds[index - 1], kinds[index + 1]
        if kinds[index] == "ES" and before == after == "EN":
            kinds[index] = "EN"
        if kinds[index] == "CS" and before == after and before in _NUMBER_CLASSES:
            kinds[index] = before
    for index, kind in enumerate(kinds):  # W5
        if kind != "EN":
            continue
        for step in (-1, 1):
            other = index + step
            while 0 <= other < len(kinds) and kinds[other] == "ET":
                kinds[other] = "EN"
                other += step
    return _stretches([kind in _NUMBER_CLASSES for kind in kinds])
