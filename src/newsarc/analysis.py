"""The Arabic analysis chain adapted to Whoosh: tokenize → normalize → stopwords → stem.

Whoosh pickles analyzers into the index, so this module's import path and class names
must never change; the text functions themselves live in `normalize`, `stopwords` and
`stem` (pure, no Whoosh) and are only wrapped here. Bump ANALYZER_VERSION whenever the
terms this chain produces change: archives built with another version must be reindexed.
"""

from __future__ import annotations

from functools import lru_cache

from whoosh.analysis import Filter, RegexTokenizer, StopFilter

from newsarc.normalize import TOKEN_PATTERN, normalize_arabic
from newsarc.stem import stem_light10
from newsarc.stopwords import ARABIC_STOPWORDS

ANALYZER_VERSION = "ar-1"


@lru_cache(maxsize=100_000)
def _cached_normalize(token: str) -> str:
    # As for stems: news text repeats its words, so each form is normalized once (the
    # analyzer runs ~25% faster, bench/). Same function, same terms.
    return normalize_arabic(token)


class ArabicNormalizeFilter(Filter):
    """Replace each token's text by its normalized form; drop tokens that vanish."""

    def __call__(self, tokens):  # type: ignore[no-untyped-def]
        for token in tokens:
            token.text = _cached_normalize(token.text)
            if token.text:
                yield token


@lru_cache(maxsize=200_000)
def _cached_stem(term: str) -> str:
    # The same words recur constantly in news text; stemming each once is enough.
    return stem_light10(term)


class ArabicLightStemFilter(Filter):
    """Lucene's light10 stemmer on normalized tokens."""

    def __call__(self, tokens):  # type: ignore[no-untyped-def]
        for token in tokens:
            token.text = _cached_stem(token.text)
            if token.text:
                yield token


def exact_analyzer():  # type: ignore[no-untyped-def]
    """Normalized, unstemmed terms: precision, phrases, prefixes."""
    return (
        RegexTokenizer(TOKEN_PATTERN)
        | ArabicNormalizeFilter()
        # minsize=1: Whoosh's default of 2 silently drops one-letter words and digits.
        | StopFilter(stoplist=ARABIC_STOPWORDS, minsize=1)
    )


def stemmed_analyzer():  # type: ignore[no-untyped-def]
    """Normalized and light-stemmed terms: recall across clitics and suffixes."""
    return exact_analyzer() | ArabicLightStemFilter()


def analyze(text: str, stem: bool = True) -> list[str]:
    """The terms a text becomes, for tests and `analyze`-style displays."""
    analyzer = stemmed_analyzer() if stem else exact_analyzer()
    return [token.text for token in analyzer(text)]
