"""newsarc.whoosh_patches: Whoosh reads the segment through a view, never a copy of it."""

from __future__ import annotations

import io

import pytest

from newsarc.whoosh_patches import ViewFile

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
    assert opened and all(isinstance(f.file, ViewFile) for f in opened)


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
    ix = archive._read_index(lambda ix: ix)
    with ix.reader() as reader:
        assert reader.term_info("exact", "الباغوز").is_inlined()  # in one document
        assert not reader.term_info("exact", "خبر").is_inlined()  # in three
    assert archive.search('"الباغوز والفرات"').total == 1
    assert archive.search("الباغوز").total == 1 and archive.search("الاقتصاد").total == 2


def test_document_lengths_are_those_whoosh_reads(tmp_path):
    import json

    from newsarc import whoosh_patches
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
    with archive._read_index(lambda ix: ix).reader() as reader:
        segments = getattr(reader, "readers", [reader])
        for segment in segments:
            perdoc = segment._perdoc
            for fieldname in ("title", "body", "exact", "source", "id"):
                for docnum in range(segment.doc_count_all()):
                    ours = perdoc.doc_field_length(docnum, fieldname)
                    theirs = whoosh_patches._original_doc_field_length(perdoc, docnum, fieldname)
                    assert ours == theirs, (fieldname, docnum)
