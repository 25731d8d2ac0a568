"""newsarc.spelling: other spellings of a name, offered only on the archive's evidence."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsarc.lexicon import neighbour_counts
from newsarc.normalize import normalize_arabic
from newsarc.spelling import (
    candidate_spellings,
    context_similarity,
    joined_spelling,
    spelling_variants,
    split_spellings,
)

N = normalize_arabic


@pytest.mark.parametrize(
    ("word", "other", "kind"),
    [
        ("ترمب", "ترامب", "vowel"),  # a long vowel written or left out
        ("ترامب", "ترمب", "vowel"),
        ("بوتن", "بوتين", "vowel"),
        ("نتانياهو", "نتنياهو", "vowel"),
        ("الديموقراطي", "الديمقراطي", "vowel"),
        ("أمريكي", "أميركي", "vowel"),  # moved by one letter
        ("مسئول", "مسؤول", "hamza"),
        ("جوجل", "غوغل", "g"),  # every g of the name alike
        ("الكونجرس", "الكونغرس", "g"),
        ("إنجلترا", "إنكلترا", "g"),
    ],
)
def test_candidates_cover_the_kinds(word: str, other: str, kind: str) -> None:
    assert (N(other), kind) in {(v.text, v.kind) for v in candidate_spellings(N(word))}


def test_short_words_are_not_respelled() -> None:
    assert candidate_spellings(N("قال")) == []  # قيل, كال...: native words a letter apart


# Neighbours written next to each spelling (made-up counts in the shape of ANT's).
_TRUMP = Counter({"الرئيس": 40, "دونالد": 30, "الامريكي": 25, "ادارة": 12, "قال": 8})
_ORANGE = Counter({"عصير": 10, "الليمون": 6, "اشجار": 4, "زراعة": 3})
_PORTUGAL = Counter({"منتخب": 15, "اسبانيا": 9, "رونالدو": 8, "الرئيس": 2})


def _lexicon(words: dict[str, tuple[int, Counter]]):  # type: ignore[no-untyped-def]
    def frequency(term: str) -> int:
        return words.get(term, (0, Counter()))[0]

    def neighbours(term: str) -> Counter:
        return words.get(term, (0, Counter()))[1]

    return frequency, neighbours


def test_two_spellings_with_the_same_neighbours_meet() -> None:
    frequency, neighbours = _lexicon({
        "ترمب": (524, _TRUMP), "ترامب": (3651, _TRUMP + Counter({"الرئيس": 9})),
    })  # fmt: skip
    assert [v.text for v in spelling_variants("ترمب", frequency, neighbours)] == ["ترامب"]
    assert [v.text for v in spelling_variants("ترامب", frequency, neighbours)] == ["ترمب"]


def test_words_a_letter_apart_with_other_neighbours_stay_apart() -> None:
    frequency, neighbours = _lexicon({
        "البرتغال": (359, _PORTUGAL), "البرتقال": (31, _ORANGE),
    })  # fmt: skip
    assert spelling_variants("البرتغال", frequency, neighbours) == []
    assert spelling_variants("البرتقال", frequency, neighbours) == []


# Names stand among the same words: `بن`, `الملك`, `الشيخ`, a family name.
_NAME_CONTEXT = Counter({"الملك": 30, "بن": 25, "عبدالعزيز": 20, "الشيخ": 6, "قال": 5})


@pytest.mark.parametrize(
    ("name", "other"),
    [("سلمان", "سليمان"), ("محمد", "محمود"), ("جمال", "كمال"), ("هاشم", "هشام"),
     ("وسلمان", "وسليمان"), ("لمحمد", "لمحمود")],
)  # fmt: skip
def test_two_given_names_stay_two_people_whatever_their_neighbours(name, other) -> None:  # type: ignore[no-untyped-def]
    # SaudiNewsNet (held out) joined سلمان and سليمان: both stand by الملك and بن there.
    frequency, neighbours = _lexicon({name: (900, _NAME_CONTEXT), other: (300, _NAME_CONTEXT)})
    assert spelling_variants(name, frequency, neighbours) == []
    assert spelling_variants(other, frequency, neighbours) == []


def test_a_name_not_on_the_list_still_meets_its_other_spelling() -> None:
    # Only two listed names are kept apart: ترمب/ترامب, or a listed name and a word that
    # is not one (بسلمان is not ب + a listed name's other spelling here), still meet.
    frequency, neighbours = _lexicon({"سلمان": (900, _NAME_CONTEXT), "سلامان": (40, _NAME_CONTEXT)})
    assert [v.text for v in spelling_variants("سلمان", frequency, neighbours)] == ["سلامان"]


def test_no_variant_without_both_forms_in_the_archive() -> None:
    frequency, neighbours = _lexicon({"ترمب": (524, _TRUMP)})
    assert spelling_variants("ترمب", frequency, neighbours) == []
    frequency, neighbours = _lexicon({"ترامب": (3651, _TRUMP)})
    assert spelling_variants("ترمب", frequency, neighbours) == []


def test_too_little_text_is_no_evidence() -> None:
    few = Counter({"الرئيس": 2, "دونالد": 1})
    frequency, neighbours = _lexicon({"ترمب": (2, few), "ترامب": (3651, _TRUMP)})
    assert spelling_variants("ترمب", frequency, neighbours) == []


def test_one_word_or_two() -> None:
    counts = {"فيسبوك": 1005, "فيس": 110, "بوك": 104, "بيروت": 219, "بيرو": 95, "ت": 3}
    phrases = {("فيس", "بوك"): 100}

    def frequency(term: str) -> int:
        return counts.get(term, 0)

    def phrase_frequency(words) -> int:  # type: ignore[no-untyped-def]
        return phrases.get(tuple(words), 0)

    assert [v.text for v in split_spellings("فيسبوك", frequency, phrase_frequency)] == ["فيس بوك"]
    assert joined_spelling(["فيس", "بوك"], frequency, phrase_frequency).text == "فيسبوك"
    assert split_spellings("بيروت", frequency, phrase_frequency) == []


def test_neighbour_counts_read_the_words_next_to_the_term() -> None:
    texts = ["قال الرئيس ترمب في بيان", "الرئيس الأمريكي دونالد ترمب"]
    assert neighbour_counts("ترمب", texts) == Counter({"الرئيس": 1, "دونالد": 1})


_counts = st.dictionaries(st.sampled_from("ابتثجحخ"), st.integers(1, 50), max_size=6).map(Counter)


@given(_counts, _counts)
def test_similarity_is_symmetric_and_bounded(first: Counter, second: Counter) -> None:
    value = context_similarity(first, second)
    assert 0.0 <= value <= 1.0 + 1e-9
    assert abs(value - context_similarity(second, first)) < 1e-9
    if first:
        assert abs(context_similarity(first, first) - 1.0) < 1e-9


@pytest.mark.parametrize(("word", "other"), [("بيروت", "بيرو"), ("العالم", "الإعلامي")])
def test_different_words_are_not_even_candidates(word: str, other: str) -> None:
    assert N(other) not in {v.text for v in candidate_spellings(N(word))}
    assert N(word) not in {v.text for v in candidate_spellings(N(other))}


def test_a_hamza_before_waw_on_either_seat_is_one_word_without_context() -> None:
    # مسئول / مسؤول: a hamza before و is written on ي by some newsrooms, on و by others
    # (ANT: 47 such pairs, all one word); the rare spelling has too little text around it.
    few = Counter({"كبير": 1, "الخزانه": 1})
    frequency, neighbours = _lexicon({
        "مسئول": (2, few), "مسؤول": (1500, _TRUMP),
        "الشئون": (6, few), "الشؤون": (798, _ORANGE),
    })  # fmt: skip
    assert [v.text for v in spelling_variants("مسئول", frequency, neighbours)] == ["مسؤول"]
    assert [v.text for v in spelling_variants("مسؤول", frequency, neighbours)] == ["مسئول"]
    assert [v.text for v in spelling_variants("الشئون", frequency, neighbours)] == ["الشؤون"]


def test_other_hamza_seats_still_need_the_context() -> None:
    # البئر (the well) and البؤر (the hotspots): ئ / ؤ not before و, different words
    frequency, neighbours = _lexicon({"البئر": (16, _ORANGE), "البؤر": (15, _PORTUGAL)})
    assert spelling_variants("البئر", frequency, neighbours) == []


@given(st.text(st.sampled_from("ابتسملنئؤو"), min_size=1, max_size=7), st.integers(1, 99))
def test_hamza_before_waw_variants_are_the_other_seat_the_archive_holds(
    word: str, count: int
) -> None:
    counts = {word: count}
    found = spelling_variants(word, lambda t: counts.get(t, 0), lambda t: Counter())
    assert found == []  # no other spelling held: nothing offered
    for other in {v.text for v in candidate_spellings(word)}:
        held = {word: count, other: 1}.get
        variants = spelling_variants(word, lambda t, held=held: held(t, 0), lambda t: Counter())
        texts = {v.text for v in variants}
        swapped = {"ئو": "ؤو", "ؤو": "ئو"}
        one_seat = len(word) == len(other) and [(a, b) for a, b in zip(word, other) if a != b] in (
            [("ئ", "ؤ")],
            [("ؤ", "ئ")],
        )
        before_waw = one_seat and any(
            word[i : i + 2] in swapped and other[i : i + 2] == swapped[word[i : i + 2]]
            for i in range(1, len(word) - 1)
        )
        assert (other in texts) == before_waw


def test_a_respelling_keeps_four_letters_too() -> None:
    # سعيد → سعد: a long vowel left out of a name makes a three-letter native name (SaudiNewsNet
    # joined them: بن and titles stand next to every name). Both spellings need MIN_LETTERS.
    assert N("سعد") not in {v.text for v in candidate_spellings(N("سعيد"))}
    assert N("علم") not in {v.text for v in candidate_spellings(N("عالم"))}
    assert N("ترامب") in {v.text for v in candidate_spellings(N("ترمب"))}


@given(st.text(st.sampled_from("ابتسملنئؤوي"), min_size=4, max_size=8))
def test_every_candidate_has_four_letters(word: str) -> None:
    assert all(len(v.text) >= 4 for v in candidate_spellings(word))
