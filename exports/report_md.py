"""A portfolio report as Markdown (CommonMark with GFM tables), and the wording every report shares.

The layout is the one all three formats follow: cover, requirement summary, CPD pieces in the
regulator's field order, placement registers, reflections by stage, coverage matrices. The words
(headings, labels, totals) are built here once by small public functions, so the HTML writer
(and any other) says exactly the same things in the same order.

User text is escaped so that nothing a person typed can become structure: a title such as
``| # *x*`` stays one table cell of plain text, a reflection line starting ``1.`` or ``-`` stays a
line of a paragraph, and paragraphs a person wrote are kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from exports.portfolio import (
    Coverage,
    CoverageRow,
    CpdPiece,
    Portfolio,
    Progress,
    ReflectionEntry,
    Register,
    counted_label,
    finding_status,
    have_need,
)
from store import format_uk

if TYPE_CHECKING:
    from datetime import date

    from rules import Finding

# ---------------------------------------------------------------------------------------------------
# Wording shared by the writers
# ---------------------------------------------------------------------------------------------------

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
}
NOT_WRITTEN = "(not written)"
TICK = "✓"
REGISTER_COLUMNS = ("Date", "Day", "Kind", "Hours", "Counts", "Note", "Signed off")
FINDING_COLUMNS = ("Status", "Requirement", "Progress", "Pace", "Details")
SIGNATURE_COLUMNS = ("Practice educator", "Signature", "Date")
PLACEMENT_KINDS = {
    "first": "First placement",
    "final": "Final placement",
    "skills": "Skills days",
    "other": "Other",
}


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


def cover_facts(p: Portfolio) -> list[tuple[str, str]]:
    """The cover's labelled facts, in order: name, role, country, period, frameworks, judged on."""
    facts = [("Name", p.person)]
    if p.role:
        facts.append(("Role", p.role))
    if p.country:
        facts.append(("Country", p.country))
    facts.append(("Period", p.period_text))
    facts.append(("Frameworks", "; ".join(name for _, name in p.frameworks) or "none chosen"))
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


def piece_heading(piece: CpdPiece) -> str:
    """``Thu 26 Jun 2025 — Skills day: communication and role play``."""
    return f"{date_text(piece.activity.date)} — {piece.activity.title or '(untitled)'}"


def piece_facts(piece: CpdPiece) -> list[tuple[str, str]]:
    """Hours and standards under a piece (``(none recorded)`` when missing), unless its form lists them."""
    facts = [
        ("Hours", f"{piece.hours:g}" if piece.hours is not None else "(none recorded)"),
        ("Standards", ", ".join(piece.standards) or "(none recorded)"),
    ]
    shown = {label for label, _ in piece.fields}
    return [(label, value) for label, value in facts if label not in shown]


def register_facts(reg: Register) -> list[tuple[str, str]]:
    """A placement's facts above its register; facts not recorded are left out."""
    pl = reg.placement
    dates = f"{date_text(pl.start)} – {format_uk(pl.planned_end) if pl.planned_end else 'no planned end'}"
    facts = [
        ("Agency", pl.agency),
        ("Setting", counted_label(pl.setting)),
        ("Kind", PLACEMENT_KINDS.get(pl.kind, counted_label(pl.kind))),
        ("Dates", dates),
        ("Required days", str(pl.required_days) if pl.required_days else ""),
        ("Practice educator", pl.practice_educator),
        ("Supervisor", pl.supervisor),
    ]
    return [(label, value) for label, value in facts if value]


def register_heading(reg: Register) -> str:
    """A register's heading: the placement's name, or its kind when it has none."""
    return reg.placement.name or PLACEMENT_KINDS.get(reg.placement.kind, counted_label(reg.placement.kind))


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


def register_totals(reg: Register) -> list[str]:
    """The lines under a register: totals by kind, days counted, absences, sign-offs."""
    lines = [
        f"{counted_label(kind)}: {plural(n, 'day')}, {hours_text(h)}" for kind, (n, h) in reg.by_kind.items()
    ]
    of = f" of {reg.required} required" if reg.required else ""
    lines.append(f"Counted: {reg.counted_days}{of} days ({hours_text(reg.counted_hours)})")
    if reg.absences:
        listed = ", ".join(f"{date_text(d.date)} ({counted_label(d.kind).lower()})" for d in reg.absences)
        lines.append(f"Absences: {listed}")
    else:
        lines.append("Absences: none")
    lines.append(f"Signed off: {reg.signed_off_days} of {plural(len(reg.rows), 'day')}")
    return lines


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


def coverage_missing(c: Coverage) -> str:
    """``No evidence yet for: 5 Act safely, …`` or ``""`` when every heading has some."""
    if not c.missing:
        return ""
    return "No evidence yet for: " + "; ".join(f"{item} {name}" for item, name in c.missing)


class Steps:
    """Counts a writer's way through a portfolio and tells ``progress`` now and then."""

    SECTIONS = 6  # cover + the five sections
    EVERY = 50

    def __init__(self, p: Portfolio, progress: Progress | None) -> None:
        self.total = p.size() + self.SECTIONS
        self.done = 0
        self.progress = progress

    def section(self, what: str) -> None:
        """A section has begun: always tell."""
        self.done += 1
        self._tell(what)

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


def paragraphs(text: str) -> list[list[str]]:
    """User text split into paragraphs (at blank lines), each a list of its non-blank lines, trimmed."""
    out = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if lines:
            out.append(lines)
    return out


# ---------------------------------------------------------------------------------------------------
# Markdown
# ---------------------------------------------------------------------------------------------------

# Characters that open or close Markdown structure anywhere in a line. `#` is among them because a
# heading's trailing `#`s would be eaten as its closing sequence.
_ALWAYS = re.compile(r"([\\`*_\[\]<>|~#])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
# At a line's start `-`, `+`, `=` make lists, rules and setext headings, and `1.` or `1)` followed by a
# space an ordered list (``1.5 hours`` is left alone: it cannot start a list).
_LINE_START = re.compile(r"^(?:([-+=])|(\d+)([.)])(?=\s|$))")


def md_inline(text: str) -> str:
    """``text`` on one line with every Markdown-significant character escaped (whitespace collapsed)."""
    return _md_line(" ".join(str(text).split()))


def _md_line(line: str) -> str:
    line = _ALWAYS.sub(r"\\\1", line)
    line = _ENTITY.sub(r"\\&", line)
    return _LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", line)


def md_block(text: str) -> str:
    """User text as Markdown paragraphs: blank lines part paragraphs, a single newline is a line break."""
    return "\n\n".join("\\\n".join(_md_line(line) for line in lines) for lines in paragraphs(text))


def _heading(level: int, text: str) -> str:
    return f"{'#' * level} {md_inline(text) or '(untitled)'}"


def _table(head: tuple[str, ...], rows: list[tuple[str, ...]], bold_last: bool = False) -> str:
    lines = ["| " + " | ".join(md_inline(h) for h in head) + " |", "|" + "---|" * len(head)]
    for i, row in enumerate(rows):
        cells = [md_inline(c) for c in row]
        if bold_last and i == len(rows) - 1:
            cells = [f"**{c}**" if c else c for c in cells]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _facts(facts: list[tuple[str, str]]) -> str:
    return "\n".join(f"- **{md_inline(label)}:** {md_inline(value)}" for label, value in facts)


def render_markdown(p: Portfolio, progress: Progress | None = None) -> str:
    """Lay out ``p`` as one Markdown document (CommonMark + GFM tables), ending in a newline.

    Headings: ``#`` the cover, ``##`` each section, ``###`` each framework, piece, register,
    reflection group or coverage matrix, ``####`` each reflection, ``#####`` each of its stages.
    """
    steps = Steps(p, progress)
    out: list[str] = []
    steps.section("cover")
    out += _cover(p)
    steps.section("requirement summary")
    out += _summary(p)
    steps.section("CPD")
    out += _cpd(p, steps)
    steps.section("placement registers")
    out += _registers(p, steps)
    steps.section("reflections")
    out += _reflections(p, steps)
    steps.section("coverage")
    out += _coverage(p)
    steps.finish()
    return "\n\n".join(block for block in out if block) + "\n"


def _cover(p: Portfolio) -> list[str]:
    out = [
        _heading(1, TITLE),
        f"**{md_inline(p.person)}**",
        _facts(cover_facts(p)[1:]),
        md_inline(prepared_text(p)),
    ]
    out.append("> " + md_inline(CONFIDENTIAL))
    if p.notes:
        out.append("\n".join(f"- {md_inline(note)}" for note in p.notes))
    return out


def _summary(p: Portfolio) -> list[str]:
    out = [_heading(2, SECTIONS["summary"])]
    groups = findings_by_framework(p)
    if not groups:
        out.append("No frameworks are chosen, so there is nothing to judge.")
    for name, findings in groups:
        out.append(_heading(3, name))
        out.append(_table(FINDING_COLUMNS, [finding_cells(f) for f in findings]))
    return out


def _cpd(p: Portfolio, steps: Steps) -> list[str]:
    out = [_heading(2, cpd_heading(p))]
    if not p.cpd:
        out.append("No CPD pieces are recorded in this period.")
        return out
    out.append(md_inline(cpd_intro(p)))
    for piece in p.cpd:
        out.append(_heading(3, piece_heading(piece)))
        for label, text in piece.fields:
            out.append(f"**{md_inline(label)}**")
            out.append(md_block(text) if text.strip() else md_inline(NOT_WRITTEN))
        out.append(_facts(piece_facts(piece)))
        steps.item("CPD")
    return out


def _registers(p: Portfolio, steps: Steps) -> list[str]:
    out = [_heading(2, SECTIONS["registers"])]
    if not p.registers:
        out.append("No placements are recorded in this period.")
    for reg in p.registers:
        out.append(_heading(3, register_heading(reg)))
        out.append(_facts(register_facts(reg)))
        if reg.rows:
            out.append(_table(REGISTER_COLUMNS, list(register_cells(reg))))
        else:
            out.append("No days are logged for this placement in this period.")
        for _ in reg.rows:
            steps.item("placement registers")
        out.append("\n".join(f"- {md_inline(line)}" for line in register_totals(reg)))
        out.append(_table(SIGNATURE_COLUMNS, [(reg.placement.practice_educator, "", "")]))
    return out


def _reflections(p: Portfolio, steps: Steps) -> list[str]:
    out = [_heading(2, SECTIONS["reflections"])]
    if not p.reflections:
        out.append("No reflections are recorded in this period.")
    for group in p.reflections:
        out.append(_heading(3, group.title))
        for entry in group.entries:
            out.append(_heading(4, entry.reflection.title or "(untitled)"))
            out.append(_facts(reflection_facts(entry)))
            if not entry.stages:
                out.append(md_inline(NOT_WRITTEN))
            for heading, text in entry.stages:
                out.append(_heading(5, heading))
                out.append(md_block(text))
            steps.item("reflections")
    return out


def _coverage(p: Portfolio) -> list[str]:
    out = [_heading(2, SECTIONS["coverage"])]
    if not p.coverage:
        out.append("No records name a standard or PCF domain, and no framework with headings is chosen.")
    for c in p.coverage:
        out.append(_heading(3, coverage_heading(c)))
        head = ("Record", "Date", "Title", *(item for item, _ in c.headings))
        if c.rows:
            rows = [coverage_cells(row, c) for row in c.rows] + [coverage_totals(c)]
            out.append(_table(head, rows, bold_last=True))
        else:
            out.append("No records give evidence for these headings yet.")
        out.append("Key: " + "; ".join(f"{md_inline(item)} {md_inline(name)}" for item, name in c.headings))
        if c.missing:
            out.append(md_inline(coverage_missing(c)))
    return out
