"""The corpus: one canonical UTF-8 file per article, the archive's source of truth.

A file is a header of `key: value` lines, a blank line, then the article text exactly as
stored (NFC, `\\n` line ends). Files live at `corpus/<source>/<year>/<id>.txt`, the source
as written (`الشرق الأوسط`, `Sky News`; only characters unsafe in paths replaced), so a
person can browse them, and are written atomically (temp file, fsync, rename): a crash
leaves either the old state or the new file, never half of one.

Archives written before folders were named so hold `corpus/<source-slug>/…`: an article
already there is found there, and nothing is moved.
"""

from __future__ import annotations

import codecs
import datetime as dt
import errno
import os
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import fields
from pathlib import Path

from newsarc.errors import ArchiveError, InputError
from newsarc.fsio import TEMP_PREFIX, atomic_write, read_regular_file, remove_quietly
from newsarc.model import Article

CORPUS_DIR = "corpus"
UNKNOWN_SOURCE = "unknown-source"
UNDATED = "undated"
SUFFIX = ".txt"
# Bytes read for a corpus file's header when only the start of its text is wanted; a
# longer header (a 300-character title, a long url) makes the file be read whole.
_HEADER_BYTES = 4096

# Header keys in file order → Article attribute names.
_HEADER = (
    ("id", "id"),
    ("title", "title"),
    ("title-rule", "title_rule"),
    ("source", "source"),
    ("source-slug", "source_slug"),
    ("signature", "signature"),
    ("date", "date"),
    ("date-precision", "date_precision"),
    ("date-raw", "date_raw"),
    ("date-rule", "date_rule"),
    ("date-label", "date_label"),
    ("url", "url"),
    ("author", "author"),
    ("dateline", "dateline"),
    ("place", "place"),
    ("agency", "agency"),
    ("story", "story"),
    ("near-dup-of", "near_dup_of"),
    ("encoding", "encoding"),
    ("encoding-rule", "encoding_rule"),
    ("origin", "origin"),
    ("added", "added"),
    ("hash", "content_hash"),
)
_ATTRIBUTE = dict(_HEADER)
_KNOWN_ATTRIBUTES = {f.name for f in fields(Article)}


class CorpusStore:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.dir = self.root / CORPUS_DIR

    def relative_path(self, article: Article) -> str:
        """Where an article lives, relative to the archive root (always with `/`): under
        its source's name as written, or where an older newsarc put it (the slug)."""
        year = f"{article.date.year:04d}" if article.date else UNDATED
        path = f"{CORPUS_DIR}/{folder_name(article.source)}/{year}/{article.id}{SUFFIX}"
        legacy = f"{CORPUS_DIR}/{article.source_slug or UNKNOWN_SOURCE}/{year}/{article.id}{SUFFIX}"
        if legacy != path and not (self.root / path).exists() and (self.root / legacy).exists():
            return legacy
        return path

    def write(self, article: Article, durable: bool = True) -> str:
        """Write an article atomically; returns its path relative to the archive.

        Never replaces another article: if the file exists it must hold the same id and
        text (left by an `add` that was killed before its index commit), else InputError;
        an empty one (a power cut before an `add` flushed its window) is written again.
        durable=False leaves the flush to the caller (fsio.sync_written, once per window).
        """
        relative = self.relative_path(article)
        target = self.root / relative
        # Ids and slugs are checked when read, but never trust them to stay one path part.
        parts = (article.id, relative.split("/")[1])
        if any(
            not part or part in (".", "..") or "/" in part or "\\" in part or "\x00" in part
            for part in parts
        ):
            raise ArchiveError(f"refusing to write outside the corpus: {relative!r}")
        if target.exists():
            self._check_same_article(target, relative, article)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(target, format_article(article).encode("utf-8"), durable=durable)
        except OSError as exc:
            if exc.errno == errno.ENAMETOOLONG:
                raise InputError(
                    f"{article.origin or article.id}: "
                    f"the corpus file name would be too long: {relative}"
                ) from None
            raise
        return relative

    def _check_same_article(self, target: Path, relative: str, article: Article) -> None:
        # On a case-insensitive or normalizing file system two ids can name one file.
        try:
            data = target.read_bytes()
        except OSError:
            data = None
        if data is not None and not data.strip(b"\x00"):
            # Empty, or zeros: a file `add` renamed into place whose contents a power cut
            # took before its commit window was flushed (fsio.sync_written). Its article
            # never reached the index (the caller checked the id); this write restores it.
            return
        try:
            existing = parse_article(data.decode("utf-8"), relative) if data else None
        except (UnicodeDecodeError, ArchiveError):
            existing = None
        if (
            existing is None
            or existing.id != article.id
            or existing.content_hash != article.content_hash
        ):
            raise InputError(
                f"{article.origin or article.id}: {relative} already holds another article; "
                "not overwritten",
                hint="run `newsarc check`",
            )

    def read(self, relative: str) -> Article:
        return parse_article(self._decoded(self._bytes(relative), relative), relative)

    def read_text_start(self, relative: str, chars: int) -> str:
        """The first ``chars`` characters of an article's text (all of a shorter one),
        reading and decoding no more of its file than they take: what is looked at in the
        start of many articles need not read a 4 MB one whole."""
        budget = _HEADER_BYTES + 4 * chars  # UTF-8 takes at most 4 bytes a character
        data = self._bytes(relative, budget + 1)
        header_end = data.find(b"\n\n")
        if len(data) <= budget or not 0 <= header_end <= _HEADER_BYTES - 2:
            # The whole file was read, or a header too long to leave room: as read() does.
            data = data if len(data) <= budget else self._bytes(relative)
            return parse_article(self._decoded(data, relative), relative).text[:chars]
        body = data[header_end + 2 : budget]  # at least 4 × chars bytes, the file goes on
        # A character the cut falls in is left out (final=False); bad bytes still fail.
        return self._decoded(body, relative, final=False, skipped=header_end + 2)[:chars]

    def _bytes(self, relative: str, limit: int = -1) -> bytes:
        path = self.root / relative
        try:
            return read_regular_file(path, limit)  # (a FIFO put here must not block)
        except FileNotFoundError:
            raise ArchiveError(
                f"corpus file missing: {relative}",
                hint="`newsarc check --repair` drops index entries whose file is gone",
            ) from None
        except OSError as exc:
            raise ArchiveError(
                f"corpus file unreadable: {relative} ({exc.strerror or exc})"
            ) from None

    @staticmethod
    def _decoded(data: bytes, relative: str, final: bool = True, skipped: int = 0) -> str:
        try:
            return codecs.getincrementaldecoder("utf-8")().decode(data, final=final)
        except UnicodeDecodeError as exc:
            raise ArchiveError(
                f"{relative}: corpus file is not UTF-8 (byte {skipped + exc.start})",
                hint="run `newsarc check`",
            ) from None

    def find(self, article_id: str) -> str | None:
        """Find an article's file by id without the index (slow path: a directory walk)."""
        name = article_id + SUFFIX
        for relative in self.iter_paths():
            if relative.rsplit("/", 1)[-1] == name:
                return relative
        return None

    def iter_paths(self) -> Iterator[str]:
        """Every article file, relative to the archive root, in a stable order."""
        if not self.dir.is_dir():
            return
        for directory, subdirs, files in os.walk(self.dir):
            subdirs.sort()
            for name in sorted(files):
                if name.endswith(SUFFIX) and not name.startswith("."):
                    full = os.path.join(directory, name)
                    yield os.path.relpath(full, self.root).replace(os.sep, "/")

    def remove_temp_files(self, relative_dir: str) -> None:
        """Remove what writes killed mid-way left in one corpus folder. Only under the
        writer lock: then no write is in progress."""
        try:
            names = os.listdir(self.root / relative_dir)
        except OSError:
            return
        for name in names:
            if name.startswith(TEMP_PREFIX):
                remove_quietly(self.root / relative_dir / name)

    def iter_temp_files(self) -> Iterator[str]:
        """Temporary files of writes that never finished (a killed `add`), relative to the root."""
        if not self.dir.is_dir():
            return
        for directory, subdirs, files in os.walk(self.dir):
            subdirs.sort()
            for name in sorted(files):
                if name.startswith(TEMP_PREFIX):
                    yield os.path.relpath(
                        os.path.join(directory, name), self.root
                    ).replace(os.sep, "/")


# Characters no folder name may hold somewhere (`/`, `\\`, Windows' `:*?"<>|`), and controls.
_UNSAFE_IN_PATHS = re.compile(r'[/\\:*?"<>|\x00-\x1f\x7f]')
MAX_FOLDER_BYTES = 100


def folder_name(source: str | None) -> str:
    """A source's folder in corpus/: its name as written (`الشرق الأوسط`), characters
    unsafe in paths replaced by `-`, no leading or trailing dots or spaces, at most
    MAX_FOLDER_BYTES bytes."""
    if not source:
        return UNKNOWN_SOURCE
    name = _UNSAFE_IN_PATHS.sub("-", unicodedata.normalize("NFC", source)).strip(" .")
    if len(name.encode("utf-8")) > MAX_FOLDER_BYTES:
        name = name.encode("utf-8")[:MAX_FOLDER_BYTES].decode("utf-8", "ignore").rstrip(" .")
    return name or UNKNOWN_SOURCE


def format_article(article: Article) -> str:
    lines = []
    for key, attribute in _HEADER:
        value = getattr(article, attribute)
        if value is None or value == "":
            continue
        if isinstance(value, dt.date):
            value = value.isoformat()
        # One line per key, whatever a file name or input field held.
        value = " ".join(_encodable(str(value)).splitlines())
        lines.append(f"{key}: {value}")
    return "\n".join(lines) + "\n\n" + article.text + "\n"


def _encodable(value: str) -> str:
    # A file name that is not UTF-8 reaches Python as lone surrogates, which UTF-8 cannot
    # store: U+FFFD for each.
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "".join("\ufffd" if "\ud800" <= char <= "\udfff" else char for char in value)
    return value


def parse_article(content: str, where: str) -> Article:
    header, separator, text = content.partition("\n\n")
    if not content.strip("\x00"):
        raise ArchiveError(
            f"{where}: empty (a power cut before its `add` committed leaves such a file; "
            "adding the same input again writes it anew)"
        )
    if not separator:
        raise ArchiveError(f"{where}: not a newsarc corpus file (no header)")
    values: dict[str, object] = {}
    for line in header.split("\n"):
        key, colon, value = line.partition(": ")
        attribute = _ATTRIBUTE.get(key)
        if not colon or attribute is None:
            continue  # unknown keys from newer versions are kept in the file, ignored here
        values[attribute] = value
    if "id" not in values:
        raise ArchiveError(f"{where}: corpus file without an id")
    if "date" in values:
        try:
            values["date"] = dt.date.fromisoformat(str(values["date"]))
        except ValueError:
            raise ArchiveError(f"{where}: bad date in header: {values['date']!r}") from None
    values["text"] = text[:-1] if text.endswith("\n") else text
    return Article(**{k: v for k, v in values.items() if k in _KNOWN_ATTRIBUTES})  # type: ignore[arg-type]
