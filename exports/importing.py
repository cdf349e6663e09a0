"""Bringing one file in, whatever it is: a bundle (``….praxis.json``), an iCalendar file (its events as
plans) or a CSV file, chosen by the file's name. ``praxis import`` and the app's import dialog both
call ``import_file``; each kind is all or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from praxis_socialwork.store import Repository

KINDS_ACCEPTED = "a bundle (.praxis.json), a calendar (.ics) or a CSV file (.csv)"


def import_file(repo: Repository, path: Path) -> list[str]:
    """Import ``path`` into ``repo`` (by its name: bundle, iCalendar or CSV); return the lines that say
    what came in. Raises ``PraxisError`` (naming the line and field) with nothing imported."""
    from praxis_socialwork.exports.bundle import import_bundle, is_bundle
    from praxis_socialwork.exports.ical_import import import_ics, is_ics

    path = Path(path)
    if is_bundle(path):
        return [import_bundle(repo, path).summary()]
    if is_ics(path):
        return [import_ics(repo, path).summary(path)]
    from praxis_socialwork.exports.csv_io import import_csv

    result = import_csv(repo, path)
    lines = [result.summary(path)]
    if result.encoding != "UTF-8":
        lines.append(f"(read as {result.encoding} text)")
    return lines
