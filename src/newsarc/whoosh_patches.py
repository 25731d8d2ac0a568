"""Fixes to Whoosh 2.7 internals that cost newsarc most of its search time.

Imported by `newsarc.index` (the module through which every index is opened), so they
are in place before any index is read. Each fix keeps Whoosh's behaviour and file
format; tests/test_whoosh_patches.py checks them.

1. No copy of the segment on open. Whoosh memory-maps a segment file and hands each
   part of it (postings, terms, ...) out as a `BufferFile`, whose constructor does
   `BytesIO(memoryview)`: on Python 3 that *copies* the part. Opening a searcher on the
   ANT archive copied its 150 MB of postings, 160-280 ms of CPU per search. Here a
   BufferFile reads through a small file object over the memoryview instead.

2. Postings of rare terms inlined into the term dictionary. `W3Codec(inlinelimit=N)`
   stores the postings of a term with fewer than N documents in its term info instead
   of a block of its own in the postings file (header, pickle, zlib stream: ~60 bytes
   even for one posting). Whoosh's reader supports it, but the writer calls
   `W3TermInfo.set_inline`, a method that does not exist (it is `set_inlined`), so
   only the default inlinelimit=1 ("never") works. The alias makes N > 1 work; the
   files are the ordinary W3 format. Inlined postings are read through a ListMatcher,
   which, for fields whose postings carry no value (ID fields: `id`, `hash`), yielded
   no items at all from all_items() and '' (str) from value(): merging such segments
   dropped or choked on them. Both now give b"" per posting, as every other matcher.

3. Document lengths read once per field. BM25 needs each matching document's field
   length, and building a segment needs it for every posting; Whoosh reads it through
   a column reader one byte and several calls at a time (~10% of building the index,
   ~15% of scoring). The lengths column holds one byte per document: it is read whole
   on first use (a few KB per 1,000 documents) and indexed directly, with the same
   result for every document number.
4. Exact top hits. Whoosh's TopCollector periodically "replaces" its matcher to skip
   documents it judges unable to reach the top, and with block-quality optimization
   counts matches in a second pass. On newsarc's queries the replacement skips real top
   hits and miscounts (tests/test_ranking.py; on ANT `إيران source:bbc-arabic` lost its
   best hit, `اليمن date:2018-03` counted 172 of 384). Every TopCollector now scores
   every match (replace=0, no block quality): exact, one pass, and as fast or up to 2x
   faster on ANT. This covers `searcher.search(...)` wherever it is called.
"""

from __future__ import annotations

from whoosh import columns
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3PerDocReader, W3TermInfo, _lenfield
from whoosh.collectors import TopCollector
from whoosh.filedb.structfile import BufferFile
from whoosh.matching.mcore import ListMatcher
from whoosh.util.numeric import byte_to_length


class ViewFile:
    """A read-only file object over a memoryview (or bytes) that never copies it whole."""

    def __init__(self, view) -> None:  # type: ignore[no-untyped-def]
        self._view = view
        self._pos = 0

    def read(self, size: int | None = -1) -> bytes:
        length = len(self._view)
        end = length if size is None or size < 0 else min(self._pos + size, length)
        start = min(self._pos, length)
        self._pos = max(end, start)
        return bytes(self._view[start:end])

    def readline(self, size: int | None = -1) -> bytes:
        length = len(self._view)
        limit = length if size is None or size < 0 else min(length, self._pos + size)
        start = min(self._pos, length)
        end = start
        while end < limit:
            end += 1
            if self._view[end - 1] == 0x0A:
                break
        self._pos = end
        return bytes(self._view[start:end])

    def seek(self, offset: int, whence: int = 0) -> int:
        if whence == 1:
            offset += self._pos
        elif whence == 2:
            offset += len(self._view)
        if offset < 0:
            raise ValueError(f"negative seek position {offset}")
        self._pos = offset
        return offset

    def tell(self) -> int:
        return self._pos

    def flush(self) -> None:
        pass

    def close(self) -> None:
        pass  # the memoryview belongs to the segment's mmap, closed with it

    def __iter__(self):  # type: ignore[no-untyped-def]
        while True:
            line = self.readline()
            if not line:
                return
            yield line


_original_init = BufferFile.__init__


def _buffer_file_init(self, buf, name=None, onclose=None):  # type: ignore[no-untyped-def]
    _original_init(self, b"", name=name, onclose=onclose)
    self._buf = buf
    self.file = ViewFile(buf)


if not getattr(BufferFile, "_newsarc_no_copy", False):
    BufferFile.__init__ = _buffer_file_init
    BufferFile._newsarc_no_copy = True


if not hasattr(W3TermInfo, "set_inline"):
    W3TermInfo.set_inline = W3TermInfo.set_inlined

_original_list_value = ListMatcher.value
_original_list_all_items = ListMatcher.all_items


def _list_value(self):  # type: ignore[no-untyped-def]
    value = _original_list_value(self)
    return b"" if value == "" else value


def _list_all_items(self):  # type: ignore[no-untyped-def]
    if not self._values:  # None or (): one empty value per posting, not none at all
        return ((docnum, b"") for docnum in self._ids)
    return _original_list_all_items(self)


if not getattr(ListMatcher, "_newsarc_values_patch", False):
    ListMatcher.value = _list_value
    ListMatcher.all_items = _list_all_items
    ListMatcher._newsarc_values_patch = True


_original_doc_field_length = W3PerDocReader.doc_field_length
_LENGTHS: dict[int, int | None] = {code: byte_to_length(code) or None for code in range(256)}


def _length_bytes(reader, fieldname):  # type: ignore[no-untyped-def]
    """The lengths column of a field as bytes (one per document), or None for a field
    without one, or False when it is not the one-byte column this patch understands."""
    column = reader._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
    if column is None:
        return None
    if not isinstance(column, columns.NumericColumn.Reader) or column._fixedlen != 1:
        return False
    return column._dbfile.get(column._basepos, column._count)


def _doc_field_length(self, docnum, fieldname, default=0):  # type: ignore[no-untyped-def]
    cache = self.__dict__.setdefault("_newsarc_lengths", {})
    try:
        lengths = cache[fieldname]
    except KeyError:
        lengths = cache[fieldname] = _length_bytes(self, fieldname)
    if lengths is False:
        return _original_doc_field_length(self, docnum, fieldname, default)
    if docnum > self._doccount:
        raise IndexError(f"Asked for docnum {docnum!r} of {self._doccount}")
    if lengths is None:
        return default
    # Beyond the stored bytes the column's default (0) applies; Whoosh returns None for 0.
    return _LENGTHS[lengths[docnum]] if docnum < len(lengths) else None


if not getattr(W3PerDocReader, "_newsarc_lengths_patch", False):
    W3PerDocReader.doc_field_length = _doc_field_length
    W3PerDocReader._newsarc_lengths_patch = True


_original_top_init = TopCollector.__init__


def _top_collector_init(self, limit=10, usequality=True, **kwargs):  # type: ignore[no-untyped-def]
    kwargs["replace"] = 0
    _original_top_init(self, limit=limit, usequality=False, **kwargs)


if not getattr(TopCollector, "_newsarc_exact_patch", False):
    TopCollector.__init__ = _top_collector_init
    TopCollector._newsarc_exact_patch = True
