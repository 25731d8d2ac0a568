"""TREC-style `<DOC>` files, as Arabic news corpora (ANT, and the LDC's older ones) ship them.

    <DOC>
    <DOCNO>SK-sport-1-20180218</DOCNO>
    <URL>…</URL>
    <SRC>skynews</SRC>
    <CAT>sport</CAT>
    <TITLE>…</TITLE>
    <TIME>Sun, 18 Feb 2018 18:06:52 GMT</TIME>
    <AUTHOR>…</AUTHOR>
    <ABSTRACT>…</ABSTRACT>
    <TEXT>
    …paragraphs, one per line…
    </TEXT>
    </DOC>

This is not XML: there is no declaration, `&` and `<` appear unescaped in values, so the
file is read tag by tag, never with an XML parser, and values come out exactly as written
(reader.py decodes HTML character references such as `&quot;` in them, as in any text). A
file may hold several `<DOC>`s. What is wrong with one document (no `</DOC>`, no `<TEXT>`,
a tag never closed) is reported for that document only; text outside any `<DOC>` is
reported once per run of it.

Only the parsing lives here; reader.py turns documents into Articles.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

# Tag names as they appear → the field newsarc reads them as. HEADLINE, DATE and BYLINE are
# the names of the LDC's Arabic Gigaword / TREC 2001 files.
FIELD_NAMES = {
    "DOCNO": "DOCNO",
    "URL": "URL",
    "SRC": "SRC",
    "SOURCE": "SRC",
    "CAT": "CAT",
    "TITLE": "TITLE",
    "HEADLINE": "TITLE",
    "TIME": "TIME",
    "DATE": "TIME",
    "DATE_TIME": "TIME",
    "AUTHOR": "AUTHOR",
    "BYLINE": "AUTHOR",
    "ABSTRACT": "ABSTRACT",
    "TEXT": "TEXT",
}

_DOC_OPEN = re.compile(r"<DOC>", re.IGNORECASE)
_DOC_CLOSE = re.compile(r"</DOC>", re.IGNORECASE)
_FIELD_OPEN = re.compile(
    r"<(" + "|".join(sorted(FIELD_NAMES, key=len, reverse=True)) + r")>", re.IGNORECASE
)


@dataclass(frozen=True)
class TrecDoc:
    """One `<DOC>`: its fields (stripped values, by canonical name), the line it starts on,
    and what was odd about it but not fatal."""

    fields: dict[str, str]
    line: int
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class TrecProblem:
    """A document (or a stretch of the file) that cannot be read."""

    line: int
    message: str


class _Lines:
    """Offset → 1-based line number, for messages (`first`: the number of the text's
    first line, for a piece of a larger file)."""

    def __init__(self, text: str, first: int = 1) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.first = first

    def at(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) + self.first - 1


def looks_like_trec(text: str | bytes) -> bool:
    """Does the text (or the bytes of a file) open with a `<DOC>` tag, after blank space
    and a byte-order mark? How `add` tells a TREC file from plain text."""
    if isinstance(text, bytes):
        return text.lstrip(b"\xef\xbb\xbf \t\r\n")[:5].upper() == b"<DOC>"
    return text.lstrip("\ufeff \t\r\n")[:5].upper() == "<DOC>"


def parse_trec(text: str, first_line: int = 1) -> Iterator[TrecDoc | TrecProblem]:
    """Every `<DOC>` of a file (or of a piece of one starting at `first_line`), in order,
    or a problem where one cannot be read."""
    lines = _Lines(text, first_line)
    position = 0
    while True:
        opening = _DOC_OPEN.search(text, position)
        stray = _stray(text, position, len(text) if opening is None else opening.start(), lines)
        if stray is not None:
            yield stray
        if opening is None:
            return
        line = lines.at(opening.start())
        closing = _DOC_CLOSE.search(text, opening.end())
        following = _DOC_OPEN.search(text, opening.end())
        if closing is None or (following is not None and following.start() < closing.start()):
            yield TrecProblem(line, "<DOC> without </DOC>")
            position = following.start() if following is not None else len(text)
            continue
        yield _document(text[opening.end() : closing.start()], line, lines.at(opening.end()))
        position = closing.end()


def _stray(text: str, start: int, end: int, lines: _Lines) -> TrecProblem | None:
    chunk = text[start:end]
    if not chunk.strip(" \t\r\n\ufeff"):
        return None
    offset = start + len(chunk) - len(chunk.lstrip(" \t\r\n\ufeff"))
    return TrecProblem(lines.at(offset), "text outside <DOC>…</DOC> (ignored)")


def _document(body: str, line: int, body_line: int) -> TrecDoc | TrecProblem:
    fields: dict[str, str] = {}
    notes: list[str] = []
    position = 0
    while True:
        opening = _FIELD_OPEN.search(body, position)
        if opening is None:
            break
        tag = opening.group(1)
        closing = re.compile(f"</{re.escape(tag)}>", re.IGNORECASE).search(body, opening.end())
        if closing is None:
            where = body_line + body.count("\n", 0, opening.start())
            return TrecProblem(where, f"<{tag.upper()}> without </{tag.upper()}>")
        name = FIELD_NAMES[tag.upper()]
        value = body[opening.end() : closing.start()].strip()
        if name in fields:
            notes.append(f"a second <{tag.upper()}> ignored")
        else:
            fields[name] = value
        position = closing.end()
    if "TEXT" not in fields:
        return TrecProblem(line, "<DOC> without <TEXT>")
    return TrecDoc(fields, line, tuple(notes))
