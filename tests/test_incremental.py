"""A later `add` recognises what the index already holds, looking terms up one by one."""

from __future__ import annotations

import json

from conftest import ARTICLE_FOOTBALL, ARTICLE_SCHOOL, ARTICLE_TRADE
from newsarc.archive import Archive
from newsarc.engine.directory import current_index_dir


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


def test_small_adds_are_merged_by_size_tiers(tmp_path):
    from newsarc.engine.whoosh_index import MERGE_FACTOR

    arc = Archive.at(tmp_path / "a")
    counts = []
    for day in range(2 * MERGE_FACTOR + 1):
        records = [
            {"id": f"d{day}-{n}", "text": f"خبر رقم {n} من اليوم {day} عن الاقتصاد."}
            for n in range(3)
        ]
        arc.add([_jsonl(tmp_path / f"day{day}.jsonl", records)])
        counts.append(len(list(current_index_dir(tmp_path / "a" / "index").glob("*.seg"))))
    # A commit that finds MERGE_FACTOR segments of one size tier merges them with its own.
    assert counts[: MERGE_FACTOR + 1] == [1, 2, 3, 4, 1][: MERGE_FACTOR + 1] or MERGE_FACTOR != 4, (
        counts
    )
    assert max(counts) <= MERGE_FACTOR + 1, (
        counts
    )  # (MERGE_FACTOR - 1) small ones + the merged + the new
    assert arc.stats().articles == 3 * (2 * MERGE_FACTOR + 1) and arc.check().healthy
    assert arc.search("الاقتصاد").total == 3 * (2 * MERGE_FACTOR + 1)


def test_merged_segments_keep_ids_and_hashes(tmp_path):
    # Rare terms' postings are inlined (index.INLINE_LIMIT); an id or hash term has no
    # value, and merging such segments used to drop those postings.
    from newsarc.engine.whoosh_index import MERGE_FACTOR

    arc = Archive.at(tmp_path / "a")
    for day in range(MERGE_FACTOR + 1):
        arc.add(
            [
                _jsonl(
                    tmp_path / f"day{day}.jsonl",
                    [{"id": f"d{day}", "text": f"خبر اليوم {day} عن الاقتصاد."}],
                )
            ]
        )
    assert len(list(current_index_dir(tmp_path / "a" / "index").glob("*.seg"))) == 1  # merged
    assert arc.get("d0").id == "d0" and arc.check().healthy
    again = arc.add(
        [_jsonl(tmp_path / "again.jsonl", [{"id": "other", "text": "خبر اليوم 0 عن الاقتصاد."}])]
    )
    assert [(o.status, o.id) for o in again.outcomes] == [("duplicate", "d0")]
