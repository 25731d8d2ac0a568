"""Bytes → text: find the encoding an article file was written in.

Order (docs/ARCHITECTURE.md, "Encodings"): BOM → strict UTF-8 → chardet restricted to the encodings Arabic
text really arrives in → a sanity check on the result. Windows-1256 and ISO-8859-6 share
byte positions, so a wrong pick decodes without error into plausible garbage; only the
sanity check (share of Arabic letters, no control characters) tells them apart.
"""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass

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


def decode_bytes(data: bytes, encoding: str | None = None, where: str = "input") -> Decoded:
    """Decode `data`, raising InputError with `where` in the message when it is not text."""
    if encoding:
        return _decode_with_option(data, encoding, where)
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(codec), name, "bom")
            except UnicodeDecodeError as exc:
                raise InputError(f"{where}: starts with a {name} byte-order mark but is not valid {name} ({exc.reason} at byte {exc.start})") from None
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
            f"{where}: not valid UTF-8 at byte {first.start} (line {line}), though most of it is UTF-8: "
            "damaged, or text in another encoding pasted in",
            hint="repair the file, e.g. `iconv -c -f UTF-8 -t UTF-8` drops the bad bytes; or pass --encoding",
        )


def _decode_with_option(data: bytes, encoding: str, where: str) -> Decoded:
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}", hint="use a name such as utf-8, windows-1256, iso-8859-6, utf-16") from None
    try:
        text = data.decode("utf-8-sig" if name == "utf-8" else name)
    except UnicodeDecodeError as exc:
        raise InputError(f"{where}: not valid {encoding} ({exc.reason} at byte {exc.start})") from None
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


def _decode_legacy(data: bytes, where: str) -> Decoded:

    import chardet  # imported here: costs start-up time and most inputs are UTF-8

    ranked = [
        str(guess["encoding"]).lower()
        # no_match_encoding: chardet's default (cp1252) is not a candidate, and it warns so on stderr
        for guess in chardet.detect_all(data, include_encodings=LEGACY_CANDIDATES, no_match_encoding=LEGACY_CANDIDATES[0])
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
        if not looks_like_text(text) or latin_accent_share(text) > MAX_LATIN_ACCENT_SHARE:
            continue
        share = arabic_letter_share(text)
        # Higher Arabic share wins; chardet's order breaks ties.
        candidate = (share, -position, codec, text)
        if best is None or candidate[:2] > best[:2]:
            best = candidate
    if best is None or best[0] < 0.5:
        raise InputError(
            f"{where}: cannot tell the encoding (not UTF-8, and no Arabic code page reads it as Arabic text)",
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


def arabic_letter_share(text: str) -> float:
    """Share of letters that are Arabic script; garbage from a wrong code page scores low."""
    letters = arabic = 0
    for char in text:
        if char.isalpha():
            letters += 1
            if "\u0600" <= char <= "\u06ff" or "\ufb50" <= char <= "\ufeff":
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
_CONTROLS = dict.fromkeys([*range(0x09), *range(0x0B, 0x0D), *range(0x0E, 0x20), *range(0x7F, 0xA0)])


def strip_controls(text: str) -> str:
    """Delete C0 and C1 control characters except tab, line feed and carriage return."""
    return text.translate(_CONTROLS)


def canonical_text(text: str) -> str:
    """The form every article is stored in: NFC, `\\n` line ends, no trailing blanks, no
    control characters besides tab."""
    # Form feed, vertical tab (a line break in Word exports) and NEL break lines too.
    for line_break in ("\r\n", "\r", "\f", "\v", "\x85"):
        text = text.replace(line_break, "\n")
    text = strip_controls(unicodedata.normalize("NFC", text))
    lines = [line.rstrip() for line in text.split("\n")]
    return "\n".join(lines).strip("\n")
