"""The yardstick for `newsarc add`: a plain Whoosh writer with newsarc's analyzer.

    python bench/plain_whoosh.py CORPUS.jsonl.gz INDEX_DIR [--procs N] [--multisegment]

Reads JSON Lines records and adds each to a fresh Whoosh index with the schema newsarc
had before the performance work (frozen here, so the yardstick does not move when the
product's schema changes): title, body (stemmed) and exact with positions, source,
id, date. One writer, `limitmb=256`, one commit. No decoding, no corpus copy, no
duplicate check: the engine's own cost. Prints one JSON line with the counts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import sys
import time

from whoosh import index
from whoosh.fields import DATETIME, ID, STORED, TEXT, Schema

from newsarc.analysis import exact_analyzer, stemmed_analyzer


def foundation_schema() -> Schema:
    stemmed, exact = stemmed_analyzer(), exact_analyzer()
    return Schema(
        id=ID(stored=True, unique=True),
        path=STORED(),
        hash=ID(),
        title=TEXT(analyzer=stemmed, stored=True, phrase=True),
        body=TEXT(analyzer=stemmed, phrase=True),
        exact=TEXT(analyzer=exact, phrase=True),
        source=TEXT(analyzer=exact, phrase=True),
        source_slug=ID(),
        source_name=ID(stored=True),
        date=DATETIME(stored=True),
        day=ID(),
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus")
    parser.add_argument("index_dir")
    parser.add_argument("--procs", type=int, default=1)
    parser.add_argument("--multisegment", action="store_true")
    args = parser.parse_args()
    started = time.perf_counter()
    os.makedirs(args.index_dir, exist_ok=True)
    ix = index.create_in(args.index_dir, foundation_schema())
    if args.procs > 1:
        writer = ix.writer(
            procs=args.procs, multisegment=args.multisegment, limitmb=256 // args.procs
        )
    else:
        writer = ix.writer(limitmb=256)
    count = 0
    with gzip.open(args.corpus, "rt", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            document = {
                "id": record["id"],
                "path": f"corpus/{record['id']}.txt",
                "hash": str(count),
                "body": record["text"],
                "exact": record["text"],
            }
            if record.get("title"):
                document["title"] = record["title"]
            if record.get("source"):
                document["source"] = record["source"]
                document["source_slug"] = record["source"]
                document["source_name"] = record["source"]
            if record.get("date"):
                day = dt.date.fromisoformat(record["date"][:10])
                document["date"] = dt.datetime.combine(day, dt.time())
                document["day"] = day.isoformat()
            writer.add_document(**document)
            count += 1
    writer.commit()
    indexed = index.open_dir(args.index_dir).doc_count()
    seconds = time.perf_counter() - started
    json.dump({"articles": count, "indexed": indexed, "seconds": seconds}, sys.stdout)
    print()
    if indexed != count:
        raise SystemExit(f"the writer indexed {indexed} of {count} documents")


if __name__ == "__main__":
    main()
