"""The PDF report's text: its font, what of a text it can draw, and paragraphs laid out by hand.

The font family (DejaVu Sans from ``exports/fonts``, registered once) and ``drawable_text``, which
replaces each character the faces lack (accents stripped, emoji named, a run of letters in a script
the font has no letters for named once, else "?"). Then the fast text of issue 16: each face's word
widths measured once a process (``metrics``), lines broken as reportlab's Paragraph breaks them
(``_break_units``, ``_lines_of``, ``_split_lines``), and ``Text``, the paragraph flowable that writes
its lines into the page as PDF operators (``Marked``: one that is also a bookmark or progress mark),
with the small operator helpers the tables and page furniture share (``colour_op``, ``stroke_op``,
``num``, ``show``).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Sequence
from functools import cache
from itertools import accumulate
from operator import add
from pathlib import Path
from typing import Any

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

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
BOLD = FONT + "-Bold"
ITALIC = FONT + "-Italic"

# Characters that, where the faces lack them, have a plain-text equivalent better than "?".
_SPELT_OUT = {
    "\u2192": "->", "\u2190": "<-", "\u2194": "<->", "\u21d2": "=>", "\u2264": "<=", "\u2265": ">=",
    "\u2260": "!=", "\u2248": "~", "\u2713": "[x]", "\u2714": "[x]", "\u2611": "[x]", "\u2717": "x",
    "\u2718": "x", "\u2610": "[ ]", "\u25cf": "\u2022", "\u25aa": "\u2022", "\u25a0": "\u2022",
    "\u2023": "\u2022", "\u2212": "-", "\u2011": "-", "\u2010": "-", "\u00ad": "", "\u200b": "",
    "\u200d": "", "\ufeff": "", "\t": " ",
}  # fmt: skip


@cache
def fonts() -> frozenset[int]:
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
    return frozenset(_script(chr(code)) for code in fonts())


# Letters of one script the font lacks, side by side or a space apart, are named once.
_SCRIPT_RUN = re.compile(r"\[([\w-]+) text\](?:\s*\[\1 text\])+")


@cache
def _replacement(char: str) -> str:
    if char in _SPELT_OUT:
        return _SPELT_OUT[char]
    drawable = fonts()
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
    codes = sorted(fonts() | {ord("\n")})
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
    drawable = fonts()
    # Letters typed as a base and a combining accent (as macOS often stores them) become one letter.
    text = unicodedata.normalize("NFC", text)
    drawn = "".join(c if c == "\n" or ord(c) in drawable else _replacement(c) for c in text)
    return _SCRIPT_RUN.sub(r"[\1 text]", drawn)


# -- fast text -----------------------------------------------------------------------------------
# A report of thousands of records is mostly plain text: reportlab's Paragraph parses markup and
# measures every word of it again (in pure Python for a TrueType font), which made a PDF cost many
# times its HTML. ``Text`` lays out plain runs of text itself: each word's width is measured once
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
def metrics(name: str) -> _Metrics:
    fonts()
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
        m = metrics(font)
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
        m = metrics(font)
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


def colour_op(colour: Any) -> str:
    op = _COLOUR_OPS.get(colour)
    if op is None:
        r, g, b = colour.rgb()
        op = _COLOUR_OPS[colour] = f"{num(r)} {num(g)} {num(b)} rg"
    return op


def stroke_op(colour: Any) -> str:
    return colour_op(colour)[:-2] + "RG"


def num(v: float) -> str:
    return "%.2f" % v  # noqa: UP031 (the quickest)


class Text(Flowable):
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
    def plain(cls, text: str, style: ParagraphStyle, colour: Any = None, nowrap: bool = False) -> Text:
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

    def cut(self, fit: int) -> tuple[Text, Text]:
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
        out.append(colour_op(base_colour))
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
                    f"{_font_name(names, doc, font, 0)} {num(size)} Tf {num(leading)} TL "
                    f"{num(x0)} {num(y0 + self.height - size + leading)} Td"
                )
                out.append("(" + ")'\n(".join(shown) + ")'")
                out.append("ET")
                return
        current_font: tuple[str, int] | None = None
        current_colour = base_colour
        x = 0.0
        step = f"0 {num(-leading)} Td"
        align = style.alignment
        for n, (width, segments) in enumerate(self.lines or ()):
            new_x = 0.0
            if align == TA_CENTER:
                new_x = (self.width - width * scale) / 2
            elif align == TA_RIGHT:
                new_x = self.width - width * scale
            if n == 0:
                out.append(f"{num(x0 + new_x)} {num(y0 + self.height - size)} Td")
            elif new_x != x:
                out.append(f"{num(new_x - x)} {num(-leading)} Td")
            else:
                out.append(step)
            x = new_x
            for font, colour, text in segments:
                colour = colour or base_colour
                if colour is not current_colour:
                    out.append(colour_op(colour))
                    current_colour = colour
                if text.isascii():
                    if current_font != (font, 0):
                        current_font = (font, 0)
                        out.append(f"{_font_name(names, doc, font, 0)} {num(size)} Tf")
                    if "(" in text or ")" in text or "\\" in text:
                        text = text.translate(_PDF_ESCAPES)
                    out.append(f"({text}) Tj")
                    continue
                for subset, data in metrics(font).font.splitString(text, doc):
                    if current_font != (font, subset):
                        current_font = (font, subset)
                        out.append(f"{_font_name(names, doc, font, subset)} {num(size)} Tf")
                    out.append(f"({data.decode('latin-1').translate(_BYTE_ESCAPES)}) Tj")
        out.append("ET")


def _font_name(names: dict[tuple[str, int], str], doc: Any, font: str, subset: int) -> str:
    """The PDF name of one subset of a face in this document (reportlab embeds the subsets it named)."""
    name = names.get((font, subset))
    if name is None:
        name = names[(font, subset)] = metrics(font).font.getSubsetInternalName(subset, doc)
    return name


def show(
    out: list[str], names: dict[tuple[str, int], str], doc: Any, font: str, size: float, text: str
) -> None:
    """Append the operators that show ``text`` (drawable) in ``font`` at the current text position."""
    for subset, data in metrics(font).font.splitString(text, doc):
        out.append(f"{_font_name(names, doc, font, subset)} {num(size)} Tf")
        out.append(f"({data.decode('latin-1').translate(_BYTE_ESCAPES)}) Tj")


class Marked(Text):
    """A heading that is also a bookmark and/or a progress mark once it is laid out."""

    outline: tuple[int, str] | None = None
    progress: tuple[int, str] | None = None
