"""Incremental: a daily `add` of 100 new article files to the full archive.

    python bench/bench_incremental.py [--corpus ant] [--repeats R] [--files N]

Needs the archive that bench_ingest.py leaves in bench/out/archive-CORPUS, and works on a
copy of it (bench/out/daily/archive), so every run starts from the same state. Each
repeat adds a different 100 SaudiNewsNet articles (not in ANT) as plain-text files, one
folder per source, as a person receives them: `newsarc add DIR`, a fresh process. The
copy keeps them (later repeats add to a slightly larger archive); the fourth day's add
merges the four 100-article segments (engine.whoosh_index.merge_policy).
"""

from __future__ import annotations

import argparse
import json
import shutil

from common import (
    NEWSARC,
    OUT,
    ant_path,
    iter_records,
    median,
    require,
    run,
    snn_path,
    stamp,
    table,
)


def write_batch(records: list[dict], folder) -> None:  # type: ignore[no-untyped-def]
    shutil.rmtree(folder, ignore_errors=True)
    for record in records:
        target = folder / (record.get("source_id") or "unknown") / f"{record['id']}.txt"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text((record.get("title") or "") + "\n" + record["text"], encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", default="ant")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--files", type=int, default=100)
    args = parser.parse_args()
    require(ant_path(), snn_path())
    archive = OUT / f"archive-{args.corpus}"
    if not (archive / "index").is_dir():
        from common import skip

        skip(f"no archive in {archive}: run bench_ingest.py --corpus {args.corpus} first")
    copy = OUT / "daily" / "archive"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(archive, copy, symlinks=True)
    archive = copy
    before = json.loads(run([NEWSARC, "--home", str(archive), "stats", "--json"]).stdout)[
        "articles"
    ]
    # SaudiNewsNet from its end, so that an ant+snn archive gets new articles too.
    pool = list(iter_records(snn_path()))[::-1]
    seconds, added = [], []
    for repeat in range(args.repeats):
        batch = pool[repeat * args.files : (repeat + 1) * args.files]
        folder = OUT / "daily" / f"day-{repeat}"
        write_batch(batch, folder)
        measured = run([NEWSARC, "--home", str(archive), "add", str(folder), "--json"])
        outcomes = [json.loads(line) for line in measured.stdout.decode().splitlines()]
        added.append(sum(1 for o in outcomes if o["status"] == "added"))
        seconds.append(measured.seconds)
        print(f"  day {repeat}: {measured.seconds:.2f} s, {added[-1]} added", flush=True)
    after = json.loads(run([NEWSARC, "--home", str(archive), "stats", "--json"]).stdout)["articles"]
    from newsarc.engine.directory import current_index_dir
    from newsarc.engine.whoosh_index import open_index

    segments = len(open_index(current_index_dir(archive / "index"))._segments())
    table(
        f"incremental: {args.repeats} × {args.files} new article files into {args.corpus} "
        f"({before} articles) ({stamp()})",
        ["run", "articles before", "added", "wall p50 s", "wall max s", "index segments after"],
        [
            [
                f"newsarc add DIR ({args.files} files)",
                before,
                sum(added),
                median(seconds),
                max(seconds),
                segments,
            ]
        ],
        notes=[f"Articles after: {after}. Target: ≤ 1.2 s wall per daily add."],
    )
    if after != before + sum(added):
        raise SystemExit(f"the index holds {after} articles, expected {before + sum(added)}")


if __name__ == "__main__":
    main()
