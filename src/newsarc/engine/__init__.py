"""Search engines behind one interface (`newsarc.engine.base`). Only this package imports
Whoosh (besides analysis.py and fields.py, whose import paths Whoosh pickles into indexes).
Importing the package imports no engine: the engine's module is loaded when used."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsarc.engine.base import Engine


def engine_class() -> type[Engine]:
    """The engine an archive's index is built and read with."""
    from newsarc.engine.whoosh import WhooshEngine

    return WhooshEngine
