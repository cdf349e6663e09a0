"""Turning typed text (a command-line flag, a CSV cell, a form field) into field values.

A ``FieldReader`` collects every problem instead of stopping at the first, so a person sees all
that is wrong at once; each problem names the field and, for files, the line and column.
"""

from __future__ import annotations

from datetime import date

from store import validation, vocab
from store.dates import DateError, parse_date
from store.errors import Problem, ValidationError
from store.hours import HoursError, parse_hours
from store.models import Record
from store.standards import normalise_code


class FieldReader:
    """Reads text values for one record, remembering each problem with where it was found."""

    def __init__(self, today: date, line: int | None = None) -> None:
        self.today = today
        self.line = line
        self.problems: list[Problem] = []

    def problem(self, field: str, message: str, column: int | None = None) -> None:
        """Record a problem with ``field``."""
        self.problems.append(Problem(field, message, self.line, column))

    def text(self, value: str | None) -> str:
        """Return text with surrounding spaces removed ('' for nothing)."""
        return (value or "").strip()

    def date(self, field: str, value: str | None, column: int | None = None) -> date | None:
        """Return the date typed, or None if blank or wrong (wrong is recorded)."""
        raw = self.text(value)
        if not raw:
            return None
        try:
            return parse_date(raw, today=self.today)
        except DateError as exc:
            self.problem(field, str(exc), column)
            return None

    def number(self, field: str, value: str | None, column: int | None = None) -> float | None:
        """Return the hours typed (``7.5``, ``7,5``, ``1:30``, ``90m``, ``1h30``, ``2 hours``; see
        ``store.hours.parse_hours``), or None if blank or wrong (wrong is recorded, saying what is
        accepted). Every number a record holds is a number of hours."""
        raw = self.text(value)
        if not raw:
            return None
        try:
            return parse_hours(raw)
        except HoursError as exc:
            self.problem(field, str(exc), column)
            return None

    def whole_number(self, field: str, value: str | None, column: int | None = None) -> int | None:
        """Return the whole number typed, or None if blank or wrong."""
        raw = self.text(value)
        if not raw:
            return None
        try:
            return int(raw)
        except ValueError:
            self.problem(field, f"'{value}' is not a whole number", column)
            return None

    def choice(
        self,
        field: str,
        value: str | None,
        allowed: tuple[str, ...],
        what: str,
        default: str,
        column: int | None = None,
    ) -> str:
        """Return the allowed word meant by ``value`` (``default`` when blank)."""
        raw = self.text(value)
        if not raw:
            return default
        try:
            return vocab.choose(raw, allowed, what)
        except ValueError as exc:
            self.problem(field, str(exc), column)
            return default

    def items(self, value: str | list[str] | None, sep: str = ";") -> list[str]:
        """Split a list typed as ``a; b; c`` (or given as a list) into its non-empty items."""
        parts = value if isinstance(value, list) else (value or "").split(sep)
        return [p.strip() for p in parts if p.strip()]

    def codes(self, value: str | list[str] | None, sep: str = ";") -> list[str]:
        """Split and tidy standard codes (``SWE: 4.3; pcf:6`` → ``['swe:4.3', 'pcf:6']``)."""
        return [normalise_code(c) for c in self.items(value, sep)]

    def weekdays(self, field: str, value: str | None, column: int | None = None) -> list[str] | None:
        """Return working weekdays typed as ``mon,tue,wed`` or ``mon-fri``; None when blank."""
        raw = self.text(value)
        if not raw:
            return None
        found: list[str] = []
        for part in raw.replace(";", ",").split(","):
            part = part.strip()
            if not part:
                continue
            start, dash, end = part.partition("-")
            try:
                if dash:
                    a = vocab.WEEKDAYS.index(vocab.choose(start, vocab.WEEKDAYS, "weekday"))
                    b = vocab.WEEKDAYS.index(vocab.choose(end, vocab.WEEKDAYS, "weekday"))
                    found += [d for d in vocab.WEEKDAYS[a : b + 1] if d not in found]
                else:
                    day = vocab.choose(part, vocab.WEEKDAYS, "weekday")
                    if day not in found:
                        found.append(day)
            except ValueError as exc:
                self.problem(field, str(exc), column)
        return sorted(found, key=vocab.WEEKDAYS.index)

    def check(self, record: Record, columns: dict[str, int] | None = None) -> None:
        """Raise ``ValidationError`` with the reading problems plus the record's own problems.

        A field that could not be read is reported once, for why it could not be read.
        """
        flagged = {p.field for p in self.problems}
        columns = columns or {}
        found = list(self.problems)
        for p in validation.problems(record, self.today):
            if p.field not in flagged:
                found.append(Problem(p.field, p.message, self.line, columns.get(p.field)))
        if found:
            raise ValidationError(found)
