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

import datetime as dt
import gzip
import hashlib
import io
import json
import os
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from newsarc.datelines import find_dateline, parse_byline, standalone_dateline
from newsarc.decode import Decoded, canonical_text, decode_bytes
from newsarc.errors import InputError
from newsarc.model import AddOutcome, Article
from newsarc.normalize import normalize_arabic

STDIN = "-"
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson")
# Files a directory walk skips: not articles, or hidden.
_SKIPPED_NAMES = re.compile(r"^\.|~$|\.(?:bak|swp|tmp|pyc|json|md|gz|zip|pdf|docx?|png|jpe?g)$", re.I)

MAX_ID_LENGTH = 128
_SAFE_ID = re.compile(r"^[^\W_][\w.\-]*$")

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


def expand_paths(paths: Iterable[str]) -> list[str]:
    """Input paths in a stable order: files as given, directories walked recursively.

    A missing path raises InputError before anything is read, so a mistyped command adds
    nothing at all.
    """
    expanded: list[str] = []
    for raw in paths:
        if raw == STDIN:
            expanded.append(STDIN)
            continue
        path = Path(raw)
        if path.is_dir():
            expanded.extend(_walk(path))
        elif path.exists():
            expanded.append(raw)
        else:
            raise InputError(f"{raw}: no such file or directory")
    return expanded


def _walk(root: Path) -> list[str]:
    found: list[str] = []
    seen_dirs: set[tuple[int, int]] = set()
    for directory, subdirs, files in os.walk(root, followlinks=True):
        stat = os.stat(directory)
        key = (stat.st_dev, stat.st_ino)
        if key in seen_dirs:  # a symlink loop: walk each real directory once
            subdirs[:] = []
            continue
        seen_dirs.add(key)
        subdirs[:] = sorted(d for d in subdirs if not d.startswith("."))
        for name in sorted(files):
            keep_jsonl = name.lower().endswith(JSONL_SUFFIXES)
            if keep_jsonl or not _SKIPPED_NAMES.search(name):
                found.append(os.path.join(directory, name))
    return found


def read_inputs(paths: Iterable[str], options: ReadOptions, stdin: io.BufferedIOBase | None = None) -> Iterator[Read]:
    """Read every article of every input path, in order."""
    for path in paths:
        try:
            data = _read_bytes(path, stdin)
        except OSError as exc:
            yield AddOutcome("failed", path, message=f"{path}: cannot read ({exc.strerror or exc})")
            continue
        except InputError as exc:
            yield AddOutcome("failed", path, message=exc.message)
            continue
        if _is_jsonl(path, data, options):
            yield from read_jsonl(data, path, options)
        elif _is_trec(data, options):
            yield from read_trec(data, path, options)
        else:
            try:
                yield read_text_article(data, path, options)
            except InputError as exc:
                yield AddOutcome("failed", path, message=exc.message)


def _read_bytes(path: str, stdin: io.BufferedIOBase | None) -> bytes:
    if path == STDIN:
        stream = stdin if stdin is not None else sys.stdin.buffer
        return stream.read()
    with open(path, "rb") as handle:
        data = handle.read()
    if path.lower().endswith(".gz"):
        try:
            return gzip.decompress(data)
        except (OSError, EOFError) as exc:
            raise InputError(f"{path}: not a valid gzip file ({exc})") from None
    return data


def _is_jsonl(path: str, data: bytes, options: ReadOptions) -> bool:
    if options.format != "auto":
        return options.format == "jsonl"
    lowered = path.lower()
    if lowered.endswith(JSONL_SUFFIXES):
        return True
    if path == STDIN:  # sniff: a first line that is a JSON object with a "text" field
        first = data.lstrip()[:1]
        if first == b"{":
            try:
                record = json.loads(data.lstrip().split(b"\n", 1)[0])
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
    where = "stdin" if path == STDIN else path
    decoded = decode_bytes(data, options.encoding, where)
    text = canonical_text(decoded.text)
    if not text.strip():
        raise InputError(f"{where}: empty file, no article text")
    text, signature = split_signature(text, options.source)
    if not text.strip():
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
    """One JSON object per line: `text` required; `id title source date url author` optional."""
    where = "stdin" if path == STDIN else path
    try:
        decoded = decode_bytes(data, options.encoding or None, where)
    except InputError as exc:
        yield AddOutcome("failed", where, message=exc.message)
        return
    # Split on "\n" only: str.splitlines() also splits on U+2028, U+0085 and other
    # separators that JSON allows raw inside strings (ANT has them), breaking records.
    for number, line in enumerate(decoded.text.split("\n"), start=1):
        if not line.strip():
            continue
        origin = f"{where}:{number}"
        try:
            yield _jsonl_record(line, origin, options, decoded.encoding)
        except InputError as exc:
            yield AddOutcome("failed", origin, message=exc.message)


def _jsonl_record(line: str, origin: str, options: ReadOptions, encoding: str) -> Article:
    try:
        record = json.loads(line)
    except ValueError as exc:
        raise InputError(f"{origin}: not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(record, dict):
        raise InputError(f"{origin}: a JSON Lines record must be an object")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"{origin}: missing or empty \"text\" field")
    text = canonical_text(text)
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
    text = canonical_text(fields.get("TEXT", ""))
    if not text.strip():
        raise InputError(f"{origin}: empty <TEXT>")
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
    source = clean_metadata(source) if source else None
    dateline = find_dateline(_lead(text)) or parse_byline(author)
    return Article(
        id=article_id,
        text=text,
        source=source,
        source_slug=source_slug(source) if source else None,
        title=clean_metadata(title) if title else None,
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
    ):
        shown = raw if len(raw) <= 60 else raw[:57] + "..."
        raise InputError(
            f"{origin}: unsafe id {shown!r}: ids are 1-{MAX_ID_LENGTH} letters, digits, '-', '_' or '.', "
            "starting with a letter or digit"
        )
    return value


def clean_metadata(value: str) -> str:
    """Metadata values are single lines: collapse whitespace, NFC."""
    return " ".join(unicodedata.normalize("NFC", value).split())


def source_slug(name: str) -> str:
    """A stable folder and filter name for a source: `العرب` → `العرب`, `Sky News` → `sky-news`."""
    folded = normalize_arabic(unicodedata.normalize("NFKC", name))
    slug = re.sub(r"[^\w]+|_+", "-", folded).strip("-")
    return slug or "source"


def split_signature(text: str, source: str | None) -> tuple[str, str | None]:
    """Split off a closing signature line such as `العرب`, the name of the source.

    A signature is a last line of at most four words and no punctuation or digits. When the
    user named the source, the line is removed only if it is that source.
    """
    body, _, last = text.rpartition("\n")
    candidate = last.strip()
    if not body.strip() or not _looks_like_signature(candidate):
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
        not rest.strip()
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
