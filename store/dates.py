"""Reading dates as people in the UK type them: ISO or day first, never the US way."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

from praxis_socialwork.store.errors import PraxisError

# A time of midnight after a date is what spreadsheets add when saving a date cell.
_MIDNIGHT = r"(?:[T ]0?0:00(?::00)?)?"
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})" + _MIDNIGHT + "$")
_NUMERIC = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})" + _MIDNIGHT + "$")
_RELATIVE = {"today": 0, "yesterday": -1, "tomorrow": 1}


class DateError(PraxisError, ValueError):
    """A text that is not a date Praxis accepts; the message says why (and reaches a person as is)."""


def parse_date(text: str, *, today: date | None = None) -> date:
    """Read a typed date and return it, or raise ``DateError`` saying what is wrong.

    Accepts ``2026-03-04`` (ISO), ``04/03/2026`` / ``4.3.26`` (day first, as the UK writes),
    ``4 March 2026``, and, when ``today`` is given, ``today``, ``yesterday`` and ``tomorrow``.
    A numeric date whose second number is above 12 is refused rather than read month-first.
    """
    raw = text.strip()
    if not raw:
        raise DateError("a date is required")
    lowered = raw.lower()
    if lowered in _RELATIVE:
        if today is None:
            raise DateError(f"'{raw}' needs to know today's date; give the date itself")
        return today + timedelta(days=_RELATIVE[lowered])
    if m := _ISO.match(raw):
        year, month, day = (int(g) for g in m.groups())
        return _build(raw, year, month, day)
    if m := _NUMERIC.match(raw):
        day, month, year = (int(g) for g in m.groups())
        if len(m.group(3)) == 2:
            year += 2000
        if month > 12 and day <= 12:
            raise DateError(
                f"'{raw}' is not a date: {month} is not a month. "
                "Dates are day first (DD/MM/YYYY), e.g. 04/03/2026 for 4 March 2026"
            )
        return _build(raw, year, month, day)
    if re.search(r"[A-Za-z]{3}", raw):
        from dateutil import parser as dateutil_parser  # only month names need it; it is slow to load

        try:
            parsed = dateutil_parser.parse(raw, dayfirst=True, default=datetime(_NO_YEAR, 1, 1, tzinfo=UTC))
        except (ValueError, OverflowError) as exc:
            raise DateError(f"'{raw}' is not a date Praxis understands") from exc
        if parsed.year == _NO_YEAR:
            raise DateError(f"'{raw}' has no year; write it like 4 March 2026")
        return parsed.date()
    raise DateError(f"'{raw}' is not a date Praxis understands; write 2026-03-04 or 04/03/2026 (day first)")


# A year nobody types, so a date without a year can be told apart.
_NO_YEAR = 404


def _build(raw: str, year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise DateError(f"'{raw}' is not a real date ({exc})") from exc


def format_typed(value: date) -> str:
    """Return a date as a person types it in a form, day first: ``04/03/2026``."""
    return f"{value:%d/%m/%Y}"


def format_uk(value: date) -> str:
    """Return a date as people read it back, e.g. ``Wed 4 Mar 2026``."""
    return f"{value:%a} {value.day} {value:%b %Y}"
