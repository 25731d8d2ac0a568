"""The archive's words as look-ups for query expansion: how often, next to what, together.

``newsarc.variants`` and ``newsarc.spelling`` are pure functions over these look-ups; this
module answers them through any engine's Reader (newsarc.engine.base: the ``exact`` field,
normalized and unstemmed) and, for the words written next to a term, from the text of a
sample of the articles holding it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from newsarc.normalize import TOKEN_PATTERN, normalize_arabic
from newsarc.query.tree import EXACT_FIELD
from newsarc.stopwords import ARABIC_STOPWORDS

__all__ = ["FrequencyLexicon", "ReaderLexicon", "as_lexicon", "neighbour_counts"]

#: Articles read to learn what is written next to a term (bench/eval_variants.py: with
#: fewer, the rarer spelling of a name has too few neighbours to compare).
NEIGHBOUR_SAMPLE = 100
#: Characters of an article scanned for a term's neighbours: a 4 MB article costs no more.
_SCAN_CHARS = 20_000

def neighbour_counts(term: str, texts: Sequence[str]) -> Counter:
    """Words written right before or after ``term`` in ``texts``, stopwords and numbers left
    out, counted (the evidence ``newsarc.spelling`` compares)."""
    counts: Counter = Counter()
    for text in texts:
        # Normalizing the whole text at once (C-speed translate) instead of word by word:
        # neighbours are statistics, and the few words NFKC splits differently do not matter.
        normalized = normalize_arabic(text[:_SCAN_CHARS])
        if term not in normalized:
            continue
        words = TOKEN_PATTERN.findall(normalized)
        for i, word in enumerate(words):
            if word != term:
                continue
            for j in (i - 1, i + 1):
                if (
                    0 <= j < len(words)
                    and words[j] not in ARABIC_STOPWORDS
                    and not words[j].isdigit()
                ):
                    counts[words[j]] += 1
    return counts


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


class ReaderLexicon:
    """The same look-ups over any engine's Reader (newsarc.engine.base): its lexicon, and
    for neighbours the best NEIGHBOUR_SAMPLE articles holding a term, the start of whose
    text ``read_text(corpus path, characters)`` gives (without it, no neighbours: no
    spelling variant)."""

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
            from newsarc.query import tree as t

            texts = []
            if self.frequency(term):
                query = t.Query(t.Term(EXACT_FIELD, term))
                found = self.reader.search(query, limit=NEIGHBOUR_SAMPLE, sort="relevance").found
                texts = [self._read_text(hit.path, _SCAN_CHARS) for hit in found]
            self._neighbours[term] = neighbour_counts(term, texts)
        return self._neighbours[term]

    def phrase_frequency(self, words: Sequence[str]) -> int:
        if any(self.frequency(word) == 0 for word in words):
            return 0
        from newsarc.query import tree as t

        query = t.Query(t.Phrase(EXACT_FIELD, tuple(words), slop=1))
        return self.reader.search(query, limit=1).total
