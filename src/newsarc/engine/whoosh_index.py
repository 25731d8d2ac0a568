"""The Whoosh index: schema, opening and creating, and turning Articles into documents.

The index is derived from corpus/ and disposable. A small JSON file inside it records the
schema and analyzer version, so an index built by another version is refused with a
pointer to `newsarc reindex` instead of silently mixing old and new terms. Which index
directory is in use: newsarc.engine.directory.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import math
import os
import re
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from types import EllipsisType
from typing import TYPE_CHECKING

from whoosh import index as whoosh_index
from whoosh.fields import DATETIME, ID, STORED, TEXT, Schema

from newsarc.analysis import ANALYZER_VERSION, exact_analyzer
from newsarc.errors import ArchiveError
from newsarc.model import Article

if TYPE_CHECKING:
    from newsarc.dedup import Sketch

VERSION_FILE = "newsarc-index.json"
# 2: place, story and sketch fields; sortable date (near-duplicate stories, date filters).
# 3: `body` without positions (phrases are matched in `exact` and `title`); titles not
#    stored (results are shown from corpus/); postings of one-document terms inlined in
#    the term dictionary (W3Codec inlinelimit); segments merged by size tiers.
# 4: title, body and exact are newsarc.fields.ArabicTextField: the same terms, indexed
#    without Token objects (each text analyzed once), positions stored compactly;
#    posting blocks and inlined postings packed as arrays (then newsarc.compact_postings).
# 5: the same files, written by newsarc's own codec (newsarc.engine.whoosh_codec), which
#    each segment names, instead of Whoosh's W3 classes patched for the whole process:
#    schema 4 indexes name W3 and cannot be read without those patches.
SCHEMA_VERSION = 5
INDEX_NAME = "articles"

def make_schema() -> Schema:
    from newsarc.fields import ArabicTextField

    exact = exact_analyzer()
    return Schema(
        id=ID(stored=True, unique=True),
        path=STORED(),
        hash=ID(),
        title=ArabicTextField(stemmed=True, phrase=True),  # shown from corpus/, not stored
        body=ArabicTextField(stemmed=True, phrase=False),
        exact=ArabicTextField(stemmed=False, phrase=True),
        # Display name and slug as words, so `source:العرب` and `source:sky-news` both match.
        source=TEXT(analyzer=exact, phrase=True),
        source_slug=ID(),
        source_name=ID(stored=True),
        date=DATETIME(stored=True, sortable=True),  # sortable: --sort newest|oldest
        day=ID(),  # "YYYY-MM-DD": sorted lexicon gives the date span without a scan
        # The dateline's place as words: `place:دبي` and `place:الإمارات` both match.
        place=TEXT(analyzer=exact, phrase=True),
        # The story an article belongs to (its own id, or the first article it repeats).
        story=ID(stored=True, sortable=True),  # sortable: --collapse groups by it
        # "<sketch> <id> <story>" (dedup.py): read back from the lexicon when adding, to find
        # near-duplicates without loading stored fields.
        sketch=ID(),
    )


def article_document(
    article: Article, path: str, sketch: Sketch | None | EllipsisType = ...
) -> dict[str, object]:
    """The index document of an article. `sketch` is its dedup.Sketch (or None: too short)
    when the caller has it already (adding); by default it is computed here (reindexing)."""
    document: dict[str, object] = {
        "id": article.id,
        "path": path,
        "hash": article.content_hash,
        "body": article.text,
        "exact": article.text,
    }
    if article.title:
        document["title"] = article.title
        # The exact field holds every searchable word, so `--exact` searches titles too.
        document["exact"] = f"{article.title}\n{article.text}"
    if article.source:
        document["source"] = f"{article.source} {article.source_slug or ''}".strip()
        document["source_slug"] = article.source_slug or ""
        document["source_name"] = article.source
    if article.date:
        document["date"] = dt.datetime.combine(article.date, dt.time())
        document["day"] = article.date.isoformat()
    if article.place:
        document["place"] = article.place
    document["story"] = article.story_id
    from newsarc import dedup  # (imported here: a search needs none of it)

    value = dedup.sketch(article.text) if sketch is ... else sketch
    if isinstance(value, dedup.Sketch):
        document["sketch"] = f"{value.to_text()} {article.id} {article.story_id}"
    return document


def read_sketches(reader) -> Iterator[tuple[Sketch, str, str]]:
    """(sketch, article id, story id) of every indexed article, from the lexicon."""
    from newsarc import dedup

    for term in reader.lexicon("sketch"):
        text, article_id, story = term.decode("utf-8").split(" ")
        yield dedup.Sketch.from_text(text), article_id, story


def version_info() -> dict[str, object]:
    return {"schema": SCHEMA_VERSION, "analyzer": ANALYZER_VERSION}


def create_index(directory: Path):
    """A new, empty index in `directory`: the version file first, so that a crash in
    between leaves no index that lacks one."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / VERSION_FILE).write_text(json.dumps(version_info()) + "\n", encoding="utf-8")
    return whoosh_index.create_in(str(directory), make_schema(), indexname=INDEX_NAME)


def empty_index():
    """An empty index in memory: what an archive without articles is searched with."""
    from whoosh.filedb.filestore import RamStorage

    return RamStorage().create_index(make_schema(), indexname=INDEX_NAME)


def index_exists(directory: Path) -> bool:
    """Does `directory` hold a committed index (a table-of-contents file)? Opens nothing."""
    try:
        names = os.listdir(directory)
    except OSError:
        return False
    return any(_TOC_NAME.match(name) for name in names)


_TOC_NAME = re.compile(rf"^_{INDEX_NAME}_[0-9]+\.toc$")
# Opening an index reads its newest table of contents, which a commit in another process
# may replace (and delete) between listing and opening it: then try again, as Whoosh's own
# reader does. 10 × 50 ms covers the slowest commit seen by far.
_OPEN_ATTEMPTS = 10
_OPEN_RETRY_SECONDS = 0.05


def check_version(directory: Path) -> None:
    """Raise ArchiveError when the index was built by another schema or analyzer."""
    try:
        found = json.loads((directory / VERSION_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ArchiveError(
            f"the index in {directory} has no {VERSION_FILE}: "
            "it is damaged or was not made by newsarc",
            hint="run `newsarc reindex` to rebuild it from corpus/",
        ) from None
    except (OSError, ValueError):
        found = None
    if found != version_info():
        built = (
            f"schema {found.get('schema', '?')}, analyzer {found.get('analyzer', '?')}"
            if isinstance(found, dict)
            else "unknown"
        )
        raise ArchiveError(
            f"the index was built by another version of newsarc ({built}; "
            f"this one uses schema {SCHEMA_VERSION}, analyzer {ANALYZER_VERSION})",
            hint="run `newsarc reindex` to rebuild it from corpus/",
        )


def open_index(directory: Path):
    """Open an existing index for reading or writing, checking its version first."""
    if not index_exists(directory):
        raise ArchiveError(
            f"no index in {directory}", hint="run `newsarc reindex` to build it from corpus/"
        )
    check_version(directory)
    for attempt in range(1, _OPEN_ATTEMPTS + 1):
        try:
            return whoosh_index.open_dir(str(directory), indexname=INDEX_NAME, schema=make_schema())
        except FileNotFoundError as exc:
            if attempt < _OPEN_ATTEMPTS:
                time.sleep(_OPEN_RETRY_SECONDS)
                continue
            failure: Exception = exc
        except Exception as exc:  # Whoosh raises many kinds on a damaged index
            failure = exc
        forget_failure(failure)
        raise ArchiveError(
            f"the index in {directory} cannot be opened ({type(failure).__name__}: {failure})",
            hint="run `newsarc reindex` to rebuild it from corpus/",
        )
    raise AssertionError("unreachable")


def forget_failure(exc: BaseException) -> None:
    """Whoosh leaves files open when it fails half-way through reading a damaged index;
    they are referenced from the exception's traceback. Drop it and close them now, rather
    than warn about each at some later garbage collection."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        exc.__traceback__ = None
        exc.__context__ = None
        gc.collect()


# -- writers ----------------------------------------------------------------------------


# Terms in fewer documents than this keep their postings in the term dictionary (see
# newsarc.engine.whoosh_codec): 8% smaller index on ANT.
INLINE_LIMIT = 2


def make_codec():
    from newsarc.engine.whoosh_codec import NewsarcCodec

    return NewsarcCodec(inlinelimit=INLINE_LIMIT)


# Segments of about the same size are merged once this many of them exist.
MERGE_FACTOR = 4


def merge_policy(writer, segments):
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
    merging = [
        segment for group in tiers.values() if len(group) >= MERGE_FACTOR for segment in group
    ]
    for segment in merging:
        reader = SegmentReader(writer.storage, writer.schema, segment)
        writer.add_reader(reader)
        reader.close()
    return [segment for segment in segments if segment not in merging]


def open_writer(ix, *, limitmb: int = 256, procs: int = 1):
    """A writer for `ix` with newsarc's codec (inlined postings) and merge policy (size
    tiers): with procs > 1, one that indexes in that many processes (engine.whoosh_parallel).
    `limitmb` is the memory for postings, in all processes together."""
    if procs > 1:
        from newsarc.engine.whoosh_parallel import ParallelWriter

        writer = ParallelWriter(ix, procs=procs, limitmb=limitmb, codec=make_codec())
    else:
        writer = ix.writer(limitmb=limitmb, codec=make_codec())
    writer.mergetype = merge_policy  # used by commit() unless told otherwise
    return writer


# -- searching ---------------------------------------------------------------------------


def search_exactly(searcher, query, limit: int | None = 10, **options):
    """`searcher.search(query, limit=limit, **options)` with exact top hits and counts.

    Whoosh's TopCollector periodically "replaces" its matcher to skip documents it judges
    unable to reach the top, and with block-quality optimization counts matches in a
    second pass. On newsarc's queries the replacement skips real top hits and miscounts
    (tests/test_ranking.py; on ANT `إيران source:bbc-arabic` lost its best hit,
    `اليمن date:2018-03` counted 172 of 384). Here a TopCollector scores every match
    (replace=0, no block quality): exact, one pass, and as fast or up to 2x faster on ANT.
    """
    from whoosh.collectors import TopCollector

    collector = searcher.collector(limit=limit, optimize=False, **options)
    inner = collector
    while inner is not None:
        if isinstance(inner, TopCollector):
            inner.replace = 0
        inner = getattr(inner, "child", None)
    searcher.search_with_collector(query, collector)
    return collector.results()
