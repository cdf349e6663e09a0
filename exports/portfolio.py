"""What a portfolio report holds, gathered once from a store; the Markdown, HTML and PDF writers lay
out the same ``Portfolio``.

A report has a cover (who, role, period, frameworks), the requirement summary (the same findings
the dashboard shows, judged on the last day of the report's period or today, whichever is sooner),
each CPD piece in the regulator's own field order, each placement's register with its totals and
absences, the reflections laid out by their model's stages (grouped by placement), and a coverage
matrix: which records give evidence for each PCF domain or professional standard.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from praxis_socialwork.exports.cpd_form import Form, form_for
from praxis_socialwork.store import (
    Activity,
    Comment,
    Placement,
    PlacementDay,
    Profile,
    Record,
    Reflection,
    SignOff,
    format_uk,
)
from praxis_socialwork.store.clock import uk_day
from praxis_socialwork.store.standards import heading_of, headings
from praxis_socialwork.store.vocab import COUNTED_DAY_KINDS, DAY_KINDS, REFLECTION_STAGES

if TYPE_CHECKING:
    from praxis_socialwork.rules import Catalogue, Finding, Records
    from praxis_socialwork.rules.review import Review, ReviewBook

Progress = Callable[[int, int, str], None]
"""Told ``(done, total, what)`` as a long export goes on, so a person sees it moving."""

ROLE_LABELS = {
    "student": "Social work student",
    "practitioner": "Social worker",
    "educator": "Practice educator",
}
COUNTRY_LABELS = {
    "england": "England",
    "northern-ireland": "Northern Ireland",
    "scotland": "Scotland",
    "wales": "Wales",
}
STATUS_LABELS = {"missed": "Missed", "gap": "Gap", "at_risk": "At risk", "on_track": "On track", "met": "Met",
                 "info": "Note"}  # fmt: skip
PLACEMENT_KINDS = {
    "first": "First placement",
    "final": "Final placement",
    "skills": "Skills days",
    "other": "Other",
}
ABSENCE_KINDS = ("absence", "sick")
MODEL_NAMES = {
    "gibbs": "Gibbs",
    "kolb": "Kolb",
    "driscoll": "Driscoll",
    "schon": "Schön",
    "free": "Free writing",
}


@dataclass(frozen=True)
class ReportOptions:
    """What a person asked the report to cover."""

    frameworks: tuple[str, ...] = ()  # framework ids; none means the profile's
    start: date | None = None  # records dated before this are left out
    end: date | None = None  # records dated after this are left out
    person: str = ""  # the name on the cover; blank means the profile's name


@dataclass(frozen=True)
class CpdPiece:
    """One CPD activity in a form's field order."""

    activity: Activity
    fields: list[tuple[str, str]]
    hours: float | None
    standards: list[str]
    feedback: list[Comment] = field(default_factory=list)  # comments on it, oldest first
    signoffs: list[SignOff] = field(default_factory=list)  # its sign-offs given with a comment


@dataclass(frozen=True)
class RegisterRow:
    """One day in a placement's register."""

    day: PlacementDay
    counts: bool
    signed_off: str  # who signed it off and when, "changed since sign-off", …; "" when never signed
    verified: bool = False  # a confirmed key's sign-off still verifies it
    signed: bool = False  # a sign-off of it as it is stands, verified or only recorded (no key)


@dataclass(frozen=True)
class Register:
    """A placement's register: its days, the totals by kind, counted days against those required."""

    placement: Placement
    rows: list[RegisterRow]
    by_kind: dict[str, tuple[int, float]]  # kind -> (days, hours), kinds in DAY_KINDS order, only those used
    counted_days: int
    counted_hours: float
    absences: list[PlacementDay]
    feedback: list[tuple[PlacementDay, Comment]] = field(default_factory=list)  # comments on its days
    # The comments given with sign-offs of its days: each with the days it was given for (a batch
    # signed together once, with those of its days the report shows), in the order of their first day.
    signoff_notes: list[tuple[list[PlacementDay], SignOff]] = field(default_factory=list)
    # The planned finish (``rules.placement_outlook``, as everywhere else) while days are still needed.
    finish: date | None = None

    @property
    def required(self) -> int:
        """How many days the placement needs."""
        return self.placement.required_days

    @property
    def signed_off_days(self) -> int:
        """How many days a practice educator's sign-off still verifies."""
        return sum(1 for row in self.rows if row.verified)

    @property
    def unverified_signed_days(self) -> int:
        """How many days carry a sign-off that stands but verifies nothing (no key, or a key the
        student has not confirmed)."""
        return sum(1 for row in self.rows if row.signed and not row.verified)

    @property
    def verified_hours(self) -> float:
        """The counted hours a sign-off still verifies."""
        return sum(row.day.hours for row in self.rows if row.verified and row.counts)


@dataclass(frozen=True)
class ReflectionEntry:
    """A reflection with its stages in the model's order, each under its heading."""

    reflection: Reflection
    model_name: str
    stages: list[tuple[str, str]]  # (heading, text); stages left empty are not listed
    linked: list[str]  # what the reflection is linked to, described ("day 3 Nov 2026 at Sampleton")
    feedback: list[Comment] = field(default_factory=list)  # comments on it, oldest first
    signoffs: list[SignOff] = field(default_factory=list)  # its sign-offs given with a comment


@dataclass(frozen=True)
class ReflectionGroup:
    """Reflections written during one placement (or outside any)."""

    title: str
    entries: list[ReflectionEntry]


@dataclass(frozen=True)
class CoverageRow:
    """One record and the headings it gives evidence for."""

    kind: str  # "Activity" or "Reflection"
    title: str
    date: date | None
    items: frozenset[str]


@dataclass(frozen=True)
class Coverage:
    """Which records give evidence for each heading of one framework (PCF domains, SWE standards)."""

    prefix: str
    name: str
    headings: list[tuple[str, str]]  # (item, name) in order
    rows: list[CoverageRow]

    def count(self, item: str) -> int:
        """How many records give evidence for ``item``."""
        return sum(1 for row in self.rows if item in row.items)

    @property
    def missing(self) -> list[tuple[str, str]]:
        """The headings no record gives evidence for."""
        return [(item, name) for item, name in self.headings if not self.count(item)]


@dataclass(frozen=True)
class Signer:
    """Someone who signed off records the report shows, with one key (or none)."""

    name: str
    role: str
    fingerprint: str  # "" for sign-offs made without a key
    standing: str  # what the student's store makes of the key: confirmed, not confirmed, …
    records: int


SIGNER_STANDING = {
    "confirmed": "confirmed by the student as theirs",
    "unconfirmed": "not yet confirmed by the student",
    "other key": "NOT the key the student confirmed for this name: not counted",
    "": "no key: recorded, not signed",
}


@dataclass
class Portfolio:
    """Everything a report shows, in the order it shows it."""

    person: str
    role: str
    country: str
    frameworks: list[tuple[str, str]]  # (id, name)
    start: date | None
    end: date | None
    judged_on: date
    generated: date
    findings: list[Finding]
    form: Form
    cpd: list[CpdPiece]  # completed pieces: what counts, and what the totals and coverage are of
    registers: list[Register]
    reflections: list[ReflectionGroup]
    coverage: list[Coverage]
    not_done: list[Activity] = field(default_factory=list)  # planned and draft pieces: listed, never counted
    notes: list[str] = field(default_factory=list)  # things a reader should know (filters applied)
    signers: list[Signer] = field(default_factory=list)  # who signed off what it shows, with which key
    signoffs: list[SignOff] = field(default_factory=list)  # the sign-offs of what it shows (to verify)

    @property
    def period_text(self) -> str:
        """The period as a reader would write it: ``1 Dec 2025 – 30 Nov 2026`` / ``all records``."""
        if self.start and self.end:
            return f"{format_uk(self.start)} – {format_uk(self.end)}"
        if self.start:
            return f"from {format_uk(self.start)}"
        if self.end:
            return f"up to {format_uk(self.end)}"
        return "all records"

    @property
    def cpd_hours(self) -> float:
        """The hours of the CPD pieces listed."""
        return sum(p.hours or 0 for p in self.cpd)

    def records(self) -> list[Record]:
        """Every record the report shows: what leaves the machine with it (for the confidentiality check)."""
        out: list[Record] = [piece.activity for piece in self.cpd] + list(self.not_done)
        out += [c for piece in self.cpd for c in (*piece.feedback, *piece.signoffs)]
        for register in self.registers:
            out += [row.day for row in register.rows] + [c for _, c in register.feedback]
            out += [s for _, s in register.signoff_notes]
        for group in self.reflections:
            out += [e.reflection for e in group.entries]
            out += [c for e in group.entries for c in (*e.feedback, *e.signoffs)]
        return out

    def size(self) -> int:
        """How many items a writer lays out (for progress)."""
        return (
            len(self.cpd)
            + sum(len(r.rows) for r in self.registers)
            + sum(len(g.entries) for g in self.reflections)
        )


def in_range(day: date | None, start: date | None, end: date | None) -> bool:
    """Whether a record dated ``day`` goes into a report from ``start`` to ``end`` (either may be open).

    Both ends are included. An undated record goes in only when the report has no period at all.
    """
    if day is None:
        return start is None and end is None
    return (start is None or day >= start) and (end is None or day <= end)


def placement_title(p: Placement) -> str:
    """A placement as a report names it: its name, or its kind when it has none."""
    if p.name:
        return p.name
    return "Placement" if p.kind == "other" else PLACEMENT_KINDS.get(p.kind, "Placement")


def build_portfolio(
    profile: Profile | None,
    records: Records,
    catalogue: Catalogue,
    today: date,
    options: ReportOptions = ReportOptions(),
) -> Portfolio:
    """Gather a report from a store's records (the one snapshot the engine judges too), as of ``today``.

    The sign-offs and comments among them are the practice educator's: each register row says who
    signed the day off (or that it changed since), and each piece, reflection and register lists the
    comments on it.

    Records dated outside ``options``' range are left out (a placement is kept if any of its days
    fall inside it, or it overlaps it). The findings are judged on the report's last day, or today if
    that is sooner, over every record (a requirement looks at its own period, which may start
    before the report's).
    """
    from praxis_socialwork.rules import evaluate_all
    from praxis_socialwork.rules.review import ReviewBook

    ids = list(options.frameworks) or (list(profile.frameworks) if profile else [])
    judged_on = min(today, options.end) if options.end else today
    activities, placements, days, reflections = (
        records.activities,
        records.placements,
        records.days,
        records.reflections,
    )
    signoffs, comments, trust = records.signoffs, records.comments, records.trust
    book = ReviewBook([*days, *activities, *reflections, *placements], signoffs, comments, trust)
    findings = evaluate_all(catalogue.frameworks, ids, records, profile, judged_on) if ids else []
    names = [(fid, catalogue.frameworks[fid].name if fid in catalogue.frameworks else fid) for fid in ids]

    def inside(day: date | None) -> bool:
        return in_range(day, options.start, options.end)

    form = form_for(ids)
    dated = sorted((a for a in activities if inside(a.date)), key=lambda a: (a.date or date.min, a.title))
    # Planned and draft pieces never count (as the gap engine judges): listed apart, out of the totals.
    chosen_activities = [a for a in dated if a.status == "complete"]
    not_done = [a for a in dated if a.status != "complete"]
    cpd = [
        CpdPiece(
            a,
            form.values(a),
            a.hours,
            list(a.standards),
            book.comments_on(a.id),
            book.signoff_remarks_on(a.id),
        )
        for a in chosen_activities
    ]

    chosen_days = [d for d in days if inside(d.date)]
    by_placement: dict[str, list[PlacementDay]] = {}
    for d in chosen_days:
        by_placement.setdefault(d.placement_id, []).append(d)
    chosen_placements = sorted(
        (p for p in placements if p.id in by_placement or _overlaps(p, options)),
        key=lambda p: (p.start or date.min, p.name),
    )
    finishes = _planned_finishes(chosen_placements, days, profile, judged_on)
    registers = [_register(p, by_placement.get(p.id, []), book, finishes[p.id]) for p in chosen_placements]

    chosen_reflections = sorted(
        (r for r in reflections if inside(r.date)), key=lambda r: (r.date or date.min, r.title)
    )
    groups = _reflection_groups(chosen_reflections, chosen_placements, days, placements, activities, book)
    coverage = _coverage(ids, chosen_activities, chosen_reflections)

    shown: list[Record] = [*chosen_activities, *(row.day for r in registers for row in r.rows)]
    shown += [e.reflection for g in groups for e in g.entries]
    signers, shown_signoffs = _signers(shown, book)
    notes = []
    if options.start or options.end:
        notes.append("Only records dated inside the period are listed.")
    if options.frameworks:
        notes.append(f"Only these frameworks are judged: {', '.join(options.frameworks)}.")
    return Portfolio(
        person=options.person.strip() or (profile.name if profile and profile.name else "Unnamed"),
        role=ROLE_LABELS.get(profile.role, profile.role) if profile else "",
        country=COUNTRY_LABELS.get(profile.country, profile.country) if profile else "",
        frameworks=names,
        start=options.start,
        end=options.end,
        judged_on=judged_on,
        generated=today,
        findings=findings,
        form=form,
        cpd=cpd,
        not_done=not_done,
        registers=registers,
        reflections=groups,
        coverage=coverage,
        notes=notes,
        signers=signers,
        signoffs=shown_signoffs,
    )


def _signers(shown: list[Record], book: ReviewBook) -> tuple[list[Signer], list[SignOff]]:
    """Who signed off the records shown, one row per name and key, and those sign-offs."""
    rows: dict[tuple[str, str], tuple[str, str, set[str]]] = {}
    signoffs: list[SignOff] = []
    for record in shown:
        for check in book.of(record).checks:
            s = check.signoff
            signoffs.append(s)
            role, trust, ids = rows.setdefault((s.by, check.key), (s.role, check.trust, set()))
            ids.add(s.record_id)
    signers = [
        Signer(name, role, key, SIGNER_STANDING.get(trust, trust), len(ids))
        for (name, key), (role, trust, ids) in sorted(rows.items())
    ]
    return signers, signoffs


def _overlaps(p: Placement, options: ReportOptions) -> bool:
    if options.start is None and options.end is None:
        return True
    first = p.start or date.min
    last = p.planned_end or date.max
    return (options.end is None or first <= options.end) and (options.start is None or last >= options.start)


def _planned_finishes(
    placements: Sequence[Placement], days: Sequence[PlacementDay], profile: Profile | None, on: date
) -> dict[str, date | None]:
    """Each placement's planned finish on ``on`` from all its days (None once its days are done)."""
    from praxis_socialwork.rules.placement_outlook import country_of, placement_outlook

    country = country_of(profile)
    found: dict[str, date | None] = {}
    for p in placements:
        outlook = placement_outlook(p, [d for d in days if d.placement_id == p.id], country, on)
        found[p.id] = outlook.finish if outlook.needed else None
    return found


def _register(
    placement: Placement, days: list[PlacementDay], book: ReviewBook, finish: date | None = None
) -> Register:
    days = sorted(days, key=lambda d: d.date or date.min)
    rows = []
    for d in days:
        review = book.of(d)
        row = RegisterRow(d, d.kind in COUNTED_DAY_KINDS, _signed_off(review), review.verified, review.signed)
        rows.append(row)
    by_kind: dict[str, tuple[int, float]] = {}
    for kind in (*DAY_KINDS, *sorted({d.kind for d in days} - set(DAY_KINDS))):
        mine = [d for d in days if d.kind == kind]
        if mine:
            by_kind[kind] = (len(mine), sum(d.hours for d in mine))
    counted = [d for d in days if d.kind in COUNTED_DAY_KINDS]
    return Register(
        placement=placement,
        rows=rows,
        by_kind=by_kind,
        counted_days=len(counted),
        counted_hours=sum(d.hours for d in counted),
        absences=[d for d in days if d.kind in ABSENCE_KINDS],
        feedback=[(d, c) for d in days for c in book.comments_on(d.id)],
        signoff_notes=_signoff_notes(days, book),
        finish=finish,
    )


def _signoff_notes(days: list[PlacementDay], book: ReviewBook) -> list[tuple[list[PlacementDay], SignOff]]:
    """The comments given with sign-offs of ``days`` (sorted by date): one per batch signed together,
    with the days of it shown here, in the order of their first day."""
    from praxis_socialwork.rules.review import signoff_remarks

    shown = {d.id: d for d in days}
    notes = []
    for remark in signoff_remarks(s for d in days for s in book.signoff_remarks_on(d.id)):
        covered = sorted(
            (shown[i] for i in remark.record_ids if i in shown), key=lambda d: d.date or date.min
        )
        notes.append((covered, remark.signoffs[0]))
    return sorted(notes, key=lambda n: (n[0][0].date or date.min, n[1].at))


def _signed_off(review: Review) -> str:
    """What a register's "Signed off" cell says: who and when (and that the signature was checked),
    or why an earlier sign-off no longer counts; "" for a day never signed off."""
    valid = review.valid
    if valid is not None:
        s = valid.signoff
        when = uk_day(s.at)
        return f"{s.by}, {when.day} {when:%b %Y} (signature verified, key {valid.key})"
    standing = review.standing
    if standing is not None and standing.signature == "none":
        s = standing.signoff
        when = uk_day(s.at)
        return f"{s.by}, {when.day} {when:%b %Y} ({review.status})"
    return review.status if review.checks or review.downgraded else ""


def _reflection_groups(
    chosen: list[Reflection],
    placements: list[Placement],
    all_days: Sequence[PlacementDay],
    all_placements: Sequence[Placement],
    activities: Sequence[Activity],
    book: ReviewBook,
) -> list[ReflectionGroup]:
    from praxis_socialwork.rules.review import placement_of

    day_by_id = {d.id: d for d in all_days}
    placement_by_id = {p.id: p for p in all_placements}
    activity_by_id = {a.id: a for a in activities}
    groups: dict[str, list[ReflectionEntry]] = {p.id: [] for p in placements}
    other: list[ReflectionEntry] = []
    # A reflection belongs to the placement of a day it links to, or whose dates hold it (only the
    # placements the report shows).
    shown_days = {d.id: d for d in all_days if d.placement_id in groups}
    for r in chosen:
        entry = _entry(r, day_by_id, placement_by_id, activity_by_id, book)
        home = placement_of(r, placements, shown_days)
        (groups[home] if home else other).append(entry)
    out = [ReflectionGroup(placement_title(p), groups[p.id]) for p in placements if groups[p.id]]
    if other:
        out.append(ReflectionGroup("Other reflections" if out else "Reflections", other))
    return out


def _entry(
    r: Reflection,
    day_by_id: dict[str, PlacementDay],
    placement_by_id: dict[str, Placement],
    activity_by_id: dict[str, Activity],
    book: ReviewBook,
) -> ReflectionEntry:
    known = REFLECTION_STAGES.get(r.model, ())
    stages = []
    for name, prompt in known:
        text = r.stages.get(name, "").strip()
        if text:
            stages.append((_stage_heading(name, prompt), text))
    for name, text in r.stages.items():  # stages this model does not name are kept, after the others
        if name not in dict(known) and text.strip():
            stages.append((name.replace("-", " ").capitalize(), text.strip()))
    linked = []
    for link in r.links:
        if link in day_by_id:
            day = day_by_id[link]
            where = placement_by_id.get(day.placement_id)
            linked.append(
                f"day {format_uk(day.date)}" + (f" at {where.name}" if where else "") if day.date else "a day"
            )
        elif link in activity_by_id:
            linked.append(f"activity '{activity_by_id[link].title}'")
    model = MODEL_NAMES.get(r.model, r.model)
    return ReflectionEntry(r, model, stages, linked, book.comments_on(r.id), book.signoff_remarks_on(r.id))


def _stage_heading(name: str, prompt: str) -> str:
    if name == "text":
        return "Reflection"
    return name.replace("-", " ").capitalize()


def _coverage(
    ids: Iterable[str], activities: list[Activity], reflections: list[Reflection]
) -> list[Coverage]:
    known = headings()
    used: dict[str, list[CoverageRow]] = {}
    prefixes_used: list[str] = []
    for kind, records in (("Activity", activities), ("Reflection", reflections)):
        for rec in records:
            items_by_prefix: dict[str, set[str]] = {}
            for code in rec.standards:
                found = heading_of(code)
                if found:
                    items_by_prefix.setdefault(found[0], set()).add(found[1])
            for prefix, items in items_by_prefix.items():
                if prefix not in prefixes_used:
                    prefixes_used.append(prefix)
                used.setdefault(prefix, []).append(CoverageRow(kind, rec.title, rec.date, frozenset(items)))
    # A framework the person follows gets its matrix even with nothing in it: the gaps are the point.
    wanted = [p for p in known if p in set(ids) or p in prefixes_used]
    out = []
    for prefix in wanted:
        name, items = known[prefix]
        rows = sorted(used.get(prefix, []), key=lambda r: (r.date or date.min, r.title))
        out.append(Coverage(prefix, name, list(items.items()), rows))
    return out
