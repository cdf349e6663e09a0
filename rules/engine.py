"""The gap engine: judge a person's records against a framework on a given date.

A pure function of (records, profile, framework, date). It never reads the clock.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from praxis_socialwork.rules.findings import Finding
from praxis_socialwork.rules.framework import Framework, Requirement, Version
from praxis_socialwork.rules.periods import NeedsRegistrationDate, Window, due_for, placement_end, windows
from praxis_socialwork.rules.placement_outlook import Outlook, country_of, placement_outlook
from praxis_socialwork.rules.records import Records, matches
from praxis_socialwork.store import Activity, Placement, PlacementDay, Profile, Record, format_uk
from praxis_socialwork.store.vocab import COUNTED_DAY_KINDS

_FIELD_WORDS = {"learning": "what you learnt", "impact": "its impact on your practice",
                "description": "what it was", "peer_reflection": "a peer reflection"}  # fmt: skip
_RECORD_UNITS = {
    "activities": "pieces",
    "reflections": "reflections",
    "days": "days",
    "placements": "placements",
}


def evaluate(framework: Framework, records: Records, profile: Profile | None, on: date) -> list[Finding]:
    """Return a finding for every requirement of ``framework`` in each period that matters on ``on``:
    the current period's, and the last closed period's where it was not met (status ``missed`` once
    its due date has passed, until the person dismisses it; see ``missed_key``)."""
    version = _choose_version(framework, profile, on, records.placements)
    if isinstance(version, str):
        return [_note(framework, "", "framework", framework.name, version)]
    out = _last_period(framework, version, records, profile, on)  # the most urgent first
    out += _judge_version(framework, version, records, profile, on, on)
    dismissed = set(profile.dismissed_missed) if profile else set()
    return [f for f in out if f.status != "missed" or missed_key(f) not in dismissed]


def missed_key(finding: Finding) -> str:
    """The name a missed period is dismissed by: framework, requirement, placement and period end."""
    end = finding.period_end.isoformat() if finding.period_end else ""
    return "/".join((finding.framework, finding.requirement, finding.placement, end))


_NEEDS = {
    "registration": "Needs your registration date: praxis init --registered-on DATE",
    "first-post": "Needs the first day of your first social work post: praxis init --first-post-on DATE",
}


def _judge_version(
    framework: Framework, version: Version, records: Records, profile: Profile | None, on: date, at: date
) -> list[Finding]:
    """Judge each requirement of ``version`` in the period(s) that hold ``at``, as things stand on ``on``."""
    judge = _Judge(framework, version, records, on, country_of(profile, framework.country or "england"))
    out: list[Finding] = []
    for r in version.requirements:
        try:
            span = _span(framework, version, profile, records.placements)
            found = windows(r.period or version.period, at, profile, records.placements, *span)
        except NeedsRegistrationDate as exc:
            out.append(_note(framework, version.id, r.id, r.title, _NEEDS[exc.what]))
            continue
        kinds = r.filter.placement_kind
        if kinds and found:  # a placement's own period only for the kinds the rule is about
            found = [w for w in found if w.placement is None or w.placement.kind in kinds]
            if not found:
                out.append(_note(framework, version.id, r.id, r.title,
                                 f"No {' or '.join(kinds)} placement yet"))  # fmt: skip
                continue
        if not found:
            out.append(_note(framework, version.id, r.id, r.title,
                             "No placements yet: add one with praxis placement add"))  # fmt: skip
        for window in found:
            if window.owes_nothing:
                note = _note(framework, version.id, r.id, r.title, window.owes_nothing)
                out.append(replace(note, period_start=window.start, period_end=window.end, due=window.due))
            else:
                out += [_advised(framework, f) for f in judge.requirement(r, window)]
    return out


def _advised(framework: Framework, f: Finding) -> Finding:
    """A missed finding ends with what to do (the framework's ``missed`` advice)."""
    if f.status != "missed":
        return f
    advice = framework.missed or "Contact whoever set this requirement about what to do now."
    return replace(f, message=f"{f.message} {advice}")


def _last_period(
    framework: Framework, version: Version, records: Records, profile: Profile | None, on: date
) -> list[Finding]:
    """The period before the current one, where it was not met: still open for evidence (due later),
    or missed. Only for periods that repeat, and only once the person kept records then."""
    period = version.period
    if period.kind not in ("yearly", "registration") or not period.repeat:
        return []
    try:
        current = windows(
            period, on, profile, records.placements, *_span(framework, version, profile, records.placements)
        )[0]
    except NeedsRegistrationDate:
        return []
    before = current.start - timedelta(days=1)
    first = profile and (
        profile.first_post_on if period.counted_from == "first-post" else profile.registered_on
    )
    if (first and before < first) or not _kept_records_by(records, before):
        return []
    earlier = _choose_version(framework, profile, before, records.placements)
    if isinstance(earlier, str):
        return []
    found = _judge_version(framework, earlier, records, profile, on, before)
    shown = [
        f for f in found if f.status not in ("met", "info") and f.period_end and f.period_end < current.start
    ]
    return [f if f.status == "missed" else _as_last_period(f) for f in shown]


@functools.lru_cache(maxsize=4096)
def _standards_under(codes: tuple[str, ...]) -> frozenset[str]:
    """The standards a record naming ``codes`` is evidence for: each code and each it sits under."""
    under: set[str] = set()
    for code in codes:
        parts = code.split(".")
        under.update(".".join(parts[:k]) for k in range(1, len(parts) + 1))
    return frozenset(under)


def _as_last_period(f: Finding) -> Finding:
    """A finding about the period before the current one, still open for evidence, said to be so."""
    span = (
        f"{format_uk(f.period_start)} – {format_uk(f.period_end)}" if f.period_start and f.period_end else ""
    )
    return replace(f, message=f"Last period ({span}), evidence still due: {f.message}")


def _kept_records_by(records: Records, day: date) -> bool:
    """Whether any record is dated on or before ``day`` (Praxis was in use then)."""
    dated = (*records.activities, *records.reflections, *records.days)
    return any(d is not None and d <= day for x in dated if (d := getattr(x, "date", None)) is not None)


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

    An open period is judged by the rule in force on ``on`` (as a person asking that day knew it);
    once it has closed, by the rule in force when it closed. Versions chosen by registration date
    (a newly-qualified year) keep their rule. Versions chosen by "period-end" judge each period by
    the rule in force when it ends (SSSC: the new rules from the first re-registration after June 2024).
    """
    if any(v.chosen_by == "period-start" for v in framework.versions):
        return _by_period_start(framework, profile, on, placements)
    if any(v.chosen_by == "registration" for v in framework.versions):
        if profile is None or profile.registered_on is None:
            return "Which rule applies depends on your registration date: praxis init --registered-on DATE"
        version = framework.version_on(profile.registered_on)
        if version is None:
            return f"No version of {framework.name} applies to a registration on {profile.registered_on}"
        return version
    version = framework.version_on(on)
    if version is None:
        return _why_no_version(framework, on)
    closed = _closed_on(version, on, profile, placements)
    if closed is not None:
        version = framework.version_on(closed) or version
    return version


def _by_period_start(
    framework: Framework, profile: Profile | None, on: date, placements: list[Placement]
) -> Version | str:
    """The newest version whose period holding ``on`` began on or after the version's first day;
    else the oldest (whose period is cut short where the newer rules take over: ``_span``)."""
    newest_first = sorted(framework.versions, key=lambda v: v.starts, reverse=True)
    for version in newest_first:
        try:
            found = windows(version.period, on, profile, placements)
        except NeedsRegistrationDate as exc:
            return _NEEDS[exc.what]
        if (found and found[0].start >= version.starts) or version is newest_first[-1]:
            return version
    return _why_no_version(framework, on)


def _span(
    framework: Framework, version: Version, profile: Profile | None, placements: list[Placement]
) -> tuple[date, date | None]:
    """The days a version's periods may cover: from its first day, and (chosen by period start) up
    to the day before the first period of the next version begins."""
    if version.chosen_by != "period-start":
        return version.starts, None
    newer = min(
        (v for v in framework.versions if v.starts > version.starts), key=lambda v: v.starts, default=None
    )
    if newer is None:
        return version.starts, None
    first = windows(newer.period, newer.starts, profile, placements)[0]
    begins = first.start if first.start >= newer.starts else (first.end or newer.starts) + timedelta(days=1)
    return version.starts, begins - timedelta(days=1)


def _closed_on(
    version: Version, on: date, profile: Profile | None, placements: list[Placement]
) -> date | None:
    """The day a version's (first) period closed, if it closed before ``on``; else None."""
    try:
        found = windows(version.period, on, profile, placements)
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
    def __init__(
        self, framework: Framework, version: Version, records: Records, on: date, country: str = "england"
    ) -> None:
        self.framework = framework
        self.version = version
        self.records = records
        self.on = on
        self.country = country  # whose bank holidays placements skip
        self._pieces_cache: dict[tuple[date, date | None], list[Activity]] = {}
        self._outlooks: dict[str, Outlook] = {}

    # -- one requirement in one period ---------------------------------------------------------
    def requirement(self, r: Requirement, w: Window) -> list[Finding]:
        handler = getattr(self, f"_{r.kind}")
        return handler(r, self._planned_window(r, w))

    # -- placements' own outlooks ----------------------------------------------------------------
    def _outlook(self, p: Placement) -> Outlook:
        """The placement's outlook (``rules.placement_outlook``), worked out once per judgement."""
        found = self._outlooks.get(p.id)
        if found is None:
            # As things stood on ``on``: a counted day dated later had not been worked yet, but an
            # absence logged ahead was already known (as the plan everywhere else reads them).
            days = [
                d for d in self.records.days_by_placement.get(p.id, [])
                if d.date is not None
                and (d.date <= self.on or d.kind not in COUNTED_DAY_KINDS)
            ]  # fmt: skip
            found = self._outlooks[p.id] = placement_outlook(p, days, self.country, self.on)
        return found

    def _end(self, p: Placement) -> date:
        """Where a dated placement ends: its planned end, or without one its planned finish."""
        return p.planned_end or self._outlook(p).finish or placement_end(p)

    def _planned_window(self, r: Requirement, w: Window) -> Window:
        """The window with its end where the placements' own plans put it: a placement without a
        planned end ends on its planned finish (bank holidays and days not worked move it), and a
        course when its last placement does."""
        period = r.period or self.version.period
        if w.placement is not None:
            end = self._end(w.placement)
        elif period.kind == "course":
            end = max((self._end(p) for p in self.records.placements if p.start is not None), default=w.end)
        else:
            return w
        return w if end == w.end else replace(w, end=end, due=due_for(period, end))

    def _finding(self, r: Requirement, w: Window, tally: _Tally, status: str, message: str, pace: str = "",
                 rid: str = "", title: str = "") -> Finding:  # fmt: skip
        return Finding(
            framework=self.framework.id, version=self.version.id, requirement=rid or r.id,
            title=title or r.title,
            status=status, have=tally.have, need=tally.need, unit=tally.unit, period_start=w.start,
            period_end=w.end, due=w.due, message=message + w.assumed, records=tally.ids, pace=pace,
            confidence=r.confidence, placement=w.placement.name if w.placement else "",
        )  # fmt: skip

    def _in_period(self, items: Iterable[Record], w: Window) -> list[Record]:
        return [
            x for x in items if (d := getattr(x, "date", None)) is not None and w.holds(d) and d <= self.on
        ]

    def _reflections_in(self, w: Window) -> list[Record]:
        """The reflections dated in the period, up to ``on`` (found by date, not by looking at all)."""
        return self.records.reflections_by_date.between(w.start, min(w.end or self.on, self.on))

    def _pieces(self, w: Window) -> list[Activity]:
        """The pieces that count in a period (cached: several requirements ask for the same period)."""
        key = (w.start, w.end)
        if key not in self._pieces_cache:
            # During a placement, activities count toward it by their date.
            self._pieces_cache[key] = self.records.pieces.that_count(w, self.on)
        return self._pieces_cache[key]

    def _pool(self, r: Requirement, w: Window, kind: str) -> list[Record]:
        """The records of a requirement's set that fall in the period and pass its filter."""
        if kind == "activities":
            pool: list[Record] = list(self._pieces(w))
        elif kind == "reflections":
            pool = self._reflections_in(w)
        elif kind == "days":
            days = self.records.days
            if w.placement is not None:
                days = self.records.days_by_placement.get(w.placement.id, [])
            pool = self._in_period(days, w)
        elif kind == "placements":
            pool = [p for p in self._placements(w) if p.start is not None and p.start <= self.on]
        else:  # "any": activities and reflections
            pool = list(self._pieces(w)) + self._reflections_in(w)
        return [x for x in pool if matches(x, r.filter, self.records)]

    def _placements(self, w: Window) -> list[Placement]:
        if w.placement is not None:
            return [w.placement]
        return [
            p for p in self.records.placements
            if p.start is not None and p.start <= (w.end or self.on) and self._end(p) >= w.start
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
            out = [self._progress(r, w, tally, suffix=self._unfilled(r, w, pool))]
        if r.with_ is not None:
            sub = [x for x in pool if matches(x, r.with_.filter, self.records)]
            sub_tally = _Tally(len(sub), float(r.with_.need), unit, tuple(x.id for x in sub))
            out.append(self._progress(r, w, sub_tally, rid=r.with_.id, title=r.with_.title))
        return out

    def _unfilled(self, r: Requirement, w: Window, pool: list[Record]) -> str:
        """Say how many more records would count with the fields the rule needs written."""
        if not r.filter.filled or r.records != "activities":
            return ""
        loose = replace(r, filter=replace(r.filter, filled=()))
        missing = len(self._pool(loose, w, r.records)) - len(pool)
        if not missing:
            return ""
        fields = " and ".join(_FIELD_WORDS.get(f, f) for f in r.filter.filled)
        were = "was" if missing == 1 else "were"
        return f" {_count(missing, 'more records')} {were} not counted: a piece needs {fields} written."

    def _hours(self, r: Requirement, w: Window) -> list[Finding]:
        pool = self._pool(r, w, r.records)
        by_type: dict[str, float] = {}
        for x in pool:
            key = getattr(x, "type", None) or getattr(x, "kind", "")
            by_type[key] = by_type.get(key, 0.0) + float(getattr(x, "hours", 0) or 0)
        total = sum(min(v, r.caps.get(k, math.inf)) for k, v in by_type.items())
        need = float(r.need) * (1 - w.credit)
        tally = _Tally(round(total, 2), round(need, 2), r.unit or "hours", tuple(x.id for x in pool))
        credited = ""
        if w.credit:
            credited = (f" {_n(float(r.need) - need)} of the {_n(float(r.need))} {tally.unit} are credited: "
                        "this registration was extended.")  # fmt: skip
        return [self._progress(r, w, tally, suffix=credited)]

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
        # A record is evidence for each standard it names and each that standard sits under ("2.1.3"
        # is evidence for "2.1" and "2"): found once per record, not once per record and item.
        holders: dict[str, list[Record]] = {}
        for x in pool:
            for code in _standards_under(tuple(getattr(x, "standards", ()))):
                holders.setdefault(code, []).append(x)
        for item in r.items:
            evidence = holders.get(item, [])
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
        allowed = _allowed_gaps(r, w.start)
        now_allowed = allowed(marks[-1])
        tally = _Tally(longest, now_allowed, r.unit or "days", ids)
        next_due = marks[-1] + timedelta(days=now_allowed)
        too_long = [(b - a).days for a, b in zip(marks, marks[1:], strict=False) if (b - a).days > allowed(a)]
        if ongoing > now_allowed:
            too_long.append(ongoing)
        if too_long:
            status = "gap"
            message = f"A gap of {max(too_long)} days with none ({_gap_rule(r, now_allowed)})."
        elif w.end is not None and self.on > w.end:
            status, message = (
                "met",
                f"No gap longer than {_limit(r, now_allowed)}; the longest was {longest}.",
            )
        elif ongoing >= 0.75 * now_allowed:
            status = "at_risk"
            message = f"The last was {_count(ongoing, 'days')} ago; the next is due by {format_uk(next_due)}."
        else:
            status = "on_track"
            limit = _limit(r, now_allowed)
            message = f"No gap longer than {limit} so far; the next is due by {format_uk(next_due)}."
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
            what = f"{w.placement.name}'s days" if w.placement else "the period"
            span = f" ({format_uk(w.start)} – {format_uk(w.end)})" if w.end else ""
            return self._finding(
                r, w, tally, "missed", f"Missed: {what}{span} closed on {format_uk(w.due)} with {_of(tally)}."
            )
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
        """Judge placement days from the placement's own outlook (``rules.placement_outlook``): the
        working days left to its end, bank holidays and days logged left out; the pace so far; and
        the finish at that pace. Without a planned end the placement ends on its planned finish, so
        its days can always still be met there. A course total is judged by ``_course_progress``."""
        early = self._early_or_closed(r, w, tally)
        if early is not None:
            return early
        if w.placement is None:
            return self._course_progress(r, w, tally)
        p, outlook = w.placement, self._outlook(w.placement)
        left = tally.need - tally.have
        open_ended = p.planned_end is None
        if open_ended:  # its end is where the days this requirement still needs run out
            finish = outlook.finish_for(left)
            if finish is None:
                return self._finding(
                    r, w, tally, "at_risk",
                    f"{_of(tally)}; {_n(left)} more, but the finish cannot be worked out: check the "
                    "placement's start and working weekdays.",
                )  # fmt: skip
            if finish != w.end:
                w = replace(w, end=finish, due=due_for(r.period or self.version.period, finish))
        available = outlook.open_days_until(w.end) if w.end is not None else 0
        due = w.due or self.on
        pace = _days_pace(left, available, due, self.on)
        if available < left and not open_ended:
            return self._too_few_days(r, w, tally, available, "", due, pace)
        status = "on_track" if outlook.on_track(left) else "at_risk"
        when = f"by {format_uk(due)}" + (", your planned finish" if open_ended else "")
        message = (
            f"{_of(tally)}; {_n(left)} more {when} ({_count(available, 'working days')} left): "
            f"pace needed {pace}.{_at_your_pace(outlook, left)}"
        )
        return self._finding(r, w, tally, status, message, pace)

    def _too_few_days(
        self, r: Requirement, w: Window, tally: _Tally, available: int, where: str, due: date, pace: str
    ) -> Finding:
        """A gap: fewer working days remain (``where``) by ``due`` than days are still needed."""
        remain = "remains" if available == 1 else "remain"
        return self._finding(
            r, w, tally, "gap",
            f"{_of(tally)}; {_n(tally.need - tally.have)} more needed but only "
            f"{_count(available, 'working days')} {remain}{where} by {format_uk(due)}.",
            pace,
        )  # fmt: skip

    def _course_progress(self, r: Requirement, w: Window, tally: _Tally) -> Finding:
        """Judge a course total from its placements' own outlooks: a finished placement brings what it
        has, one under way what its own pace brings by its end, one to come its planned days. So when
        every placement is on track and their days make up the need, the course is on track; and the
        course ends when its last placement does (``_planned_window``)."""
        placements = [p for p in self._placements(w) if _may_count(p, r)]
        left = tally.need - tally.have
        planned = sum(p.required_days for p in placements)
        if planned < tally.need:
            # A course total can only be judged once its placements are entered.
            return self._finding(
                r, w, tally, "at_risk",
                f"{_of(tally)} so far; your placements plan {planned} of {_n(tally.need)} days: "
                "add the others (e.g. your final placement) to see whether you are on track.",
            )  # fmt: skip
        outlooks = [self._outlook(p) for p in placements]
        available = sum(o.working_days_left or 0 for o in outlooks)
        due = w.due or self.on
        pace = _days_pace(left, available, due, self.on)
        open_ended = any(o.placement.planned_end is None and o.needed for o in outlooks)
        if available < left and not open_ended:  # a placement without an end can always go on
            return self._too_few_days(r, w, tally, available, " in your placements", due, pace)
        projected = tally.have + sum(o.to_come(o.needed) for o in outlooks)
        on_track = projected >= tally.need - 1e-9
        verdict = (
            "each placement at its own pace makes it up"
            if on_track
            else f"at their own paces so far your placements bring {_n(math.floor(projected))}"
        )
        message = (
            f"{_of(tally)}; {_n(left)} more by {format_uk(due)} ({_count(available, 'working days')} left "
            f"in your placements): pace needed {pace}; {verdict}."
        )
        return self._finding(r, w, tally, "on_track" if on_track else "at_risk", message, pace)


def _may_count(p: Placement, r: Requirement) -> bool:
    """Whether a placement's days may count toward a requirement (its kind and setting filters)."""
    f = r.filter
    return (not f.placement_kind or p.kind in f.placement_kind) and (not f.setting or p.setting in f.setting)


def _days_pace(left: float, available: int, due: date, on: date) -> str:
    """The placement days needed from here, in words: in the last fortnight a share of the working
    days left, else a pace per week or month (``_pace``)."""
    if (due - on).days < 14:
        return "every working day left" if left >= available else f"{_n(left)} of those {available}"
    return _pace(left, (due - on).days, "days")


def _at_your_pace(outlook: Outlook, left: float) -> str:
    """`` At your pace so far you finish on Mon 11 Jan 2027.``; why not when it cannot be said."""
    finish = outlook.pace_finish_for(left)
    if finish is not None:
        return f" At your pace so far you finish on {format_uk(finish)}."
    if outlook.started and outlook.pace is None:
        return " No days were counted in the last 4 weeks."
    return ""


def _allowed_gaps(r: Requirement, start: date) -> Callable[[date], int]:
    """The longest gap allowed after a record dated ``day``: by the step of the period it falls in
    (``gap_steps``, e.g. weekly for 6 weeks, then fortnightly to 6 months, then monthly)."""
    bounds = [(start + relativedelta(weeks=s.until_weeks, months=s.until_months), s.max_gap_days)
              for s in r.gap_steps if s.until_weeks or s.until_months]  # fmt: skip

    def in_force(day: date) -> int:
        return next((gap for bound, gap in bounds if day < bound), r.max_gap_days)

    def allowed(day: date) -> int:  # a wait that runs into a later step gets that step's allowance
        gap = in_force(day)
        return max(gap, in_force(day + timedelta(days=gap)))

    return allowed


def _gap_rule(r: Requirement, now: int) -> str:
    """The gap allowed, in words: ``at most 14 allowed``; ``at most 7 allowed now`` if it changes."""
    return f"at most {now} allowed now" if r.gap_steps else f"at most {r.max_gap_days} allowed"


def _limit(r: Requirement, now: int) -> str:
    """``14 days``; ``the 7 days allowed now`` when the allowed gap changes over the period."""
    return f"the {now} days allowed now" if r.gap_steps else f"{r.max_gap_days} days"


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
