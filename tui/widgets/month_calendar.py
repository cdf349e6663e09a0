"""A month of a placement's register: Monday-to-Sunday weeks, each logged day coloured by its kind.

The calendar knows nothing of the store. The screen hands it the days logged (date → kind), the
placement's working weekdays, its first and last dates and today; the calendar shows the month
holding its cursor and posts ``Moved`` when the cursor moves and ``Chosen`` on Enter or a double
click. Looks come from CSS classes (``-practice``, ``-off``, ``-today``, ``-cursor``…) and theme
variables, so every theme stays readable; each logged day also carries a letter, for when colours
cannot be told apart. A day whose sign-off a confirmed key verifies carries a ✓ before its number
(``-signed``), one signed off without a verifiable key a ? (``-recorded``), and one changed since its
sign-off, or whose sign-off is flagged, a ! (``-changed``).
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

from praxis_socialwork.store import vocab

KIND_MARKS: dict[str, str] = {
    "practice": "P",
    "skills": "K",
    "study": "S",
    "absence": "A",
    "sick": "X",
    "bank-holiday": "B",
}
KIND_LABELS: dict[str, str] = {
    "practice": "practice",
    "skills": "skills",
    "study": "study",
    "absence": "absence",
    "sick": "sick",
    "bank-holiday": "bank hol",
}
# "signed": a confirmed key's signature verifies the day; "recorded": a sign-off stands but verifies
# nothing (made without a key, or with a key not yet confirmed); "changed": changed since, or flagged.
SIGN_MARKS: dict[str, str] = {"signed": "✓", "recorded": "?", "changed": "!"}
SIGN_LABELS: dict[str, str] = {"signed": "signed", "recorded": "recorded", "changed": "changed"}
WEEK_ROWS = 6  # the most weeks a month can touch; always drawn, so the layout never jumps


def add_months(day: date, months: int) -> date:
    """The same day ``months`` months away, pulled back to the month's last day if it has fewer."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


class DayCell(Static):
    """One square of the month grid: a day (with its kind's letter) or blank."""

    def __init__(self, **kwargs) -> None:
        super().__init__("", **kwargs)
        self.day: date | None = None


class MonthCalendar(Vertical, can_focus=True):
    """A month grid with a day cursor; arrows move it, [ and ] (or PgUp/PgDn) change month."""

    DEFAULT_CSS = """
    MonthCalendar { width: 37; height: auto; padding: 0 1; }
    MonthCalendar #cal-head { height: 1; width: 34; }
    MonthCalendar #cal-title { width: 1fr; content-align: center middle; text-style: bold; }
    MonthCalendar .cal-arrow { width: 3; content-align: center middle; color: $text-muted; }
    MonthCalendar .cal-arrow:hover { color: $text; background: $boost; }
    MonthCalendar #cal-grid {
        grid-size: 7; grid-columns: 4; grid-rows: 1; grid-gutter: 0 1; height: auto; width: 34;
    }
    MonthCalendar .weekday-name { width: 4; color: $text-muted; }
    MonthCalendar DayCell { width: 4; height: 1; }
    MonthCalendar DayCell.-off { color: $text-muted; }
    MonthCalendar DayCell.-outside { color: $text-disabled; }
    MonthCalendar .-practice { background: $success 45%; color: $text; }
    MonthCalendar .-skills { background: $primary 50%; color: $text; }
    MonthCalendar .-study { background: $secondary 50%; color: $text; }
    MonthCalendar .-absence { background: $warning 50%; color: $text; }
    MonthCalendar .-sick { background: $error 50%; color: $text; }
    MonthCalendar .-bank-holiday { background: $foreground 25%; color: $text; }
    MonthCalendar DayCell.-today { text-style: bold underline; }
    MonthCalendar DayCell.-cursor { background: $accent 45%; color: $text; }
    MonthCalendar:focus DayCell.-cursor { background: $accent; color: $text; text-style: bold; }
    MonthCalendar:focus DayCell.-cursor.-today { text-style: bold underline; }
    MonthCalendar #cal-legend {
        grid-size: 6; grid-columns: 3 9 3 8 3 9; grid-rows: 1; height: auto; width: 35; margin-top: 1;
    }
    MonthCalendar .legend-mark { width: 3; content-align: center middle; }
    MonthCalendar .legend-label { color: $text-muted; padding-left: 1; }
    MonthCalendar .legend-mark.-today { text-style: bold underline; }
    MonthCalendar .legend-mark.-off { color: $text-muted; }
    MonthCalendar .-changed { text-style: italic; }
    MonthCalendar .legend-mark.-signed { color: $success; text-style: bold; }
    MonthCalendar .legend-mark.-changed { color: $warning; text-style: bold; }
    MonthCalendar .legend-mark.-recorded { color: $text-muted; text-style: bold; }
    """

    BINDINGS = [
        Binding("left", "move(-1)", "Day before", show=False, id="calendar.left"),
        Binding("right", "move(1)", "Day after", show=False, id="calendar.right"),
        Binding("up", "move(-7)", "Week before", show=False, id="calendar.up"),
        Binding("down", "move(7)", "Week after", show=False, id="calendar.down"),
        Binding("left_square_bracket", "month(-1)", "Month before", show=False, id="calendar.month-back"),
        Binding("right_square_bracket", "month(1)", "Month after", show=False, id="calendar.month-on"),
        Binding("pageup", "month(-1)", "Month before", show=False, id="calendar.page-up"),
        Binding("pagedown", "month(1)", "Month after", show=False, id="calendar.page-down"),
        Binding("home", "edge(-1)", "First of the month", show=False, id="calendar.first"),
        Binding("end", "edge(1)", "Last of the month", show=False, id="calendar.last"),
        Binding("t", "today", "Go to today", show=False, id="calendar.today"),
        Binding("enter", "choose", "Open", tooltip="Log or edit the selected day", id="calendar.open"),
    ]

    cursor: reactive[date] = reactive(date(2000, 1, 1), init=False)

    @dataclass
    class Moved(Message):
        """The cursor moved to ``day`` (perhaps into another month)."""

        calendar: MonthCalendar
        day: date

        @property
        def control(self) -> MonthCalendar:
            return self.calendar

    @dataclass
    class Chosen(Message):
        """``day`` was chosen (Enter, or a double click) to open."""

        calendar: MonthCalendar
        day: date

        @property
        def control(self) -> MonthCalendar:
            return self.calendar

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.kinds: Mapping[date, str] = {}
        self.signed: Mapping[date, str] = {}  # date -> a key of SIGN_MARKS
        self.working: frozenset[int] = frozenset(range(5))
        self.first: date | None = None
        self.last: date | None = None
        self.today = date(2000, 1, 1)
        self._cells: list[DayCell] = []

    def compose(self) -> ComposeResult:
        with Horizontal(id="cal-head"):
            yield Static("‹", id="cal-prev", classes="cal-arrow")
            yield Static("", id="cal-title")
            yield Static("›", id="cal-next", classes="cal-arrow")
        with Grid(id="cal-grid"):
            for name in vocab.WEEKDAYS:
                yield Static(f" {name.title()}", classes="weekday-name")
            for index in range(7 * WEEK_ROWS):
                yield DayCell(id=f"cell-{index}")
        with Grid(id="cal-legend"):
            for kind in vocab.DAY_KINDS:
                yield Static(KIND_MARKS[kind], classes=f"legend-mark -{kind}")
                yield Static(KIND_LABELS[kind], classes="legend-label")
            yield Static("9", classes="legend-mark -today")
            yield Static("today", classes="legend-label")
            yield Static("9", classes="legend-mark -off")
            yield Static("day off", classes="legend-label")
            for state, mark in SIGN_MARKS.items():
                yield Static(mark, classes=f"legend-mark -{state}")
                yield Static(SIGN_LABELS[state], classes="legend-label")

    # -- what the screen gives ------------------------------------------------------------------
    def show_register(
        self,
        kinds: Mapping[date, str],
        *,
        working: frozenset[int],
        today: date,
        first: date | None = None,
        last: date | None = None,
        cursor: date | None = None,
        signed: Mapping[date, str] | None = None,
    ) -> None:
        """Show these logged days (date → kind) for a placement working on ``working`` weekdays
        (Monday 0) from ``first`` to ``last``; put the cursor on ``cursor`` if given. ``signed``
        marks the days signed off (date → ``signed``, or ``changed`` since the sign-off)."""
        self.kinds = kinds
        self.signed = signed or {}
        self.working = working
        self.today = today
        self.first = first
        self.last = last
        if cursor is not None and cursor != self.cursor:
            self.cursor = cursor  # repaints
        else:
            self.paint()

    def go_to(self, day: date) -> None:
        """Move the cursor to ``day``, showing its month."""
        self.cursor = day

    @property
    def month(self) -> date:
        """The first of the month shown."""
        return self.cursor.replace(day=1)

    # -- drawing --------------------------------------------------------------------------------
    def watch_cursor(self, old: date, new: date) -> None:
        self.paint()
        self.post_message(self.Moved(self, new))

    def paint(self) -> None:
        """Draw the month holding the cursor as the register is now."""
        if not self.is_mounted:
            return
        month = self.month
        self.query_one("#cal-title", Static).update(f"{month:%B %Y}")
        weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(month.year, month.month)
        days = [d for week in weeks for d in week]
        days += [days[-1] + timedelta(days=i + 1) for i in range(7 * WEEK_ROWS - len(days))]
        if not self._cells:
            self._cells = list(self.query(DayCell))
        for cell, day in zip(self._cells, days, strict=True):
            if day.month != month.month:
                cell.day = None
                cell.update("")
                cell.set_classes("")
                continue
            cell.day = day
            kind = self.kinds.get(day)
            state = self.signed.get(day, "")
            mark = SIGN_MARKS.get(state, " ")
            cell.update(f"{mark}{day.day:>2}{KIND_MARKS.get(kind, '?') if kind else ' '}")
            classes = []
            if kind:
                classes.append(f"-{kind}")
            if state:
                classes.append(f"-{state}")
            if day.weekday() not in self.working:
                classes.append("-off")
            if (self.first and day < self.first) or (self.last and day > self.last):
                classes.append("-outside")
            if day == self.today:
                classes.append("-today")
            if day == self.cursor:
                classes.append("-cursor")
            cell.set_classes(" ".join(classes))

    def on_mount(self) -> None:
        self.paint()

    # -- keys and mouse -------------------------------------------------------------------------
    def action_move(self, days: int) -> None:
        """Move the cursor by ``days`` days."""
        self.cursor = self.cursor + timedelta(days=days)

    def action_month(self, months: int) -> None:
        """Show the month ``months`` away, keeping the day of the month where it can."""
        self.cursor = add_months(self.cursor, months)

    def action_edge(self, direction: int) -> None:
        """Go to the first (-1) or last (1) day of the month."""
        last = calendar.monthrange(self.cursor.year, self.cursor.month)[1]
        self.cursor = self.cursor.replace(day=1 if direction < 0 else last)

    def action_today(self) -> None:
        """Go to today."""
        self.cursor = self.today

    def action_choose(self) -> None:
        """Open the day under the cursor."""
        self.post_message(self.Chosen(self, self.cursor))

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.focus()
        widget = event.widget
        if isinstance(widget, DayCell) and widget.day is not None:
            self.cursor = widget.day
            if event.chain >= 2:
                self.post_message(self.Chosen(self, widget.day))
        elif widget is not None and widget.id in ("cal-prev", "cal-next"):
            self.action_month(-1 if widget.id == "cal-prev" else 1)
