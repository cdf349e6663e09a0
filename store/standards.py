"""The catalogue of standard codes (``swe:4.3``, ``pcf:6``) a record may evidence."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path


@cache
def _data() -> dict[str, dict]:
    """The bundled standards data, read once."""
    text = (Path(__file__).parent / "data" / "standards.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


@cache
def catalogue() -> dict[str, frozenset[str]]:
    """Return each known code prefix with the set of items it holds, read from the bundled data."""
    return {prefix: frozenset(entry["items"]) for prefix, entry in _data().items()}


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
    return {
        prefix: (entry["name"], dict(entry["headings"]))
        for prefix, entry in _data().items()
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


def framework_name(prefix: str) -> str:
    """The name of the framework a code prefix belongs to (``pcf`` → ``Professional Capabilities
    Framework (BASW, 2018)``); the prefix itself if Praxis does not know it."""
    return str(_data().get(prefix, {}).get("name", prefix))


def code_name(code: str) -> str:
    """What a code stands for, in words: ``pcf:6`` → ``Critical Reflection and Analysis``; a
    sub-standard names its heading (``swe:4.3`` → ``part of 4: Maintain continuing professional
    development``); "" for a code Praxis does not know."""
    code = normalise_code(code)
    if check_code(code) is not None:
        return ""
    prefix, _, item = code.partition(":")
    names = headings().get(prefix, ("", {}))[1]
    if item in names:
        return names[item]
    top = item.split(".")[0]
    return f"part of {top}: {names[top]}" if top in names else ""


def all_codes(first: list[str] | tuple[str, ...] = ()) -> list[str]:
    """Every code Praxis knows, in the data's order; the prefixes named in ``first`` (the
    frameworks a person follows) come before the others."""
    prefixes = list(_data())
    ordered = [p for p in first if p in prefixes] + [p for p in prefixes if p not in first]
    return [f"{prefix}:{item}" for prefix in ordered for item in _data()[prefix]["items"]]
