"""newsarc.engine.whoosh_codec: newsarc's indexes in their own codec, each change to W3 checked
against upstream Whoosh, and Whoosh itself left as it is for every other index."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from newsarc.engine.whoosh_codec import ViewBufferFile, ViewFile


def _open(archive):  # type: ignore[no-untyped-def]
    from newsarc.engine.directory import current_index_dir
    from newsarc.engine.whoosh_index import open_index

    return open_index(current_index_dir(archive.root / "index"))


DATA = b"first line\nsecond\n\nlast without newline"


@pytest.mark.parametrize("wrap", [bytes, memoryview])
def test_view_file_reads_like_bytesio(wrap):
    ours, theirs = ViewFile(wrap(DATA)), io.BytesIO(DATA)
    for step in [
        ("read", 5),
        ("readline",),
        ("tell",),
        ("seek", 3),
        ("read", 0),
        ("readline", 4),
        ("seek", -4, 2),
        ("read",),
        ("read", 10),
        ("seek", 100),
        ("read", 3),
        ("readline",),
        ("seek", 2, 0),
        ("seek", 5, 1),
        ("read", -1),
    ]:
        name, *args = step
        assert getattr(ours, name)(*args) == getattr(theirs, name)(*args), step
    assert list(ViewFile(wrap(DATA))) == list(io.BytesIO(DATA))
    with pytest.raises(ValueError):
        ours.seek(-1)


def test_an_open_index_holds_no_copy_of_its_segment(tmp_path):
    from whoosh.filedb.structfile import BufferFile

    from newsarc.archive import Archive
    from newsarc.reader import ReadOptions

    archive = Archive.at(tmp_path / "arc")
    inbox = tmp_path / "in.txt"
    inbox.write_text("خبر عن الاقتصاد في تونس والجزائر.\nسطر ثان عن الاقتصاد.", encoding="utf-8")
    archive.add([str(inbox)], ReadOptions(source="العرب"))
    opened = []
    original = BufferFile.__init__

    def spy(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        original(self, *args, **kwargs)
        opened.append(self)

    BufferFile.__init__ = spy
    try:
        assert archive.search("الاقتصاد").total == 1
        assert archive.search('"الاقتصاد في تونس"').total == 1
    finally:
        BufferFile.__init__ = original
    assert opened and all(
        isinstance(f, ViewBufferFile) and isinstance(f.file, ViewFile) for f in opened
    )


def test_rare_terms_are_inlined_and_still_found(tmp_path):
    from newsarc.archive import Archive
    from newsarc.reader import ReadOptions

    archive = Archive.at(tmp_path / "arc")
    for number, text in enumerate(
        ["خبر فريد عن الباغوز والفرات.", "خبر عن الاقتصاد في تونس.", "خبر آخر عن الاقتصاد."]
    ):
        path = tmp_path / f"{number}.txt"
        path.write_text(text, encoding="utf-8")
        archive.add([str(path)], ReadOptions(source="العرب"))
    archive.reindex()  # one segment, one writer
    with _open(archive).reader() as reader:
        assert reader.term_info("exact", "الباغوز").is_inlined()  # in one document
        assert not reader.term_info("exact", "خبر").is_inlined()  # in three
    assert archive.search('"الباغوز والفرات"').total == 1
    assert archive.search("الباغوز").total == 1 and archive.search("الاقتصاد").total == 2


def test_document_lengths_are_those_whoosh_reads(tmp_path):
    import json

    from whoosh.codec.whoosh3 import W3PerDocReader

    from newsarc.archive import Archive
    from newsarc.reader import ReadOptions

    records = [
        {
            "id": f"n{n}",
            "text": " ".join(["كلمة"] * (n * 7 % 40 + 1) + [f"رقم{n}"]),
            **({"title": "عنوان " * (n % 4 + 1)} if n % 3 else {}),
        }
        for n in range(60)
    ]
    path = tmp_path / "in.jsonl"
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    archive = Archive.at(tmp_path / "arc")
    archive.add([str(path)], ReadOptions())
    with _open(archive).reader() as reader:
        segments = getattr(reader, "readers", [reader])
        for segment in segments:
            perdoc = segment._perdoc
            for fieldname in ("title", "body", "exact", "source", "id"):
                for docnum in range(segment.doc_count_all()):
                    ours = perdoc.doc_field_length(docnum, fieldname)
                    theirs = W3PerDocReader.doc_field_length(perdoc, docnum, fieldname)
                    assert ours == theirs, (fieldname, docnum)


# -- Whoosh itself is left as it is ---------------------------------------------------------

_WRITE_PLAIN_INDEX = r"""
import pkgutil, importlib, sys
import newsarc
for module in pkgutil.walk_packages(newsarc.__path__, "newsarc."):
    if module.name != "newsarc.__main__":
        importlib.import_module(module.name)
from whoosh import index
from whoosh.fields import ID, TEXT, Schema
ix = index.create_in(sys.argv[1], Schema(id=ID(stored=True), text=TEXT(stored=True)))
writer = ix.writer()
for number in range(300):
    text = f"hello world number{number} " + "filler " * (number % 7)
    writer.add_document(id=f"d{number}", text=text)
writer.add_document(id="rare", text="unique")
writer.commit()
from whoosh.collectors import TopCollector
assert TopCollector(usequality=True).usequality, "TopCollector ignores usequality"
"""

_READ_WITH_STOCK_WHOOSH = r"""
import sys
from whoosh import index
from whoosh.qparser import QueryParser
ix = index.open_dir(sys.argv[1])
with ix.searcher() as searcher:
    parser = QueryParser("text", ix.schema)
    assert len(searcher.search(parser.parse("hello"), limit=None)) == 300
    assert [hit["id"] for hit in searcher.search(parser.parse("unique"))] == ["rare"]
    assert [hit["id"] for hit in searcher.search(parser.parse("number42"))] == ["d42"]
assert "newsarc" not in sys.modules
print("ok")
"""


def test_importing_newsarc_leaves_whoosh_as_it_is(tmp_path):
    """Every newsarc module imported, a plain Whoosh index written: stock Whoosh, in a
    process that never imported newsarc, opens and searches it."""
    import subprocess
    import sys

    directory = tmp_path / "plain"
    directory.mkdir()
    subprocess.run([sys.executable, "-c", _WRITE_PLAIN_INDEX, str(directory)], check=True)
    done = subprocess.run(
        [sys.executable, "-c", _READ_WITH_STOCK_WHOOSH, str(directory)],
        check=True, capture_output=True, text=True,
    )
    assert done.stdout.strip() == "ok"


def test_newsarc_segments_name_newsarc_codec(tmp_path):
    from newsarc.archive import Archive
    from newsarc.engine.whoosh_codec import NewsarcCodec, NewsarcSegment
    from newsarc.reader import ReadOptions

    archive = Archive.at(tmp_path / "arc")
    inbox = tmp_path / "in.txt"
    inbox.write_text("خبر عن الاقتصاد في تونس.", encoding="utf-8")
    archive.add([str(inbox)], ReadOptions(source="العرب"))
    segments = _open(archive)._segments()
    assert segments and all(isinstance(segment, NewsarcSegment) for segment in segments)
    assert all(isinstance(segment.codec(), NewsarcCodec) for segment in segments)


def test_w3_cannot_inline_postings_and_newsarc_codec_can():
    from whoosh.codec.whoosh3 import W3TermInfo

    from newsarc.engine.whoosh_codec import CompactTermInfo

    assert not hasattr(W3TermInfo(), "set_inline")  # what W3's writer calls: upstream bug
    info = CompactTermInfo()
    info.set_inline((3,), (1.0,), (b"",))
    assert info.is_inlined()
    again = CompactTermInfo.from_bytes(info.to_bytes())
    assert again.inlined_postings()[0] == (3,)


def test_inlined_postings_without_values_give_one_empty_value_each():
    from whoosh.formats import Existence
    from whoosh.matching.mcore import ListMatcher

    from newsarc.engine.whoosh_codec import InlinedMatcher

    upstream = ListMatcher([1, 4], [1.0, 1.0], (), Existence())
    ours = InlinedMatcher([1, 4], [1.0, 1.0], (), Existence())
    assert list(upstream.all_items()) == []  # upstream: postings lost in a merge
    assert list(ours.all_items()) == [(1, b""), (4, b"")]
    assert ours.value() == b""


def test_a_schema_4_archive_is_refused_with_reindex_and_reindex_converts_it(tmp_path):
    """An archive whose index was written by newsarc before the codec (schema 4)."""
    import shutil

    from newsarc.archive import Archive
    from newsarc.errors import ArchiveError

    fixture = Path(__file__).parent / "fixtures" / "schema4_archive"
    shutil.copytree(fixture, tmp_path / "arc")
    archive = Archive.open(tmp_path / "arc")
    with pytest.raises(ArchiveError) as failure:
        archive.search("الاقتصاد")
    assert "another version of newsarc" in failure.value.message
    assert "newsarc reindex" in (failure.value.hint or "")
    assert archive.reindex() == 2
    assert archive.search("الاقتصاد").total == 1
    assert archive.search("الباغوز").total == 1
