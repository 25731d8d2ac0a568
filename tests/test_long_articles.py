"""Long articles cost what their snippet costs (issue 13): the quick paths give what the slow,
whole-text ways gave. A search of a long article reads only the start of its text for the
spelling evidence, finds its highlights around the letters a match must hold, and cuts its
snippets from the windows alone; `show` on a pipe writes the text's paragraphs without
handing each to rich. Timings are bench/bench_long_article.py's job, never the tests'."""

from __future__ import annotations

import io
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.text import Text

from conftest import ARTICLE_SCHOOL, ARTICLE_TRADE, SEED
from newsarc.analysis import stem
from newsarc.archive import Archive
from newsarc.fields import token_words
from newsarc.normalize import TOKEN_PATTERN
from newsarc.render.safe import shown
from newsarc.render.terminal import Printer
from newsarc.snippets import ELLIPSIS, build_snippets
from newsarc.word_spans import word_spans

SEED_TEXT = SEED.read_text(encoding="utf-8").split("\n\n", 1)[-1]
STRETCHED = "ـ" * 250 + "الباغوز"  # a word after a rule of tatweel (normalized: الباغوز)
# Over word_spans' threshold (200,000 characters) for looking only around the needles.
LONG_TEXT = "\n".join(
    [SEED_TEXT] * 60
    + ["\tفقرة\tبجدول 2.5 و١٫٥ مع   مسافات   ", "  ", f"وعاد {STRETCHED} إلى الواجهة."]
    + [ARTICLE_TRADE, ARTICLE_SCHOOL] * 200
    + ["وقال زنجفيلستان إن الأمر انتهى."]
)


@pytest.fixture(scope="module")
def long_archive(tmp_path_factory) -> Archive:
    folder = tmp_path_factory.mktemp("in")
    record = {"id": "long", "text": LONG_TEXT, "source": "العرب", "title": "ملف الباغوز"}
    (folder / "long.jsonl").write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    short = {"id": "short", "text": ARTICLE_TRADE, "source": "العرب"}
    (folder / "short.jsonl").write_text(json.dumps(short, ensure_ascii=False), encoding="utf-8")
    archive = Archive.at(tmp_path_factory.mktemp("home") / "archive")
    report = archive.add([str(folder)])
    assert report.count("added") == 2, [o.message for o in report.outcomes]
    return archive


def _slow_spans(text: str, terms: dict[str, set]) -> list[tuple[int, int]]:
    """Every token of the text analyzed, one by one: what highlighting used to do."""
    exact, stemmed = terms.get("exact", set()), terms.get("body", set())
    return [
        m.span()
        for m in TOKEN_PATTERN.finditer(text)
        if any(w in exact or stem(w) in stemmed for w in token_words(m.group()))
    ]


@pytest.mark.parametrize("query", ["الباغوز", "زنجفيلستان", "التجارة OR المدرسة", "2.5"])
def test_search_snippets_of_a_long_article_are_those_of_the_whole_text(long_archive, query):
    from newsarc.query.highlight import matched_terms
    from newsarc.query.parse import parse_query

    [hit] = [h for h in long_archive.search(query).hits if h.article.id == "long"]
    parsed = parse_query(query)
    terms = long_archive.index.read(
        lambda reader: matched_terms(long_archive._as_run(parsed, reader).words, reader)
    )
    text = long_archive.get("long").text  # as stored: trailing spaces dropped
    spans = _slow_spans(text, terms)
    assert spans and hit.snippets == build_snippets(text, spans)


def test_a_word_far_into_its_token_is_highlighted(long_archive):
    article = long_archive.get("long")
    _, spans = long_archive.highlights(article, "الباغوز")
    marked = {article.text[start:end] for start, end in spans}
    assert STRETCHED in marked  # its letters start 250 characters into the token


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["الباغوز", "والبَاغوز", "ﺍﻟﺒﺎﻏﻮﺯ", "البـــاغوز", "ـ" * 70 + "باغوز", "2.5", "٢٫٥",
             "x2", "25", "5.", "سقطت", "ـ", " ", "\n", ".", "،", "-", "\u200f"]
        ),  # fmt: skip
        min_size=1,
        max_size=30,
    ),
    st.integers(0, 200),
)
def test_highlights_around_needles_are_those_of_the_token_loop(pieces, shift):
    text = "ك " * shift + "".join(pieces) * (210_000 // max(1, len("".join(pieces))) + 1)
    wanted = {"الباغوز", "25", "باغوز"}

    def accepts(token: str) -> bool:
        return any(word in wanted for word in token_words(token))

    expected = [m.span() for m in TOKEN_PATTERN.finditer(text) if accepts(m.group())]
    assert word_spans(text, accepts, {"الباغوز", "باغ", "25"}) == expected


def _old_snippets(text, spans, max_snippets=2, width=220):
    """build_snippets as it was: the whole text flattened, every window counted over all
    the spans after its first."""
    flat = text.replace("\n", " ").replace("\t", " ")

    def start_after(position):
        if position <= 0 or flat[position - 1].isspace():
            return position
        while position < len(flat) and not flat[position].isspace():
            position += 1
        return position

    def end_before(position):
        if position >= len(flat) or flat[position].isspace():
            return position
        cut = position
        while cut > 0 and not flat[cut - 1].isspace():
            cut -= 1
        return cut if cut > 0 else position

    if not spans:  # the lead
        if len(flat) <= width:
            return [(flat.strip(), ())]
        return [(flat[: end_before(width)].rstrip() + ELLIPSIS, ())]
    spans = sorted(set(spans))
    windows = []
    for index, (first, _) in enumerate(spans):
        start = min(start_after(max(0, first - width // 4)), first)
        limit = min(len(flat), start + width)
        end = end_before(limit) if limit < len(flat) else len(flat)
        inside = [flat[s:e] for s, e in spans[index:] if s >= start and e <= end]
        windows.append((start, end, len(set(inside))))
    windows.sort(key=lambda w: (-w[2], w[0]))
    chosen = []
    for start, end, _ in windows:
        if all(end <= s or start >= e for s, e in chosen):
            chosen.append((start, end))
        if len(chosen) == max_snippets:
            break
    out = []
    for start, end in sorted(chosen):
        body = flat[start:end]
        left = len(body) - len(body.lstrip())
        body = body.strip()
        prefix = ELLIPSIS if start > 0 else ""
        shift = len(prefix) - start - left
        first, last = start + left, start + left + len(body)
        inside = tuple((s + shift, e + shift) for s, e in spans if s >= first and e <= last)
        out.append((prefix + body + (ELLIPSIS if end < len(flat) else ""), inside))
    return out


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab سكن\n\t", max_size=600), st.data(), st.integers(5, 80))
def test_snippets_are_those_of_the_whole_text_way(text, data, width):
    matches = [(m.start(), m.end()) for m in re.finditer("س+|ك", text)]
    chosen = data.draw(st.lists(st.sampled_from(matches), max_size=12)) if matches else []
    expected = _old_snippets(text, chosen, width=width)
    assert [(s.text, s.spans) for s in build_snippets(text, chosen, width=width)] == expected


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300), st.integers(0, 400), st.integers(0, 3000))
def test_the_start_of_a_text_is_the_start_of_the_stored_text(tmp_path_factory, text, chars, pad):
    from newsarc.model import Article
    from newsarc.store import CorpusStore

    store = CorpusStore(tmp_path_factory.mktemp("store"))
    article = Article(id="a1", text="ب" * pad + text.replace("\r", ""), title="ع" * (pad % 700))
    relative = store.write(article, durable=False)
    stored = store.read(relative).text
    assert store.read_text_start(relative, chars) == stored[:chars]


def test_the_start_of_a_text_is_read_without_the_rest(tmp_path):
    from newsarc.errors import ArchiveError
    from newsarc.model import Article
    from newsarc.store import CorpusStore

    store = CorpusStore(tmp_path)
    relative = store.write(Article(id="a1", text="بداية " * 10_000), durable=False)
    with open(tmp_path / relative, "ab") as damaged:  # bytes no part of the start can be
        damaged.write(b"\xff" * 100)
    assert store.read_text_start(relative, 20_000) == ("بداية " * 10_000)[:20_000]
    with pytest.raises(ArchiveError, match="not UTF-8"):
        store.read(relative)


# -- show on a pipe -------------------------------------------------------------------------

PARAGRAPH_PIECES = st.lists(
    st.sampled_from(
        ["الباغوز", "漢字", "😀", "a", "[bold]", " ", "  ", "\t", "َ", "\x1b[2J", "\x07", "\x0c",
         "\u202e", "\x85", "\u2028", "\u200d", "١٫٥", "ـ"]
    ),  # fmt: skip
    min_size=1,
    max_size=12,
).map("".join)


def _pipe_console() -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    console = Console(
        file=out, width=80, color_system=None, force_terminal=False, highlight=False,
        markup=False, emoji=False, soft_wrap=True, _environ={},
    )  # fmt: skip  (as cli.make_console builds it for a pipe)
    return console, out


@settings(max_examples=150, deadline=None)
@given(st.lists(PARAGRAPH_PIECES.map(str.strip).filter(bool), min_size=1, max_size=8))
def test_plain_paragraphs_print_what_rich_printed(paragraphs):
    console, out = _pipe_console()
    printer = Printer(console, "off")
    assert printer.plain
    with printer.batched():  # as every paragraph of an article was printed before
        for number, paragraph in enumerate(paragraphs):
            if number:
                printer.blank()
            printer.paragraph(Text(shown(paragraph)))
    through_rich = out.getvalue()
    console, out = _pipe_console()
    Printer(console, "off").plain_paragraphs(paragraphs)
    assert out.getvalue() == through_rich


def test_show_on_a_pipe_prints_the_paragraphs_of_a_long_article(long_archive, run):
    result = run("show", "long", home_dir=long_archive.root)
    assert result.exit_code == 0
    body = result.stdout.split("\n\n", 1)[1].split("\n\n", 1)[1]  # after title and header
    paragraphs = []
    for line in long_archive.get("long").text.split("\n"):
        if "\t" in line.strip():
            tabs = Text(line.strip())
            tabs.expand_tabs(8)  # as rich expands them, by the cells before each tab
            paragraphs.append(tabs.plain)
        elif line.strip():
            paragraphs.append(line.strip())
    assert body == "\n\n".join(paragraphs) + "\n"
    highlighted = run("show", "long", "--highlight", "الباغوز", home_dir=long_archive.root)
    assert highlighted.stdout == result.stdout  # no styles on a pipe: nothing to mark


def test_show_on_a_terminal_marks_every_match_of_a_long_article(long_archive, run):
    query = "زنجفيلستان OR التجارة"
    result = run("show", "long", "--highlight", query, "--color", "always",
                 home_dir=long_archive.root)  # fmt: skip
    article = long_archive.get("long")
    _, spans = long_archive.highlights(article, query)
    marked = re.findall(r"\x1b\[1;33m([^\x1b]*)\x1b\[0m", result.stdout)  # bold yellow
    assert len(spans) > 200
    assert marked == [article.text[start:end] for start, end in spans]


@pytest.mark.parametrize("bidi_mode", ["terminal", "emulate", "off"])
@pytest.mark.parametrize("colour", ["standard", None])
@pytest.mark.parametrize("width", [80, 33])
def test_a_long_article_on_a_terminal_prints_what_rich_printed(
    long_archive, monkeypatch, bidi_mode, colour, width
):
    from newsarc.render import terminal

    article = long_archive.get("long")
    _, spans = long_archive.highlights(article, "الباغوز OR التجارة")

    def screen() -> str:
        out = io.StringIO()
        console = Console(
            file=out, width=width, force_terminal=True, color_system=colour, highlight=False,
            markup=False, emoji=False, _environ={},
        )  # fmt: skip
        terminal.print_article(Printer(console, bidi_mode), article, text_spans=spans)
        return out.getvalue()

    batches = screen()
    assert batches.count("\n") > 3 * terminal.BATCH_LINES
    # As before: rich wraps every paragraph and renders every line, all in one print.
    monkeypatch.setattr(terminal, "BATCH_LINES", 10**9)
    monkeypatch.setattr(terminal, "line_ranges", lambda text, width: None)
    monkeypatch.setattr(terminal, "lines_and_cells", lambda text, width: None)
    assert batches == screen()


@pytest.mark.parametrize("bidi_mode", ["off", "terminal", "emulate"])
def test_a_control_in_one_paragraph_is_shown_there_and_nowhere_else(bidi_mode):
    # The text is searched for controls once; a paragraph without one is not searched again.
    from newsarc.model import Article
    from newsarc.render.terminal import print_article

    paragraphs = ["قال الرئيس إن الحكومة", "خبر \x1b[31m ملون هنا", "فقرة \u202b ثالثة", "رابعة"]
    out = io.StringIO()
    console = Console(file=out, width=30, force_terminal=True, color_system=None)
    print_article(Printer(console, bidi_mode), Article(id="x", text="\n\n".join(paragraphs)))
    screen = out.getvalue()
    assert "\x1b" not in screen and "\u202b" not in screen
    assert screen.count("␛") == 1 and screen.count("\ufffd") == 1
