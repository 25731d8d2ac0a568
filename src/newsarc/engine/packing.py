"""Compact posting blocks: the postings of a term packed as arrays instead of a pickle.

W3 writes the postings of a term in blocks of up to 128, each a zlib-compressed pickle
of (document number deltas, weights, values), and inlines the postings of rare terms in
the term dictionary as a pickle too. Pickle protocol 2 spends 2-5 bytes on a number, 9 on
each float weight, and about 12 on each value (a bytes object is pickled as a call to
`_codecs.encode` on a latin-1 string, itself written as UTF-8, so binary values grow by
half on top). Here the same three sequences are packed as little-endian arrays of the
narrowest integer type that holds them (weights too, when they are whole numbers, as
term frequencies are), then compressed as before: on ANT the postings and term files
shrink by about a third, and building them is faster.

A packed block starts with MAGIC, which no pickle does (protocol 2 starts with 0x80), so
the reader tells the two apart: what this writer wrote reads back exactly as Whoosh's
own pickles did, and Whoosh's own blocks still read. Pure functions, no Whoosh: the
codec that writes and reads them is newsarc.engine.whoosh_codec.
"""

from __future__ import annotations

import struct
import sys
from array import array

MAGIC = b"\x00nb1"
_BIG_ENDIAN = sys.byteorder == "big"
#: The array type code of 4-byte unsigned integers on this machine ("I" nearly everywhere).
UINT32 = next(code for code in "IL" if array(code).itemsize == 4)
_CODES = [(0xFF, "B"), (0xFFFF, "H"), (0xFFFFFFFF, UINT32)]
_WIDTH = {"B": 1, "H": 2, "I": 4, "L": 4}

# weights
_ALL_ONE, _ONE_VALUE, _WHOLE, _FLOATS = 0, 1, 2, 3
# values
_NO_VALUES, _FIXED, _VARIABLE = 0, 1, 2


def little_endian(values: array) -> array:
    """`values` in the byte order they are stored in (swapped in place on big-endian
    machines), both to write them and after reading them."""
    if _BIG_ENDIAN:
        values.byteswap()
    return values


def _pack_ints(numbers) -> bytes:
    """A type code byte and the numbers as the narrowest unsigned array that holds them."""
    largest = max(numbers, default=0)
    code = next(code for limit, code in _CODES if largest <= limit)
    return code.encode("ascii") + little_endian(array(code, numbers)).tobytes()


def _unpack_ints(data: memoryview, start: int, count: int) -> tuple[array, int]:
    code = chr(data[start])
    end = start + 1 + count * _WIDTH[code]
    packed = array(UINT32 if _WIDTH[code] == 4 else code)  # (written as "I" or "L")
    packed.frombytes(data[start + 1 : end])
    return little_endian(packed), end


def encode_block(ids, weights, values) -> bytes:
    """MAGIC + (ids, weights, values) as W3 minifies them: ids a sequence of ints;
    weights None (all 1.0), one float, or a sequence; values None, bytes (fixed-size
    values joined) or a sequence of bytes."""
    parts = [MAGIC, struct.pack("<I", len(ids)), _pack_ints(ids)]
    if weights is None:
        parts.append(bytes([_ALL_ONE]))
    elif isinstance(weights, float):
        parts.append(bytes([_ONE_VALUE]) + struct.pack("<d", weights))
    elif all(weight.is_integer() and 0 <= weight <= 0xFFFFFFFF for weight in weights):
        parts.append(bytes([_WHOLE]) + _pack_ints([int(weight) for weight in weights]))
    else:
        parts.append(bytes([_FLOATS]) + little_endian(array("f", weights)).tobytes())
    if values is None:
        parts.append(bytes([_NO_VALUES]))
    elif isinstance(values, bytes):
        parts.append(bytes([_FIXED]) + values)
    else:
        # (as many values as ids, or none: W3 keeps no empty values of inlined postings)
        parts.append(
            bytes([_VARIABLE])
            + struct.pack("<I", len(values))
            + _pack_ints([len(value) for value in values])
            + b"".join(values)
        )
    return b"".join(parts)


def decode_block(data: bytes):
    """The (ids, weights, values) that encode_block packed, as W3's reader expects them."""
    view = memoryview(data)
    (count,) = struct.unpack_from("<I", view, len(MAGIC))
    ids, at = _unpack_ints(view, len(MAGIC) + 4, count)
    kind = view[at]
    at += 1
    weights: object
    if kind == _ALL_ONE:
        weights = None
    elif kind == _ONE_VALUE:
        (weights,) = struct.unpack_from("<d", view, at)
        at += 8
    elif kind == _WHOLE:
        whole, at = _unpack_ints(view, at, count)
        weights = array("f", whole)
    else:
        floats = array("f")
        floats.frombytes(view[at : at + 4 * count])
        weights = little_endian(floats)
        at += 4 * count
    kind = view[at]
    at += 1
    values: object
    if kind == _NO_VALUES:
        values = None
    elif kind == _FIXED:
        values = bytes(view[at:])
    else:
        (number,) = struct.unpack_from("<I", view, at)
        lengths, at = _unpack_ints(view, at + 4, number)
        blob = bytes(view[at:])
        items, start = [], 0
        for length in lengths:
            items.append(blob[start : start + length])
            start += length
        values = tuple(items)
    return tuple(ids), weights, values
