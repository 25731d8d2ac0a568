"""Where the words a predicate accepts are in a text: fast enough for a 4 MB article.

Highlighting used to analyze every token of the text in Python: 1.5-3 s for a 4 MB
article, paid by every search that showed it. A text of 640,000 tokens holds some 60,000
different ones: this decides each different token once, then finds the accepted ones with
one regular expression (the scanning runs in C). In a long text, given the letters every
accepted token holds (needles), only the tokens around the needles' matches are looked at:
each found by looking back from the match to the token's start.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator
from functools import lru_cache

from newsarc.normalize import (
    ARABIC_MARKS_AND_FORMAT,
    TOKEN_PATTERN,
    WORD_CHARS_EXTRA,
    written_as,
)

__all__ = ["word_spans"]

_WORD_CHAR = rf"[\w{WORD_CHARS_EXTRA}]"
_WORD_CHAR_RE = re.compile(_WORD_CHAR)
_DIGIT_SEPARATORS = ".,\u066b\u066c"  # as in TOKEN_PATTERN
# Below this many characters, the token-by-token loop is as fast and simpler.
_SMALL = 20_000
# From this many, only the text around the needles is tokenized.
_LONG = 200_000
# Presentation forms (ﺍﻟﻌﺮﺏ) and ligatures (ﷺ) normalize to letters a needle does not spell.
_PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")
_MARKS = re.escape(ARABIC_MARKS_AND_FORMAT)
# A run of word characters ending where a search is bounded (endpos): a token's first run.
_RUN_BEFORE = re.compile(rf"{_WORD_CHAR}+\Z")
# Where two runs of word characters make one token (TOKEN_PATTERN: 2.5, ١٫٥).
_JOINT = re.compile(rf"\d[{_DIGIT_SEPARATORS}]\d")
_STEP_BACK = 64  # characters looked back at a time for the start of a run


@lru_cache(maxsize=256)
def _needle_pattern(needle: str) -> re.Pattern[str]:
    """The ways ``needle`` (normalized letters) may be written in a row: its letters in
    any spelling normalization folds, with marks between them."""
    letters = ("[" + re.escape(written_as(c)) + "]" for c in needle)
    return re.compile(f"[{_MARKS}]*".join(letters), re.IGNORECASE)


def _fewest_needles(needles: Collection[str]) -> list[str]:
    """The needles that hold no other: a token holding ``الحكومه`` holds ``حكو`` too, and
    one scan for each needle left (a literal search in C) is far cheaper than one for an
    alternation of them all (which tries every alternative at every character)."""
    kept: list[str] = []
    for needle in sorted({n for n in needles if n}, key=len):
        if not any(shorter in needle for shorter in kept):
            kept.append(needle)
    return kept


def _token_start(text: str, position: int) -> int:
    """Where the token holding the word character at ``position`` starts: the first run of
    word characters before it, extended over the runs a digit separator joins to it."""
    while True:
        low = position
        while True:  # the start of the run of word characters ending at position
            bound = max(0, low - _STEP_BACK)
            run = _RUN_BEFORE.search(text, bound, low + 1)
            if run is None or run.start() > bound or bound == 0:
                low = run.start() if run else low
                break
            low = bound  # the run goes on before the characters looked at
        if low >= 2 and _JOINT.match(text, low - 2):
            position = low - 2  # 2.5: the run before the separator is the same token
            continue
        return low


def _tokens_over(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """The tokens of ``text`` (as TOKEN_PATTERN.finditer(text) finds them) that overlap
    ``[start, end)``, found without tokenizing the text before them."""
    if _WORD_CHAR_RE.match(text, start):
        start = _token_start(text, start)
    elif start >= 1 and _JOINT.match(text, start - 1):  # the separator inside 2.5
        start = _token_start(text, start - 1)
    for token in TOKEN_PATTERN.finditer(text, start):
        if token.start() >= end:
            return
        yield token


def _spans_near(
    text: str, accepts: Callable[[str], bool], needles: Collection[str]
) -> list[tuple[int, int]]:
    decided: dict[str, bool] = {}
    spans: set[tuple[int, int]] = set()

    def consider(matches: Iterator[re.Match[str]]) -> None:
        done = 0  # where the last token looked at ends: matches come in text order
        for found in matches:
            if found.end() <= done:
                continue  # inside a token already decided (a long one holds many matches)
            for token in _tokens_over(text, max(found.start(), done), found.end()):
                word = token.group()
                if word not in decided:
                    decided[word] = accepts(word)
                if decided[word]:
                    spans.add(token.span())
                done = token.end()

    # A word written in presentation forms does not spell a needle: such words are decided
    # one by one (there are few: ﷺ, a heading copied from a PDF).
    consider(_PRESENTATION_FORMS.finditer(text))
    for needle in _fewest_needles(needles):
        consider(_needle_pattern(needle).finditer(text))
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
