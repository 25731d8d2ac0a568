"""Output for people: rich renderables built from model objects.

Article text is never parsed as rich markup (an article may well contain `[b]`): every
piece of it goes into `rich.text.Text` and highlights are applied with `stylize` on
whole-word spans, so an escape code never lands inside a word and breaks letter joining.

All printing goes through a `Printer`, which wraps paragraphs at the terminal's width and
then applies the right-to-left mode (see `render.bidi`) line by line: wrapping must come
first, because a terminal that does not reorder shows each screen line on its own.
"""

from __future__ import annotations

import contextlib
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from rich.console import Console
from rich.segment import Segment, Segments
from rich.text import Span, Text

from newsarc.model import (
    AddOutcome,
    AddReport,
    Analysis,
    Article,
    CheckReport,
    Hit,
    SearchResult,
    Stats,
    Timeline,
)
from newsarc.render import bidi, bidi_fast
from newsarc.render.safe import control_positions, shown, shown_at
from newsarc.render.wrap import line_ranges, lines_and_cells
from newsarc.snippets import ELLIPSIS
from newsarc.wording import counted

if TYPE_CHECKING:
    from rich.table import Table

    from newsarc.reader import Inputs

LEAD_CHARS = 90
INDENT = 3
LABEL_WIDTH = 10
# Visible without colour too (NO_COLOR, monochrome terminals): bold and reverse video.
MATCH_STYLE_COLOR = "bold yellow"
MATCH_STYLE_PLAIN = "bold reverse"
META_STYLE = "cyan"
BAR_STYLE = "blue"
SEPARATOR = " · "
# Lines printed by one console.print in a batch. Not all of them: rich splits what it
# prints into lines by partitioning the rest of the text at each newline, which copies the
# rest every time (7 s for the 37,000 lines of a 4 MB article printed at once).
BATCH_LINES = 200

Spans = Iterable[tuple[int, int]]


def match_style(console: Console) -> str:
    return (
        MATCH_STYLE_PLAIN if console.no_color or console.color_system is None else MATCH_STYLE_COLOR
    )


def safe(text: Text) -> Text:
    """`text` with its control characters made visible (render.safe): every piece of text
    goes through here before a console prints it. Styles stay on the same characters."""
    plain = text.plain
    cleaned = shown(plain)
    if cleaned == plain:
        return text
    copy = text.copy()
    copy.plain = cleaned
    return copy


def _highlighted(text: str, spans: Spans, style: str, base: str = "") -> Text:
    rich_text = Text(shown(text), style=base)  # before rich drops some controls, moving spans
    for start, end in spans:
        rich_text.stylize(style, start, end)
    return rich_text


class Printer:
    """Prints lines and paragraphs to a console in one right-to-left mode.

    `bidi` is "off" (text as stored), "terminal" (logical order, fields of mixed lines
    isolated) or "emulate" (visual order and shaped letters; right-to-left paragraphs
    aligned to the right). A console that soft-wraps (a pipe) gets unwrapped lines.
    """

    def __init__(self, console: Console, bidi_mode: str = "off") -> None:
        if bidi_mode not in ("off", "terminal", "emulate"):
            raise ValueError(f"unresolved bidi mode {bidi_mode!r}")
        self.console = console
        self.bidi = bidi_mode
        self.wrap = not console.soft_wrap
        self._batch: _Batch | None = None

    @contextlib.contextmanager
    def batched(self) -> Iterator[None]:
        """Lines printed inside are printed BATCH_LINES at a time, each batch in one
        console.print: a 4 MB article is thousands of paragraphs, and each print is a whole
        rich render (2.5 s when printed one by one)."""
        self._batch = _Batch(self.console, self.wrap)
        try:
            yield
        finally:
            batch, self._batch = self._batch, None
            batch.flush()

    @property
    def match_style(self) -> str:
        return match_style(self.console)

    # -- pieces -------------------------------------------------------------------------

    def field(self, text: Text) -> Text:
        """A piece of a mixed line or a table cell, kept apart from its neighbours: isolated
        for a terminal that reorders, reordered on its own when emulating."""
        text = safe(text)
        if not bidi.has_rtl(text.plain):
            return text
        if self.bidi == "terminal":
            return Text(bidi.FSI, end="") + text + Text(bidi.PDI)
        if self.bidi == "emulate":
            return _visual_text(text, bidi.is_rtl(text.plain))
        return text

    # -- printing -----------------------------------------------------------------------

    def blank(self) -> None:
        if self._batch is not None and self.wrap:
            self._batch.add_plain([""])
        elif self._batch is not None:
            self._batch.add(Text())
        else:
            self.console.print()

    def line(
        self, *parts: Text, sep: str = SEPARATOR, prefix: Text | None = None, sep_style: str = "dim"
    ) -> None:
        """One line of fields (source, date, …): each field isolated from the others."""
        out = Text(end="")
        if prefix is not None:
            out.append_text(safe(prefix))
        for number, part in enumerate(parts):
            if number:
                out.append(sep, style=sep_style)
            out.append_text(self.field(part))
        if self.wrap:
            self.console.print(out, no_wrap=True, overflow="ellipsis")
        else:
            self.console.print(out, soft_wrap=True)

    def paragraph(
        self, text: Text, indent: int = 0, prefix: Text | None = None, body: bool = True
    ) -> None:
        """A paragraph wrapped to the width, after `prefix` (padded to `indent`) or `indent`
        spaces. Body text (titles, snippets, article text) in a right-to-left language is
        aligned to the right when emulating; a field value after a label is not."""
        text = safe(text)
        width = self._width(indent)
        rtl = bidi.is_rtl(text.plain)
        lines = _wrap(text, self.console, width) if self.wrap else [text]
        for number, line in enumerate(lines):
            if number == 0 and prefix is not None:
                lead = prefix.copy()
                lead.pad_right(max(0, indent - lead.cell_len))
            else:
                lead = Text(" " * indent)
            self._print_line(lead + self._finished(line, width, rtl, body))

    def _width(self, indent: int) -> int:
        # In a batch, the width it started with (rich reads it from the terminal: 20 µs).
        width = self._batch.width if self._batch is not None else self.console.width
        return max(10, width - indent) if self.wrap else 0

    def _finished(self, line: Text, width: int, rtl: bool, body: bool) -> Text:
        """A wrapped line as it is printed: without the spaces after its last word, and in
        the right-to-left mode."""
        line.rstrip()
        if self.bidi == "emulate" and (rtl or bidi.has_rtl(line.plain)):
            line = _visual_text(line, rtl)
            if rtl and body and self.wrap:
                line.pad_left(max(0, width - line.cell_len))
        elif self.bidi == "terminal" and not body and bidi.has_rtl(line.plain):
            line = self.field(line)
        return line

    def text_paragraph(
        self,
        paragraph: str,
        spans: Spans,
        style: str,
        shaped: str | None = None,
        *,
        visible: bool = False,
    ) -> None:
        """A paragraph of an article's text (without newlines), its matches at `spans` in
        `style`: what `paragraph` prints, found faster where it can be. A 4 MB article is
        37,000 lines on a terminal of 100 columns, and a rich Text for each of them, wrapped
        word by word, cost 2.5 s before the first screen. Where rich would neither change a
        line nor style it (no match on it, logical order), the line goes out as its
        characters; newsarc's wrapping (render.wrap) finds the lines where rich's would.
        `visible`: the paragraph is known to hold no control (`safe.is_shown`)."""
        batch = self._batch
        if batch is None or not self.wrap or (self.bidi == "emulate" and shaped is None):
            self.paragraph(_highlighted(paragraph, spans, style))
            return
        if self.bidi == "emulate":
            assert shaped is not None
            self._emulated_paragraph(batch, paragraph, spans, style, shaped, visible)
            return
        text = paragraph if visible else shown(paragraph)
        width = self._width(0)
        found = lines_and_cells(text, width)
        if found is None:
            self.paragraph(_highlighted(paragraph, spans, style))
            return
        ranges, stops = found.ranges, found.stops
        spans = sorted((start, min(end, len(text))) for start, end in spans if start < end)
        if not spans:  # most paragraphs of a long article
            batch.add_plain([text[start:stop] for (start, _), stop in zip(ranges, stops)])
            return
        plain: list[str] = []  # lines without marks, printed together
        for line, marks in _marked_lines(text, ranges, stops, spans):
            if not marks:
                plain.append(line)
                continue
            batch.add_plain(plain)
            plain = []
            batch.add_marked(line, marks, style)
        batch.add_plain(plain)

    def shaped(self, text: str, controls: list[int] | None = None) -> str | None:
        """For `text_paragraph` when emulating: the shown text shaped whole (render.bidi_fast)
        once rather than line by line; None when not emulating or it cannot be. `controls`:
        `safe.control_positions(text)`, when known."""
        if self.bidi != "emulate" or not self.wrap or self._batch is None:
            return None
        return bidi_fast.shape(shown(text) if controls is None else shown_at(text, controls))

    def _emulated_paragraph(
        self, batch: _Batch, paragraph: str, spans: Spans, style: str, shaped: str,
        visible: bool,
    ) -> None:  # fmt: skip
        """`text_paragraph` when emulating: each line reordered by render.bidi_fast where it
        can, and otherwise as `paragraph` does. 8 s for a 4 MB article line by line."""
        text = paragraph if visible else shown(paragraph)
        width = self._width(0)
        found = lines_and_cells(text, width) if bidi.is_rtl(text) else None
        if found is None:
            self.paragraph(_highlighted(paragraph, spans, style))
            return
        ranges, stops, cells, folded = found
        shown_lines = bidi_fast.visual_lines(text, shaped, ranges, stops, folded)
        simple = None not in shown_lines
        highlights = (
            sorted((start, min(end, len(text))) for start, end in spans if start < end)
            if spans
            else []
        )
        all_shown: list[str] = shown_lines  # type: ignore[assignment]  # (when `simple`)
        if not highlights and simple and not cells.zeros:
            # Each character of a shown line a cell: aligned to the right by str.rjust.
            batch.add_plain([line.rjust(width) for line in all_shown])
            return
        # Aligned to the right: a ligature is one cell for the two characters it shows.
        gaps = bidi_fast.GAP in shaped
        pads = [
            max(0, width - cells.between(start, stop) + (shaped.count(bidi_fast.GAP, start, stop)
                                                         if gaps else 0))
            for (start, _), stop in zip(ranges, stops)
        ]  # fmt: skip
        if not highlights and simple:
            batch.add_plain([" " * pad + line for pad, line in zip(pads, all_shown)])
            return
        marked = _marked_lines(text, ranges, stops, highlights)
        plain: list[str] = []
        for (start, _), stop, line, pad, (_, marks) in zip(
            ranges, stops, shown_lines, pads, marked
        ):
            if line is None:  # not simple: the Unicode algorithm itself
                batch.add_plain(plain)
                plain = []
                rich_line = Text(text[start:stop], spans=[Span(*mark, style) for mark in marks])
                batch.add(self._finished(rich_line, width, True, True))
            elif not marks:
                plain.append(" " * pad + line)
            else:
                batch.add_plain(plain)
                plain = []
                batch.add_marked(
                    " " * pad + line,
                    _visual_marks(text[start:stop], shaped[start:stop], marks, pad),
                    style,
                )
        batch.add_plain(plain)

    def _print_line(self, line: Text) -> None:
        if self._batch is not None:
            self._batch.add(line)
            return
        self._emit(line)

    @property
    def plain(self) -> bool:
        """Output with nothing to wrap, reorder or style (a pipe): text goes out as it is."""
        return not self.wrap and self.bidi == "off" and self.console.color_system is None

    def plain_paragraphs(self, paragraphs: Iterable[str]) -> None:
        """Paragraphs (no newline inside) separated by blank lines, on a `plain` printer: the
        characters `paragraph` prints there, without a rich Text for each. A 4 MB article
        is thousands of paragraphs, and rich reads every character of every Text it makes
        several times (0.4 s); here only those holding a tab go through rich, which expands
        tabs by the cells of the characters before them."""
        if not self.plain:
            raise ValueError("plain_paragraphs needs a plain printer (see Printer.plain)")
        lines = []
        for paragraph in paragraphs:
            line = shown(paragraph).rstrip()
            if "\t" in line:
                expanded = Text(line)
                expanded.expand_tabs(self.console.tab_size)
                line = expanded.plain
            lines.append(line)
        if lines:
            # Through the console, not to its file: a capture or a recording still sees it.
            self.console.print(Segments([Segment("\n\n".join(lines) + "\n")]), soft_wrap=True)

    def _emit(self, line: Text) -> None:
        _emit(self.console, self.wrap, line)

    def renderable(self, renderable: object) -> None:
        self.console.print(renderable)


def _marked_lines(
    text: str, ranges: list[tuple[int, int]], stops: list[int], spans: list[tuple[int, int]]
) -> Iterator[tuple[str, list[tuple[int, int]]]]:
    """Each line of `text` at `ranges` as rich prints it, without the spaces after its last
    word (up to its stop), and the parts of `spans` (sorted) on it, from the line's start."""
    first = 0  # the spans before it end before this line (a 4 MB paragraph may have 10⁴)
    for (start, _), stop in zip(ranges, stops):
        line = text[start:stop]  # rich drops the styles on the spaces it strips
        while first < len(spans) and spans[first][1] <= start:
            first += 1
        marks = []
        for index in range(first, len(spans)):
            at, until = spans[index]
            if at >= stop:
                break
            if until > start:
                marks.append((max(at, start) - start, min(until, stop) - start))
        yield line, marks


def _emit(console: Console, wrap: bool, line: Text) -> None:
    # Lines are wrapped already: rich must neither wrap them again nor, on a pipe, crop.
    if wrap:
        console.print(line, no_wrap=True, overflow="crop")
    else:
        console.print(line, soft_wrap=True)


class _Batch:
    """Lines waiting to be printed together, BATCH_LINES or more at a time (Printer.batched).

    Wrapped lines (a terminal) are kept as their segments: printed as one Text, rich would
    wrap, measure and crop them all again (half of a long show). Lines without styles are
    kept as their characters, and go out as one segment: the same characters on the screen.
    Lines not wrapped (soft wrap) are printed as one Text."""

    def __init__(self, console: Console, wrap: bool) -> None:
        self.console = console
        self.wrap = wrap
        self.width = console.width
        self.lines: list[Text] = []  # not wrapped
        self.segments: list[Segment] = []  # wrapped, styled
        self.plain: list[str] = []  # wrapped, without styles, after the segments
        self.count = 0

    def add(self, line: Text) -> None:
        if not self.wrap:
            self.lines.append(line)
        else:
            self._plain_to_segments()
            self.segments.extend(line.render(self.console))
            self.segments.append(Segment.line())
        self._counted(1)

    def add_marked(self, line: str, marks: list[tuple[int, int]], style: str) -> None:
        """A wrapped line with `style` on the `marks` (sorted by start). What rich renders of
        it, without a Text for it where the marks do not overlap: each stretch between them
        unstyled, each of them in the style (rich combines the line's empty style with it)."""
        if not self.wrap or any(end > start for (_, end), (start, _) in zip(marks, marks[1:])):
            self.add(Text(line, spans=[Span(start, end, style) for start, end in marks]))
            return
        self._plain_to_segments()
        marked = self.console.get_style(style)
        done = 0
        for start, end in marks:
            if start > done:
                self.segments.append(Segment(line[done:start]))
            self.segments.append(Segment(line[start:end], marked))
            done = end
        if done < len(line):
            self.segments.append(Segment(line[done:]))
        self.segments.append(Segment.line())
        self._counted(1)

    def add_plain(self, lines: list[str]) -> None:
        """Wrapped lines without styles or control characters."""
        if not self.wrap:
            raise ValueError("plain lines are for a console that wraps")
        self.plain.extend(lines)
        self._counted(len(lines))

    def _counted(self, lines: int) -> None:
        self.count += lines
        if self.count >= BATCH_LINES:
            self.flush()

    def _plain_to_segments(self) -> None:
        if self.plain:
            self.segments.append(Segment("\n".join(self.plain) + "\n"))
            self.plain.clear()

    def flush(self) -> None:
        if self.lines:
            _emit(self.console, self.wrap, Text("\n").join(self.lines))
        self._plain_to_segments()
        if self.segments:
            self.console.print(Segments(self.segments), crop=False)
        self.lines, self.segments, self.count = [], [], 0


def _wrap(text: Text, console: Console, width: int) -> list[Text]:
    """rich's `Text.wrap(console, width, overflow="fold")` of each line of `text`, with the
    breaks found by render.wrap where it can."""
    lines: list[Text] = []
    for piece in text.split("\n", allow_blank=True):
        ranges = None if piece.justify or piece.no_wrap else line_ranges(piece.plain, width)
        if ranges is None:
            lines.extend(piece.wrap(console, width, overflow="fold") or [Text()])
            continue
        for line in piece.divide(start for start, _ in ranges[1:]):
            line.rstrip_end(width)
            line.truncate(width, overflow="fold")
            lines.append(line)
    return lines


def _visual_text(line: Text, rtl: bool) -> Text:
    """The line in visual order (shaped), with every style still on the same characters."""
    shown, origin = bidi.visual(line.plain, rtl)
    out = Text(shown, style=line.style, end="")
    position_of = {logical: visual for visual, logical in enumerate(origin)}
    for span in line.spans:
        for start, end in _visual_runs(position_of, span.start, span.end):
            out.stylize(span.style, start, end)
    return out


def _visual_runs(position_of: dict[int, int], start: int, end: int) -> list[tuple[int, int]]:
    """Where the characters from `start` to `end` stand once reordered, as runs."""
    return _runs(sorted(position_of[index] for index in range(start, end) if index in position_of))


def _visual_marks(
    line: str, shaped: str, marks: list[tuple[int, int]], shift: int
) -> list[tuple[int, int]]:
    """`marks` on a simple line (render.bidi_fast; `shaped`: its shaped characters), where
    they stand once it is reordered and moved right by `shift`; sorted."""
    runs = bidi_fast.reversed_runs(line, shaped, marks)  # most lines: the line reversed
    if runs is not None:
        return [(shift + left, shift + right) for left, right in runs]
    origin = bidi_fast.visual_map(line, shaped)  # each visual character's logical one
    assert origin is not None  # the line is simple
    position_of = dict(zip(origin, range(shift, shift + len(origin))))
    return sorted(run for start, end in marks for run in _visual_runs(position_of, start, end))


def _runs(positions: Sequence[int]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for position in positions:
        if runs and runs[-1][1] == position:
            runs[-1] = (runs[-1][0], position + 1)
        else:
            runs.append((position, position + 1))
    return runs


# -- search -------------------------------------------------------------------------------


def short_lead(article: Article, limit: int = LEAD_CHARS) -> str:
    lead = article.lead
    if len(lead) <= limit:
        return lead
    cut = lead.rfind(" ", 0, limit)
    return lead[: cut if cut > 0 else limit].rstrip() + ELLIPSIS


def print_hit(printer: Printer, hit: Hit) -> None:
    article = hit.article
    style = printer.match_style
    meta = [
        Text(article.source or "unknown source", style=META_STYLE),
        Text(shown_date(article), style=META_STYLE),
    ]
    if article.place:
        meta.append(Text(city(article.place), style=META_STYLE))
    printer.line(*meta, prefix=Text(f"{hit.rank}. ", style="bold"))
    if article.title:
        printer.paragraph(_highlighted(article.title, hit.title_spans, style, base="bold"), INDENT)
    elif not hit.snippets or hit.snippets[0].text.startswith(ELLIPSIS):
        # No title: the start of the lead stands in, unless the snippet already shows it.
        printer.paragraph(Text(short_lead(article), style="italic"), INDENT)
    for snippet in hit.snippets:
        printer.paragraph(_highlighted(snippet.text, snippet.spans, style), INDENT)
    if hit.also_in:
        printer.paragraph(Text(also_in_line(hit), style=META_STYLE), INDENT)
    printer.paragraph(Text(f"id: {article.id}", style="dim"), INDENT)


def city(place: str) -> str:
    """`دبي، الإمارات العربية المتحدة` → `دبي`."""
    return place.replace(",", "،").split("،", 1)[0].strip()


def also_in_line(hit: Hit) -> str:
    names: list[str] = []
    for copy in hit.also_in:
        name = copy.source or "unknown source"
        if name not in names:
            names.append(name)
    count = len(hit.also_in)
    return (
        f"also in: {', '.join(names)} "
        f"({count} more {'article' if count == 1 else 'articles'} of this story)"
    )


def print_search(printer: Printer, result: SearchResult) -> None:
    for hit in result.hits:
        print_hit(printer, hit)
        printer.blank()


def search_summary(result: SearchResult) -> str:
    shown = len(result.hits)
    noun = "article" if result.total == 1 else "articles"
    stories = ""
    if result.stories is not None:
        stories = f" in {result.stories} {'story' if result.stories == 1 else 'stories'}"
    took = f"{result.seconds * 1000:.0f} ms"
    summary = f"{result.total} {noun} matched{stories}, {shown} shown ({took})"
    return summary + (f"\n{result.note}" if result.note else "")


# -- show ---------------------------------------------------------------------------------


def print_article(
    printer: Printer,
    article: Article,
    path: str | None = None,
    title_spans: Spans = (),
    text_spans: Spans = (),
) -> None:
    """The header (source, date, dateline, title, url, id), then the text in paragraphs."""
    style = printer.match_style
    if article.title:
        printer.paragraph(_highlighted(article.title, title_spans, style, base="bold"))
        printer.blank()
    for label, value in (
        ("source", article.source),
        ("signature", article.signature),  # the closing line, kept out of the text
        ("date", _date_label(article)),
        ("dateline", article.dateline),
        ("place", article.place if not article.dateline else None),
        ("agency", article.agency if not article.dateline else None),
        ("url", article.url),
        ("author", article.author),
        ("story", article.story if article.story and article.story != article.id else None),
        ("id", article.id),
    ):
        if value:
            printer.paragraph(Text(str(value)), LABEL_WIDTH, prefix=_label(label), body=False)
    if path:
        # Each folder name on its own: `corpus/العرب/2019` must not read as `2019/العرب`.
        printer.line(
            *[Text(part) for part in path.split("/")], sep="/", sep_style="", prefix=_label("file")
        )
    printer.blank()
    with printer.batched():
        _print_text(printer, article.text, sorted(text_spans))


def _print_text(printer: Printer, text: str, spans: list[tuple[int, int]]) -> None:
    if printer.plain:  # highlights do not show without styles
        printer.plain_paragraphs(paragraph for _, paragraph in _paragraphs(text))
        return
    style = printer.match_style
    # A paragraph without a control is not searched for one again (a 4 MB article's one
    # control would make all 6,000 paragraphs searched).
    controls = control_positions(text)
    shaped = printer.shaped(text, controls)
    first = True
    later = 0  # spans are sorted: those before a paragraph are never looked at again
    for lead, paragraph in _paragraphs(text):
        while later < len(spans) and spans[later][0] < lead:
            later += 1
        inside, end_of_paragraph = [], lead + len(paragraph)
        index = later
        while index < len(spans) and spans[index][0] <= end_of_paragraph:
            start, end = spans[index]
            if end <= end_of_paragraph:
                inside.append((start - lead, end - lead))
            index += 1
        if not first:
            printer.blank()
        first = False
        if shaped is not None:
            paragraph_shaped: str | None = shaped[lead : lead + len(paragraph)]
        else:  # e.g. an emoji somewhere (not shaped whole): each other paragraph on its own
            paragraph_shaped = printer.shaped(paragraph)
        visible = not controls or bisect_left(controls, lead) == bisect_left(
            controls, end_of_paragraph
        )
        printer.text_paragraph(paragraph, inside, style, paragraph_shaped, visible=visible)


def _paragraphs(text: str) -> Iterator[tuple[int, str]]:
    """The lines of ``text`` that hold more than white space, stripped, each with the offset
    of its first character in ``text``."""
    offset = 0
    for raw in text.split("\n"):
        start = offset
        offset += len(raw) + 1
        stripped = raw.strip()
        if stripped:
            yield start + len(raw) - len(raw.lstrip()), stripped


def _label(label: str) -> Text:
    text = Text(label, style=f"bold {META_STYLE}")
    text.pad_right(LABEL_WIDTH - len(label))
    return text


def _date_label(article: Article) -> str | None:
    if not article.date:
        return article.date_raw
    if article.date_raw and article.date_raw != article.date.isoformat():
        return f"{shown_date(article)} ({article.date_raw})"
    return shown_date(article)


# -- stats and timelines -------------------------------------------------------------------

EIGHTHS = " ▏▎▍▌▋▊▉"
FULL_BLOCK = "█"
MAX_BAR = 50
MONTHS_FOR_MONTHLY = 36  # a longer span is charted by year unless asked otherwise


def bar(value: int, largest: int, width: int) -> str:
    """A horizontal bar of `value` out of `largest` in `width` cells, in eighths of a cell.
    Any value above zero shows at least an eighth."""
    if value <= 0 or largest <= 0 or width <= 0:
        return ""
    eighths = max(1, round(value * width * 8 / largest))
    full, part = divmod(eighths, 8)
    return FULL_BLOCK * full + (EIGHTHS[part] if part else "")


def series(months: dict[str, int], by: str = "auto") -> tuple[str, list[tuple[str, int]]]:
    """Counts per month ("YYYY-MM") as rows for a chart, with the empty months between the
    first and the last filled in: ("month" | "year", [(label, count), …])."""
    if not months:
        return ("month" if by != "year" else "year"), []
    keys = sorted(months)
    first_year, first_month = map(int, keys[0].split("-"))
    last_year, last_month = map(int, keys[-1].split("-"))
    span = (last_year - first_year) * 12 + last_month - first_month + 1
    if by == "auto":
        by = "month" if span <= MONTHS_FOR_MONTHLY else "year"
    if by == "year":
        years = {str(year): 0 for year in range(first_year, last_year + 1)}
        for key, count in months.items():
            years[key[:4]] += count
        return "year", list(years.items())
    rows = []
    year, month = first_year, first_month
    for _ in range(span):
        key = f"{year:04d}-{month:02d}"
        rows.append((key, months.get(key, 0)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return "month", rows


def print_chart(printer: Printer, rows: list[tuple[str, int]]) -> None:
    """A horizontal bar chart: label, bar, count; empty periods keep their row."""
    if not rows:
        return
    largest = max(count for _, count in rows)
    label_width = max(len(label) for label, _ in rows)
    count_width = len(str(largest))
    width = max(5, min(MAX_BAR, printer.console.width - label_width - count_width - 4))
    for label, count in rows:
        line = Text(label.ljust(label_width) + "  ", style="dim" if not count else "")
        line.append(bar(count, largest, width).ljust(width), style=BAR_STYLE)
        line.append(" " + str(count).rjust(count_width))
        printer.console.print(line, no_wrap=True, overflow="crop")


def print_stats(printer: Printer, stats: Stats, by: str = "auto") -> None:
    console = printer.console
    span = (
        f"dates {stats.first_date.isoformat()} … {stats.last_date.isoformat()}"
        if stats.first_date and stats.last_date
        else "no dates"
    )
    articles = "1 article" if stats.articles == 1 else f"{stats.articles} articles"
    sources = "1 source" if len(stats.sources) == 1 else f"{len(stats.sources)} sources"
    console.print(Text(f"{articles}, {sources}, {span}", style="bold"))
    if stats.undated:
        console.print(Text(f"{stats.undated} without a date"))
    if stats.source_years:
        console.print()
        console.print(_source_year_table(printer, stats))
    unit, rows = series(stats.months, by)
    if rows:
        console.print()
        console.print(Text(f"articles per {unit}", style="bold"))
        print_chart(printer, rows)


def _source_year_table(printer: Printer, stats: Stats) -> Table:
    years = sorted(
        {year for counts in stats.source_years.values() for year in counts if year != "undated"}
    )
    has_undated = any("undated" in counts for counts in stats.source_years.values())
    names: list[str | None] = [name for name in stats.sources if name in stats.source_years]
    if None in stats.source_years:
        names.append(None)
    columns = years + (["undated"] if has_undated else [])
    name_width = max((len(name or "(no source)") for name in names), default=6)
    total_width = len(
        str(max((sum(counts.values()) for counts in stats.source_years.values()), default=0))
    )
    needed = name_width + sum(max(len(column), total_width) + 2 for column in [*columns, "total"])
    wide = needed <= printer.console.width
    from rich.table import Table  # (only `stats` draws tables)

    table = Table(box=None, padding=(0, 1), pad_edge=False, show_edge=False, header_style="bold")
    table.add_column("source", no_wrap=True)

    def name_cell(name: str | None) -> Text:
        return Text("(no source)", style="dim") if name is None else printer.field(Text(name))

    if wide:
        for column in columns:
            table.add_column(column, justify="right")
        table.add_column("total", justify="right", style="bold")
        for name in names:
            counts = stats.source_years[name]
            table.add_row(
                name_cell(name),
                *[str(counts.get(column, "")) for column in columns],
                str(sum(counts.values())),
            )
        return table
    # Too many years for one line each: one row per source and year.
    table.add_column("year")
    table.add_column("articles", justify="right")
    for name in names:
        for number, (year, count) in enumerate(stats.source_years[name].items()):
            table.add_row(name_cell(name) if number == 0 else Text(""), year, str(count))
    return table


def print_timeline(printer: Printer, timeline: Timeline, by: str = "auto") -> None:
    console = printer.console
    unit, rows = series(timeline.months, by)
    noun = "article" if timeline.total == 1 else "articles"
    heading = Text(f"{timeline.total} {noun} matched ", style="bold")
    heading.append_text(printer.field(Text(timeline.query)))
    heading.append(f", per {unit}", style="bold")
    console.print(heading)
    if timeline.undated:
        console.print(Text(f"{timeline.undated} without a date (not charted)"))
    if rows:
        print_chart(printer, rows)
        peak_label, peak = max(rows, key=lambda row: row[1])
        console.print(Text(f"peak: {peak} in {peak_label}", style="dim"))


# -- the right-to-left test card ----------------------------------------------------------

BIDI_SAMPLE = "تنظيم «داعش» (ISIS) خسر الباغوز عام 2019، لا الرقة."
BIDI_SOURCE, BIDI_DATE = "العرب", "2019-03-23"


def print_bidi_card(console: Console, chosen: str, reason: str) -> None:
    """Show one Arabic sentence and one mixed line in every mode, to see which reads right."""
    console.print(Text("Which lines read right on this terminal?", style="bold"))
    console.print()
    console.print(
        Text(
            "1. An Arabic sentence. It reads right when it starts at the right-hand end and its "
            "full stop is at the left, the letters of each word are joined, «» and () enclose "
            "their words, and 2019 and ISIS read left to right:"
        )
    )
    for mode in ("terminal", "emulate", "off"):
        printer = Printer(console, mode)
        line = Text(f"   {mode:<9} ")
        line.append_text(printer.field(Text(BIDI_SAMPLE)))
        console.print(line, no_wrap=True, overflow="crop", crop=True)
    console.print()
    console.print(
        Text("2. A search result's first line. The date must stay to the right of the source name:")
    )
    for mode in ("terminal", "emulate", "off"):
        printer = Printer(console, mode)
        printer.line(
            Text(BIDI_SOURCE, style=META_STYLE),
            Text(BIDI_DATE, style=META_STYLE),
            prefix=Text(f"   {mode:<9} 1. "),
        )
    console.print()
    line = Text("auto picks ", style="bold")
    line.append(chosen, style="bold")
    line.append(f" here: {reason}.")
    console.print(line)
    console.print(
        Text("Choose another with --bidi MODE, or for every command: export NEWSARC_BIDI=MODE")
    )


# -- the rest ----------------------------------------------------------------------------


def add_summary(report: AddReport) -> str:
    extra = []
    if report.count_undated():
        extra.append(f"{report.count_undated()} undated")
    if report.count_near_duplicates():
        extra.append(
            f"{counted(report.count_near_duplicates(), 'near-duplicate')} of an earlier story"
        )
    added = f"added {report.count('added')}" + (f" ({', '.join(extra)})" if extra else "")
    summary = f"{added}, duplicates {report.count('duplicate')}, failed {report.count('failed')}"
    if any(outcome.dry_run for outcome in report.outcomes):
        summary = "dry run, nothing written: would have " + summary
    return summary


def walk_summary(inputs: Inputs) -> str:
    """What a folder walk left out on purpose, in a few words ("" when nothing)."""
    parts = []
    if inputs.outside:
        count = len(inputs.outside)
        parts.append(
            f"{counted(count, 'symbolic link')} leading out of the input folder not followed "
            f"({_some(inputs.outside)}; --follow follows them)"
        )
    if inputs.loops:
        parts.append(
            f"{counted(len(inputs.loops), 'symbolic link loop')} "
            f"walked once ({_some(inputs.loops)})"
        )
    return "; ".join(parts)


def _some(paths: list[str], shown_at_most: int = 3) -> str:
    more = len(paths) - shown_at_most
    return ", ".join(paths[:shown_at_most]) + (f" and {more} more" if more > 0 else "")


def date_description(article: Article) -> str:
    """`2019-01-12 (header:month-name:levantine, from «12 كانون الثاني 2019»)`."""
    if article.date is None:
        return "none (no date in the metadata, the text's header or the file name)"
    raw = (
        f", from «{article.date_raw}»"
        if article.date_raw and article.date_raw != article.date.isoformat()
        else ""
    )
    label = f", after the label «{article.date_label}»" if article.date_label else ""
    return f"{shown_date(article)} ({article.date_rule}{raw}{label})"


def shown_date(article: Article) -> str:
    """`2019-01-12`, or `2012-07` for a date known to the month only."""
    if article.date is None:
        return "undated"
    return (
        article.date.isoformat()[:7]
        if article.date_precision == "month"
        else article.date.isoformat()
    )


def _no_title(article: Article) -> str:
    why = (article.title_rule or "").removeprefix("none: ")
    return f"none (the lead: {short_lead(article)})" + (f"; {why}" if why else "")


def print_dry_run(console: Console, outcome: AddOutcome) -> None:
    """What `add` would do with one input article, field by field."""
    article = outcome.article
    verdict = {
        "added": f"would add as {outcome.id} → {outcome.path}",
        "duplicate": f"duplicate: {outcome.message}",
        "failed": f"would fail: {outcome.message}",
    }[outcome.status]
    rows: list[tuple[str, str | None]] = [("verdict", verdict)]
    if article is not None:
        rows += [
            (
                "encoding",
                f"{article.encoding} ({article.encoding_rule})" if article.encoding else None,
            ),
            (
                "source",
                f"{article.source} (slug {article.source_slug})" if article.source else "none",
            ),
            (
                "signature",
                f"«{article.signature}» (closing line, not kept in the text)"
                if article.signature
                else "none",
            ),
            (
                "title",
                f"{article.title} ({article.title_rule})" if article.title else _no_title(article),
            ),
            ("date", date_description(article)),
            ("byline", article.dateline),
            ("place", article.place or "none"),
            ("agency", article.agency or "none"),
            ("author", article.author or "none"),
            ("url", article.url),
        ]
        if outcome.status == "added":
            near = "no"
            if outcome.near_dup_of:
                near = (
                    f"yes: the story of {outcome.story}, nearest {outcome.near_dup_of} "
                    f"(similarity {outcome.similarity:.2f})"
                )
            rows.append(("near-duplicate", near))
    prefix = f"{outcome.origin}: "
    rows += [("note", note.removeprefix(prefix)) for note in outcome.notes]
    # Lines of `label  value`, never a table: piped output is not cut at the terminal width.
    block = Text(outcome.origin, style="bold")
    for label, value in rows:
        if value:
            block.append("\n")
            block.append(f"  {label:<15}", style="cyan")
            block.append(value)
    console.print(safe(block))
    console.print()


def print_check(console: Console, report: CheckReport) -> None:
    if report.healthy:
        console.print(
            Text(
                f"ok: {counted(report.articles_in_corpus, 'article')} in corpus/, "
                f"{report.articles_in_index} in the index"
            )
        )
        return
    for problem in report.problems:
        console.print(Text(shown(problem)))


def print_analysis(console: Console, analysis: Analysis, query_only: bool = False) -> None:
    """Each word: as written → normalized (the exact field) → stemmed; then the query."""
    if not query_only:
        from rich.table import Table

        table = Table(show_edge=False, box=None, padding=(0, 2))
        table.add_column("word")
        table.add_column("normalized")
        table.add_column("stemmed")
        for token in analysis.tokens:
            stemmed = (
                Text(token.stemmed)
                if token.stemmed is not None
                else Text("(stopword)", style="dim")
            )
            table.add_row(safe(Text(token.original)), safe(Text(token.normalized)), safe(stemmed))
        console.print(table)
        console.print()
    if analysis.error:
        console.print(safe(Text(f"query: {analysis.error}")))
        return
    console.print(Text("query:", style="bold"))
    for line in analysis.query:
        console.print(safe(Text("  " + line)))
    if analysis.variants_from:
        console.print(
            safe(
                Text(
                    f"(spelling variants from the archive at {analysis.variants_from})", style="dim"
                )
            )
        )
    else:
        console.print(Text("(no archive index: spelling variants not shown)", style="dim"))
