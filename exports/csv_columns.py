"""The CSV layouts Praxis reads and writes: which columns each kind of file has and what they mean.

The header tells which file it is: activities have ``title``, placement days ``placement``,
placements ``name`` and ``start``. Lists (standards, tags, evidence, weekdays) are separated by ``;``.
An ``id`` column is written on export and optional on import, so an exported file imports back
to the same records.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from store import Activity, Placement, PlacementDay, Record, Repository, vocab
from store.field_reader import FieldReader

Cells = dict[str, tuple[str, int]]  # column name -> (text, 1-based column number)

# Spreadsheets run a cell that starts with one of these as a formula. Written text gets a
# leading apostrophe, which spreadsheets hide and which reading a file back removes.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def protect(text: str) -> str:
    """Return text safe to open in a spreadsheet (a formula-like start gets an apostrophe)."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def unprotect(text: str) -> str:
    """Undo ``protect``."""
    return text[1:] if text.startswith("'") and text[1:].startswith(_FORMULA_START) else text


def _num(value: float | int | None) -> str:
    return "" if value is None else f"{value:g}"


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


@dataclass(frozen=True)
class CsvKind:
    """One kind of CSV file: its columns, which are required, and how rows map to records."""

    name: str
    file_name: str
    record_type: type[Record]
    columns: tuple[str, ...]
    required: tuple[str, ...]
    to_row: Callable[[Any, Repository], list[str]]
    from_row: Callable[[FieldReader, Cells, Any, Repository], Record]

    def detect(self, header: set[str]) -> bool:
        """Whether a header with these column names is this kind of file."""
        return set(self.required) <= header


def _get(cells: Cells, name: str) -> str | None:
    return unprotect(cells[name][0]) if name in cells else None


def _col(cells: Cells, name: str) -> int | None:
    return cells[name][1] if name in cells else None


# -- activities ---------------------------------------------------------------------------------
ACTIVITY_COLUMNS = (
    "date", "title", "type", "hours", "provider", "description", "learning", "impact", "peer",
    "peer_reflection", "standards", "tags", "status", "end_date", "peer_role", "evidence", "id",
)  # fmt: skip


def _activity_row(a: Activity, repo: Repository) -> list[str]:
    return [
        _day(a.date), protect(a.title), a.type, _num(a.hours), protect(a.provider),
        protect(a.description), protect(a.learning), protect(a.impact), protect(a.peer),
        protect(a.peer_reflection), ";".join(a.standards), protect(";".join(a.tags)), a.status,
        _day(a.end_date), protect(a.peer_role), protect(";".join(a.evidence)), a.id,
    ]  # fmt: skip


def _activity_from(r: FieldReader, cells: Cells, base: Activity | None, repo: Repository) -> Activity:
    rec = replace(base) if base else Activity()
    texts = (
        "title",
        "provider",
        "description",
        "learning",
        "impact",
        "peer",
        "peer_reflection",
        "peer_role",
    )
    for name in texts:
        if name in cells:
            setattr(rec, name, r.text(_get(cells, name)))
    if "date" in cells:
        rec.date = r.date("date", _get(cells, "date"), _col(cells, "date"))
    if "end_date" in cells:
        rec.end_date = r.date("end_date", _get(cells, "end_date"), _col(cells, "end_date"))
    if "hours" in cells:
        rec.hours = r.number("hours", _get(cells, "hours"), _col(cells, "hours"))
    if "type" in cells:
        rec.type = r.choice(
            "type",
            _get(cells, "type"),
            vocab.ACTIVITY_TYPES,
            "activity type",
            "other",
            _col(cells, "type"),
        )
    if "status" in cells:
        rec.status = r.choice(
            "status",
            _get(cells, "status"),
            vocab.ACTIVITY_STATUSES,
            "status",
            "complete",
            _col(cells, "status"),
        )
    if "standards" in cells:
        rec.standards = r.codes(_get(cells, "standards"))
    if "tags" in cells:
        rec.tags = r.items(_get(cells, "tags"))
    if "evidence" in cells:
        rec.evidence = r.items(_get(cells, "evidence"))
    return rec


# -- placements ---------------------------------------------------------------------------------
PLACEMENT_COLUMNS = (
    "name", "agency", "setting", "kind", "start", "planned_end", "required_days", "weekdays",
    "hours_per_day", "practice_educator", "supervisor", "id",
)  # fmt: skip


def _placement_row(p: Placement, repo: Repository) -> list[str]:
    return [
        protect(p.name), protect(p.agency), p.setting, p.kind, _day(p.start), _day(p.planned_end),
        str(p.required_days), ";".join(p.weekdays), _num(p.hours_per_day),
        protect(p.practice_educator), protect(p.supervisor), p.id,
    ]  # fmt: skip


def _placement_from(r: FieldReader, cells: Cells, base: Placement | None, repo: Repository) -> Placement:
    rec = replace(base) if base else Placement()
    for name in ("name", "agency", "practice_educator", "supervisor"):
        if name in cells:
            setattr(rec, name, r.text(_get(cells, name)))
    if "setting" in cells:
        rec.setting = r.choice(
            "setting",
            _get(cells, "setting"),
            vocab.SETTINGS,
            "setting",
            "other",
            _col(cells, "setting"),
        )
    if "kind" in cells:
        rec.kind = r.choice(
            "kind",
            _get(cells, "kind"),
            vocab.PLACEMENT_KINDS,
            "placement kind",
            "other",
            _col(cells, "kind"),
        )
    for name in ("start", "planned_end"):
        if name in cells:
            setattr(rec, name, r.date(name, _get(cells, name), _col(cells, name)))
    if "required_days" in cells:
        rec.required_days = (
            r.whole_number("required_days", _get(cells, "required_days"), _col(cells, "required_days")) or 0
        )
    if "weekdays" in cells:
        days = r.weekdays("weekdays", _get(cells, "weekdays"), _col(cells, "weekdays"))
        if days is not None:
            rec.weekdays = days
    if "hours_per_day" in cells:
        hours = r.number("hours_per_day", _get(cells, "hours_per_day"), _col(cells, "hours_per_day"))
        if hours is not None:
            rec.hours_per_day = hours
    return rec


# -- placement days -----------------------------------------------------------------------------
DAY_COLUMNS = ("placement", "date", "hours", "kind", "note", "id")


def _day_row(d: PlacementDay, repo: Repository) -> list[str]:
    placement = repo.get(Placement, d.placement_id)
    return [protect(placement.name), _day(d.date), _num(d.hours), d.kind, protect(d.note), d.id]


def _day_from(r: FieldReader, cells: Cells, base: PlacementDay | None, repo: Repository) -> PlacementDay:
    from store import NotFoundError

    rec = replace(base) if base else PlacementDay()
    if "placement" in cells:
        ref = r.text(_get(cells, "placement"))
        if not ref:
            r.problem("placement", "the placement's name or id is required", _col(cells, "placement"))
        else:
            try:
                rec.placement_id = repo.find_placement(ref).id
            except NotFoundError as exc:
                r.problem("placement", str(exc), _col(cells, "placement"))
    if "date" in cells:
        rec.date = r.date("date", _get(cells, "date"), _col(cells, "date"))
    if "kind" in cells:
        rec.kind = r.choice(
            "kind",
            _get(cells, "kind"),
            vocab.DAY_KINDS,
            "kind of day",
            "practice",
            _col(cells, "kind"),
        )
    if "hours" in cells:
        hours = r.number("hours", _get(cells, "hours"), _col(cells, "hours"))
        rec.hours = 0.0 if hours is None and rec.kind in ("absence", "sick", "bank-holiday") else hours  # type: ignore[assignment]
    if "note" in cells:
        rec.note = r.text(_get(cells, "note"))
    return rec


ACTIVITIES = CsvKind(
    "activities", "activities.csv", Activity, ACTIVITY_COLUMNS, ("date", "title", "hours"),
    _activity_row, _activity_from,
)  # fmt: skip
PLACEMENTS = CsvKind(
    "placements", "placements.csv", Placement, PLACEMENT_COLUMNS, ("name", "start", "required_days"),
    _placement_row, _placement_from,
)  # fmt: skip
DAYS = CsvKind(
    "placement days", "placement_days.csv", PlacementDay, DAY_COLUMNS, ("placement", "date", "hours"),
    _day_row, _day_from,
)  # fmt: skip

# Export writes placements before the days that name them; import detects by header.
KINDS = (ACTIVITIES, PLACEMENTS, DAYS)
