"""newsarc's Whoosh codec: W3's file format, with compact postings, for newsarc's indexes only.

Whoosh pickles each segment, and the codec it was written with, into the index's table of
contents, so an index names its own format (as a Lucene index names its codec): segments
written by `NewsarcCodec` are read back by it, and any other Whoosh index in the same
process is read and written by Whoosh's own classes, untouched. (Before schema 5 these
changes were patched into Whoosh's classes at import, for every index in the process;
newsarc.engine.whoosh_index.SCHEMA_VERSION records the change.) The import paths of
`NewsarcCodec` and `NewsarcSegment` are pickled into indexes: keep them.

What differs from W3, each a subclass where W3 hard-codes its own classes:

1. Compact posting blocks (newsarc.engine.packing): a block of postings, and the postings
   inlined in the term dictionary, are packed arrays instead of pickles; on ANT the
   postings and term files shrink by about a third, and building them is faster. Blocks
   written by Whoosh's own W3 (pickles) still read.
2. Postings of rare terms inlined into the term dictionary (`inlinelimit`): W3's writer
   calls `W3TermInfo.set_inline`, a method that does not exist (it is `set_inlined`), so
   upstream only inlinelimit=1 ("never") works; `CompactTermInfo` has it. Inlined
   postings are read through a ListMatcher which, for fields whose postings carry no
   value (ID fields: `id`, `hash`), yields no items from all_items() and '' (str) from
   value(): merging such segments dropped or choked on them. `InlinedMatcher` gives b""
   per posting, as every other matcher.
3. No copy of the segment on open: Whoosh memory-maps a segment and hands each part of it
   out as a `BufferFile`, whose constructor does `BytesIO(memoryview)`, a *copy* on Python
   3 (the ANT archive's 150 MB of postings, 160-280 ms of CPU per search). `NewsarcSegment`
   opens its compound file as `ViewStorage`, whose files read through a `ViewFile`.
4. Document lengths read once per field: BM25 needs each matching document's field
   length, and building a segment needs it for every posting; W3 reads it through a column
   reader one byte and several calls at a time (~10% of building the index, ~15% of
   scoring). `LengthsPerDocReader` reads the one-byte lengths column whole on first use.

tests/test_whoosh_codec.py checks each against upstream behaviour.
"""

from __future__ import annotations

import zlib
from typing import Any

from whoosh import columns
from whoosh.codec import whoosh3
from whoosh.codec.whoosh3 import (
    LENGTHS_COLUMN,
    W3Codec,
    W3FieldCursor,
    W3FieldWriter,
    W3LeafMatcher,
    W3PerDocReader,
    W3PostingsWriter,
    W3Segment,
    W3TermInfo,
    W3TermsReader,
    _lenfield,
)
from whoosh.compat import dumps, loads
from whoosh.filedb.compound import CompoundStorage
from whoosh.filedb.structfile import BufferFile
from whoosh.matching.mcore import ListMatcher
from whoosh.reading import TermNotFound
from whoosh.util.numeric import byte_to_length, length_to_byte

from newsarc.engine.packing import MAGIC, decode_block, encode_block

# -- 1 and 2: compact blocks, inlined postings ---------------------------------------------


class CompactTermInfo(W3TermInfo):
    """W3's term info, with inlined postings packed (encode_block) and `set_inline`."""

    def set_inline(self, ids, weights, values) -> None:
        # W3PostingsWriter.finish_postings calls set_inline; W3TermInfo names it set_inlined.
        self.set_inlined(ids, weights, values)

    def to_bytes(self) -> bytes:
        if not self.is_inlined():
            return super().to_bytes()
        minlength = 0 if self._minlength is None else length_to_byte(self._minlength)
        minid = 0xFFFFFFFF if self._minid is None else self._minid
        maxid = 0xFFFFFFFF if self._maxid is None else self._maxid
        info = self._struct.pack(
            True, self._weight, self._df, minlength, length_to_byte(self._maxlength),
            self._maxweight, minid, maxid,
        )
        ids, weights, values = self._inlined
        return info + encode_block(ids, tuple(weights), tuple(values))

    @classmethod
    def from_bytes(cls, data):
        size = cls._struct.size
        if data[:1] != b"\x00" and data[size : size + len(MAGIC)] == MAGIC:
            terminfo = super().from_bytes(data[:size] + _EMPTY_INLINE)
            ids, weights, values = decode_block(data[size:])
            terminfo._inlined = (ids, tuple(weights), values if values is not None else ())
            return terminfo
        return super().from_bytes(data)


_EMPTY_INLINE = dumps(((), (), ()), 2)


class CompactPostingsWriter(W3PostingsWriter):
    def _write_block(self, last: bool = False) -> None:
        # As W3PostingsWriter._write_block, with encode_block in place of the pickle.
        if self._byteids:  # term vectors (newsarc has none): Whoosh's own block
            super()._write_block(last)
            return
        if not self._blockcount:
            self._postfile.write(whoosh3.WHOOSH3_HEADER_MAGIC)
        self._terminfo.add_block(self)
        databytes = encode_block(self._mini_ids(), self._mini_weights(), self._mini_values())
        comp = self._compression
        if comp:
            databytes = zlib.compress(databytes, comp)
        ids = self._ids
        infobytes = dumps(
            (
                len(ids), ids[-1], self._maxweight, comp,
                length_to_byte(self._minlength), length_to_byte(self._maxlength),
            ),
            2,
        )
        blocklength = len(infobytes) + len(databytes)
        self._postfile.write_int(-blocklength if last else blocklength)
        self._postfile.write(infobytes)
        self._postfile.write(databytes)
        self._blockcount += 1
        self._new_block()


class CompactLeafMatcher(W3LeafMatcher):
    def _read_data(self) -> None:
        data = self._postfile.get(self._dataoffset, self._nextoffset - self._dataoffset)
        if self._compression:
            data = zlib.decompress(data)
        self._data = decode_block(data) if data[: len(MAGIC)] == MAGIC else loads(data)


class InlinedMatcher(ListMatcher):
    """Inlined postings: one value per posting (b"" when the field keeps none), as the
    block matcher gives, where Whoosh's ListMatcher gives none or ''."""

    def value(self):
        value = super().value()
        return b"" if value == "" else value

    def all_items(self):
        if not self._values:  # None or ()
            return ((docnum, b"") for docnum in self._ids)
        return super().all_items()


class CompactFieldWriter(W3FieldWriter):
    def start_term(self, btext: bytes) -> None:
        if self._postwriter is None:
            raise Exception("Called start_term before start_field")
        self._btext = btext
        self._postwriter.start_postings(self._fieldobj.format, CompactTermInfo())


class CompactFieldCursor(W3FieldCursor):
    def term_info(self):
        if self._pos is None:
            return None
        return CompactTermInfo.from_bytes(self._tindex.dbfile.get(self._datapos, self._datalen))


class CompactTermsReader(W3TermsReader):
    def cursor(self, fieldname, fieldobj):
        return CompactFieldCursor(
            self._tindex, fieldname, self._keycoder, self._keydecoder, fieldobj
        )

    def items(self):
        return (
            (self._keydecoder(key), CompactTermInfo.from_bytes(value))
            for key, value in self._tindex.items()
        )

    def items_from(self, fieldname, prefix):
        start = self._keycoder(fieldname, prefix)
        return (
            (self._keydecoder(key), CompactTermInfo.from_bytes(value))
            for key, value in self._tindex.items_from(start)
        )

    def term_info(self, fieldname, tbytes):
        try:
            return CompactTermInfo.from_bytes(self._tindex[self._keycoder(fieldname, tbytes)])
        except KeyError:
            raise TermNotFound(f"No term {fieldname}:{tbytes!r}") from None


# -- 3: no copies of the segment ------------------------------------------------------------


class ViewFile:
    """A read-only file object over a memoryview (or bytes) that never copies it whole."""

    def __init__(self, view: Any) -> None:
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

    def __iter__(self):
        while True:
            line = self.readline()
            if not line:
                return
            yield line


class ViewBufferFile(BufferFile):
    """A BufferFile that reads its buffer through a ViewFile instead of copying it."""

    def __init__(self, buf, name=None, onclose=None) -> None:
        super().__init__(b"", name=name, onclose=onclose)
        self._buf = buf
        self.file = ViewFile(buf)

    def subset(self, position, length, name=None):
        return ViewBufferFile(self._buf[position : position + length], name=name or self._name)


class ViewStorage(CompoundStorage):
    """A segment's compound file whose parts are ViewBufferFiles over its memory map."""

    def open_file(self, name, *args, **kwargs):
        if self._source and not self.is_closed:
            offset, length = self.range(name)
            return ViewBufferFile(memoryview(self._source)[offset : offset + length], name=name)
        return super().open_file(name, *args, **kwargs)


class NewsarcSegment(W3Segment):
    def open_compound_file(self, storage):
        dbfile = storage.open_file(self.make_filename(self.COMPOUND_EXT))
        return ViewStorage(dbfile, use_mmap=storage.supports_mmap)


# -- 4: lengths read once -------------------------------------------------------------------

_LENGTHS: dict[int, int | None] = {code: byte_to_length(code) or None for code in range(256)}


class LengthsPerDocReader(W3PerDocReader):
    def __init__(self, storage, segment) -> None:
        super().__init__(storage, segment)
        self._length_bytes: dict[str, Any] = {}

    def _lengths(self, fieldname: str) -> Any:
        """The lengths column of a field as bytes (one per document), None for a field
        without one, False when it is not the one-byte column this reader understands."""
        column = self._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
        if column is None:
            return None
        if not isinstance(column, columns.NumericColumn.Reader) or column._fixedlen != 1:
            return False
        return column._dbfile.get(column._basepos, column._count)

    def doc_field_length(self, docnum, fieldname, default=0):
        try:
            lengths = self._length_bytes[fieldname]
        except KeyError:
            lengths = self._length_bytes[fieldname] = self._lengths(fieldname)
        if lengths is False:
            return super().doc_field_length(docnum, fieldname, default)
        if docnum > self._doccount:
            raise IndexError(f"Asked for docnum {docnum!r} of {self._doccount}")
        if lengths is None:
            return default
        # Beyond the stored bytes the column's default (0) applies; W3 returns None for 0.
        return _LENGTHS[lengths[docnum]] if docnum < len(lengths) else None


# -- the codec --------------------------------------------------------------------------


class NewsarcCodec(W3Codec):
    """W3 with compact postings, working inlined postings, no segment copies and lengths
    read once. Segments written with it name it in the index's table of contents."""

    def field_writer(self, storage, segment):
        return CompactFieldWriter(self, storage, segment)

    def postings_writer(self, dbfile, byteids=False):
        return CompactPostingsWriter(
            dbfile, blocklimit=self._blocklimit, byteids=byteids,
            compression=self._compression, inlinelimit=self._inlinelimit,
        )

    def postings_reader(self, dbfile, terminfo, format_, term=None, scorer=None):
        if terminfo.is_inlined():
            ids, weights, values = terminfo.inlined_postings()
            return InlinedMatcher(
                ids, weights, values, format_, scorer=scorer, term=term, terminfo=terminfo
            )
        offset, length = terminfo.extent()
        return CompactLeafMatcher(dbfile, offset, length, format_, term=term, scorer=scorer)

    def per_document_reader(self, storage, segment):
        return LengthsPerDocReader(storage, segment)

    def terms_reader(self, storage, segment):
        tiname = segment.make_filename(self.TERMS_EXT)
        return CompactTermsReader(
            self, storage.open_file(tiname), storage.file_length(tiname),
            segment.open_file(storage, self.POSTS_EXT),
        )

    def new_segment(self, storage, indexname):
        return NewsarcSegment(self, indexname)
