"""The gap engine: judge a person's records against a framework on a given date.

A pure function of (records, profile, framework, date). It never reads the clock.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from rules.findings import Finding
from rules.framework import Framework, Requirement, Version
from rules.periods import NeedsRegistrationDate, Window, nth_working_day, placement_end, windows, working_days
from rules.records import Records, matches, pieces_that_count
from store import Activity, Placement, PlacementDay, Profile, Record, format_uk

_RECORD_UNITS = {
    "activities": "pieces",
    "reflections": "reflections",
    "days": "days",
    "placements": "placements",
}


def evaluate(framework: Framework, records: Records, profile: Profile | None, on: date) -> list[Finding]:
    """Return a finding for every requirement of ``framework`` in each period that matters on ``on``."""
    version = _choose_version(framework, profile, on, records.placements)
    if isinstance(version, str):
        return [_note(framework, "", "framework", framework.name, version)]
    judge = _Judge(framework, version, records, on)
    out: list[Finding] = []
    for r in version.requirements:
        try:
            found = windows(r.period or version.period, on, profile, records.placements)
        except NeedsRegistrationDate:
            out.append(_note(framework, version.id, r.id, r.title,
                             "Needs your registration date: praxis init --registered-on DATE"))  # fmt: skip
            continue
        if not found:
            out.append(_note(framework, version.id, r.id, r.title,
                             "No placements yet: add one with praxis placement add"))  # fmt: skip
        out += [f for window in found for f in judge.requirement(r, window)]
    return out


def evaluate_all(
    frameworks: dict[str, Framework], ids: Sequence[str], records: Records, profile: Profile | None, on: date
) -> list[Finding]:
    """Evaluate each framework id in ``ids``; an id with no framework gives an ``info`` finding."""
    out: list[Finding] = []
    for fid in ids:
        framework = frameworks.get(fid)
        if framework is None:
            out.append(
                Finding(fid, "", "framework", fid, "info", 0, 0, "", None, None, None,
                        f"No framework '{fid}' is available (praxis frameworks lists them)")
            )  # fmt: skip
            continue
        out += evaluate(framework, records, profile, on)
    return out


def _choose_version(
    framework: Framework, profile: Profile | None, on: date, placements: list[Placement]
) -> Version | str:
    """Return the version that judges ``on``, or a sentence saying why there is none.

    An open period is judged by the rule in force on ``on`` (as a person asking that day knew it).
    Once a period has closed: one chosen by its dates is judged by the rule in force when it closed;
    one chosen by registration date (a newly-qualified year) hands over to today's rule.
    """
    by_registration = any(v.chosen_by == "registration" for v in framework.versions)
    if by_registration:
        if profile is None or profile.registered_on is None:
            return "Which rule applies depends on your registration date: praxis init --registered-on DATE"
        version = framework.version_on(profile.registered_on)
        if version is None:
            return f"No version of {framework.name} applies to a registration on {profile.registered_on}"
    else:
        version = framework.version_on(on)
        if version is None:
            return _why_no_version(framework, on)
    closed = _closed_on(version, on, profile, placements)
    if closed is not None:
        later = framework.version_on(on if version.chosen_by == "registration" else closed)
        if later is not None:
            version = later
    return version


def _closed_on(
    version: Version, on: date, profile: Profile | None, placements: list[Placement]
) -> date | None:
    """The day a version's (first) period closed, if it closed before ``on``; else None."""
    period = version.period
    if version.chosen_by == "registration" and (period.kind != "registration" or period.repeat):
        return None  # of the rules chosen by registration date, only a one-off year hands over
    try:
        found = windows(period, on, profile, placements)
    except NeedsRegistrationDate:
        return None
    end = found[0].end if found else None
    return end if end is not None and end < on else None


def _why_no_version(framework: Framework, on: date) -> str:
    first = min(v.starts for v in framework.versions)
    if on < first:
        return f"{framework.name} applies from {format_uk(first)}"
    last = max((v.ends for v in framework.versions if v.ends), default=None)
    return f"{framework.name} applied until {format_uk(last)}" if last else f"No version applies on {on}"


def _note(framework: Framework, version: str, rid: str, title: str, message: str) -> Finding:
    return Finding(framework.id, version, rid, title, "info", 0, 0, "", None, None, None, message)


@dataclass
class _Tally:
    """What a requirement found: how much, of how much, from which records."""

    have: float
    need: float
    unit: str
    ids: tuple[str, ...]


class _Judge:
    def __init__(self, framework: Framework, version: Version, records: Records, on: date) -> None:
        self.framework = framework
        self.version = version
        self.records = records
        self.on = on
        self._pieces_cache: dict[tuple[date, date | None], list[Activity]] = {}

    # -- one requirement in one period ---------------------------------------------------------
    def requirement(self, r: Requirement, w: Window) -> list[Finding]:
        handler = getattr(self, f"_{r.kind}")
        return handler(r, w)

    def _finding(self, r: Requirement, w: Window, tally: _Tally, status: str, message: str, pace: str = "",
                 rid: str = "", title: str = "") -> Finding:  # fmt: skip
        return Finding(
            framework=self.framework.id, version=self.version.id, requirement=rid or r.id,
            title=title or r.title,
            status=status, have=tally.have, need=tally.need, unit=tally.unit, period_start=w.start,
            period_end=w.end, due=w.due, message=message, records=tally.ids, pace=pace,
            confidence=r.confidence, placement=w.placement.name if w.placement else "",
        )  # fmt: skip

    def _in_period(self, items: Iterable[Record], w: Window) -> list[Record]:
        return [
            x for x in items if (d := getattr(x, "date", None)) is not None and w.holds(d) and d <= self.on
        ]

    def _pieces(self, w: Window) -> list[Activity]:
        """The pieces that count in a period (cached: several requirements ask for the same period)."""
        key = (w.start, w.end)
        if key not in self._pieces_cache:
            # During a placement, activities count toward it by their date.
            self._pieces_cache[key] = pieces_that_count(self.records.activities, w, self.on)
        return self._pieces_cache[key]

    def _pool(self, r: Requirement, w: Window, kind: str) -> list[Record]:
        """The records of a requirement's set that fall in the period and pass its filter."""
        if kind == "activities":
            pool: list[Record] = list(self._pieces(w))
        elif kind == "reflections":
            pool = self._in_period(self.records.reflections, w)
        elif kind == "days":
            days = self.records.days
            if w.placement is not None:
                days = [d for d in days if d.placement_id == w.placement.id]
            pool = self._in_period(days, w)
        elif kind == "placements":
            pool = [p for p in self._placements(w) if p.start is not None and p.start <= self.on]
        else:  # "any": activities and reflections
            pool = list(self._pieces(w)) + self._in_period(self.records.reflections, w)
        return [x for x in pool if matches(x, r.filter, self.records)]

    def _placements(self, w: Window) -> list[Placement]:
        if w.placement is not None:
            return [w.placement]
        return [
            p for p in self.records.placements
            if p.start is not None and p.start <= (w.end or self.on) and placement_end(p) >= w.start
        ]  # fmt: skip

    def _planned_placements(self, r: Requirement, w: Window) -> list[Placement]:
        """The period's placements that pass the filter, started or not."""
        return [p for p in self._placements(w) if matches(p, r.filter, self.records)]

    # -- kinds ---------------------------------------------------------------------------------
    def _count(self, r: Requirement, w: Window) -> list[Finding]:
        pool = self._pool(r, w, r.records)
        unit = r.unit or _RECORD_UNITS[r.records]
        tally = _Tally(len(pool), float(r.need), unit, tuple(x.id for x in pool))
        if r.records == "placements":
            out = [self._planned(r, w, tally, len(self._planned_placements(r, w)))]
        else:
            out = [self._progress(r, w, tally)]
        if r.with_ is not None:
            sub = [x for x in pool if matches(x, r.with_.filter, self.records)]
            sub_tally = _Tally(len(sub), float(r.with_.need), unit, tuple(x.id for x in sub))
            out.append(self._progress(r, w, sub_tally, rid=r.with_.id, title=r.with_.title))
        return out

    def _hours(self, r: Requirement, w: Window) -> list[Finding]:
        pool = self._pool(r, w, r.records)
        by_type: dict[str, float] = {}
        for x in pool:
            key = getattr(x, "type", None) or getattr(x, "kind", "")
            by_type[key] = by_type.get(key, 0.0) + float(getattr(x, "hours", 0) or 0)
        total = sum(min(v, r.caps.get(k, math.inf)) for k, v in by_type.items())
        tally = _Tally(round(total, 2), float(r.need), r.unit or "hours", tuple(x.id for x in pool))
        return [self._progress(r, w, tally)]

    def _days(self, r: Requirement, w: Window) -> list[Finding]:
        pool = [d for d in self._pool(r, w, "days") if isinstance(d, PlacementDay)]
        by_kind: dict[str, int] = {}
        for d in pool:
            by_kind[d.kind] = by_kind.get(d.kind, 0) + 1
        have = sum(min(v, r.caps.get(k, math.inf)) for k, v in by_kind.items())
        need = float(w.placement.required_days if r.need == "placement" and w.placement else r.need)
        tally = _Tally(have, need, r.unit or "days", tuple(d.id for d in pool))
        return [self._placement_progress(r, w, tally)]

    def _coverage(self, r: Requirement, w: Window) -> list[Finding]:
        pool = self._pool(r, w, r.records)
        covered, ids = [], set()
        for item in r.items:
            evidence = [
                x
                for x in pool
                if any(c == item or c.startswith(item + ".") for c in getattr(x, "standards", []))
            ]
            if len(evidence) >= r.per_item:
                covered.append(item)
                ids.update(x.id for x in evidence)
        missing = [i for i in r.items if i not in covered]
        tally = _Tally(len(covered), len(r.items), r.unit or "items", tuple(sorted(ids)))
        extra = f" Missing: {', '.join(missing)}." if missing else ""
        return [replace(self._progress(r, w, tally, suffix=extra), missing=tuple(missing))]

    def _distinct(self, r: Requirement, w: Window) -> list[Finding]:
        started = self._pool(r, w, "placements")
        values = {getattr(p, r.field_name, "") for p in started} - {"", "other"}
        planned = {getattr(p, r.field_name, "") for p in self._planned_placements(r, w)}
        unit = r.unit or (r.field_name + "s")
        tally = _Tally(len(values), float(r.need), unit, tuple(p.id for p in started))
        return [self._planned(r, w, tally, len(planned - {"", "other"}), detail=", ".join(sorted(values)))]

    def _cadence(self, r: Requirement, w: Window) -> list[Finding]:
        kind = r.records
        source: list[Record] = list(
            self.records.activities if kind == "activities" else self.records.reflections
        )
        source = [x for x in source if matches(x, r.filter, self.records)]
        dates = sorted({d for x in source if (d := getattr(x, "date", None)) is not None and d <= self.on})
        end = min(self.on, w.end or self.on)
        if self.on < w.start:
            return [
                self._finding(
                    r, w, _Tally(0, r.max_gap_days, "days", ()), "info", f"Starts {format_uk(w.start)}."
                )
            ]
        # A record counts only in the period its date falls in: gaps are measured from the start.
        inside = [d for d in dates if w.start <= d <= end]
        marks = [w.start] + inside
        closed = [(b - a).days for a, b in zip(marks, marks[1:], strict=False)]
        ongoing = (end - marks[-1]).days
        longest = max(closed + [ongoing])
        inside_days = set(inside)
        ids = tuple(x.id for x in source if getattr(x, "date", None) in inside_days)
        tally = _Tally(longest, r.max_gap_days, r.unit or "days", ids)
        next_due = marks[-1] + timedelta(days=r.max_gap_days)
        if any(g > r.max_gap_days for g in closed) or ongoing > r.max_gap_days:
            status = "gap"
            message = f"A gap of {longest} days with none (at most {r.max_gap_days} allowed)."
        elif w.end is not None and self.on > w.end:
            status, message = "met", f"No gap longer than {r.max_gap_days} days; the longest was {longest}."
        elif ongoing >= 0.75 * r.max_gap_days:
            status = "at_risk"
            message = f"The last was {_count(ongoing, 'days')} ago; the next is due by {format_uk(next_due)}."
        else:
            status = "on_track"
            message = (
                f"No gap longer than {r.max_gap_days} days so far; the next is due by {format_uk(next_due)}."
            )
        if r.advisory and status in ("gap", "at_risk"):
            status = "info"
        return [self._finding(r, w, tally, status, message)]

    def _quality(self, r: Requirement, w: Window) -> list[Finding]:
        pool = self._pool(r, w, r.records)
        good = [x for x in pool if all(str(getattr(x, f, "") or "").strip() for f in r.fields)]
        need = float(len(pool) if r.need == "all" else r.need)
        tally = _Tally(
            len(good), need, r.unit or _RECORD_UNITS.get(r.records, "records"), tuple(x.id for x in good)
        )
        if r.need == "all" and not pool:
            return [self._finding(r, w, tally, "info", "Nothing to check yet.")]
        return [self._progress(r, w, tally, suffix=f" Fields that must be filled: {', '.join(r.fields)}.")]

    # -- statuses ------------------------------------------------------------------------------
    def _early_or_closed(self, r: Requirement, w: Window, tally: _Tally) -> Finding | None:
        if tally.have >= tally.need:
            return self._finding(r, w, tally, "met", f"{_of(tally)}: met.")
        if r.advisory:
            return self._finding(r, w, tally, "info", f"Good practice: {_of(tally)}.")
        if self.on < w.start:
            return self._finding(r, w, tally, "info", f"Starts {format_uk(w.start)}.")
        if w.due is not None and self.on > w.due:
            return self._finding(
                r, w, tally, "gap",
                f"The period closed on {format_uk(w.due)} with {_of(tally)}.",
            )  # fmt: skip
        return None

    def _progress(self, r: Requirement, w: Window, tally: _Tally, *, rid: str = "", title: str = "",
                  suffix: str = "") -> Finding:  # fmt: skip
        """Judge a count-like tally by the pace so far: on track, at risk, or (when closed) a gap."""
        early = self._early_or_closed(r, w, tally)
        if early is not None:
            return _with(early, rid, title, suffix)
        left = tally.need - tally.have
        if w.due is None:  # a rolling window has no deadline; what is missing is missing now
            return _with(
                self._finding(r, w, tally, "at_risk",
                              f"{_of(tally)} in the last period; {_n(left)} more."),
                rid, title, suffix,
            )  # fmt: skip
        elapsed = (self.on - w.start).days + 1
        remaining = (w.due - self.on).days
        projected = tally.have + tally.have / elapsed * remaining
        pace = _pace(left, remaining, tally.unit)
        status = "on_track" if projected >= tally.need else "at_risk"
        when = f"by {format_uk(w.due)} ({_days_left(remaining)})"
        verdict = "on track at your pace so far" if status == "on_track" else f"pace needed {pace}"
        message = f"{_of(tally)}; {_n(left)} more {when}: {verdict}."
        return _with(self._finding(r, w, tally, status, message, pace), rid, title, suffix)

    def _planned(self, r: Requirement, w: Window, tally: _Tally, planned: int, detail: str = "") -> Finding:
        """Judge a tally of placements: what has started, and whether the planned ones will make it."""
        early = self._early_or_closed(r, w, tally)
        shown = f" ({detail})" if detail else ""
        if early is not None:
            return _with(early, "", "", shown if early.status == "met" else "")
        if planned >= tally.need:
            return self._finding(
                r, w, tally, "on_track",
                f"{_of(tally)} so far{shown}; your planned placements make it up.",
            )  # fmt: skip
        return self._finding(
            r, w, tally, "at_risk",
            f"{_of(tally)}{shown}, and the planned placements do not make it up.",
        )  # fmt: skip

    def _placement_progress(self, r: Requirement, w: Window, tally: _Tally) -> Finding:
        """Judge placement days by working days left and the pace so far; project the finish date."""
        early = self._early_or_closed(r, w, tally)
        if early is not None:
            return early
        placements = self._placements(w)
        left = tally.need - tally.have
        planned = sum(p.required_days for p in placements)
        if w.placement is None and planned < tally.need:
            # A course total can only be judged once its placements are entered.
            return self._finding(
                r, w, tally, "at_risk",
                f"{_of(tally)} so far; your placements plan {planned} of {_n(tally.need)} days: "
                "add the others (e.g. your final placement) to see whether you are on track.",
            )  # fmt: skip
        logged_today = {d.placement_id for d in self.records.days if d.date == self.on}

        def not_before(p: Placement) -> date:  # working days after this one are still to come
            after = self.on if p.id in logged_today else self.on - timedelta(days=1)
            return max(after, p.start - timedelta(days=1)) if p.start is not None else after

        available = sum(working_days(p, not_before(p), placement_end(p)) for p in placements)
        elapsed = sum(working_days(p, p.start - timedelta(days=1), min(self.on, placement_end(p)))  # type: ignore[operator]
                      for p in placements if p.start is not None and p.start <= self.on)  # fmt: skip
        due = w.due or self.on
        if (due - self.on).days < 14:  # in the last fortnight, a share of the working days left
            pace = "every working day left" if left >= available else f"{_n(left)} of those {available}"
        else:
            pace = _pace(left, (due - self.on).days, "days")
        if available < left:
            remain = "remains" if available == 1 else "remain"
            return self._finding(
                r, w, tally, "gap",
                f"{_of(tally)}; {_n(left)} more needed but only {_count(available, 'working days')} "
                f"{remain} by {format_uk(due)}.",
                pace,
            )  # fmt: skip
        rate = tally.have / elapsed if elapsed else 0.0
        finish = ""
        if rate > 0 and len(placements) == 1:
            finish_day = nth_working_day(placements[0], not_before(placements[0]), math.ceil(left / rate))
            finish = f" At your pace so far you finish on {format_uk(finish_day)}."
        on_track = elapsed == 0 or tally.have + rate * available >= tally.need
        status = "on_track" if on_track else "at_risk"
        message = (
            f"{_of(tally)}; {_n(left)} more by {format_uk(due)} "
            f"({_count(available, 'working days')} left): pace needed {pace}.{finish}"
        )
        return self._finding(r, w, tally, status, message, pace)


def _with(f: Finding, rid: str, title: str, suffix: str) -> Finding:
    return replace(f, requirement=rid or f.requirement, title=title or f.title, message=f.message + suffix)


def _of(tally: _Tally) -> str:
    """``1 of 2 pieces``; ``3 pieces, 2 needed`` when there are more than needed."""
    if tally.have > tally.need:
        return f"{_count(tally.have, tally.unit)}, {_n(tally.need)} needed"
    return f"{_n(tally.have)} of {_count(tally.need, tally.unit)}"


def _n(value: float) -> str:
    return f"{value:g}" if value == int(value) else f"{value:.1f}"


def _count(value: float, unit: str) -> str:
    """``1 piece``, ``2 pieces``, ``1.5 hours``, ``1 working day``: the unit singular for exactly one."""
    if value == 1 and unit.endswith("s"):
        unit = unit[:-1]
    return f"{_n(value)} {unit}"


def _days_left(days: int) -> str:
    """``1 day left``, ``5 days left``; ``due today`` on the day."""
    return "due today" if days == 0 else f"{_count(days, 'days')} left"


def _about(rate: float) -> str:
    """A rate rounded as a person says it: to the half below 10 (``1.5``, ``2``), whole from 10."""
    return _n(round(rate * 2) / 2 if rate < 10 else round(rate))


def _per_week(rate: float, unit: str) -> str:
    """A pace per week in words, a whole or half number: ``about 2 days a week``."""
    shown = _about(rate)
    return f"about {_count(float(shown), unit)} a week"


def _pace(left: float, remaining_days: int, unit: str) -> str:
    """The pace needed from here in words: per week when that is one or more, per month when that is
    one or more over two months or longer; else the total over the days, weeks or months left."""
    if remaining_days <= 0:
        return f"{_count(left, unit)} today"
    if remaining_days == 1:
        return f"{_count(left, unit)} by tomorrow"
    if remaining_days < 14:
        return f"{_count(left, unit)} in the next {remaining_days} days"
    weekly = left / (remaining_days / 7)
    if weekly >= 1:
        return _per_week(weekly, unit)
    if remaining_days < 61:
        return f"{_count(left, unit)} in the next {round(remaining_days / 7)} weeks"
    monthly = left / (remaining_days / 30.44)
    if monthly >= 1:
        return f"about {_count(float(_about(monthly)), unit)} a month"
    return f"{_count(left, unit)} in the next {round(remaining_days / 30.44)} months"
