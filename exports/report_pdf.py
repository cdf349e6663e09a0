"""A portfolio report as a PDF, laid out with reportlab's platypus on A4.

The PDF follows the same order as the Markdown and HTML reports, in the same words (from
``exports.report_words``): a cover, the requirement summary, each CPD piece in the regulator's
field order, each placement's register with its totals and signature lines, the reflections by
stage, and the coverage matrices. Each top section starts a page; headings are PDF bookmarks; long
tables repeat their header row on every page; each page carries a "Confidential" header and a
"Name · Portfolio · page N of M" footer. A table row taller than a page (a very long note) breaks
across pages; other rows stay whole.

Text is set in DejaVu Sans (``exports/fonts``: Bitstream Vera's design with every European alphabet:
Welsh ŵ and ŷ, Greek, Cyrillic), embedded so the file reads the same anywhere. Each character the
faces lack is replaced on its own (accents stripped, emoji named, a run of letters in a script the
font has no letters for written as "[CJK text]" or "[Arabic text]", else "?") rather than printed as
a black box; Hebrew and Arabic are among those, as reportlab would set them left to right. The same
portfolio always gives the same bytes (``invariant``), so a re-export of unchanged records is
byte-for-byte the same file.

Speed (issue 16): a report of thousands of records is mostly plain text, and reportlab's Paragraph,
Table and KeepTogether cost many times what the HTML report does (Paragraph parses markup and
measures every word of every line in pure Python for a TrueType font; Table draws each cell through
its generic machinery; platypus takes each flowable off the front of a list). So the report lays
out its own: ``exports.pdf_text.Text`` breaks lines as Paragraph does, from word widths measured
once a process, and writes them into the page as PDF operators; ``exports.pdf_grid.Grid`` lays out
and draws the tables, and ``kept`` keeps a CPD piece together as one flowable; here ``_Queue`` feeds
the story to platypus record by record. Platypus still paginates, and reportlab still embeds the font
subsets and writes the file.

This module holds the report's paragraph styles, the document template and its canvas (header,
footer, "page N of M", bookmarks, progress), the story made record by record, and ``render_pdf``.
The font and drawable text are in ``exports.pdf_text``, the page and palette in ``exports.pdf_page``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from io import BytesIO
from typing import Any
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    HRFlowable,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
)

from praxis_socialwork.exports.pdf_grid import TICK_MARK, Cell, Grid, kept
from praxis_socialwork.exports.pdf_page import BODY_H, BODY_W, HEAD, INK, MARGIN, MUTED, PAGE_H, PAGE_W, RULE
from praxis_socialwork.exports.pdf_text import (
    BOLD,
    FONT,
    ITALIC,
    Marked,
    Run,
    Text,
    colour_op,
    drawable_text,
    fonts,
    metrics,
    num,
    show,
    stroke_op,
)
from praxis_socialwork.exports.portfolio import (
    ROLE_LABELS,
    Coverage,
    CpdPiece,
    Portfolio,
    Progress,
    ReflectionEntry,
    Register,
)
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
    TICK,
    TITLE,
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
    kind_totals,
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
    register_summary,
    report_sections,
    signatures_intro,
    signer_cells,
)
from praxis_socialwork.store import format_uk

# Status is always written out; the colour only decorates the word.
STATUS_COLOURS = {
    "missed": "#a61b1b",
    "gap": "#a61b1b",
    "at_risk": "#8a5a00",
    "on_track": "#1f3a5f",
    "met": "#1e6b34",
    "info": "#555555",
}

INLINE_FIELD = 90  # characters of label and text that fit on one line beside each other
PROGRESS_STEP = 50


def _markup(text: str) -> str:
    """User text as Paragraph markup: drawable, escaped, line breaks kept."""
    return escape(drawable_text(text)).replace("\n", "<br/>")


def _bold_label(line: str) -> list[Run]:
    """``Label: text`` as runs with the label in bold (a line with no label is left plain)."""
    label, sep, rest = line.partition(": ")
    if not sep:
        return [(FONT, None, drawable_text(line))]
    return [(BOLD, None, drawable_text(label) + ":"), (FONT, None, " " + drawable_text(rest))]


class _Styles:
    """The report's paragraph styles, all in the one font family."""

    def __init__(self) -> None:
        base = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=13, textColor=INK, spaceAfter=4)
        self.body = base
        self.small = ParagraphStyle("small", base, fontSize=8.5, leading=11, spaceAfter=0)
        self.muted = ParagraphStyle("muted", base, fontSize=8.5, leading=11, textColor=MUTED)
        self.cell = ParagraphStyle("cell", base, fontSize=8.5, leading=10.5, spaceAfter=0)
        self.cell_head = ParagraphStyle("cell_head", self.cell, fontName=FONT + "-Bold")
        self.cell_centre = ParagraphStyle("cell_centre", self.cell, alignment=TA_CENTER)
        self._cells: dict[tuple[bool, int], ParagraphStyle] = {}
        self.label = ParagraphStyle(
            "label", base, fontName=FONT + "-Bold", fontSize=8.5, leading=11, textColor=HEAD, spaceBefore=4,
            spaceAfter=1,
        )  # fmt: skip
        self.field = ParagraphStyle("field", base, spaceBefore=3, spaceAfter=1)
        self.not_written = ParagraphStyle("not_written", base, fontName=FONT + "-Italic", textColor=MUTED)
        self.title = ParagraphStyle(
            "title", base, fontName=FONT + "-Bold", fontSize=30, leading=36, textColor=HEAD, spaceAfter=10
        )
        self.cover_name = ParagraphStyle("cover_name", base, fontSize=18, leading=24, spaceAfter=14)
        self.h1 = ParagraphStyle(
            "h1", base, fontName=FONT + "-Bold", fontSize=18, leading=22, textColor=HEAD, spaceAfter=8
        )
        self.h2 = ParagraphStyle(
            "h2", base, fontName=FONT + "-Bold", fontSize=13, leading=16, textColor=HEAD, spaceBefore=10,
            spaceAfter=4,
        )  # fmt: skip
        self.h3 = ParagraphStyle(
            "h3", base, fontName=FONT + "-Bold", fontSize=11, leading=14, textColor=INK, spaceBefore=8,
            spaceAfter=2,
        )  # fmt: skip
        self.notice = ParagraphStyle(
            "notice", base, borderColor=RULE, borderWidth=0.8, borderPadding=6, spaceBefore=14, spaceAfter=10
        )

    def cell_text(self, text: str, bold: bool = False, align: int = 0) -> Text | None:
        """A table's string cell: drawn whole on its line(s), as reportlab draws a string; None if empty."""
        if not text:
            return None
        style = self._cells.get((bold, align))
        if style is None:
            base = self.cell_head if bold else self.cell
            style = self._cells[(bold, align)] = ParagraphStyle(f"{base.name}_{align}", base, alignment=align)
        return Text.plain(text, style, nowrap=True)


class _TotalCanvas(Canvas):
    """A canvas whose pages say "page N of M": M is a form drawn once, after the last page is known."""

    def save(self) -> None:
        self.beginForm("praxisPageTotal")
        self.setFont(FONT, 7.5)
        self.setFillColor(MUTED)
        self.drawString(0, 0, str(self.getPageNumber() - 1))
        self.endForm()
        super().save()


class _Doc(BaseDocTemplate):
    """A4 pages with the header and footer, bookmarks from headings, progress as items are laid out."""

    def __init__(self, out: BytesIO, portfolio: Portfolio, progress: Progress | None, total: int) -> None:
        super().__init__(
            out,
            pagesize=A4,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN,
            title=drawable_text(f"Portfolio — {portfolio.person}"),
            author=drawable_text(portfolio.person),
            subject="Portfolio: CPD, placement registers and reflections",
            creator="Praxis",
            keywords="",
            invariant=1,
            lang="en-GB",
        )
        self.person = drawable_text(portfolio.person)
        frame = Frame(MARGIN, MARGIN, BODY_W, BODY_H, id="body", leftPadding=0, rightPadding=0)
        self.addPageTemplates([PageTemplate("page", [frame], onPage=self._decorate)])
        self.progress = progress
        self.total = total
        self.done = 0
        self.reported = -PROGRESS_STEP
        self.outline_level = -1
        self.outline_count = 0
        self.frame_ops: str | None = None

    def _decorate(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        """The page's "Confidential" header and its "Name · Portfolio · page N of M" footer."""
        c: Any = canvas
        names = c.__dict__.setdefault("_praxis_fonts", {})
        pdf = c._doc
        top = PAGE_H - MARGIN + 6 * mm
        bottom = MARGIN - 9 * mm
        if self.frame_ops is None:  # the same on every page
            out = ["q", colour_op(MUTED), stroke_op(RULE), "0.5 w", "BT", f"{num(MARGIN)} {num(top)} Td"]
            show(out, names, pdf, FONT, 7.5, "Confidential")
            keep = "Keep this portfolio safe"
            x = PAGE_W - MARGIN - metrics(FONT).measure(keep) * 7.5 / 1000
            out.append(f"T* ET BT {num(x)} {num(top)} Td")
            show(out, names, pdf, FONT, 7.5, keep)
            out.append("T* ET")
            for y in (top - 2 * mm, bottom + 4 * mm):
                out.append(f"{num(MARGIN)} {num(y)} m {num(PAGE_W - MARGIN)} {num(y)} l S")
            out.append(f"BT {num(MARGIN)} {num(bottom)} Td")
            self.frame_ops = "\n".join(out)
        left = f"{self.person} · Portfolio · page {canvas.getPageNumber()} of "
        out = [self.frame_ops]
        show(out, names, pdf, FONT, 7.5, left)
        out.append(f"ET 1 0 0 1 {num(MARGIN + metrics(FONT).measure(left) * 7.5 / 1000)} {num(bottom)} cm")
        c._code.append("\n".join(out))
        canvas.doForm("praxisPageTotal")
        c._code.append("Q")

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, Marked):
            self.mark(flowable, self.frame._y)

    def mark(self, flowable: Marked, bottom: float) -> None:
        """Bookmark a heading laid out with its foot at ``bottom``; tell progress what it counts."""
        if flowable.outline is not None:
            level, text = flowable.outline
            # An outline may only go one level deeper at a time.
            level = min(level, self.outline_level + 1)
            key = f"h{self.outline_count}"
            self.outline_count += 1
            self.canv.bookmarkPage(key, fit="XYZ", top=bottom + flowable.height + 12)
            self.canv.addOutlineEntry(text, key, level=level, closed=level >= 1)
            self.outline_level = level
        if flowable.progress is not None and self.progress is not None:
            count, what = flowable.progress
            self.done += count
            if what or self.done - self.reported >= PROGRESS_STEP:
                self.reported = self.done
                self.progress(min(self.done, self.total), self.total, what or "laying out")


class _Queue(list):  # type: ignore[type-arg]
    """The story as reportlab's ``build`` reads it: it takes flowables from the front of a list one by
    one (``del story[0]``, each moving the whole rest of the list: quadratic in a long report) and
    puts split parts back at the front. Here only the next few flowables are in the list; more are
    drawn from ``source`` as it runs low."""

    WINDOW = 64

    def __init__(self, source: Iterator[Flowable]) -> None:
        super().__init__()
        self.source = source
        self.more = True
        self._fill(self.WINDOW)

    def _fill(self, want: int) -> None:
        while self.more and list.__len__(self) < want:
            got = next(self.source, None)
            if got is None:
                self.more = False
            else:
                self.append(got)

    def __len__(self) -> int:
        if list.__len__(self) < self.WINDOW:
            self._fill(self.WINDOW)
        return list.__len__(self)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, int) and index >= list.__len__(self):
            self._fill(index + 1)
        return list.__getitem__(self, index)


class _Story:
    """Builds the list of flowables for one portfolio, in the words of ``exports.report_words``."""

    def __init__(self, portfolio: Portfolio) -> None:
        self.p = portfolio
        self.s = _Styles()
        self.out: list[Flowable] = []

    # -- helpers -------------------------------------------------------------------------------

    def heading(self, text: str, level: int, count: int = 0, what: str = "") -> Marked:
        style = (self.s.h1, self.s.h2, self.s.h3)[level]
        para = Marked(((style.fontName, None, drawable_text(text)),), style)
        para.outline = (level, drawable_text(text))
        if count or what:
            para.progress = (count, what)
        return para

    def say(self, text: str, style: ParagraphStyle | None = None) -> Text:
        """One of the report's own sentences (never user text) as a paragraph."""
        return Text.plain(text, style or self.s.body)

    def text(self, text: str, style: ParagraphStyle | None = None) -> list[Flowable]:
        """User text as paragraphs, split at blank lines so a long one can break between pages."""
        parts = paragraphs(text)
        if not parts:
            return [Text.plain(NOT_WRITTEN, self.s.not_written)]
        style = style or self.s.body
        return [Text.plain("\n".join(lines), style) for lines in parts]

    def cell(self, text: str, style: ParagraphStyle | None = None) -> Text:
        """User text in a table cell, wrapped to the column."""
        return Text.plain(text, style or self.s.cell)

    def table(
        self,
        rows: list[list[Any]],
        widths: list[float],
        *,
        zebra: bool = True,
        right: Iterable[int] = (),
        total: bool = False,
        middle: int | None = None,
    ) -> Grid:
        """Rows under a heading row; a plain string cell is drawn whole in the table's font (bold in the
        heading and totals rows), right-aligned in the ``right`` columns, centred from ``middle`` on."""
        right = frozenset(right)
        last = len(rows) - 1
        cells: list[list[Cell]] = []
        for r, row in enumerate(rows):
            bold = r == 0 or (total and r == last)
            cells.append([
                self.s.cell_text(c, bold, TA_CENTER if middle is not None and n >= middle else TA_RIGHT
                                 if n in right else 0) if isinstance(c, str) else c
                for n, c in enumerate(row)
            ])  # fmt: skip
        return Grid(cells, widths, zebra=zebra and len(rows) > 2, total=total, middle=middle)

    def facts_table(self, facts: list[tuple[str, str]], label_width: float) -> Grid:
        """Labelled facts as a two-column table with no heading row, each row ruled below."""
        rows: list[list[Cell]] = [
            [self.cell(label, self.s.cell_head), self.cell(value)] for label, value in facts
        ]
        return Grid(rows, [label_width, BODY_W - label_width], head=False, ruled=True)

    # -- sections ------------------------------------------------------------------------------

    def build(self) -> Iterator[Flowable]:
        """The report's flowables, made as they are laid out (record by record), so that a long
        report's lines never all wait in memory at once."""
        self.cover()
        yield from self.taken()
        parts: dict[str, Callable[[], Iterator[None] | None]] = {
            "summary": self.summary, "cpd": self.cpd, "registers": self.registers,
            "reflections": self.reflections, "coverage": self.coverage, "signatures": self.signatures,
        }  # fmt: skip
        for section in report_sections(self.p):
            # Each starts a page under a bookmarked heading that tells progress as it is laid out (the
            # Signatures one too, though the total leaves it out: progress is capped at the total).
            self.out.append(PageBreak())
            self.out.append(self.heading(section.heading, 0, count=1, what=section.step))
            if section.empty:
                self.out.append(self.say(section.empty))
            for _ in parts[section.key]() or ():
                yield from self.taken()
            yield from self.taken()

    def taken(self) -> list[Flowable]:
        """The flowables made since last asked."""
        out, self.out = self.out, []
        return out

    def cover(self) -> None:
        p, s = self.p, self.s
        self.out.append(Spacer(1, 40 * mm))
        title = Marked(((s.title.fontName, None, TITLE),), s.title)
        title.outline = (0, "Cover")
        title.progress = (1, "cover")
        self.out.append(title)
        self.out.append(Text.plain(p.person, s.cover_name))
        # One framework a line: the cover's column is narrow and the names are long.
        self.out.append(self.facts_table(cover_facts(p, framework_sep="\n"), 32 * mm))
        self.out.append(Spacer(1, 3 * mm))
        self.out.append(self.say(prepared_text(p), s.muted))
        for note in p.notes:
            self.out.append(self.say(note, s.muted))
        self.out.append(Paragraph(f"<b>{_markup(CONFIDENTIAL)}</b>", s.notice))

    # Each section's content under its heading (``build`` lays out the heading, and what an empty
    # section says).

    def summary(self) -> None:
        p, s = self.p, self.s
        groups = findings_by_framework(p)
        if not groups:
            return
        self.out.append(
            self.say(f"The same findings the dashboard shows, judged on {format_uk(p.judged_on)}.", s.muted)
        )
        status_h, requirement_h, progress_h, pace_h, details_h = FINDING_COLUMNS
        for name, findings in groups:
            self.out.append(CondPageBreak(45 * mm))
            self.out.append(self.heading(name, 1))
            rows: list[list[Any]] = [[status_h, requirement_h, progress_h, details_h]]
            for f in findings:
                status, requirement, progress, pace, details = finding_cells(f)
                colour = STATUS_COLOURS.get(f.status, "#1a1a1a")
                marked = Text(((BOLD, colors.HexColor(colour), drawable_text(status)),), s.cell)
                # A4 has no room for a pace column: the pace goes under the details, labelled.
                if pace and pace not in details:
                    details += f"\n{pace_h}: {pace}"
                rows.append([marked, self.cell(requirement), self.cell(progress), self.cell(details)])
            self.out.append(self.table(rows, [18 * mm, 62 * mm, 24 * mm, BODY_W - 104 * mm]))

    def cpd(self) -> Iterator[None]:
        p, s = self.p, self.s
        if p.cpd:
            self.out.append(self.say(cpd_intro(p), s.muted))
        for piece in p.cpd:
            self.out.extend(kept(self.piece(piece)))
            yield
        if p.not_done:
            listed = [Text.plain("• " + line, self.s.small) for line in not_done_lines(p)]
            self.out.extend(kept([self.heading(NOT_DONE, 1), *listed]))

    def piece(self, piece: CpdPiece) -> list[Flowable]:
        s = self.s
        parts: list[Flowable] = [
            HRFlowable(width="100%", thickness=0.5, color=RULE, spaceBefore=6, spaceAfter=0),
            self.heading(piece_heading(piece), 1, count=1),
        ]
        for label, value in piece.fields:
            value = value.strip()
            if "\n" not in value and len(label) + len(value) <= INLINE_FIELD:
                # A short field reads on one line, as a paper form's box would hold it.
                shown: Run = (
                    (FONT, None, " " + drawable_text(value)) if value else (ITALIC, MUTED, " " + NOT_WRITTEN)
                )
                parts.append(Text([(BOLD, HEAD, drawable_text(label) + ":"), shown], s.field))
            else:
                parts.append(Text.plain(label, s.label))
                parts.extend(self.text(value))
        facts = piece_facts(piece)
        if facts:
            parts.append(self.say(" · ".join(f"{label}: {value}" for label, value in facts), s.muted))
        parts += self.feedback(record_feedback(piece))
        return parts

    def feedback(self, lines: list[str]) -> list[Flowable]:
        """A record's comments under a "Feedback" label (nothing when there are none)."""
        if not lines:
            return []
        said = [Text.plain("• " + line, self.s.small) for line in lines]
        return [Text.plain(FEEDBACK, self.s.label), *said]

    def registers(self) -> Iterator[None]:
        for register in self.p.registers:
            self.register(register)
            yield

    def register(self, r: Register) -> None:
        # The heading, the placement's details and the first days of its register start a page together.
        self.out.append(CondPageBreak(110 * mm))
        self.out.append(self.heading(register_heading(r), 1))
        self.out.append(self.facts_table(register_facts(r), 34 * mm))
        self.out.append(Spacer(1, 4 * mm))
        if r.rows:
            rows: list[list[Any]] = [list(REGISTER_COLUMNS)]
            for cells in register_cells(r):
                *short, note, signed = cells
                rows.append([*short, self.cell(note) if note else "", self.cell(signed) if signed else ""])
            widths = [27 * mm, 9 * mm, 20 * mm, 11 * mm, 15 * mm, 0, 40 * mm]
            widths[5] = BODY_W - sum(widths)
            self.out.append(self.table(rows, widths, right=(1, 3)))
        else:
            self.out.append(self.say(NO_DAYS))
        self.out.extend(kept(self.totals(r)))

    def totals(self, r: Register) -> list[Flowable]:
        s = self.s
        parts: list[Flowable] = []
        mark = Marked(((s.h3.fontName, None, "Totals"),), s.h3)
        mark.progress = (len(r.rows), "")
        parts.append(mark)
        if r.by_kind:
            rows: list[list[Any]] = [["Kind", "Days", "Hours"]]
            rows += [[kind, str(days), f"{hours:g}"] for kind, days, hours in kind_totals(r)]
            parts.append(self.table(rows, [40 * mm, 18 * mm, 18 * mm], right=(1, 2)))
            parts.append(Spacer(1, 3 * mm))
        parts.extend(Text(_bold_label(line), s.body) for line in register_summary(r))
        parts += self.feedback(register_feedback(r))
        parts.append(Spacer(1, 4 * mm))
        educator, signature, when = SIGNATURE_COLUMNS
        signers = [(educator, r.placement.practice_educator)]
        if self.p.role == ROLE_LABELS["student"]:
            signers.append(("Student", self.p.person))
        sign, on = s.cell_text(signature, align=TA_RIGHT), s.cell_text(when, align=TA_RIGHT)
        sign_rows: list[list[Cell]] = [
            [self.cell(who, s.cell_head), self.cell(name or " "), sign, None, on, None]
            for who, name in signers
        ]
        widths = [36 * mm, 46 * mm, 18 * mm, 38 * mm, 10 * mm, 26 * mm]
        parts.append(Grid(sign_rows, widths, head=False, signing=11 * mm))
        parts.append(Spacer(1, 6 * mm))
        return parts

    def reflections(self) -> Iterator[None]:
        for group in self.p.reflections:
            self.out.append(CondPageBreak(60 * mm))
            self.out.append(self.heading(group.title, 1))
            for entry in group.entries:
                self.reflection(entry)
                yield

    def reflection(self, e: ReflectionEntry) -> None:
        s = self.s
        self.out.append(CondPageBreak(40 * mm))
        self.out.append(self.heading(reflection_heading(e), 2, count=1))
        facts: list[Run] = []
        for n, (label, value) in enumerate(reflection_facts(e)):
            facts.append((BOLD, None, ("\n" if n else "") + drawable_text(label) + ":"))
            facts.append((FONT, None, " " + drawable_text(value)))
        self.out.append(Text(facts, s.small))
        self.out.append(Spacer(1, 2 * mm))
        if not e.stages:
            self.out.append(Text.plain(NOT_WRITTEN, s.not_written))
        for heading, text in e.stages:
            body = self.text(text)
            # A stage's heading stays with its first paragraph; the rest may flow on.
            self.out.extend(kept([Text.plain(heading, s.label), body[0]]))
            self.out.extend(body[1:])
        self.out.extend(self.feedback(record_feedback(e)))

    def coverage(self) -> Iterator[None]:
        p, s = self.p, self.s
        if not p.coverage:
            return
        self.out.append(
            self.say("A tick shows that a record gives evidence for a heading (its item number).", s.muted)
        )
        for cov in p.coverage:
            self.matrix(cov)
            yield

    def signatures(self) -> None:
        """Who signed off what the report shows, with each key's fingerprint and how to check them
        (the signatures themselves travel in the HTML and Markdown reports and the bundle)."""
        p, s = self.p, self.s
        self.out.append(self.say(signatures_intro(), s.body))
        self.out.append(Spacer(1, 3 * mm))
        rows: list[list[Any]] = [list(SIGNER_COLUMNS)]
        rows += [[self.cell(c) for c in signer_cells(signer)] for signer in p.signers]
        widths = [36 * mm, 30 * mm, 40 * mm, 16 * mm, 0.0]
        widths[-1] = BODY_W - sum(widths)
        self.out.append(self.table(rows, widths))

    def matrix(self, cov: Coverage) -> None:
        s = self.s
        self.out.append(CondPageBreak(50 * mm))
        self.out.append(self.heading(coverage_heading(cov), 1))
        if cov.rows:
            items = [item for item, _ in cov.headings]
            item_w = max(6 * mm, min(8 * mm, 72 * mm / max(1, len(items))))
            widths = [17 * mm, 28 * mm, 0.0] + [item_w] * len(items)
            widths[2] = BODY_W - sum(widths)
            rows: list[list[Any]] = [[*COVERAGE_COLUMNS, *items]]
            for row in cov.rows:
                kind, when, title, *ticks = coverage_cells(row, cov)
                rows.append([kind, when, self.cell(title), *(TICK_MARK if t == TICK else "" for t in ticks)])
            rows.append(list(coverage_totals(cov)))
            self.out.append(self.table(rows, widths, total=True, middle=3))
        else:
            self.out.append(self.say(NO_EVIDENCE))
        self.out.append(Spacer(1, 2 * mm))
        self.out.append(self.say(coverage_key(cov), s.small))
        if cov.missing:
            self.out.append(Spacer(1, 2 * mm))
            self.out.append(Text(((BOLD, None, drawable_text(coverage_missing(cov))),), s.body))
        self.out.append(Spacer(1, 6 * mm))


def render_pdf(portfolio: Portfolio, progress: Progress | None = None) -> bytes:
    """Lay out ``portfolio`` as an A4 PDF and return its bytes.

    The same portfolio always gives the same bytes. ``progress`` (if given) is told
    ``(done, total, what)`` as each section starts and every 50 or so items laid out, and once more
    with ``done == total`` at the end.
    """
    fonts()
    total = portfolio.size() + Steps.SECTIONS
    story = _Queue(_Story(portfolio).build())
    out = BytesIO()
    doc = _Doc(out, portfolio, progress, total)
    # Streams are deflated and left binary: ASCII85 on top (reportlab's default) only makes the file
    # a quarter larger and, without reportlab's C accelerator, costs a second a thousand records.
    was = rl_config.useA85
    rl_config.useA85 = 0
    try:
        doc.build(story, canvasmaker=_TotalCanvas)
    finally:
        rl_config.useA85 = was
    if progress is not None:
        progress(total, total, "done")
    return out.getvalue()
