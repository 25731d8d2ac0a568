"""The written forms that are the typed word: light stemming's matches, minus its false friends.

Light stemming removes ة, ي and ية like any other ending, so a place name falls together
with the word its letters continue into: ``الرياض`` (the capital) and ``الرياضة`` (sport)
both stem to ``رياض``, ``السعودية`` to the name ``سعود``, and ``أبها`` — whose last letters
look like the pronoun ها — to ``أب`` (father). No list of such words carries over from one
archive to the next: SaudiNewsNet's collisions are not ANT's.

The rule here follows the grammar instead. Clitics (و ف ب ل ك, the article) and the
inflections of a word — dual and plural endings, attached pronouns — keep it the same
word; the endings that *derive* a new word do not: the feminine ة on a word typed without
it, and the relative adjective (nisba) ي / ية on a word typed without it, or their absence
on a word typed with them. A search for a word matches its stem only in an article that
writes one of the word's own forms:

* typed plain (``الرياض``): the base with no ending, a dual or plural ending or a pronoun;
* typed with ة (``المدرسة``, ``مدرستها``): ة, its plural ات, its dual and ت before a pronoun;
* typed as a nisba (``السعودية``, ``الفلسطينيين``): ي and ية with their plurals.

A base keeps at least three letters: what is left of ``أبها`` without ها is too short to be
a word of its own, so ``أبها`` is the base (the same limit ``newsarc.variants`` uses).

Pure functions: the archive is consulted through ``frequency(term) -> int`` (articles
holding the normalized, unstemmed term), and only forms it holds are returned.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import Enum

__all__ = ["Shape", "same_word_forms", "word_shape"]

Frequency = Callable[[str], int]

_MIN_BASE = 3
#: The article and one-letter proclitics, alone and combined, as news text writes them.
_PREFIXES = (
    "", "و", "ف", "ب", "ل", "ك", "ال", "وال", "فال", "بال", "كال", "لل",
    "وب", "ول", "وك", "فب", "فل", "فك", "وبال", "وكال", "فبال", "فكال", "ولل", "فلل",
)  # fmt: skip
#: Attached pronouns, longest first (ه alone is left out: after normalization it is also ة).
_PRONOUNS = ("هما", "هم", "هن", "ها", "كم", "نا")
_TAA = "ه"  # ة after normalization
_ARTICLE_PREFIXES = ("وال", "فال", "بال", "كال", "ال", "لل")


class Shape(Enum):
    """Which derivation a word is: its ending class."""

    PLAIN = "plain"  # no derivational ending: الرياض, اجتماع
    FEMININE = "feminine"  # ة: الرياضة, مدرسة
    NISBA = "nisba"  # ي / ية: السعودية, الفلسطيني


_ENDINGS: dict[Shape, tuple[str, ...]] = {
    Shape.PLAIN: ("", "ان", "ين", "ون", "ات", *_PRONOUNS),
    Shape.FEMININE: (_TAA, "ات", "تان", "تين", "ته", *("ت" + p for p in _PRONOUNS)),
    Shape.NISBA: ("ي", "يه", "يون", "يين", "يان", "يات", "يتان", "يتين"),
}


def _core(term: str) -> str:
    """``term`` without the article (and a conjunction or preposition before it), or
    without a conjunction و, as light10 removes them."""
    for prefix in (*_ARTICLE_PREFIXES, "و"):
        if term.startswith(prefix) and len(term) - len(prefix) >= _MIN_BASE:
            return term[len(prefix) :]
    return term


def word_shape(term: str) -> tuple[str, Shape]:
    """(base, shape) of a normalized word: ``السعوديه`` → (``سعود``, NISBA)."""
    core = _core(term)

    def cut(n: int) -> str | None:
        base = core[:-n]
        return base if len(base) >= _MIN_BASE else None

    for pronoun in _PRONOUNS:
        if core.endswith(pronoun) and (base := cut(len(pronoun))):
            if base.endswith("ت") and len(base) > _MIN_BASE:
                return base[:-1], Shape.FEMININE  # مدرستها: ة written ت before a pronoun
            return base, Shape.PLAIN
    for ending, shape in (
        ("يون", Shape.NISBA), ("يين", Shape.NISBA), ("يات", Shape.NISBA), ("يه", Shape.NISBA),
        ("ات", Shape.FEMININE), ("ون", Shape.PLAIN), ("ين", Shape.PLAIN), ("ان", Shape.PLAIN),
        (_TAA, Shape.FEMININE), ("ي", Shape.NISBA),
    ):  # fmt: skip
        if core.endswith(ending) and (base := cut(len(ending))):
            return base, shape
    return core, Shape.PLAIN


def candidate_forms(term: str) -> Iterable[str]:
    """Every spelling of ``term``'s word with a clitic or an inflection, known or not."""
    base, shape = word_shape(term)
    for ending in _ENDINGS[shape]:
        word = base + ending
        for prefix in _PREFIXES:
            yield prefix + word
    if shape is Shape.FEMININE and _core(term).endswith("ات"):
        # a plural in ات is also the plural of a plain word (اجتماعات, اجتماع)
        for prefix in _PREFIXES:
            yield prefix + base


def same_word_forms(term: str, frequency: Frequency) -> list[str]:
    """The forms of ``term``'s word that the archive holds, ``term`` first when it does."""
    found = dict.fromkeys(form for form in candidate_forms(term) if frequency(form) > 0)
    if frequency(term) > 0:
        found = {term: None, **found}
    return list(found)
