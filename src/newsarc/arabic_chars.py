"""The Arabic character classes newsarc knows, in one table.

normalize.py (what searching ignores), dates.py (month names in any spelling) and
datelines.py (place names, separators) all read their characters from here, so that a
mark, a letter variant or an invisible character added once counts everywhere.

Strings of characters (`ARABIC_MARKS`, `ZERO_WIDTH`, …) and, for regular expressions,
bodies of character classes (`MARKS`, `ARABIC_LETTERS`, `SPACE_CHARS`: use inside `[...]`).
"""

from __future__ import annotations


def _chars(*ranges: tuple[int, int]) -> str:
    return "".join(chr(cp) for first, last in ranges for cp in range(first, last + 1))


# Arabic combining marks: Quranic signs U+0610–061A, harakat/tanween/shadda/sukun and
# hamza/madda above/below U+064B–065F, superscript alef U+0670, Quranic annotation
# U+06D6–06ED (this block also holds three non-marks: END OF AYAH U+06DD, RUB EL HIZB
# U+06DE, PLACE OF SAJDAH U+06E9).
ARABIC_MARKS = _chars((0x0610, 0x061A), (0x064B, 0x065F), (0x0670, 0x0670), (0x06D6, 0x06ED))
NOT_WORD_IN_MARK_RANGES = "\u06dd\u06de\u06e9"
TATWEEL = "\u0640"
ZERO_WIDTH = "\u200b\u200c\u200d"  # ZWSP, ZWNJ, ZWJ
WORD_JOINER = "\u2060"
BIDI_CONTROLS = "\u200e\u200f\u061c" + _chars((0x202A, 0x202E), (0x2066, 0x2069))  # LRM RLM ALM ...
BOM = "\ufeff"

# Letter variants written for one another: each folds to the first letter of its group.
LETTER_FOLDS = {
    "\u0623": "\u0627",  # أ alef with hamza above  -> ا
    "\u0625": "\u0627",  # إ alef with hamza below  -> ا
    "\u0622": "\u0627",  # آ alef with madda above  -> ا
    "\u0671": "\u0627",  # ٱ alef wasla             -> ا
    "\u0649": "\u064a",  # ى alef maksura           -> ي
    "\u06cc": "\u064a",  # ی Farsi yeh              -> ي
    "\u06d2": "\u064a",  # ے yeh barree (Urdu)      -> ي
    "\u06a9": "\u0643",  # ک keheh (Persian kaf)    -> ك
    "\u0629": "\u0647",  # ة teh marbuta            -> ه
    "\u06c0": "\u0647",  # ۀ heh with yeh above     -> ه
    "\u06c1": "\u0647",  # ہ heh goal (Urdu)        -> ه
}


def variants_of(letter: str) -> str:
    """The letter and every letter folded to it: `ا` → `اأإآٱ`."""
    return letter + "".join(k for k, v in LETTER_FOLDS.items() if v == letter)


ALEFS = variants_of("\u0627")
YEHS = variants_of("\u064a")
TEH_MARBUTA_HEH = variants_of("\u0647")
KAFS = variants_of("\u0643")

# --- character-class bodies for regular expressions --------------------------------------

#: Marks and tatweel, which may stand between the letters of any word.
MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640"
#: Arabic letters (not marks, not tatweel, not digits).
ARABIC_LETTERS = "\u0620-\u063f\u0641-\u064a\u066e-\u066f\u0671-\u06d3\u06d5\u06fa-\u06ff"
#: Whitespace, NBSP, and the invisible characters pasted text carries between words.
SPACE_CHARS = "\\s\u200b-\u200f\u061c\u202a-\u202e\u2066-\u2069"
#: The letters of the Arabic alphabet proper (hamza to yeh), without Persian or Urdu ones.
BASIC_ARABIC_LETTERS = "\u0621-\u063a\u0641-\u064a"
#: The Arabic blocks: the main block and the presentation forms.
ARABIC_BLOCKS = "\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff"
#: What is stripped from the ends of a field: whitespace and invisible characters.
STRIP_CHARS = " \t\r\n\f\v\u00a0" + ZERO_WIDTH + BIDI_CONTROLS + BOM
#: Zero-width characters that are dropped at the edges of words (kept inside: ZWNJ
#: separates the parts of a Persian word).
EDGE_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
