"""Import Whoosh without three modules it imports and newsarc never uses: 30 ms a process.

`newsarc search` is a fresh process each time, and imports are most of its time (its
target is to answer as fast as ripgrep scans the articles). Whoosh pulls in three
modules that newsarc never calls into:

- `whoosh.compat` imports `urlretrieve` from urllib.request (13 ms: http.client, email,
  ssl, socket) for no code path newsarc uses. While whoosh.compat is imported,
  `urllib.request` is a stand-in whose `urlretrieve` imports the real module when
  called; the stand-in is removed right after, so any later import gets the real one.
- `whoosh.reading` takes `cached_property` from the package of that name, which imports
  asyncio for its async variant (12 ms). The stand-in module gives the standard
  library's `functools.cached_property` (the same caching of a method's result on the
  instance) and loads the real package for any other name.

- `whoosh.query.terms` imports `variations` from whoosh.lang.morph_en (5 ms building
  English word tables) for the Variations query, which newsarc never builds: a
  stand-in's `variations` imports the real module when called.

Call `import_whoosh()` before the first Whoosh import (the CLI does, for every command
that opens an archive).
"""

from __future__ import annotations

import functools
import importlib.machinery
import importlib.util
import sys
import types
from typing import Any


def import_whoosh() -> None:
    if "cached_property" not in sys.modules:
        sys.modules["cached_property"] = _cached_property_module()
    if "whoosh.query" in sys.modules:
        return
    stand_ins = {
        name: _stand_in(name, attribute)
        for name, attribute in (
            ("urllib.request", "urlretrieve"),
            ("whoosh.lang.morph_en", "variations"),
        )
        if name not in sys.modules
    }
    sys.modules.update(stand_ins)
    try:
        import whoosh.compat  # noqa: F401
        import whoosh.query  # noqa: F401
    finally:
        for name, stand_in in stand_ins.items():
            if sys.modules.get(name) is stand_in:
                del sys.modules[name]


def _stand_in(name: str, attribute: str) -> types.ModuleType:
    """A module whose one function imports the real module `name` when called."""

    def call_the_real_one(*args: Any, **kwargs: Any) -> Any:
        return getattr(importlib.import_module(name), attribute)(*args, **kwargs)

    module = types.ModuleType(name)
    setattr(module, attribute, call_the_real_one)
    return module


def _cached_property_module() -> types.ModuleType:
    module = types.ModuleType("cached_property")
    module.cached_property = functools.cached_property  # type: ignore[attr-defined]

    def __getattr__(name: str) -> Any:  # anything else: the real package, loaded now
        if name.startswith("__"):  # (the import system asks for __path__ and the like)
            raise AttributeError(name)
        spec = importlib.machinery.PathFinder.find_spec("cached_property")
        if spec is None or spec.loader is None:
            raise AttributeError(name)
        real = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(real)
        sys.modules["cached_property"] = real
        return getattr(real, name)

    setattr(module, "__getattr__", __getattr__)  # noqa: B010 (a module-level __getattr__, PEP 562)
    return module
