"""Where the time goes: cProfile of `add` (one indexing process) and of one `search`.

    python bench/profile_paths.py [--articles N]

Prints two small tables of CPU shares. `add` is profiled in its one process; the search
table splits a fresh process into imports, opening and scoring, highlighting, rendering.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time

from common import OUT, PYTHON, ant_path, corpus, require, stamp, table


def profile_add(articles: int) -> list[list[object]]:
    """CPU of each stage, measured by running the stages one after another (a profiler's
    overhead would distort the pure-Python parts): reading, corpus files, analysis alone,
    then a whole add in one process; what remains of it is Whoosh's own work."""
    from newsarc.archive import Archive
    from newsarc.engine.whoosh_index import article_document, make_schema
    from newsarc.reader import ReadOptions, read_inputs
    from newsarc.store import CorpusStore

    source = str(corpus("ant", articles))
    home = OUT / "profile-add"
    shutil.rmtree(home, ignore_errors=True)

    started = time.process_time()
    items = [item for item in read_inputs([source], ReadOptions()) if hasattr(item, "text")]
    read_s = time.process_time() - started

    store = CorpusStore(home / "store")
    started = time.process_time()
    written = [store.write(item) for item in items]  # atomic and durable, as `add` writes them
    corpus_s = time.process_time() - started

    schema = make_schema()
    documents = [article_document(item, path) for item, path in zip(items, written)]
    started = time.process_time()
    for document in documents:  # as add_document does: fields in name order
        for field in ("body", "exact", "title"):
            if document.get(field):
                list(schema[field].index(document[field]))
    analysis_s = time.process_time() - started

    # The whole add in this one process (a large add would index in two: NEWSARC_INDEX_PROCS).
    os.environ["NEWSARC_INDEX_PROCS"] = "1"
    started = time.process_time()
    Archive.at(home / "archive").add([source])
    add_s = time.process_time() - started
    shutil.rmtree(home, ignore_errors=True)

    whoosh_s = add_s - read_s - corpus_s - analysis_s
    rows = [
        ["read + decode + check input (reader, dates, hashes)", read_s],
        ["corpus files (format, write, fsync, rename)", corpus_s],
        [
            "analysis to terms, frequencies, positions of body, exact, title (newsarc.fields)",
            analysis_s,
        ],
        ["Whoosh: pool, sort, encode, zlib, terms, segment; add's bookkeeping, sketches", whoosh_s],
    ]
    return [
        [label, f"{seconds:.1f}", f"{100 * seconds / add_s:.0f}%"] for label, seconds in rows
    ] + [["whole add in one process", f"{add_s:.1f}", f"{articles / add_s:.0f} articles/s of CPU"]]


SEARCH_PROBE = r"""
import sys, time
t0 = time.perf_counter()
import click, newsarc.cli
t1 = time.perf_counter()
import rich.console, newsarc.render.terminal
t2 = time.perf_counter()
from newsarc.lean_imports import import_whoosh
import_whoosh()
import newsarc.archive, newsarc.query.parse, newsarc.engine.whoosh
t3 = time.perf_counter()
from newsarc.archive import Archive
archive = Archive.open(sys.argv[1])
result = archive.search(sys.argv[2], limit=10)
t4 = time.perf_counter()
result = archive.search(sys.argv[2], limit=10)
t5 = time.perf_counter()
import io
from newsarc.cli import make_console
from newsarc.render.terminal import Printer, print_search
console = make_console("always"); console.file = io.StringIO()
print_search(Printer(console), result)
t6 = time.perf_counter()
print(t1 - t0, t2 - t1, t3 - t2, t4 - t3, (t5 - t4), t6 - t5)
"""


def profile_search(home: str, queries: list[str]) -> list[list[object]]:
    totals = [0.0] * 6
    env = {
        key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"
    }  # (see common.run)
    started = time.perf_counter()
    interpreter = subprocess.run([PYTHON, "-c", "pass"], check=True, env=env)
    bare = time.perf_counter() - started
    del interpreter
    for query in queries:
        out = subprocess.run(
            [PYTHON, "-c", SEARCH_PROBE, home, query],
            capture_output=True,
            text=True,
            check=True,
            env=env,
        ).stdout
        for i, value in enumerate(out.split()):
            totals[i] += float(value) / len(queries)
    labels = [
        "import click + newsarc.cli",
        "import rich + renderer",
        "import whoosh + archive/search/index (+ normalize)",
        "Archive.search: open the index, parse (with spelling variants), score every match, "
        "highlights and snippets of 10",
        "the same search again (warm)",
        "render a highlighted top 10 with rich",
    ]
    rows = [["python itself (python -c pass)", f"{bare * 1000:.0f} ms"]]
    rows += [[label, f"{seconds * 1000:.0f} ms"] for label, seconds in zip(labels, totals)]
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--archive", default=str(OUT / "archive-ant"))
    args = parser.parse_args()
    require(ant_path())
    table(
        f"profile: newsarc add of {args.articles} ANT articles, CPU by stage ({stamp()})",
        ["stage", "CPU s", "share"],
        profile_add(args.articles),
        notes=["Everything runs in one process, as `add` does."],
    )
    if (OUT / "archive-ant" / "index").is_dir() or args.archive != str(OUT / "archive-ant"):
        queries = ["سوريا", "كأس العالم", '"الأمم المتحدة"', "إيران source:bbc-arabic", "ميسي"]
        table(
            f"profile: one newsarc search, a fresh process, mean of {len(queries)} queries "
            f"({stamp()})",
            ["step", "wall"],
            profile_search(args.archive, queries),
        )


if __name__ == "__main__":
    sys.exit(main())
