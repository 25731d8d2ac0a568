"""A later `add` recognises what the index already holds, looking terms up one by one."""

from __future__ import annotations

import json

from conftest import ARTICLE_FOOTBALL, ARTICLE_SCHOOL, ARTICLE_TRADE
from newsarc.archive import Archive


def _jsonl(path, records):  # type: ignore[no-untyped-def]
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    return str(path)


def test_duplicates_and_id_collisions_across_adds(tmp_path):
    arc = Archive.at(tmp_path / "a")
    arc.add(
        [
            _jsonl(
                tmp_path / "one.jsonl",
                [{"id": "x1", "text": ARTICLE_TRADE}, {"id": "x2", "text": ARTICLE_FOOTBALL}],
            )
        ]
    )
    report = arc.add(
        [
            _jsonl(
                tmp_path / "two.jsonl",
                [
                    {"id": "y1", "text": ARTICLE_TRADE},  # a text the index holds, under x1
                    {"id": "x2", "text": ARTICLE_SCHOOL},  # an id the index holds, another text
                    {"id": "y3", "text": ARTICLE_SCHOOL},  # new
                    {"id": "y4", "text": ARTICLE_SCHOOL},  # the text just added, as y3
                ],
            )
        ]
    )
    assert [(o.status, o.id) for o in report.outcomes] == [
        ("duplicate", "x1"),
        ("failed", "x2"),
        ("added", "y3"),
        ("duplicate", "y3"),
    ]
    assert "already in the archive" in report.outcomes[1].message
    assert arc.stats().articles == 3 and arc.check().healthy
