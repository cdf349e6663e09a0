"""Re-exporting a package's names without importing every module up front (PEP 562)."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from typing import Any


def lazy_exports(package: str, where: dict[str, str]) -> Callable[[str], Any]:
    """Return a module ``__getattr__`` that imports each name in ``where`` from its module on first use.

    ``where`` maps a public name to the module holding it. The name is then kept in the package, so
    the next use costs nothing; a name not in ``where`` raises ``AttributeError`` as usual.
    """

    def __getattr__(name: str) -> Any:
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        setattr(sys.modules[package], name, value)
        return value

    return __getattr__
