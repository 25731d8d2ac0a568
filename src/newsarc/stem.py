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

__all__ = ["stem_light10", "stem_token"]

_PREFIXES = ("ال", "وال", "بال", "كال", "فال", "لل", "و")
_SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ية", "ه", "ة", "ي")

# (prefix, minimum word length) — Lucene's startsWithCheckLength.
_PREFIX_RULES = tuple((p, 4 if len(p) == 1 else len(p) + 2) for p in _PREFIXES)
# (suffix, minimum word length) — Lucene's endsWithCheckLength.
_SUFFIX_RULES = tuple((s, len(s) + 2) for s in _SUFFIXES)
_PREFIX_INITIALS = frozenset(p[0] for p in _PREFIXES)


def stem_light10(token: str) -> str:
    """Strip one light10 prefix, then suffixes in one ordered pass (Lucene ``ArabicStemmer``)."""
    if not token or token.isascii():  # every affix is Arabic
        return token
    if token[0] in _PREFIX_INITIALS:
        n = len(token)
        for prefix, min_len in _PREFIX_RULES:
            if n >= min_len and token.startswith(prefix):
                token = token[len(prefix) :]
                break
    for suffix, min_len in _SUFFIX_RULES:
        if len(token) >= min_len and token.endswith(suffix):
            token = token[: -len(suffix)]
    return token


def stem_token(token: str, exclusions: Collection[str] = frozenset()) -> str:
    """``stem_light10`` unless ``token`` is in ``exclusions`` (Lucene's stem exclusion set).

    As in Lucene's ArabicAnalyzer, exclusions are compared with the *normalized* token:
    pass entries through ``normalize_arabic`` first.
    """
    if token in exclusions:
        return token
    return stem_light10(token)
