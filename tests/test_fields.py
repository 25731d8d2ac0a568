"""newsarc.fields: the fast `index` gives exactly what the field's analyzer would."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh.fields import TEXT

from newsarc.fields import ArabicTextField, CompactPositions, _recent, index_words

# Arabic letters, marks, tatweel, digits, ligatures, presentation forms, Latin, stopwords,
# separators: everything the analysis chain treats specially.
PIECES = [
    "في", "من", "و", "الإسلاميّة", "بالمدرسة", "ـ", "\u064b", "ﷺ", "ﻻ", "٢٫٥", "2.5", "x",
    "Gaza", "والكتاب", "كتابهم", "ال", "ة", "\u200c", "!", " ", "\n", ".", "،", "القرآن",
]
texts = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=40).map("".join),
    st.text(max_size=80),
)


def _plain(field: ArabicTextField) -> TEXT:
    """The same field as Whoosh builds it: the analyzer's tokens through the format."""
    plain = TEXT(analyzer=field.analyzer, phrase=isinstance(field.format, CompactPositions))
    plain.format = field.format
    return plain


def _postings(field, text: str) -> dict[bytes, tuple[int, float, object]]:  # type: ignore[no-untyped-def]
    result = {}
    for term, freq, weight, value in field.index(text):
        decoded = (
            field.format.decode_positions(value)
            if isinstance(field.format, CompactPositions)
            else value
        )
        result[term] = (freq, weight, decoded)
    return result


FIELDS = [
    ArabicTextField(stemmed=True, phrase=True),
    ArabicTextField(stemmed=True, phrase=False),
    ArabicTextField(stemmed=False, phrase=True),
]


@pytest.mark.parametrize(
    "field", FIELDS, ids=["stemmed-positions", "stemmed-frequency", "exact-positions"]
)
@settings(max_examples=300, deadline=None)
@given(text=texts)
def test_fast_index_equals_the_analyzer(field, text):
    _recent.entries.clear()
    assert _postings(field, text) == _postings(_plain(field), text)


@settings(max_examples=200, deadline=None)
@given(title=texts, body=texts)
def test_title_then_text_reuses_the_text_words_and_stays_exact(title, body):
    """`exact` holds "title\\ntext" right after `body` held the text."""
    exact = FIELDS[2]
    _recent.entries.clear()
    _postings(FIELDS[1], body)  # body first, as Whoosh indexes fields in name order
    fast = _postings(exact, f"{title}\n{body}")
    _recent.entries.clear()
    assert fast == _postings(_plain(exact), f"{title}\n{body}")


def test_positions_start_where_the_analyzer_starts_them():
    # A leading stopword keeps its token number: Whoosh's StopFilter numbers on from the
    # first kept term's own position.
    assert index_words("في المدرسة الكبيرة") == (1, ["المدرسه", "الكبيره"])
    assert index_words("") == (0, [])


@pytest.mark.parametrize(
    "positions", [[0], [3, 4, 10], [70000], [5, 70005, 70006], list(range(0, 300000, 1000))]
)
def test_compact_positions_round_trip(positions):
    encoded = CompactPositions().encode(positions)
    assert CompactPositions().decode_positions(encoded) == positions
    assert CompactPositions().decode_frequency(encoded) == len(positions)


def test_compact_positions_are_small():
    assert len(CompactPositions().encode([412])) == 3


def _reference_spans(text, terms, schema, fields):  # type: ignore[no-untyped-def]
    """highlight_spans as it was: every field's analyzer over the whole text."""
    spans = set()
    for fieldname in fields:
        wanted = terms.get(fieldname)
        if wanted:
            for token in schema[fieldname].analyzer(text, chars=True, mode="index"):
                if token.text in wanted:
                    spans.add((token.startchar, token.endchar))
    return sorted(spans)


@pytest.mark.parametrize("fields", [("body", "exact"), ("title", "exact")])
@settings(max_examples=200, deadline=None)
@given(text=texts, picks=st.lists(st.integers(0, 1000), max_size=6))
def test_fast_highlights_equal_the_analyzers(fields, text, picks):
    from newsarc.engine.whoosh_index import make_schema
    from newsarc.query.highlight import highlight_spans

    schema = make_schema()
    stemmed = [token.text for token in schema["body"].analyzer(text)]
    exact = [token.text for token in schema["exact"].analyzer(text)]
    terms = {
        "exact": {exact[pick % len(exact)] for pick in picks[::2]} if exact else set(),
        fields[0]: {stemmed[pick % len(stemmed)] for pick in picks[1::2]} if stemmed else set(),
    }
    assert highlight_spans(text, terms, fields=fields) == _reference_spans(
        text, terms, schema, fields
    )
