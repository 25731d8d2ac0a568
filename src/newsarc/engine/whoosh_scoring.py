"""Whoosh's BM25F with Lucene's idf and newsarc's K1 and B (newsarc.query.ranking)."""

from __future__ import annotations

import math

from whoosh import scoring

from newsarc.query.ranking import BM25_B, BM25_K1

__all__ = ["LuceneIdfBM25F", "weighting"]


class LuceneIdfBM25F(scoring.BM25F):
    """Whoosh's BM25F with Lucene's (BM25) idf: log(1 + (N - df + 0.5) / (df + 0.5))."""

    def idf(self, searcher, fieldname, text):
        parent = searcher.get_parent()
        df = parent.doc_frequency(fieldname, text)
        n = parent.doc_count_all()
        return math.log(1 + (n - df + 0.5) / (df + 0.5))


def weighting(k1: float = BM25_K1, b: float = BM25_B) -> scoring.WeightingModel:
    """The weighting every ranked search uses."""
    return LuceneIdfBM25F(B=b, K1=k1)
