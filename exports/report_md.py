"""A portfolio report as Markdown (CommonMark with GFM tables).

The layout is the one all three formats follow: cover, requirement summary, CPD pieces in the
regulator's field order, placement registers, reflections by stage, coverage matrices. The words
(headings, labels, totals) come from ``exports.report_words``, so the HTML and PDF reports say
exactly the same things in the same order.

User text is escaped so that nothing a person typed can become structure: a title such as
``| # *x*`` stays one table cell of plain text, a reflection line starting ``1.`` or ``-`` stays a
line of a paragraph, and paragraphs a person wrote are kept.
"""

from __future__ import annotations

import re

from praxis_socialwork.exports.portfolio import Portfolio, Progress
from praxis_socialwork.exports.report_words import (
    CONFIDENTIAL,
    COVERAGE_COLUMNS,
    FEEDBACK,
    FINDING_COLUMNS,
    NO_COVERAGE,
    NO_CPD,
    NO_DAYS,
    NO_EVIDENCE,
    NO_FRAMEWORKS,
    NO_PLACEMENTS,
    NO_REFLECTIONS,
    NOT_DONE,
    NOT_WRITTEN,
    REGISTER_COLUMNS,
    SECTIONS,
    SIGNATURE_COLUMNS,
    SIGNER_COLUMNS,
    TITLE,
    UNTITLED,
    Steps,
    cover_facts,
    coverage_cells,
    coverage_heading,
    coverage_key,
    coverage_missing,
    coverage_totals,
    cpd_heading,
    cpd_intro,
    feedback_lines,
    finding_cells,
    findings_by_framework,
    not_done_lines,
    paragraphs,
    piece_facts,
    piece_heading,
    prepared_text,
    reflection_facts,
    reflection_heading,
    register_cells,
    register_facts,
    register_feedback,
    register_heading,
    register_totals,
    signatures_data,
    signatures_intro,
    signer_cells,
)
from praxis_socialwork.exports.signatures import MARK

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
    return f"{'#' * level} {md_inline(text) or md_inline(UNTITLED)}"


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
    out += _signatures(p)
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
        out.append(md_inline(NO_FRAMEWORKS))
    for name, findings in groups:
        out.append(_heading(3, name))
        out.append(_table(FINDING_COLUMNS, [finding_cells(f) for f in findings]))
    return out


def _cpd(p: Portfolio, steps: Steps) -> list[str]:
    out = [_heading(2, cpd_heading(p))]
    if not p.cpd:
        out.append(md_inline(NO_CPD))
        return out + _not_done(p)
    out.append(md_inline(cpd_intro(p)))
    for piece in p.cpd:
        out.append(_heading(3, piece_heading(piece)))
        for label, text in piece.fields:
            out.append(f"**{md_inline(label)}**")
            out.append(md_block(text) if text.strip() else md_inline(NOT_WRITTEN))
        out.append(_facts(piece_facts(piece)))
        out += _feedback(feedback_lines(piece.feedback, piece.signoffs))
        steps.item("CPD")
    return out + _not_done(p)


def _not_done(p: Portfolio) -> list[str]:
    if not p.not_done:
        return []
    return [_heading(3, NOT_DONE), "\n".join(f"- {md_inline(line)}" for line in not_done_lines(p))]


def _registers(p: Portfolio, steps: Steps) -> list[str]:
    out = [_heading(2, SECTIONS["registers"])]
    if not p.registers:
        out.append(md_inline(NO_PLACEMENTS))
    for reg in p.registers:
        out.append(_heading(3, register_heading(reg)))
        out.append(_facts(register_facts(reg)))
        if reg.rows:
            out.append(_table(REGISTER_COLUMNS, list(register_cells(reg))))
        else:
            out.append(md_inline(NO_DAYS))
        for _ in reg.rows:
            steps.item("placement registers")
        out.append("\n".join(f"- {md_inline(line)}" for line in register_totals(reg)))
        out += _feedback(register_feedback(reg))
        out.append(_table(SIGNATURE_COLUMNS, [(reg.placement.practice_educator, "", "")]))
    return out


def _reflections(p: Portfolio, steps: Steps) -> list[str]:
    out = [_heading(2, SECTIONS["reflections"])]
    if not p.reflections:
        out.append(md_inline(NO_REFLECTIONS))
    for group in p.reflections:
        out.append(_heading(3, group.title))
        for entry in group.entries:
            out.append(_heading(4, reflection_heading(entry)))
            out.append(_facts(reflection_facts(entry)))
            if not entry.stages:
                out.append(md_inline(NOT_WRITTEN))
            for heading, text in entry.stages:
                out.append(_heading(5, heading))
                out.append(md_block(text))
            out += _feedback(feedback_lines(entry.feedback, entry.signoffs))
            steps.item("reflections")
    return out


def _feedback(lines: list[str]) -> list[str]:
    """A record's comments as a labelled list (nothing when there are none)."""
    if not lines:
        return []
    return [f"**{md_inline(FEEDBACK)}**", "\n".join(f"- {md_inline(line)}" for line in lines)]


def _signatures(p: Portfolio) -> list[str]:
    """Who signed off what the report shows, each key's fingerprint, how to check them, and the
    sign-offs themselves for ``praxis verify`` (nothing when nothing is signed off)."""
    if not p.signers:
        return []
    return [
        _heading(2, SECTIONS["signatures"]),
        md_inline(signatures_intro()),
        _table(SIGNER_COLUMNS, [signer_cells(s) for s in p.signers]),
        f"<!-- {MARK} -->\n```json\n{signatures_data(p)}\n```",
    ]


def _coverage(p: Portfolio) -> list[str]:
    out = [_heading(2, SECTIONS["coverage"])]
    if not p.coverage:
        out.append(md_inline(NO_COVERAGE))
    for c in p.coverage:
        out.append(_heading(3, coverage_heading(c)))
        head = (*COVERAGE_COLUMNS, *(item for item, _ in c.headings))
        if c.rows:
            rows = [coverage_cells(row, c) for row in c.rows] + [coverage_totals(c)]
            out.append(_table(head, rows, bold_last=True))
        else:
            out.append(md_inline(NO_EVIDENCE))
        out.append(md_inline(coverage_key(c)))
        if c.missing:
            out.append(md_inline(coverage_missing(c)))
    return out
