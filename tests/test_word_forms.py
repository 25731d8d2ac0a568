"""newsarc.word_forms: a word's own forms, so that light stemming brings no false friends."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsarc.analysis import stem
from newsarc.normalize import normalize_arabic
from newsarc.word_forms import Shape, same_word_forms, word_shape

# Document frequencies of normalized words in SaudiNewsNet (31,030 articles), where light
# stemming makes each pair below one term.
SNN = {
    "الرياض": 2968, "بالرياض": 400, "والرياض": 120, "للرياض": 30,
    "الرياضه": 368, "الرياضي": 300, "الرياضيه": 250, "رياضه": 90, "الرياضات": 20,
    "ابها": 757, "وابها": 40, "بابها": 12, "اب": 892, "ابين": 30,
    "السعوديه": 5241, "والسعوديه": 600, "السعودي": 3000, "السعوديين": 900, "سعود": 2080,
    "بن": 9000, "المدرسه": 310, "مدرسه": 202, "مدرستها": 12, "المدارس": 150, "مدرس": 40,
    "المدرسين": 30, "سوريا": 900, "وسوريا": 80, "اجتماعات": 300, "اجتماع": 900,
}  # fmt: skip


def forms(word: str) -> list[str]:
    return same_word_forms(normalize_arabic(word), lambda term: SNN.get(term, 0))


@pytest.mark.parametrize(
    ("word", "friend"),
    [
        ("الرياض", "الرياضة"),  # the capital is not sport
        ("الرياض", "الرياضي"),
        ("الرياضة", "الرياض"),
        ("أبها", "آب"),  # the city's ها is not a pronoun: أب is father
        ("أبها", "أبين"),
        ("السعودية", "سعود"),  # the nisba is not the name
        ("المدرسة", "مدرس"),  # school, teacher
    ],
)
def test_false_friends_stay_apart(word: str, friend: str) -> None:
    assert stem(normalize_arabic(word)) == stem(normalize_arabic(friend))  # light10 joins them
    assert normalize_arabic(friend) not in forms(word)


@pytest.mark.parametrize(
    ("word", "form"),
    [
        ("الرياض", "بالرياض"),  # clitics keep a word the same
        ("بالرياض", "الرياض"),
        ("السعودية", "السعودي"),  # and so do gender and number of a nisba
        ("السعودية", "السعوديين"),
        ("المدرسة", "مدرستها"),  # a pronoun after ة written ت
        ("مدرستها", "المدرسة"),
        ("وسوريا", "سوريا"),
        ("اجتماعات", "اجتماع"),  # a plural in ات
        ("اجتماع", "اجتماعات"),
    ],
)
def test_inflections_and_clitics_are_the_word(word: str, form: str) -> None:
    assert normalize_arabic(form) in forms(word)


def test_shapes() -> None:
    assert word_shape(normalize_arabic("السعودية")) == ("سعود", Shape.NISBA)
    assert word_shape(normalize_arabic("الرياضة")) == ("رياض", Shape.FEMININE)
    assert word_shape(normalize_arabic("الرياض")) == ("رياض", Shape.PLAIN)
    assert word_shape(normalize_arabic("أبها")) == ("ابها", Shape.PLAIN)  # اب: too short a base


def test_only_forms_the_archive_holds() -> None:
    assert all(SNN.get(form, 0) > 0 for form in forms("الرياض"))
    assert forms("الرياض")[0] == "الرياض"  # the word as typed first


_arabic_words = st.text(alphabet="ابتثجحخدذرزسشصضطظعغفقكلمنهويءؤئ", min_size=1, max_size=9)


@given(_arabic_words)
def test_a_known_word_is_its_own_form(word: str) -> None:
    assert same_word_forms(word, lambda term: 1)[0] == word
    assert same_word_forms(word, lambda term: 0) == []


@given(_arabic_words)
def test_forms_share_the_base(word: str) -> None:
    base, _shape = word_shape(word)
    assert len(base) >= min(3, len(word))
    assert base in word
