"""UK public (bank) holidays: from the ``holidays`` library, remembered between runs.

Loading the library and its UK calendar costs about 70 ms of CPU, more than the rest of a small
command (issue 16); the dates themselves never change for a given release of the library. So each
year's table, once worked out, is kept in ``holidays.json`` in the user cache folder, marked with
the library's release (the location, size and time of its installed files), and read from there
until the library changes. A missing, unreadable or stale file is worked out afresh and written
again; a file that cannot be written is let go.
"""

from __future__ import annotations

import importlib.util
import os
from datetime import date
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import orjson

CACHE_FILE = "holidays.json"


@cache
def _library_release() -> str:
    """What tells one installed ``holidays`` from another, without importing it."""
    spec = importlib.util.find_spec("holidays")
    if spec is None or spec.origin is None:
        return ""
    folder = Path(spec.origin).parent
    marks = [str(folder)]
    for name in ("__init__.py", "version.py"):
        try:
            st = os.stat(folder / name)
        except OSError:
            continue
        marks.append(f"{name}:{st.st_size}:{st.st_mtime_ns}")
    return "|".join(marks)


def cache_path() -> Path:
    """The file the tables are kept in."""
    from praxis_socialwork.store.paths import cache_dir

    return cache_dir() / CACHE_FILE


@cache
def _kept() -> dict[str, Any]:
    """The tables in the cache file, if it is readable and was written for this release."""
    try:
        doc = orjson.loads(cache_path().read_bytes())
    except (OSError, ValueError):
        return {}
    if not isinstance(doc, dict) or doc.get("release") != _library_release():
        return {}
    years = doc.get("years")
    return years if isinstance(years, dict) else {}


@lru_cache(maxsize=64)
def year_holidays(subdiv: str, year: int) -> dict[date, str]:
    """The public holidays of one UK subdivision (ENG, WLS, SCT, NIR) in ``year``: date -> name."""
    key = f"{subdiv}-{year}"
    table = _kept().get(key)
    if isinstance(table, dict):
        try:
            return {date.fromisoformat(day): str(name) for day, name in table.items()}
        except (TypeError, ValueError):
            pass  # damaged: worked out afresh below
    import holidays

    found = dict(holidays.country_holidays("GB", subdiv=subdiv, years=year))
    _remember(key, {day.isoformat(): name for day, name in found.items()})
    return found


def _remember(key: str, table: dict[str, str]) -> None:
    from praxis_socialwork.store.errors import PraxisError
    from praxis_socialwork.store.files import atomic_write

    years = _kept()
    years[key] = table
    try:
        atomic_write(cache_path(), orjson.dumps({"release": _library_release(), "years": years}))
    except (OSError, PraxisError):
        pass  # the next run works the year out again
