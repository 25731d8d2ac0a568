"""newsarc.query_text: pasted text is safe, `-word` is NOT, unknown fields are errors."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsarc.errors import QueryError
from newsarc.query_text import prepare_query


@pytest.mark.parametrize(
    ("text", "prepared"),
    [
        ("ما مصير داعش?", "ما مصير داعش"),  # a pasted question: ? ends it, not a wildcard
        ("داعش؟", "داعش"),
        ("داعش?؟", "داعش"),
        ("ال?رب", "ال?رب"),  # inside a word, ? is still a wildcard
        ('"دولة الخلافة?"', '"دولة الخلافة"'),
        ("سوريا -العراق", "سوريا NOT العراق"),  # -word: not that word
        ("(-العراق OR لبنان)", "(NOT العراق OR لبنان)"),
        ('-"دولة الخلافة" داعش', 'NOT "دولة الخلافة" داعش'),
        ("قال الوزير: إن", "قال الوزير إن"),  # a colon after an Arabic word is punctuation
        ("title:داعش source:العرب place:بيروت", "title:داعش source:العرب place:بيروت"),
        ('title:"دولة الخلافة"', 'title:"دولة الخلافة"'),
        ("http://example.com/a", "http://example.com/a"),  # a URL is text
        ("or and not", "or and not"),  # lower case: words
    ],
)
def test_prepared(text: str, prepared: str) -> None:
    assert prepare_query(text) == prepared


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("autor:محمد", "unknown field autor:"),
        ("سوريا path:x", "unknown field path:"),
        ("source:", "source: without a value"),
        ("title: داعش", "title: without a value"),
        ("داعش (place:)", "place: without a value"),
    ],
)
def test_field_errors_name_the_fields(text: str, message: str) -> None:
    with pytest.raises(QueryError) as caught:
        prepare_query(text)
    assert message in caught.value.message
    assert "title:, source:, place:, date:" in (caught.value.hint or "")


_arabic = st.text(alphabet="ابتثجحخدذرزسشصضطظعغفقكلمنهويءؤئ ؟?:-", max_size=40)


@given(_arabic)
def test_arabic_text_never_trips_the_syntax(text: str) -> None:
    prepared = prepare_query(text)  # never raises: no Latin field names in it
    assert "؟" not in prepared
    assert not any(word.endswith("?") for word in prepared.split())
    assert prepare_query(prepared) == prepared
