"""The words a portfolio report says, built once for the Markdown, HTML and PDF writers.

Every heading, label, empty-section sentence and total line comes from here, and so does which top
sections a report has and in what order (``report_sections``), so the three formats say the same
things in the same order; each writer only decides how they look. Nothing here knows about
Markdown, HTML or PDF: the writers escape what they are given.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from praxis_socialwork.exports.portfolio import PLACEMENT_KINDS, STATUS_LABELS, placement_title
from praxis_socialwork.store import format_uk

if TYPE_CHECKING:
    from datetime import date

    from praxis_socialwork.exports.portfolio import (
        Coverage,
        CoverageRow,
        CpdPiece,
        Portfolio,
        Progress,
        ReflectionEntry,
        Register,
        Signer,
    )
    from praxis_socialwork.rules import Finding
    from praxis_socialwork.store import Comment, PlacementDay, SignOff

TITLE = "Portfolio"
CONFIDENTIAL = (
    "Confidential: this portfolio may contain reflections about the people you work with and about "
    "your own practice. Keep it safe, share it only with those who need to see it, and delete copies "
    "you no longer need."
)
SECTIONS = {
    "summary": "Requirement summary",
    "cpd": "CPD",
    "registers": "Placement registers",
    "reflections": "Reflections",
    "coverage": "Coverage",
    "signatures": "Signatures",  # only when the report shows sign-offs
}
SIGNER_COLUMNS = ("Signed off by", "Role", "Key fingerprint", "Records", "Key in the student's store")
NOT_WRITTEN = "(not written)"
UNTITLED = "(untitled)"
TICK = "✓"
REGISTER_COLUMNS = ("Date", "Day", "Kind", "Hours", "Counts", "Note", "Signed off")
FINDING_COLUMNS = ("Status", "Requirement", "Progress", "Pace needed", "Details")
SIGNATURE_COLUMNS = ("Practice educator", "Signature", "Date")
COVERAGE_COLUMNS = ("Record", "Date", "Title")
FEEDBACK = "Feedback"
COMMENT_MARKS = {"changes-requested": "asks for changes", "resolved": "request settled"}

# What a section says when it has nothing to show.
NO_FRAMEWORKS = "No frameworks are chosen, so there is nothing to judge."
NO_CPD = "No CPD pieces are recorded in this period."
NO_PLACEMENTS = "No placements are recorded in this period."
NO_DAYS = "No days are logged for this placement in this period."
NO_REFLECTIONS = "No reflections are recorded in this period."
NO_COVERAGE = "No records name a standard or PCF domain, and no framework with headings is chosen."
NO_EVIDENCE = "No records give evidence for these headings yet."


def hours_text(hours: float | None) -> str:
    """``7.5 hours``, ``1 hour``, ``0 hours``; ``""`` when no hours are recorded."""
    if hours is None:
        return ""
    return f"{hours:g} hour" + ("" if hours == 1 else "s")


def plural(n: int, word: str) -> str:
    """``1 day``, ``3 days``."""
    return f"{n} {word}" + ("" if n == 1 else "s")


def date_text(day: date | None) -> str:
    """A date as the report prints it (``Thu 26 Jun 2025``), or ``no date``."""
    return format_uk(day) if day else "no date"


def counted_label(kind: str) -> str:
    """A vocabulary word as a report shows it (``bank-holiday`` → ``Bank holiday``)."""
    return kind.replace("-", " ").capitalize()


def finding_status(f: Finding) -> str:
    """A finding's status as a report prints it (``At risk``)."""
    return STATUS_LABELS.get(f.status, f.status)


def have_need(f: Finding) -> str:
    """``1 of 2 pieces`` (``3 pieces, 2 needed`` beyond it) for a finding with a target, else ``""``."""
    if not f.need:
        return ""
    if f.have > f.need:
        return f"{f.have:g} {_unit(f.unit, f.have)}, {f.need:g} needed".strip()
    return f"{f.have:g} of {f.need:g} {_unit(f.unit, f.need)}".strip()


def _unit(unit: str, n: float) -> str:
    """The unit singular for exactly one (``1 piece``)."""
    return unit[:-1] if n == 1 and unit.endswith("s") else unit


def cover_facts(p: Portfolio, framework_sep: str = "; ") -> list[tuple[str, str]]:
    """The labelled facts under the cover's name, in order: role, country, period, frameworks, judged on.

    The name itself stands above them, larger, so it is not among them. The frameworks' names are
    joined by ``framework_sep`` (a writer with room may put one a line).
    """
    facts: list[tuple[str, str]] = []
    if p.role:
        facts.append(("Role", p.role))
    if p.country:
        facts.append(("Country", p.country))
    facts.append(("Period", p.period_text))
    facts.append(("Frameworks", framework_sep.join(name for _, name in p.frameworks) or "none chosen"))
    facts.append(("Judged on", format_uk(p.judged_on)))
    return facts


def prepared_text(p: Portfolio) -> str:
    """``Prepared Sun 22 Nov 2026 with Praxis``."""
    return f"Prepared {format_uk(p.generated)} with Praxis"


def findings_by_framework(p: Portfolio) -> list[tuple[str, list[Finding]]]:
    """The findings grouped under their framework's name, frameworks in the portfolio's order."""
    names = dict(p.frameworks)
    order = [fid for fid, _ in p.frameworks]
    order += [f.framework for f in p.findings if f.framework not in order]
    groups: list[tuple[str, list[Finding]]] = []
    for fid in dict.fromkeys(order):
        mine = [f for f in p.findings if f.framework == fid]
        if mine:
            groups.append((names.get(fid, fid), mine))
    return groups


def requirement_text(f: Finding) -> str:
    """A finding's requirement title, with the placement it is about when it is about one."""
    return f"{f.title} ({f.placement})" if f.placement else f.title


def finding_cells(f: Finding) -> tuple[str, str, str, str, str]:
    """One finding as the summary table's cells, in ``FINDING_COLUMNS`` order."""
    return (finding_status(f), requirement_text(f), have_need(f), f.pace, f.message)


def cpd_heading(p: Portfolio) -> str:
    """``CPD: 27 pieces, 160 hours``."""
    return f"{SECTIONS['cpd']}: {plural(len(p.cpd), 'piece')}, {hours_text(p.cpd_hours)}"


def cpd_intro(p: Portfolio) -> str:
    """The sentence under the CPD heading saying which form the fields follow."""
    return f"Each piece is laid out in the order of the {p.form.name}."


NOT_DONE = "Planned and draft pieces (not counted)"


def not_done_lines(p: Portfolio) -> list[str]:
    """``Wed 2 Dec 2026 — Recall day at university (planned)``: each piece that does not count yet."""
    return [f"{date_text(a.date)} — {a.title or UNTITLED} ({a.status})" for a in p.not_done]


def piece_heading(piece: CpdPiece) -> str:
    """``Thu 26 Jun 2025 — Skills day: communication and role play``."""
    return f"{date_text(piece.activity.date)} — {piece.activity.title or UNTITLED}"


def piece_facts(piece: CpdPiece) -> list[tuple[str, str]]:
    """Hours and standards under a piece (``(none recorded)`` when missing), unless its form lists them.

    A form's ``Duration`` is its hours under another name, so it is not said twice.
    """
    shown = {label for label, _ in piece.fields}
    facts = []
    if not shown & {"Hours", "Duration"}:
        facts.append(("Hours", f"{piece.hours:g}" if piece.hours is not None else "(none recorded)"))
    if "Standards" not in shown:
        facts.append(("Standards", ", ".join(piece.standards) or "(none recorded)"))
    return facts


def register_heading(reg: Register) -> str:
    """A register's heading: the placement's name, or its kind when it has none."""
    return placement_title(reg.placement)


def register_facts(reg: Register) -> list[tuple[str, str]]:
    """A placement's facts above its register; facts not recorded are left out."""
    pl = reg.placement
    dates = f"{date_text(pl.start)} – {format_uk(pl.planned_end) if pl.planned_end else 'no planned end'}"
    facts = [
        ("Agency", pl.agency),
        ("Setting", counted_label(pl.setting)),
        ("Kind", PLACEMENT_KINDS.get(pl.kind, counted_label(pl.kind))),
        ("Dates", dates),
        ("Planned finish", format_uk(reg.finish) if reg.finish else ""),
        ("Required days", str(pl.required_days) if pl.required_days else ""),
        ("Practice educator", pl.practice_educator),
        ("Supervisor", pl.supervisor),
    ]
    return [(label, value) for label, value in facts if value]


def register_cells(reg: Register) -> Iterator[tuple[str, ...]]:
    """Each register row as cells in ``REGISTER_COLUMNS`` order; ``Day`` numbers the counted days."""
    counted = 0
    for row in reg.rows:
        day = row.day
        number = ""
        if row.counts:
            counted += 1
            number = str(counted)
        yield (
            date_text(day.date),
            number,
            counted_label(day.kind),
            f"{day.hours:g}",
            "Yes" if row.counts else "No",
            " ".join(day.note.split()),
            row.signed_off,
        )


def kind_totals(reg: Register) -> list[tuple[str, int, float]]:
    """``(kind as shown, days, hours)`` for each kind of day the register holds."""
    return [(counted_label(kind), n, h) for kind, (n, h) in reg.by_kind.items()]


def counted_text(reg: Register) -> str:
    """``Counted: 42 of 100 required days (312.5 hours)``: the line a register is judged by."""
    of = f" of {reg.required} required" if reg.required else ""
    return f"Counted: {reg.counted_days}{of} days ({hours_text(reg.counted_hours)})"


def register_summary(reg: Register) -> list[str]:
    """The lines that sum up a register: days counted, absences, sign-offs."""
    lines = [counted_text(reg)]
    if reg.absences:
        listed = ", ".join(f"{date_text(d.date)} ({counted_label(d.kind).lower()})" for d in reg.absences)
        lines.append(f"Absences: {listed}")
    else:
        lines.append("Absences: none")
    lines.append(
        f"Signed off and verified: {reg.signed_off_days} of {plural(len(reg.rows), 'day')}; "
        f"verified {hours_text(reg.verified_hours) or '0 hours'} of {hours_text(reg.counted_hours)} counted"
    )
    if reg.unverified_signed_days:
        lines.append(
            f"Signed off but not verified: {plural(reg.unverified_signed_days, 'day')} (recorded without a "
            "signing key, or with a key the student has not confirmed)"
        )
    return lines


def register_totals(reg: Register) -> list[str]:
    """The lines under a register: totals by kind, then ``register_summary``."""
    by_kind = [f"{kind}: {plural(n, 'day')}, {hours_text(h)}" for kind, n, h in kind_totals(reg)]
    return by_kind + register_summary(reg)


def comment_line(c: Comment) -> str:
    """``Jo Educator (Practice educator), Thu 19 Nov 2026, asks for changes: Say what you did next.``"""
    from praxis_socialwork.rules.review import on_day

    who = c.by + (f" ({c.role})" if c.role else "")
    mark = f", {COMMENT_MARKS[c.status]}" if c.status in COMMENT_MARKS else ""
    text = " ".join(c.text.split())
    return f"{who}, {on_day(c.at)}{mark}" + (f": {text}" if text else "")


def signoff_line(s: SignOff) -> str:
    """``Signed off by Jo Educator (Practice educator), Fri 13 Nov 2026: Good first week.``: the
    comment a practice educator gave with a sign-off."""
    from praxis_socialwork.rules.review import on_day

    who = s.by + (f" ({s.role})" if s.role else "")
    return f"Signed off by {who}, {on_day(s.at)}: {' '.join(s.comment.split())}"


def feedback_lines(comments: list[Comment], signoffs: list[SignOff] | None = None) -> list[str]:
    """Each comment on a record, and each comment given with its sign-off, as a line, oldest first
    (replies read in order under what they answer)."""
    said: list[tuple[str, str]] = [(c.at, comment_line(c)) for c in comments]
    said += [(s.at, signoff_line(s)) for s in signoffs or []]
    return [line for _, line in sorted(said, key=lambda pair: pair[0])]


def record_feedback(item: CpdPiece | ReflectionEntry) -> list[str]:
    """The feedback under a CPD piece or a reflection: the comments on it and those given with its
    sign-offs, as ``feedback_lines`` (``register_feedback`` is a register's)."""
    return feedback_lines(item.feedback, item.signoffs)


def days_text(days: list[PlacementDay]) -> str:
    """``Mon 9 Nov 2026`` for one day; ``Mon 9 Nov 2026 – Fri 13 Nov 2026 (5 days)`` for several."""
    if len(days) == 1:
        return date_text(days[0].date)
    return f"{date_text(days[0].date)} – {date_text(days[-1].date)} ({plural(len(days), 'day')})"


def register_feedback(reg: Register) -> list[str]:
    """The comments on a register's days and those given with their sign-offs, each after the day
    (or the days signed together) it is about, in the order of the days."""
    from datetime import date

    said = [
        ((day.date or date.min, c.at), f"{date_text(day.date)}: {comment_line(c)}") for day, c in reg.feedback
    ]
    said += [
        ((days[0].date or date.min, s.at), f"{days_text(days)}: {signoff_line(s)}")
        for days, s in reg.signoff_notes
    ]
    return [line for _, line in sorted(said, key=lambda pair: pair[0])]


def reflection_heading(entry: ReflectionEntry) -> str:
    """A reflection's title, or ``(untitled)``."""
    return entry.reflection.title or UNTITLED


def reflection_facts(entry: ReflectionEntry) -> list[tuple[str, str]]:
    """The facts under a reflection's title; those not recorded are left out (date and model stay)."""
    r = entry.reflection
    facts = [
        ("Date", date_text(r.date)),
        ("Model", entry.model_name),
        ("Linked to", "; ".join(entry.linked)),
        ("Theories", r.theories.strip()),
        ("Standards", ", ".join(r.standards)),
    ]
    return [(label, value) for label, value in facts if value]


def coverage_heading(c: Coverage) -> str:
    """The coverage matrix's heading: the framework's name."""
    return c.name


def coverage_cells(row: CoverageRow, c: Coverage) -> tuple[str, ...]:
    """A record's row: kind, date, title, then a tick under each heading it gives evidence for."""
    return (
        row.kind,
        date_text(row.date),
        row.title,
        *(TICK if item in row.items else "" for item, _ in c.headings),
    )


def coverage_totals(c: Coverage) -> tuple[str, ...]:
    """The totals row: how many records give evidence for each heading."""
    return ("Records", "", "", *(str(c.count(item)) for item, _ in c.headings))


def coverage_key(c: Coverage) -> str:
    """``Key: 1 Professionalism; 2 Values and Ethics; …``: what each column's number stands for."""
    return "Key: " + "; ".join(f"{item} {name}" for item, name in c.headings)


def coverage_missing(c: Coverage) -> str:
    """``No evidence yet for: 5 Act safely, …`` or ``""`` when every heading has some."""
    if not c.missing:
        return ""
    return "No evidence yet for: " + "; ".join(f"{item} {name}" for item, name in c.missing)


def signer_cells(s: Signer) -> tuple[str, str, str, str, str]:
    """A signer's row in ``SIGNER_COLUMNS`` order."""
    return (s.name, s.role, s.fingerprint or "no key", str(s.records), s.standing)


def signatures_intro() -> str:
    """What the Signatures section tells a reader: how to check the signatures themselves."""
    from praxis_socialwork.exports.signatures import HOW_TO_VERIFY

    return HOW_TO_VERIFY


def signatures_data(p: Portfolio) -> str:
    """The sign-offs the report shows, as the JSON ``praxis verify`` reads back."""
    from praxis_socialwork.exports.signatures import signatures_block

    return signatures_block(p.signoffs)


def paragraphs(text: str) -> list[list[str]]:
    """User text split into paragraphs (at blank lines), each a list of its non-blank lines, trimmed."""
    out = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if lines:
            out.append(lines)
    return out


@dataclass(frozen=True)
class Section:
    """One of a report's top sections after the cover, as every writer lays it out: each starts it
    with ``heading``, says ``empty`` in place of its content when it has none, then its content."""

    key: str  # "summary", "cpd", "registers", "reflections", "coverage" or "signatures" (the HTML's id)
    heading: str
    empty: str  # "" when the section has something to show
    step: str  # what ``progress`` is told as the section begins
    always: bool = True  # in every report; Signatures only when the report shows sign-offs


def report_sections(p: Portfolio) -> list[Section]:
    """The top sections after the cover, in the order all three formats lay them out: the requirement
    summary, CPD, placement registers, reflections and coverage, then Signatures when anything the
    report shows is signed off."""
    judged = findings_by_framework(p)
    sections = [
        Section("summary", SECTIONS["summary"], "" if judged else NO_FRAMEWORKS, "requirement summary"),
        Section("cpd", cpd_heading(p), "" if p.cpd else NO_CPD, "CPD"),
        Section(
            "registers", SECTIONS["registers"], "" if p.registers else NO_PLACEMENTS, "placement registers"
        ),
        Section(
            "reflections", SECTIONS["reflections"], "" if p.reflections else NO_REFLECTIONS, "reflections"
        ),
        Section("coverage", SECTIONS["coverage"], "" if p.coverage else NO_COVERAGE, "coverage"),
    ]
    if p.signers:
        sections.append(Section("signatures", SECTIONS["signatures"], "", "signatures", always=False))
    return sections


class Steps:
    """Counts a writer's way through a portfolio and tells ``progress`` now and then."""

    SECTIONS = 6  # the cover and the five sections every report has (``Section.always``)
    EVERY = 50

    def __init__(self, p: Portfolio, progress: Progress | None) -> None:
        self.total = p.size() + self.SECTIONS
        self.done = 0
        self.progress = progress

    def section(self, what: str) -> None:
        """A section has begun: always tell."""
        self.done += 1
        self._tell(what)

    def begin(self, section: Section) -> None:
        """A top section has begun: tell, if it is one every report has (the total counts only those)."""
        if section.always:
            self.section(section.step)

    def item(self, what: str) -> None:
        """One more item laid out: tell every ``EVERY`` items."""
        self.done += 1
        if self.done % self.EVERY == 0:
            self._tell(what)

    def finish(self) -> None:
        """The whole report is laid out."""
        self.done = self.total
        self._tell("done")

    def _tell(self, what: str) -> None:
        if self.progress is not None:
            self.progress(min(self.done, self.total), self.total, what)
