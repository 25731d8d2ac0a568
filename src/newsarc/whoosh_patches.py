"""Fixes to Whoosh 2.7 internals that cost newsarc most of its search time.

Imported by `newsarc.index` (the module through which every index is opened), so they
are in place before any index is read. Each fix keeps Whoosh's behaviour and file
format; tests/test_whoosh_patches.py checks them.

1. No copy of the segment on open. Whoosh memory-maps a segment file and hands each
   part of it (postings, terms, ...) out as a `BufferFile`, whose constructor does
   `BytesIO(memoryview)`: on Python 3 that *copies* the part. Opening a searcher on the
   ANT archive copied its 150 MB of postings, 160-280 ms of CPU per search. Here a
   BufferFile reads through a small file object over the memoryview instead.
"""

from __future__ import annotations

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
