"""The catalogue of standard codes (``swe:4.3``, ``pcf:6``) a record may evidence."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path


@cache
def catalogue() -> dict[str, frozenset[str]]:
    """Return each known code prefix with the set of items it holds, read from the bundled data."""
    text = (Path(__file__).parent / "data" / "standards.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    return {prefix: frozenset(entry["items"]) for prefix, entry in data.items()}


def check_code(code: str) -> str | None:
    """Return ``None`` if ``code`` is a known standard code, else a sentence saying why not."""
    prefix, sep, item = code.partition(":")
    known = catalogue()
    if not sep or not prefix or not item:
        return f"'{code}' is not a standard code; write it as PREFIX:ITEM, e.g. swe:4.3 or pcf:6"
    if prefix not in known:
        return f"'{code}' has an unknown prefix '{prefix}'; known prefixes: {', '.join(sorted(known))}"
    if item not in known[prefix]:
        return f"'{code}' is not a {prefix} code Praxis knows"
    return None


def normalise_code(code: str) -> str:
    """Return a code with spacing and case tidied (``SWE: 4.3`` → ``swe:4.3``)."""
    prefix, sep, item = code.strip().partition(":")
    return f"{prefix.strip().lower()}{sep}{item.strip()}" if sep else code.strip()


@cache
def headings() -> dict[str, tuple[str, dict[str, str]]]:
    """Return each code prefix's framework name and its top-level headings (item → name), in order.

    Only prefixes whose data names headings are listed (``pcf``: the nine domains; ``swe``: the six
    standards).
    """
    text = (Path(__file__).parent / "data" / "standards.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    return {
        prefix: (entry["name"], dict(entry["headings"]))
        for prefix, entry in data.items()
        if "headings" in entry
    }


def heading_of(code: str) -> tuple[str, str] | None:
    """Return ``(prefix, heading item)`` a code counts under (``swe:4.3`` → ``("swe", "4")``), or None."""
    prefix, sep, item = normalise_code(code).partition(":")
    known = headings().get(prefix)
    if not sep or known is None:
        return None
    top = item.split(".")[0]
    return (prefix, top) if top in known[1] else None
