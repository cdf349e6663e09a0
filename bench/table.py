"""The results table: one line per row, aligned columns, plain text."""

from __future__ import annotations

from collections.abc import Sequence

from bench.timing import Row

HEADERS = ("benchmark", "result", "goal", "ok")


def format_ms(value: float) -> str:
    """Return a time for people: 3 significant figures below 100 ms, whole ms above."""
    if value < 10:
        return f"{value:.2f} ms"
    if value < 100:
        return f"{value:.1f} ms"
    return f"{value:,.0f} ms"


def render(rows: Sequence[Row]) -> str:
    """Return ``rows`` as a table with columns benchmark | result | goal | ok."""
    cells = [
        (
            r.name,
            r.shown or format_ms(r.value_ms),
            r.goal or "-",
            "-" if r.ok is None else ("yes" if r.ok else "NO"),
        )
        for r in rows
    ]
    widths = [max(len(line[i]) for line in [HEADERS, *cells]) for i in range(len(HEADERS))]

    def line(values: Sequence[str]) -> str:
        name, result, goal, ok = values
        return (
            f"{name:<{widths[0]}} | {result:>{widths[1]}} | {goal:<{widths[2]}} | {ok:<{widths[3]}}"
        ).rstrip()

    rule = "-+-".join("-" * w for w in widths)
    return "\n".join([line(HEADERS), rule, *(line(c) for c in cells)])
