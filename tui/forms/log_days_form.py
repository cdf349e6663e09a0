"""Logging several placement days at once: the placement's working days from one date to another
(this week so far to start with), each of one kind and the usual hours. Weekends, bank holidays and
days already logged are skipped and said; one undo takes the whole batch back.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from textual import on
from textual.markup import escape
from textual.widgets import Input, Select, Static

from praxis_socialwork.services.day_batches import DayBatch, day_batch
from praxis_socialwork.services.placement_progress import weekdays_text
from praxis_socialwork.store import (
    DateError,
    Placement,
    PlacementDay,
    Problem,
    format_typed,
    format_uk,
    parse_date,
    vocab,
)
from praxis_socialwork.tui.forms.day_form import date_hint, follow_kind, hours_text
from praxis_socialwork.tui.forms.form_screen import Field, FieldProblems, FormScreen, text_of

if TYPE_CHECKING:
    from praxis_socialwork.services.session import Session


class LogDaysForm(FormScreen[PlacementDay]):
    """From, To, kind and hours for a batch of days. Enter saves; the form dismisses with the last
    day logged, and ``batch`` and ``logged`` say what was logged and skipped."""

    def __init__(self, session: Session, placement: Placement) -> None:
        super().__init__(session)
        self.placement = placement
        self.title_text = "Log several days"
        self.batch: DayBatch | None = None
        self.logged: list[PlacementDay] = []

    def fields(self) -> list[Field]:
        hint = date_hint("", self.session.today())
        return [
            Field("first", "From", hint=hint),
            Field("last", "To", hint=hint),
            Field("kind", "Kind", kind="choice", choices=vocab.DAY_KINDS),
            Field("hours", "Hours each", placeholder=hours_text(self.placement.hours_per_day)),
        ]

    def initial(self) -> dict[str, str]:
        today = self.session.today()
        return {
            "first": format_typed(today - timedelta(days=today.weekday())),
            "last": format_typed(today),
            "kind": "practice",
            "hours": hours_text(self.placement.hours_per_day),
        }

    def note(self) -> str:
        return (
            f"{escape(self.placement.name)}: its working days ({weekdays_text(self.placement)}) from one "
            "date to the other. Weekends, bank holidays and days already logged are skipped. Enter saves."
        )

    def _dates(self, values: dict[str, str], problems: list[Problem]) -> tuple[date | None, date | None]:
        today = self.session.today()
        found: list[date | None] = []
        for name in ("first", "last"):
            day = None
            try:
                day = parse_date(values.get(name, ""), today=today)
            except DateError as exc:
                problems.append(Problem(name, str(exc)))
            if day is not None and day > today:
                problems.append(Problem(name, f"{format_uk(day)} has not happened yet; log days up to today"))
            found.append(day)
        return found[0], found[1]

    def build(self, values: dict[str, str]) -> PlacementDay:
        problems: list[Problem] = []
        first, last = self._dates(values, problems)
        kind = text_of(values, "kind") or "practice"
        typed = text_of(values, "hours")
        hours: float | None = None
        if typed:
            try:
                hours = float(typed)
            except ValueError:
                problems.append(Problem("hours", f"'{typed}' is not a number of hours (e.g. 7.5)"))
        if first is not None and last is not None and not problems:
            profile = self.session.profile()
            country = profile.country if profile else "england"
            try:
                self.batch = day_batch(
                    self.placement, first, last, self.session.days(self.placement.id), country, kind, hours
                )
            except ValueError as exc:
                problems.append(Problem("last", str(exc)))
        if problems or self.batch is None:
            raise FieldProblems(problems)
        if not self.batch.records:
            said = " ".join(self.batch.skipped_lines())
            raise FieldProblems(
                [Problem("", f"Nothing to log from {format_uk(first)} to {format_uk(last)}. {said}")]
            )
        return self.batch.records[0]

    def save(self, record: PlacementDay) -> PlacementDay:
        assert self.batch is not None
        self.logged = self.session.add_many(list(self.batch.records))
        return self.logged[-1]

    def field_for(self, problem_field: str) -> str:
        # Every day in the batch differs only in its date: a problem with one is a problem with the range.
        return {"date": "last", "placement": ""}.get(problem_field, problem_field)

    # -- helping as you type ----------------------------------------------------------------------
    @on(Input.Changed, "#field-first, #field-last")
    def _show_date_hint(self, event: Input.Changed) -> None:
        name = (event.input.id or "").removeprefix("field-")
        self.query_one(f"#row-{name} .field-hint", Static).update(
            date_hint(event.value, self.session.today())
        )

    @on(Select.Changed, "#field-kind")
    def _kind_changed(self, event: Select.Changed) -> None:
        if self._ready:
            follow_kind(self.query_one("#field-hours", Input), event.value, self.placement.hours_per_day)
