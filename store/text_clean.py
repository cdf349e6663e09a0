"""Text from outside (an imported CSV, calendar or bundle) can carry terminal control characters: an
escape sequence in a title would retitle the window, recolour the terminal or, through OSC 52, fill
the clipboard when it is printed. They are stripped as records are saved, and escaped when printed."""

from __future__ import annotations

import re
from dataclasses import fields, replace
from typing import Any, TypeVar

T = TypeVar("T")

# C0 controls but tab, newline and carriage return; DEL; C1 controls.
_STORED = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# On output a carriage return is shown too (it would let a line overwrite another).
_SHOWN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def strip_controls(text: str) -> str:
    """``text`` without control characters (tabs, newlines and carriage returns kept)."""
    return _STORED.sub("", text) if _STORED.search(text) else text


def escape_controls(text: str, *, keep_returns: bool = True) -> str:
    """``text`` with every control character but tab and newline (and, if ``keep_returns``, carriage
    return) written out visibly (``\\x1b``), so printing it cannot drive the terminal."""
    pattern = _STORED if keep_returns else _SHOWN
    return pattern.sub(lambda m: f"\\x{ord(m.group()):02x}", text) if pattern.search(text) else text


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return strip_controls(value)
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, dict):
        return {_clean(k): _clean(v) for k, v in value.items()}
    return value


def without_controls(record: T) -> T:
    """``record`` (a dataclass) with control characters stripped from every text in it; the same
    object when there were none."""
    changed = {}
    for f in fields(record):  # type: ignore[arg-type]
        value = getattr(record, f.name)
        clean = _clean(value)
        if clean != value:
            changed[f.name] = clean
    return replace(record, **changed) if changed else record  # type: ignore[type-var]
