"""The Arabic analysis chain adapted to Whoosh: tokenize → normalize → stopwords → stem.

Whoosh pickles analyzers into the index, so this module's import path and class names
must never change; the text functions themselves live in `normalize`, `stopwords` and
`stem` (pure, no Whoosh) and are only wrapped here. Bump ANALYZER_VERSION whenever the
terms this chain produces change: archives built with another version must be reindexed.
"""

from __future__ import annotations

from functools import lru_cache

from whoosh.analysis import Filter, RegexTokenizer, StopFilter

from newsarc.exclusions import STEM_EXCLUSIONS
from newsarc.normalize import TOKEN_PATTERN, normalize_arabic
from newsarc.stem import stem_word
from newsarc.stopwords import ARABIC_STOPWORDS

# ar-2: ligatures split into words, stem exclusion list, titles in the exact field.
# ar-3: newsarc's stemmer (stem.stem_word): ة and nisba endings kept, bases of 3+ letters.
# ar-4: a conjunction before بال or لل comes off with them (stem.stem_word: وللاعبين).
ANALYZER_VERSION = "ar-4"


@lru_cache(maxsize=200_000)
def _cached_normalize(text: str) -> tuple[str, ...]:
    # Only about one token in eight is a new word in news text: normalize each once.
    # NFKC spells some ligatures out as several words (ﷺ → صلي الله عليه وسلم): one
    # term per word, so that a query typed in plain letters finds them.
    return tuple(normalize_arabic(text).split())


class ArabicNormalizeFilter(Filter):
    """Replace each token's text by its normalized form; drop tokens that vanish.

    A token that normalizes to several words becomes several tokens, each keeping the
    original token's character offsets (the StopFilter after this renumbers positions).
    """

    def __call__(self, tokens):
        for token in tokens:
            words = _cached_normalize(token.text)
            if len(words) == 1:
                token.text = words[0]
                yield token
                continue
            for word in words:  # the same Token object, as Whoosh's own filters do
                token.text = word
                yield token


@lru_cache(maxsize=200_000)
def stem(term: str) -> str:
    """The stemmed-field form of a normalized term: newsarc's stemmer with its exclusions."""
    # The same words recur constantly in news text; stemming each once is enough.
    return stem_word(term, STEM_EXCLUSIONS)


class ArabicLightStemFilter(Filter):
    """newsarc's light stemmer (stem.stem_word) on normalized tokens, STEM_EXCLUSIONS whole."""

    def __call__(self, tokens):
        for token in tokens:
            token.text = stem(token.text)
            if token.text:
                yield token


def exact_analyzer():
    """Normalized, unstemmed terms: precision, phrases, prefixes."""
    return (
        RegexTokenizer(TOKEN_PATTERN)
        | ArabicNormalizeFilter()
        # minsize=1: Whoosh's default of 2 silently drops one-letter words and digits.
        | StopFilter(stoplist=ARABIC_STOPWORDS, minsize=1)
    )


def stemmed_analyzer():
    """Normalized and light-stemmed terms: recall across clitics and suffixes."""
    return exact_analyzer() | ArabicLightStemFilter()


def analyze(text: str, stem: bool = True) -> list[str]:
    """The terms a text becomes, for tests and `analyze`-style displays."""
    analyzer = stemmed_analyzer() if stem else exact_analyzer()
    return [token.text for token in analyzer(text)]


def explain(text: str) -> list[tuple[int, int, str, str | None]]:
    """Each word of ``text``: ``(start, end, normalized, stemmed)``, stemmed None for a
    stopword. The same steps as the analyzers, stopwords included instead of dropped."""
    rows: list[tuple[int, int, str, str | None]] = []
    for token in RegexTokenizer(TOKEN_PATTERN)(text, chars=True):
        for word in _cached_normalize(token.text):
            rows.append(
                (
                    token.startchar,
                    token.endchar,
                    word,
                    None if word in ARABIC_STOPWORDS else stem(word),
                )
            )
    return rows
