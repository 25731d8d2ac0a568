"""The archive's words as look-ups for query expansion: how often, next to what, together.

``newsarc.variants`` and ``newsarc.spelling`` are pure functions over these look-ups; this
module answers them through any engine's Reader (newsarc.engine.base: the ``exact`` field,
normalized and unstemmed) and, for the words written next to a term, from the text of a
sample of the articles holding it.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache

from newsarc.arabic_chars import variants_of
from newsarc.normalize import (
    ARABIC_MARKS_AND_FORMAT,
    TOKEN_PATTERN,
    normalize_arabic,
)
from newsarc.query.tree import EXACT_FIELD
from newsarc.stopwords import ARABIC_STOPWORDS

__all__ = ["FrequencyLexicon", "ReaderLexicon", "as_lexicon", "neighbour_counts"]

#: Articles read to learn what is written next to a term (bench/eval_variants.py: with
#: fewer, the rarer spelling of a name has too few neighbours to compare).
NEIGHBOUR_SAMPLE = 100
#: Characters of an article scanned for a term's neighbours: a 4 MB article costs no more.
_SCAN_CHARS = 20_000
#: Presentation forms of the marks to which NFKC gives a space of their own (U+FE70 ﹰ is
#: SPACE + fathatan), which ``newsarc.normalize.nfkc`` maps to the bare mark instead.
_SPACED_MARK_FORMS = re.compile("[\ufe70-\ufe7f]")


def neighbour_counts(term: str, texts: Sequence[str]) -> Counter:
    """Words written right before or after ``term`` in ``texts``, stopwords and numbers left
    out, counted (the evidence ``newsarc.spelling`` compares).

    What is counted is defined on the start of each text normalized whole and tokenized
    (``_counts_in_whole``); ``_counts_near`` finds the same counts normalizing and
    tokenizing only the few words around the term's occurrences.
    """
    counts: Counter = Counter()
    letters = _written_as(term)
    for text in texts:
        start = text[:_SCAN_CHARS]
        # NFKC (no-break spaces, presentation forms) first, on the whole start: C-fast,
        # and after it the term is only where its letters are written (_written_as). Not
        # where it would make spaces that normalization does not (_SPACED_MARK_FORMS).
        compatible = unicodedata.normalize("NFKC", start)
        if letters is None or (compatible != start and _SPACED_MARK_FORMS.search(start)):
            _counts_in_whole(term, start, counts)
        else:
            _counts_near(term, compatible, letters, counts)
    return counts


def _counts_in_whole(term: str, text: str, counts: Counter) -> None:
    # Normalizing the whole text at once (C-speed translate) instead of word by word:
    # neighbours are statistics, and the few words NFKC splits differently do not matter.
    normalized = normalize_arabic(text)
    if term in normalized:
        _count_beside(term, TOKEN_PATTERN.findall(normalized), counts)


#: A token holding a digit is a number (`1.5`, `و2,5`, `f16`): no context of a word.
_NUMBER = re.compile(r"\d")


def _count_beside(term: str, words: Sequence[str], counts: Counter) -> None:
    for i, word in enumerate(words):
        if word != term:
            continue
        for j in (i - 1, i + 1):
            if (
                0 <= j < len(words)
                and words[j] not in ARABIC_STOPWORDS
                and _NUMBER.search(words[j]) is None
            ):
                counts[words[j]] += 1


@lru_cache(maxsize=256)
def _written_as(term: str) -> re.Pattern[str] | None:
    """Every way ``term`` (normalized Arabic letters) is written in text NFKC leaves as it
    is: each letter in any spelling that folds to it, and the characters normalization
    deletes (marks, tatweel, format characters) anywhere between them. None for a term of
    other characters (digits, Latin: cased, or folded otherwise): those are counted on the
    normalized text whole."""
    if not term or not all("\u0621" <= char <= "\u06ff" for char in term):
        return None
    between = f"[{re.escape(ARABIC_MARKS_AND_FORMAT)}]*"
    return re.compile(between.join(f"[{re.escape(variants_of(char))}]" for char in term))


def _counts_near(term: str, text: str, letters: re.Pattern[str], counts: Counter) -> None:
    """The neighbours ``_counts_in_whole`` counts, from the spans of ``text`` around the
    term's letters only: from the space before the word before to the space after the word
    after (further when that holds no word, as ``ترمب - وقال``), spans that meet joined.

    Normalization never joins or splits text across an ASCII space (NFKC composes nothing
    with it; the rest maps characters one by one), and no token holds a space: a span
    from a space (or the start) to a space (or the end) normalizes and tokenizes as it
    does inside the whole text.
    """
    spans: list[tuple[int, int]] = []
    position = 0
    while found := letters.search(text, position):
        start = _space_before(text, _space_before(text, found.start()))
        position = _space_after(text, _space_after(text, found.end()) + 1)
        spans.append((start, position))
    spans = _joined(spans)
    while spans:
        words = [TOKEN_PATTERN.findall(piece) for piece in _normalized(text, spans)]
        grown = []
        for (start, end), span_words in zip(spans, words):
            if start > 0 and span_words[:1] == [term]:
                start = _space_before(text, start)
            if end < len(text) and span_words[-1:] == [term]:
                end = _space_after(text, end + 1)
            grown.append((start, end))
        if grown == spans:
            for span_words in words:
                _count_beside(term, span_words, counts)
            return
        spans = _joined(grown)


def _joined(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans in text order, those that overlap or meet made one."""
    joined: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if joined and start <= joined[-1][1]:
            joined[-1] = (joined[-1][0], max(end, joined[-1][1]))
        else:
            joined.append((start, end))
    return joined


def _normalized(text: str, spans: list[tuple[int, int]]) -> list[str]:
    """Each span of ``text`` normalized, in one call when a separator is free (NUL: NFKC
    composes nothing with it either, and normalization leaves it as it is)."""
    pieces = [text[start:end] for start, end in spans]
    if "\x00" in text:
        return [normalize_arabic(piece) for piece in pieces]
    return normalize_arabic("\x00".join(pieces)).split("\x00")


def _space_before(text: str, position: int) -> int:
    """The last space before ``position``, else 0."""
    return max(text.rfind(" ", 0, position), 0)


def _space_after(text: str, position: int) -> int:
    """The first space from ``position`` on, else the end."""
    found = text.find(" ", position)
    return len(text) if found < 0 else found


class FrequencyLexicon:
    """Frequencies only, from ``doc_frequency(field, term)``: no neighbours, so no other
    spelling of a name is offered (clitic variants only)."""

    def __init__(self, doc_frequency: Callable[[str, str], int]) -> None:
        self._doc_frequency = doc_frequency

    def frequency(self, term: str) -> int:
        return self._doc_frequency(EXACT_FIELD, term)

    def doc_frequency(self, field: str, term: str) -> int:
        return self._doc_frequency(field, term)

    def neighbours(self, term: str) -> Counter:
        return Counter()

    def phrase_frequency(self, words: Sequence[str]) -> int:
        return 0


def as_lexicon(source):
    """A lexicon: ``source`` itself when it answers the look-ups, else frequencies only
    from a ``doc_frequency(field, term)`` function or an index reader."""
    if source is None or hasattr(source, "neighbours"):
        return source
    if callable(source):
        return FrequencyLexicon(source)
    return FrequencyLexicon(source.doc_frequency)


#: The neighbours counted in this process, by index state (Reader.state): a warm archive (a
#: script's, a service's) counts those of a word once per commit of its index.
_COUNTED: dict[str, dict[str, Counter]] = {}
#: States kept (any commit makes a new one: the older are rarely read again), and words a
#: state keeps (ANT, the 25 bench queries: 57 words, 22 neighbours each at the median, 1,038
#: at most: a few MB in common use, 100 MB were each of 1,024 words as rich as the richest).
_COUNTED_STATES = 2
_COUNTED_WORDS = 1024


class ReaderLexicon:
    """The same look-ups over any engine's Reader (newsarc.engine.base): its lexicon, and
    for neighbours the best NEIGHBOUR_SAMPLE articles holding a term, the start of whose
    text ``read_text(corpus path, characters)`` gives (without it, no neighbours: no
    spelling variant). Neighbours are counted once per state of the index in a process."""

    def __init__(self, reader, read_text: Callable[[str, int], str] | None = None) -> None:
        self.reader = reader
        self._read_text = read_text
        self._frequency: dict[str, int] = {}
        self._neighbours: dict[str, Counter] = {}

    def frequency(self, term: str) -> int:
        if term not in self._frequency:
            self._frequency[term] = self.reader.doc_frequency(EXACT_FIELD, term)
        return self._frequency[term]

    def doc_frequency(self, field: str, term: str) -> int:
        """Articles holding ``term`` in any field (the exact field's answers are kept)."""
        if field == EXACT_FIELD:
            return self.frequency(term)
        return self.reader.doc_frequency(field, term)

    def neighbours(self, term: str) -> Counter:
        if self._read_text is None:
            return Counter()
        if term not in self._neighbours:
            state = self._state()
            counted = _COUNTED.get(state) if state else None
            if counted is not None and term in counted:
                self._neighbours[term] = counted[term]
            else:
                self._neighbours[term] = self._count_neighbours(term)
                # (A Xapian reader that a writer's commits outran reads a newer state.)
                if state and self._state() == state:
                    _remember(state, term, self._neighbours[term])
        return self._neighbours[term]

    def _state(self) -> str | None:
        state = getattr(self.reader, "state", None)
        return state() if state is not None else None

    def _count_neighbours(self, term: str) -> Counter:
        from newsarc.query import tree as t

        assert self._read_text is not None
        texts = []
        if self.frequency(term):
            query = t.Query(t.Term(EXACT_FIELD, term))
            found = self.reader.search(query, limit=NEIGHBOUR_SAMPLE, sort="relevance").found
            texts = [self._read_text(hit.path, _SCAN_CHARS) for hit in found]
        return neighbour_counts(term, texts)

    def phrase_frequency(self, words: Sequence[str]) -> int:
        if any(self.frequency(word) == 0 for word in words):
            return 0
        from newsarc.query import tree as t

        query = t.Query(t.Phrase(EXACT_FIELD, tuple(words), slop=1))
        return self.reader.search(query, limit=1).total


def _remember(state: str, term: str, counts: Counter) -> None:
    counted = _COUNTED.setdefault(state, {})
    if len(counted) < _COUNTED_WORDS:
        counted[term] = counts
    for older in list(_COUNTED)[:-_COUNTED_STATES]:  # (dicts keep insertion order)
        del _COUNTED[older]
