"""The PDF report's tables and kept-together blocks, laid out and drawn by the report itself.

``Grid`` is a table of ``Text`` cells and ticks (a heading row repeated on each page it runs onto,
zebra stripes, a totals row, signature rows), split between rows, or inside a row taller than a page.
``kept`` keeps flowables together on one page as reportlab's KeepTogether would, as one ``_Block``.
"""

from __future__ import annotations

from itertools import accumulate
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from praxis_socialwork.exports.pdf_page import (
    BODY_H,
    BODY_W,
    FRAME_H,
    HEAD,
    HEADER_FILL,
    MUTED,
    RULE,
    TICK_INK,
    ZEBRA,
)
from praxis_socialwork.exports.pdf_text import FONT, Marked, Text, colour_op, num, show, stroke_op

MIN_ROW_PART = 24  # points: the least of a split row that goes on either page (two lines)


class _TickMark:
    """A coverage cell's tick: drawn by the grid, green and sized to the cell, with the word "Yes" behind it
    as invisible text, so copying or extracting the table's text still says which cells are ticked."""

    size = 3 * mm


TICK_MARK = _TickMark()
PAD_X = 3.0  # a cell's left and right padding
PAD_Y = 2.5  # a cell's top and bottom padding
Cell = Any  # a Text, TICK_MARK or None (empty)


class Grid(Flowable):
    """A table laid out and drawn by the report itself (reportlab's Table measured and drew every cell
    through its generic machinery, a second a thousand rows). Cells are ``Text`` paragraphs (a plain
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
            if isinstance(cell, Text):
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

    def _part(self, rows: list[list[Cell]], heights: list[float], first: int, ends: bool) -> Grid:
        part = Grid(
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
            if isinstance(cell, Text) and len(cell.lines or ()) * cell.style.leading > room:
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
                out.append(f"{colour_op(fill)} 0 {num(top - h)} {num(width)} {num(h)} re f")
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
            out.append(f"{stroke_op(MUTED)} 0.5 w")
            for top, h in zip(tops, heights, strict=True):
                for c in (1, 3, 5):
                    out.append(f"{num(xs[c])} {num(top - h)} m {num(xs[c + 1])} {num(top - h)} l S")
        else:
            rules: list[tuple[Any, float, float]] = [(HEAD, 0.8, tops[0] - heights[0])]
            if self.ends:
                rules.append((RULE, 0.5, 0.0))
            if self.ruled:
                rules += [(RULE, 0.4, top - h) for top, h in zip(tops, heights, strict=True)]
            if self.total and self.ends:
                rules.append((HEAD, 0.8, tops[last]))
            for colour, thickness, y in rules:
                out.append(f"{stroke_op(colour)} {num(thickness)} w 0 {num(y)} m {num(width)} {num(y)} l S")
        out.append("Q")
        canv._code.append("\n".join(out))

    @staticmethod
    def _tick(out: list[str], names: dict[tuple[str, int], str], doc: Any, cx: float, cy: float) -> None:
        s = _TickMark.size
        x, y = cx - s / 2, cy - s / 2
        out.append(
            f"q {stroke_op(TICK_INK)} 1.2 w 1 J 1 j {num(x)} {num(y + s * 0.5)} m "
            f"{num(x + s * 0.38)} {num(y + s * 0.1)} l {num(x + s)} {num(y + s * 0.95)} l S"
        )
        out.append(f"BT 3 Tr {num(x)} {num(y + s * 0.15)} Td")  # invisible: there for readers and search
        show(out, names, doc, FONT, 6, "Yes")
        out.append("ET Q")


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


def kept(parts: list[Flowable]) -> list[Flowable]:
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
            if isinstance(part, Marked) and doc is not None:
                doc.mark(part, top)
            after = part.getSpaceAfter()
            top -= after
