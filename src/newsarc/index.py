"""The Whoosh index: schema, opening and creating, and turning Articles into documents.

The index is derived from corpus/ and disposable. A small JSON file inside it records the
schema and analyzer version, so an index built by another version is refused with a
pointer to `newsarc reindex` instead of silently mixing old and new terms.

`index/` holds one or more complete Whoosh indexes in subdirectories and a pointer file,
`index/CURRENT`, naming the one in use. A rebuild writes a new subdirectory and then
replaces the pointer in one atomic rename, so a reader (or a crash) always finds either
the old index or the new one, never none. An archive made before the pointer existed has
its Whoosh files directly in `index/`; that layout is still read, and the next rebuild
replaces it.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import math
import os
import re
import shutil
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from types import EllipsisType
from typing import TYPE_CHECKING

from whoosh import index as whoosh_index
from whoosh.fields import DATETIME, ID, STORED, TEXT, Schema

from newsarc import (
    compact_postings,  # noqa: F401  (the block format of schema 4, before any index is opened)
    whoosh_patches,  # noqa: F401  (fixes applied before any index is opened)
)
from newsarc.analysis import ANALYZER_VERSION, exact_analyzer
from newsarc.errors import ArchiveError
from newsarc.fsio import atomic_write, fsync_directory
from newsarc.model import Article

if TYPE_CHECKING:
    from newsarc.dedup import Sketch

INDEX_DIR = "index"
POINTER_FILE = "CURRENT"
_GENERATION_NAME = re.compile(r"^ix-[0-9A-Za-z-]{1,64}$")
VERSION_FILE = "newsarc-index.json"
# 2: place, story and sketch fields; sortable date (near-duplicate stories, date filters).
# 3: `body` without positions (phrases are matched in `exact` and `title`); titles not
#    stored (results are shown from corpus/); postings of one-document terms inlined in
#    the term dictionary (W3Codec inlinelimit); segments merged by size tiers.
# 4: title, body and exact are newsarc.fields.ArabicTextField: the same terms, indexed
#    without Token objects (each text analyzed once), positions stored compactly;
#    posting blocks and inlined postings packed as arrays (newsarc.compact_postings).
SCHEMA_VERSION = 4
INDEX_NAME = "articles"

# Fields a query may name with `field:`; the rest are internal.
QUERY_FIELDS = ("title", "source", "place")
EXACT_FIELD = "exact"  # normalized, unstemmed: title and text
BODY_FIELDS = ("title", "body", EXACT_FIELD)
# Query-time weights (BM25F per field), tuned in bench/: when all words must match, every
# result holds them in some form, and the form as typed should rank first (ANT known-item
# queries: exact 2.0 finds 99.9% of targets, 0.25 only 95.9%); when any word may match,
# holding more of the words must count most (Qur'an QA train+dev MAP@10: 0.197 at exact
# 0.25, 0.180 at 2.0).
FIELD_BOOSTS = {"exact": 2.0, "title": 1.5, "body": 1.0}
ANY_WORD_FIELD_BOOSTS = {"exact": 0.25, "title": 1.5, "body": 1.0}
# Fields with word positions, where a "phrase" can match. `body` (stemmed) has none: its
# positions cost 13% of the index and 18% of the time to build it (bench/), and phrases
# belong to the exact, unstemmed words (DESIGN.md §4.8).
PHRASE_FIELDS = ("title", "exact")


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


def article_document(article: Article, path: str, sketch: Sketch | None | EllipsisType = ...) -> dict[str, object]:
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


def read_sketches(reader) -> Iterator[tuple[Sketch, str, str]]:  # type: ignore[no-untyped-def]
    """(sketch, article id, story id) of every indexed article, from the lexicon."""
    from newsarc import dedup

    for term in reader.lexicon("sketch"):
        text, article_id, story = term.decode("utf-8").split(" ")
        yield dedup.Sketch.from_text(text), article_id, story


def stories_file(directory: Path, generation: int | str) -> Path:
    """Where the story index (dedup.StoryIndex) of a commit of the index in `directory`
    is saved: a cache for `add`, rebuilt from the `sketch` terms when missing."""
    return directory / f"newsarc-stories-{generation}.bin"


def version_info() -> dict[str, object]:
    return {"schema": SCHEMA_VERSION, "analyzer": ANALYZER_VERSION}


def create_index(directory: Path):  # type: ignore[no-untyped-def]
    """A new, empty index in `directory`: the version file first, so that a crash in
    between leaves no index that lacks one."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / VERSION_FILE).write_text(json.dumps(version_info()) + "\n", encoding="utf-8")
    return whoosh_index.create_in(str(directory), make_schema(), indexname=INDEX_NAME)


def empty_index():  # type: ignore[no-untyped-def]
    """An empty index in memory: what an archive without articles is searched with."""
    from whoosh.filedb.filestore import RamStorage

    return RamStorage().create_index(make_schema(), indexname=INDEX_NAME)


# -- which index is current ---------------------------------------------------------


def current_index_dir(container: Path) -> Path:
    """The directory of the index in use: the one `index/CURRENT` names, else (an archive
    from before the pointer) `index/` itself."""
    try:
        name = (container / POINTER_FILE).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return container
    except (OSError, UnicodeDecodeError) as exc:
        raise ArchiveError(
            f"the index pointer {container / POINTER_FILE} cannot be read ({exc})",
            hint="run `newsarc reindex` to rebuild the index from corpus/",
        ) from None
    if not _GENERATION_NAME.match(name):
        raise ArchiveError(
            f"the index pointer {container / POINTER_FILE} is damaged",
            hint="run `newsarc reindex` to rebuild the index from corpus/",
        )
    return container / name


def new_index_dir(container: Path) -> Path:
    """A fresh directory name for an index being built; not visible to readers until published."""
    import secrets  # (imported here: hashlib is 2-3 ms of every search's start-up)

    stamp = time.strftime("%Y%m%d%H%M%S", time.gmtime())
    return container / f"ix-{stamp}-{os.getpid()}-{secrets.token_hex(3)}"


def publish_index(container: Path, directory: Path) -> None:
    """Make `directory` the index in use, in one atomic, durable step."""
    fsync_directory(directory)
    atomic_write(container / POINTER_FILE, (directory.name + "\n").encode("ascii"))
    fsync_directory(container)


def remove_unused_indexes(container: Path) -> list[str]:
    """Delete everything in `index/` but the pointer and the index it names: indexes that
    a rebuild replaced or a killed rebuild left half-built, and the files of the old
    single-directory layout. Call only while holding the writer lock; a reader still
    using a deleted index retries with the current one. Returns what was removed."""
    if not (container / POINTER_FILE).is_file():
        return []
    keep = {POINTER_FILE, current_index_dir(container).name}
    removed = []
    for entry in sorted(os.listdir(container)):
        if entry in keep:
            continue
        path = container / entry
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            try:
                path.unlink()
            except OSError:
                continue
        removed.append(entry)
    return removed


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
            f"the index in {directory} has no {VERSION_FILE}: it is damaged or was not made by newsarc",
            hint="run `newsarc reindex` to rebuild it from corpus/",
        ) from None
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


def open_writer(ix, *, limitmb: int = 256, procs: int = 1):  # type: ignore[no-untyped-def]
    """A writer for `ix` with newsarc's codec (inlined postings) and merge policy (size
    tiers): with procs > 1, one that indexes in that many processes (newsarc.parallel).
    `limitmb` is the memory for postings, in all processes together."""
    if procs > 1:
        from newsarc.parallel import ParallelWriter

        writer = ParallelWriter(ix, procs=procs, limitmb=limitmb, codec=make_codec())
    else:
        writer = ix.writer(limitmb=limitmb, codec=make_codec())
    writer.mergetype = merge_policy  # used by commit() unless told otherwise
    return writer
