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
   files are the ordinary W3 format.
"""

from __future__ import annotations

from whoosh.codec.whoosh3 import W3TermInfo
from whoosh.filedb.structfile import BufferFile


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
