"""Search returns the true top hits and the exact number of matches.

Whoosh's default collector skips documents it wrongly judges unable to reach the top:
on these articles it returned a lower-scoring top 5 for every query below.
"""

from __future__ import annotations

import json
import random

import pytest

from newsarc.archive import Archive
from newsarc.reader import ReadOptions

WORDS = [
    "اليمن",
    "سوريا",
    "النفط",
    "الحكومة",
    "الرئيس",
    "مدينة",
    "اتفاق",
    "الشعب",
    "الحرب",
    "السلام",
    "تقرير",
    "وزير",
]


def _index(archive):  # type: ignore[no-untyped-def]
    from newsarc.engine.directory import current_index_dir
    from newsarc.engine.whoosh_index import open_index

    return open_index(current_index_dir(archive.root / "index"))


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    rng = random.Random(1)
    records = []
    for number in range(240):
        words = [
            rng.choice(WORDS) if rng.random() < 0.3 else f"كلمة{rng.randint(0, 3000)}"
            for _ in range(rng.randint(20, 200))
        ]
        records.append(
            {
                "id": f"d{number}",
                "text": " ".join(words),
                "source": rng.choice(["bbc", "cnn", "sky"]),
                "date": f"2018-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
            }
        )
    folder = tmp_path_factory.mktemp("ranking")
    path = folder / "in.jsonl"
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    arc = Archive.at(folder / "arc")
    arc.add([str(path)], ReadOptions())
    return arc


@pytest.mark.parametrize(
    "query",
    [
        "اليمن source:bbc",
        "سوريا النفط",
        "الحرب date:2018-03",
        "الرئيس source:cnn",
        "اتفاق السلام",
        "الشعب",
    ],
)
def test_top_hits_and_total_are_exact(archive, query):
    from newsarc.engine.whoosh import whoosh_query

    result = archive.search(query, limit=5)
    ix = _index(archive)
    with ix.searcher() as searcher:
        parsed = whoosh_query(query, reader=searcher.reader())  # as search does
        everything = searcher.search(parsed, limit=None)  # scores every match
        best = [round(hit.score, 6) for hit in everything][:5]
        assert result.total == len(everything) == len(list(searcher.docs_for_query(parsed)))
    assert [round(hit.score, 6) for hit in result.hits] == best


@pytest.mark.parametrize("query", ["اليمن source:bbc", "اتفاق السلام", "الرئيس source:cnn"])
def test_the_engines_search_is_exact(archive, query):
    # Upstream's TopCollector skips matches it judges unable to reach the top; newsarc's
    # searches score every match (newsarc.engine.whoosh_index.search_exactly).
    from newsarc.engine.whoosh import whoosh_query
    from newsarc.engine.whoosh_index import search_exactly

    ix = _index(archive)
    with ix.searcher() as searcher:
        parsed = whoosh_query(query, reader=searcher.reader())
        top = search_exactly(searcher, parsed, limit=5)
        everything = searcher.search(parsed, limit=None)
        assert top.has_exact_length() and len(top) == len(everything)
        assert [round(h.score, 6) for h in top] == [round(h.score, 6) for h in everything][:5]
