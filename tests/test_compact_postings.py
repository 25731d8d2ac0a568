"""newsarc.engine.packing and the codec's blocks: packed blocks read back exactly as Whoosh's
pickles would."""

from __future__ import annotations

import zlib
from array import array

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh.compat import dumps

from newsarc.engine.packing import MAGIC, decode_block, encode_block
from newsarc.engine.whoosh_index import article_document, create_index, make_codec, open_index
from newsarc.model import Article

ids = st.lists(st.integers(0, 2**32 - 1), min_size=1, max_size=130)


@st.composite
def blocks(draw):  # type: ignore[no-untyped-def]
    numbers = draw(ids)
    count = len(numbers)
    weights = draw(
        st.one_of(
            st.none(),
            st.floats(0.5, 100, width=32),
            st.lists(st.integers(1, 70000).map(float), min_size=count, max_size=count),
            st.lists(st.floats(0, 1e6, width=32), min_size=count, max_size=count),
        )
    )
    values = draw(
        st.one_of(
            st.none(),
            st.binary(max_size=64),
            st.lists(st.binary(max_size=300), min_size=count, max_size=count).map(tuple),
            st.just(()),  # inlined postings of a field without values
        )
    )
    return numbers, weights, values


@settings(max_examples=300, deadline=None)
@given(block=blocks())
def test_round_trip(block):
    numbers, weights, values = block
    encoded = encode_block(numbers, weights, values)
    assert encoded.startswith(MAGIC)
    got_ids, got_weights, got_values = decode_block(encoded)
    assert list(got_ids) == numbers
    if weights is None or isinstance(weights, float):
        assert got_weights == weights
    else:
        assert list(got_weights) == list(array("f", weights))
    assert got_values == values


def test_smaller_than_the_pickle():
    numbers = list(range(0, 1280, 10))
    weights = [1.0, 2.0, 1.0, 3.0] * 32
    values = tuple(bytes([2, n % 200, 0]) for n in range(128))
    packed = zlib.compress(encode_block(numbers, weights, values), 3)
    pickled = zlib.compress(dumps((tuple(numbers), tuple(weights), values), 2), 3)
    assert len(packed) < 0.7 * len(pickled)


def _article(number: int, text: str) -> Article:
    return Article(
        id=f"a{number}", text=text, source="العرب", source_slug="العرب", content_hash=f"h{number}"
    )


TEXTS = [
    "الانتخابات البرلمانية في العراق والانتخابات المحلية",
    "الاقتصاد التونسي و الانتخابات",
    "مقال عن النفط " * 300,  # long postings: many blocks, large positions
]


def test_an_index_reads_back_the_same_postings_as_whoosh_wrote_them(tmp_path):
    """Postings in blocks (frequent terms) and inlined (rare ones), positions and weights."""
    ix = create_index(tmp_path / "index")
    writer = ix.writer(codec=make_codec())
    for number in range(300):
        writer.add_document(
            **article_document(_article(number, TEXTS[number % 3] + f" رقم{number}"), f"p{number}")
        )
    writer.commit()
    with open_index(tmp_path / "index").searcher() as searcher:
        reader = searcher.reader()
        assert reader.doc_frequency("exact", "الانتخابات") == 200
        postings = reader.postings("exact", "النفط")
        assert postings.id() == 2
        assert postings.value_as("positions")[:3] == [1, 3, 5]  # (عن is a stopword)
        assert postings.weight() == 300.0
        assert reader.doc_frequency("exact", "رقم7") == 1  # inlined
        rare = reader.postings("exact", "رقم7")
        assert (rare.id(), rare.weight(), rare.value_as("positions")) == (7, 1.0, [3])
        assert [
            reader.stored_fields(docnum)["id"] for docnum in searcher.document_numbers(id="a42")
        ] == ["a42"]


@pytest.mark.parametrize("inlined", [False, True])
def test_whoosh_own_pickled_postings_still_read(tmp_path, monkeypatch, inlined):
    from whoosh.codec import whoosh3

    from newsarc.engine import whoosh_codec

    # Written by W3's own code paths (pickles), read with newsarc's codec.
    monkeypatch.setattr(
        whoosh_codec.CompactPostingsWriter, "_write_block", whoosh3.W3PostingsWriter._write_block
    )
    monkeypatch.setattr(whoosh_codec.CompactTermInfo, "to_bytes", whoosh3.W3TermInfo.to_bytes)
    ix = create_index(tmp_path / "index")
    writer = ix.writer(codec=make_codec())
    for number in range(1 if inlined else 5):
        writer.add_document(
            **article_document(_article(number, "الانتخابات البرلمانية في العراق"), f"p{number}")
        )
    writer.commit()
    monkeypatch.undo()
    with open_index(tmp_path / "index").searcher() as searcher:
        postings = searcher.reader().postings("exact", "العراق")
        assert postings.value_as("positions") == [2]
        assert len(list(searcher.reader().postings("exact", "العراق").all_ids())) == (
            1 if inlined else 5
        )
