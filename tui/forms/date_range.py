"""The From/To pair of days in a dialog (the calendar and report exports, the sign-off): its row,
and the line under each field saying what the typed day reads as.

The row's ids are ``row-dates``; ``from`` and ``to`` for the fields, ``row-from``/``row-to`` around
each with its line ``hint-from``/``hint-to``, so a dialog marks a wrong day beside it.
"""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Input, Label, Static

from praxis_socialwork.store import DateError, format_uk, parse_date

DATE_HINT = "optional, day first: 1/9/2026"


def read_back(text: str, today: date) -> str:
    """What a typed from/to date reads as (``= Mon 16 Nov 2026``), why it is not one, or how to type one."""
    if not text.strip():
        return DATE_HINT
    try:
        return f"= {format_uk(parse_date(text, today=today))}"
    except DateError as exc:
        return str(exc)


def date_range_row(today: date, first: str = "", last: str = "") -> ComposeResult:
    """The From and To fields side by side, holding ``first`` and ``last``, each read back under it."""
    with Horizontal(classes="row", id="row-dates"):
        yield Label("From", classes="row-label")
        yield from _day_field("from", first, "first day", today)
        yield Label("To", classes="row-label short")
        yield from _day_field("to", last, "last day", today)


def _day_field(name: str, typed: str, placeholder: str, today: date) -> ComposeResult:
    with Vertical(classes="date", id=f"row-{name}"):
        yield Input(typed, placeholder=placeholder, id=name)
        yield Static(read_back(typed, today), classes="hint", id=f"hint-{name}")


def show_read_back(screen: Screen, field: Input, today: date) -> None:
    """Say under the From or To ``field`` what its day reads as, and take away its mark as wrong."""
    name = field.id or ""
    screen.query_one(f"#row-{name}").remove_class("-invalid")
    screen.query_one(f"#hint-{name}", Static).update(read_back(field.value, today))
