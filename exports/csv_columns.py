"""The CSV layouts Praxis reads and writes: which columns each kind of file has and what they mean.

The header tells which file it is: activities have ``title``, placement days ``placement``,
placements ``name`` and ``start``. Lists (standards, tags, evidence, weekdays) are separated by ``;``;
an item that holds a ``;`` is in double quotes (``"Mental health; wellbeing";adults``, see
``store.field_reader.join_items``), so a spreadsheet shows it plainly and it imports back whole.
An ``id`` column is written on export and optional on import, so an exported file imports back
to the same records.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, TypeVar

from praxis_socialwork.store import (
    Activity,
    NotFoundError,
    Placement,
    PlacementDay,
    Record,
    Repository,
    vocab,
)
from praxis_socialwork.store.field_reader import FieldReader, join_items

Cells = dict[str, tuple[str, int]]  # column name -> (text, 1-based column number)
R = TypeVar("R", bound=Record)

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
    # What makes a row the same record as one already kept when it has no id: for placements their
    # name, for days their placement and date (activities: the same content). Where a match
    # differs, ``conflict`` says why it is refused; without it the row updates the match.
    natural_key: Callable[[Any], object] | None = None
    natural_field: str = ""
    conflict: Callable[[Any], str] | None = None

    def detect(self, header: set[str]) -> bool:
        """Whether a header with these column names is this kind of file."""
        return set(self.required) <= header


def _get(cells: Cells, name: str) -> str | None:
    return unprotect(cells[name][0]) if name in cells else None


def _col(cells: Cells, name: str) -> int | None:
    return cells[name][1] if name in cells else None


@dataclass(frozen=True)
class Choice:
    """A column holding one of a fixed set of words."""

    allowed: tuple[str, ...]
    what: str
    default: str


# How each column is read: "text", "date", "number", "whole", "codes", "items", "weekdays", or a Choice.
Spec = dict[str, "str | Choice"]


def read_fields(r: FieldReader, cells: Cells, rec: R, spec: Spec) -> R:
    """Set each field of ``rec`` whose column is in ``cells``, read as ``spec`` says; return ``rec``."""
    for name, how in spec.items():
        if name not in cells:
            continue
        text, column = unprotect(cells[name][0]), cells[name][1]
        value: Any
        if isinstance(how, Choice):
            value = r.choice(name, text, how.allowed, how.what, how.default, column)
        elif how == "text":
            value = r.text(text)
        elif how == "date":
            value = r.date(name, text, column)
        elif how == "number":
            value = r.number(name, text, column)
        elif how == "whole":
            value = r.whole_number(name, text, column)
        elif how == "codes":
            value = r.codes(text)
        elif how == "items":
            value = r.items(text)
        else:
            value = r.weekdays(name, text, column)
        setattr(rec, name, value)
    return rec


# -- activities ---------------------------------------------------------------------------------
ACTIVITY_COLUMNS = (
    "date", "title", "type", "hours", "provider", "description", "learning", "impact", "peer",
    "peer_reflection", "standards", "tags", "status", "end_date", "peer_role", "evidence", "id",
)  # fmt: skip


def _activity_row(a: Activity, repo: Repository) -> list[str]:
    return [
        _day(a.date), protect(a.title), a.type, _num(a.hours), protect(a.provider),
        protect(a.description), protect(a.learning), protect(a.impact), protect(a.peer),
        protect(a.peer_reflection), protect(join_items(a.standards)), protect(join_items(a.tags)),
        a.status, _day(a.end_date), protect(a.peer_role), protect(join_items(a.evidence)), a.id,
    ]  # fmt: skip


ACTIVITY_FIELDS: Spec = {
    "date": "date", "end_date": "date", "title": "text", "hours": "number", "provider": "text",
    "description": "text", "learning": "text", "impact": "text", "peer": "text", "peer_role": "text",
    "peer_reflection": "text", "standards": "codes", "tags": "items", "evidence": "items",
    "type": Choice(vocab.ACTIVITY_TYPES, "activity type", "other"),
    "status": Choice(vocab.ACTIVITY_STATUSES, "status", "complete"),
}  # fmt: skip


def _activity_from(r: FieldReader, cells: Cells, base: Activity | None, repo: Repository) -> Activity:
    return read_fields(r, cells, replace(base) if base else Activity(), ACTIVITY_FIELDS)


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


PLACEMENT_FIELDS: Spec = {
    "name": "text", "agency": "text", "practice_educator": "text", "supervisor": "text",
    "start": "date", "planned_end": "date", "required_days": "whole", "weekdays": "weekdays",
    "hours_per_day": "number",
    "setting": Choice(vocab.SETTINGS, "setting", "other"),
    "kind": Choice(vocab.PLACEMENT_KINDS, "placement kind", "other"),
}  # fmt: skip


def _placement_from(r: FieldReader, cells: Cells, base: Placement | None, repo: Repository) -> Placement:
    rec = read_fields(r, cells, replace(base) if base else Placement(), PLACEMENT_FIELDS)
    defaults = Placement()
    for name in ("weekdays", "hours_per_day"):  # blank means the usual, not nothing
        if getattr(rec, name) is None:
            setattr(rec, name, getattr(defaults, name))
    rec.required_days = rec.required_days or 0
    return rec


# -- placement days -----------------------------------------------------------------------------
DAY_COLUMNS = ("placement", "date", "hours", "kind", "note", "id")


def _day_row(d: PlacementDay, repo: Repository) -> list[str]:
    placement = repo.get(Placement, d.placement_id)
    return [protect(placement.name), _day(d.date), _num(d.hours), d.kind, protect(d.note), d.id]


DAY_FIELDS: Spec = {
    "date": "date", "hours": "number", "note": "text",
    "kind": Choice(vocab.DAY_KINDS, "kind of day", "practice"),
}  # fmt: skip


def _day_from(r: FieldReader, cells: Cells, base: PlacementDay | None, repo: Repository) -> PlacementDay:
    rec = read_fields(r, cells, replace(base) if base else PlacementDay(), DAY_FIELDS)
    if "placement" in cells:
        ref = r.text(_get(cells, "placement"))
        if not ref:
            r.problem("placement", "the placement's name or id is required", _col(cells, "placement"))
        else:
            try:
                rec.placement_id = repo.find_placement(ref).id
            except NotFoundError as exc:
                r.problem("placement", str(exc), _col(cells, "placement"))
    if rec.hours is None and rec.kind in vocab.NO_HOURS_DAY_KINDS:
        rec.hours = 0.0  # an absence is logged with no hours
    return rec


ACTIVITIES = CsvKind(
    "activities", "activities.csv", Activity, ACTIVITY_COLUMNS, ("date", "title", "hours"),
    _activity_row, _activity_from,
)  # fmt: skip
PLACEMENTS = CsvKind(
    "placements", "placements.csv", Placement, PLACEMENT_COLUMNS, ("name", "start", "required_days"),
    _placement_row, _placement_from,
    natural_key=lambda p: p.name.strip().lower(), natural_field="name",
)  # fmt: skip
DAYS = CsvKind(
    "placement days", "placement_days.csv", PlacementDay, DAY_COLUMNS, ("placement", "date", "hours"),
    _day_row, _day_from,
    natural_key=lambda d: (d.placement_id, d.date) if d.date else None, natural_field="date",
    conflict=lambda d: f"this placement already has a day on {d.date} ({d.hours:g} h, {d.kind}) "
    "that differs from this row",
)  # fmt: skip

# Export writes placements before the days that name them; import detects by header.
KINDS = (ACTIVITIES, PLACEMENTS, DAYS)
