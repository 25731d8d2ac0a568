"""Schema 3 (issue-6's change; schema 2 added place/story/sketch): phrases match the exact
(unstemmed) words; the stemmed body has no positions."""

from __future__ import annotations

import json
import re

import pytest

from newsarc.analysis import ANALYZER_VERSION
from newsarc.archive import Archive
from newsarc.engine.directory import current_index_dir
from newsarc.engine.whoosh_index import SCHEMA_VERSION, VERSION_FILE, make_schema
from newsarc.errors import ArchiveError
from newsarc.reader import ReadOptions


@pytest.fixture
def archive(tmp_path):
    path = tmp_path / "in.jsonl"
    records = [
        {"id": "a", "text": "أعلنت الدولة الإسلامية مسؤوليتها عن الهجوم."},
        {"id": "b", "text": "هاجمت والدولة الإسلامية ليست طرفا."},
        {"id": "c", "text": "الإسلامية الدولة كلمتان بترتيب آخر."},
    ]
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    arc = Archive.at(tmp_path / "arc")
    arc.add([str(path)], ReadOptions())
    return arc


def test_body_has_no_positions_exact_does():
    schema = make_schema()
    assert not schema["body"].format.supports("positions")
    assert schema["exact"].format.supports("positions") and schema["title"].format.supports(
        "positions"
    )


def test_phrases_match_exact_words_in_order(archive):
    assert [h.article.id for h in archive.search('"الدولة الاسلاميه"').hits] == ["a"]
    assert {h.article.id for h in archive.search("الدولة الإسلامية").hits} == {"a", "b", "c"}


def test_an_index_of_another_schema_asks_for_reindex(archive):
    version = current_index_dir(archive.index_dir) / VERSION_FILE
    version.write_text(
        json.dumps({"schema": 1, "analyzer": json.loads(version.read_text())["analyzer"]}),
        encoding="utf-8",
    )
    expected = (
        f"schema 1, analyzer {ANALYZER_VERSION}; "
        f"this one uses schema {SCHEMA_VERSION}, analyzer {ANALYZER_VERSION}"
    )
    with pytest.raises(ArchiveError, match=re.escape(expected)) as raised:
        archive.search("الدولة")
    assert "newsarc reindex" in (raised.value.hint or "")
    archive.reindex()
    assert archive.search("الدولة").total == 3
