"""Bytes → text: find the encoding an article file was written in.

Order (docs/ARCHITECTURE.md, "Encodings"): BOM → strict UTF-8 → chardet restricted to the
encodings Arabic text really arrives in → a sanity check on the result. Windows-1256 and
ISO-8859-6 share byte positions, so a wrong pick decodes without error into plausible
garbage; only the sanity check (share of Arabic letters, no control characters) tells them
apart.
"""

from __future__ import annotations

import codecs
import html
import re
import unicodedata
from dataclasses import dataclass

from newsarc.arabic_chars import ARABIC_BLOCKS, EDGE_ZERO_WIDTH, MARKS
from newsarc.errors import InputError

# Unrestricted detection misreads short Arabic as CJK or Cyrillic code pages.
LEGACY_CANDIDATES = ("windows-1256", "iso-8859-6")
UTF16_CANDIDATES = ("utf-16-le", "utf-16-be")

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16-be"),
)

_ALLOWED_CONTROLS = frozenset("\t\n\r\f")
MAX_LATIN_ACCENT_SHARE = 0.02


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # canonical codec name, e.g. "utf-8", "windows-1256"
    rule: str  # how it was found: "option", "bom", "utf-8", "detected"
    notes: tuple[str, ...] = ()  # what was dropped on the way: legacy padding bytes


# Bytes old tools leave at the edges of a text file: NUL padding (a converter that wrote
# fixed-size blocks), the DOS end-of-file mark 0x1A, stray control bytes. Whitespace is
# not counted (canonical_text trims it anyway).
_EDGE_CONTROLS = frozenset([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F])
_EDGE_BLANKS = frozenset(b" \t\r\n\x0c")


def trim_legacy_edges(data: bytes, where: str) -> tuple[bytes, tuple[str, ...]]:
    """`data` without the control bytes before its first and after its last character of
    text, and a note saying what was dropped. Left alone when NUL bytes remain inside
    (UTF-16 without a byte-order mark, or a binary file: decided later) or when the data
    starts with a UTF-16 byte-order mark."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data, ()
    start, end = 0, len(data)
    while start < end and (data[start] in _EDGE_CONTROLS or data[start] in _EDGE_BLANKS):
        start += 1
    while end > start and (data[end - 1] in _EDGE_CONTROLS or data[end - 1] in _EDGE_BLANKS):
        end -= 1
    head, tail = data[:start], data[end:]
    dropped_head = [b for b in head if b in _EDGE_CONTROLS]
    dropped_tail = [b for b in tail if b in _EDGE_CONTROLS]
    if not dropped_head and not dropped_tail or b"\x00" in data[start:end]:
        return data, ()
    kept = bytes(b for b in head if b not in _EDGE_CONTROLS) + data[start:end] + bytes(
        b for b in tail if b not in _EDGE_CONTROLS
    )
    notes = []
    for dropped, edge in ((dropped_head, "start"), (dropped_tail, "end")):
        if dropped:
            notes.append(f"{where}: dropped {_describe_bytes(dropped)} at the {edge} of the file")
    return kept, tuple(notes)


def _describe_bytes(values: list[int]) -> str:
    names = {0x00: "NUL", 0x1A: "end-of-file mark (0x1A)"}
    counts: dict[str, int] = {}
    for value in values:
        name = names.get(value, f"control byte 0x{value:02X}")
        counts[name] = counts.get(name, 0) + 1
    return ", ".join(f"{count} × {name}" for name, count in counts.items())


def decode_bytes(data: bytes, encoding: str | None = None, where: str = "input") -> Decoded:
    """Decode `data`, raising InputError with `where` in the message when it is not text.
    Legacy padding at the edges (NUL, 0x1A, control bytes) is dropped, with a note."""
    if encoding and _is_wide(encoding):
        return _decode_with_option(data, encoding, where)
    data, notes = trim_legacy_edges(data, where)
    decoded = _decode(data, encoding, where)
    if notes:
        return Decoded(decoded.text, decoded.encoding, decoded.rule, notes)
    return decoded


def _is_wide(encoding: str) -> bool:
    try:
        return codecs.lookup(encoding).name.startswith(("utf-16", "utf-32"))
    except LookupError:
        return False


def _decode(data: bytes, encoding: str | None, where: str) -> Decoded:
    if encoding:
        return _decode_with_option(data, encoding, where)
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(codec), name, "bom")
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"{where}: starts with a {name} byte-order mark but is not valid {name} "
                    f"({exc.reason} at byte {exc.start})"
                ) from None
    if b"\x00" in data:
        return _decode_nul_bearing(data, where)
    try:
        return Decoded(data.decode("utf-8"), "utf-8", "utf-8")
    except UnicodeDecodeError as exc:
        _refuse_damaged_utf8(data, exc, where)
    return _decode_legacy(data, where)


# Arabic in Windows-1256 or ISO-8859-6 read as UTF-8 gives at most 1 valid non-ASCII
# character per 40 invalid bytes (measured on 2,000 ANT articles transcoded to both).
# Ten times that share means the file is UTF-8 with some bytes that are not: damage, or a
# second encoding pasted in. Decoding all of it as a code page would turn the UTF-8 part
# into plausible mojibake (طھط§ظ…...), which the sanity check cannot tell from Arabic.
_DAMAGED_UTF8_SHARE = 0.25
_DAMAGED_UTF8_MIN_CHARS = 8


def _refuse_damaged_utf8(data: bytes, first: UnicodeDecodeError, where: str) -> None:
    lenient = data.decode("utf-8", "replace")
    bad = lenient.count("\ufffd")
    good = sum(1 for char in lenient if char >= "\x80") - bad
    if good >= _DAMAGED_UTF8_MIN_CHARS and good >= _DAMAGED_UTF8_SHARE * bad:
        line = data.count(b"\n", 0, first.start) + 1
        raise InputError(
            f"{where}: not valid UTF-8 at byte {first.start} (line {line}), "
            "though most of it is UTF-8: damaged, or text in another encoding pasted in",
            hint="repair the file, e.g. `iconv -c -f UTF-8 -t UTF-8` drops the bad bytes; "
            "or pass --encoding",
        )


def _decode_with_option(data: bytes, encoding: str, where: str) -> Decoded:
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        raise InputError(
            f"unknown encoding {encoding!r}",
            hint="use a name such as utf-8, windows-1256, iso-8859-6, utf-16",
        ) from None
    try:
        text = data.decode("utf-8-sig" if name == "utf-8" else name)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{where}: not valid {encoding} ({exc.reason} at byte {exc.start})"
        ) from None
    return Decoded(text, name, "option")


def _decode_nul_bearing(data: bytes, where: str) -> Decoded:
    # NUL bytes: UTF-16 without a byte-order mark, or a binary file.
    even_nuls = data[0::2].count(0)
    odd_nuls = data[1::2].count(0)
    half = max(1, len(data) // 2)
    if len(data) % 2 == 0 and max(even_nuls, odd_nuls) < half * 0.9:
        for codec in UTF16_CANDIDATES:
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                continue
            if looks_like_text(text) and arabic_letter_share(text) >= 0.3:
                return Decoded(text, codec, "detected")
    raise InputError(f"{where}: binary file (contains NUL bytes), not an article")


_C0_CONTROLS = dict.fromkeys([*range(0x09), 0x0B, *range(0x0E, 0x20)])


def _decode_legacy(data: bytes, where: str) -> Decoded:

    import chardet  # imported here: costs start-up time and most inputs are UTF-8

    ranked = [
        str(guess["encoding"]).lower()
        # no_match_encoding: chardet's default (cp1252) is not a candidate, and it warns so
        # on stderr
        for guess in chardet.detect_all(
            data, include_encodings=LEGACY_CANDIDATES, no_match_encoding=LEGACY_CANDIDATES[0]
        )
        if guess.get("encoding")
    ]
    order = [name for name in ranked if name in LEGACY_CANDIDATES]
    order += [name for name in LEGACY_CANDIDATES if name not in order]
    best: tuple[float, int, str, str] | None = None
    for position, codec in enumerate(order):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        # C0 controls are the same bytes in every code page: they tell none apart (and are
        # dropped from the text anyway); a stray 0x1A inside an article must not refuse it.
        if (
            not looks_like_text(text.translate(_C0_CONTROLS))
            or latin_accent_share(text) > MAX_LATIN_ACCENT_SHARE
        ):
            continue
        share = arabic_letter_share(text)
        # Higher Arabic share wins; chardet's order breaks ties.
        candidate = (share, -position, codec, text)
        if best is None or candidate[:2] > best[:2]:
            best = candidate
    if best is None or best[0] < 0.5:
        raise InputError(
            f"{where}: cannot tell the encoding "
            "(not UTF-8, and no Arabic code page reads it as Arabic text)",
            hint="pass --encoding if you know it",
        )
    return Decoded(best[3], best[2], "detected")


def looks_like_text(text: str) -> bool:
    """No replacement characters and no control characters besides tab and line breaks."""
    for char in text:
        if char == "\ufffd":
            return False
        if (char < " " and char not in _ALLOWED_CONTROLS) or "\x7f" <= char <= "\x9f":
            return False
    return True


_ARABIC_BLOCK = re.compile(f"[{ARABIC_BLOCKS}]")


def arabic_letter_share(text: str) -> float:
    """Share of letters that are Arabic script; garbage from a wrong code page scores low."""
    letters = arabic = 0
    for char in text:
        if char.isalpha():
            letters += 1
            if _ARABIC_BLOCK.match(char):
                arabic += 1
    return arabic / letters if letters else 0.0


def latin_accent_share(text: str) -> float:
    """Share of letters that are accented Latin (à é ç …): Arabic bytes read with the wrong
    Arabic code page turn into these, real Arabic articles hardly contain them."""
    letters = accented = 0
    for char in text:
        if char.isalpha():
            letters += 1
            if "\u00c0" <= char <= "\u00ff":
                accented += 1
    return accented / letters if letters else 0.0


# Control characters other than tab and line breaks have no place in an article, and an
# escape sequence in one would reach the terminal of whoever reads it with `show`.
_CONTROLS = dict.fromkeys(
    [*range(0x09), *range(0x0B, 0x0D), *range(0x0E, 0x20), *range(0x7F, 0xA0)]
)


def strip_controls(text: str) -> str:
    """Delete C0 and C1 control characters except tab, line feed and carriage return."""
    return text.translate(_CONTROLS)


# An HTML character reference left by a scraper: `&quot;`, `&#8220;`, `&#x201C;`, `&amp;`.
# Only complete references (with the `;`), so that `AT&T` or `&c` stay as written.
_CHARACTER_REFERENCE = re.compile(
    r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
)
# A zero-width character at the edge of a word (after a space, before punctuation, at a
# line's ends): an invisible leftover. Inside a word it is kept (ZWNJ in Persian words).
_ZW_AT_EDGES = re.compile(
    rf"(?<![\w{MARKS}])[{EDGE_ZERO_WIDTH}]+|[{EDGE_ZERO_WIDTH}]+(?![\w{MARKS}{EDGE_ZERO_WIDTH}])"
)


def decode_character_references(text: str) -> str:
    """`&quot;` → `"`, `&#8220;` → `“`, `&amp;` → `&`: scraped text keeps HTML's references."""
    if "&" not in text:
        return text
    return _CHARACTER_REFERENCE.sub(lambda m: html.unescape(m.group()), text)


def drop_edge_zero_width(text: str) -> str:
    """Zero-width spaces, joiners and non-joiners at the edges of words, dropped."""
    return _ZW_AT_EDGES.sub("", text)


def canonical_text(text: str) -> str:
    """The form every article is stored in: NFC, `\\n` line ends, no trailing blanks, no
    control characters besides tab, HTML character references decoded, no zero-width
    characters at the edges of words."""
    text = decode_character_references(text)
    # Form feed, vertical tab (a line break in Word exports) and NEL break lines too.
    for line_break in ("\r\n", "\r", "\f", "\v", "\x85"):
        text = text.replace(line_break, "\n")
    text = drop_edge_zero_width(strip_controls(unicodedata.normalize("NFC", text)))
    lines = [line.rstrip() for line in text.split("\n")]
    return "\n".join(lines).strip("\n")


# Text whose letters were replaced by `?` before it reached us (saved in an encoding
# without Arabic): runs of question marks where the words should be. Real Arabic uses `؟`,
# and a Latin `?` ends a sentence, alone.
_QUESTION_RUN = re.compile(r"\?{2,}|(?<=\w)\?(?=\w)")
QUESTION_MARK_SHARE = 0.3
QUESTION_MARK_MIN = 8


def refuse_question_marks(text: str, where: str) -> None:
    """Raise InputError when most of the "letters" of `text` are `?`."""
    if text.count("?") < QUESTION_MARK_MIN:
        return
    marks = sum(len(m.group()) for m in _QUESTION_RUN.finditer(text))
    letters = sum(1 for char in text if char.isalpha())
    if marks >= QUESTION_MARK_MIN and marks >= QUESTION_MARK_SHARE * (marks + letters):
        raise InputError(
            f"{where}: its letters were replaced by '?' before it reached newsarc "
            f"({marks} of them): the file was saved in an encoding without Arabic",
            hint="find an original copy of the file; the letters cannot be recovered from this one",
        )
