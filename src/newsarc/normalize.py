"""Arabic orthographic normalization and tokenization (docs/ARCHITECTURE.md, "Text analysis",
steps 1–5).

Pure ``str -> str`` functions, standard library only. ``normalize_arabic`` composes
the steps in this order, used identically at index and query time:

1. ``nfkc``                 presentation forms, ligatures, decomposed hamza → plain letters
2. ``remove_arabic_marks``  harakat, Quranic marks, tatweel, ZWNJ/ZWJ/ZWSP, bidi controls, BOM
3. ``fold_arabic_letters``  أ إ آ ٱ → ا;  ى ی ے → ي;  ک → ك;  ة ۀ ہ → ه  (ؤ ئ ء kept)
4. ``fold_digits``          every Unicode decimal digit → ASCII
5. ``lowercase``            Latin (and any cased script) names

Where this deliberately differs from Lucene's ArabicNormalizer (the parity oracle in
``tests/data/arabic-analysis.tsv``): NFKC first (Lucene leaves ﻻ ﺍﻟﻌﺮﺏ untouched), all
Arabic marks rather than only fathatan..sukun, alef wasla, Persian/Urdu yeh, keheh and
heh forms, and ZWNJ is *deleted* (``می‌خواهم`` → ``ميخواهم``), whereas Lucene's Persian
char filter turns ZWNJ into a space (``می‌خورد`` → ``می خورد``): one search term per
written word is what an archive of news needs, and a query typed without ZWNJ must match.

Tokenization (``TOKEN_PATTERN``, ``iter_tokens``) runs on the *original* text, so offsets
can be used to highlight the original spelling; each token is then normalized on its own.
"""

from __future__ import annotations

import array
import re
import unicodedata
from collections.abc import Iterator

from newsarc.arabic_chars import (
    ARABIC_MARKS,
    BIDI_CONTROLS,
    BOM,
    LETTER_FOLDS,
    NOT_WORD_IN_MARK_RANGES,
    TATWEEL,
    ZERO_WIDTH,
    variants_of,
)

__all__ = [
    "ARABIC_MARKS_AND_FORMAT",
    "MAX_SLUG_BYTES",
    "TOKEN_PATTERN",
    "WORD_CHARS_EXTRA",
    "fold_arabic_letters",
    "fold_digits",
    "iter_tokens",
    "lowercase",
    "nfkc",
    "normalize_arabic",
    "remove_arabic_marks",
    "source_slug",
    "written_as",
]


# --- Character sets (the table is arabic_chars.py) ----------------------------------------

_ARABIC_MARKS = ARABIC_MARKS
_TATWEEL = TATWEEL
_ZW = ZERO_WIDTH
_BIDI = BIDI_CONTROLS
_BOM = BOM

#: Every character ``remove_arabic_marks`` deletes.
ARABIC_MARKS_AND_FORMAT: str = _ARABIC_MARKS + _TATWEEL + _ZW + _BIDI + _BOM

_NOT_WORD_IN_MARK_RANGES = NOT_WORD_IN_MARK_RANGES


def _class_ranges(chars: str) -> str:
    """Chars as ``re`` character-class body (runs of code points written as ``a-z``)."""
    cps = sorted({ord(c) for c in chars})
    parts: list[str] = []
    i = 0
    while i < len(cps):
        j = i
        while j + 1 < len(cps) and cps[j + 1] == cps[j] + 1:
            j += 1
        first, last = re.escape(chr(cps[i])), re.escape(chr(cps[j]))
        parts.append(first if i == j else f"{first}-{last}")
        i = j + 1
    return "".join(parts)


#: Characters that count as word characters besides ``\w`` (which misses combining marks):
#: Arabic marks, tatweel, ZWNJ, ZWJ. Regex-ready for use *inside* a character class:
#: ``re.compile(f"[\\w{WORD_CHARS_EXTRA}]+")``.
WORD_CHARS_EXTRA: str = _class_ranges(
    "".join(c for c in _ARABIC_MARKS if c not in _NOT_WORD_IN_MARK_RANGES)
    + _TATWEEL
    + "\u200c\u200d"
)

#: A word token: a run of ``\w`` and ``WORD_CHARS_EXTRA`` (so ``قَالَ`` is one token),
#: where a run of digits may continue across one decimal/thousands separator
#: (``.`` ``,`` ``٫`` ``٬``) followed by a digit, as Unicode word segmentation (and
#: Lucene's StandardTokenizer) does: ``٢٫٥`` and ``2.5`` are one token each.
TOKEN_PATTERN: re.Pattern[str] = re.compile(
    rf"[\w{WORD_CHARS_EXTRA}]+(?:(?<=\d)[.,\u066b\u066c](?=\d)[\w{WORD_CHARS_EXTRA}]+)*"
)


def iter_tokens(text: str) -> Iterator[tuple[int, int, str]]:
    """Yield ``(start, end, text[start:end])`` for each word token of the original text.

    A token may normalize to the empty string (a run of tatweel, a lone mark): callers
    drop those after ``normalize_arabic``.
    """
    for match in TOKEN_PATTERN.finditer(text):
        yield match.start(), match.end(), match.group()


# --- Translation tables, built once at import -------------------------------------------

_DELETE_TABLE: dict[int, int | None] = {ord(c): None for c in ARABIC_MARKS_AND_FORMAT}

_LETTER_FOLDS = LETTER_FOLDS
_LETTER_TABLE: dict[int, int | None] = {ord(k): ord(v) for k, v in _LETTER_FOLDS.items()}


def _decimal_digits() -> dict[int, int | None]:
    # All decimal digits (category Nd) live in planes 0 and 1; scanning them with `\d`
    # over one decoded string takes a few milliseconds, versus ~70 ms for all of Unicode.
    plane01 = array.array("I", range(0x20000)).tobytes().decode("utf-32-le", "surrogatepass")
    return {
        ord(c): ord("0") + unicodedata.decimal(c)
        for c in re.findall(r"\d", plane01)
        if not "0" <= c <= "9"
    }


_DIGIT_TABLE: dict[int, int | None] = _decimal_digits()

# Steps 2–4 touch disjoint sets of characters and never produce a character another of
# them changes, so one table does all three in one pass (tests check the equivalence).
_FOLD_TABLE: dict[int, int | None] = {**_DELETE_TABLE, **_LETTER_TABLE, **_DIGIT_TABLE}
# why: str.translate pays for a raised-and-cleared KeyError on every character it does not
# map; identity entries for the first 2048 code points (Latin to Arabic) make the common
# lookups hits, ~15-25% faster on Arabic tokens.
for _cp in range(0x800):
    _FOLD_TABLE.setdefault(_cp, _cp)
del _cp

# NFKC maps the *isolated* presentation forms of tashkeel (U+FE70 ﹰ, U+FE72, …) to a
# SPACE + mark; map them to the bare mark before NFKC so that deleting it leaves no space.
_ISOLATED_TASHKEEL: dict[int, int | None] = {
    0xFE70: 0x064B,  # fathatan
    0xFE72: 0x064C,  # dammatan
    0xFE74: 0x064D,  # kasratan
    0xFE76: 0x064E,  # fatha
    0xFE78: 0x064F,  # damma
    0xFE7A: 0x0650,  # kasra
    0xFE7C: 0x0651,  # shadda
    0xFE7E: 0x0652,  # sukun
}


# --- The steps ---------------------------------------------------------------------------


def nfkc(text: str) -> str:
    """NFKC, with isolated tashkeel presentation forms mapped to the bare mark first."""
    # why: presentation forms (ﺍﻟﻌﺮﺏ), ligatures (ﻻ ﷲ) and decomposed hamza (و + ٔ) are the
    # same words as the plain letters; PDFs and old web pages are full of them.
    out = unicodedata.normalize("NFKC", text)
    if out != text:  # cheap: NFKC returns its input unchanged for already-normal text
        out = unicodedata.normalize("NFKC", text.translate(_ISOLATED_TASHKEEL))
    return out


def remove_arabic_marks(text: str) -> str:
    """Delete Arabic marks, tatweel, ZWNJ/ZWJ/ZWSP, bidi controls and BOM."""
    # why: vocalization, elongation and invisible formatting vary freely between writers
    # and outlets but never change which word is written.
    return text.translate(_DELETE_TABLE)


def fold_arabic_letters(text: str) -> str:
    """Fold hamza-on-alef/madda/wasla to ا, ى/ی/ے to ي, ک to ك, ة/ۀ/ہ to ه."""
    # why: these are spelled inconsistently (or typed on Persian/Urdu keyboards) for the
    # same word; ؤ ئ ء are kept, as Lucene does, because they distinguish words.
    return text.translate(_LETTER_TABLE)


def written_as(char: str) -> str:
    """``char`` (a normalized letter or digit) and every character the folds map to it:
    `ا` → `اأإآٱ`, `2` → `2٢۲…` (every script's digit two). What a search for a normalized
    word must accept in the original text, letter by letter."""
    return _DIGITS_WRITTEN_AS.get(char) or variants_of(char)


_DIGITS_WRITTEN_AS: dict[str, str] = {str(d): str(d) for d in range(10)}
for _code, _ascii in _DIGIT_TABLE.items():
    if _ascii is not None:
        _DIGITS_WRITTEN_AS[chr(_ascii)] += chr(_code)


def fold_digits(text: str) -> str:
    """Map every Unicode decimal digit (Arabic-Indic ٠-٩, Persian ۰-۹, …) to ASCII 0-9."""
    # why: ٢٠١٤, ۲۰۱۴ and 2014 are the same year in the same archive.
    return text.translate(_DIGIT_TABLE)


def lowercase(text: str) -> str:
    """Lowercase (``str.lower``)."""
    # why: Latin names and acronyms in Arabic news (CNN, Trump) match whatever their case.
    return text.lower()


def normalize_arabic(text: str) -> str:
    """Normalize one token (or any text): ``nfkc`` → marks → letters → digits → lowercase.

    Idempotent and total (never raises on any ``str``). Non-Arabic letters and digits are
    only changed by NFKC, lowercasing and digit folding.
    """
    if text.isascii():  # fast path: NFKC and steps 2-4 never change ASCII
        return text.lower()
    out = nfkc(text).translate(_FOLD_TABLE).lower()
    # why: deleting a mark or format character, or lowercasing, can leave a sequence NFKC
    # composes (e + ZWJ + ◌́ → é once ZWJ is gone; W + ◌̊ → w + ◌̊ → ẘ). Without this the
    # function would not be idempotent. Rare, and the check is fast.
    for _ in range(4):
        if unicodedata.is_normalized("NFKC", out):
            break
        out = unicodedata.normalize("NFKC", out).lower()
    return out


#: A source's slug names a folder: at most this many bytes.
MAX_SLUG_BYTES = 100


def source_slug(name: str) -> str:
    """A stable folder and filter name for a source: `العرب` → `العرب`, `Sky News` → `sky-news`."""
    folded = normalize_arabic(unicodedata.normalize("NFKC", name))
    slug = re.sub(r"[^\w]+|_+", "-", folded).strip("-")
    if len(slug.encode("utf-8")) > MAX_SLUG_BYTES:  # a folder name: keep it short enough
        slug = slug.encode("utf-8")[:MAX_SLUG_BYTES].decode("utf-8", "ignore").rstrip("-")
    return slug or "source"
