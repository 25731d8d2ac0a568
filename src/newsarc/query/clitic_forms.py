"""The word as typed with other proclitics: forms that rank almost as the word itself.

A person types `السفير` where the article writes `للسفير`, `المشكلة` for `والمشكلة`,
`وعلاقاتنا` for `علاقاتنا`. The stemmed fields already find these (the stem is the same);
the exact field, which lifts the form as typed, did not, so articles holding the typed form
outranked the one written with another proclitic (issue 13, ANT known items). These forms
are searched in the exact field too, at CLITIC_FORM_BOOST of the typed form's weight
(newsarc.query.ranking).

A form counts only when the archive holds it and newsarc's stemmer gives it the word's
own stem: `بلد` is not ب + `لد`, whatever the letters. The forms add weight, never
matches: an article holding one already matches through the stem. The stemmer leaves ب
and ل on (`بجازان`, `لسعوديين`): the word without them counts too where newsarc.variants
takes them for a proclitic on the archive's evidence (`proclitic_bases`), weighted as the
word's other forms rather than as another spelling (ANT known items, clitic-changed
queries, 0.982 → 0.984: bench/README.md).

Pure: the archive is consulted through ``frequency(term) -> int`` (articles holding the
normalized, unstemmed term).
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from newsarc.variants import PROCLITIC_RUNS, proclitic_bases, root_waw_shown

__all__ = ["PROCLITIC_RUNS", "clitic_forms"]

_MIN_CORE = 3  # letters left once a run is taken off: fewer are too ambiguous (بحر → حر)


def clitic_forms(
    term: str,
    stemmed: str,
    frequency: Callable[[str], int],
    stem: Callable[[str], str],
    stopwords: Collection[str] = frozenset(),
    root_waw: bool = True,
    own_article: bool = False,
) -> list[str]:
    """Forms of ``term`` (normalized) with a proclitic run added, taken off or changed,
    that the archive holds and that stem to ``stemmed``, in a fixed order, then the word
    without a ب or ل the stemmer leaves on (newsarc.variants.proclitic_bases); never
    ``term`` itself. ``root_waw`` False: its first و is known to be the conjunction;
    ``own_article``: its first ال is its own (إلهام), no article to take off."""
    # A root و is no conjunction to take off (وجهتها is not و + جهتها: root_waw_shown).
    root_waw = root_waw and root_waw_shown(term, frequency)
    cores = [term] + [
        term[len(run) :]
        for run in PROCLITIC_RUNS
        if term.startswith(run)
        and len(term) - len(run) >= _MIN_CORE
        and not (root_waw and run == "و")
        and not (own_article and run.endswith("ال"))
    ]
    found: dict[str, None] = {}
    for core in cores:
        for run in ("", *PROCLITIC_RUNS):
            if run.endswith("لل") and core.startswith("ال"):
                continue  # ل + ال is written لل: للالسفير is no word
            form = run + core
            if (
                form == term
                or form in found
                or form in stopwords
                or stem(form) != stemmed
                or not frequency(form)
            ):
                continue
            found[form] = None
    for base in proclitic_bases(term, frequency):
        if base not in stopwords:
            found[base] = None
    return list(found)
