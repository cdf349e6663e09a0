"""Logging a placement day: today, the placement's usual hours and "practice" already filled in, so
``l`` then Enter logs today. A day already logged opens to be edited instead of refused.

``open_log_day`` is what the app's global ``l`` key calls; ``open_day`` opens the form for any date
(the placements screen uses it for Enter on a calendar day and ``b`` for an absence).

A day a practice educator signed off says so, and saving a change to it asks first: the change
marks it "changed since sign-off", and its hours stop counting as verified until it is signed again.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from textual import on, work
from textual.markup import escape
from textual.screen import ModalScreen
from textual.widgets import Input, Select, Static

from praxis_socialwork.services.placement_progress import current_placement, weekdays_text, working_weekdays
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
from praxis_socialwork.store.hours import HoursError, parse_hours
from praxis_socialwork.store.signing import record_hash
from praxis_socialwork.tui.forms.form_screen import Field, FieldProblems, FormScreen, text_of
from praxis_socialwork.tui.messages import DaySaved
from praxis_socialwork.tui.screens.page import Page
from praxis_socialwork.tui.widgets.confirm import Confirm

if TYPE_CHECKING:
    from praxis_socialwork.services.session import Session
    from praxis_socialwork.tui.app import PraxisApp


def hours_text(hours: float) -> str:
    """Hours as a person writes them: ``7.5``, ``7``."""
    return f"{hours:g}"


def day_summary(day: PlacementDay) -> str:
    """A logged day's kind and hours in a few words: ``practice, 7.5 h``; ``absence`` (no hours)."""
    if day.kind in vocab.NO_HOURS_DAY_KINDS and not day.hours:
        return day.kind
    return f"{day.kind}, {hours_text(day.hours)} h"


def date_hint(text: str, today: date) -> str:
    """What a typed date reads as (``= Mon 16 Nov 2026``), why it is not a date, or how to type one."""
    if not text.strip():
        return "day first, e.g. 16/11/2026, or today / yesterday"
    try:
        return f"= {format_uk(parse_date(text, today=today))}"
    except DateError as exc:
        return str(exc)


def logged_on(session: Session, placement: Placement, on: date) -> PlacementDay | None:
    """The day ``placement`` has logged on ``on``, or None."""
    return next((d for d in session.days(placement.id) if d.date == on), None)


def follow_kind(hours: Input, kind: object, hours_per_day: float) -> None:
    """An absence has no hours, a worked day the usual ones: set ``hours`` to follow ``kind``, unless
    the person typed hours of their own."""
    usual = hours_text(hours_per_day)
    if kind in vocab.NO_HOURS_DAY_KINDS and hours.value.strip() == usual:
        hours.value = "0"
    elif kind not in vocab.NO_HOURS_DAY_KINDS and hours.value.strip() in ("", "0"):
        hours.value = usual


class DayForm(FormScreen[PlacementDay]):
    """Log (or edit) one day of one placement: date, kind, hours and a note. Enter saves."""

    def __init__(
        self,
        session: Session,
        placement: Placement,
        record: PlacementDay | None = None,
        *,
        on: date | None = None,
        prefill: dict[str, str] | None = None,
    ) -> None:
        super().__init__(session, record)
        self.placement = placement
        self.on = on or (record.date if record and record.date else session.today())
        self.prefill = prefill or {}
        self.title_text = "Edit a placement day" if record else "Log a placement day"
        self.draft_key = f"day-{record.id}" if record else f"day-new-{placement.id}-{self.on.isoformat()}"

    def fields(self) -> list[Field]:
        return [
            Field("date", "Date", hint=date_hint("", self.session.today())),
            Field("kind", "Kind", kind="choice", choices=vocab.DAY_KINDS),
            Field("hours", "Hours", placeholder=hours_text(self.placement.hours_per_day)),
            Field("note", "Note", placeholder="optional: what the day was"),
        ]

    def initial(self) -> dict[str, str]:
        if self.record is not None:
            values = {
                "date": format_typed(self.record.date) if self.record.date else "",
                "kind": self.record.kind,
                "hours": hours_text(self.record.hours),
                "note": self.record.note,
            }
        else:
            values = {
                "date": format_typed(self.on),
                "kind": "practice",
                "hours": hours_text(self.placement.hours_per_day),
                "note": "",
            }
        values.update(self.prefill)
        return values

    def note(self) -> str:
        name = escape(self.placement.name)
        if self.record is not None and self.record.date:
            text = (
                f"{name}: {format_uk(self.record.date)} is already logged "
                f"({day_summary(self.record)}); you are editing it. Enter saves."
            )
        else:
            text = f"{name}. Enter saves."
        signer = self._signer()
        if signer:
            text += f"\nSigned off by {escape(signer)}: a change here marks it changed since sign-off."
        if self.on.weekday() not in working_weekdays(self.placement):
            week = weekdays_text(self.placement)
            text += f"\n{self.on:%A} is not one of this placement's working days ({week})."
        return text

    def build(self, values: dict[str, str]) -> PlacementDay:
        problems: list[Problem] = []
        on: date | None = None
        try:
            on = parse_date(values.get("date", ""), today=self.session.today())
        except DateError as exc:
            problems.append(Problem("date", str(exc)))
        kind = text_of(values, "kind") or "practice"
        typed = text_of(values, "hours")
        hours = 0.0
        if typed:
            try:
                hours = parse_hours(typed)
            except HoursError as exc:
                problems.append(Problem("hours", str(exc)))
        elif kind not in vocab.NO_HOURS_DAY_KINDS:
            problems.append(Problem("hours", "is required for a day of " + kind))
        if problems:
            raise FieldProblems(problems)
        fields = {"date": on, "kind": kind, "hours": hours, "note": text_of(values, "note")}
        if self.record is not None:
            return replace(self.record, **fields)
        return PlacementDay(placement_id=self.placement.id, **fields)

    def field_for(self, problem_field: str) -> str:
        return "" if problem_field == "placement" else problem_field

    # -- a day signed off -------------------------------------------------------------------------
    def _signer(self) -> str:
        """``Jo Educator (Practice educator) on Fri 13 Nov 2026`` if a sign-off still verifies the day
        being edited, else "" (a new day, or one not signed off or already changed since)."""
        from praxis_socialwork.rules.review import on_day

        if self.record is None:
            return ""
        valid = self.session.review_book().of(self.record).standing
        if valid is None:
            return ""
        s = valid.signoff
        return s.by + (f" ({s.role})" if s.role else "") + f" on {on_day(s.at)}"

    def signoff_warning(self) -> str:
        """What saving the form as typed would undo, to ask before saving: "" when the day is not
        signed off, when nothing signed changes, or when the form cannot be saved anyway."""
        if self.record is None or self.session.reviewer is not None or not self._signer():
            return ""
        try:
            day = self.build(self.values())
        except FieldProblems:
            return ""  # saving shows the problems instead
        valid = self.session.review_book().of(self.record).standing
        if valid is None or record_hash(day) == valid.signoff.hash:
            return ""
        when = format_uk(self.record.date) if self.record.date else "This day"
        hours = hours_text(self.record.hours)
        return (
            f"{when} is signed off by {self._signer()}.\n\nSaving this change marks it "
            f'"changed since sign-off": its {hours} hours stop counting as verified until your practice '
            "educator signs it off again."
        )

    @work(exclusive=True, group="day-form-save")
    async def action_save(self) -> None:
        """Save; for a day signed off, only after the person agrees its sign-off stops verifying it."""
        warning = self.signoff_warning()
        if warning:
            question = Confirm(escape(warning), yes="Save anyway", no="Cancel")
            if not await self.app.push_screen_wait(question):
                return  # nothing saved; the form stays open as typed
        super().action_save()

    # -- helping as you type ----------------------------------------------------------------------
    @on(Input.Changed, "#field-date")
    def _show_date_hint(self) -> None:
        value = self.query_one("#field-date", Input).value
        self.query_one("#row-date .field-hint", Static).update(date_hint(value, self.session.today()))

    @on(Select.Changed, "#field-kind")
    def _kind_changed(self, event: Select.Changed) -> None:
        if self._ready:
            follow_kind(self.query_one("#field-hours", Input), event.value, self.placement.hours_per_day)


def open_day(
    app: PraxisApp,
    placement: Placement,
    on: date,
    *,
    kind: str | None = None,
) -> DayForm:
    """Open the day form for ``placement`` on ``on``: the logged day to edit if there is one, else a
    new day. ``kind`` prefills another kind (an absence: no hours). After a save, the screen it was
    opened over is told (``DaySaved``)."""
    session = app.session
    below = app.screen
    existing = logged_on(session, placement, on)
    prefill: dict[str, str] = {}
    if kind is not None:
        prefill["kind"] = kind
        if kind in vocab.NO_HOURS_DAY_KINDS:
            prefill["hours"] = "0"
    form = DayForm(session, placement, existing, on=on, prefill=prefill)

    def saved(day: PlacementDay | None) -> None:
        if day is None or day.date is None:
            return
        verb = "Changed" if existing else "Logged"
        app.notify(
            f"{verb} {format_uk(day.date)} at {placement.name}: {day_summary(day)}. (u undoes)", markup=False
        )
        below.post_message(DaySaved(day))

    app.push_screen(form, saved)
    return form


def open_log_day(app: PraxisApp) -> None:
    """Open the day form for the current placement with today's date, its usual hours and "practice"
    (Enter then saves); today's record to edit if today is logged. Says so when there is no placement."""
    if isinstance(app.screen, ModalScreen):
        return  # a form or a question is open: finish that first
    if app.read_only_reason:
        app.notify(app.read_only_reason, severity="warning")
        return
    session = app.session
    placements = session.active_placements()
    if not placements:
        app.notify("Add a placement first: p, then n", title="No placement yet", severity="warning")
        return
    screen = app.screen
    placement = screen.chosen_placement if isinstance(screen, Page) else None
    placement = placement or current_placement(placements, session.today())
    assert placement is not None
    open_day(app, placement, session.today())
