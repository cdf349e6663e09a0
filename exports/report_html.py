"""A portfolio report as one self-contained HTML file that reads well on screen and prints cleanly.

No scripts, no fonts or images fetched from anywhere: the style sheet is inline, so the file opens
the same offline, attached to an email or years later. Everything a person typed is escaped. The
print style sheet sets A4 pages, starts each section on a new page, repeats table headings on
each page and keeps a CPD piece, a reflection stage and a table row from splitting. Status is
always written as a word; colour only decorates it, so a black-and-white print loses nothing.

The wording and order come from ``exports.report_words``, as the Markdown and PDF reports' do, so
the formats agree.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from praxis_socialwork.exports.portfolio import Coverage, Portfolio, Progress, Register
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
    Section,
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

CSS = """
:root { --ink: #1d1d1f; --muted: #5b5b60; --rule: #c9ccd1; --accent: #1f4e79; --head: #eef2f7; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0 auto; padding: 1.5rem 1.5rem 4rem; max-width: 62rem; color: var(--ink); background: #fff;
  font: 16px/1.5 "Segoe UI", system-ui, -apple-system, "Helvetica Neue", Arial, sans-serif; }
h1, h2, h3, h4, h5 { line-height: 1.25; margin: 1.4em 0 .5em; }
h1 { font-size: 2.4rem; margin-top: .5rem; color: var(--accent); }
h2 { font-size: 1.6rem; color: var(--accent); border-bottom: 2px solid var(--accent); padding-bottom: .2em; }
h3 { font-size: 1.25rem; }
h4 { font-size: 1.1rem; }
h5 { font-size: 1rem; margin: 1em 0 .25em; color: var(--muted); }
p { margin: .4em 0 .8em; }
a { color: var(--accent); }
.person { font-size: 1.6rem; font-weight: 600; margin: 0 0 1rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2em 1.2em; margin: .5em 0 1em; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
.confidential { border: 2px solid var(--ink); padding: .6em .9em; margin: 1.5em 0; }
.prepared, .note, .intro, .key { color: var(--muted); }
nav.contents { margin-top: 2em; }
nav.contents .contents-title { font-weight: 600; font-size: 1.2rem; margin-bottom: .2em; }
nav.contents ol { padding-left: 1.4em; margin-top: 0; }
abbr[title] { text-decoration: none; border-bottom: 1px dotted var(--muted); cursor: help; }
table { border-collapse: collapse; width: 100%; margin: .6em 0 1em; font-size: .9rem; }
th, td { border: 1px solid var(--rule); padding: .3em .5em; text-align: left; vertical-align: top; }
thead th { background: var(--head); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.date { white-space: nowrap; }
.status { font-weight: 600; white-space: nowrap; padding-left: .45em; border-left: .35em solid var(--rule); }
.status-gap { border-left-color: #b3261e; }
.status-at_risk { border-left-color: #d08c00; }
.status-on_track { border-left-color: #2e7d32; }
.status-met { border-left-color: #2e7d32; }
.status-info { border-left-color: #6b6b6b; }
tr.not-counted td { color: var(--muted); }
article.piece { border-top: 1px solid var(--rule); margin-top: 1.5em; }
table.form { font-size: inherit; margin: .5em 0; }
table.form th, table.form td { border: none; padding: .2em 1.2em .2em 0; }
table.form th { width: 30%; min-width: 9em; font-weight: 600; }
table.form tr.fact th, table.form tr.fact td { color: var(--muted); }
table.form td p:first-child { margin-top: 0; }
table.form td p:last-child { margin-bottom: 0; }
.missing { color: var(--muted); font-style: italic; }
ul.totals { padding-left: 1.2em; }
ul.totals li.counted { font-weight: 600; }
table.signature { width: auto; min-width: 60%; }
table.signature td { height: 2.6em; min-width: 12em; }
table.days th:last-child { min-width: 7em; }
table.coverage th.item, table.coverage td.tick { text-align: center; width: 2.2em; padding: .3em .2em; }
table.coverage tr.totals td { font-weight: 600; border-top: 2px solid var(--ink); }
article.reflection { margin-top: 1.5em; border-top: 1px solid var(--rule); }
section.stage p { margin: .2em 0 .6em; }
section.feedback { border-left: .3em solid var(--accent); padding: .1em .8em; margin: .8em 0;
  background: var(--head); }
section.feedback ul { margin: .2em 0; padding-left: 1.1em; }

@page { size: A4; margin: 18mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10pt; }
  h1 { font-size: 24pt; }
  h2 { font-size: 16pt; }
  h3 { font-size: 13pt; }
  h4, h5 { font-size: 11pt; }
  table { font-size: 8.5pt; }
  section.top { break-before: page; }
  h2, h3, h4, h5 { break-after: avoid; }
  thead { display: table-header-group; }
  tr, article.piece, section.stage, section.feedback, dl.facts, ul.totals, table.signature {
    break-inside: avoid;
  }
  a { color: inherit; text-decoration: none; }
  thead th { background: none; border-bottom: 2px solid var(--ink); }
  .status { border-left-width: .25em; }
  abbr[title] { border-bottom: none; }
  .confidential { border-width: 1.5pt; }
}
""".strip()


def render_html(p: Portfolio, progress: Progress | None = None) -> str:
    """Lay out ``p`` as one HTML5 document (``<html lang="en-GB">``, inline CSS, no scripts).

    Sections carry ids (``summary``, ``cpd``, ``registers``, ``reflections``, ``coverage``) that the
    cover's contents link to; every piece of user text is HTML-escaped.
    """
    steps = Steps(p, progress)
    out: list[str] = [
        "<!DOCTYPE html>",
        '<html lang="en-GB">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="Praxis">',
        f"<title>{_e(TITLE)} — {_e(p.person)}</title>",
        f"<style>\n{CSS}\n</style>",
        "</head>",
        "<body>",
    ]
    sections = report_sections(p)
    steps.section("cover")
    out += _cover(p, sections)
    out.append("<main>")
    parts = {
        "summary": _summary, "cpd": _cpd, "registers": _registers, "reflections": _reflections,
        "coverage": _coverage, "signatures": _signatures,
    }  # fmt: skip
    for section in sections:
        steps.begin(section)
        out += [f'<section class="top" id="{section.key}">', f"<h2>{_e(section.heading)}</h2>"]
        if section.empty:
            out.append(f"<p>{_e(section.empty)}</p>")
        out += parts[section.key](p, steps)
        out.append("</section>")
    out += ["</main>", "</body>", "</html>"]
    steps.finish()
    return "\n".join(out) + "\n"


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _text(text: str) -> str:
    """User text as paragraphs; a single newline stays a line break."""
    return "".join("<p>" + "<br>".join(_e(line) for line in lines) + "</p>" for lines in paragraphs(text))


def _facts(facts: Iterable[tuple[str, str]], cls: str = "facts") -> str:
    items = "".join(f"<dt>{_e(label)}</dt><dd>{_e(value)}</dd>" for label, value in facts)
    return f'<dl class="{cls}">{items}</dl>'


def _cell(text: str, cls: str = "") -> str:
    return f'<td class="{cls}">{_e(text)}</td>' if cls else f"<td>{_e(text)}</td>"


def _thead(head: Iterable[str], classes: dict[int, str] | None = None) -> str:
    classes = classes or {}
    cells = "".join(
        f'<th scope="col" class="{classes[i]}">{_e(h)}</th>'
        if i in classes
        else f'<th scope="col">{_e(h)}</th>'
        for i, h in enumerate(head)
    )
    return f"<thead><tr>{cells}</tr></thead>"


def _cover(p: Portfolio, sections: list[Section]) -> list[str]:
    out = [
        '<header class="cover" id="cover">',
        f"<h1>{_e(TITLE)}</h1>",
        f'<p class="person">{_e(p.person)}</p>',
        _facts(cover_facts(p)),
        f'<p class="prepared">{_e(prepared_text(p))}</p>',
        f'<p class="confidential"><strong>{_e(CONFIDENTIAL.split(":", 1)[0])}:</strong>'
        f"{_e(CONFIDENTIAL.split(':', 1)[1])}</p>",
    ]
    if p.notes:
        out.append(
            '<ul class="notes">' + "".join(f'<li class="note">{_e(n)}</li>' for n in p.notes) + "</ul>"
        )
    out.append(
        '<nav class="contents" aria-label="Contents"><p class="contents-title">Contents</p><ol>'
        + "".join(f'<li><a href="#{s.key}">{_e(s.heading)}</a></li>' for s in sections)
        + "</ol></nav>"
    )
    out.append("</header>")
    return out


# Each section's content inside its <section> (``render_html`` writes that, its heading and what an
# empty section says); all take the portfolio and the steps so one loop can call them.


def _summary(p: Portfolio, steps: Steps) -> list[str]:
    out: list[str] = []
    for name, findings in findings_by_framework(p):
        out.append(f'<section class="framework"><h3>{_e(name)}</h3>')
        out.append('<table class="findings">' + _thead(FINDING_COLUMNS) + "<tbody>")
        for f in findings:
            status, requirement, progress, pace, message = finding_cells(f)
            out.append(
                f'<tr class="finding finding-{_e(f.status)}">'
                f'<td><span class="status status-{_e(f.status)}">{_e(status)}</span></td>'
                f"{_cell(requirement)}{_cell(progress, 'progress')}{_cell(pace)}{_cell(message)}</tr>"
            )
        out.append("</tbody></table></section>")
    return out


def _cpd(p: Portfolio, steps: Steps) -> list[str]:
    out = [f'<p class="intro">{_e(cpd_intro(p))}</p>'] if p.cpd else []
    for n, piece in enumerate(p.cpd, 1):
        out.append(f'<article class="piece" id="cpd-{n}"><h3>{_e(piece_heading(piece))}</h3>')
        rows = []
        for label, text in piece.fields:
            body = _text(text) if text.strip() else f'<p class="missing">{_e(NOT_WRITTEN)}</p>'
            rows.append(f'<tr><th scope="row">{_e(label)}</th><td>{body}</td></tr>')
        for label, value in piece_facts(piece):  # hours and standards line up with the form's fields
            rows.append(f'<tr class="fact"><th scope="row">{_e(label)}</th><td>{_e(value)}</td></tr>')
        out.append('<table class="form"><tbody>' + "".join(rows) + "</tbody></table>")
        out.append(_feedback(record_feedback(piece)) + "</article>")
        steps.item("CPD")
    if p.not_done:
        items = "".join(f"<li>{_e(line)}</li>" for line in not_done_lines(p))
        out.append(f'<section class="not-done"><h3>{_e(NOT_DONE)}</h3><ul>{items}</ul></section>')
    return out


def _registers(p: Portfolio, steps: Steps) -> list[str]:
    out: list[str] = []
    for n, reg in enumerate(p.registers, 1):
        out += _register(reg, n, steps)
    return out


def _register(reg: Register, n: int, steps: Steps) -> list[str]:
    out = [f'<section class="register" id="register-{n}"><h3>{_e(register_heading(reg))}</h3>']
    out.append(_facts(register_facts(reg)))
    if reg.rows:
        numeric = {1: "num", 3: "num"}
        out.append('<table class="days">' + _thead(REGISTER_COLUMNS, numeric) + "<tbody>")
        for row, cells in zip(reg.rows, register_cells(reg), strict=True):
            cls = "" if row.counts else ' class="not-counted"'
            date, number, kind, hours, counts, note, signed = cells
            out.append(
                f"<tr{cls}>{_cell(date, 'date')}{_cell(number, 'num')}{_cell(kind)}{_cell(hours, 'num')}"
                f"{_cell(counts)}{_cell(note)}{_cell(signed)}</tr>"
            )
            steps.item("placement registers")
        out.append("</tbody></table>")
    else:
        out.append(f"<p>{_e(NO_DAYS)}</p>")
    lines = register_totals(reg)
    items = []
    for line in lines:
        cls = ' class="counted"' if line.startswith("Counted:") else ""
        items.append(f"<li{cls}>{_e(line)}</li>")
    out.append('<ul class="totals">' + "".join(items) + "</ul>")
    out.append(_feedback(register_feedback(reg)))
    out.append(
        '<table class="signature">'
        + _thead(SIGNATURE_COLUMNS)
        + f"<tbody><tr>{_cell(reg.placement.practice_educator)}<td></td><td></td></tr></tbody></table>"
    )
    out.append("</section>")
    return out


def _feedback(lines: list[str]) -> str:
    """A record's comments as a labelled list ("" when there are none)."""
    if not lines:
        return ""
    items = "".join(f"<li>{_e(line)}</li>" for line in lines)
    return f'<section class="feedback"><h5>{_e(FEEDBACK)}</h5><ul>{items}</ul></section>'


def _reflections(p: Portfolio, steps: Steps) -> list[str]:
    out: list[str] = []
    n = 0
    for group in p.reflections:
        out.append(f'<section class="group"><h3>{_e(group.title)}</h3>')
        for entry in group.entries:
            n += 1
            out.append(
                f'<article class="reflection" id="reflection-{n}">'
                f"<h4>{_e(reflection_heading(entry))}</h4>{_facts(reflection_facts(entry))}"
            )
            if not entry.stages:
                out.append(f'<p class="missing">{_e(NOT_WRITTEN)}</p>')
            for heading, text in entry.stages:
                out.append(f'<section class="stage"><h5>{_e(heading)}</h5>{_text(text)}</section>')
            out.append(_feedback(record_feedback(entry)) + "</article>")
            steps.item("reflections")
        out.append("</section>")
    return out


def _signatures(p: Portfolio, steps: Steps) -> list[str]:
    """Who signed off what the report shows with each key's fingerprint, how to check them, and the
    sign-offs themselves (a ``<pre>`` that ``praxis verify`` reads back)."""
    rows = "".join("<tr>" + "".join(_cell(c) for c in signer_cells(s)) + "</tr>" for s in p.signers)
    return [
        f"<p>{_e(signatures_intro())}</p>",
        f'<table class="signers">{_thead(SIGNER_COLUMNS)}<tbody>{rows}</tbody></table>',
        f'<details><summary>The signed sign-offs, for praxis verify</summary><pre id="{MARK}">'
        f"{_e(signatures_data(p))}</pre></details>",
    ]


def _coverage(p: Portfolio, steps: Steps) -> list[str]:
    out: list[str] = []
    for c in p.coverage:
        out += _matrix(c)
    return out


def _matrix(c: Coverage) -> list[str]:
    out = [f'<section class="matrix" id="coverage-{_e(c.prefix)}"><h3>{_e(coverage_heading(c))}</h3>']
    if c.rows:
        head = "".join(f'<th scope="col">{_e(label)}</th>' for label in COVERAGE_COLUMNS)
        head += "".join(
            f'<th scope="col" class="item" title="{_e(name)}"><abbr title="{_e(name)}">{_e(item)}</abbr></th>'
            for item, name in c.headings
        )
        out.append(f'<table class="coverage"><thead><tr>{head}</tr></thead><tbody>')
        for row in c.rows:
            kind, date, title, *ticks = coverage_cells(row, c)
            cells = (
                _cell(kind) + _cell(date, "date") + _cell(title) + "".join(_cell(t, "tick") for t in ticks)
            )
            out.append(f"<tr>{cells}</tr>")
        label, _, _, *counts = coverage_totals(c)
        totals = f'<th scope="row" colspan="3">{_e(label)}</th>' + "".join(_cell(n, "tick") for n in counts)
        out.append(f'<tr class="totals">{totals}</tr></tbody></table>')
    else:
        out.append(f"<p>{_e(NO_EVIDENCE)}</p>")
    out.append(f'<p class="key">{_e(coverage_key(c))}</p>')
    if c.missing:
        out.append(f'<p class="missing-evidence"><strong>{_e(coverage_missing(c))}</strong></p>')
    out.append("</section>")
    return out
