"""Engines side by side: Whoosh, Xapian in one local database, Xapian on three shards.

    python bench/bench_engines.py [--corpora ant,scale-100000,scale-300000]
                                  [--engines whoosh,xapian,xapian-3] [--rounds 2] [--keep]

For each corpus and engine, in one run: `newsarc init --engine ...` then `newsarc add`
of the corpus into a fresh archive (wall time, articles/s, peak memory of the process
tree), the index size (for shards: the three shard directories), the 25 queries of
bench/queries.py as fresh processes (`newsarc search`, a highlighted top 10: p50, p95)
and warm in this process (`Archive.search`: p50). The three shards are real
`xapian-tcpsrv --writable` servers on 127.0.0.1 (the helper of tests/xapian_servers.py),
each with its own database directory; their CPU is the same two cores.

Corpora: `ant` (41,686 articles); `scale-N`: ANT then SaudiNewsNet, repeated until N
articles, each repetition with its ids suffixed (`-c2`, ...) and a closing line naming
the copy, so that no copy is a duplicate. Near-duplicate detection stays ON: the copies
are stored and indexed like any article, and linked to the first copy's story (as wire
copy is), so ingest pays for detection as a real archive does.

Growth of the warm query cost between the two largest corpora of an engine is reported
as an exponent k in cost ∝ size^k.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from bench_search import resolve_queries
from common import (
    NEWSARC,
    OUT,
    REPO,
    ant_path,
    corpus,
    corpus_meta,
    dir_bytes,
    iter_records,
    median,
    percentile,
    require,
    run,
    slim,
    snn_path,
    stamp,
    table,
    write_jsonl,
)

ENGINES = ("whoosh", "xapian", "xapian-3")


def scale_records() -> Iterator[dict]:
    """ANT + SaudiNewsNet, repeated without end (see the module docstring)."""
    for copy in range(1, 10_000):
        for source in (ant_path(), snn_path()):
            for record in iter_records(source):
                record = slim(record)
                if copy > 1:
                    record["id"] = f"{record['id']}-c{copy}" if record.get("id") else None
                    record["text"] = f"{record['text']}\nنسخة {copy}"
                    if record["id"] is None:
                        del record["id"]
                yield record


def scale_corpus(articles: int) -> Path:
    """ANT + SaudiNewsNet repeated to `articles` articles (see the module docstring)."""
    target = OUT / "corpora" / f"scale-{articles}.jsonl.gz"
    meta = target.with_suffix(".meta.json")
    if target.exists() and meta.exists():
        return target
    count, raw = write_jsonl(itertools.islice(scale_records(), articles), target)
    meta.write_text(json.dumps({"articles": count, "raw_bytes": raw}))
    return target


def measure_search(home: Path, rounds: int) -> dict:
    """The 25 queries as fresh `newsarc search` processes (p50, p95) and warm through
    `Archive.search` in this process (p50)."""
    queries = resolve_queries(str(home))
    process_times: list[float] = []
    for round_number in range(rounds):
        ordered = queries if round_number % 2 == 0 else list(reversed(queries))
        for _, query, _ in ordered:
            search = [NEWSARC, "--home", str(home), "search", query, "--color", "always"]
            process_times.append(run(search, check=False).seconds)
    from newsarc.archive import Archive
    from newsarc.errors import QueryError

    library = Archive.open(str(home))
    answered = []
    for kind, query, word in queries:  # warm-up: caches, imports, connections
        try:
            library.search(query)
            answered.append((kind, query, word))
        except QueryError:  # a source the archive does not hold yet (a small archive)
            pass
    library_times: list[float] = []
    for _ in range(rounds):
        for _, query, _ in answered:
            started = time.perf_counter()
            library.search(query)
            library_times.append(time.perf_counter() - started)
    return {
        "process_p50": median(process_times),
        "process_p95": percentile(process_times, 0.95),
        "library_p50": median(library_times),
    }


def corpus_path(name: str) -> Path:
    if name.startswith("scale-"):
        return scale_corpus(int(name.partition("-")[2]))
    return corpus(name)


class Shards:
    """Three shard servers for one archive (tests/xapian_servers.ShardServer)."""

    def __init__(self, base: Path, count: int = 3) -> None:
        sys.path.insert(0, str(REPO / "tests"))
        from xapian_servers import ShardServer, missing_xapian

        reason = missing_xapian()
        if reason:
            raise SystemExit(f"cannot run Xapian shards: {reason}")
        shutil.rmtree(base, ignore_errors=True)
        base.mkdir(parents=True)
        self.servers = [ShardServer(base / f"shard-{number}") for number in range(count)]
        for server in self.servers:
            server.start()

    def addresses(self) -> list[str]:
        return [server.address for server in self.servers]

    def bytes(self) -> int:
        return sum(dir_bytes(server.directory) for server in self.servers)

    def stop(self) -> None:
        for server in self.servers:
            server.stop()


def measure(name: str, engine: str, rounds: int, keep: bool) -> dict:
    source = corpus_path(name)
    meta = corpus_meta(source)
    home = OUT / "engines" / f"{name}-{engine}"
    shutil.rmtree(home, ignore_errors=True)
    shards = Shards(OUT / "engines" / f"{name}-{engine}-shards") if engine == "xapian-3" else None
    try:
        init = [NEWSARC, "--home", str(home), "init", "--engine", engine.partition("-")[0]]
        for address in shards.addresses() if shards else []:
            init += ["--shard", address]
        run(init)
        ingest = run([NEWSARC, "--home", str(home), "add", "-q", str(source)], measure_memory=True)
        stats = json.loads(run([NEWSARC, "--home", str(home), "stats", "--json"]).stdout)
        index_bytes = shards.bytes() if shards else dir_bytes(home / "index")
        searched = measure_search(home, rounds)
    finally:
        if shards:
            shards.stop()
    if not keep:
        shutil.rmtree(home, ignore_errors=True)
        if shards:
            shutil.rmtree(OUT / "engines" / f"{name}-{engine}-shards", ignore_errors=True)
    result = {
        "corpus": name,
        "engine": engine,
        "articles": meta["articles"],
        "indexed": stats["articles"],
        "seconds": ingest.seconds,
        "cpu_seconds": ingest.cpu_seconds,
        "peak_mb": ingest.peak_mb,
        "index_mib": index_bytes / 2**20,
        "text_mib": meta["raw_bytes"] / 2**20,
        **searched,
    }
    print(f"  {name} {engine}: {json.dumps(result)}", flush=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpora", default="ant")
    parser.add_argument("--engines", default=",".join(ENGINES))
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--keep", action="store_true", help="keep archives in bench/out/engines/")
    args = parser.parse_args()
    require(ant_path(), snn_path())
    engines = args.engines.split(",")
    unknown = [engine for engine in engines if engine not in ENGINES]
    if unknown:
        raise SystemExit(f"unknown engine(s) {unknown}: choose from {', '.join(ENGINES)}")
    results = [
        measure(name, engine, args.rounds, args.keep)
        for name in args.corpora.split(",")
        for engine in engines
    ]
    rows = [
        [
            r["corpus"],
            r["engine"],
            r["articles"],
            r["indexed"],
            r["seconds"],
            r["cpu_seconds"],
            r["articles"] / r["seconds"],
            r["peak_mb"],
            r["index_mib"],
            r["index_mib"] / r["text_mib"],
            r["process_p50"] * 1000,
            r["process_p95"] * 1000,
            r["library_p50"] * 1000,
        ]
        for r in results
    ]
    notes = []
    for engine in engines:
        mine = sorted((r for r in results if r["engine"] == engine), key=lambda r: r["articles"])
        if len(mine) >= 2 and mine[-1]["articles"] > mine[-2]["articles"]:
            small, large = mine[-2], mine[-1]
            growth = math.log(large["articles"] / small["articles"])
            k = math.log(large["library_p50"] / small["library_p50"]) / growth
            notes.append(
                f"{engine}: warm query cost from {small['articles']:,} to {large['articles']:,} "
                f"articles grows as size^{k:.2f}."
            )
    baseline = {r["corpus"]: r for r in results if r["engine"] == "whoosh"}
    for r in results:
        base = baseline.get(r["corpus"])
        if base and r["engine"] != "whoosh":
            notes.append(
                f"{r['corpus']} {r['engine']} vs whoosh: ingest "
                f"×{base['seconds'] / r['seconds']:.2f} faster "
                f"(×{base['cpu_seconds'] / r['cpu_seconds']:.2f} less CPU), fresh search p50 "
                f"×{base['process_p50'] / r['process_p50']:.2f}, "
                f"warm p50 ×{base['library_p50'] / r['library_p50']:.2f}."
            )
    table(
        f"engines side by side ({stamp()})",
        [
            "corpus",
            "engine",
            "articles",
            "indexed",
            "ingest s",
            "ingest CPU s",
            "articles/s",
            "peak MB",
            "index MiB",
            "index/text",
            "search p50 ms",
            "search p95 ms",
            "warm p50 ms",
        ],
        rows,
        notes=notes
        + [
            "search: a fresh `newsarc search` process printing a highlighted top 10; warm: "
            "Archive.search in one process. 25 queries (bench/queries.py) × rounds."
        ],
    )


if __name__ == "__main__":
    main()
