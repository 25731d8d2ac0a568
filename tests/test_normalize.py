"""newsarc.normalize: one test per rule, then properties (hypothesis)."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsarc.normalize import (
    ARABIC_MARKS_AND_FORMAT,
    TOKEN_PATTERN,
    WORD_CHARS_EXTRA,
    fold_arabic_letters,
    fold_digits,
    iter_tokens,
    lowercase,
    nfkc,
    normalize_arabic,
    remove_arabic_marks,
    written_as,
)


def _cps(first: int, last: int) -> list[str]:
    return [chr(cp) for cp in range(first, last + 1)]


# --- 1. NFKC ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("\ufe8d\ufedf\ufecc\ufeae\ufe8f", "العرب"),  # ﺍﻟﻌﺮﺏ presentation forms
        ("\ufefb", "لا"),  # ﻻ lam-alef ligature
        ("\ufdf2", "الله"),  # ﷲ
        ("\u0648\u0654", "\u0624"),  # decomposed hamza on waw composes to ؤ
        ("\u064a\u0654", "\u0626"),  # ... on yeh to ئ
        ("\uff21\uff22\uff11", "AB1"),  # fullwidth
    ],
)
def test_nfkc_plain_letters(text: str, expected: str) -> None:
    assert nfkc(text) == expected


def test_nfkc_isolated_tashkeel_forms_leave_no_space() -> None:
    # ﻛﺘﺎﺑﺎﹰ: plain NFKC gives "كتابا" + SPACE + fathatan, which would split the word.
    word = "\ufedb\ufe98\ufe8e\ufe91\ufe8e\ufe70"
    assert unicodedata.normalize("NFKC", word) == "كتابا \u064b"
    assert nfkc(word) == "كتابا\u064b"
    assert normalize_arabic(word) == "كتابا"


def test_nfkc_medial_tashkeel_forms() -> None:
    assert normalize_arabic("\ufedb\ufe98\ufe8e\ufe91\ufe8e\ufe71") == "كتابا"  # tatweel+fathatan


def test_nfkc_multiword_ligature_keeps_its_spaces() -> None:
    # ﷺ is a whole phrase; NFKC spells it out (an analyzer may split it on spaces).
    assert normalize_arabic("\ufdfa") == "صلي الله عليه وسلم"


# --- 2. marks and format characters ------------------------------------------------------

_DELETED = (
    _cps(0x0610, 0x061A)
    + _cps(0x064B, 0x065F)
    + ["\u0670"]
    + _cps(0x06D6, 0x06ED)
    + ["\u0640", "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u061c"]
    + _cps(0x202A, 0x202E)
    + _cps(0x2066, 0x2069)
    + ["\ufeff"]
)


def test_deleted_set_is_exactly_the_design_list() -> None:
    assert set(ARABIC_MARKS_AND_FORMAT) == set(_DELETED)
    assert len(ARABIC_MARKS_AND_FORMAT) == len(_DELETED)


@pytest.mark.parametrize("char", _DELETED, ids=lambda c: f"U+{ord(c):04X}")
def test_remove_arabic_marks_deletes(char: str) -> None:
    assert remove_arabic_marks(f"ك{char}تب") == "كتب"
    assert normalize_arabic(f"ك{char}تب") == "كتب"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قَالَ", "قال"),  # fatha
        ("الْعَرَبِيَّةُ", "العربية"),  # sukun, fatha, kasra, shadda, damma
        ("ولداً", "ولدا"),  # tanween removed, its alef kept
        ("الرَّحْمَٰن", "الرحمن"),  # superscript alef U+0670
        ("العـــربية", "العربية"),  # tatweel
        ("می\u200cخواهم", "میخواهم"),  # ZWNJ deleted (not turned into a space)
        ("\u200fالعربية\u200f", "العربية"),  # RLM
        ("\u2067العربية\u2069", "العربية"),  # RLI ... PDI
        ("\ufeffالعربية", "العربية"),  # BOM
    ],
)
def test_remove_arabic_marks_examples(text: str, expected: str) -> None:
    assert remove_arabic_marks(text) == expected


@pytest.mark.parametrize(
    "char",
    ["\u060f", "\u061b", "\u061f", "\u064a", "\u0660", "\u066a", "\u066f", "\u06d5", "\u06ee"],
    ids=lambda c: f"U+{ord(c):04X}",
)
def test_remove_arabic_marks_range_edges_are_kept(char: str) -> None:
    assert remove_arabic_marks(char) == char


def test_remove_arabic_marks_keeps_latin_combining_marks() -> None:
    assert remove_arabic_marks("e\u0301") == "e\u0301"


# --- 3. letters --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("char", "folded"),
    [
        ("\u0623", "ا"),  # أ
        ("\u0625", "ا"),  # إ
        ("\u0622", "ا"),  # آ
        ("\u0671", "ا"),  # ٱ alef wasla
        ("\u0649", "ي"),  # ى alef maksura
        ("\u06cc", "ي"),  # ی Farsi yeh
        ("\u06d2", "ي"),  # ے yeh barree
        ("\u06a9", "ك"),  # ک keheh
        ("\u0629", "ه"),  # ة teh marbuta
        ("\u06c0", "ه"),  # ۀ heh with yeh above
        ("\u06c1", "ه"),  # ہ heh goal
    ],
    ids=lambda c: f"U+{ord(c):04X}",
)
def test_fold_arabic_letters(char: str, folded: str) -> None:
    assert fold_arabic_letters(char) == folded
    assert normalize_arabic(f"ب{char}") == f"ب{folded}"


@pytest.mark.parametrize("char", ["\u0624", "\u0626", "\u0621", "\u0627", "\u064a", "\u0647"])
def test_fold_arabic_letters_keeps(char: str) -> None:
    assert fold_arabic_letters(char) == char
    assert normalize_arabic(char) == char


def test_decomposed_alef_madda_folds_like_the_composed_one() -> None:
    assert normalize_arabic("\u0627\u0653من") == normalize_arabic("آمن") == "امن"


# --- 4. digits ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("٠١٢٣٤٥٦٧٨٩", "0123456789"),  # Arabic-Indic
        ("۰۱۲۳۴۵۶۷۸۹", "0123456789"),  # Extended Arabic-Indic (Persian, Urdu)
        ("२०१४", "2014"),  # Devanagari
        ("2014", "2014"),
    ],
)
def test_fold_digits(text: str, expected: str) -> None:
    assert fold_digits(text) == expected
    assert normalize_arabic(text) == expected


def test_fold_digits_covers_every_decimal_digit() -> None:
    digits = [c for c in map(chr, range(0x110000)) if c.isdecimal()]
    assert len(digits) >= 650
    for c in digits:
        assert fold_digits(c) == str(unicodedata.decimal(c)), f"U+{ord(c):04X}"


def test_fold_digits_leaves_other_numerics() -> None:
    assert fold_digits("½²Ⅻ٪٫") == "½²Ⅻ٪٫"  # not decimal digits (NFKC handles ² and Ⅻ)


def test_written_as_inverts_the_letter_and_digit_folds() -> None:
    # word_spans finds a normalized word in the original text letter by letter with this.
    for c in map(chr, range(0x30000)):
        folded = fold_digits(fold_arabic_letters(c))
        if folded != c:
            assert c in written_as(folded), f"U+{ord(c):04X}"
    for target in "0123456789" + "اهيك":
        forms = written_as(target)
        assert forms[0] == target and len(set(forms)) == len(forms)
        assert {fold_digits(fold_arabic_letters(c)) for c in forms} == {target}
    assert written_as("ب") == "ب" and written_as("x") == "x"


# --- 5. lowercase ------------------------------------------------------------------------


def test_lowercase() -> None:
    assert lowercase("CNN Трамп") == "cnn трамп"
    assert normalize_arabic("قال ترامب لـCNN") == "قال ترامب لcnn"


# --- the chain ---------------------------------------------------------------------------


def _chain(text: str) -> str:
    out = lowercase(fold_digits(fold_arabic_letters(remove_arabic_marks(nfkc(text)))))
    while not unicodedata.is_normalized("NFKC", out):
        out = unicodedata.normalize("NFKC", out).lower()
    return out


@pytest.mark.parametrize(
    "text",
    [
        "",
        "abc",
        "الْعَرَبِيَّةُ",
        "\ufe8d\ufedf\ufecc\ufeae\ufe8f ١٢ ۴",
        "می\u200cخواهم",
        "ǅ W\u030a",
    ],
)
def test_normalize_arabic_is_the_chain(text: str) -> None:
    assert normalize_arabic(text) == _chain(text)


@pytest.mark.parametrize(
    "text",
    [
        "e\u200d\u0301",  # ZWJ blocks composition until it is deleted
        "e\u0654\u0301",  # an Arabic mark of the same class blocks it too
        "W\u030a",  # ẘ only exists in lowercase
        "J\u030c",  # ǰ likewise
        "\u1d2c",  # ᴬ: NFKC gives an uppercase A
        "ΑΣ\u06deΒ",  # deleting ۞ changes the final-sigma context
        "\u0130",  # İ lowercases to i + combining dot
    ],
)
def test_normalize_arabic_idempotent_on_tricky_input(text: str) -> None:
    once = normalize_arabic(text)
    assert normalize_arabic(once) == once


@pytest.mark.parametrize("text", ["\ud800", "a\udfffب", "\x00", "\U0010ffff", "\ufdfd"])
def test_normalize_arabic_never_raises_on_odd_strings(text: str) -> None:
    assert isinstance(normalize_arabic(text), str)


# --- tokenization ------------------------------------------------------------------------


def _tokens(text: str) -> list[str]:
    return [tok for _, _, tok in iter_tokens(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قَالَ الرئيس", ["قَالَ", "الرئيس"]),  # marks stay inside the word
        ("العـــربية", ["العـــربية"]),  # tatweel too
        ("می\u200cخواهم", ["می\u200cخواهم"]),  # and ZWNJ
        ("\u200fالعربية\u200f.", ["العربية"]),  # bidi controls are not part of the word
        ("سوريا، تزامنا “الخلافة”؟", ["سوريا", "تزامنا", "الخلافة"]),
        ("بيروت – أعلنت", ["بيروت", "أعلنت"]),
        ("٢٫٥ و2.5 و1,000 و١٠٪", ["٢٫٥", "و2.5", "و1,000", "و١٠"]),  # numbers keep separators
        ("عام 2014. ثم", ["عام", "2014", "ثم"]),  # ... but not a full stop
        ("a.b, c", ["a", "b", "c"]),
        ("English text.", ["English", "text"]),
    ],
)
def test_iter_tokens(text: str, expected: list[str]) -> None:
    assert _tokens(text) == expected


def test_iter_tokens_offsets_are_on_the_original_text() -> None:
    text = "قَالَ: ﺍﻟﻌﺮﺏ"
    assert list(iter_tokens(text)) == [(0, 5, "قَالَ"), (7, 12, "ﺍﻟﻌﺮﺏ")]


def test_word_chars_extra_is_regex_ready() -> None:
    word = re.compile(f"[\\w{WORD_CHARS_EXTRA}]+")
    assert word.fullmatch("قَالَ")
    for c in "\u0640\u200c\u200d" + "".join(_cps(0x064B, 0x065F)) + "\u0670":
        assert re.fullmatch(f"[{WORD_CHARS_EXTRA}]", c), f"U+{ord(c):04X}"
    for c in "\u200b\u200e\u200f\ufeff \t-\u06dd\u06de\u06e9":
        assert not word.fullmatch(c), f"U+{ord(c):04X}"


def test_token_pattern_is_compiled() -> None:
    assert isinstance(TOKEN_PATTERN, re.Pattern)


def test_a_token_may_normalize_to_nothing() -> None:
    assert _tokens("ـــ") == ["ـــ"]
    assert normalize_arabic("ـــ") == ""


# --- properties --------------------------------------------------------------------------

# Characters that exercise every rule and the known NFKC/lowercase interactions.
_TRICKY = (
    "".join(_DELETED)
    + "".join(_cps(0x0600, 0x06FF))
    + "\ufe70\ufe71\ufe72\ufe7c\ufe7e\ufe8d\ufedf\ufecc\ufeae\ufe8f\ufefb\ufdf2\ufdfa"
    + "\u0300\u0301\u0308\u030a\u030c\u0327\u0345"
    + "AEJWIiΣΑσς\u0130\u1e9e\u1d2c\u01c5\u2126\u212a\uff21\uff11"
    + "०१٠١۰۱0123 .,"
)
_any_text = st.text(
    st.one_of(
        st.characters(exclude_categories=[]),  # anything, lone surrogates included
        st.sampled_from(_TRICKY),
    ),
    max_size=40,
)

_ARABIC_RANGES = (
    (0x0600, 0x06FF),
    (0x0750, 0x077F),
    (0x0870, 0x08FF),
    (0xFB50, 0xFDFF),
    (0xFE70, 0xFEFF),
    (0x10E60, 0x10EFF),
    (0x1EC70, 0x1EEFF),
)


def _is_arabic(c: str) -> bool:
    cp = ord(c)
    return any(first <= cp <= last for first, last in _ARABIC_RANGES)


def _non_arabic_alnum(text: str) -> list[str]:
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return [c for c in decomposed if c.isalnum() and not _is_arabic(c)]


@settings(max_examples=300, deadline=None)
@given(_any_text)
def test_never_raises_and_idempotent(text: str) -> None:
    once = normalize_arabic(text)
    assert isinstance(once, str)
    assert normalize_arabic(once) == once


@settings(max_examples=200, deadline=None)
@given(_any_text)
def test_normalize_arabic_is_always_the_chain(text: str) -> None:
    assert normalize_arabic(text) == _chain(text)


@settings(max_examples=200, deadline=None)
@given(_any_text)
def test_output_has_nothing_left_to_do(text: str) -> None:
    out = normalize_arabic(text)
    assert not set(out) & set(ARABIC_MARKS_AND_FORMAT)
    assert all(not c.isdecimal() or "0" <= c <= "9" for c in out)
    assert fold_arabic_letters(out) == out
    assert out == out.lower()


_other_scripts = st.text(
    st.one_of(
        st.characters(min_codepoint=0x41, max_codepoint=0x24F, categories=["L"]),  # Latin
        st.characters(min_codepoint=0x370, max_codepoint=0x3FF, categories=["L"]),  # Greek
        st.characters(min_codepoint=0x400, max_codepoint=0x4FF, categories=["L"]),  # Cyrillic
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF, categories=["L"]),  # CJK
        st.characters(min_codepoint=0x30, max_codepoint=0x39),  # ASCII digits
        st.just(" "),
    ),
    max_size=30,
)


@settings(max_examples=200, deadline=None)
@given(_other_scripts)
def test_non_arabic_letters_and_digits_only_nfkc_and_lowercase(text: str) -> None:
    assert normalize_arabic(text) == unicodedata.normalize("NFKC", text).lower()


@settings(max_examples=300, deadline=None)
@given(_any_text)
def test_never_drops_a_non_arabic_letter_or_digit(text: str) -> None:
    # Reference: what NFKC + digit folding + lowercasing alone keep (compared decomposed
    # and case-folded, so composition and final-sigma differences do not count).
    expected = _non_arabic_alnum(fold_digits(unicodedata.normalize("NFKC", text)))
    assert _non_arabic_alnum(normalize_arabic(text)) == expected


@settings(max_examples=300, deadline=None)
@given(_any_text)
def test_token_offsets_slice_the_original(text: str) -> None:
    previous_end = 0
    covered: set[int] = set()
    for start, end, token in iter_tokens(text):
        assert previous_end <= start < end <= len(text)
        assert text[start:end] == token
        previous_end = end
        covered.update(range(start, end))
    # Every letter or digit of the text is inside some token.
    assert all(i in covered for i, c in enumerate(text) if c.isalnum())
