"""Input files → `Article`s: expands paths, reads plain text, JSON Lines and TREC-style
`<DOC>` files, and finds each article's id, source, title, date and dateline. Nothing here
writes to the archive.

An article's date comes from, in order: `--date`; the input's own date field (JSON `date`,
TREC `<TIME>`); a date in header position in the text (datelines.find_header_date: a date line
or a dateline, never a date mentioned in the story); a date in the file name; else none —
it is never guessed. `Article.date_rule` records which (`option:iso`, `json:rfc2822`,
`trec:iso`, `header:month-name:levantine`, `filename`), and an unreadable date field is
reported in `Article.notes`, not fatal.

Every format turns each of its records into a `RawRecord` (the text as decoded, the
record's own fields, where it came from), and one function, `make_article`, turns every
record into an `Article`: the source (`--source`, else the record's field, else the plain
text file's folder; a closing line only for standard input), the signature or sign-off and
the headline (layout.py), the byline and dateline (datelines.py), the date.

Every input article comes out as either an `Article` or a failed `AddOutcome` saying what
and where, so one bad file or line never stops the others.
"""

from __future__ import annotations

import codecs
import contextlib
import datetime as dt
import gzip
import hashlib
import io
import itertools
import json
import os
import re
import stat
import sys
import unicodedata
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from newsarc.datelines import Dateline, parse_byline
from newsarc.decode import (
    Decoded,
    canonical_text,
    decode_bytes,
    decode_character_references,
    strip_controls,
)
from newsarc.errors import InputError
from newsarc.model import AddOutcome, Article
from newsarc.normalize import MAX_SLUG_BYTES, normalize_arabic, source_slug  # noqa: F401 (re-exported)

STDIN = "-"
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson")
# Files a directory walk skips: not articles, or hidden.
_SKIPPED_NAMES = re.compile(
    r"^\.|~$|\.(?:bak|swp|tmp|pyc|json|md|gz|zip|pdf|docx?|png|jpe?g)$", re.I
)

MAX_ID_LENGTH = 128
# Ids and source slugs become file and folder names: most file systems allow 255 bytes a
# name, some (eCryptfs) 143. Arabic letters take two bytes each in UTF-8.
MAX_ID_BYTES = 140
_SAFE_ID = re.compile(r"^[^\W_][\w.\-]*$")

# One article's text, in UTF-8. Longer "articles" are whole dumps or books: indexing and
# highlighting them takes minutes and hundreds of MB (measured: 32 MB, 27 s to add,
# 49 s for one search hit), so they are refused with a hint instead.
MAX_ARTICLE_BYTES = 4 * 1024 * 1024
_MAX_TEXT_FILE_BYTES = 2 * MAX_ARTICLE_BYTES + 4  # UTF-16 takes twice the bytes of Arabic UTF-8
_MAX_JSONL_LINE_BYTES = 8 * MAX_ARTICLE_BYTES  # a JSON escape takes 6 bytes a character
_MAX_WHOLE_JSONL_BYTES = 64 * MAX_ARTICLE_BYTES  # UTF-16 JSON Lines, read whole



@dataclass(frozen=True)
class ReadOptions:
    """What the user said on the command line, which wins over what the files say."""

    source: str | None = None
    title: str | None = None
    date: str | None = None
    encoding: str | None = None
    format: str = "auto"  # auto | text | jsonl | trec
    # Sources the archive already holds: a closing line naming one is a signature.
    known_sources: tuple[str, ...] = ()


Read = Article | AddOutcome


class Inputs(list[str]):
    """The input files of an `add`, in order, and what the walk left out on purpose:
    `outside`, symbolic links to outside their input folder (followed only with `follow`),
    and `loops`, links back to a folder already walked. Each is listed once."""

    def __init__(self) -> None:
        super().__init__()
        self.outside: list[str] = []
        self.loops: list[str] = []


def expand_paths(paths: Iterable[str], follow: bool = False) -> Inputs:
    """Input paths in a stable order: files as given, directories walked recursively.

    Inside a directory, a symbolic link to outside it is not followed unless `follow` (as
    `rg -L`, `find -L`): a link in a folder of articles to /etc/passwd or to `..` is not an
    article. A path given by name is always read. A missing path raises InputError before
    anything is read, so a mistyped command adds nothing at all.
    """
    expanded = Inputs()
    for raw in paths:
        if raw == STDIN:
            expanded.append(STDIN)
            continue
        path = Path(raw)
        if path.is_dir():
            _walk(path, expanded, follow)
        elif path.exists():
            expanded.append(raw)
        else:
            raise InputError(f"{raw}: no such file or directory")
    return expanded


def _walk(root: Path, found: Inputs, follow: bool) -> None:
    inside = os.path.realpath(root)
    seen_dirs: set[tuple[int, int]] = set()
    seen_files: set[tuple[int, int]] = set()  # a file reached by a link too is read once

    def leaves_root(path: str) -> bool:
        if follow or not os.path.islink(path):
            return False
        target = os.path.realpath(path)
        return target != inside and not target.startswith(inside.rstrip(os.sep) + os.sep)

    for directory, subdirs, files in os.walk(root, followlinks=True):
        info = os.stat(directory)
        key = (info.st_dev, info.st_ino)
        if key in seen_dirs:  # a link back to a folder already walked: walk each once
            found.loops.append(directory)
            subdirs[:] = []
            continue
        seen_dirs.add(key)
        kept = []
        for name in sorted(d for d in subdirs if not d.startswith(".")):
            if leaves_root(os.path.join(directory, name)):
                found.outside.append(os.path.join(directory, name))
            else:
                kept.append(name)
        subdirs[:] = kept
        for name in sorted(files):
            path = os.path.join(directory, name)
            keep_jsonl = name.lower().endswith(JSONL_SUFFIXES)
            if not (keep_jsonl or not _SKIPPED_NAMES.search(name)) or not _walkable(path):
                continue
            if leaves_root(path):
                found.outside.append(path)
                continue
            try:
                info = os.stat(path)
            except OSError:  # a dangling link inside the folder: reported when read
                found.append(path)
                continue
            if (info.st_dev, info.st_ino) not in seen_files:
                seen_files.add((info.st_dev, info.st_ino))
                found.append(path)


def _walkable(path: str) -> bool:
    """Regular files, and links that cannot be followed (reported when read). Pipes,
    sockets and devices in a folder are skipped: reading one could block forever."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return True


def display_path(path: str) -> str:
    """A path as shown to people and stored as an article's origin: `stdin` for `-`, and a
    file name that is not UTF-8 with U+FFFD for its bad bytes."""
    if path == STDIN:
        return "stdin"
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def read_inputs(
    paths: Iterable[str], options: ReadOptions, stdin: io.BufferedIOBase | None = None
) -> Iterator[Read]:
    """Read every article of every input path, in order.

    JSON Lines are read a line at a time and TREC files a document at a time, so their
    size is not limited by memory; a plain text file is one article, read whole up to
    MAX_ARTICLE_BYTES.
    """
    for path in paths:
        where = display_path(path)
        last = None  # the origin of the last record read, for errors part-way through
        try:
            with _open_input(path, stdin) as stream:
                first = stream.readline(_MAX_JSONL_LINE_BYTES + 1)
                if _is_jsonl(path, first, options):
                    if _needs_whole_file(first, options):  # UTF-16: lines are not split at b"\n"
                        data = first + _read_capped(
                            stream, _MAX_WHOLE_JSONL_BYTES - len(first), where
                        )
                        yield from read_jsonl(data, path, options)
                        continue
                    for item in _read_jsonl_lines(_lines(stream, first), where, options):
                        last = item.origin
                        yield item
                    continue
                if _is_trec(first, options) and not _needs_whole_file(first, options):
                    head = first + stream.read(_TREC_SAMPLE_BYTES)
                    encoding = _trec_encoding(head, options, where)
                    for item in read_trec_stream(
                        _trec_documents(stream, head), path, options, encoding
                    ):
                        last = item.origin
                        yield item
                    continue
                data = first + _read_capped(stream, _MAX_TEXT_FILE_BYTES - len(first), where)
                if _is_trec(data, options):
                    yield from read_trec(data, path, options)
                    continue
                yield _outcome(where, read_text_article, data, path, options)
        except InputError as exc:
            yield AddOutcome("failed", where, message=exc.message)
        except (OSError, EOFError, zlib.error) as exc:
            after = f" after {last}" if last else ""
            if isinstance(exc, (EOFError, zlib.error, gzip.BadGzipFile)):
                message = f"{where}: not a valid gzip file{after} ({exc or type(exc).__name__})"
            else:
                message = f"{where}: cannot read{after} ({exc.strerror or exc})"
            yield AddOutcome("failed", where, message=message)


def _outcome(origin: str, make: Callable[..., Article], *args: object) -> Read:
    """make(*args), or a failed outcome saying why at `origin`."""
    try:
        return make(*args)
    except InputError as exc:
        return AddOutcome("failed", origin, message=exc.message)


def _open_input(
    path: str, stdin: io.BufferedIOBase | None
) -> contextlib.AbstractContextManager[BinaryIO]:
    if path == STDIN:
        return contextlib.nullcontext(stdin if stdin is not None else sys.stdin.buffer)  # type: ignore[arg-type]
    if path.lower().endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return open(path, "rb")


def _read_capped(stream: BinaryIO, limit: int, where: str) -> bytes:
    data = stream.read(max(limit, 0) + 1)
    if len(data) > limit:
        raise InputError(
            f"{where}: too long for one article "
            f"(more than {_megabytes(MAX_ARTICLE_BYTES)} of text)",
            hint="split it into one file per article, or into JSON Lines with one article a line",
        )
    return data


def _megabytes(count: int) -> str:
    return f"{count / (1024 * 1024):.1f} MB"


class _TooLong(bytes):
    """A line longer than _MAX_JSONL_LINE_BYTES: its first bytes only; the rest was skipped."""


def _lines(stream: BinaryIO, first: bytes = b"") -> Iterator[bytes]:
    """Lines of at most _MAX_JSONL_LINE_BYTES; a longer one comes as one _TooLong (its
    remainder read and dropped), so that the lines after it keep their numbers."""
    line = first
    while line:
        if len(line) > _MAX_JSONL_LINE_BYTES and not line.endswith(b"\n"):
            while True:  # skip to the end of this line, a block at a time
                rest = stream.readline(_MAX_JSONL_LINE_BYTES)
                if not rest or rest.endswith(b"\n"):
                    break
            line = _TooLong(line[:64])
        yield line
        line = stream.readline(_MAX_JSONL_LINE_BYTES + 1)


def _needs_whole_file(first: bytes, options: ReadOptions) -> bool:
    """UTF-16 (a BOM, or NUL in every other byte) cannot be split into lines at b"\\n"."""
    if (
        first.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
        or first.count(0) * 4 >= len(first) > 1
    ):
        return True
    if options.encoding:
        try:
            return codecs.lookup(options.encoding).name.startswith(("utf-16", "utf-32"))
        except LookupError:
            return True  # decoding it whole reports the unknown encoding once
    return False


def _is_jsonl(path: str, first_line: bytes, options: ReadOptions) -> bool:
    if options.format != "auto":
        return options.format == "jsonl"
    lowered = path.lower()
    if lowered.endswith(JSONL_SUFFIXES):
        return True
    if path == STDIN:  # sniff: a first line that is a JSON object with a "text" field
        line = first_line.removeprefix(codecs.BOM_UTF8).strip()
        if line.startswith(b"{"):
            try:
                record = json.loads(line)
            except ValueError:
                return False
            return isinstance(record, dict) and "text" in record
    return False


def _is_trec(data: bytes, options: ReadOptions) -> bool:
    if options.format != "auto":
        return options.format == "trec"
    from newsarc.trec import looks_like_trec

    return looks_like_trec(data)


# --------------------------------------------------------------------------- one pipeline


@dataclass(frozen=True)
class RawRecord:
    """One input article before any decision: its text as decoded, what the input's own
    fields say (JSON keys, TREC tags), and where it came from. Every format turns into
    these, and make_article turns each into an Article: one pipeline."""

    text: str
    origin: str  # for messages and the stored origin: a path, `path:LINE`, `stdin`
    kind: str  # "text" | "json" | "trec": named in rules (`json:rfc2822`, `trec:…`)
    encoding: str
    encoding_rule: str
    path: str | None = None  # the input file (None: stdin): its folder and name may date or name it
    title: str | None = None
    source: str | None = None
    date: str | None = None
    url: str | None = None
    author: str | None = None
    input_id: str | None = None
    notes: tuple[str, ...] = ()


_FIELD_LABELS = {"json": 'the "date" field', "trec": "<TIME>"}


def make_article(record: RawRecord, options: ReadOptions) -> Article:
    """A raw record → an Article: canonical text, source, signature, title, byline and
    dateline, date, id. Raises InputError for a record that holds no article."""
    from newsarc.decode import refuse_question_marks
    from newsarc.layout import closing_line, find_byline, take_title

    where = record.origin
    text = canonical_text(record.text)
    if not _has_words(text):
        raise InputError(_EMPTY[record.kind].format(where=where))
    _check_length(text, where)
    refuse_question_marks(text, where)
    folder = _folder_source(record.path) if record.kind == "text" and record.path else None
    given = options.source or clean_metadata(record.source or "") or folder or None
    sources = tuple(s for s in (options.source, record.source, folder, *options.known_sources) if s)
    closing = closing_line(text, sources)
    text = closing.text
    if not _has_words(text):
        raise InputError(f"{where}: no article text besides the signature line")
    source = given or closing.signature
    name = None if record.path in (None, STDIN) else record.path
    dated = resolve_date(
        text,
        option=options.date,
        field=record.date,
        field_origin=record.kind,
        field_label=_FIELD_LABELS.get(record.kind, "the date field"),
        name=name,
        where=where,
    )
    title = options.title or (clean_metadata(record.title) if record.title else None) or None
    if title is not None:
        title_rule = "option" if options.title else f"{record.kind}:title"
    else:
        decision = take_title(text, sources)
        title, text, title_rule = decision.title, decision.text, decision.rule
    byline_sources = tuple(s for s in (source, *sources) if s)
    byline = find_byline(
        text, byline_sources, after_title=title is not None and title_rule != "option"
    )
    field_byline = parse_byline(record.author, byline_sources) if record.author else None
    dateline = (
        byline if byline is not None and (byline.place or byline.agency or byline.author) else None
    )
    dateline = dateline or field_byline
    # An author field that is a byline (`أبوظبي - سكاي نيوز عربية`) names a place and an
    # agency, not a person: its person, if any, is the author; the whole stays in `dateline`.
    author = clean_metadata(record.author) if record.author else None
    if field_byline is not None and (field_byline.place or field_byline.agency):
        author = field_byline.author
    author = author or (dateline.author if dateline else None) or closing.author
    return _build(
        text=text,
        source=source,
        title=title,
        title_rule=title_rule,
        signature=closing.signature,
        dated=dated,
        input_id=record.input_id,
        url=record.url,
        author=author,
        dateline=dateline,
        encoding=record.encoding,
        encoding_rule=record.encoding_rule,
        origin=where,
        notes=record.notes,
    )


_EMPTY = {
    "text": "{where}: empty file, no article text",
    "json": '{where}: missing or empty "text" field',
    "trec": "{where}: empty <TEXT>",
}


def read_text_article(data: bytes, path: str, options: ReadOptions) -> Article:
    """One plain-text file (or stdin) is one article."""
    where = display_path(path)
    decoded = decode_bytes(data, options.encoding, where)
    record = RawRecord(
        text=decoded.text,
        origin=where,
        kind="text",
        encoding=decoded.encoding,
        encoding_rule=decoded.rule,
        path=None if path == STDIN else path,
        notes=decoded.notes,
    )
    return make_article(record, options)


def read_jsonl(data: bytes, path: str, options: ReadOptions) -> Iterator[Read]:
    """One JSON object per line: `text` required; `id title source date url author` optional.

    Lines are decoded one by one (JSON is UTF-8), so a line with bad bytes fails alone;
    UTF-16 input is decoded whole. Lines end at `\\n` only: U+2028 inside a JSON string is
    text, not a line break.
    """
    where = display_path(path)
    if not _needs_whole_file(data[:4096], options):
        yield from _read_jsonl_lines(_lines(io.BytesIO(data)), where, options)
        return
    try:
        decoded = decode_bytes(data, options.encoding or None, where)
    except InputError as exc:
        yield AddOutcome("failed", where, message=exc.message)
        return
    for number, line in enumerate(decoded.text.split("\n"), start=1):
        if line.strip():
            origin = f"{where}:{number}"
            yield _outcome(origin, _jsonl_record, line, origin, options, decoded.encoding)


def _read_jsonl_lines(lines: Iterable[bytes], where: str, options: ReadOptions) -> Iterator[Read]:
    for number, raw in enumerate(lines, start=1):
        origin = f"{where}:{number}"
        if number == 1:
            raw = raw.removeprefix(codecs.BOM_UTF8)
        if isinstance(raw, _TooLong) or len(raw) > _MAX_JSONL_LINE_BYTES:
            yield AddOutcome(
                "failed",
                origin,
                message=f"{origin}: line too long (more than {_megabytes(_MAX_JSONL_LINE_BYTES)})",
            )
            continue
        if not raw.strip():
            continue
        try:
            if options.encoding:
                decoded = decode_bytes(raw, options.encoding, origin)
                line, encoding = decoded.text, decoded.encoding
            else:
                try:
                    line, encoding = raw.decode("utf-8"), "utf-8"
                except UnicodeDecodeError:
                    decoded = decode_bytes(raw, None, origin)
                    line, encoding = decoded.text, decoded.encoding
        except InputError as exc:
            yield AddOutcome("failed", origin, message=exc.message)
            continue
        yield _outcome(origin, _jsonl_record, line, origin, options, encoding)


def _jsonl_record(line: str, origin: str, options: ReadOptions, encoding: str) -> Article:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"{origin}: not valid JSON ({exc.msg} at column {exc.colno})") from None
    except RecursionError:  # `[[[[…` nested deeper than Python's stack
        raise InputError(f"{origin}: not valid JSON (nested too deeply)") from None
    if not isinstance(record, dict):
        raise InputError(f"{origin}: a JSON Lines record must be an object")
    # JSON can escape lone surrogates (\\ud800), which no file can store: U+FFFD instead.
    record = {
        key: _without_surrogates(value) if isinstance(value, str) else value
        for key, value in record.items()
    }
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"{origin}: missing or empty \"text\" field")
    input_id = record.get("id")
    if input_id is not None and not isinstance(input_id, (str, int)):
        raise InputError(f"{origin}: \"id\" must be a string")
    raw = RawRecord(
        text=text,
        origin=origin,
        kind="json",
        encoding=encoding,
        encoding_rule="utf-8",
        title=_field(record, "title"),
        source=_field(record, "source"),
        date=_field(record, "date"),
        url=_field(record, "url"),
        author=_field(record, "author"),
        input_id=None if input_id is None else str(input_id),
    )
    return make_article(raw, options)


# A TREC document this long is not an article (the whole file is then refused the same way).
_MAX_TREC_DOC_BYTES = _MAX_TEXT_FILE_BYTES
_DOC_END = re.compile(rb"</DOC\s*>", re.IGNORECASE)
_DOC_START = re.compile(rb"<DOC>", re.IGNORECASE)


def _trec_documents(stream: BinaryIO, first: bytes) -> Iterator[tuple[int, bytes]]:
    """(first line number, bytes) of each `<DOC>…</DOC>` of a TREC file, read a block at
    a time, so a file of any size is read in small pieces. Text between documents comes
    with them and is reported by the parser."""
    buffer = first
    line = 1
    eof = False
    while True:
        end = _DOC_END.search(buffer)
        if end is not None:
            # the document ends at its </DOC>, unless another <DOC> opens before it (a
            # document never closed): then the piece ends before that <DOC>
            opening = _DOC_START.search(buffer)
            second = _DOC_START.search(buffer, opening.end()) if opening else None
            cut = (
                second.start() if second is not None and second.start() < end.start() else end.end()
            )
            piece, buffer = buffer[:cut], buffer[cut:]
            yield line, piece
            line += piece.count(b"\n")
            continue
        if eof:
            if buffer.strip(b"\xef\xbb\xbf \t\r\n"):
                yield line, buffer
            return
        if len(buffer) > _MAX_TREC_DOC_BYTES:
            raise InputError(
                f"{'line ' + str(line)}: a <DOC> longer than "
                f"{_megabytes(MAX_ARTICLE_BYTES)} of text",
                hint="split it into one file per article",
            )
        block = stream.read(1 << 20)
        if not block:
            eof = True
        buffer += block


# How much of a TREC file its encoding is told from (then every document is read with it).
_TREC_SAMPLE_BYTES = 1 << 20
_TAG = re.compile(rb"</?[A-Za-z_]{1,20}>")


def _trec_encoding(head: bytes, options: ReadOptions, where: str) -> tuple[str, str]:
    """(codec, rule) of a TREC file, told from its first megabyte without its tags (their
    Latin letters would hide the Arabic from the detector)."""
    if options.encoding:
        return options.encoding, "option"
    sample = _TAG.sub(b" ", head)
    try:
        sample.decode("utf-8")
        return "utf-8", "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(sample) - 4:  # a character cut by the sample's end
            return "utf-8", "utf-8"
    decoded = decode_bytes(sample, None, where)
    return decoded.encoding, decoded.rule


def read_trec_stream(
    documents: Iterable[tuple[int, bytes]],
    path: str,
    options: ReadOptions,
    encoding: tuple[str, str],
) -> Iterator[Read]:
    """TREC documents read one by one, each decoded with the file's encoding: one Article
    per document, a failed outcome for one that cannot be read."""
    where = display_path(path)
    pieces = iter(documents)
    ahead = list(itertools.islice(pieces, 3))
    # one document (and maybe stray text after it): its origin is the file, without a line
    single = len([piece for _, piece in ahead if _DOC_START.search(piece)]) == 1 and len(ahead) <= 2
    codec, rule = encoding
    for line, piece in itertools.chain(ahead, pieces):
        try:
            with_option = decode_bytes(piece, codec, f"{where}:{line}")
        except InputError as exc:
            yield AddOutcome("failed", f"{where}:{line}", message=exc.message)
            continue
        name = with_option.encoding if rule == "option" else codec  # `windows-1256`, as detected
        decoded = Decoded(with_option.text, name, rule, with_option.notes)
        yield from _trec_items(decoded, line, single, path, options)


def read_trec(data: bytes, path: str, options: ReadOptions) -> Iterator[Read]:
    """A TREC file read whole (UTF-16, or bytes at hand): the same as read_trec_stream."""
    try:
        decoded = decode_bytes(data, options.encoding, display_path(path))
    except InputError as exc:
        yield AddOutcome("failed", display_path(path), message=exc.message)
        return
    yield from _trec_items(decoded, 1, decoded.text.upper().count("<DOC>") == 1, path, options)


def _trec_items(
    decoded: Decoded, first_line: int, single: bool, path: str, options: ReadOptions
) -> Iterator[Read]:
    from newsarc.trec import TrecProblem, parse_trec

    where = display_path(path)
    for item in parse_trec(decoded.text, first_line=first_line):
        origin = where if single and not isinstance(item, TrecProblem) else f"{where}:{item.line}"
        if isinstance(item, TrecProblem):
            yield AddOutcome("failed", origin, message=f"{origin}: {item.message}")
            continue
        yield _outcome(
            origin, _trec_article, item.fields, item.notes, origin, single, path, options, decoded
        )


def _trec_article(
    fields: dict[str, str],
    doc_notes: tuple[str, ...],
    origin: str,
    single: bool,
    path: str,
    options: ReadOptions,
    decoded: Decoded,
) -> Article:
    notes = [*decoded.notes, *(f"{origin}: {note}" for note in doc_notes)]
    src = clean_metadata(fields.get("SRC", "")) or None
    if src is None and not options.source:
        notes.append(f"{origin}: no <SRC> tag")
    docno = fields.get("DOCNO", "").strip() or None
    input_id = docno
    if single and path != STDIN:
        stem = Path(path).name.rsplit(".", 1)[0]
        # ANT: `<DOCNO>92</DOCNO>` in JA-politic-92-20170201.txt, a truncated DOCNO in
        # JA-localNews-608-11012017.txt: the file name is the better id.
        if docno and docno != stem and docno in stem and _SAFE_ID.match(stem):
            notes.append(
                f"{origin}: <DOCNO> {docno!r} is part of the file name; the id is {stem!r}"
            )
            input_id = stem
    if docno is None:
        notes.append(f"{origin}: no <DOCNO>; the id is made from the text")
    record = RawRecord(
        text=fields.get("TEXT", ""),
        origin=origin,
        kind="trec",
        encoding=decoded.encoding,
        encoding_rule=decoded.rule,
        path=None if path == STDIN else path,
        title=fields.get("TITLE") or None,
        source=src,
        date=fields.get("TIME") or None,
        url=clean_metadata(fields.get("URL", "")) or None,
        author=fields.get("AUTHOR") or None,
        input_id=input_id,
        notes=tuple(notes),
    )
    return make_article(record, options)


def _field(record: dict[str, object], name: str) -> str | None:
    value = record.get(name)
    if value is None:
        return None
    return clean_metadata(str(value)) or None


def _build(
    *,
    text: str,
    source: str | None,
    title: str | None,
    title_rule: str | None,
    signature: str | None,
    dated: Dated,
    input_id: str | None,
    url: str | None,
    author: str | None,
    dateline: Dateline | None,
    encoding: str,
    encoding_rule: str,
    origin: str,
    notes: tuple[str, ...] = (),
) -> Article:
    digest = content_hash(text)
    article_id = safe_id(input_id, origin) if input_id is not None else digest[:16]
    source = (clean_metadata(source) or None) if source else None  # "" would store as no source
    return Article(
        id=article_id,
        text=text,
        source=source,
        source_slug=source_slug(source) if source else None,
        title=(clean_metadata(title) or None) if title else None,
        title_rule=title_rule,
        signature=signature,
        date=dated.date,
        date_raw=dated.raw,
        date_rule=dated.rule,
        date_precision=dated.precision,
        date_label=dated.label,
        url=url,
        author=(clean_metadata(author) or None) if author else None,
        place=dateline.place if dateline else None,
        agency=dateline.agency if dateline else None,
        dateline=clean_metadata(dateline.raw) if dateline else None,
        encoding=encoding,
        encoding_rule=encoding_rule,
        origin=origin,
        content_hash=digest,
        notes=notes + dated.notes,
    )


@dataclass(frozen=True)
class Dated:
    """An article's date and how it was found (rule None: no date)."""

    date: dt.date | None = None
    raw: str | None = None
    rule: str | None = None
    notes: tuple[str, ...] = ()
    precision: str | None = None  # "month" for a month-and-year line; None: a day
    label: str | None = None  # the publication-date label it was written after


UNDATED_REASON = "no date in the metadata, the text's header or the file name"


def resolve_date(
    text: str,
    *,
    option: str | None = None,
    field: str | None = None,
    field_origin: str = "json",
    field_label: str = "the date field",
    name: str | None = None,
    where: str = "input",
) -> Dated:
    """The date of an article: `--date`, else its date field, else a header date in the
    text, else a date in the file name, else none (never a date mentioned in the story)."""
    from newsarc.datelines import find_header_date
    from newsarc.dates import find_date_in_filename, parse_date

    if option:
        value, rule = parse_article_date(option, where, "option")
        return Dated(value, option, rule)
    notes: tuple[str, ...] = ()
    if field:
        parsed = parse_date(field)
        if parsed is not None:
            return Dated(parsed.value, field, f"{field_origin}:{parsed.rule}")
        notes = (f"{where}: cannot read the date {field!r} in {field_label}",)
    header = find_header_date(text)
    if header is not None:
        precision = header.precision if header.precision != "day" else None
        return Dated(
            header.value, header.raw, f"header:{header.rule}", notes, precision, header.label
        )
    from_name = find_date_in_filename(name) if name else None
    if from_name is not None:
        return Dated(from_name.value, from_name.raw, "filename", notes)
    return Dated(notes=notes)


def parse_article_date(value: str, origin: str, how: str) -> tuple[dt.date, str]:
    from newsarc.dates import parse_date

    parsed = parse_date(value)
    if parsed is None:
        raise InputError(f"{origin}: cannot read the date {value!r}", hint="use YYYY-MM-DD")
    return parsed.value, f"{how}:{parsed.rule}"


def content_hash(text: str) -> str:
    """Identity of an article's text: the same text added twice is kept once."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def safe_id(raw: str, origin: str) -> str:
    """An input id becomes a file name in corpus/, so only plain names are accepted."""
    value = unicodedata.normalize("NFC", raw.strip())
    if (
        not value
        or len(value) > MAX_ID_LENGTH
        or ".." in value
        or not _SAFE_ID.match(value)
        or len(value.encode("utf-8", "surrogatepass")) > MAX_ID_BYTES
    ):
        shown = raw if len(raw) <= 60 else raw[:57] + "..."
        raise InputError(
            f"{origin}: unsafe id {shown!r}: "
            f"ids are 1-{MAX_ID_LENGTH} letters, digits, '-', '_' or '.' "
            f"(at most {MAX_ID_BYTES} bytes in UTF-8), starting with a letter or digit"
        )
    return value


def clean_metadata(value: str) -> str:
    """Metadata values are single lines: collapse whitespace, NFC, no control characters,
    HTML character references decoded."""
    value = decode_character_references(value)
    return strip_controls(
        " ".join(_without_surrogates(unicodedata.normalize("NFC", value)).split())
    )


def _without_surrogates(value: str) -> str:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return value.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    return value


def _has_words(text: str) -> bool:
    """Some letter or digit: not only spaces, invisible characters and punctuation."""
    return any(char.isalnum() for char in text)


def _check_length(text: str, where: str) -> None:
    if len(text) * 4 > MAX_ARTICLE_BYTES and len(text.encode("utf-8")) > MAX_ARTICLE_BYTES:
        raise InputError(
            f"{where}: too long for one article ({_megabytes(len(text.encode('utf-8')))} of text; "
            f"at most {_megabytes(MAX_ARTICLE_BYTES)})",
            hint="split it into one file per article, or into JSON Lines with one article a line",
        )


def split_signature(text: str, source: str | None) -> tuple[str, str | None]:
    """The text without a closing signature line, and that line (see layout.closing_line)."""
    from newsarc.layout import closing_line

    decision = closing_line(text, (source,) if source else ())
    if (
        source is not None
        and decision.signature is not None
        and source_slug(decision.signature) != source_slug(source)
    ):
        return text, None
    return decision.text, decision.signature


def split_title(text: str) -> tuple[str | None, str]:
    """A text's headline and the text without it (see layout.take_title)."""
    from newsarc.layout import take_title

    decision = take_title(text)
    return decision.title, decision.text


def _folder_source(path: str) -> str | None:
    if path == STDIN:
        return None
    parent = Path(path).resolve().parent.name
    return parent or None
