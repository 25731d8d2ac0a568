"""Input files → `Article`s: expands paths, reads plain text and JSON Lines, and finds each
article's id, source, title and date. Nothing here writes to the archive.

Every input article comes out as either an `Article` or a failed `AddOutcome` saying what
and where, so one bad file or line never stops the others.
"""

from __future__ import annotations

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

from newsarc.decode import canonical_text, decode_bytes
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
    format: str = "auto"  # auto | text | jsonl


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
            records = read_jsonl(data, path, options)
            del data  # read_jsonl drops the bytes once decoded: not held twice for a large file
            yield from records
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
    title = options.title
    if title is None:
        title, text = split_title(text)
    return _build(
        text=text,
        source=source,
        title=title,
        date_value=options.date,
        date_origin="option",
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
    del data
    # Lines end at "\n" only: str.splitlines() also breaks at U+2028/U+2029, \x1c-\x1e and
    # \x85, which JSON allows raw inside strings (json.dumps(..., ensure_ascii=False)).
    for number, line in enumerate(_lines(decoded.text), start=1):
        if not line.strip():
            continue
        origin = f"{where}:{number}"
        try:
            yield _jsonl_record(line, origin, options, decoded.encoding)
        except InputError as exc:
            yield AddOutcome("failed", origin, message=exc.message)


def _lines(text: str) -> Iterator[str]:
    # One line at a time: a list of all the lines of a 145 MB file held 200 MB more.
    start = 0
    while True:
        end = text.find("\n", start)
        if end < 0:
            yield text[start:]
            return
        yield text[start:end]
        start = end + 1


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
    title = options.title or _field(record, "title")
    if title is None:
        title, text = split_title(text)
    if options.date:
        date_value, date_origin = options.date, "option"
    else:
        date_value, date_origin = _field(record, "date"), "json"
    return _build(
        text=text,
        source=source,
        title=title,
        date_value=date_value,
        date_origin=date_origin,
        input_id=None if input_id is None else str(input_id),
        url=_field(record, "url"),
        author=_field(record, "author"),
        encoding=encoding,
        encoding_rule="utf-8",
        origin=origin,
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
    date_value: str | None,
    date_origin: str,
    input_id: str | None,
    url: str | None,
    author: str | None,
    encoding: str,
    encoding_rule: str,
    origin: str,
) -> Article:
    digest = content_hash(text)
    article_id = safe_id(input_id, origin) if input_id is not None else digest[:16]
    date = date_raw = date_rule = None
    if date_value:
        date, date_rule = parse_article_date(date_value, origin, date_origin)
        date_raw = date_value
    source = clean_metadata(source) if source else None
    return Article(
        id=article_id,
        text=text,
        source=source,
        source_slug=source_slug(source) if source else None,
        title=clean_metadata(title) if title else None,
        date=date,
        date_raw=date_raw,
        date_rule=date_rule,
        url=url,
        author=author,
        encoding=encoding,
        encoding_rule=encoding_rule,
        origin=origin,
        content_hash=digest,
    )


def parse_article_date(value: str, origin: str, how: str) -> tuple[object, str]:
    from newsarc.dates import parse_date

    parsed = parse_date(value)
    if parsed is None:
        raise InputError(f"{origin}: cannot read the date {value!r}", hint="use YYYY-MM-DD")
    day = parsed.value.date() if hasattr(parsed.value, "date") else parsed.value
    return day, f"{how}:{parsed.rule}"


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
