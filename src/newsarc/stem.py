"""Arabic light stemming: a port of Apache Lucene's ``ArabicStemmer`` (light10).

Larkey, Ballesteros & Connell, "Light Stemming for Arabic Information Retrieval" (2007),
as implemented in ``org.apache.lucene.analysis.ar.ArabicStemmer`` (Apache-2.0):

* prefixes ال وال بال كال فال لل و, tried in that order, only the first match removed;
  the one-letter و needs a word of at least 4 letters, the others at least
  ``len(prefix) + 2`` letters (i.e. at least two letters must remain);
* then ONE pass over the suffixes ها ان ات ون ين يه ية ه ة ي in that order, each removed
  when it matches the (already shortened) word and at least two letters remain.

Input is an already-normalized token (``newsarc.normalize.normalize_arabic``), as in
Lucene where ArabicNormalizationFilter runs first. Lengths are counted in code points;
Lucene counts UTF-16 units, which differs only for tokens holding characters outside the
Basic Multilingual Plane next to an Arabic affix (never in real words).
"""

from __future__ import annotations

from collections.abc import Collection
from enum import Enum

__all__ = [
    "Shape",
    "split_prefix",
    "stem_light10",
    "stem_protected",
    "stem_token",
    "stem_word",
    "word_shape",
]

_PREFIXES = ("ال", "وال", "بال", "كال", "فال", "لل", "و")
_SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ية", "ه", "ة", "ي")

# (prefix, minimum word length) — Lucene's startsWithCheckLength.
_PREFIX_RULES = tuple((p, 4 if len(p) == 1 else len(p) + 2) for p in _PREFIXES)
# (suffix, minimum word length) — Lucene's endsWithCheckLength.
_SUFFIX_RULES = tuple((s, len(s) + 2) for s in _SUFFIXES)


_Rule = tuple[int, str, int]  # (order in Lucene's list, affix, minimum word length)


def _by_char(rules: tuple[tuple[str, int], ...], at: int) -> dict[str, tuple[_Rule, ...]]:
    table: dict[str, list[_Rule]] = {}
    for order, (affix, min_len) in enumerate(rules):
        table.setdefault(affix[at], []).append((order, affix, min_len))
    return {char: tuple(entries) for char, entries in table.items()}


# why: an affix can only match if the word starts (ends) with its first (last) letter, so
# looking rules up by that letter, in their original order, gives the same result as
# Lucene's loops while trying one or two rules instead of seven or ten (2x faster).
_PREFIXES_BY_FIRST = _by_char(_PREFIX_RULES, 0)
_SUFFIXES_BY_LAST = _by_char(_SUFFIX_RULES, -1)


def stem_light10(token: str) -> str:
    """Strip one light10 prefix, then suffixes in one ordered pass (Lucene ``ArabicStemmer``)."""
    return stem_protected(token, frozenset())


def stem_protected(token: str, protected: Collection[str]) -> str:
    """``stem_light10``, except that a word in ``protected`` is never cut further.

    The check runs on the whole token (Lucene's stem exclusion), after the prefix and after
    each suffix: with ``بحرين`` protected, ``البحرين`` and ``والبحرين`` stem to ``بحرين``
    instead of light10's ``بحر`` (sea), and ``مكانها`` to ``مكان`` instead of ``مك``.
    Entries must be normalized (``newsarc.normalize.normalize_arabic``).
    """
    if not token or token.isascii():  # every affix is Arabic
        return token
    if token in protected:
        return token
    n = len(token)
    for _order, prefix, min_len in _PREFIXES_BY_FIRST.get(token[0], ()):
        if n >= min_len and token.startswith(prefix):
            token = token[len(prefix) :]
            break  # first match only
    # One ordered pass over the suffixes: after removing suffix number k, only suffixes
    # after k in Lucene's list are tried on the shortened word.
    next_order = 0
    while token and token not in protected:
        for order, suffix, min_len in _SUFFIXES_BY_LAST.get(token[-1], ()):
            if order >= next_order and len(token) >= min_len and token.endswith(suffix):
                token = token[: -len(suffix)]
                next_order = order + 1
                break
        else:
            break
    return token


def stem_token(token: str, exclusions: Collection[str] = frozenset()) -> str:
    """``stem_light10`` unless ``token`` is in ``exclusions`` (Lucene's stem exclusion set).

    As in Lucene's ArabicAnalyzer, exclusions are compared with the *normalized* token:
    pass entries through ``normalize_arabic`` first.
    """
    if token in exclusions:
        return token
    return stem_light10(token)


# --- newsarc's stemmer: light10's prefixes, endings by the grammar ------------------------
#
# light10 removes ة, ي and ية like any other ending, so a place name falls together with
# the word its letters continue into: الرياض (Riyadh) and الرياضة (sport) both stem to رياض,
# السعودية to the name سعود, and أبها — whose last letters look like the pronoun ها — to أب
# (father). No list of such words carries over from one archive to the next (SaudiNewsNet's
# collisions are not ANT's), so stem_word follows the grammar instead: clitics and the
# inflections of a word (dual and plural endings, attached pronouns) keep it the same word;
# the endings that derive another word — the feminine ة and the relative adjective (nisba)
# ي / ية — are kept in its stem. And what is left must keep three letters: أبها is not أب.


class Shape(Enum):
    """Which derivation a word is: its ending class."""

    PLAIN = ""  # no derivational ending: الرياض, اجتماع
    FEMININE = "ه"  # ة (ه after normalization) and its plural ات: الرياضة, مدرستها, سيارات
    NISBA = "ي"  # ي / ية and their plurals: السعودية, الفلسطينيين


_MIN_BASE = 3
#: Attached pronouns, longest first (ه alone is left out: after normalization it is also ة).
_PRONOUNS = ("هما", "هم", "هن", "ها", "كم", "نا")
#: Endings, tried in this order after a pronoun: nisba plurals before the plain plurals.
_ENDINGS = (
    ("يون", Shape.NISBA), ("يين", Shape.NISBA), ("يات", Shape.NISBA), ("يه", Shape.NISBA),
    ("ات", Shape.FEMININE), ("ون", Shape.PLAIN), ("ين", Shape.PLAIN), ("ان", Shape.PLAIN),
    ("ه", Shape.FEMININE), ("ي", Shape.NISBA),
)  # fmt: skip


def word_shape(core: str, protected: Collection[str] = frozenset()) -> tuple[str, Shape]:
    """(base, shape) of a normalized word without its prefix: ``سعوديه`` → (``سعود``, NISBA),
    ``مدرستها`` → (``مدرس``, FEMININE), ``ابها`` → (``ابها``, PLAIN). A word in ``protected``
    (newsarc.exclusions) is not cut further."""
    if core in protected:
        return core, Shape.PLAIN
    for pronoun in _PRONOUNS:
        if core.endswith(pronoun) and len(core) - len(pronoun) >= _MIN_BASE:
            core = core[: -len(pronoun)]
            if core in protected:
                return core, Shape.PLAIN
            if core.endswith("ت") and len(core) > _MIN_BASE:
                return core[:-1], Shape.FEMININE  # مدرستها: ة is written ت before a pronoun
            break
    for ending, shape in _ENDINGS:
        if core.endswith(ending) and len(core) - len(ending) >= _MIN_BASE:
            return core[: -len(ending)], shape
    return core, Shape.PLAIN


#: A conjunction before ب + ال or ل + ال (وبالتالي, وللاعبين), which light10 takes for و
#: alone: its بال and لل stay on the word, which then meets neither بالتالي nor للاعبين.
#: كال is left out: وكالات and وكالة (agency) are words of their own.
_CONJUNCTION_RUNS = tuple((run, len(run) + 2) for run in ("وبال", "فبال", "ولل", "فلل"))


def split_prefix(token: str) -> tuple[str, str]:
    """(prefix, rest) of a normalized token as ``stem_word`` cuts it: light10's prefix
    rules, and a conjunction before بال or لل: ``والوزير`` → (``وال``, ``وزير``),
    ``وزير`` → (``و``, ``زير``), ``سوريا`` → (``""``, ``سوريا``)."""
    if not token or token.isascii():
        return "", token
    n = len(token)
    for prefix, min_len in _CONJUNCTION_RUNS:
        if n >= min_len and token.startswith(prefix):
            return prefix, token[len(prefix) :]
    for _order, prefix, min_len in _PREFIXES_BY_FIRST.get(token[0], ()):
        if n >= min_len and token.startswith(prefix):
            return prefix, token[len(prefix) :]
    return "", token


def stem_word(token: str, protected: Collection[str] = frozenset()) -> str:
    """newsarc's stem of a normalized token: light10's prefix rules (and a conjunction
    before بال or لل), then the base and its derivational ending (``word_shape``):
    ``الرياض`` → ``رياض``, ``الرياضة`` → ``رياضه``, ``والسعوديين`` → ``سعودي``,
    ``مدرستها`` → ``مدرسه``, ``أبها`` → ``ابها``, ``وللاعبين`` → ``اعب`` (as ``للاعبين``)."""
    if not token or token.isascii() or token in protected:
        return token
    base, shape = word_shape(split_prefix(token)[1], protected)
    return base + shape.value
