"""Input files → `Article`s: expands paths, reads plain text, JSON Lines and TREC-style
`<DOC>` files, and finds each article's id, source, title, date and dateline. Nothing here
writes to the archive.

An article's date comes from, in order: `--date`; the input's own date field (JSON `date`,
TREC `<TIME>`); a date in header position in the text (dates.find_header_date: a date line
or a dateline, never a date mentioned in the story); a date in the file name; else none —
it is never guessed. `Article.date_rule` records which (`option:iso`, `json:rfc2822`,
`trec:iso`, `header:month-name:levantine`, `filename`), and an unreadable date field is
reported in `Article.notes`, not fatal.

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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from newsarc.datelines import find_dateline, parse_byline, standalone_dateline
from newsarc.decode import Decoded, canonical_text, decode_bytes, strip_controls
from newsarc.errors import InputError
from newsarc.model import AddOutcome, Article
from newsarc.normalize import MAX_SLUG_BYTES, normalize_arabic, source_slug  # noqa: F401 (re-exported)

STDIN = "-"
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson")
# Files a directory walk skips: not articles, or hidden.
_SKIPPED_NAMES = re.compile(r"^\.|~$|\.(?:bak|swp|tmp|pyc|json|md|gz|zip|pdf|docx?|png|jpe?g)$", re.I)

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

TITLE_MAX_CHARS = 150
TITLE_MAX_WORDS = 25
_SENTENCE_END = tuple(".!؟?:؛;،,…")
SIGNATURE_MAX_CHARS = 40
SIGNATURE_MAX_WORDS = 4


@dataclass(frozen=True)
class ReadOptions:
    """What the user said on the command line, which wins over what the files say."""

    source: str | None = None
    title: str | None = None
    date: str | None = None
    encoding: str | None = None
    format: str = "auto"  # auto | text | jsonl | trec


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


def read_inputs(paths: Iterable[str], options: ReadOptions, stdin: io.BufferedIOBase | None = None) -> Iterator[Read]:
    """Read every article of every input path, in order.

    JSON Lines are read a line at a time, so their size is not limited by memory; a plain
    text file is one article, read whole up to MAX_ARTICLE_BYTES.
    """
    for path in paths:
        where = display_path(path)
        last = None  # the origin of the last record read, for errors part-way through
        try:
            with _open_input(path, stdin) as stream:
                first = stream.readline(_MAX_JSONL_LINE_BYTES + 1)
                if _is_jsonl(path, first, options):
                    if _needs_whole_file(first, options):  # UTF-16: lines are not split at b"\n"
                        data = first + _read_capped(stream, _MAX_WHOLE_JSONL_BYTES - len(first), where)
                        yield from read_jsonl(data, path, options)
                        continue
                    for item in _read_jsonl_lines(itertools.chain([first], _lines(stream)), where, options):
                        last = item.origin
                        yield item
                    continue
                data = first + _read_capped(stream, _MAX_TEXT_FILE_BYTES - len(first), where)
                if _is_trec(data, options):
                    yield from read_trec(data, path, options)
                    continue
                yield read_text_article(data, path, options)
        except InputError as exc:
            yield AddOutcome("failed", where, message=exc.message)
        except (OSError, EOFError, zlib.error) as exc:
            after = f" after {last}" if last else ""
            if isinstance(exc, (EOFError, zlib.error, gzip.BadGzipFile)):
                message = f"{where}: not a valid gzip file{after} ({exc or type(exc).__name__})"
            else:
                message = f"{where}: cannot read{after} ({exc.strerror or exc})"
            yield AddOutcome("failed", where, message=message)


def _open_input(path: str, stdin: io.BufferedIOBase | None) -> contextlib.AbstractContextManager[BinaryIO]:
    if path == STDIN:
        return contextlib.nullcontext(stdin if stdin is not None else sys.stdin.buffer)  # type: ignore[arg-type]
    if path.lower().endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return open(path, "rb")


def _read_capped(stream: BinaryIO, limit: int, where: str) -> bytes:
    data = stream.read(max(limit, 0) + 1)
    if len(data) > limit:
        raise InputError(
            f"{where}: too long for one article (more than {_megabytes(MAX_ARTICLE_BYTES)} of text)",
            hint="split it into one file per article, or into JSON Lines with one article a line",
        )
    return data


def _megabytes(count: int) -> str:
    return f"{count / (1024 * 1024):.1f} MB"


def _lines(stream: BinaryIO) -> Iterator[bytes]:
    """Lines of at most _MAX_JSONL_LINE_BYTES (+1, so that a longer one shows as such)."""
    while True:
        line = stream.readline(_MAX_JSONL_LINE_BYTES + 1)
        if not line:
            return
        yield line


def _needs_whole_file(first: bytes, options: ReadOptions) -> bool:
    """UTF-16 (a BOM, or NUL in every other byte) cannot be split into lines at b"\\n"."""
    if first.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or first.count(0) * 4 >= len(first) > 1:
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
    return data.lstrip(b"\xef\xbb\xbf \t\r\n")[:5].upper() == b"<DOC>"


def read_text_article(data: bytes, path: str, options: ReadOptions) -> Article:
    """One plain-text file is one article."""
    where = display_path(path)
    decoded = decode_bytes(data, options.encoding, where)
    text = canonical_text(decoded.text)
    if not _has_words(text):
        raise InputError(f"{where}: empty file, no article text")
    _check_length(text, where)
    text, signature = split_signature(text, options.source)
    if not _has_words(text):
        raise InputError(f"{where}: no article text besides the signature line")
    source = options.source or signature or _folder_source(path)
    dated = resolve_date(text, option=options.date, name=None if path == STDIN else path, where=where)
    title = options.title
    if title is None:
        title, text = take_title(text)
    return _build(
        text=text,
        source=source,
        title=title,
        dated=dated,
        input_id=None,
        url=None,
        author=None,
        encoding=decoded.encoding,
        encoding_rule=decoded.rule,
        origin=where,
    )


def read_jsonl(data: bytes, path: str, options: ReadOptions) -> Iterator[Read]:
    """One JSON object per line: `text` required; `id title source date url author` optional.

    Lines are decoded one by one (JSON is UTF-8), so a line with bad bytes fails alone;
    UTF-16 input is decoded whole. Lines end at `\\n` only: U+2028 inside a JSON string is
    text, not a line break.
    """
    where = display_path(path)
    if not _needs_whole_file(data[:4096], options):
        yield from _read_jsonl_lines(data.split(b"\n"), where, options)
        return
    try:
        decoded = decode_bytes(data, options.encoding or None, where)
    except InputError as exc:
        yield AddOutcome("failed", where, message=exc.message)
        return
    for number, line in enumerate(decoded.text.split("\n"), start=1):
        if line.strip():
            yield _jsonl_outcome(line, f"{where}:{number}", options, decoded.encoding)


def _read_jsonl_lines(lines: Iterable[bytes], where: str, options: ReadOptions) -> Iterator[Read]:
    for number, raw in enumerate(lines, start=1):
        origin = f"{where}:{number}"
        if number == 1:
            raw = raw.removeprefix(codecs.BOM_UTF8)
        if len(raw) > _MAX_JSONL_LINE_BYTES:
            yield AddOutcome("failed", origin, message=f"{origin}: line too long (more than {_megabytes(_MAX_JSONL_LINE_BYTES)})")
            continue  # (its remainder, if any, follows as the next "line" and fails as bad JSON)
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
        yield _jsonl_outcome(line, origin, options, encoding)


def _jsonl_outcome(line: str, origin: str, options: ReadOptions, encoding: str) -> Read:
    try:
        return _jsonl_record(line, origin, options, encoding)
    except InputError as exc:
        return AddOutcome("failed", origin, message=exc.message)


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
    record = {key: _without_surrogates(value) if isinstance(value, str) else value for key, value in record.items()}
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"{origin}: missing or empty \"text\" field")
    text = canonical_text(text)
    if not _has_words(text):
        raise InputError(f"{origin}: missing or empty \"text\" field")
    _check_length(text, origin)
    input_id = record.get("id")
    if input_id is not None and not isinstance(input_id, (str, int)):
        raise InputError(f"{origin}: \"id\" must be a string")
    text, signature = split_signature(text, options.source)
    source = options.source or _field(record, "source") or signature
    dated = resolve_date(
        text, option=options.date, field=_field(record, "date"), field_origin="json", field_label='the "date" field', where=origin
    )
    title = options.title or _field(record, "title")
    if title is None:
        title, text = take_title(text)
    return _build(
        text=text,
        source=source,
        title=title,
        dated=dated,
        input_id=None if input_id is None else str(input_id),
        url=_field(record, "url"),
        author=_field(record, "author"),
        encoding=encoding,
        encoding_rule="utf-8",
        origin=origin,
    )


def read_trec(data: bytes, path: str, options: ReadOptions) -> Iterator[Read]:
    """TREC-style `<DOC>` files (trec.py): one Article per document; a document that cannot
    be read is a failed outcome, and the file's other documents are still read."""
    from newsarc.trec import TrecProblem, parse_trec

    where = "stdin" if path == STDIN else path
    try:
        decoded = decode_bytes(data, options.encoding, where)
    except InputError as exc:
        yield AddOutcome("failed", where, message=exc.message)
        return
    single = decoded.text.upper().count("<DOC>") == 1
    for item in parse_trec(decoded.text):
        origin = where if single and not isinstance(item, TrecProblem) else f"{where}:{item.line}"
        if isinstance(item, TrecProblem):
            yield AddOutcome("failed", origin, message=f"{origin}: {item.message}")
            continue
        try:
            yield _trec_article(item.fields, item.notes, origin, path if single else None, path, options, decoded)
        except InputError as exc:
            yield AddOutcome("failed", origin, message=exc.message)


def _trec_article(
    fields: dict[str, str],
    doc_notes: tuple[str, ...],
    origin: str,
    single_path: str | None,
    path: str,
    options: ReadOptions,
    decoded: Decoded,
) -> Article:
    notes = [f"{origin}: {note}" for note in doc_notes]
    text = canonical_text(strip_controls(fields.get("TEXT", "")))
    if not text.strip() or not _has_words(text):  # `<TEXT><</TEXT>`: no article (found by fuzzing)
        raise InputError(f"{origin}: empty <TEXT>")
    _check_length(text, origin)
    text, signature = split_signature(text, options.source)
    src = clean_metadata(fields.get("SRC", "")) or None
    if src is None and not options.source:
        notes.append(f"{origin}: no <SRC> tag" + ("" if signature else "; the source is unknown (use --source)"))
    source = options.source or src or signature
    dated = resolve_date(
        text,
        option=options.date,
        field=fields.get("TIME") or None,
        field_origin="trec",
        field_label="<TIME>",
        name=None if path == STDIN else path,
        where=origin,
    )
    title = options.title or clean_metadata(fields.get("TITLE", "")) or None
    if title is None:
        title, text = take_title(text)
    docno = fields.get("DOCNO", "").strip() or None
    input_id = docno
    if single_path is not None and path != STDIN:
        stem = Path(single_path).name.rsplit(".", 1)[0]
        # ANT: `<DOCNO>92</DOCNO>` in JA-politic-92-20170201.txt, a truncated DOCNO in
        # JA-localNews-608-11012017.txt: the file name is the better id.
        if docno and docno != stem and docno in stem and _SAFE_ID.match(stem):
            notes.append(f"{origin}: <DOCNO> {docno!r} is part of the file name; the id is {stem!r}")
            input_id = stem
    if docno is None:
        notes.append(f"{origin}: no <DOCNO>; the id is made from the text")
    return _build(
        text=text,
        source=source,
        title=title,
        dated=dated,
        input_id=input_id,
        url=clean_metadata(fields.get("URL", "")) or None,
        author=clean_metadata(fields.get("AUTHOR", "")) or None,
        encoding=decoded.encoding,
        encoding_rule=decoded.rule,
        origin=origin,
        notes=tuple(notes),
    )


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
    dated: Dated,
    input_id: str | None,
    url: str | None,
    author: str | None,
    encoding: str,
    encoding_rule: str,
    origin: str,
    notes: tuple[str, ...] = (),
) -> Article:
    digest = content_hash(text)
    article_id = safe_id(input_id, origin) if input_id is not None else digest[:16]
    source = (clean_metadata(source) or None) if source else None  # "" would store as no source
    dateline = find_dateline(_lead(text)) or parse_byline(author)
    return Article(
        id=article_id,
        text=text,
        source=source,
        source_slug=source_slug(source) if source else None,
        title=(clean_metadata(title) or None) if title else None,
        date=dated.date,
        date_raw=dated.raw,
        date_rule=dated.rule,
        url=url,
        author=author,
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
    from newsarc.dates import find_date_in_filename, find_header_date, parse_date

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
        return Dated(header.value, header.raw, f"header:{header.rule}", notes)
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
            f"{origin}: unsafe id {shown!r}: ids are 1-{MAX_ID_LENGTH} letters, digits, '-', '_' or '.' "
            f"(at most {MAX_ID_BYTES} bytes in UTF-8), starting with a letter or digit"
        )
    return value


def clean_metadata(value: str) -> str:
    """Metadata values are single lines: collapse whitespace, NFC, no control characters."""
    return strip_controls(" ".join(_without_surrogates(unicodedata.normalize("NFC", value)).split()))


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
            f"{where}: too long for one article ({_megabytes(len(text.encode('utf-8')))} of text; at most {_megabytes(MAX_ARTICLE_BYTES)})",
            hint="split it into one file per article, or into JSON Lines with one article a line",
        )


def split_signature(text: str, source: str | None) -> tuple[str, str | None]:
    """Split off a closing signature line such as `العرب`, the name of the source.

    A signature is a last line of at most four words and no punctuation or digits. When the
    user named the source, the line is removed only if it is that source.
    """
    body, _, last = text.rpartition("\n")
    candidate = last.strip()
    if not _has_words(body) or not _looks_like_signature(candidate):
        return text, None
    if source is not None and source_slug(candidate) != source_slug(source):
        return text, None
    return body.rstrip(), candidate


def _looks_like_signature(line: str) -> bool:
    if not line or len(line) > SIGNATURE_MAX_CHARS or len(line.split()) > SIGNATURE_MAX_WORDS:
        return False
    return all(char.isalpha() or char.isspace() or unicodedata.category(char).startswith("M") for char in line)


def take_title(text: str) -> tuple[str | None, str]:
    """split_title, except that a first line that is a date (`الأحد 12 يناير 2019`) or only
    a dateline (`القاهرة - رويترز`) is not a title."""
    from newsarc.dates import parse_date

    first = text.split("\n", 1)[0].strip()
    if parse_date(first) is not None or standalone_dateline(first, known_agency_only=True):
        return None, text
    return split_title(text)


def _lead(text: str) -> str:
    """The text from its first line that is not a date line: where a dateline would be."""
    from newsarc.dates import parse_date

    first, _, rest = text.lstrip("\n").partition("\n")
    return rest if rest.strip() and parse_date(first.strip()) is not None else text


def split_title(text: str) -> tuple[str | None, str]:
    """A short first line without a final full stop, followed by more text, is a title.

    Returns the title (or None) and the text without it.
    """
    first, _, rest = text.partition("\n")
    first = first.strip()
    if (
        not _has_words(rest)
        or not first
        or len(first) > TITLE_MAX_CHARS
        or len(first.split()) > TITLE_MAX_WORDS
        or first.endswith(_SENTENCE_END)
    ):
        return None, text
    return first, rest.strip("\n")


def _folder_source(path: str) -> str | None:
    if path == STDIN:
        return None
    parent = Path(path).resolve().parent.name
    return parent or None
