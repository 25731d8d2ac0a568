"""The shared Arabic analysis vectors (tests/data/arabic-analysis.tsv, copied verbatim).

Columns: kind, input, expected, origin, note. Origins:

* ``lucene-test``: Lucene's own unit tests (facts). All pass; where a Lucene test runs
  more than the stemmer or uses its own word sets, the test here is set up the same way
  (``_SETUP``), and the one row where newsarc's analysis deliberately differs is listed in
  ``_DELIBERATE`` with newsarc's output and the reason.
* ``lucene-8.7-arabicanalyzer``: Lucene 8.7's ArabicAnalyzer on real words (parity
  oracle). All pass except ``_DELIBERATE``: where newsarc goes further on purpose.
* ``target``: newsarc's own normalization targets. All pass.

A deliberate difference is not skipped: its row asserts newsarc's own expected output.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import pytest

from newsarc.exclusions import STEM_EXCLUSIONS
from newsarc.normalize import iter_tokens, normalize_arabic
from newsarc.stem import stem_protected, stem_token
from newsarc.stopwords import ARABIC_STOPWORDS, LUCENE_ARABIC_STOPWORDS

VECTORS = Path(__file__).parent / "data" / "arabic-analysis.tsv"


class Row(NamedTuple):
    line: int
    kind: str
    input: str
    expected: str
    origin: str
    note: str


def _rows() -> list[Row]:
    lines = VECTORS.read_text(encoding="utf-8").split("\n")
    assert lines[0] == "kind\tinput\texpected\torigin\tnote"
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        if line:
            fields = line.split("\t")
            assert len(fields) == 5, f"line {number}: {fields!r}"
            rows.append(Row(number, *fields))
    return rows


ROWS = _rows()


def _analyze(
    text: str,
    stopwords: Collection[str] = ARABIC_STOPWORDS,
    exclusions: Collection[str] | None = None,
) -> str:
    """The whole chain, as the Whoosh analyzer runs it: tokens → normalize → stop → stem.

    Stemming is newsarc's (light10 with ``STEM_EXCLUSIONS``) unless a Lucene test sets
    its own exclusion set, which Lucene checks on the whole token only.
    """
    terms = []
    for _start, _end, token in iter_tokens(text):
        for term in normalize_arabic(token).split():  # ﷺ is several words
            if term not in stopwords:  # no minimum length: one-letter words count
                if exclusions is None:
                    terms.append(stem_protected(term, STEM_EXCLUSIONS))
                else:
                    terms.append(stem_token(term, exclusions))
    return " ".join(terms)


def _normalize_words(text: str) -> str:
    return " ".join(normalize_arabic(word) for word in text.split(" "))


def _stem_words(text: str, exclusions: Collection[str] = frozenset()) -> str:
    return " ".join(stem_token(word, exclusions) for word in text.split(" "))


# --- how a Lucene test is set up (not exceptions: the same test, run the same way) -------


@dataclass(frozen=True)
class Setup:
    stopwords: Collection[str] = ARABIC_STOPWORDS
    exclusions: Collection[str] | None = None  # None: newsarc's own (STEM_EXCLUSIONS)
    normalize_first: bool = False


_SETUP: dict[tuple[str, str], Setup] = {
    # SetKeywordMarkerFilter marks the word, so ArabicStemFilter leaves it alone.
    ("TestArabicStemFilter.testWithKeywordAttribute", "ساهدهات"): Setup(
        exclusions=frozenset({"ساهدهات"})
    ),
    # The factory test chains ArabicNormalization and ArabicStem filters.
    ("TestArabicFilters.testStemmer", "ذين ملكت ايمانكم"): Setup(normalize_first=True),
    # ArabicAnalyzer(stopwords={"the", "and", "a"}).
    ("TestArabicAnalyzer.testCustomStopwords", "quick brown fox"): Setup(
        stopwords=frozenset({"the", "and", "a"})
    ),
    # ArabicAnalyzer(EMPTY_SET, stemExclusionSet={"ساهدهات"}): the row keeping the word ...
    ("TestArabicAnalyzer.testWithStemExclusionSet", "كبير the quick ساهدهات"): Setup(
        stopwords=frozenset(), exclusions=frozenset({"ساهدهات"})
    ),
    # ... and ArabicAnalyzer(EMPTY_SET, EMPTY_SET): the row stemming it.
    ("TestArabicAnalyzer.testWithStemExclusionSet", "كبير the quick ساهد"): Setup(
        stopwords=frozenset(), exclusions=frozenset()
    ),
}

# --- deliberate differences: (kind, input, origin) -> (newsarc's output, reason) ---------

_NFKC = "NFKC first (DESIGN §4.2): presentation forms and ligatures are the plain letters"
_STOP_AFTER = "stopwords after normalization (DESIGN §4.6): Lucene stops before normalizing"
_EXCLUDED = (
    "in newsarc's stem exclusion list (newsarc/exclusions.py, chosen from collisions in ANT)"
)
# The seed article's lead, a row of its own: Lucene's terms for it, one of them excluded.
_SEED_LEAD_ROW = next(
    row for row in ROWS if row.kind == "analyze" and row.input.startswith("بيروت – ")
)
_SEED_LEAD, _SEED_LEAD_TERMS = _SEED_LEAD_ROW.input, _SEED_LEAD_ROW.expected

_DELIBERATE: dict[tuple[str, str, str], tuple[str, str]] = {
    ("normalize", "می\u200cخورد", "lucene-test"): (
        "ميخورد",
        "ZWNJ deleted, not turned into a space as Lucene's PersianCharFilter does (target row "
        "می‌خواهم → ميخواهم, DESIGN §4.3); Farsi yeh folded (§4.4). The Lucene test runs that "
        "char filter, not the normalizer.",
    ),
    ("analyze", "ایران", "lucene-8.7-arabicanalyzer"): (
        "ايران",
        f"Farsi yeh ی folded to ي (DESIGN §4.4), and {_EXCLUDED}: light10's اير",
    ),
    ("analyze", "إعلان", "lucene-8.7-arabicanalyzer"): (
        "اعلان",
        f"{_EXCLUDED}: light10's اعل is also the stem of أعلى (higher)",
    ),
    ("analyze", "القرآن", "lucene-8.7-arabicanalyzer"): (
        "قران",
        f"{_EXCLUDED}: light10's قر is also the stem of قرية/القرى (village)",
    ),
    ("analyze", _SEED_LEAD, "lucene-8.7-arabicanalyzer"): (
        _SEED_LEAD_TERMS.replace(" اعل ", " اعلان "),
        f"{_EXCLUDED}: إعلان stays اعلان, as in its own row; every other term is Lucene's",
    ),
    ("analyze", "کتاب", "lucene-8.7-arabicanalyzer"): (
        "كتاب",
        "keheh ک folded to ك (DESIGN §4.4): the same term as كتاب",
    ),
    ("analyze", "الی", "lucene-8.7-arabicanalyzer"): (
        "",
        "Farsi yeh folded, giving الي, which is a stopword (الى/الي/إلى) after normalization",
    ),
    ("analyze", "\ufefb", "lucene-8.7-arabicanalyzer"): (
        "",
        f"{_NFKC}: ﻻ is لا, a stopword",
    ),
    ("analyze", "\ufe8d\ufedf\ufecc\ufeae\ufe8f", "lucene-8.7-arabicanalyzer"): (
        "عرب",
        f"{_NFKC}: ﺍﻟﻌﺮﺏ analyzes like العرب",
    ),
    ("analyze", "می\u200cخواهم", "lucene-8.7-arabicanalyzer"): (
        "ميخواهم",
        "ZWNJ deleted and Farsi yeh folded (DESIGN §4.3–4.4; target row)",
    ),
    ("analyze", "ٱلله", "lucene-8.7-arabicanalyzer"): (
        "له",
        "alef wasla folded (DESIGN §4.4), so ٱلله stems exactly as Lucene stems الله",
    ),
    ("analyze", "مِنْ", "lucene-8.7-arabicanalyzer"): ("", f"{_STOP_AFTER}: من"),
    ("analyze", "فـي", "lucene-8.7-arabicanalyzer"): ("", f"{_STOP_AFTER}: في"),
    ("analyze", "\ufed3\ufef2", "lucene-8.7-arabicanalyzer"): (
        "",
        f"{_NFKC}, and {_STOP_AFTER}: ﻓﻲ is في",
    ),
}


def _key(row: Row) -> tuple[str, str, str]:
    return (row.kind, row.input, row.origin)


def _id(row: Row) -> str:
    differs = "-deliberate-difference" if _key(row) in _DELIBERATE else ""
    return f"L{row.line}-{row.origin}-{row.note or row.input[:24]}{differs}"


def _params(kind: str) -> list[object]:
    return [pytest.param(row, id=_id(row)) for row in ROWS if row.kind == kind]


def _run(row: Row) -> str:
    setup = _SETUP.get((row.note, row.expected), Setup())
    if row.kind == "normalize":
        return _normalize_words(row.input)
    if row.kind == "stem":
        text = _normalize_words(row.input) if setup.normalize_first else row.input
        # Lucene's stemmer tests: light10 itself, with the test's own exclusions if any.
        return _stem_words(text, setup.exclusions or frozenset())
    assert row.kind == "analyze", row
    return _analyze(row.input, setup.stopwords, setup.exclusions)


def _check(row: Row) -> None:
    expected = row.expected
    if _key(row) in _DELIBERATE:
        assert row.origin != "target", "a target row can never be a deliberate difference"
        expected, _reason = _DELIBERATE[_key(row)]
        assert expected != row.expected, "listed as a difference but no longer differs"
    assert _run(row) == expected


@pytest.mark.parametrize("row", _params("normalize"))
def test_normalize_vector(row: Row) -> None:
    _check(row)


@pytest.mark.parametrize("row", _params("stem"))
def test_stem_vector(row: Row) -> None:
    _check(row)


@pytest.mark.parametrize("row", _params("analyze"))
def test_analyze_vector(row: Row) -> None:
    _check(row)


# --- bookkeeping -------------------------------------------------------------------------


def test_every_setup_and_difference_matches_a_row() -> None:
    keys = {_key(row) for row in ROWS}
    setups = {(row.note, row.expected) for row in ROWS}
    assert set(_DELIBERATE) <= keys
    assert set(_SETUP) <= setups


def test_only_lucene_test_or_parity_rows_differ() -> None:
    assert {origin for _kind, _input, origin in _DELIBERATE} <= {
        "lucene-test",
        "lucene-8.7-arabicanalyzer",
    }


def test_vector_file_has_every_kind_and_origin() -> None:
    assert {row.kind for row in ROWS} == {"normalize", "stem", "analyze"}
    assert {row.origin for row in ROWS} == {"lucene-test", "lucene-8.7-arabicanalyzer", "target"}
    assert len(ROWS) >= 180


# --- the stopword list _analyze uses -------------------------------------------------------


def test_lucene_stopword_list() -> None:
    assert len(LUCENE_ARABIC_STOPWORDS) == 119
    assert len(set(LUCENE_ARABIC_STOPWORDS)) == 119
    assert LUCENE_ARABIC_STOPWORDS[:3] == ("من", "ومن", "منها")
    assert LUCENE_ARABIC_STOPWORDS[-1] == "جميع"


def test_stopwords_are_normalized() -> None:
    assert all(normalize_arabic(word) == word for word in ARABIC_STOPWORDS)
    assert {normalize_arabic(word) for word in LUCENE_ARABIC_STOPWORDS} == ARABIC_STOPWORDS


@pytest.mark.parametrize(
    "spelling", ["من", "مِنْ", "فـي", "\ufed3\ufef2", "إلى", "الى", "إلي", "\ufefb"]
)
def test_stopwords_match_after_normalization(spelling: str) -> None:
    assert normalize_arabic(spelling) in ARABIC_STOPWORDS
    assert _analyze(spelling) == ""


def test_one_letter_words_are_kept_unless_stopwords() -> None:
    assert _analyze("و ب ف ا أ") == ""  # Lucene lists these one-letter words
    assert _analyze("ج 5 x") == "ج 5 x"
