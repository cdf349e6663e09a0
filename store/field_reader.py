"""Turning typed text (a command-line flag, a CSV cell, a form field) into field values.

A ``FieldReader`` collects every problem instead of stopping at the first, so a person sees all
that is wrong at once; each problem names the field and, for files, the line and column.

A list (tags, evidence, standards) typed in one cell or field is its items with ``;`` between them.
An item that holds a ``;`` itself is put in double quotes, its own double quotes doubled, as a
spreadsheet does for a cell that holds a comma: ``"Mental health; wellbeing";adults``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from praxis_socialwork.store import validation, vocab
from praxis_socialwork.store.dates import DateError, parse_date
from praxis_socialwork.store.errors import Problem, ValidationError
from praxis_socialwork.store.hours import HoursError, parse_hours
from praxis_socialwork.store.models import Record
from praxis_socialwork.store.standards import normalise_code


def join_items(items: Iterable[str], sep: str = ";") -> str:
    """Write a list as one cell that ``split_items`` reads back to the same items.

    Items are joined by ``sep``; one that holds ``sep``, or starts with a double quote, is put in
    double quotes with its own double quotes doubled (``"Mental health; wellbeing";adults``).
    """
    return sep.join(
        '"' + item.replace('"', '""') + '"' if sep in item or item.lstrip().startswith('"') else item
        for item in items
    )


def split_items(text: str, sep: str = ";") -> list[str]:
    """Split a list typed as ``a; b; "c; d"`` into its items, spaces around each removed and empty
    ones left out.

    An item that starts with a double quote runs to its closing quote (``""`` inside is one quote)
    and may hold ``sep``. Where no closing quote is followed by ``sep`` or the end (``5" screen``),
    the item is read up to the next ``sep`` as it stands, as every list was before quoting was used.
    """
    parts: list[str] = []
    start, end = 0, len(text)
    while start <= end:
        first = start
        while first < end and text[first].isspace():
            first += 1
        quoted = _quoted_item(text, first, sep) if text.startswith('"', first) else None
        if quoted is not None:
            item, start = quoted
        else:
            stop = text.find(sep, start)
            stop = end if stop == -1 else stop
            item, start = text[start:stop], stop + len(sep)
        if item.strip():
            parts.append(item.strip())
    return parts


def _quoted_item(text: str, opening: int, sep: str) -> tuple[str, int] | None:
    """The item in double quotes at ``opening`` and where the next item starts, or None when the
    quotes do not close just before ``sep`` or the end."""
    chunks: list[str] = []
    at = opening + 1
    while True:
        close = text.find('"', at)
        if close == -1:
            return None
        if text.startswith('"', close + 1):  # a doubled quote is one quote in the item
            chunks.append(text[at : close + 1])
            at = close + 2
            continue
        chunks.append(text[at:close])
        after = close + 1
        while after < len(text) and text[after].isspace():
            after += 1
        if after == len(text):
            return "".join(chunks), after + len(sep)
        if text.startswith(sep, after):
            return "".join(chunks), after + len(sep)
        return None


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
        """Split a list typed as ``a; b; "c; d"`` (or given as a list) into its non-empty items; see
        ``split_items`` for an item in double quotes."""
        if isinstance(value, list):
            return [p.strip() for p in value if p.strip()]
        return split_items(value or "", sep)

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
