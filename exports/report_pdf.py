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
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    HRFlowable,
    KeepTogether,
    LongTable,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
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

FONT = "PraxisSans"
FONT_FOLDER = Path(__file__).with_name("fonts")
# The family's faces by the suffix reportlab's <b> and <i> look for.
FACES = {
    "": "DejaVuSans.ttf",
    "-Bold": "DejaVuSans-Bold.ttf",
    "-Italic": "DejaVuSans-Oblique.ttf",
    "-BoldItalic": "DejaVuSans-BoldOblique.ttf",
}
# Scripts written right to left. The font has Hebrew and Arabic letters, but reportlab (without
# rlbidi and uharfbuzz) would set them left to right and, for Arabic, unjoined: a name misread.
_RIGHT_TO_LEFT_BLOCKS = ((0x0590, 0x08FF), (0xFB1D, 0xFDFF), (0xFE70, 0xFEFF))
MARGIN = 18 * mm
PAGE_W, PAGE_H = A4
BODY_W = PAGE_W - 2 * MARGIN
BODY_H = PAGE_H - 2 * MARGIN

INK = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#555555")
HEAD = colors.HexColor("#1f3a5f")
RULE = colors.HexColor("#9aa5b1")
HEADER_FILL = colors.HexColor("#e4e9ef")
ZEBRA = colors.HexColor("#f4f6f8")
TICK_INK = colors.HexColor("#1e6b34")
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
MIN_ROW_PART = 24  # points: the least of a split row that goes on either page (two lines)

# Characters that, where the faces lack them, have a plain-text equivalent better than "?".
_SPELT_OUT = {
    "\u2192": "->", "\u2190": "<-", "\u2194": "<->", "\u21d2": "=>", "\u2264": "<=", "\u2265": ">=",
    "\u2260": "!=", "\u2248": "~", "\u2713": "[x]", "\u2714": "[x]", "\u2611": "[x]", "\u2717": "x",
    "\u2718": "x", "\u2610": "[ ]", "\u25cf": "\u2022", "\u25aa": "\u2022", "\u25a0": "\u2022",
    "\u2023": "\u2022", "\u2212": "-", "\u2011": "-", "\u2010": "-", "\u00ad": "", "\u200b": "",
    "\u200d": "", "\ufeff": "", "\t": " ",
}  # fmt: skip


@cache
def _fonts() -> frozenset[int]:
    """Register the report's font family once and return the code points that every one of its
    faces can draw (so a character is drawn, or replaced, the same in bold, italic or plain text)."""
    covered: set[int] | None = None
    for suffix, filename in FACES.items():
        if FONT + suffix not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(FONT + suffix, str(FONT_FOLDER / filename)))
        face: Any = pdfmetrics.getFont(FONT + suffix).face
        codes = {code for code in face.charToGlyph if code < 0xFFFF}
        covered = codes if covered is None else covered & codes
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT + "-Bold", italic=FONT + "-Italic", boldItalic=FONT + "-BoldItalic"
    )
    return frozenset(code for code in covered or () if not _right_to_left(code))


def _right_to_left(code: int) -> bool:
    if any(low <= code <= high for low, high in _RIGHT_TO_LEFT_BLOCKS):
        return True
    return unicodedata.bidirectional(chr(code)) in ("R", "AL")


@cache
def _script(char: str) -> str:
    """The script a letter belongs to as its Unicode name starts ("Arabic", "CJK", "Hangul"); ""
    for anything but a letter or a letter's mark."""
    if not unicodedata.category(char).startswith(("L", "M")):
        return ""
    words = [w for w in unicodedata.name(char, "").split() if w not in ("HALFWIDTH", "FULLWIDTH")]
    first = words[0] if words else ""
    return first if first == "CJK" else first.title()


@cache
def _drawn_scripts() -> frozenset[str]:
    """The scripts the font has letters for (a letter of one of these it lacks is not named)."""
    return frozenset(_script(chr(code)) for code in _fonts())


# Letters of one script the font lacks, side by side or a space apart, are named once.
_SCRIPT_RUN = re.compile(r"\[([\w-]+) text\](?:\s*\[\1 text\])+")


@cache
def _replacement(char: str) -> str:
    if char in _SPELT_OUT:
        return _SPELT_OUT[char]
    drawable = _fonts()
    if ord(char) in drawable:
        return char
    category = unicodedata.category(char)
    if category in ("Cc", "Cf", "Mn", "Me") or 0x1F3FB <= ord(char) <= 0x1F3FF:
        # Control and formatting characters, an accent the face has no mark for, an emoji's
        # variation selector or skin tone: nothing to draw, and the letter or symbol they go with stays.
        return ""
    plain = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    if plain and all(ord(c) in drawable for c in plain):
        return plain
    if category == "So" and unicodedata.name(char, ""):
        return f"[{unicodedata.name(char).lower()}]"  # an emoji or symbol: say what it was
    script = _script(char)
    if script and script not in _drawn_scripts():
        return f"[{script} text]"  # a name in a script the font has no letters for: say which
    return "?"


def drawable_text(text: str) -> str:
    """Return ``text`` with every character the PDF's font cannot draw replaced.

    The font draws Latin (Welsh ``Ŵ``, ``ŷ``, ``ā`` included), Greek and Cyrillic as typed. A letter
    it lacks loses its accent where the plain letter is drawn; an emoji is named (``😀`` →
    ``[grinning face]``); a run of letters in a script it has none of is named once (``李伟`` →
    ``[CJK text]``, ``محمد علي`` → ``[Arabic text]``); control characters are dropped and anything
    else becomes ``?``: no character is ever printed as a blank box. Newlines are kept.
    """
    drawable = _fonts()
    if all(ord(c) in drawable or c == "\n" for c in text):
        return text
    # Letters typed as a base and a combining accent (as macOS often stores them) become one letter.
    text = unicodedata.normalize("NFC", text)
    drawn = "".join(c if c == "\n" or ord(c) in drawable else _replacement(c) for c in text)
    return _SCRIPT_RUN.sub(r"[\1 text]", drawn)


def _markup(text: str) -> str:
    """User text as Paragraph markup: drawable, escaped, line breaks kept."""
    return escape(drawable_text(text)).replace("\n", "<br/>")


def _bold_label(line: str) -> str:
    """``Label: text`` as markup with the label in bold (a line with no label is left plain)."""
    label, sep, rest = line.partition(": ")
    if not sep:
        return _markup(line)
    return f"<b>{_markup(label)}:</b> {_markup(rest)}"


class _RowSplitting:
    """A table that, only when one of its rows is taller than a whole page, may break inside rows.

    Rows are kept whole, as the HTML's print style keeps them, while a page can hold them; but a
    register day with a note longer than a page could never be placed whole, and reportlab would
    stop the export with a LayoutError.
    """

    _rowHeights: list[float]
    repeatRows: int
    splitInRow: int

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        parts = super().split(avail_width, avail_height)
        if parts or self.splitInRow:
            return parts
        head = sum(self._rowHeights[: self.repeatRows])
        if max(self._rowHeights[self.repeatRows :], default=0) + head <= BODY_H:
            return parts
        self.splitInRow = MIN_ROW_PART
        try:
            return super().split(avail_width, avail_height)
        finally:
            self.splitInRow = 0


class _Table(_RowSplitting, Table):
    pass


class _LongTable(_RowSplitting, LongTable):
    pass


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


class _Tick(Flowable):
    """A drawn tick for a coverage cell, in green and sized to it, with the word "Yes" behind it as invisible
    text, so copying or extracting the table's text still says which cells are ticked."""

    def __init__(self, size: float = 3 * mm) -> None:
        super().__init__()
        self.size = size

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.size

    def draw(self) -> None:
        c = self.canv
        s = self.size
        x = (self.width - s) / 2
        c.saveState()
        c.setStrokeColor(TICK_INK)
        c.setLineWidth(1.2)
        c.setLineCap(1)
        c.setLineJoin(1)
        path = c.beginPath()
        path.moveTo(x, s * 0.5)
        path.lineTo(x + s * 0.38, s * 0.1)
        path.lineTo(x + s, s * 0.95)
        c.drawPath(path, stroke=1, fill=0)
        text = c.beginText(x, s * 0.15)
        text.setTextRenderMode(3)  # invisible: there for readers and search, not drawn
        text.setFont(FONT, 6)
        text.textOut("Yes")
        c.drawText(text)
        c.restoreState()


class _Marked(Paragraph):
    """A heading that is also a bookmark and/or a progress mark once it is laid out."""

    outline: tuple[int, str] | None = None
    progress: tuple[int, str] | None = None


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

    def _decorate(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(MUTED)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        top = PAGE_H - MARGIN + 6 * mm
        canvas.drawString(MARGIN, top, "Confidential")
        canvas.drawRightString(PAGE_W - MARGIN, top, "Keep this portfolio safe")
        canvas.line(MARGIN, top - 2 * mm, PAGE_W - MARGIN, top - 2 * mm)
        bottom = MARGIN - 9 * mm
        canvas.line(MARGIN, bottom + 4 * mm, PAGE_W - MARGIN, bottom + 4 * mm)
        left = f"{self.person} · Portfolio · page {canvas.getPageNumber()} of "
        canvas.drawString(MARGIN, bottom, left)
        canvas.translate(MARGIN + canvas.stringWidth(left, FONT, 7.5), bottom)
        canvas.doForm("praxisPageTotal")
        canvas.restoreState()

    def afterFlowable(self, flowable: Flowable) -> None:
        if not isinstance(flowable, _Marked):
            return
        if flowable.outline is not None:
            level, text = flowable.outline
            # An outline may only go one level deeper at a time.
            level = min(level, self.outline_level + 1)
            key = f"h{self.outline_count}"
            self.outline_count += 1
            self.canv.bookmarkPage(key, fit="XYZ", top=self.frame._y + flowable.height + 12)
            self.canv.addOutlineEntry(text, key, level=level, closed=level >= 1)
            self.outline_level = level
        if flowable.progress is not None and self.progress is not None:
            count, what = flowable.progress
            self.done += count
            if what or self.done - self.reported >= PROGRESS_STEP:
                self.reported = self.done
                self.progress(min(self.done, self.total), self.total, what or "laying out")


class _Story:
    """Builds the list of flowables for one portfolio, in the words of ``exports.report_words``."""

    def __init__(self, portfolio: Portfolio) -> None:
        self.p = portfolio
        self.s = _Styles()
        self.out: list[Flowable] = []

    # -- helpers -------------------------------------------------------------------------------

    def heading(self, text: str, level: int, count: int = 0, what: str = "") -> _Marked:
        style = (self.s.h1, self.s.h2, self.s.h3)[level]
        para = _Marked(_markup(text), style)
        para.outline = (level, drawable_text(text))
        if count or what:
            para.progress = (count, what)
        return para

    def say(self, text: str, style: ParagraphStyle | None = None) -> Paragraph:
        """One of the report's own sentences (never user text) as a paragraph."""
        return Paragraph(_markup(text), style or self.s.body)

    def text(self, text: str, style: ParagraphStyle | None = None) -> list[Flowable]:
        """User text as paragraphs, split at blank lines so a long one can break between pages."""
        parts = paragraphs(text)
        if not parts:
            return [Paragraph(_markup(NOT_WRITTEN), self.s.not_written)]
        return [Paragraph(_markup("\n".join(lines)), style or self.s.body) for lines in parts]

    def cell(self, text: str, style: ParagraphStyle | None = None) -> Paragraph:
        return Paragraph(_markup(text), style or self.s.cell)

    def table(
        self, rows: list[list[Any]], widths: list[float], *, zebra: bool = True, extra: Iterable[tuple] = ()
    ) -> Table:
        # A plain string is drawn in the table's font as it is: make sure the font can draw it.
        rows = [[drawable_text(c) if isinstance(c, str) else c for c in row] for row in rows]
        # LongTable lays out a table of thousands of rows without re-measuring it on every page.
        cls = _LongTable if len(rows) > 40 else _Table
        table = cls(rows, colWidths=widths, repeatRows=1, splitByRow=1, hAlign="LEFT")
        commands: list[tuple] = [
            ("FONT", (0, 0), (-1, -1), FONT, 8.5, 10.5),
            ("FONT", (0, 0), (-1, 0), FONT + "-Bold", 8.5, 10.5),
            ("TEXTCOLOR", (0, 0), (-1, -1), INK),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, HEAD),
            ("LINEBELOW", (0, -1), (-1, -1), 0.5, RULE),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ]
        if zebra and len(rows) > 2:
            commands.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, ZEBRA]))
        commands.extend(extra)
        table.setStyle(TableStyle(commands))
        return table

    def facts_table(self, facts: list[tuple[str, str]], label_width: float) -> Table:
        """Labelled facts as a two-column table with no heading row."""
        rows = [[self.cell(label, self.s.cell_head), self.cell(value)] for label, value in facts]
        return self.table(rows, [label_width, BODY_W - label_width], zebra=False, extra=[
            ("BACKGROUND", (0, 0), (-1, 0), colors.white),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ])  # fmt: skip

    # -- sections ------------------------------------------------------------------------------

    def build(self) -> list[Flowable]:
        self.cover()
        parts = {
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
            parts[section.key]()
        return self.out

    def cover(self) -> None:
        p, s = self.p, self.s
        self.out.append(Spacer(1, 40 * mm))
        title = _Marked(_markup(TITLE), s.title)
        title.outline = (0, "Cover")
        title.progress = (1, "cover")
        self.out.append(title)
        self.out.append(Paragraph(_markup(p.person), s.cover_name))
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
                marked = Paragraph(f'<font color="{colour}"><b>{_markup(status)}</b></font>', s.cell)
                # A4 has no room for a pace column: the pace goes under the details, labelled.
                if pace and pace not in details:
                    details += f"\n{pace_h}: {pace}"
                rows.append([marked, self.cell(requirement), self.cell(progress), self.cell(details)])
            self.out.append(self.table(rows, [18 * mm, 62 * mm, 24 * mm, BODY_W - 104 * mm]))

    def cpd(self) -> None:
        p, s = self.p, self.s
        if p.cpd:
            self.out.append(self.say(cpd_intro(p), s.muted))
        for piece in p.cpd:
            self.out.append(KeepTogether(self.piece(piece)))
        if p.not_done:
            listed = [Paragraph(_markup("• " + line), self.s.small) for line in not_done_lines(p)]
            self.out.append(KeepTogether([self.heading(NOT_DONE, 1), *listed]))

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
                shown = (
                    _markup(value) if value else f'<font color="#555555"><i>{_markup(NOT_WRITTEN)}</i></font>'
                )
                parts.append(
                    Paragraph(f'<font color="#1f3a5f"><b>{_markup(label)}:</b></font> {shown}', s.field)
                )
            else:
                parts.append(Paragraph(_markup(label), s.label))
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
        said = [Paragraph(_markup("• " + line), self.s.small) for line in lines]
        return [Paragraph(_markup(FEEDBACK), self.s.label), *said]

    def registers(self) -> None:
        for register in self.p.registers:
            self.register(register)

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
            numbers = [("ALIGN", (1, 0), (1, -1), "RIGHT"), ("ALIGN", (3, 0), (3, -1), "RIGHT")]
            self.out.append(self.table(rows, widths, extra=numbers))
        else:
            self.out.append(self.say(NO_DAYS))
        self.out.append(self.totals(r))

    def totals(self, r: Register) -> KeepTogether:
        s = self.s
        parts: list[Flowable] = []
        mark = _Marked("Totals", s.h3)
        mark.progress = (len(r.rows), "")
        parts.append(mark)
        if r.by_kind:
            rows: list[list[Any]] = [["Kind", "Days", "Hours"]]
            rows += [[kind, str(days), f"{hours:g}"] for kind, days, hours in kind_totals(r)]
            parts.append(
                self.table(rows, [40 * mm, 18 * mm, 18 * mm], extra=[("ALIGN", (1, 0), (2, -1), "RIGHT")])
            )
            parts.append(Spacer(1, 3 * mm))
        parts.extend(Paragraph(_bold_label(line), s.body) for line in register_summary(r))
        parts += self.feedback(register_feedback(r))
        parts.append(Spacer(1, 4 * mm))
        educator, signature, when = SIGNATURE_COLUMNS
        signers = [(educator, r.placement.practice_educator)]
        if self.p.role == ROLE_LABELS["student"]:
            signers.append(("Student", self.p.person))
        sign_rows = [
            [self.cell(who, s.cell_head), self.cell(name or " "), signature, "", when, ""]
            for who, name in signers
        ]
        widths = [36 * mm, 46 * mm, 18 * mm, 38 * mm, 10 * mm, 26 * mm]
        parts.append(
            Table(sign_rows, colWidths=widths, rowHeights=[11 * mm] * len(sign_rows), hAlign="LEFT", style=[
                ("FONT", (0, 0), (-1, -1), FONT, 8.5),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LINEBELOW", (1, 0), (1, -1), 0.5, MUTED),
                ("LINEBELOW", (3, 0), (3, -1), 0.5, MUTED),
                ("LINEBELOW", (5, 0), (5, -1), 0.5, MUTED),
                ("ALIGN", (2, 0), (2, -1), "RIGHT"),
                ("ALIGN", (4, 0), (4, -1), "RIGHT"),
            ])
        )  # fmt: skip
        parts.append(Spacer(1, 6 * mm))
        return KeepTogether(parts)

    def reflections(self) -> None:
        for group in self.p.reflections:
            self.out.append(CondPageBreak(60 * mm))
            self.out.append(self.heading(group.title, 1))
            for entry in group.entries:
                self.reflection(entry)

    def reflection(self, e: ReflectionEntry) -> None:
        s = self.s
        self.out.append(CondPageBreak(40 * mm))
        self.out.append(self.heading(reflection_heading(e), 2, count=1))
        facts = [f"<b>{_markup(label)}:</b> {_markup(value)}" for label, value in reflection_facts(e)]
        self.out.append(Paragraph("<br/>".join(facts), s.small))
        self.out.append(Spacer(1, 2 * mm))
        if not e.stages:
            self.out.append(Paragraph(_markup(NOT_WRITTEN), s.not_written))
        for heading, text in e.stages:
            body = self.text(text)
            # A stage's heading stays with its first paragraph; the rest may flow on.
            self.out.append(KeepTogether([Paragraph(_markup(heading), s.label), body[0]]))
            self.out.extend(body[1:])
        self.out.extend(self.feedback(record_feedback(e)))

    def coverage(self) -> None:
        p, s = self.p, self.s
        if not p.coverage:
            return
        self.out.append(
            self.say("A tick shows that a record gives evidence for a heading (its item number).", s.muted)
        )
        for cov in p.coverage:
            self.matrix(cov)

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
                rows.append([kind, when, self.cell(title), *(_Tick() if t == TICK else "" for t in ticks)])
            rows.append(list(coverage_totals(cov)))
            extra = [
                ("ALIGN", (3, 0), (-1, -1), "CENTER"),
                ("VALIGN", (3, 1), (-1, -1), "MIDDLE"),
                ("LINEABOVE", (0, -1), (-1, -1), 0.8, HEAD),
                ("FONT", (0, -1), (-1, -1), FONT + "-Bold", 8.5, 10.5),
                ("BACKGROUND", (0, -1), (-1, -1), HEADER_FILL),
            ]
            self.out.append(self.table(rows, widths, extra=extra))
        else:
            self.out.append(self.say(NO_EVIDENCE))
        self.out.append(Spacer(1, 2 * mm))
        self.out.append(self.say(coverage_key(cov), s.small))
        if cov.missing:
            self.out.append(Spacer(1, 2 * mm))
            self.out.append(Paragraph(f"<b>{_markup(coverage_missing(cov))}</b>", s.body))
        self.out.append(Spacer(1, 6 * mm))


def render_pdf(portfolio: Portfolio, progress: Progress | None = None) -> bytes:
    """Lay out ``portfolio`` as an A4 PDF and return its bytes.

    The same portfolio always gives the same bytes. ``progress`` (if given) is told
    ``(done, total, what)`` as each section starts and every 50 or so items laid out, and once more
    with ``done == total`` at the end.
    """
    _fonts()
    total = portfolio.size() + Steps.SECTIONS
    story = _Story(portfolio).build()
    out = BytesIO()
    doc = _Doc(out, portfolio, progress, total)
    doc.build(story, canvasmaker=_TotalCanvas)
    if progress is not None:
        progress(total, total, "done")
    return out.getvalue()
