"""Plain-text tables for the command line: columns sized to fit, long cells shortened.

Widths are measured in terminal cells, not characters: a CJK character or an emoji takes two, a
combining accent none, so columns line up under any title. ``rich.cells`` measures them (rich
comes with Textual, but loads without it, in a few milliseconds); text that is all ASCII, nearly
every cell, is measured by its length without loading it.
"""

from __future__ import annotations

from collections.abc import Sequence


def render(headers: Sequence[str], rows: Sequence[Sequence[str]], widest: int = 48) -> str:
    """Return ``rows`` under ``headers`` as aligned columns; cells wider than ``widest`` terminal
    cells end in '…'."""
    cut = [[shorten(c, widest) for c in row] for row in rows]
    widths = [max([cells(h)] + [cells(r[i]) for r in cut]) for i, h in enumerate(headers)]
    lines = ["  ".join(pad(h, w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(pad(c, w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cut]
    return "\n".join(lines)


def cells(text: str) -> int:
    """How many terminal cells ``text`` takes."""
    if text.isascii():
        return len(text)
    from rich.cells import cell_len

    return cell_len(text)


def pad(text: str, width: int) -> str:
    """``text`` followed by spaces to fill ``width`` cells."""
    return text + " " * (width - cells(text))


def shorten(text: str, widest: int) -> str:
    """``text`` if it fits in ``widest`` cells, else as much as fits with '…' after it (never a wide
    character or an emoji cut in half)."""
    if cells(text) <= widest:
        return text
    if text.isascii():
        return text[: widest - 1] + "…"
    from rich.cells import chop_cells

    return chop_cells(text, widest - 1)[0] + "…"
