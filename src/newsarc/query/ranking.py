"""How newsarc weighs what a query finds: the parameters every engine ranks with.

Tuned in bench/ (eval_known_items.py on ANT, eval_quranqa.py on Qur'an QA 2023).
"""

from __future__ import annotations

# Query-time weights (BM25F per field): when all words must match, every result holds them
# in some form, and the form as typed should rank first (ANT known-item queries: exact 2.0
# finds 99.9% of targets, 0.25 only 95.9%); when any word may match, holding more of the
# words must count most (Qur'an QA train+dev MAP@10: 0.197 at exact 0.25, 0.180 at 2.0).
FIELD_BOOSTS = {"exact": 2.0, "title": 1.5, "body": 1.0}
ANY_WORD_FIELD_BOOSTS = {"exact": 0.25, "title": 1.5, "body": 1.0}
# Weight of a spelling the query did not use (newsarc.variants) relative to the word as
# typed: tuned on Qur'an QA train+dev (bench/eval_quranqa.py).
VARIANT_BOOST = 0.5
# Coordination bonus when any word may match: documents holding more of the query's
# terms rank higher (Qur'an QA train MAP@10 0.197 → 0.203).
ANY_WORD_COORDINATION = 0.9


def field_boosts(any_word: bool) -> dict[str, float]:
    return ANY_WORD_FIELD_BOOSTS if any_word else FIELD_BOOSTS
