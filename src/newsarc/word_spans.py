"""Where the words a predicate accepts are in a text: fast enough for a 4 MB article.

Highlighting used to analyze every token of the text in Python: 1.5-3 s for a 4 MB
article, paid by every search that showed it. A text of 640,000 tokens holds some 60,000
different ones: this decides each different token once, then finds the accepted ones with
one regular expression (the scanning runs in C).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from functools import lru_cache

from newsarc.normalize import ARABIC_MARKS_AND_FORMAT, TOKEN_PATTERN, WORD_CHARS_EXTRA

__all__ = ["word_spans"]

_WORD_CHAR = rf"[\w{WORD_CHARS_EXTRA}]"
_DIGIT_SEPARATORS = ".,\u066b\u066c"  # as in TOKEN_PATTERN
# Below this many characters, the token-by-token loop is as fast and simpler.
_SMALL = 20_000
# From this many, only the text around the needles is tokenized.
_LONG = 200_000
# Presentation forms (ﺍﻟﻌﺮﺏ) and ligatures (ﷺ) normalize to letters a needle does not spell.
_PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")
_MARKS = re.escape(ARABIC_MARKS_AND_FORMAT)
# The letters normalization folds into each normalized letter (newsarc.normalize).
_WRITTEN = {
    "ا": "اأإآٱ", "ي": "يىیے", "ك": "كک", "ه": "هةۀہ",
    **{str(d): str(d) + chr(0x660 + d) + chr(0x6F0 + d) for d in range(10)},
}  # fmt: skip
_AROUND = 200  # characters either side of a needle: longer than any token around it


@lru_cache(maxsize=256)
def _needle_pattern(needles: tuple[str, ...]) -> re.Pattern[str]:
    def spelled(needle: str) -> str:
        letters = ("[" + re.escape(_WRITTEN.get(c, c)) + "]" for c in needle)
        return f"[{_MARKS}]*".join(letters)

    return re.compile("|".join(spelled(n) for n in needles if n), re.IGNORECASE)


def _spans_near(
    text: str, accepts: Callable[[str], bool], needles: Collection[str]
) -> list[tuple[int, int]]:
    decided: dict[str, bool] = {}
    spans: set[tuple[int, int]] = set()
    # A word written in presentation forms does not spell a needle: such words are decided
    # one by one (there are few: ﷺ, a heading copied from a PDF).
    for found in _PRESENTATION_FORMS.finditer(text):
        for token in TOKEN_PATTERN.finditer(
            text, max(0, found.start() - _AROUND), found.end() + _AROUND
        ):
            if token.start() <= found.start() < token.end() and accepts(token.group()):
                spans.add(token.span())
    for found in _needle_pattern(tuple(sorted(needles))).finditer(text):
        start = max(0, found.start() - _AROUND)
        for token in TOKEN_PATTERN.finditer(text, start, min(len(text), found.end() + _AROUND)):
            if token.end() <= found.start() or token.start() >= found.end():
                continue
            if token.start() == start and start > 0 or token.end() == found.end() + _AROUND:
                continue  # cut by the window: not a whole token
            word = token.group()
            if word not in decided:
                decided[word] = accepts(word)
            if decided[word]:
                spans.add(token.span())
    return sorted(spans)


def word_spans(
    text: str, accepts: Callable[[str], bool], needles: Collection[str] | None = None
) -> list[tuple[int, int]]:
    """``(start, end)`` of every token of ``text`` (``TOKEN_PATTERN``) that ``accepts``.

    ``needles``: normalized letters every accepted token holds, written in a row (the first
    letters of a stem, a whole exact term). In a long text only the tokens around them are
    looked at: a 4 MB article costs what its matches cost.
    """
    if len(text) < _SMALL:
        return [m.span() for m in TOKEN_PATTERN.finditer(text) if accepts(m.group())]
    if needles and len(text) >= _LONG:
        return _spans_near(text, accepts, needles)
    wanted = sorted(
        (t for t in set(TOKEN_PATTERN.findall(text)) if accepts(t)), key=len, reverse=True
    )
    if not wanted:
        return []
    # A token is a maximal run of word characters (and digit separators): an accepted
    # token matches only where no word character touches it.
    alternatives = "|".join(map(re.escape, wanted))
    pattern = re.compile(rf"(?<!{_WORD_CHAR})(?:{alternatives})(?!{_WORD_CHAR})")
    spans = []
    for match in pattern.finditer(text):
        # The digit-separator rule (2.5, ١٫٥) makes some tokens longer than a run of word
        # characters: keep a match only where it is a whole token.
        start = match.start()
        if (
            start >= 2
            and text[start - 1] in _DIGIT_SEPARATORS
            and text[start - 2].isdigit()
            and text[start].isdigit()
        ):
            continue  # the end of 2.5, not a token of its own
        token = TOKEN_PATTERN.match(text, start)
        if token is not None and token.end() == match.end():
            spans.append(match.span())
    return spans


def phrase_spans(
    text: str, phrase: tuple[str, ...], words_of: Callable[[str], tuple[str, ...]]
) -> list[tuple[int, int]]:
    """Spans of the tokens of ``text`` where ``phrase`` (normalized words, as the exact
    field indexes them) stands word after word: a phrase is highlighted only where it
    matches, not wherever one of its words is. ``words_of(token)`` gives the exact
    analyzer's words of one token (stopwords dropped: they take no position)."""
    if not phrase:
        return []
    first = phrase[0]
    spans: set[tuple[int, int]] = set()
    for start, _end in word_spans(text, lambda token: first in words_of(token), (first,)):
        # Only the few words after an occurrence of the first word are read.
        sequence: list[tuple[tuple[int, int], str]] = []
        for match in TOKEN_PATTERN.finditer(text, start):
            sequence += [(match.span(), word) for word in words_of(match.group())]
            if len(sequence) >= len(phrase):
                break
        if tuple(word for _span, word in sequence[: len(phrase)]) == phrase:
            spans.update(span for span, _word in sequence[: len(phrase)])
    return sorted(spans)
