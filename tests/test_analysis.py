"""newsarc.analysis: the text functions as a Whoosh analyzer; offsets on the original text."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsarc.analysis import (
    ANALYZER_VERSION,
    analyze,
    exact_analyzer,
    explain,
    stem,
    stemmed_analyzer,
)
from newsarc.exclusions import STEM_EXCLUSIONS
from newsarc.normalize import TOKEN_PATTERN, normalize_arabic
from newsarc.stem import stem_light10
from newsarc.stopwords import ARABIC_STOPWORDS


def _tokens(analyzer, text: str) -> list[tuple[str, str, int]]:  # type: ignore[no-untyped-def]
    return [
        (t.text, text[t.startchar : t.endchar], t.pos)
        for t in analyzer(text, chars=True, positions=True)
    ]


def test_ligature_of_several_words_becomes_several_terms_on_the_same_span() -> None:
    text = "قال ﷺ: نعم"
    tokens = _tokens(exact_analyzer(), text)
    # ﷺ is صلى الله عليه وسلم; عليه is a stopword.
    assert tokens == [
        ("قال", "قال", 0),
        ("صلي", "ﷺ", 1),
        ("الله", "ﷺ", 2),
        ("وسلم", "ﷺ", 3),
        ("نعم", "نعم", 4),
    ]


def test_ligature_matches_a_phrase_typed_in_plain_letters() -> None:
    assert analyze("ﷺ") == analyze("صلى الله عليه وسلم")


def test_one_letter_words_and_digits_are_kept() -> None:
    assert analyze("ج 5 x", stem=False) == ["ج", "5", "x"]


@pytest.mark.parametrize(
    ("word", "same_as", "not_as"),
    [
        ("والبحرين", "البحرين", "البحر"),  # Bahrain, not the sea
        ("القرآن", "قرآن", "القرية"),  # the Quran, not the village
        ("إعلانها", "الإعلان", "أعلى"),  # announcement, not "higher"
        ("ومكانها", "المكان", "مكة"),  # place, not Mecca
    ],
)
def test_stem_exclusions_keep_words_apart(word: str, same_as: str, not_as: str) -> None:
    assert analyze(word) == analyze(same_as)
    assert analyze(word) != analyze(not_as)
    # light10 alone merges them:
    assert stem_light10(normalize_arabic(same_as)) == stem_light10(normalize_arabic(not_as))


def test_exclusions_are_normalized_and_without_the_article() -> None:
    assert all(
        normalize_arabic(word) == word and not word.startswith("ال") for word in STEM_EXCLUSIONS
    )
    assert all(stem(word) == word for word in STEM_EXCLUSIONS)


def test_analyzer_version_names_this_chain() -> None:
    assert ANALYZER_VERSION == "ar-4"


def test_analyzers_pickle() -> None:
    for factory in (exact_analyzer, stemmed_analyzer):
        analyzer = pickle.loads(pickle.dumps(factory()))
        assert [t.text for t in analyzer("والكتاب ﷺ")] == [t.text for t in factory()("والكتاب ﷺ")]


# --- property: offsets slice the original text to the word the term came from -------------

_LETTERS = (
    "ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأؤإئةى"  # Arabic letters
    "\u064b\u064e\u064f\u0650\u0651\u0652\u0670\u0640\u200c\u200d"  # marks, tatweel, ZWNJ, ZWJ
    "یکۀہے٠١٢۳٫"  # Persian/Urdu letters, Arabic-Indic and Persian digits
    "\ufe8d\ufedf\ufecc\ufeae\ufe8f\ufefb\ufdf2\ufdfa"  # presentation forms, ligatures
    "abcXYZ019"
)
_text = st.text(
    st.one_of(st.sampled_from(_LETTERS), st.sampled_from(" ،.؟!\n-–«»\u00a0")), max_size=60
)


@settings(max_examples=300, deadline=None)
@given(_text, st.booleans())
def test_offsets_slice_the_original_word_holding_the_term(text: str, stemmed: bool) -> None:
    analyzer = stemmed_analyzer() if stemmed else exact_analyzer()
    words = {(m.start(), m.end()) for m in TOKEN_PATTERN.finditer(text)}
    for token in analyzer(text, chars=True):
        assert (token.startchar, token.endchar) in words  # a whole word, never part of one
        normalized = normalize_arabic(text[token.startchar : token.endchar]).split()
        if stemmed:  # the stem of a word there (not always a substring: مدرستها → مدرسه)
            assert any(token.text == stem(word) for word in normalized)
        else:
            assert token.text in normalized


@settings(max_examples=200, deadline=None)
@given(_text)
def test_stemmed_terms_are_stems_of_exact_terms(text: str) -> None:
    exact = [t.text for t in exact_analyzer()(text)]
    assert [t.text for t in stemmed_analyzer()(text)] == [stem(term) for term in exact]


@settings(max_examples=200, deadline=None)
@given(_text)
def test_explain_is_the_analyzers_with_stopwords_kept(text: str) -> None:
    rows = explain(text)
    assert [normalized for _s, _e, normalized, stemmed in rows if stemmed is not None] == [
        t.text for t in exact_analyzer()(text)
    ]
    assert [stemmed for _s, _e, _n, stemmed in rows if stemmed is not None] == [
        t.text for t in stemmed_analyzer()(text)
    ]
    assert all(
        normalized in ARABIC_STOPWORDS for _s, _e, normalized, stemmed in rows if stemmed is None
    )
