"""The Whoosh index: schema, opening and creating, and turning Articles into documents.

The index is derived from corpus/ and disposable. A small JSON file inside it records the
schema and analyzer version, so an index built by another version is refused with a
pointer to `newsarc reindex` instead of silently mixing old and new terms.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.fields import DATETIME, ID, STORED, TEXT, Schema

from newsarc import whoosh_patches  # noqa: F401  (fixes applied before any index is opened)
from newsarc.analysis import ANALYZER_VERSION, exact_analyzer, stemmed_analyzer
from newsarc.errors import ArchiveError
from newsarc.model import Article

INDEX_DIR = "index"
VERSION_FILE = "newsarc-index.json"
# 2: `body` without positions (phrases are matched in `exact` and `title`); titles not
#    stored (results are shown from corpus/); rare terms' postings inlined.
SCHEMA_VERSION = 2
INDEX_NAME = "articles"

# Fields a query may name with `field:`; the rest are internal.
QUERY_FIELDS = ("title", "source")
BODY_FIELDS = ("title", "body", "exact")
FIELD_BOOSTS = {"exact": 2.0, "title": 1.5, "body": 1.0}
# Fields with word positions, where a "phrase" can match. `body` (stemmed) has none: its
# positions cost 13% of the index and 18% of the time to build it (bench/), and phrases
# belong to the exact, unstemmed words (DESIGN.md §4.8).
PHRASE_FIELDS = ("title", "exact")


def make_schema() -> Schema:
    stemmed = stemmed_analyzer()
    exact = exact_analyzer()
    return Schema(
        id=ID(stored=True, unique=True),
        path=STORED(),
        hash=ID(),
        title=TEXT(analyzer=stemmed, phrase=True),  # shown from corpus/, not stored
        body=TEXT(analyzer=stemmed, phrase=False),
        exact=TEXT(analyzer=exact, phrase=True),
        # Display name and slug as words, so `source:العرب` and `source:sky-news` both match.
        source=TEXT(analyzer=exact, phrase=True),
        source_slug=ID(),
        source_name=ID(stored=True),
        date=DATETIME(stored=True),
        day=ID(),  # "YYYY-MM-DD": sorted lexicon gives the date span without a scan
    )


def article_document(article: Article, path: str) -> dict[str, object]:
    document: dict[str, object] = {
        "id": article.id,
        "path": path,
        "hash": article.content_hash,
        "body": article.text,
        "exact": article.text,
    }
    if article.title:
        document["title"] = article.title
    if article.source:
        document["source"] = f"{article.source} {article.source_slug or ''}".strip()
        document["source_slug"] = article.source_slug or ""
        document["source_name"] = article.source
    if article.date:
        document["date"] = dt.datetime.combine(article.date, dt.time())
        document["day"] = article.date.isoformat()
    return document


def version_info() -> dict[str, object]:
    return {"schema": SCHEMA_VERSION, "analyzer": ANALYZER_VERSION}


def create_index(directory: Path):  # type: ignore[no-untyped-def]
    directory.mkdir(parents=True, exist_ok=True)
    ix = whoosh_index.create_in(str(directory), make_schema(), indexname=INDEX_NAME)
    (directory / VERSION_FILE).write_text(json.dumps(version_info()) + "\n", encoding="utf-8")
    return ix


def index_exists(directory: Path) -> bool:
    return directory.is_dir() and whoosh_index.exists_in(str(directory), indexname=INDEX_NAME)


def check_version(directory: Path) -> None:
    """Raise ArchiveError when the index was built by another schema or analyzer."""
    try:
        found = json.loads((directory / VERSION_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        found = None
    if found != version_info():
        built = f"schema {found.get('schema', '?')}, analyzer {found.get('analyzer', '?')}" if isinstance(found, dict) else "unknown"
        raise ArchiveError(
            f"the index was built by another version of newsarc ({built}; this one uses schema {SCHEMA_VERSION}, analyzer {ANALYZER_VERSION})",
            hint="run `newsarc reindex` to rebuild it from corpus/",
        )


def open_index(directory: Path):  # type: ignore[no-untyped-def]
    """Open an existing index for reading or writing, checking its version first."""
    if not index_exists(directory):
        raise ArchiveError(f"no index in {directory}", hint="run `newsarc reindex` to build it from corpus/")
    check_version(directory)
    try:
        return whoosh_index.open_dir(str(directory), indexname=INDEX_NAME, schema=make_schema())
    except Exception as exc:  # Whoosh raises many kinds on a damaged index
        raise ArchiveError(
            f"the index in {directory} cannot be opened ({type(exc).__name__}: {exc})",
            hint="run `newsarc reindex` to rebuild it from corpus/",
        ) from None


# -- writers ----------------------------------------------------------------------------


# Terms in fewer documents than this keep their postings in the term dictionary (see
# newsarc.whoosh_patches): 8% smaller index on ANT, same W3 format.
INLINE_LIMIT = 2


def make_codec():  # type: ignore[no-untyped-def]
    from whoosh.codec.whoosh3 import W3Codec

    return W3Codec(inlinelimit=INLINE_LIMIT)


# Segments of about the same size are merged once this many of them exist.
MERGE_FACTOR = 4


def merge_policy(writer, segments):  # type: ignore[no-untyped-def]
    """Merge segments by size tiers (powers of MERGE_FACTOR documents), as log-structured
    indexes do: every `add` makes a segment, and a daily add of 100 articles would
    otherwise leave one more segment each day (Whoosh's own MERGE_SMALL only merges
    segments of a few dozen documents), each of which every search opens and reads (a
    100-article segment takes ~2.5 MB, mostly its own term dictionary). A document is
    merged about log4(archive / batch) times in all; merges of small tiers are cheap.
    """
    from whoosh.reading import SegmentReader

    tiers: dict[int, list[object]] = {}
    for segment in segments:
        size = max(1, segment.doc_count_all())
        tiers.setdefault(int(math.log(size, MERGE_FACTOR)), []).append(segment)
    merging = [segment for group in tiers.values() if len(group) >= MERGE_FACTOR for segment in group]
    for segment in merging:
        reader = SegmentReader(writer.storage, writer.schema, segment)
        writer.add_reader(reader)
        reader.close()
    return [segment for segment in segments if segment not in merging]


def open_writer(ix, *, parallel: bool = False, limitmb: int = 256):  # type: ignore[no-untyped-def]
    """A writer for `ix`: one process, or several (newsarc.parallel) when `parallel` and
    the platform allows it. `limitmb` is the memory for postings in all processes together.
    """
    writer = None
    if parallel:
        from newsarc.parallel import PARALLEL_PROCS, ParallelWriter, can_write_in_parallel

        if can_write_in_parallel():
            writer = ParallelWriter(ix, procs=PARALLEL_PROCS, limitmb=limitmb, codec=make_codec())
    if writer is None:
        writer = ix.writer(limitmb=limitmb, codec=make_codec())
    writer.mergetype = merge_policy  # used by commit() unless told otherwise
    return writer
