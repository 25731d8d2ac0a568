"""How matches are ranked: BM25F with Lucene's idf, and its parameters.

Whoosh's BM25F takes idf as ``log(N / (df + 1)) + 1``: the ``+ 1`` lifts every term, so a
word found in most articles still weighs nearly as much as a rare one, and a question's
common words (``الذين``, ``الله`` in Qur'an QA) drown its telling one. Lucene's BM25 idf,
``log(1 + (N - df + 0.5) / (df + 0.5))``, goes to zero for such words. Chosen on Qur'an QA
2023 train+dev (bench/eval_quranqa.py), with K1 and B; the test split was run once, after.
"""

from __future__ import annotations

import math

from whoosh import scoring

__all__ = ["B", "K1", "weighting"]

K1 = 0.9
B = 0.4


class LuceneIdfBM25F(scoring.BM25F):
    """Whoosh's BM25F with Lucene's (BM25) idf."""

    def idf(self, searcher, fieldname, text):  # type: ignore[no-untyped-def]
        parent = searcher.get_parent()
        df = parent.doc_frequency(fieldname, text)
        n = parent.doc_count_all()
        return math.log(1 + (n - df + 0.5) / (df + 0.5))


def weighting(k1: float = K1, b: float = B) -> scoring.WeightingModel:
    """The weighting every ranked search uses."""
    return LuceneIdfBM25F(B=b, K1=k1)
