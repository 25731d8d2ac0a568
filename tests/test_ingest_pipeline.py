"""One pipeline: every format turns a raw record into an Article the same way; TREC files
are read a document at a time; JSON Lines keep their line numbers (issue 12)."""

from __future__ import annotations

import json

from newsarc import reader
from newsarc.model import AddOutcome, Article
from newsarc.reader import ReadOptions, expand_paths, read_inputs

TEXT = "عنوان الخبر\n\nسبق- أبها:\n\nأعلنت الإمارة عن مشروع جديد للطرق في المنطقة.\nواس"


def _read(*paths, stdin=None, **options):
    return list(
        read_inputs(expand_paths([str(p) for p in paths]), ReadOptions(**options), stdin=stdin)
    )


def test_the_same_text_reads_the_same_in_every_format(tmp_path):
    import io

    plain = tmp_path / "a.txt"
    plain.write_text(TEXT, encoding="utf-8")
    jsonl = tmp_path / "a.jsonl"
    jsonl.write_text(json.dumps({"text": TEXT}, ensure_ascii=False) + "\n", encoding="utf-8")
    trec = tmp_path / "a.trec"
    trec.write_text(
        f"<DOC>\n<DOCNO>x1</DOCNO>\n<TEXT>\n{TEXT}\n</TEXT>\n</DOC>\n", encoding="utf-8"
    )
    articles = [*_read(plain, jsonl, trec), *_read("-", stdin=io.BytesIO(TEXT.encode("utf-8")))]
    assert all(isinstance(a, Article) for a in articles), articles
    decided = {(a.title, a.title_rule, a.text, a.place, a.agency, a.signature) for a in articles}
    assert decided == {
        (
            "عنوان الخبر",
            "first-line-blank",
            TEXT.split("\n", 2)[2].rsplit("\n", 1)[0],
            "أبها",
            "سبق",
            "واس",
        )
    }


def test_a_trec_file_of_100000_documents_is_read_document_by_document(tmp_path, monkeypatch):
    # The real case: 9 MB of 100,000 small documents, refused as one over-long article.
    # Here the per-article limit is made small so that a small file is "too big" for it.
    monkeypatch.setattr(reader, "_MAX_TEXT_FILE_BYTES", 4000)
    monkeypatch.setattr(reader, "_MAX_TREC_DOC_BYTES", 4000)
    docs = "".join(
        f"<DOC>\n<DOCNO>d{n}</DOCNO>\n<TITLE>خبر {n}</TITLE>\n"
        f"<TEXT>\nنص الخبر رقم {n} عن الاقتصاد.\n</TEXT>\n</DOC>\n"
        for n in range(300)
    )
    path = tmp_path / "many.trec"
    path.write_text(docs, encoding="utf-8")
    assert path.stat().st_size > 4000 * 5
    items = _read(path)
    assert len(items) == 300 and all(isinstance(a, Article) for a in items)
    assert [a.id for a in items[:3]] == ["d0", "d1", "d2"]
    assert items[299].origin == f"{path}:{299 * 7 + 1}"  # each document's first line


def test_one_broken_trec_document_fails_alone_with_its_line(tmp_path):
    path = tmp_path / "two.trec"
    path.write_bytes(
        "<DOC>\n<DOCNO>a</DOCNO>\n<TEXT>\nنص أول كامل.\n</TEXT>\n</DOC>\n"
        "<DOC>\n<DOCNO>b</DOCNO>\n<TEXT>\nبلا نهاية\n"
        "<DOC>\n<DOCNO>c</DOCNO>\n<TEXT>\nنص ثالث كامل.\n</TEXT>\n</DOC>\n".encode("windows-1256")
    )
    items = _read(path)
    assert [type(i).__name__ for i in items] == ["Article", "AddOutcome", "Article"]
    assert items[1].origin == f"{path}:7" and "without </DOC>" in items[1].message
    assert items[2].encoding == "windows-1256"


def test_jsonl_line_numbers_stay_right_after_an_over_long_line(tmp_path, monkeypatch):
    monkeypatch.setattr(reader, "_MAX_JSONL_LINE_BYTES", 1000)
    good = json.dumps({"text": "خبر قصير عن الطقس."}, ensure_ascii=False)
    long_line = json.dumps({"text": "كلمة " * 3000}, ensure_ascii=False)
    path = tmp_path / "a.ndjson"
    path.write_text(
        "\n".join([good, long_line, good.replace("الطقس", "البحر"), ""]), encoding="utf-8"
    )
    items = _read(path)
    assert [(type(i).__name__, i.origin) for i in items] == [
        ("Article", f"{path}:1"),
        ("AddOutcome", f"{path}:2"),
        ("Article", f"{path}:3"),
    ]
    assert isinstance(items[1], AddOutcome) and "line too long" in items[1].message


def test_undecodable_trec_names_print_like_any_other(tmp_path):
    import os

    name = os.fsencode(str(tmp_path)) + b"/bad\xff.trec"
    with open(name, "wb") as stream:
        stream.write(b"<DOC>\n<TEXT>\n</TEXT>\n</DOC>\n")
    [item] = list(read_inputs([os.fsdecode(name)], ReadOptions()))
    assert isinstance(item, AddOutcome) and "bad\ufffd.trec" in item.message


def test_one_document_with_text_after_it_keeps_the_file_as_its_origin(tmp_path):
    path = tmp_path / "one.trec"
    path.write_text(
        "<DOC>\n<DOCNO>a</DOCNO>\n<TEXT>\nنص الخبر كاملا.\n</TEXT>\n</DOC>\nذيل خارج الوثيقة\n",
        encoding="utf-8",
    )
    article, stray = _read(path)
    assert isinstance(article, Article) and article.origin == str(path)
    assert isinstance(stray, AddOutcome) and "outside <DOC>" in stray.message
