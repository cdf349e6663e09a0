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
    NO_DAYS,
    NO_EVIDENCE,
    NOT_DONE,
    NOT_WRITTEN,
    REGISTER_COLUMNS,
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
    cpd_intro,
    finding_cells,
    findings_by_framework,
    not_done_lines,
    paragraphs,
    piece_facts,
    piece_heading,
    prepared_text,
    record_feedback,
    reflection_facts,
    reflection_heading,
    register_cells,
    register_facts,
    register_feedback,
    register_heading,
    register_totals,
    report_sections,
    signatures_data,
    signatures_intro,
    signer_cells,
)
from praxis_socialwork.exports.signatures import MARK

# Characters that open or close Markdown structure anywhere in a line. `#` is among them because a
# heading's trailing `#`s would be eaten as its closing sequence.
_ESCAPED = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|~#"})
_MAY_START_BLOCK = ("-", "+", "=")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
# At a line's start `-`, `+`, `=` make lists, rules and setext headings, and `1.` or `1)` followed by a
# space an ordered list (``1.5 hours`` is left alone: it cannot start a list).
_LINE_START = re.compile(r"^(?:([-+=])|(\d+)([.)])(?=\s|$))")


def md_inline(text: str) -> str:
    """``text`` on one line with every Markdown-significant character escaped (whitespace collapsed)."""
    return _md_line(" ".join(str(text).split()))


def _md_line(line: str) -> str:
    # str.translate escapes the structural characters in one pass (a third of a regex sub's time:
    # a report escapes every line of every record); the other two checks run only where they can match.
    line = line.translate(_ESCAPED)
    if "&" in line:
        line = _ENTITY.sub(r"\\&", line)
    if line[:1] in _MAY_START_BLOCK or line[:1].isdigit():
        line = _LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", line)
    return line


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
    steps.section("cover")
    out = _cover(p)
    parts = {
        "summary": _summary, "cpd": _cpd, "registers": _registers, "reflections": _reflections,
        "coverage": _coverage, "signatures": _signatures,
    }  # fmt: skip
    for section in report_sections(p):
        steps.begin(section)
        out += [_heading(2, section.heading), md_inline(section.empty)]
        out += parts[section.key](p, steps)
    steps.finish()
    return "\n\n".join(block for block in out if block) + "\n"


def _cover(p: Portfolio) -> list[str]:
    out = [
        _heading(1, TITLE),
        f"**{md_inline(p.person)}**",
        _facts(cover_facts(p)),
        md_inline(prepared_text(p)),
    ]
    out.append("> " + md_inline(CONFIDENTIAL))
    if p.notes:
        out.append("\n".join(f"- {md_inline(note)}" for note in p.notes))
    return out


# Each section's content under its heading (``render_markdown`` writes the heading, and what an empty
# section says); all take the portfolio and the steps so one loop can call them.


def _summary(p: Portfolio, steps: Steps) -> list[str]:
    out: list[str] = []
    for name, findings in findings_by_framework(p):
        out.append(_heading(3, name))
        out.append(_table(FINDING_COLUMNS, [finding_cells(f) for f in findings]))
    return out


def _cpd(p: Portfolio, steps: Steps) -> list[str]:
    out = [md_inline(cpd_intro(p))] if p.cpd else []
    for piece in p.cpd:
        out.append(_heading(3, piece_heading(piece)))
        for label, text in piece.fields:
            out.append(f"**{md_inline(label)}**")
            out.append(md_block(text) if text.strip() else md_inline(NOT_WRITTEN))
        out.append(_facts(piece_facts(piece)))
        out += _feedback(record_feedback(piece))
        steps.item("CPD")
    return out + _not_done(p)


def _not_done(p: Portfolio) -> list[str]:
    if not p.not_done:
        return []
    return [_heading(3, NOT_DONE), "\n".join(f"- {md_inline(line)}" for line in not_done_lines(p))]


def _registers(p: Portfolio, steps: Steps) -> list[str]:
    out: list[str] = []
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
    out: list[str] = []
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
            out += _feedback(record_feedback(entry))
            steps.item("reflections")
    return out


def _feedback(lines: list[str]) -> list[str]:
    """A record's comments as a labelled list (nothing when there are none)."""
    if not lines:
        return []
    return [f"**{md_inline(FEEDBACK)}**", "\n".join(f"- {md_inline(line)}" for line in lines)]


def _signatures(p: Portfolio, steps: Steps) -> list[str]:
    """Who signed off what the report shows, each key's fingerprint, how to check them, and the
    sign-offs themselves for ``praxis verify``."""
    return [
        md_inline(signatures_intro()),
        _table(SIGNER_COLUMNS, [signer_cells(s) for s in p.signers]),
        f"<!-- {MARK} -->\n```json\n{signatures_data(p)}\n```",
    ]


def _coverage(p: Portfolio, steps: Steps) -> list[str]:
    out: list[str] = []
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
