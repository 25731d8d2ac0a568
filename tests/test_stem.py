"""newsarc.stem: Lucene's light10 ArabicStemmer, one test per rule."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsarc.stem import stem_light10, stem_protected, stem_token

# --- prefixes ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("البر", "بر"),  # ال
        ("والبر", "بر"),  # وال
        ("بالبر", "بر"),  # بال
        ("كالبر", "بر"),  # كال
        ("فالبر", "بر"),  # فال
        ("للبر", "بر"),  # لل
        ("وبرد", "برد"),  # و
    ],
)
def test_prefix_removed(word: str, stem: str) -> None:
    assert stem_light10(word) == stem


@pytest.mark.parametrize(
    "word",
    [
        "الب",  # ال needs 4 letters
        "فالب",  # فال needs 5 letters (and no later prefix matches)
        "للب",  # لل needs 4 letters
        "ولد",  # و needs 4 letters
        "الو",  # Lucene's testShouldntStem
    ],
)
def test_prefix_length_guard(word: str) -> None:
    assert stem_light10(word) == word


def test_first_prefix_passing_its_guard_wins() -> None:
    # وال is too long for a 4-letter word, so the later و rule applies instead.
    assert stem_light10("والب") == "الب"


def test_only_one_prefix_is_removed() -> None:
    assert stem_light10("الوالد") == "والد"  # ال, then not و
    assert stem_light10("والوبر") == "وبر"  # وال, then not و


# --- suffixes ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "suffix", ["ها", "ان", "ات", "ون", "ين", "يه", "ية", "ه", "ة", "ي"]
)
def test_suffix_removed(suffix: str) -> None:
    assert stem_light10("ساهد" + suffix) == "ساهد"


@pytest.mark.parametrize(
    "word",
    [
        "بها",  # ها needs 4 letters
        "بان",  # two-letter suffixes leave at least two letters
        "به",  # ه needs 3 letters
        "بي",  # ي needs 3 letters
    ],
)
def test_suffix_length_guard(word: str) -> None:
    assert stem_light10(word) == word


def test_suffixes_one_ordered_pass() -> None:
    assert stem_light10("ساهدهات") == "ساهد"  # ات, then ه later in the list
    assert stem_light10("كتابهاي") == "كتابها"  # ي is last: ها is not tried again


def test_suffix_guard_uses_the_shortened_word() -> None:
    assert stem_light10("بنات") == "بن"
    assert stem_light10("بناته") == "بنات"  # ات is tried before ه


def test_prefix_and_suffix() -> None:
    assert stem_light10("وساهدون") == "ساهد"
    assert stem_light10("الديمقراطية") == "ديمقراط"


# --- other input -------------------------------------------------------------------------


@pytest.mark.parametrize("token", ["", "English", "2014", "ا", "ب"])
def test_non_arabic_and_tiny_tokens_unchanged(token: str) -> None:
    assert stem_light10(token) == token


def test_stem_token_honours_exclusions() -> None:
    assert stem_token("ساهدهات") == "ساهد"
    assert stem_token("ساهدهات", exclusions=frozenset({"ساهدهات"})) == "ساهدهات"
    assert stem_token("الكتاب", exclusions={"ساهدهات"}) == "كتاب"


def _lucene_reference(s: str) -> str:
    """ArabicStemmer.stem() transcribed loop for loop from Lucene's Java source."""
    prefixes = ["ال", "وال", "بال", "كال", "فال", "لل", "و"]
    suffixes = ["ها", "ان", "ات", "ون", "ين", "يه", "ية", "ه", "ة", "ي"]
    for prefix in prefixes:  # stemPrefix
        if len(prefix) == 1 and len(s) < 4:
            continue
        if len(s) < len(prefix) + 2:
            continue
        if s.startswith(prefix):
            s = s[len(prefix) :]
            break
    for suffix in suffixes:  # stemSuffix
        if len(s) >= len(suffix) + 2 and s.endswith(suffix):
            s = s[: -len(suffix)]
    return s


_arabic_affix_soup = st.text(st.sampled_from("الوبكفهانتيةدسرx"), max_size=9)


@settings(max_examples=500, deadline=None)
@given(_arabic_affix_soup)
def test_same_as_lucene_loops(token: str) -> None:
    assert stem_light10(token) == _lucene_reference(token)


@settings(max_examples=300, deadline=None)
@given(_arabic_affix_soup)
def test_stem_is_a_slice_keeping_two_letters(token: str) -> None:
    stem = stem_light10(token)
    assert any(token[i : i + len(stem)] == stem for i in (0, 1, 2, 3))  # prefix: 0-3 letters
    assert len(stem) >= min(len(token), 2)


# --- stem_protected: light10 with an exclusion list checked at every step ------------------


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("بحرين", "بحرين"),  # the whole token (Lucene's exclusion)
        ("البحرين", "بحرين"),  # after the prefix
        ("والبحرين", "بحرين"),
        ("مكانها", "مكان"),  # after a suffix: ان is not tried on مكان
        ("البحر", "بحر"),  # other words: light10
        ("الديمقراطية", "ديمقراط"),
    ],
)
def test_stem_protected(word: str, stem: str) -> None:
    assert stem_protected(word, frozenset({"بحرين", "مكان"})) == stem


@settings(max_examples=300, deadline=None)
@given(_arabic_affix_soup)
def test_stem_protected_with_no_list_is_light10(token: str) -> None:
    assert stem_protected(token, ()) == stem_light10(token) == _lucene_reference(token)


# --- newsarc's stemmer (stem_word): light10's prefixes, endings by the grammar ------------

from newsarc.normalize import normalize_arabic  # noqa: E402
from newsarc.stem import Shape, stem_word, word_shape  # noqa: E402


@pytest.mark.parametrize(
    ("word", "friend"),
    [
        ("الرياض", "الرياضة"),  # the capital is not sport
        ("الرياض", "الرياضي"),
        ("أبها", "آب"),  # the city's ها is not a pronoun: أب is father
        ("أبها", "أبين"),
        ("السعودية", "سعود"),  # the nisba is not the name
        ("المدرسة", "مدرس"),  # school, teacher
    ],
)
def test_false_friends_get_different_stems(word: str, friend: str) -> None:
    word, friend = normalize_arabic(word), normalize_arabic(friend)
    assert stem_light10(word) == stem_light10(friend)  # light10 joins them
    assert stem_word(word) != stem_word(friend)


@pytest.mark.parametrize(
    ("word", "form"),
    [
        ("الرياض", "بالرياض"),  # clitics keep a word the same
        ("السعودية", "السعودي"),  # and so do gender and number of a nisba
        ("السعودية", "والسعوديين"),
        ("المدرسة", "مدرستها"),  # a pronoun after ة written ت
        ("سيارة", "السيارات"),  # the plural of ة
        ("مسؤول", "المسؤولون"),
        ("مكتب", "مكتبهم"),
    ],
)
def test_inflections_and_clitics_share_the_stem(word: str, form: str) -> None:
    assert stem_word(normalize_arabic(word)) == stem_word(normalize_arabic(form))


def test_shapes() -> None:
    assert word_shape("سعوديه") == ("سعود", Shape.NISBA)
    assert word_shape("رياضه") == ("رياض", Shape.FEMININE)
    assert word_shape("رياض") == ("رياض", Shape.PLAIN)
    assert word_shape("ابها") == ("ابها", Shape.PLAIN)  # اب: too short a base
    assert word_shape("مكانها", {"مكان"}) == ("مكان", Shape.PLAIN)  # protected


@given(st.text(alphabet="ابتثجحخدذرزسشصضطظعغفقكلمنهويءؤئ", min_size=1, max_size=10))
def test_stem_word_keeps_a_base_of_three_letters(word: str) -> None:
    stemmed = stem_word(word)
    assert stemmed
    base, shape = word_shape(word)
    assert len(base) >= min(3, len(word))


# --- a conjunction before بال or لل (ar-4) ------------------------------------------------


@pytest.mark.parametrize(
    ("word", "same_as"),
    [
        ("وللاعبين", "للاعبين"),  # و + ل + اللاعبين: light10 took و alone and kept لل
        ("وللاعبي", "للاعبي"),
        ("فللجنة", "للجنة"),
        ("وبالتالي", "بالتالي"),
        ("فبالمدرسة", "بالمدرسة"),
        ("وبالمدرسة", "المدرسة"),
        ("وللسعودية", "السعودية"),
    ],
)
def test_a_conjunction_before_bal_or_lil_comes_off_with_them(word: str, same_as: str) -> None:
    assert stem_word(normalize_arabic(word)) == stem_word(normalize_arabic(same_as))


@pytest.mark.parametrize(
    ("word", "same_as"),
    [
        ("وكالات", "وكالة"),  # agencies: وكال is no run (كال is left out), the word stays one
        ("وبال", "وبال"),  # harm: too short for وبال + two letters, left whole
        ("فلل", "الفلل"),  # villas
    ],
)
def test_words_of_their_own_are_not_cut_as_runs(word: str, same_as: str) -> None:
    stemmed = stem_word(normalize_arabic(word))
    assert stemmed == stem_word(normalize_arabic(same_as))
    assert len(stemmed) >= 3


@pytest.mark.parametrize(
    ("word", "friend"),
    [
        ("وبالرياض", "الرياضة"),  # issue 13's false friends stay apart after the runs too
        ("وللرياض", "بالرياضة"),
        ("فبأبها", "آب"),
        ("وللسعودية", "سعود"),
        ("وبالبرتغال", "البرتقال"),
    ],
)
def test_runs_keep_false_friends_apart(word: str, friend: str) -> None:
    assert stem_word(normalize_arabic(word)) != stem_word(normalize_arabic(friend))


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from("وف"),
    st.sampled_from(["بال", "لل"]),
    st.text(alphabet="ابتثجحخدذرزسشصضطظعغفقكلمنهويءؤئ", min_size=2, max_size=8),
)
def test_a_conjunction_before_a_run_never_changes_the_stem(
    conjunction: str, run: str, rest: str
) -> None:
    assert stem_word(conjunction + run + rest) == stem_word(run + rest)


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("والوزير", ("وال", "وزير")),
        ("للوزير", ("لل", "وزير")),
        ("ووزير", ("و", "وزير")),  # light10 takes one و: the word's own stays
        ("وزير", ("و", "زير")),  # a root و taken for the conjunction
        ("وللاعبين", ("ولل", "اعبين")),
        ("وطن", ("", "وطن")),  # too short for the one-letter و
        ("سوريا", ("", "سوريا")),
    ],
)
def test_split_prefix_is_what_stem_word_cuts(word: str, parts: tuple[str, str]) -> None:
    from newsarc.stem import split_prefix

    assert split_prefix(word) == parts
    assert stem_word(word) == stem_word("ال" + parts[1]) or parts[0] == ""


@given(_arabic_affix_soup)
def test_split_prefix_splits_the_word(token: str) -> None:
    from newsarc.stem import split_prefix

    prefix, rest = split_prefix(token)
    assert prefix + rest == token
