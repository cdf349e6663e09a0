"""Adding or editing a placement: where, when, how many days it needs, its working week and who
supervises it. Typed dates are read day first and shown back beside the field before saving."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from textual import on
from textual.widgets import Input, Static

from praxis_socialwork.store import DateError, Placement, Problem, format_typed, parse_date, vocab
from praxis_socialwork.store.hours import HoursError, parse_hours
from praxis_socialwork.tui.forms.day_form import date_hint, hours_text
from praxis_socialwork.tui.forms.form_screen import Field, FieldProblems, FormScreen, text_of

DATE_FIELDS = ("start", "planned_end")


def parse_weekdays(text: str) -> list[str]:
    """The working weekdays typed as ``mon,tue,wed``, ``Monday Wednesday`` or ``mon-fri``, in week
    order; raises ``ValueError`` naming a word that is not a weekday."""
    found: set[int] = set()
    for part in re.split(r"[,;\s]+", text.strip()):
        if not part:
            continue
        ends = part.split("-") if part.count("-") == 1 else [part]
        numbers = [vocab.WEEKDAYS.index(vocab.choose(end, vocab.WEEKDAYS, "weekday")) for end in ends]
        if len(numbers) == 2:
            first, last = numbers
            span = range(first, last + 1) if first <= last else [*range(first, 7), *range(0, last + 1)]
            found.update(span)
        else:
            found.update(numbers)
    return [vocab.WEEKDAYS[n] for n in sorted(found)]


class PlacementForm(FormScreen[Placement]):
    """A placement's details. Enter in any one-line field (or Ctrl+S) saves."""

    def __init__(self, session, record: Placement | None = None) -> None:
        super().__init__(session, record)
        self.title_text = "Edit placement" if record else "New placement"
        self.draft_key = f"placement-{record.id}" if record else "placement-new"

    def fields(self) -> list[Field]:
        hint = date_hint("", self.session.today())
        return [
            Field("name", "Name", placeholder="e.g. Northfield Family Centre"),
            Field("agency", "Agency", placeholder="e.g. Northfield Council children's services"),
            Field("setting", "Setting", kind="choice", choices=vocab.SETTINGS),
            Field("kind", "Kind", kind="choice", choices=vocab.PLACEMENT_KINDS),
            Field("start", "Start", hint=hint),
            Field("planned_end", "Planned end", placeholder="optional", hint=hint),
            Field("required_days", "Days required", placeholder="e.g. 70"),
            Field(
                "weekdays",
                "Working days",
                placeholder="mon,tue,wed,thu,fri",
                hint="e.g. mon-fri or mon,wed,thu",
            ),
            Field("hours_per_day", "Hours a day", placeholder="7.5"),
            Field("practice_educator", "Educator (PE)", placeholder="practice educator"),
            Field("supervisor", "Supervisor", placeholder="on-site supervisor"),
        ]

    def initial(self) -> dict[str, str]:
        p = self.record or Placement(kind="first" if not self.session.placements() else "final")
        return {
            "name": p.name,
            "agency": p.agency,
            "setting": p.setting,
            "kind": p.kind,
            "start": format_typed(p.start) if p.start else "",
            "planned_end": format_typed(p.planned_end) if p.planned_end else "",
            "required_days": str(p.required_days) if p.required_days else "",
            "weekdays": ",".join(p.weekdays),
            "hours_per_day": hours_text(p.hours_per_day),
            "practice_educator": p.practice_educator,
            "supervisor": p.supervisor,
        }

    def note(self) -> str:
        return "Dates day first (14/09/2026). Enter or Ctrl+S saves; Esc leaves."

    def build(self, values: dict[str, str]) -> Placement:
        problems: list[Problem] = []
        today = self.session.today()
        dates: dict[str, date | None] = {}
        for name in DATE_FIELDS:
            typed = text_of(values, name)
            dates[name] = None
            if not typed:
                if name == "start":
                    problems.append(Problem(name, "is required"))
                continue
            try:
                dates[name] = parse_date(typed, today=today)
            except DateError as exc:
                problems.append(Problem(name, str(exc)))
        required = 0
        typed = text_of(values, "required_days")
        if not typed:
            problems.append(Problem("required_days", "is required (the days this placement needs)"))
        elif not typed.isdigit() or int(typed) <= 0:
            problems.append(Problem("required_days", f"'{typed}' is not a whole number of days above 0"))
        else:
            required = int(typed)
        weekdays: list[str] = []
        try:
            weekdays = parse_weekdays(text_of(values, "weekdays"))
        except ValueError as exc:
            problems.append(Problem("weekdays", str(exc)))
        hours = 0.0
        typed = text_of(values, "hours_per_day")
        try:
            hours = parse_hours(typed)
        except HoursError as exc:
            problems.append(Problem("hours_per_day", str(exc)))
        if problems:
            raise FieldProblems(problems)
        fields = {
            "name": text_of(values, "name"),
            "agency": text_of(values, "agency"),
            "setting": text_of(values, "setting"),
            "kind": text_of(values, "kind"),
            "start": dates["start"],
            "planned_end": dates["planned_end"],
            "required_days": required,
            "weekdays": weekdays,
            "hours_per_day": hours,
            "practice_educator": text_of(values, "practice_educator"),
            "supervisor": text_of(values, "supervisor"),
        }
        return replace(self.record, **fields) if self.record else Placement(**fields)

    @on(Input.Changed, "#field-start, #field-planned_end")
    def _date_typed(self, event: Input.Changed) -> None:
        self._hint((event.input.id or "").removeprefix("field-"))

    def _hint(self, name: str) -> None:
        value = self.query_one(f"#field-{name}", Input).value
        self.query_one(f"#row-{name} .field-hint", Static).update(date_hint(value, self.session.today()))
