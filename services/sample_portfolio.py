"""Sample portfolios to explore Praxis with: a student mid-placement, a practitioner's three years of CPD.

Each sample is a store of its own in a ``samples`` folder beside the user's store, removed and built
afresh each time it is opened, so the user's own store is never touched. What a sample holds is data:
``samples/WHICH.toml`` beside this module (its format is ``samples/FORMAT.md``); this module only reads
it. Every date there is counted from ``today``, so a sample always looks current, and nothing is random
(record ids are derived from names), so the same day always gives the same sample. The people, places
and events are fictional: no one who uses services is named.

No Textual here: the app and the tests both call it.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from pathlib import Path
from typing import Any, TypeVar

from praxis_socialwork.store import (
    Activity,
    Clock,
    Placement,
    PlacementDay,
    PraxisError,
    Profile,
    Record,
    Reflection,
    Repository,
    today,
)
from praxis_socialwork.store.backups import Backups
from praxis_socialwork.store.drafts import Drafts
from praxis_socialwork.store.locking import StoreLock
from praxis_socialwork.store.storage import journal_path_for
from praxis_socialwork.store.vocab import WEEKDAYS

SAMPLES: dict[str, str] = {
    "student": "A student mid-placement",
    "practitioner": "A practitioner's three years of CPD",
}
"""The samples there are, by name, with a few words saying what each shows."""

SAMPLES_FOLDER = "samples"

# What each sample holds, one file a sample: services/samples/student.toml, ...
_DATA_FOLDER = Path(__file__).parent / "samples"

# Record ids are derived from this and a name, so every build of a sample gives the same ids.
_NAMESPACE = uuid.UUID("5b0c7f3e-2a41-4d8e-9c65-0e6a7d1f4b92")

ONE_DAY = timedelta(days=1)

R = TypeVar("R", bound=Record)


def sample_path(store_path: Path, which: str) -> Path:
    """Where the sample ``which`` lives: ``samples/WHICH.json`` in the folder of the user's store."""
    if which not in SAMPLES:
        raise PraxisError(f"There is no sample called '{which}'; choose {' or '.join(SAMPLES)}.")
    return store_path.parent / SAMPLES_FOLDER / f"{which}.json"


def is_sample(path: Path) -> bool:
    """Whether the store at ``path`` is one of the sample portfolios (it sits in a ``samples`` folder)."""
    return path.parent.name == SAMPLES_FOLDER


def open_sample(path: Path, which: str, clock: Clock) -> Repository:
    """Build the sample ``which`` afresh at ``path`` and return it open; the caller closes it.

    Any earlier copy there (with its journal, backups and drafts) is removed first. If another copy
    of Praxis has that sample open, it is left as it is and opened read-only instead.
    """
    if which not in SAMPLES:
        raise PraxisError(f"There is no sample called '{which}'; choose {' or '.join(SAMPLES)}.")
    lock = StoreLock(path)
    if not lock.try_acquire():
        return Repository.open(path, clock)  # read-only: its reason names the other copy
    try:
        # The store, its journal and anything kept beside it (a cached dashboard); not the lock.
        stale = [path, journal_path_for(path)] + [
            p for p in path.parent.glob(f"{path.name}.*") if p.name != f"{path.name}.lock"
        ]
        for old in stale:
            old.unlink(missing_ok=True)
        for backup in Backups(path).list():
            backup.path.unlink(missing_ok=True)
        drafts = Drafts(path).folder
        if drafts.is_dir():
            for draft in drafts.glob(f"{path.stem}-*.json"):
                draft.unlink(missing_ok=True)
    finally:
        lock.release()
    repo = Repository.open(path, clock)
    try:
        build_sample(repo, which, today(clock))
    except BaseException:
        repo.close()
        raise
    return repo


def build_sample(repo: Repository, which: str, today: date) -> None:
    """Fill the open, empty store ``repo`` with the sample ``which``, every date counted from ``today``.

    ``student``: Alex Sample (degree-england and PCF, England): 30 skills days, a 70-day first
    placement finished earlier in the year, and a 100-day final placement about two months in, a few
    days behind after a sick day and two absences. ``practitioner``: Jo Example (Social Work England),
    registered a little over three years ago, with CPD in every registration year and a current year
    left short: one piece so far and no peer reflection, so it is at risk. Everything is saved
    together, or nothing is.
    """
    if which not in SAMPLES:
        raise PraxisError(f"There is no sample called '{which}'; choose {' or '.join(SAMPLES)}.")
    import tomllib  # only when a sample is built

    path = _DATA_FOLDER / f"{which}.toml"
    sample = _Sample(which, today)
    try:
        sample.read(tomllib.loads(path.read_text(encoding="utf-8")))
    except (tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as exc:
        raise PraxisError(f"The sample file {path} is damaged at {sample.where}: {exc}") from exc
    assert sample.profile is not None
    with repo.transaction():
        repo.save_profile(sample.profile)
        for records in (sample.placements, sample.days, sample.activities, sample.reflections):
            if records:
                repo.add_many(records)


class _Plan:
    """A placement's working days from its start: its weekdays, less bank holidays if it skips them."""

    def __init__(self, placement: Placement, holidays: _Holidays | None) -> None:
        if placement.start is None or not placement.weekdays:
            raise ValueError("a placement needs a start and at least one weekday")
        self.placement = placement
        self._weekdays = {WEEKDAYS.index(day) for day in placement.weekdays}
        self._holidays = holidays
        self._next = placement.start
        self._days: list[date] = []

    def day(self, n: int) -> date:
        """The ``n``-th working day of the placement (1 is the first, its start if that is worked)."""
        if n < 1:
            raise ValueError(f"working_day {n} is not 1 or more")
        while len(self._days) < n:
            day, self._next = self._next, self._next + ONE_DAY
            if day.weekday() in self._weekdays and not (self._holidays and day in self._holidays):
                self._days.append(day)
        return self._days[n - 1]


class _Holidays:
    """The bank holidays of one UK country, read a year at a time."""

    def __init__(self, country: str) -> None:
        self.country = country
        self._years: dict[int, set[date]] = {}

    def __contains__(self, day: date) -> bool:
        if day.year not in self._years:
            from praxis_socialwork.rules.schedule import uk_holidays  # the holidays package is slow to import

            self._years[day.year] = set(uk_holidays(self.country, [day.year]))
        return day in self._years[day.year]


_DATE_KEYS = {"from", "placement", "working_day", "last", "monday", "towards", "part"}
_DATE_KEYS |= {"years", "weeks", "days", "not_after"}


class _Sample:
    """The records of one sample, made from its data file and collected to be saved together."""

    def __init__(self, which: str, today: date) -> None:
        self.which = which
        self.where = "the start"  # the table being read, for a message if the file is damaged
        self.dates: dict[str, date] = {"today": today}
        self.profile: Profile | None = None
        self.placements: list[Placement] = []
        self.days: list[PlacementDay] = []
        self.activities: list[Activity] = []
        self.reflections: list[Reflection] = []
        self._plans: dict[str, _Plan] = {}
        self._made: dict[str, str | None] = {}  # activity key -> its id, or None if left out (not due)

    def id(self, name: str) -> str:
        """The same id for the same name in every build."""
        return str(uuid.uuid5(_NAMESPACE, f"{self.which}/{name}"))

    def read(self, data: dict[str, Any]) -> None:
        """Make every record the file describes, in the order it gives them."""
        for name, spec in data.get("dates", {}).items():
            self.where = f"[dates] {name}"
            self.dates[name] = self.date(spec)
        self.where = "[profile]"
        self.profile = self._record(Profile, "profile", data["profile"])
        for table in data.get("placements", []):
            self._placement(dict(table))
        for table in data.get("activities", []):
            self._activities(dict(table))
        for table in data.get("reflections", []):
            table = dict(table)
            key = table.pop("key")
            self.where = f"reflection {key}"
            table["links"] = [i for i in map(self._link, table.get("links", [])) if i is not None]
            self.reflections.append(self._record(Reflection, f"reflection/{key}", table))

    def date(self, spec: date | str | dict[str, Any]) -> date:
        """The date ``spec`` stands for: a TOML date, a name from ``[dates]``, or a table (FORMAT.md)."""
        if isinstance(spec, date):
            return spec
        if isinstance(spec, str):
            return self._named(spec)
        if unknown := set(spec) - _DATE_KEYS:
            raise ValueError(f"a date does not take {', '.join(sorted(unknown))}")
        if "placement" in spec:
            on = self._plan(spec["placement"]).day(spec["working_day"])
        else:
            on = self._named(spec.get("from", "today"))
        if "last" in spec:  # the latest MM-DD on or before
            month, day = (int(part) for part in spec["last"].split("-"))
            on = date(on.year if (month, day) <= (on.month, on.day) else on.year - 1, month, day)
        if spec.get("monday"):
            on -= timedelta(days=on.weekday())
        if "towards" in spec:  # a part of the way from ``on`` to another date, in whole days
            over, under = (int(part) for part in spec["part"].split("/"))
            on += timedelta(days=(self._named(spec["towards"]) - on).days * over // under)
        if "years" in spec:
            on = on.replace(year=on.year + spec["years"])
        on += timedelta(weeks=spec.get("weeks", 0), days=spec.get("days", 0))
        if "not_after" in spec:
            on = min(on, self._named(spec["not_after"]))
        return on

    def _named(self, name: str) -> date:
        if name not in self.dates:
            raise ValueError(f"no date called '{name}' (say it in [dates] before it is used)")
        return self.dates[name]

    def _plan(self, key: str) -> _Plan:
        if key not in self._plans:
            raise ValueError(f"no placement called '{key}' before this")
        return self._plans[key]

    def _record(self, kind: type[R], name: str, table: dict[str, Any]) -> R:
        values = {k: self.date(v) if k in kind.DATE_FIELDS else v for k, v in table.items()}
        return kind(id=self.id(name), **values)

    def _placement(self, table: dict[str, Any]) -> None:
        key = table.pop("key")
        self.where = f"placement {key}"
        days = dict(table.pop("days", {}))
        planned_end = table.pop("planned_end", None)
        placement = self._record(Placement, f"placement/{key}", table)
        assert self.profile is not None
        holidays = _Holidays(self.profile.country) if days.pop("skip_bank_holidays", False) else None
        plan = self._plans[key] = _Plan(placement, holidays)
        if planned_end is not None:  # may count the placement's own working days
            placement.planned_end = self.date(planned_end)
        self.placements.append(placement)
        count, until = days.pop("count", None), days.pop("until", None)
        if count is None and until is None:
            raise ValueError("a placement's days need a count or an until")
        until = None if until is None else self.date(until)
        hours, note = days.pop("hours", placement.hours_per_day), days.pop("note", "")
        special = days.pop("on", {})
        n = 0
        while count is None or n < count:
            on = plan.day(n + 1)
            if until is not None and on >= until:
                break
            values = days | {"hours": _nth(hours, n), "note": _nth(note, n)} | special.get(str(n + 1), {})
            self.days.append(
                PlacementDay(id=self._day_id(placement, on), placement_id=placement.id, date=on, **values)
            )
            n += 1

    def _activities(self, table: dict[str, Any]) -> None:
        """One activity, or a series of them: ``each`` of its items, ``every`` so many days apart."""
        key = table.pop("key")
        self.where = f"activity {key}"
        until = table.pop("until", None)
        until = None if until is None else self.date(until)
        each, every = table.pop("each", None), table.pop("every", None)
        on = self.date(table.pop("date"))
        items = [(key, {})] if each is None else [(f"{key}-{k}", item) for k, item in enumerate(each)]
        for k, (name, item) in enumerate(items):
            if until is not None and on >= until:  # not due yet: left out, and links to it too
                self._made[name] = None
            else:
                record = self._record(Activity, f"activity/{name}", table | item | {"date": on})
                self.activities.append(record)
                self._made[name] = record.id
            if each is not None:
                # ``every``: the days between them, or a list of those gaps whose last one repeats
                on += timedelta(days=every if isinstance(every, int) else every[min(k, len(every) - 1)])

    def _link(self, link: str | dict[str, Any]) -> str | None:
        """The id a reflection's link names: an activity by its key, or a placement's day by its date."""
        if isinstance(link, str):
            if link not in self._made:
                raise ValueError(f"no activity called '{link}' before this")
            return self._made[link]
        plan = self._plan(link["placement"])
        day_id = self._day_id(plan.placement, self.date(link))
        return day_id if any(day.id == day_id for day in self.days) else None

    def _day_id(self, placement: Placement, on: date) -> str:
        return self.id(f"day/{placement.name}/{on.isoformat()}")


def _nth(value: Any, n: int) -> Any:
    """``value``, or if it is a list its ``n``-th item, round and round."""
    return value[n % len(value)] if isinstance(value, list) else value
