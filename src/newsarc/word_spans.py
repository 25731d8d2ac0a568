"""Where the words a predicate accepts are in a text: fast enough for a 4 MB article.

Highlighting used to analyze every token of the text in Python: 1.5-3 s for a 4 MB
article, paid by every search that showed it. A text of 640,000 tokens holds some 60,000
different ones: this decides each different token once, then finds the accepted ones with
one regular expression (the scanning runs in C).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from newsarc.normalize import TOKEN_PATTERN, WORD_CHARS_EXTRA

__all__ = ["word_spans"]

_WORD_CHAR = rf"[\w{WORD_CHARS_EXTRA}]"
_DIGIT_SEPARATORS = ".,\u066b\u066c"  # as in TOKEN_PATTERN
# Below this many characters, the token-by-token loop is as fast and simpler.
_SMALL = 20_000


def word_spans(text: str, accepts: Callable[[str], bool]) -> list[tuple[int, int]]:
    """``(start, end)`` of every token of ``text`` (``TOKEN_PATTERN``) that ``accepts``."""
    if len(text) < _SMALL:
        return [m.span() for m in TOKEN_PATTERN.finditer(text) if accepts(m.group())]
    wanted = sorted((t for t in set(TOKEN_PATTERN.findall(text)) if accepts(t)), key=len, reverse=True)
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
        if start >= 2 and text[start - 1] in _DIGIT_SEPARATORS and text[start - 2].isdigit() and text[start].isdigit():
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
    for start, _end in word_spans(text, lambda token: first in words_of(token)):
        # Only the few words after an occurrence of the first word are read.
        sequence: list[tuple[tuple[int, int], str]] = []
        for match in TOKEN_PATTERN.finditer(text, start):
            sequence += [(match.span(), word) for word in words_of(match.group())]
            if len(sequence) >= len(phrase):
                break
        if tuple(word for _span, word in sequence[: len(phrase)]) == phrase:
            spans.update(span for span, _word in sequence[: len(phrase)])
    return sorted(spans)
