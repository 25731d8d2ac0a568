"""Article text fields for Whoosh: the analysis chain's terms, made without Token objects.

Whoosh indexes a TEXT field by running its analyzer, a chain of generators passing one
Token object along per word, and collecting the words in its Format: a third of the
time to build an index (3,000 ANT articles, profiled), for work that is a dictionary
lookup per word once normalization and stemming are cached. `ArabicTextField.index`
produces the same terms, frequencies and positions as the field's analyzer
(tests/test_fields.py checks this on arbitrary text) straight from the token strings, and
analyzes a text once for all the fields that hold it (`body`, `exact`, and `title` inside
`exact`). Queries still go through the analyzer.

Positions are stored as little-endian 16-bit deltas (32-bit when a delta needs it)
instead of Whoosh's pickled lists: 13 bytes become 3 for a word seen once.

Whoosh pickles field objects into the index, so this module's import path and class
names must never change; a change to what they write needs a new index.SCHEMA_VERSION.
"""

from __future__ import annotations

from array import array
from functools import lru_cache
from itertools import accumulate, chain

from whoosh import formats
from whoosh.fields import TEXT

from newsarc.analysis import _cached_normalize, exact_analyzer, stem, stemmed_analyzer
from newsarc.engine.packing import UINT32, little_endian
from newsarc.normalize import TOKEN_PATTERN
from newsarc.stopwords import ARABIC_STOPWORDS

_SHORT, _LONG = b"\x02", b"\x04"


class CompactPositions(formats.Positions):
    """Positions as 16-bit deltas (tag 2) or 32-bit ones (tag 4), little-endian."""

    def encode(self, poslist):
        deltas = [poslist[0], *(later - earlier for earlier, later in zip(poslist, poslist[1:]))]
        try:
            packed, tag = array("H", deltas), _SHORT
        except OverflowError:
            packed, tag = array(UINT32, deltas), _LONG
        return tag + little_endian(packed).tobytes()

    def decode_positions(self, valuestring):
        packed = array("H" if valuestring[:1] == _SHORT else UINT32)
        packed.frombytes(valuestring[1:])
        return list(accumulate(little_endian(packed)))

    def decode_frequency(self, valuestring):
        return (len(valuestring) - 1) // (2 if valuestring[:1] == _SHORT else 4)

    def decode_weight(self, valuestring):
        return self.decode_frequency(valuestring) * self.field_boost


@lru_cache(maxsize=200_000)
def token_words(token: str) -> tuple[str, ...]:
    """What the exact analyzer makes of one token: its normalized words, stopwords dropped
    (the stemmed analyzer: `analysis.stem` of each, dropping empty stems)."""
    return tuple(word for word in _cached_normalize(token) if word not in ARABIC_STOPWORDS)



def index_words(text: str) -> tuple[int, list[str]]:
    """The exact analyzer's terms of `text` in order, and the position of the first: the
    n-th term is at that position + n. (Whoosh's StopFilter numbers the terms after a
    stopword on from the first term's own token number.)"""
    tokens = TOKEN_PATTERN.findall(text)
    words = list(chain.from_iterable(map(token_words, tokens)))
    if not words:
        return 0, words
    return next(number for number, token in enumerate(tokens) if token_words(token)), words


class _RecentTexts:
    """The words of the last few texts analyzed: an article's text is indexed in `body`
    and again, after its title and a newline, in `exact` (index.article_document)."""

    SIZE = 4

    def __init__(self) -> None:
        self.entries: dict[str, tuple[int, list[str]]] = {}

    def words(self, text: str) -> tuple[int, list[str]]:
        found = self.entries.get(text)
        if found is not None:
            return found
        found = self._with_known_tail(text)
        if len(self.entries) >= self.SIZE:
            self.entries.clear()
        self.entries[text] = found
        return found

    def _with_known_tail(self, text: str) -> tuple[int, list[str]]:
        # No token spans a newline, so the words of "head\ntail" are head's then tail's
        # (when head has words; otherwise the first position depends on its tokens).
        for known, (_, words) in list(self.entries.items()):
            cut = len(text) - len(known) - 1
            if cut >= 0 and text[cut] == "\n" and text.endswith(known):
                first, head = self.words(text[:cut])
                if head:
                    return first, head + words
                break
        return index_words(text)


_recent = _RecentTexts()


class ArabicTextField(TEXT):
    """A TEXT field with newsarc's analyzer (stemmed or exact) and a fast `index`."""

    def __init__(self, stemmed: bool, phrase: bool = True, stored: bool = False) -> None:
        super().__init__(
            analyzer=stemmed_analyzer() if stemmed else exact_analyzer(),
            phrase=phrase,
            stored=stored,
        )
        if phrase:
            self.format = CompactPositions(field_boost=1.0)
        self.stemmed = stemmed

    def index(self, value, **kwargs):
        if not isinstance(value, str) or kwargs:
            return super().index(value, **kwargs)
        first, words = _recent.words(value)
        boost = self.format.field_boost
        if isinstance(self.format, formats.Positions):
            positions: dict[str, list[int]] = {}
            for position, word in enumerate(words, first):
                term = stem(word) if self.stemmed else word
                if term:
                    if term in positions:
                        positions[term].append(position)
                    else:
                        positions[term] = [position]
            encode = self.format.encode
            return [
                (term.encode("utf-8"), len(where), len(where) * boost, encode(where))
                for term, where in positions.items()
            ]
        counts: dict[str, int] = {}
        for word in words:
            term = stem(word) if self.stemmed else word
            if term:
                counts[term] = counts.get(term, 0) + 1
        if isinstance(self.format, formats.Frequency):
            return [
                (term.encode("utf-8"), count, count * boost, formats.pack_uint(count))
                for term, count in counts.items()
            ]
        return super().index(value, **kwargs)
