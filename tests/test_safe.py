"""render.safe.shown: what the terminal gets of text from the archive."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from newsarc.render.safe import BIDI_CONTROLS, control_positions, is_shown, shown, shown_at

DANGEROUS = (
    {chr(c) for c in range(0x20) if chr(c) not in "\t\n"}
    | {"\x7f"}
    | {chr(c) for c in range(0x80, 0xA0)}
    | {chr(c) for c in BIDI_CONTROLS}
)


@given(st.text())
def test_no_control_character_survives_and_offsets_stay(text):
    cleaned = shown(text)
    assert len(cleaned) == len(text)  # highlight spans stay on the same characters
    assert not DANGEROUS & set(cleaned)
    for before, after in zip(text, cleaned):
        assert before == after or before in DANGEROUS


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cf"))))
def test_ordinary_text_is_untouched(text):
    assert shown(text) == text


def test_stand_ins_are_visible():
    assert shown("a\x1b[2J\tb\n") == "a␛[2J\tb\n"
    assert shown("\x9b\u202e\x07\x7f") == "\ufffd\ufffd␇␡"
    assert all(unicodedata.category(ch) != "Cc" for ch in shown("".join(DANGEROUS)))
    assert shown("\u200f\u061c") == "\u200f\u061c"  # RLM and ALM only mark direction: kept


def test_a_control_character_deep_in_a_long_text_is_replaced():
    text = "كلمة " * 100_000 + "\x1b]52;c;ZXZpbA==\x07 نهاية"  # a clipboard write, 500 KB in
    assert shown(text) == "كلمة " * 100_000 + "␛]52;c;ZXZpbA==␇ نهاية"


@given(st.text(alphabet=st.sampled_from(["ب", " ", "\n", "\t", "\x1b", "\u202b", "\x85", "a"])))
def test_the_controls_found_are_the_characters_shown_otherwise(text):
    cleaned = shown(text)
    changed = [at for at, (before, after) in enumerate(zip(text, cleaned)) if before != after]
    assert control_positions(text) == changed
    assert is_shown(text) == (not changed) == (cleaned is text)


@given(st.text(alphabet=st.sampled_from(["ب", " ", "\n", "\t", "\x1b", "\u202b", "\x85", "a"])))
def test_text_shown_from_its_controls_is_text_shown(text):
    assert shown_at(text, control_positions(text)) == shown(text)


def test_text_with_many_controls_shown_from_them_is_text_shown():
    text = "ب\x1b" * 3000 + "\u202b"
    assert shown_at(text, control_positions(text)) == shown(text)
