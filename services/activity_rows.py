"""Activities as table rows: the cells shown, how they sort, and which ones a filter keeps.

No Textual here, so it can be timed and tested on its own. Each activity becomes one ``ActivityRow``
holding its cells, its sort keys and one lower-cased search string, made once and reused until the
activity changes; sorting and filtering 10,000 rows then costs a few milliseconds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from itertools import compress, repeat
from operator import attrgetter, contains
from typing import Any

from praxis_socialwork.store import Activity

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

# (key, heading, width, flex, align): what the table shows, in order.
COLUMNS: tuple[tuple[str, str, int, bool, str], ...] = (
    ("date", "Date", 11, False, "left"),
    ("title", "Title", 20, True, "left"),
    ("type", "Type", 15, False, "left"),
    ("hours", "Hours", 5, False, "right"),
    ("status", "Status", 8, False, "left"),
    ("standards", "Standards", 12, False, "left"),
)
SORT_KEYS: tuple[str, ...] = tuple(c[0] for c in COLUMNS)
# The direction each column sorts in first: newest and longest first, words A to Z.
DESCENDING_FIRST = frozenset({"date", "hours"})

ALL = ""  # the filter value that keeps everything
PERIODS: tuple[str, ...] = ("all", "cpd-year", "12-months", "30-days", "calendar-year")


_DAYS: dict[date, str] = {}
_HOURS: dict[float, str] = {}
_NO_TAGS: frozenset[str] = frozenset()


def day_text(value: date | None) -> str:
    """A date as the table shows it: ``22 Nov 2026`` (the same in every locale)."""
    if value is None:
        return "no date"
    text = _DAYS.get(value)
    if text is None:
        text = _DAYS[value] = f"{value.day:02d} {_MONTHS[value.month - 1]} {value.year}"
    return text


def hours_text(hours: float | None) -> str:
    """Hours as people write them: ``2``, ``1.5``, ``0.25``, ``1,234.5``; blank when unknown."""
    if hours is None:
        return ""
    text = _HOURS.get(hours)
    if text is None:
        rounded = round(hours, 2)
        if rounded == int(rounded):
            text = f"{int(rounded):,}"
        else:
            text = f"{rounded:,.2f}".rstrip("0")
        if len(_HOURS) < 10_000:
            _HOURS[hours] = text
    return text


class ActivityRow:
    """One activity as the table sees it. Only the id and date are read up front; the cells and
    the search text are made the first time they are wanted, then kept, so opening the screen on
    10,000 activities costs little more than the rows on screen."""

    __slots__ = ("_cells", "_search", "_tags", "activity", "date", "hours", "id")

    def __init__(self, activity: Activity) -> None:
        self.activity = activity
        self.id = activity.id
        self.date = activity.date
        self.hours: float = activity.hours or 0.0  # 0 when not given, to add up without a test
        self._cells: tuple[str, ...] | None = None
        self._search: str | None = None
        self._tags: frozenset[str] | None = None

    @property
    def cells(self) -> tuple[str, ...]:
        """The text of each column: date, title, type, hours, status, standards."""
        if self._cells is None:
            a = self.activity
            standards = " ".join(a.standards)
            self._cells = (day_text(a.date), a.title, a.type, hours_text(a.hours), a.status, standards)
        return self._cells

    @property
    def row(self) -> tuple[str, tuple[str, ...]]:
        """``(id, cells)``: a row as ``RecordTable`` takes it."""
        return self.id, self.cells

    @property
    def tags(self) -> frozenset[str]:
        """The activity's tags, lower-cased."""
        if self._tags is None:
            tags = self.activity.tags
            self._tags = frozenset(t.casefold() for t in tags) if tags else _NO_TAGS
        return self._tags

    def search_text(self) -> str:
        """Everything a search looks in, lower-cased, as one string (made once, then kept)."""
        if self._search is None:
            a = self.activity
            parts = (a.title, a.provider, a.description, a.learning, a.peer, a.peer_role)
            self._search = "\n".join((*parts, *a.standards, *a.tags)).casefold()
        return self._search


class TableRows(Sequence[tuple[str, tuple[str, ...]]]):
    """Rows for ``RecordTable.set_rows`` that make each row's cells only when the table draws it."""

    def __init__(self, rows: Sequence[ActivityRow]) -> None:
        self._rows = rows

    def __len__(self) -> int:
        return len(self._rows)

    def __getitem__(self, index):  # type: ignore[no-untyped-def, override]
        if isinstance(index, slice):
            return [r.row for r in self._rows[index]]
        return self._rows[index].row


class RowCache:
    """Rows for a list of activities, remade only for activities that changed since last time."""

    def __init__(self) -> None:
        self._last: list[ActivityRow] = []
        self._by_id: dict[str, ActivityRow] | None = {}

    def rows(self, activities: Iterable[Activity]) -> list[ActivityRow]:
        """One row per activity, in the same order; unchanged activities reuse their old row."""
        if not self._last:  # nothing to reuse
            out = [ActivityRow(a) for a in activities]
        else:
            old = self._index()
            out = []
            for a in activities:
                row = old.get(a.id)
                out.append(row if row is not None and row.activity is a else ActivityRow(a))
        self._last, self._by_id = out, None  # the index is made when first wanted
        return out

    def get(self, record_id: str) -> ActivityRow | None:
        """The row for ``record_id`` from the last ``rows`` call, or None."""
        return self._index().get(record_id)

    def _index(self) -> dict[str, ActivityRow]:
        if self._by_id is None:
            self._by_id = {r.id: r for r in self._last}
        return self._by_id


def _date_key(r: ActivityRow) -> date:
    return r.date or date.min


_SORT_KEYS: dict[str, Callable[[ActivityRow], Any]] = {
    "date": _date_key,
    "title": lambda r: r.activity.title.casefold(),
    "type": lambda r: r.activity.type,
    "hours": lambda r: r.activity.hours or 0.0,
    "status": lambda r: r.activity.status,
    "standards": lambda r: r.activity.standards,
}


def sort_rows(rows: Sequence[ActivityRow], key: str, descending: bool) -> list[ActivityRow]:
    """Rows sorted by column ``key``; ties stay newest first, and within a day in the order given.

    The session lists activities by date, then title, so ties within a day read A to Z.
    """
    if key not in _SORT_KEYS:
        raise ValueError(f"'{key}' is not a column to sort by; choose one of {', '.join(SORT_KEYS)}")
    if key == "date":
        return sorted(rows, key=_date_key, reverse=descending)
    newest = sorted(rows, key=_date_key, reverse=True)
    return sorted(newest, key=_SORT_KEYS[key], reverse=descending)


def next_sort(key: str) -> tuple[str, bool]:
    """The column after ``key`` (wrapping round) and the direction it sorts in first."""
    index = SORT_KEYS.index(key) if key in SORT_KEYS else -1
    following = SORT_KEYS[(index + 1) % len(SORT_KEYS)]
    return following, following in DESCENDING_FIRST


def cpd_year(today: date) -> tuple[date, date]:
    """The registration (CPD) year holding ``today``: 1 December to 30 November."""
    start_year = today.year if today.month == 12 else today.year - 1
    return date(start_year, 12, 1), date(start_year + 1, 11, 30)


def period_range(period: str, today: date) -> tuple[date, date] | None:
    """The first and last day ``period`` covers as of ``today``; None for all dates.

    ``cpd-year`` is the registration year (1 Dec to 30 Nov), ``calendar-year`` 1 Jan to 31 Dec,
    ``12-months`` and ``30-days`` end today.
    """
    if period in ("all", ALL):
        return None
    if period == "cpd-year":
        return cpd_year(today)
    if period == "12-months":
        try:
            year_ago = today.replace(year=today.year - 1)
        except ValueError:  # 29 February
            year_ago = today.replace(year=today.year - 1, day=28)
        return year_ago + timedelta(days=1), today
    if period == "30-days":
        return today - timedelta(days=29), today
    if period == "calendar-year":
        return date(today.year, 1, 1), date(today.year, 12, 31)
    raise ValueError(f"'{period}' is not a period; choose one of {', '.join(PERIODS)}")


def period_label(period: str, today: date) -> str:
    """A short name for ``period`` as of ``today`` ("CPD year 2025-26", "Last 30 days")."""
    if period == "cpd-year":
        start, end = cpd_year(today)
        return f"CPD year {start.year}-{end.year % 100:02d}"
    if period == "calendar-year":
        return f"This year ({today.year})"
    return {"all": "All dates", "12-months": "Last 12 months", "30-days": "Last 30 days"}.get(period, period)


@dataclass(frozen=True)
class ActivityFilter:
    """What the table is narrowed to: typed search words, a type, a status, a period and a tag.

    An empty string (``ALL``) keeps everything; ``period`` is one of ``PERIODS``.
    """

    text: str = ""
    type: str = ALL
    status: str = ALL
    period: str = "all"
    tag: str = ALL

    @property
    def narrowed(self) -> bool:
        """Whether anything is set, so that some rows may be hidden."""
        return self != ActivityFilter()


def refines(old: ActivityFilter, new: ActivityFilter) -> bool:
    """Whether every row ``new`` keeps is also kept by ``old``: only the search changed, by typing
    more at its end. Then ``new`` can filter ``old``'s rows instead of all of them."""
    return replace(old, text=new.text) == new and new.text.casefold().startswith(old.text.casefold())


def search_texts(rows: Iterable[ActivityRow]) -> list[str]:
    """Each row's search text (``ActivityRow.search_text``), in order."""
    return [r._search if r._search is not None else r.search_text() for r in rows]


def holding(rows: list[ActivityRow], words: Sequence[str]) -> list[ActivityRow]:
    """The rows whose search text holds every one of ``words`` (already lower-cased), in order."""
    if not words or not rows:
        return rows
    texts = search_texts(rows)
    for word in words:
        kept = list(map(contains, texts, repeat(word)))  # `word in text`, row by row, in C
        rows = list(compress(rows, kept))
        texts = list(compress(texts, kept))
    return rows


def search_words(text: str) -> list[str]:
    """The words typed in the search, as a search looks for them (lower-cased)."""
    return text.casefold().split()


def filter_rows(
    rows: Sequence[ActivityRow],
    flt: ActivityFilter,
    today: date,
    only: frozenset[str] | set[str] | None = None,
) -> list[ActivityRow]:
    """The rows ``flt`` keeps, in the order given; with ``only``, just rows whose id is in it.

    The search is case-insensitive and keeps rows holding every typed word (in the title,
    provider, description, learning, peer, standards or tags).
    """
    return holding(without_search(rows, flt, today, only), search_words(flt.text))


def without_search(
    rows: Sequence[ActivityRow],
    flt: ActivityFilter,
    today: date,
    only: frozenset[str] | set[str] | None = None,
) -> list[ActivityRow]:
    """The rows ``flt`` keeps before its search is looked at (type, status, period, tag, ``only``).
    Quick, as none of them reads the activities' texts."""
    out = list(rows)
    if only is not None:
        out = [r for r in out if r.id in only]
    if flt.type:
        out = [r for r in out if r.activity.type == flt.type]
    if flt.status:
        out = [r for r in out if r.activity.status == flt.status]
    span = period_range(flt.period, today)
    if span is not None:
        first, last = span
        out = [r for r in out if r.date is not None and first <= r.date <= last]
    if flt.tag:
        tag = flt.tag.casefold()
        out = [r for r in out if tag in r.tags]
    return out


class Search:
    """The rows of ``rows`` holding every one of ``words``, found a part at a time and in order.

    Searching the texts of 70,000 long activities takes a tenth of a second or more; the first
    screenful of matches takes a few milliseconds. So a screen asks for what it shows (``until``),
    draws it, and looks through the rest (``step``) while nothing else is waiting. ``found`` is the
    one list of matches so far: it only grows, and once ``done`` it is every match.
    """

    def __init__(self, rows: list[ActivityRow], words: Sequence[str]) -> None:
        self.words = list(words)
        self._rows = rows
        self.found: list[ActivityRow] = [] if self.words else rows
        self._next = 0 if self.words else len(rows)

    @property
    def done(self) -> bool:
        """Whether every row has been looked at."""
        return self._next >= len(self._rows)

    @property
    def looked_at(self) -> int:
        """How many of the rows have been looked at."""
        return self._next

    def step(self, count: int) -> None:
        """Look at the next ``count`` rows (or those left)."""
        start = self._next
        self._next = min(len(self._rows), start + count)
        self.found += holding(self._rows[start : self._next], self.words)

    def until(self, matches: int, at_least: int = 0, step: int = 2_000) -> None:
        """Look on until ``matches`` rows are found and ``at_least`` rows looked at (or all are)."""
        while not self.done and (len(self.found) < matches or self._next < at_least):
            self.step(step)

    def until_row(self, row: ActivityRow, step: int = 2_000) -> int | None:
        """Look on until ``row`` is found; return its index in ``found``, None if it is not a match."""
        if not all(word in (row._search or row.search_text()) for word in self.words):
            return None
        for i, r in enumerate(self.found):
            if r is row:
                return i
        while not self.done:
            before = len(self.found)
            self.step(step)
            for i in range(before, len(self.found)):
                if self.found[i] is row:
                    return i
        return None

    def finish(self) -> None:
        """Look at every row left."""
        self.step(len(self._rows) - self._next)

    def candidates(self) -> list[ActivityRow]:
        """Every row that may still match: those found, then those not yet looked at (a longer search
        looks only in these)."""
        if self.done:
            return self.found
        return self.found + self._rows[self._next :]


def all_tags(rows: Iterable[ActivityRow]) -> list[str]:
    """Every tag the rows use, once each (first spelling seen), sorted A to Z ignoring case."""
    seen: dict[str, str] = {}
    for r in rows:
        for tag in r.activity.tags:
            seen.setdefault(tag.casefold(), tag)
    return sorted(seen.values(), key=str.casefold)


_HOURS_OF = attrgetter("hours")


def total_hours(rows: Iterable[ActivityRow]) -> float:
    """The hours of ``rows`` added up (an activity without hours counts 0)."""
    return float(sum(map(_HOURS_OF, rows)))


def summary(shown: Sequence[ActivityRow], total: int, hours: float | None = None) -> str:
    """The line under the search: ``N of M activities · H hours`` for the rows shown (``hours``:
    their total when already known)."""
    if hours is None:
        hours = total_hours(shown)
    noun = "activity" if total == 1 else "activities"
    return f"{len(shown):,} of {total:,} {noun} · {hours_text(hours) or '0'} hours"
