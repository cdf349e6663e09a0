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
its generic machinery; platypus takes each flowable off the front of a list). So the text is laid
out here: ``_Text`` breaks lines as Paragraph does, from word widths measured once a process, and
writes them into the page as PDF operators; ``_Grid`` lays out and draws the tables; ``_Block``
keeps a CPD piece together as one flowable; ``_Queue`` feeds the story to platypus record by record.
Platypus still paginates, and reportlab still embeds the font subsets and writes the file.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cache
from io import BytesIO
from itertools import accumulate
from operator import add
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
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
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
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
FRAME_PAD = 6  # points: the frame's padding above and below (reportlab's default)
FRAME_H = BODY_H - 2 * FRAME_PAD  # the height a page holds

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


@cache
def _undrawable() -> re.Pattern[str]:
    """A pattern that finds the first character the faces cannot draw (a newline is kept as it is)."""
    codes = sorted(_fonts() | {ord("\n")})
    ranges: list[list[int]] = []
    for code in codes:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    spans = "".join(
        re.escape(chr(low)) if low == high else f"{re.escape(chr(low))}-{re.escape(chr(high))}"
        for low, high in ranges
    )
    return re.compile(f"[^{spans}]")


def drawable_text(text: str) -> str:
    """Return ``text`` with every character the PDF's font cannot draw replaced.

    The font draws Latin (Welsh ``Ŵ``, ``ŷ``, ``ā`` included), Greek and Cyrillic as typed. A letter
    it lacks loses its accent where the plain letter is drawn; an emoji is named (``😀`` →
    ``[grinning face]``); a run of letters in a script it has none of is named once (``李伟`` →
    ``[CJK text]``, ``محمد علي`` → ``[Arabic text]``); control characters are dropped and anything
    else becomes ``?``: no character is ever printed as a blank box. Newlines are kept.
    """
    if not _undrawable().search(text):
        return text
    drawable = _fonts()
    # Letters typed as a base and a combining accent (as macOS often stores them) become one letter.
    text = unicodedata.normalize("NFC", text)
    drawn = "".join(c if c == "\n" or ord(c) in drawable else _replacement(c) for c in text)
    return _SCRIPT_RUN.sub(r"[\1 text]", drawn)


def _markup(text: str) -> str:
    """User text as Paragraph markup: drawable, escaped, line breaks kept."""
    return escape(drawable_text(text)).replace("\n", "<br/>")


BOLD = FONT + "-Bold"
ITALIC = FONT + "-Italic"


def _bold_label(line: str) -> list[Run]:
    """``Label: text`` as runs with the label in bold (a line with no label is left plain)."""
    label, sep, rest = line.partition(": ")
    if not sep:
        return [(FONT, None, drawable_text(line))]
    return [(BOLD, None, drawable_text(label) + ":"), (FONT, None, " " + drawable_text(rest))]


# -- fast text -----------------------------------------------------------------------------------
# A report of thousands of records is mostly plain text: reportlab's Paragraph parses markup and
# measures every word of it again (in pure Python for a TrueType font), which made a PDF cost many
# times its HTML. ``_Text`` lays out plain runs of text itself: each word's width is measured once
# per process, lines are found by bisecting running widths, and a line is written straight into the
# page as PDF text operators in the font's subsets.

Run = tuple[str, Any, str]  # (font name, colour or None for the style's, text)
_Segment = tuple[str, Any, str]  # a stretch of one line in one font and colour
_Line = tuple[float, tuple[_Segment, ...]]  # (width in thousandths of the font size, segments)
SPACE_SHRINKAGE = 0.05  # reportlab's default: how much a line's spaces may shrink to fit a word in
_PDF_ESCAPES = str.maketrans({"\\": "\\\\", "(": "\\(", ")": "\\)"})
# A subset's bytes as a PDF string: printable ASCII as itself, anything else as an octal escape.
_BYTE_ESCAPES = str.maketrans(
    {chr(b): (chr(b) if 32 <= b < 127 else f"\\{b:03o}") for b in range(256)}
    | {"\\": "\\\\", "(": "\\(", ")": "\\)"}
)


class _Metrics:
    """One face's advance widths in thousandths of the font size, kept by word once measured."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.font: Any = pdfmetrics.getFont(name)
        face = self.font.face
        self.char_widths: dict[int, float] = face.charWidths
        self.default = face.defaultWidth
        self.words: dict[str, float] = {}
        self.space = self.width(" ")

    def width(self, word: str) -> float:
        got = self.words.get(word)
        if got is None:
            widths, default = self.char_widths, self.default
            got = self.words[word] = sum([widths.get(c, default) for c in map(ord, word)])
        return got

    def measure(self, text: str) -> float:
        """The width of a whole line (not kept)."""
        widths, default = self.char_widths, self.default
        return sum([widths.get(c, default) for c in map(ord, text)])

    def widths(self, words: list[str]) -> list[float]:
        known = self.words
        got = list(map(known.get, words))
        if None in got:
            for word in set(words).difference(known):
                self.width(word)
            got = list(map(known.__getitem__, words))
        return got  # type: ignore[return-value]

    def pieces(self, word: str, limit: float) -> list[str]:
        """A word wider than a line, cut into pieces that each fit one (as Paragraph's splitLongWords)."""
        out: list[str] = []
        start, used = 0, 0.0
        for i, c in enumerate(word):
            w = self.char_widths.get(ord(c), self.default)
            if used + w > limit and i > start:
                out.append(word[start:i])
                start, used = i, 0.0
            used += w
        out.append(word[start:])
        return out


@cache
def _metrics(name: str) -> _Metrics:
    _fonts()
    return _Metrics(name)


def _break_units(widths: list[float], spaces: list[float], limit: float) -> list[int]:
    """Where each line starts among units of ``widths`` (each after a space unless it starts a line),
    filling each line as far as ``limit``; the last index is ``len(widths)``.

    As reportlab's Paragraph does, a line may run over by up to 5% of its spaces' width
    (``spaceShrinkage``), so the same text breaks into the same lines."""
    n = len(widths)
    spaces = [space * (1 - SPACE_SHRINKAGE) for space in spaces]
    cum = [0.0, *accumulate(map(add, spaces, widths))]
    starts = [0]
    i = 0
    slack = limit + 1e-6
    while i < n:
        j = bisect_right(cum, cum[i] + spaces[i] + slack, i + 1) - 1
        if j <= i:
            j = i + 1  # one unit wider than the line stands alone on it
        starts.append(j)
        i = j
    return starts


def _lines_of(runs: Sequence[Run], limit: float) -> list[_Line]:
    """Break one line of runs (no newline in them) into lines at most ``limit`` wide."""
    if len(runs) == 1:
        font, colour, text = runs[0]
        m = _metrics(font)
        words = text.split()
        if not words:
            return [(0.0, ())]
        widths = m.widths(words)
        if max(widths) > limit:
            words = [
                p
                for w, ww in zip(words, widths, strict=True)
                for p in (m.pieces(w, limit) if ww > limit else (w,))
            ]
            widths = m.widths(words)
        # The running width after each word, with spaces as shrunk as they may be (see _break_units).
        space = m.space
        shrunk = space * (1 - SPACE_SHRINKAGE)
        extra = space - shrunk
        cum = list(accumulate(map(shrunk.__add__, widths), initial=0.0))
        n = len(words)
        reach = shrunk + limit + 1e-6
        if cum[n] <= reach:
            return [(cum[n] - shrunk + (n - 1) * extra, ((font, colour, " ".join(words)),))]
        lines: list[_Line] = []
        append, join = lines.append, " ".join
        i, at = 0, 0.0
        while i < n:
            j = bisect_right(cum, at + reach, i + 1) - 1
            if j <= i:
                j = i + 1  # a word as wide as the line stands alone on it
            end = cum[j]
            append((end - at - shrunk + (j - i - 1) * extra, ((font, colour, join(words[i:j])),)))
            i, at = j, end
        return lines
    # Several runs (a bold label and its text, a coloured word): units are words, a word that runs
    # on from one run into the next without a space being one unit.
    units: list[list[Any]] = []  # [space before, width, [(font, colour, text), ...]]
    joined = True  # the next word runs on from the last
    for font, colour, text in runs:
        if not text:
            continue
        m = _metrics(font)
        words = text.split()
        if text[0].isspace():
            joined = False
        for k, word in enumerate(words):
            for piece in m.pieces(word, limit) if m.width(word) > limit else (word,):
                width = m.width(piece)
                if k == 0 and joined and units:
                    units[-1][1] += width
                    units[-1][2].append((font, colour, piece))
                else:
                    units.append([m.space, width, [(font, colour, piece)]])
                joined = False
        joined = not text[-1].isspace()
    if not units:
        return [(0.0, ())]
    spaces = [u[0] for u in units]
    widths = [u[1] for u in units]
    starts = _break_units(widths, spaces, limit)
    lines = []
    for a, b in zip(starts, starts[1:]):  # noqa: B905
        segments: list[list[Any]] = []
        for n, unit in enumerate(units[a:b]):
            for k, (font, colour, text) in enumerate(unit[2]):
                if k == 0 and n:
                    text = " " + text
                if segments and segments[-1][0] == font and segments[-1][1] is colour:
                    segments[-1][2] += text
                else:
                    segments.append([font, colour, text])
        width = sum(widths[a:b]) + sum(spaces[a + 1 : b])
        lines.append((width, tuple((f, c, t) for f, c, t in segments)))
    return lines


def _split_lines(runs: Sequence[Run]) -> list[list[Run]]:
    """Runs cut at their newlines into the lines they make."""
    if len(runs) == 1 and "\n" not in runs[0][2]:
        return [list(runs)]
    out: list[list[Run]] = [[]]
    for font, colour, text in runs:
        first = True
        for part in text.split("\n"):
            if not first:
                out.append([])
            first = False
            out[-1].append((font, colour, part))
    return out


_COLOUR_OPS: dict[Any, str] = {}


def _colour_op(colour: Any) -> str:
    op = _COLOUR_OPS.get(colour)
    if op is None:
        r, g, b = colour.rgb()
        op = _COLOUR_OPS[colour] = f"{_num(r)} {_num(g)} {_num(b)} rg"
    return op


def _num(v: float) -> str:
    return "%.2f" % v  # noqa: UP031 (the quickest)


class _Text(Flowable):
    """A paragraph of plain text runs: drawable text, whitespace collapsed, a newline a line break,
    wrapped at spaces (a word wider than the line cut), split between lines across pages. ``nowrap``
    keeps each line whole (a table's short cell, as reportlab draws a string cell)."""

    def __init__(
        self,
        runs: Sequence[Run],
        style: ParagraphStyle,
        lines: list[_Line] | None = None,
        nowrap: bool = False,
    ) -> None:
        self.runs = runs
        self.style = style
        self.lines = lines
        self.laid_width = -1.0 if lines is None else None
        self.nowrap = nowrap
        self.width = 0.0
        self.height = 0.0
        self.spaceBefore = style.spaceBefore
        self.spaceAfter = style.spaceAfter

    @classmethod
    def plain(cls, text: str, style: ParagraphStyle, colour: Any = None, nowrap: bool = False) -> _Text:
        return cls(((style.fontName, colour, drawable_text(text)),), style, nowrap=nowrap)

    def _lay_out(self, width: float) -> list[_Line]:
        limit = float("inf") if self.nowrap else width * 1000 / self.style.fontSize
        if self.lines is not None and self.laid_width is None:
            # A part of a split paragraph: its lines as they were, re-broken only if narrower.
            if all(w <= limit + 1e-6 for w, _ in self.lines):
                return self.lines
            return [line for _, segs in self.lines for line in _lines_of(segs, limit)]
        runs = self.runs
        if len(runs) == 1 and "\n" not in runs[0][2]:
            return _lines_of(runs, limit)
        lines: list[_Line] = []
        for line in _split_lines(runs):
            lines.extend(_lines_of(line, limit))
        return lines

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if self.laid_width != avail_width:
            self.lines = self._lay_out(avail_width)
            if self.laid_width is not None:
                self.laid_width = avail_width
        self.width = avail_width
        self.height = len(self.lines or ()) * self.style.leading
        return avail_width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self.wrap(avail_width, avail_height)
        lines = self.lines or []
        fit = int(avail_height / self.style.leading)
        if fit <= 1:  # no room, or room for an orphaned first line only
            return []
        if fit >= len(lines):
            return [self]
        return list(self.cut(fit))

    def cut(self, fit: int) -> tuple[_Text, _Text]:
        """The paragraph's first ``fit`` lines and the rest, as two paragraphs."""
        lines = self.lines or []
        first = type(self)(self.runs, self.style, lines[:fit])
        first.spaceAfter = 0
        rest = type(self)(self.runs, self.style, lines[fit:])
        rest.spaceBefore = 0
        for key in ("outline", "progress"):  # a heading's bookmark goes with its first line
            if key in self.__dict__:
                setattr(first, key, self.__dict__[key])
        for part in (first, rest):
            part.wrap(self.width, 0)
        return first, rest

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:  # noqa: N803
        # Drawn in place, without the state save and translation platypus wraps around a flowable.
        self.canv = canvas
        out: list[str] = ["q"]
        self.ops(out, x, y)
        out.append("Q")
        code: Any = canvas
        code._code.append("\n".join(out))
        del self.canv

    def draw(self) -> None:
        out: list[str] = ["q"]
        self.ops(out, 0.0, 0.0)
        out.append("Q")
        code: Any = self.canv
        code._code.append("\n".join(out))

    def ops(self, out: list[str], x0: float, y0: float) -> None:
        """Append the PDF operators that draw the paragraph with its bottom left corner at (x0, y0);
        they leave the fill colour changed (the caller saves and restores the state around them)."""
        canv: Any = self.canv
        style = self.style
        size = style.fontSize
        leading = style.leading
        scale = size / 1000
        names = canv.__dict__.setdefault("_praxis_fonts", {})
        doc = canv._doc
        base_colour = style.textColor
        out.append("BT")
        out.append(_colour_op(base_colour))
        lines = self.lines or ()
        if len(self.runs) == 1 and not style.alignment and lines:
            font, colour, text = self.runs[0]
            if text.isascii() and colour is None:
                # One font and colour, left-aligned, plain ASCII (most of a report): each line is one
                # string shown after moving down a line (the ' operator).
                shown = [segs[0][2] if segs else "" for _, segs in lines]
                if "(" in text or ")" in text or "\\" in text:
                    shown = [line.translate(_PDF_ESCAPES) for line in shown]
                out.append(
                    f"{_font_name(names, doc, font, 0)} {_num(size)} Tf {_num(leading)} TL "
                    f"{_num(x0)} {_num(y0 + self.height - size + leading)} Td"
                )
                out.append("(" + ")'\n(".join(shown) + ")'")
                out.append("ET")
                return
        current_font: tuple[str, int] | None = None
        current_colour = base_colour
        x = 0.0
        step = f"0 {_num(-leading)} Td"
        align = style.alignment
        for n, (width, segments) in enumerate(self.lines or ()):
            new_x = 0.0
            if align == TA_CENTER:
                new_x = (self.width - width * scale) / 2
            elif align == TA_RIGHT:
                new_x = self.width - width * scale
            if n == 0:
                out.append(f"{_num(x0 + new_x)} {_num(y0 + self.height - size)} Td")
            elif new_x != x:
                out.append(f"{_num(new_x - x)} {_num(-leading)} Td")
            else:
                out.append(step)
            x = new_x
            for font, colour, text in segments:
                colour = colour or base_colour
                if colour is not current_colour:
                    out.append(_colour_op(colour))
                    current_colour = colour
                if text.isascii():
                    if current_font != (font, 0):
                        current_font = (font, 0)
                        out.append(f"{_font_name(names, doc, font, 0)} {_num(size)} Tf")
                    if "(" in text or ")" in text or "\\" in text:
                        text = text.translate(_PDF_ESCAPES)
                    out.append(f"({text}) Tj")
                    continue
                for subset, data in _metrics(font).font.splitString(text, doc):
                    if current_font != (font, subset):
                        current_font = (font, subset)
                        out.append(f"{_font_name(names, doc, font, subset)} {_num(size)} Tf")
                    out.append(f"({data.decode('latin-1').translate(_BYTE_ESCAPES)}) Tj")
        out.append("ET")


def _font_name(names: dict[tuple[str, int], str], doc: Any, font: str, subset: int) -> str:
    """The PDF name of one subset of a face in this document (reportlab embeds the subsets it named)."""
    name = names.get((font, subset))
    if name is None:
        name = names[(font, subset)] = _metrics(font).font.getSubsetInternalName(subset, doc)
    return name


class _TickMark:
    """A coverage cell's tick: drawn by the grid, green and sized to the cell, with the word "Yes" behind it
    as invisible text, so copying or extracting the table's text still says which cells are ticked."""

    size = 3 * mm


TICK_MARK = _TickMark()
PAD_X = 3.0  # a cell's left and right padding
PAD_Y = 2.5  # a cell's top and bottom padding
Cell = Any  # a _Text, TICK_MARK or None (empty)


def _stroke_op(colour: Any) -> str:
    return _colour_op(colour)[:-2] + "RG"


def _show(
    out: list[str], names: dict[tuple[str, int], str], doc: Any, font: str, size: float, text: str
) -> None:
    """Append the operators that show ``text`` (drawable) in ``font`` at the current text position."""
    for subset, data in _metrics(font).font.splitString(text, doc):
        out.append(f"{_font_name(names, doc, font, subset)} {_num(size)} Tf")
        out.append(f"({data.decode('latin-1').translate(_BYTE_ESCAPES)}) Tj")


class _Grid(Flowable):
    """A table laid out and drawn by the report itself (reportlab's Table measured and drew every cell
    through its generic machinery, a second a thousand rows). Cells are ``_Text`` paragraphs (a plain
    string becomes one, drawn whole as reportlab draws a string cell), ticks or nothing.

    ``head``: the first row is a heading row (bold on a tinted ground, ruled below, repeated at the top
    of every page the table runs onto). ``zebra``: body rows are tinted alternately. ``total``: the last
    row is a totals row (bold on a tinted ground, ruled above). ``ruled``: every row is ruled below.
    ``signing``: rows of a fixed height for signatures, text at the bottom, the answer columns (1, 3
    and 5) ruled below. Rows are kept whole across pages; a row taller than a page (a very long note)
    is broken between its lines.
    """

    def __init__(
        self,
        rows: list[list[Cell]],
        widths: list[float],
        *,
        head: bool = True,
        zebra: bool = False,
        total: bool = False,
        ruled: bool = False,
        signing: float = 0.0,
        middle: int | None = None,
        first: int = 0,
        ends: bool = True,
    ) -> None:
        self.rows = rows
        self.widths = widths
        self.head = head
        self.zebra = zebra
        self.total = total
        self.ruled = ruled
        self.signing = signing
        self.middle = middle  # columns from this one on are centred vertically (ticks)
        self.first = first  # the first body row's number in the whole table (for the zebra's phase)
        self.ends = ends  # this part holds the table's last row
        self.heights: list[float] | None = None
        self.width = sum(widths)
        self.height = 0.0

    def _row_height(self, row: list[Cell]) -> float:
        tallest = 0.0
        for cell, w in zip(row, self.widths, strict=True):
            if isinstance(cell, _Text):
                h = cell.wrap(w - (4 if self.signing else 2) * PAD_X, BODY_H)[1]
            elif cell is TICK_MARK:
                h = _TickMark.size
            else:
                continue
            if h > tallest:
                tallest = h
        return self.signing or tallest + 2 * PAD_Y

    def _measure(self) -> list[float]:
        return [self._row_height(row) for row in self.rows]

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if self.heights is None:
            self.heights = self._measure()
            self.height = sum(self.heights)
        return self.width, self.height

    def _part(self, rows: list[list[Cell]], heights: list[float], first: int, ends: bool) -> _Grid:
        part = _Grid(
            rows, self.widths, head=self.head, zebra=self.zebra, total=self.total, ruled=self.ruled,
            signing=self.signing, middle=self.middle, first=first, ends=ends,
        )  # fmt: skip
        part.heights = heights  # measured once: a long table is split page by page
        part.height = sum(heights)
        return part

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self.wrap(avail_width, avail_height)
        heights = self.heights or []
        start = 1 if self.head else 0
        head_rows = self.rows[:start]
        used = sum(heights[:start])
        k = start
        while k < len(self.rows) and used + heights[k] <= avail_height + 1e-6:
            used += heights[k]
            k += 1
        if k == len(self.rows):
            return [self]
        head_heights = heights[:start]
        if k > start:
            first = self._part(self.rows[:k], heights[:k], self.first, False)
            rest = self._part(
                head_rows + self.rows[k:], head_heights + heights[k:], self.first + k - start, self.ends
            )
            return [first, rest]
        # Not one row fits here. A row that fits on a page goes whole to the next; one taller than a
        # page is broken between lines of its text (as reportlab's splitInRow would).
        if used + heights[k] <= FRAME_H:
            return []
        room = avail_height - used - 2 * PAD_Y
        if room < MIN_ROW_PART:
            return []
        top: list[Cell] = []
        bottom: list[Cell] = []
        for cell in self.rows[k]:
            if isinstance(cell, _Text) and len(cell.lines or ()) * cell.style.leading > room:
                fit = int(room / cell.style.leading)
                if fit < 1:
                    return []
                a, b = cell.cut(fit)
                top.append(a)
                bottom.append(b)
            else:
                top.append(cell)
                bottom.append(None)
        first = self._part([*head_rows, top], [*head_heights, self._row_height(top)], self.first, False)
        rest_heights = [*head_heights, self._row_height(bottom), *heights[k + 1 :]]
        rest = self._part(
            [*head_rows, bottom, *self.rows[k + 1 :]], rest_heights, self.first + k - start, self.ends
        )
        return [first, rest]

    def draw(self) -> None:
        canv: Any = self.canv
        heights = self.heights or []
        names = canv.__dict__.setdefault("_praxis_fonts", {})
        doc = canv._doc
        xs = [0.0, *accumulate(self.widths)]
        width = xs[-1]
        last = len(self.rows) - 1
        tops = [self.height - h for h in accumulate([0.0, *heights[:-1]])]
        start = 1 if self.head else 0
        out = ["q"]
        # Grounds: the heading row's and the totals row's tint, the zebra's stripes.
        for r, (top, h) in enumerate(zip(tops, heights, strict=True)):
            fill = None
            if r < start or (self.total and self.ends and r == last):
                fill = HEADER_FILL
            elif self.zebra and (self.first + r - start) % 2:
                fill = ZEBRA
            if fill is not None:
                out.append(f"{_colour_op(fill)} 0 {_num(top - h)} {_num(width)} {_num(h)} re f")
        for r, (row, top, h) in enumerate(zip(self.rows, tops, heights, strict=True)):
            for c, cell in enumerate(row):
                if cell is None:
                    continue
                x, w = xs[c], self.widths[c]
                if cell is TICK_MARK:
                    self._tick(out, names, doc, x + w / 2, top - h / 2)
                    continue
                if self.signing:  # reportlab's default padding: 6 points aside, 3 below
                    cell.canv = canv
                    cell.ops(out, x + 2 * PAD_X, top - h + 3)
                    del cell.canv
                    continue
                elif self.middle is not None and c >= self.middle and r >= start:
                    y = top - h + (h - cell.height) / 2
                else:
                    y = top - PAD_Y - cell.height
                cell.canv = canv
                cell.ops(out, x + PAD_X, y)
                del cell.canv
        # Rules, in the order reportlab drew them.
        if self.signing:
            out.append(f"{_stroke_op(MUTED)} 0.5 w")
            for top, h in zip(tops, heights, strict=True):
                for c in (1, 3, 5):
                    out.append(f"{_num(xs[c])} {_num(top - h)} m {_num(xs[c + 1])} {_num(top - h)} l S")
        else:
            rules: list[tuple[Any, float, float]] = [(HEAD, 0.8, tops[0] - heights[0])]
            if self.ends:
                rules.append((RULE, 0.5, 0.0))
            if self.ruled:
                rules += [(RULE, 0.4, top - h) for top, h in zip(tops, heights, strict=True)]
            if self.total and self.ends:
                rules.append((HEAD, 0.8, tops[last]))
            for colour, thickness, y in rules:
                out.append(
                    f"{_stroke_op(colour)} {_num(thickness)} w 0 {_num(y)} m {_num(width)} {_num(y)} l S"
                )
        out.append("Q")
        canv._code.append("\n".join(out))

    @staticmethod
    def _tick(out: list[str], names: dict[tuple[str, int], str], doc: Any, cx: float, cy: float) -> None:
        s = _TickMark.size
        x, y = cx - s / 2, cy - s / 2
        out.append(
            f"q {_stroke_op(TICK_INK)} 1.2 w 1 J 1 j {_num(x)} {_num(y + s * 0.5)} m "
            f"{_num(x + s * 0.38)} {_num(y + s * 0.1)} l {_num(x + s)} {_num(y + s * 0.95)} l S"
        )
        out.append(f"BT 3 Tr {_num(x)} {_num(y + s * 0.15)} Td")  # invisible: there for readers and search
        _show(out, names, doc, FONT, 6, "Yes")
        out.append("ET Q")


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

    def cell_text(self, text: str, bold: bool = False, align: int = 0) -> _Text | None:
        """A table's string cell: drawn whole on its line(s), as reportlab draws a string; None if empty."""
        if not text:
            return None
        style = self._cells.get((bold, align))
        if style is None:
            base = self.cell_head if bold else self.cell
            style = self._cells[(bold, align)] = ParagraphStyle(f"{base.name}_{align}", base, alignment=align)
        return _Text.plain(text, style, nowrap=True)


class _Marked(_Text):
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
        self.frame_ops: str | None = None

    def _decorate(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        """The page's "Confidential" header and its "Name · Portfolio · page N of M" footer."""
        c: Any = canvas
        names = c.__dict__.setdefault("_praxis_fonts", {})
        pdf = c._doc
        top = PAGE_H - MARGIN + 6 * mm
        bottom = MARGIN - 9 * mm
        if self.frame_ops is None:  # the same on every page
            out = ["q", _colour_op(MUTED), _stroke_op(RULE), "0.5 w", "BT", f"{_num(MARGIN)} {_num(top)} Td"]
            _show(out, names, pdf, FONT, 7.5, "Confidential")
            keep = "Keep this portfolio safe"
            x = PAGE_W - MARGIN - _metrics(FONT).measure(keep) * 7.5 / 1000
            out.append(f"T* ET BT {_num(x)} {_num(top)} Td")
            _show(out, names, pdf, FONT, 7.5, keep)
            out.append("T* ET")
            for y in (top - 2 * mm, bottom + 4 * mm):
                out.append(f"{_num(MARGIN)} {_num(y)} m {_num(PAGE_W - MARGIN)} {_num(y)} l S")
            out.append(f"BT {_num(MARGIN)} {_num(bottom)} Td")
            self.frame_ops = "\n".join(out)
        left = f"{self.person} · Portfolio · page {canvas.getPageNumber()} of "
        out = [self.frame_ops]
        _show(out, names, pdf, FONT, 7.5, left)
        out.append(f"ET 1 0 0 1 {_num(MARGIN + _metrics(FONT).measure(left) * 7.5 / 1000)} {_num(bottom)} cm")
        c._code.append("\n".join(out))
        canvas.doForm("praxisPageTotal")
        c._code.append("Q")

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, _Marked):
            self.mark(flowable, self.frame._y)

    def mark(self, flowable: _Marked, bottom: float) -> None:
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


def _stack_height(parts: list[Flowable]) -> float:
    """The height ``parts`` take one under another on a page, with the space between them (as
    reportlab's KeepTogether measures it)."""
    total = after = 0.0
    first = True
    for part in parts:
        h = part.wrap(BODY_W, FRAME_H)[1]
        if h <= 1e-8:
            continue
        total += h
        if not first:
            total += max(part.getSpaceBefore() - after, 0)
        first = False
        after = part.getSpaceAfter()
        total += after
    return total - after


def _kept(parts: list[Flowable]) -> list[Flowable]:
    """``parts`` kept together on one page, as KeepTogether would: a new page first unless they fit in
    what is left of this one (or unless this page is fresh, for parts taller than a page)."""
    return [_Block(parts)]


class _Block(Flowable):
    """Flowables kept together on one page, laid out as one (platypus handles each flowable of a story
    at a cost; a CPD piece is a dozen). As KeepTogether: if they do not fit in what is left of the
    page they start the next one; on a fresh page that cannot hold them all they flow on, split
    between (or inside) them."""

    def __init__(self, parts: list[Flowable]) -> None:
        self.parts = parts
        self.width = BODY_W
        self.height = -1.0
        self.spaceBefore = parts[0].getSpaceBefore() if parts else 0
        self.spaceAfter = parts[-1].getSpaceAfter() if parts else 0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if self.height < 0:
            self.height = _stack_height(self.parts)
        return avail_width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self.wrap(avail_width, avail_height)
        if self.height <= avail_height:
            return [self]
        if avail_height < FRAME_H - 1:  # not a fresh page: start the next one
            return []
        used = after = 0.0
        for i, part in enumerate(self.parts):
            h = part.wrap(avail_width, FRAME_H)[1]
            if h <= 1e-8:
                continue
            gap = max(part.getSpaceBefore() - after, 0) if i else 0.0
            if used + gap + h > avail_height:
                pieces = (
                    part.split(avail_width, avail_height - used - gap)
                    if avail_height - used - gap > 0
                    else []
                )
                if len(pieces) == 2:
                    return [_Block([*self.parts[:i], pieces[0]]), _Block([pieces[1], *self.parts[i + 1 :]])]
                if i == 0:
                    return list(self.parts)  # as platypus would try the parts one by one
                return [_Block(self.parts[:i]), _Block(self.parts[i:])]
            used += gap + h
            after = part.getSpaceAfter()
            used += after
        return [self]

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:  # noqa: N803
        doc: Any = getattr(canvas, "_doctemplate", None)
        top = y + self.height
        after = 0.0
        first = True
        for part in self.parts:
            h = part.wrap(self.width, FRAME_H)[1]
            if h <= 1e-8:
                continue
            if not first:
                top -= max(part.getSpaceBefore() - after, 0)
            first = False
            top -= h
            part.drawOn(canvas, x, top)
            if isinstance(part, _Marked) and doc is not None:
                doc.mark(part, top)
            after = part.getSpaceAfter()
            top -= after


class _Story:
    """Builds the list of flowables for one portfolio, in the words of ``exports.report_words``."""

    def __init__(self, portfolio: Portfolio) -> None:
        self.p = portfolio
        self.s = _Styles()
        self.out: list[Flowable] = []

    # -- helpers -------------------------------------------------------------------------------

    def heading(self, text: str, level: int, count: int = 0, what: str = "") -> _Marked:
        style = (self.s.h1, self.s.h2, self.s.h3)[level]
        para = _Marked(((style.fontName, None, drawable_text(text)),), style)
        para.outline = (level, drawable_text(text))
        if count or what:
            para.progress = (count, what)
        return para

    def say(self, text: str, style: ParagraphStyle | None = None) -> _Text:
        """One of the report's own sentences (never user text) as a paragraph."""
        return _Text.plain(text, style or self.s.body)

    def text(self, text: str, style: ParagraphStyle | None = None) -> list[Flowable]:
        """User text as paragraphs, split at blank lines so a long one can break between pages."""
        parts = paragraphs(text)
        if not parts:
            return [_Text.plain(NOT_WRITTEN, self.s.not_written)]
        style = style or self.s.body
        return [_Text.plain("\n".join(lines), style) for lines in parts]

    def cell(self, text: str, style: ParagraphStyle | None = None) -> _Text:
        """User text in a table cell, wrapped to the column."""
        return _Text.plain(text, style or self.s.cell)

    def table(
        self,
        rows: list[list[Any]],
        widths: list[float],
        *,
        zebra: bool = True,
        right: Iterable[int] = (),
        total: bool = False,
        middle: int | None = None,
    ) -> _Grid:
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
        return _Grid(cells, widths, zebra=zebra and len(rows) > 2, total=total, middle=middle)

    def facts_table(self, facts: list[tuple[str, str]], label_width: float) -> _Grid:
        """Labelled facts as a two-column table with no heading row, each row ruled below."""
        rows: list[list[Cell]] = [
            [self.cell(label, self.s.cell_head), self.cell(value)] for label, value in facts
        ]
        return _Grid(rows, [label_width, BODY_W - label_width], head=False, ruled=True)

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
        title = _Marked(((s.title.fontName, None, TITLE),), s.title)
        title.outline = (0, "Cover")
        title.progress = (1, "cover")
        self.out.append(title)
        self.out.append(_Text.plain(p.person, s.cover_name))
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
                marked = _Text(((BOLD, colors.HexColor(colour), drawable_text(status)),), s.cell)
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
            self.out.extend(_kept(self.piece(piece)))
            yield
        if p.not_done:
            listed = [_Text.plain("• " + line, self.s.small) for line in not_done_lines(p)]
            self.out.extend(_kept([self.heading(NOT_DONE, 1), *listed]))

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
                parts.append(_Text([(BOLD, HEAD, drawable_text(label) + ":"), shown], s.field))
            else:
                parts.append(_Text.plain(label, s.label))
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
        said = [_Text.plain("• " + line, self.s.small) for line in lines]
        return [_Text.plain(FEEDBACK, self.s.label), *said]

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
        self.out.extend(_kept(self.totals(r)))

    def totals(self, r: Register) -> list[Flowable]:
        s = self.s
        parts: list[Flowable] = []
        mark = _Marked(((s.h3.fontName, None, "Totals"),), s.h3)
        mark.progress = (len(r.rows), "")
        parts.append(mark)
        if r.by_kind:
            rows: list[list[Any]] = [["Kind", "Days", "Hours"]]
            rows += [[kind, str(days), f"{hours:g}"] for kind, days, hours in kind_totals(r)]
            parts.append(self.table(rows, [40 * mm, 18 * mm, 18 * mm], right=(1, 2)))
            parts.append(Spacer(1, 3 * mm))
        parts.extend(_Text(_bold_label(line), s.body) for line in register_summary(r))
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
        parts.append(_Grid(sign_rows, widths, head=False, signing=11 * mm))
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
        self.out.append(_Text(facts, s.small))
        self.out.append(Spacer(1, 2 * mm))
        if not e.stages:
            self.out.append(_Text.plain(NOT_WRITTEN, s.not_written))
        for heading, text in e.stages:
            body = self.text(text)
            # A stage's heading stays with its first paragraph; the rest may flow on.
            self.out.extend(_kept([_Text.plain(heading, s.label), body[0]]))
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
            self.out.append(_Text(((BOLD, None, drawable_text(coverage_missing(cov))),), s.body))
        self.out.append(Spacer(1, 6 * mm))


def render_pdf(portfolio: Portfolio, progress: Progress | None = None) -> bytes:
    """Lay out ``portfolio`` as an A4 PDF and return its bytes.

    The same portfolio always gives the same bytes. ``progress`` (if given) is told
    ``(done, total, what)`` as each section starts and every 50 or so items laid out, and once more
    with ``done == total`` at the end.
    """
    _fonts()
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
