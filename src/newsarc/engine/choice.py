"""Which engine an archive's index uses: recorded in `newsarc.json`, read from the index.

`newsarc.json` records the engine (`"engine": "whoosh"` or `"xapian"`, absent: whoosh)
and, for Xapian on servers, its shards (`"shards": ["xapian+tcp://HOST:PORT", ...]`):
what `init` chose and what a later `reindex` keeps. The index itself says which engine
wrote it (a Xapian index directory holds `xapian.json`), so an index is always read with
the engine that built it, also in the moment between a `reindex` that changes engines
swapping its new index in and recording the choice.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from newsarc.errors import ArchiveError

if TYPE_CHECKING:
    from newsarc.engine.base import Engine

ENGINES = ("whoosh", "xapian")
DEFAULT_ENGINE = "whoosh"
MARKER = "newsarc.json"
_XAPIAN_CONFIG = "xapian.json"  # (newsarc.engine.xapian_engine.CONFIG_FILE, without importing it)


@dataclass(frozen=True)
class EngineChoice:
    """An engine and, for Xapian on servers, its shards (addresses as written)."""

    name: str = DEFAULT_ENGINE
    shards: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.name not in ENGINES:
            raise ArchiveError(
                f"unknown engine {self.name!r}", hint="choose " + " or ".join(ENGINES)
            )
        if self.shards and self.name != "xapian":
            raise ArchiveError(
                "--shard goes with --engine xapian", hint="shards are Xapian servers"
            )

    def engine_class(self) -> type[Engine]:
        """The engine class, set up with the shards; ArchiveError saying how to install
        an engine that is not installed."""
        if self.name == "xapian":
            from newsarc.engine.xapian_engine import import_xapian, xapian_engine_on

            import_xapian()
            return xapian_engine_on(self.shards)
        from newsarc.engine.whoosh import WhooshEngine

        return WhooshEngine

    def as_record(self) -> dict[str, object]:
        record: dict[str, object] = {"engine": self.name}
        if self.shards:
            record["shards"] = list(self.shards)
        return record


def recorded_choice(root: Path) -> EngineChoice:
    """The engine `newsarc.json` records (Whoosh when it names none or is unreadable)."""
    try:
        marker = json.loads((root / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return EngineChoice()
    if not isinstance(marker, dict):
        return EngineChoice()
    name = marker.get("engine", DEFAULT_ENGINE)
    shards = marker.get("shards") or []
    if not isinstance(name, str) or not isinstance(shards, list):
        raise ArchiveError(f"{root / MARKER} is damaged: its engine or shards cannot be read")
    return EngineChoice(name, tuple(str(shard) for shard in shards))


def record_choice(root: Path, choice: EngineChoice) -> None:
    """Write the engine into `newsarc.json`, keeping what else it holds."""
    from newsarc.fsio import atomic_write

    try:
        marker = json.loads((root / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        marker = {}
    if not isinstance(marker, dict):
        marker = {}
    marker.pop("shards", None)
    marker.update(choice.as_record())
    atomic_write(root / MARKER, (json.dumps(marker, ensure_ascii=False) + "\n").encode("utf-8"))


def engine_of_index(directory: Path, recorded: EngineChoice) -> type[Engine]:
    """The engine that built the index in `directory` (the recorded one when there is
    none yet)."""
    if (directory / _XAPIAN_CONFIG).is_file():
        return EngineChoice("xapian").engine_class()
    if recorded.name == "xapian":
        from newsarc.engine.whoosh import WhooshEngine

        if WhooshEngine.exists(directory):  # moved back to Whoosh, not yet recorded
            return WhooshEngine
    return recorded.engine_class()
