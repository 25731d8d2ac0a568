"""newsarc.variants: clitic and pronoun spellings, proposed only from the archive's words."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsarc.analysis import stem
from newsarc.normalize import normalize_arabic
from newsarc.stopwords import ARABIC_STOPWORDS
from newsarc.variants import variants

# Document frequencies of normalized words in the ANT news corpus (41,686 articles).
ANT = {
    "شرق": 1377, "بشرق": 138, "الشرق": 1200,
    "قوات": 3099, "لقوات": 497, "القوات": 2546,
    "مدرسه": 202, "مدرستها": 12, "المدرسه": 310,
    "معقل": 120, "معقلهم": 15,
    "وزير": 4951, "الوزير": 1900,
    "ولايه": 2313, "الولايه": 500, "الولايات": 3300, "ولايات": 300,
    "العالم": 6732, "عالم": 900, "الاعلامي": 593, "اعلامي": 300, "الاعلام": 1963,
    "بيروت": 800, "بيرو": 40, "ببيروت": 60,
    "امن": 1111, "الامن": 3593,
    "لبنان": 628, "بنان": 2,
    "فورد": 55, "ورد": 597,
    "بحر": 205, "حر": 300,
}  # fmt: skip


def _variants(word: str, table: dict[str, int] = ANT) -> list[str]:
    return [
        v.text
        for v in variants(normalize_arabic(word), lambda term: table.get(term, 0), ARABIC_STOPWORDS)
    ]


@pytest.mark.parametrize(
    ("word", "variant"),
    [
        ("بشرق", "شرق"),  # ب: the base is more frequent
        ("شرق", "بشرق"),  # and back: the clitic form is rarer
        ("لقوات", "قوات"),
        ("قوات", "لقوات"),
        ("مدرستها", "مدرسة"),  # pronoun after a taa marbuta written ت
        ("مدرسة", "مدرستها"),
        ("معقلهم", "معقل"),  # a pronoun light10 does not know
        ("وزير", "الوزير"),  # the article, where light10 takes و for a conjunction
        ("ولاية", "الولاية"),
        ("الولايات", "ولايات"),
    ],
)
def test_variant_found(word: str, variant: str) -> None:
    assert normalize_arabic(variant) in _variants(word)


def test_clitic_after_a_conjunction() -> None:
    assert "شرق" in _variants("وبشرق", {**ANT, "وبشرق": 10})
    assert "قوات" in _variants("فلقوات", {**ANT, "فلقوات": 3})


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("العالم", "الإعلامي"),  # the false merges, which must never happen
        ("بيروت", "بيرو"),
        ("أمن", "من"),
        ("لبنان", "بنان"),  # ل + بنان: the base is the rarer word
        ("فورد", "ورد"),  # ف is not treated as a proclitic (Ford is not ف + ورد)
        ("بحر", "حر"),  # a base of two letters is too ambiguous
    ],
)
def test_no_false_merge(one: str, other: str) -> None:
    a, b = normalize_arabic(one), normalize_arabic(other)
    assert b not in _variants(one)
    assert a not in _variants(other)
    assert stem(a) != stem(b)


def test_only_words_the_archive_holds() -> None:
    assert _variants("بشرق", {"بشرق": 3}) == []
    assert "شرق" not in _variants("بشرق", {"بشرق": 3, "شرق": 3})  # a tie is no evidence


def test_stopwords_and_short_or_latin_words() -> None:
    assert "من" not in _variants("بمن", {"بمن": 1, "من": 100})
    assert _variants("في") == [] and _variants("cnn", {"cnn": 9, "لcnn": 1}) == []


_letters = st.text(st.sampled_from("الوبكفهمنتيةدسرقش"), min_size=1, max_size=8)


@settings(max_examples=300, deadline=None)
@given(_letters, st.dictionaries(_letters, st.integers(0, 50), max_size=30))
def test_variants_are_other_known_content_words(word: str, table: dict[str, int]) -> None:
    found = [v.text for v in variants(word, lambda term: table.get(term, 0), ARABIC_STOPWORDS)]
    assert len(found) == len(set(found))
    for variant in found:
        assert variant != word and table.get(variant, 0) > 0 and variant not in ARABIC_STOPWORDS
        assert len(variant) >= 3


def test_only_bases_and_article_forms_are_stemmed() -> None:
    # light10 does not know ب ل: it would cut للبنان to بن. Forms with a clitic or pronoun
    # added are searched as written; shorter bases and article forms are stemmed too.
    table = {"لبنان": 628, "للبنان": 23, "بلبنان": 18, "اللبنان": 4, "شرق": 1377, "بشرق": 138}
    assert {v.text: v.stemmable for v in variants("لبنان", lambda t: table.get(t, 0))} == {
        "اللبنان": True,
        "بلبنان": False,
        "للبنان": False,
    }
    assert {v.text: v.stemmable for v in variants("بشرق", lambda t: table.get(t, 0))} == {
        "شرق": True
    }


def test_the_plural_of_a_word_without_taa_marbuta_only_on_evidence() -> None:
    table = {
        "قرار": 1344, "قرارات": 462, "قراره": 114,  # the plural of قرار
        "العمل": 5040, "العملات": 199, "العمله": 201,  # currencies: the plural of العملة
    }  # fmt: skip
    assert "قرارات" in _variants("قرار", table)
    assert "قرار" in _variants("قرارات", table)
    assert "العملات" not in _variants("العمل", table)
    assert "العمل" not in _variants("العملات", table)
