"""The PDF report's page and palette: A4 with its margins, the height a page's frame holds, the inks."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

MARGIN = 18 * mm
PAGE_W, PAGE_H = A4
BODY_W = PAGE_W - 2 * MARGIN
BODY_H = PAGE_H - 2 * MARGIN
FRAME_PAD = 6  # points: the frame's padding above and below (reportlab's default)
FRAME_H = BODY_H - 2 * FRAME_PAD  # the height a page holds

INK = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#555555")
HEAD = colors.HexColor("#1f3a5f")
RULE = colors.HexColor("#9aa5b1")
HEADER_FILL = colors.HexColor("#e4e9ef")
ZEBRA = colors.HexColor("#f4f6f8")
TICK_INK = colors.HexColor("#1e6b34")
