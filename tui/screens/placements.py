"""Placements: each placement's register as a month calendar, its totals against the days required,
its planned finish and when it will finish at the current pace.

A row of names along the top chooses the placement (by start date; the one running today is chosen
first). The calendar shows the month holding today; Enter opens the day under the cursor, ``b`` marks
it an absence (the day form opens with "absence" filled in, so a reason can be added; Enter saves),
and ``x`` deletes what is logged there. Days a practice educator signed off carry a ✓ (a ! once
changed since), and the line under the calendar says who signed. ``L`` logs several days at once
(this week so far, or any range). ``X`` deletes the placement with its days and ``A`` archives it
(hidden here and on the dashboard, its records kept); both are undone with ``u``. The arithmetic lives in
``services.placement_progress``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, HorizontalScroll, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import ProgressBar, Static

from praxis_socialwork.rules.periods import working_weekdays
from praxis_socialwork.rules.placement_outlook import country_of
from praxis_socialwork.rules.review import Verified, verified_totals
from praxis_socialwork.services.day_batches import dates_text, days_word, logged_line, signed_days
from praxis_socialwork.services.placement_progress import Progress, current_placement, progress, weekdays_text
from praxis_socialwork.store import Placement, PlacementDay, PraxisError, format_uk
from praxis_socialwork.tui.forms.day_form import day_summary, hours_text, logged_on, open_day
from praxis_socialwork.tui.messages import DaySaved, ShowRecords
from praxis_socialwork.tui.screens.page import Page
from praxis_socialwork.tui.stylesheets import beside
from praxis_socialwork.tui.widgets.confirm import Confirm
from praxis_socialwork.tui.widgets.month_calendar import KIND_LABELS, KIND_MARKS, MonthCalendar


def _day_month(stamp: str) -> str:
    """The day of an ISO timestamp, short (``20 Nov``); as given if it is not one."""
    try:
        day = date.fromisoformat(stamp[:10])
    except ValueError:
        return stamp
    return f"{day.day} {day:%b}"


def _short(day: date | None) -> str:
    return f"{day.day} {day:%b %Y}" if day else "—"


def totals_lines(
    placement: Placement, got: Progress, today: date, verified: Verified | None = None
) -> list[str]:
    """The totals as lines of markup, none wider than 37 cells (the room there is at 80 columns);
    with ``verified``, the counted days signed off by the practice educator and those not yet."""
    kinds = [
        f"[$text-muted]{KIND_MARKS[kind]}[/] {KIND_LABELS[kind]:<10}{count:>5}"
        for kind, count in got.by_kind.items()
    ]
    lines = ["  ".join(kinds[i : i + 2]) for i in range(0, len(kinds), 2)]
    lines.append(f"Hours     {got.hours:g} ({got.counted_hours:g} counted)")
    if verified is not None:  # signed off by the practice educator, of the counted days and hours
        counted = verified.days + verified.unverified_days
        hours = verified.hours + verified.unverified_hours
        lines.append(f"Verified  {verified.days}/{counted} days ({verified.hours:g}/{hours:g} h)")
    else:
        lines.append(f"Days left {got.days_left}")
    if got.working_days_to_end is not None and placement.planned_end and not got.done:
        end = placement.planned_end
        lines.append(f"To end    {got.working_days_to_end} working days ({end.day} {end:%b})")
    if got.full_time_finish and not got.done:  # the same planned finish as praxis placement plan
        lines.append(f"Planned finish [b]{format_uk(got.full_time_finish)}[/b]")
    if got.pace is not None:
        weeks = "4 wk" if got.pace_weeks >= 4 else f"{got.pace_weeks:g} wk"
        pace = f"{got.pace:.1f}".removesuffix(".0")
        lines.append(f"Your pace so far {pace} days/wk ({weeks})")
    elif placement.start and placement.start > today:
        lines.append(f"Starts    {format_uk(placement.start)}")
    else:
        lines.append("Your pace so far: none in 4 weeks")
    if got.done and got.finish:
        lines.append(f"[$success]Done[/]: day {got.required} was {format_uk(got.finish)}")
    elif got.finish:
        lines.append(f"At your pace so far: [b]{format_uk(got.finish)}[/b]")
        if placement.planned_end:
            late = got.after_end or 0
            lines.append(
                f"[$warning]{late} working days after planned end[/]"
                if late
                else "[$success]by the planned end[/]"
            )
    else:
        lines.append("Not enough days logged to project")
    return lines


class PlacementChip(Static):
    """One placement's name in the row along the top; clicking it shows that placement."""

    @dataclass
    class Clicked(Message):
        """The chip for ``placement_id`` was clicked."""

        placement_id: str

    def __init__(self, placement: Placement) -> None:
        name = placement.name if len(placement.name) <= 28 else placement.name[:27] + "…"
        label = f"{name} · {placement.start:%b %Y}" if placement.start else name
        super().__init__(Content(label))
        self.placement_id = placement.id

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(self.Clicked(self.placement_id))


class PlacementsScreen(Page):
    """Every placement; the chosen one's register, totals, pace and projected finish."""

    DEFAULT_CSS = beside(__file__, "placements.tcss")
    SCOPED_CSS = False

    PAGE = "placements"

    BINDINGS = [
        Binding("n", "new_placement", "New", tooltip="Add a placement", id="placements.new"),
        Binding("e", "edit_placement", "Edit", tooltip="Edit the placement shown", id="placements.edit"),
        Binding(
            "b",
            "mark_absence",
            "Absence",
            tooltip="Mark the selected day an absence",
            id="placements.absence",
        ),
        Binding(
            "x,delete",
            "delete_day",
            "Delete",
            tooltip="Delete the selected day's record",
            id="placements.delete-day",
        ),
        Binding("L", "log_days", "Log days", tooltip="Log several days at once", id="placements.log-days"),
        Binding(
            "X",
            "delete_placement",
            "Delete placement",
            tooltip="Delete the placement shown and its days",
            show=False,
            id="placements.delete",
        ),
        Binding(
            "A",
            "archive_placement",
            "Archive",
            tooltip="Archive the placement shown (hidden, its days kept)",
            show=False,
            id="placements.archive",
        ),
        Binding("greater_than_sign", "next_placement(1)", "Next placement", show=False, id="placements.next"),
        Binding(
            "less_than_sign", "next_placement(-1)", "Previous placement", show=False, id="placements.prev"
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.chosen_id: str | None = None
        self._chips: tuple[tuple[str, str, date | None], ...] | None = None
        self._shown_for: str | None = None  # the placement the calendar was last set up for
        self._go_to: date | None = None  # where show_placement asked the cursor to go

    # -- layout ---------------------------------------------------------------------------------
    def compose_page(self) -> ComposeResult:
        yield Static(
            "No placements yet. Press n to add one: its name, dates, the days it needs and its working week.",
            id="placements-empty",
        )
        yield HorizontalScroll(id="placement-chooser")
        with Horizontal(id="placement-body"):
            with Vertical(id="calendar-box"):
                yield MonthCalendar(id="calendar")
                yield Static("", id="day-line")
            with Vertical(id="totals-box"):
                yield Static("", id="placement-facts")
                yield Static("", id="counted-line")
                yield ProgressBar(id="counted-bar", show_eta=False, show_percentage=True)
                yield Static("", id="totals")

    def on_mount(self) -> None:
        # Page's own on_mount (which fills the screen) runs after this one: Textual calls both.
        self.query_one(MonthCalendar).focus()

    # -- what is shown --------------------------------------------------------------------------
    @property
    def chosen(self) -> Placement | None:
        """The placement shown now, or None when there are none."""
        placements = self.session.active_placements()
        found = next((p for p in placements if p.id == self.chosen_id), None)
        return found or current_placement(placements, self.session.today())

    @property
    def chosen_placement(self) -> Placement | None:
        """The placement shown now (the global ``l`` key logs a day in it)."""
        return self.chosen

    @on(ShowRecords)
    def _show_records(self, message: ShowRecords) -> None:
        if message.placement_id:
            self.show_placement(message.placement_id)

    def show_placement(self, placement_id: str, day: date | None = None) -> None:
        """Show the placement with ``placement_id`` (the dashboard jumps here with it), with the
        calendar on ``day`` if given, else on today (or the placement's first or last month)."""
        self.chosen_id = placement_id
        self._shown_for = None  # start again on its default month
        self._go_to = day
        if self.is_mounted and self.praxis.is_open:
            self.refresh_page()

    def refresh_page(self) -> None:
        placements = self.session.active_placements()
        placement = self.chosen
        self.chosen_id = placement.id if placement else None
        empty = placement is None
        self.query_one("#placements-empty", Static).update(self._empty_text())
        self.query_one("#placements-empty").display = empty
        self.query_one("#placement-chooser").display = not empty
        self.query_one("#placement-body").display = not empty
        self._fill_chooser(placements)
        if placement is None:
            return
        if self.focused is None:  # the calendar was hidden (the last placement went) and is back
            self.query_one(MonthCalendar).focus()
        today = self.session.today()
        days = self.session.days(placement.id)
        calendar = self.query_one(MonthCalendar)
        cursor = None
        if self._shown_for != placement.id:
            cursor = self._go_to or self.default_day(placement, days, today)
            self._shown_for, self._go_to = placement.id, None
        calendar.show_register(
            {d.date: d.kind for d in days if d.date},
            working=working_weekdays(placement),
            today=today,
            first=placement.start,
            last=placement.planned_end,
            cursor=cursor,
            signed=self.signed_days(days),
        )
        self._show_totals(placement, days, today)
        self._show_day(calendar.cursor)

    def signed_days(self, days: list[PlacementDay]) -> dict[date, str]:
        """The days a practice educator's key signature verifies (``signed``), those signed off without
        a verifiable key (``recorded``) and those changed since or flagged (``changed``)."""
        from praxis_socialwork.rules.review import NEEDS_ATTENTION, UNCONFIRMED_KEY

        book = self.session.review_book()
        out: dict[date, str] = {}
        for d in days:
            review = book.of(d)
            if d.date is not None and (review.checks or review.downgraded):
                if review.verified:
                    out[d.date] = "signed"
                elif review.status in NEEDS_ATTENTION and review.status != UNCONFIRMED_KEY:
                    out[d.date] = "changed"
                else:
                    out[d.date] = "recorded"
        return out

    def _empty_text(self) -> str:
        archived = [p.name for p in self.session.placements() if p.archived]
        text = (
            "No placements yet. Press n to add one: its name, dates, the days it needs and its working week."
        )
        if archived:
            names = ", ".join(archived)
            text = (
                f"No placements shown: {len(archived)} archived ({names}); their days are kept. "
                "u undoes an archive just made; praxis placement unarchive NAME shows one again. "
                "Press n to add a placement."
            )
        return text

    @staticmethod
    def default_day(placement: Placement, days: list[PlacementDay], today: date) -> date:
        """Where the cursor starts: today; the start if the placement has not begun; the last day
        logged if it has ended."""
        if placement.start and today < placement.start:
            return placement.start
        if placement.planned_end and today > placement.planned_end and days and days[-1].date:
            return max(days[-1].date, placement.planned_end)
        return today

    def _fill_chooser(self, placements: list[Placement]) -> None:
        chooser = self.query_one("#placement-chooser", HorizontalScroll)
        wanted = tuple((p.id, p.name, p.start) for p in placements)
        if wanted != self._chips:
            self._chips = wanted
            chooser.remove_children()
            chooser.mount_all(PlacementChip(p) for p in placements)
        self.call_after_refresh(self._mark_chosen)

    def _mark_chosen(self) -> None:
        for chip in self.query(PlacementChip):
            chip.set_class(chip.placement_id == self.chosen_id, "-chosen")
            if chip.placement_id == self.chosen_id:
                self.query_one("#placement-chooser").scroll_to_widget(chip, animate=False)

    def _show_totals(self, placement: Placement, days: list[PlacementDay], today: date) -> None:
        got = progress(placement, days, today, country=country_of(self.session.profile()))
        facts = [
            Content.from_markup("[b]$name[/b]", name=placement.name),
            Content(
                f"{_short(placement.start)} → {_short(placement.planned_end)} · {weekdays_text(placement)}"
            ),
            Content(
                f"{hours_text(placement.hours_per_day)} h a day · {placement.kind} · {placement.setting}"
            ),
        ]
        if placement.practice_educator:
            facts.append(Content(f"PE {placement.practice_educator}"))
        if placement.supervisor:
            facts.append(Content(f"Supervisor {placement.supervisor}"))
        self.query_one("#placement-facts", Static).update(Content("\n").join(facts))
        self.query_one("#counted-line", Static).update(
            Content.from_markup(
                f"[b]Counted {got.counted} of {got.required} days[/b] · {got.days_left} to go"
            )
        )
        bar = self.query_one("#counted-bar", ProgressBar)
        bar.update(total=max(got.required, 1), progress=min(got.counted, got.required))
        verified = verified_totals(self.session.review_book(), days)
        self.query_one("#totals", Static).update(
            Content.from_markup("\n".join(totals_lines(placement, got, today, verified)))
        )

    def _show_day(self, day: date) -> None:
        placement = self.chosen
        if placement is None:
            return
        logged = logged_on(self.session, placement, day)
        text = Content.from_markup("[b]$when[/b]", when=format_uk(day))
        if logged is not None:
            detail = " · " + day_summary(logged).replace(", ", " · ")
            text += Content(detail + (f" · {logged.note}" if logged.note else ""))
            review = self.session.review_book().of(logged)
            if review.verified and review.valid is not None:
                who = review.valid.signoff
                # The date first: in 37 columns a long name is what gets cut.
                when = _day_month(who.at)
                text += Content.from_markup("\n[$success]✓ signed off $when[/] · $who", who=who.by, when=when)
            elif review.checks or review.downgraded:
                text += Content.from_markup("\n[$warning]! $status[/]", status=review.status)
        elif day > self.session.today():
            text += Content(" · to come")
        else:
            text += Content(" · not logged")
        self.query_one("#day-line", Static).update(text)

    # -- events ---------------------------------------------------------------------------------
    @on(PlacementChip.Clicked)
    def _chip_clicked(self, event: PlacementChip.Clicked) -> None:
        if event.placement_id != self.chosen_id:
            self.show_placement(event.placement_id)

    @on(MonthCalendar.Moved)
    def _moved(self, event: MonthCalendar.Moved) -> None:
        self._show_day(event.day)

    @on(MonthCalendar.Chosen)
    def _chosen(self, event: MonthCalendar.Chosen) -> None:
        self.open_date(event.day)

    @on(DaySaved)
    def _day_saved(self, message: DaySaved) -> None:
        self.day_saved(message.day)

    def day_saved(self, day: PlacementDay) -> None:
        """A day was saved from a form: show it."""
        if day.date is not None:
            self.query_one(MonthCalendar).go_to(day.date)
            self._show_day(day.date)

    # -- actions --------------------------------------------------------------------------------
    def _can_change(self) -> Placement | None:
        """The chosen placement if records may be changed now; else say why and return None."""
        if self.praxis.read_only_reason:
            self.notify(self.praxis.read_only_reason, severity="warning")
            return None
        placement = self.chosen
        if placement is None:
            self.notify("Add a placement first: n", severity="warning")
        return placement

    def _not_future(self, day: date) -> bool:
        if day > self.session.today():
            self.notify(f"{format_uk(day)} has not happened yet; log it on the day.", severity="warning")
            return False
        return True

    def open_date(self, day: date) -> None:
        """Open the day form for ``day``: the logged day to edit, or a new one."""
        placement = self._can_change()
        if placement is None or not self._not_future(day):
            return
        open_day(self.praxis, placement, day)

    def action_open_day(self) -> None:
        """Open the day under the cursor."""
        self.open_date(self.query_one(MonthCalendar).cursor)

    def action_mark_absence(self) -> None:
        """Mark the day under the cursor as an absence (the form opens with it filled in; Enter saves)."""
        placement = self._can_change()
        day = self.query_one(MonthCalendar).cursor
        if placement is None or not self._not_future(day):
            return
        open_day(self.praxis, placement, day, kind="absence")

    @work
    async def action_delete_day(self) -> None:
        """Delete what is logged on the day under the cursor, after asking."""
        placement = self._can_change()
        if placement is None:
            return
        day = self.query_one(MonthCalendar).cursor
        logged = logged_on(self.session, placement, day)
        if logged is None:
            self.notify(f"Nothing is logged on {format_uk(day)}.")
            return
        question = f"Delete the day logged on {format_uk(day)} ({day_summary(logged)})?"
        if not await self.app.push_screen_wait(Confirm(question, yes="Delete", no="Keep it")):
            return
        try:
            self.session.delete(logged)
        except PraxisError as exc:
            self.notify(str(exc), severity="error")
            return
        self.notify(f"Deleted {format_uk(day)} from {placement.name}. (u undoes)", markup=False)
        self.records_changed()

    def action_new_placement(self) -> None:
        """Add a placement."""
        if self.praxis.read_only_reason:
            self.notify(self.praxis.read_only_reason, severity="warning")
            return
        from praxis_socialwork.tui.forms.placement_form import PlacementForm

        self.app.push_screen(PlacementForm(self.session), self._placement_saved)

    def action_edit_placement(self) -> None:
        """Edit the chosen placement."""
        placement = self._can_change()
        if placement is None:
            return
        from praxis_socialwork.tui.forms.placement_form import PlacementForm

        self.app.push_screen(PlacementForm(self.session, placement), self._placement_saved)

    def _placement_saved(self, placement: Placement | None) -> None:
        if placement is None:
            return
        self.notify(f"Saved placement {placement.name}. (u undoes)", markup=False)
        self.show_placement(placement.id)

    def action_next_placement(self, step: int) -> None:
        """Show the next (1) or previous (-1) placement by start date."""
        placements = self.session.active_placements()
        if not placements:
            return
        ids = [p.id for p in placements]
        index = ids.index(self.chosen_id) if self.chosen_id in ids else 0
        self.show_placement(ids[(index + step) % len(ids)])

    def action_log_days(self) -> None:
        """Log several days of the placement shown at once (this week so far, to start with)."""
        placement = self._can_change()
        if placement is None:
            return
        from praxis_socialwork.tui.forms.log_days_form import LogDaysForm

        form = LogDaysForm(self.session, placement)

        def logged(last: PlacementDay | None) -> None:
            if last is None or form.batch is None:
                return
            said = " ".join([logged_line(form.logged, placement), *form.batch.skipped_lines()])
            self.notify(f"{said} (u undoes all of them)", markup=False, timeout=10)
            self.records_changed()
            self.day_saved(last)

        self.app.push_screen(form, logged)

    @work
    async def action_delete_placement(self) -> None:
        """Delete the placement shown and its days, after asking (twice if any day is signed off)."""
        placement = self._can_change()
        if placement is None:
            return
        days = self.session.days(placement.id)
        signed = signed_days(days, self.session.signoffs())
        question = (
            f"Delete the placement {placement.name} and the {days_word(len(days))} logged in it? (u undoes)"
        )
        if not await self.app.push_screen_wait(Confirm(question, yes="Delete", no="Keep it")):
            return
        if signed:
            warning = (
                f"{days_word(len(signed))} in it {'is' if len(signed) == 1 else 'are'} signed off by your "
                f"practice educator: {dates_text(signed)}. Their sign-offs stop counting. Delete "
                "the signed-off days too? (A archives the placement instead, keeping everything.)"
            )
            if not await self.app.push_screen_wait(
                Confirm(warning, yes="Delete signed days too", no="Keep it")
            ):
                self.notify(f"Kept {placement.name}; nothing was deleted.", markup=False)
                return
        try:
            gone = self.session.delete_placement(placement)
        except PraxisError as exc:
            self.notify(str(exc), severity="error")
            return
        self.notify(f"Deleted {placement.name} and its {days_word(len(gone))}. (u undoes)", markup=False)
        self.chosen_id = None
        self.records_changed()

    def action_archive_placement(self) -> None:
        """Archive the placement shown: hidden here and on the dashboard, its records kept (u undoes)."""
        placement = self._can_change()
        if placement is None:
            return
        try:
            self.session.update(replace(placement, archived=True))
        except PraxisError as exc:
            self.notify(str(exc), severity="error")
            return
        days = len(self.session.days(placement.id))
        self.notify(
            f"Archived {placement.name}: hidden, its {days_word(days)} kept. (u undoes)", markup=False
        )
        self.chosen_id = None
        self.records_changed()

    def action_month(self, months: int) -> None:
        """Show another month of the register."""
        self.query_one(MonthCalendar).action_month(months)

    def action_today(self) -> None:
        """Put the calendar cursor on today."""
        self.query_one(MonthCalendar).action_today()

    def palette_commands(self) -> list[tuple[str, str, str]]:
        """The placements screen's actions by name, for the command palette."""
        return [
            ("placement: new", "Add a placement (n)", "new_placement"),
            ("placement: edit", "Edit the placement shown (e)", "edit_placement"),
            ("placement: delete", "Delete the placement shown and its days (X)", "delete_placement"),
            ("placement: archive", "Archive the placement shown, keeping its days (A)", "archive_placement"),
            ("log: several days", "Log the placement's working days in a range (L)", "log_days"),
            ("placement: next", "Show the next placement (>)", "next_placement(1)"),
            ("placement: previous", "Show the previous placement (<)", "next_placement(-1)"),
            ("log: day on the selected date", "Log or edit the day under the cursor (Enter)", "open_day"),
            ("log: absence", "Mark the selected day as an absence (b)", "mark_absence"),
            ("log: delete day", "Delete what is logged on the selected day (x)", "delete_day"),
            ("calendar: next month", "Show the month after (])", "month(1)"),
            ("calendar: previous month", "Show the month before ([)", "month(-1)"),
            ("calendar: today", "Go to today (t)", "today"),
        ]
