"""Reading a number of hours as people write it: ``1.5``, ``1:30``, ``90m``, ``1h30``, ``2 hours``.

This is the one place hours are read: the forms, the command line's ``--hours`` and CSV imports
all come here, so each accepts the same spellings and says the same thing when it cannot.
"""

from __future__ import annotations

import math
import re

HOURS_ACCEPTED = "write 1.5, 1:30, 90m or 1h30"
"""What the message about hours that cannot be read says is accepted."""

_NUMBER = r"(\d+(?:\.\d*)?|\.\d+)"
_HOUR_UNIT = r"(?:h|hr|hrs|hour|hours)\.?"
_MINUTE_UNIT = r"(m|min|mins|minute|minutes)\.?"
_SPOKEN = re.compile(rf"(?:{_NUMBER}\s*{_HOUR_UNIT})?\s*(?:(?:and\s+)?{_NUMBER}\s*(?:{_MINUTE_UNIT})?)?")
_CLOCK = re.compile(r"(\d+):([0-5]\d)")


class HoursError(ValueError):
    """Text that is not a number of hours; ``str()`` says what is accepted."""


def parse_hours(text: str) -> float:
    """Return the hours ``text`` means, as a float; raise ``HoursError`` if it means none.

    Accepts a decimal (``1.5``, ``1,5``), a clock (``1:30``), minutes (``90m``, ``45 mins``),
    hours (``2 hours``, ``7h``) and both (``1h30``, ``1h 30m``, ``1 hour 30 minutes``). A bare
    number after hours is minutes (``1h30``); a bare number alone is hours (``1.5``).
    """
    raw = re.sub(r"(\d),(\d)", r"\1.\2", text.strip().lower())
    if clock := _CLOCK.fullmatch(raw):
        return int(clock.group(1)) + int(clock.group(2)) / 60
    spoken = _SPOKEN.fullmatch(raw)
    if not raw or spoken is None or (spoken.group(1) is None and spoken.group(2) is None):
        raise HoursError(f"'{text.strip()}' is not a number of hours; {HOURS_ACCEPTED}")
    hours, number, minute_unit = spoken.group(1), spoken.group(2), spoken.group(3)
    total = float(hours) if hours else 0.0
    if number is not None:
        if hours is not None or minute_unit is not None:
            total += float(number) / 60
        else:
            total = float(number)
    if not math.isfinite(total):
        raise HoursError(f"'{text.strip()}' is not a number of hours; {HOURS_ACCEPTED}")
    return round(total, 4)
