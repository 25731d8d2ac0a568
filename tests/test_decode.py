"""Encoding detection: every encoding Arabic news arrives in reads back exactly."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ARTICLE_FOOTBALL, ARTICLE_SCHOOL, ARTICLE_TRADE, SEED
from newsarc.decode import canonical_text, decode_bytes
from newsarc.errors import InputError

# ISO-8859-6 has no curly quotes or Persian letters: the seed with plain quotes fits it.
SEED_TEXT = SEED.read_text(encoding="utf-8").replace("“", '"').replace("”", '"').replace("–", "-")
TEXTS = [SEED_TEXT, ARTICLE_TRADE.replace("–", "-"), ARTICLE_FOOTBALL, "بيروت - خبر قصير."]


@pytest.mark.parametrize("text", TEXTS, ids=["seed", "trade", "football", "short"])
@pytest.mark.parametrize(
    "encoding, bom, expected_name, expected_rule",
    [
        ("utf-8", b"", "utf-8", "utf-8"),
        ("utf-8", codecs.BOM_UTF8, "utf-8", "bom"),
        ("utf-16-le", codecs.BOM_UTF16_LE, "utf-16-le", "bom"),
        ("utf-16-be", codecs.BOM_UTF16_BE, "utf-16-be", "bom"),
        ("windows-1256", b"", "windows-1256", "detected"),
        ("iso-8859-6", b"", "iso-8859-6", "detected"),
    ],
)
def test_round_trip(text, encoding, bom, expected_name, expected_rule):
    decoded = decode_bytes(bom + text.encode(encoding))
    assert decoded.text == text
    assert decoded.encoding == expected_name
    assert decoded.rule == expected_rule


def test_windows_1256_only_letters_are_not_mistaken_for_iso():
    # پ چ ژ گ exist in Windows-1256 but not ISO-8859-6.
    text = "زار الرئيس گرجستان وپاکستان في جولة آسيوية طويلة."
    decoded = decode_bytes(text.encode("windows-1256"))
    assert (decoded.text, decoded.encoding) == (text, "windows-1256")


def test_utf16_without_bom_is_detected():
    decoded = decode_bytes(ARTICLE_SCHOOL.encode("utf-16-le"))
    assert decoded.text == ARTICLE_SCHOOL


def test_encoding_option_wins():
    data = ARTICLE_TRADE.encode("windows-1256")
    decoded = decode_bytes(data, encoding="cp1256")
    assert decoded.text == ARTICLE_TRADE and decoded.rule == "option"
    with pytest.raises(InputError, match="not valid utf-8"):
        decode_bytes(data, encoding="utf-8", where="x.txt")
    with pytest.raises(InputError, match="unknown encoding"):
        decode_bytes(data, encoding="klingon")


@pytest.mark.parametrize(
    "data, message",
    [
        (b"\x00\x01\x02\x03\xff\xfe\x00\x00" * 40, "binary"),
        ("Ça coûte très cher, déjà été à Paris.".encode("cp1252"), "cannot tell the encoding"),
        (bytes(range(128, 256)) * 4, "cannot tell the encoding"),
    ],
)
def test_not_arabic_text_is_refused_with_where(data, message):
    with pytest.raises(InputError, match=message) as info:
        decode_bytes(data, where="some/file.txt")
    assert "some/file.txt" in str(info.value)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_decode_or_raise_input_error(data):
    try:
        decoded = decode_bytes(data)
    except InputError:
        return
    assert isinstance(decoded.text, str)


def test_canonical_text():
    assert canonical_text("سطر\r\nثان  \rثالث\n\n") == "سطر\nثان\nثالث"
    # NFC: alef + combining hamza above becomes أ
    assert canonical_text("\u0627\u0654") == "\u0623"
