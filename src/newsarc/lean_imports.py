"""Import Whoosh without the two libraries it imports and never uses: 25 ms per process.

`newsarc search` is a fresh process each time, and imports are most of its time (its
target is to answer as fast as ripgrep scans the articles). Whoosh pulls in two modules
that newsarc never calls into:

- `whoosh.compat` imports `urlretrieve` from urllib.request (13 ms: http.client, email,
  ssl, socket) for no code path newsarc uses. While whoosh.compat is imported,
  `urllib.request` is a stand-in whose `urlretrieve` imports the real module when
  called; the stand-in is removed right after, so any later import gets the real one.
- `whoosh.reading` takes `cached_property` from the package of that name, which imports
  asyncio for its async variant (12 ms). The stand-in module gives the standard
  library's `functools.cached_property` (the same caching of a method's result on the
  instance) and loads the real package for any other name.

Call `import_whoosh()` before the first Whoosh import (newsarc.index does).
"""

from __future__ import annotations

import functools
import importlib.machinery
import importlib.util
import sys
import types
from typing import Any


def import_whoosh() -> None:
    if "whoosh.compat" not in sys.modules and "urllib.request" not in sys.modules:
        stand_in = types.ModuleType("urllib.request")
        stand_in.urlretrieve = _urlretrieve  # type: ignore[attr-defined]
        sys.modules["urllib.request"] = stand_in
        try:
            import whoosh.compat  # noqa: F401
        finally:
            if sys.modules.get("urllib.request") is stand_in:
                del sys.modules["urllib.request"]
    if "cached_property" not in sys.modules:
        sys.modules["cached_property"] = _cached_property_module()


def _urlretrieve(*args: Any, **kwargs: Any) -> Any:
    from urllib.request import urlretrieve

    return urlretrieve(*args, **kwargs)


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
