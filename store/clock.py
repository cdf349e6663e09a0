"""The one place Praxis learns the time. Everything else is handed a clock."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Protocol
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")


class Clock(Protocol):
    """Something that can say what time it is now, as an aware datetime."""

    def now(self) -> datetime: ...


class SystemClock:
    """The real clock."""

    def now(self) -> datetime:
        """Return the current time in UTC."""
        return datetime.now(tz=UTC)


class FixedClock:
    """A clock stopped at one instant (tests, benchmarks, `--on DATE`)."""

    def __init__(self, at: datetime) -> None:
        if at.tzinfo is None:
            at = at.replace(tzinfo=LONDON)
        self._at = at

    def now(self) -> datetime:
        """Return the fixed instant."""
        return self._at

    def advance(self, **delta: float) -> None:
        """Move the clock forward (keyword arguments as for ``timedelta``)."""
        from datetime import timedelta

        self._at = self._at + timedelta(**delta)


def today(clock: Clock) -> date:
    """Return the UK calendar date at the clock's current instant."""
    return clock.now().astimezone(LONDON).date()


def uk_day(stamp: str) -> date:
    """The UK calendar date of a stored UTC timestamp: just after midnight in summer is the next
    day in the UK, though still the day before in UTC. A stamp without a zone is taken as written."""
    try:
        at = datetime.fromisoformat(stamp)
    except ValueError:
        return date.fromisoformat(stamp[:10])
    return at.astimezone(LONDON).date() if at.tzinfo else at.date()


def stamp(clock: Clock) -> str:
    """Return the clock's instant as an ISO 8601 UTC timestamp for the store."""
    return clock.now().astimezone(UTC).isoformat(timespec="seconds")
