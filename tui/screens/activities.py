"""The activities screen: every piece of CPD in a table that sorts, filters and searches as you type,
the highlighted one in full below (beside it on a wide terminal), and keys to add, edit, copy and
delete.

Rows, sorting and filtering live in ``services.activity_rows`` (no Textual), so 10,000 activities open
and re-filter in milliseconds; this screen keeps the widgets in step with them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from time import perf_counter

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Input, Select, Static

from praxis_socialwork.services.activity_rows import (
    ALL,
    COLUMNS,
    DESCENDING_FIRST,
    PERIODS,
    ActivityFilter,
    ActivityRow,
    RowCache,
    Search,
    TableRows,
    all_tags,
    hours_text,
    next_sort,
    period_label,
    refines,
    search_texts,
    search_words,
    sort_rows,
    summary,
    total_hours,
    without_search,
)
from praxis_socialwork.services.session import describe
from praxis_socialwork.store import Activity, PraxisError, format_uk, vocab
from praxis_socialwork.tui.forms.activity_form import ActivityForm, activity_values, date_text
from praxis_socialwork.tui.messages import ShowRecords
from praxis_socialwork.tui.screens.page import Page
from praxis_socialwork.tui.stylesheets import beside
from praxis_socialwork.tui.widgets.confirm import Confirm
from praxis_socialwork.tui.widgets.record_table import Column, RecordTable

NO_ACTIVITIES = "No activities yet. Press n to add your first."
NONE_MATCH = "No activity matches. Esc clears the search and filters."
WIDE = 140  # columns from which the detail sits beside the table
TALL = 30  # lines from which the controls get a blank line around them
SEARCH_AT_ONCE = 8_000  # rows a search looks through before drawing, when no more are left
SEARCH_STEP = 500  # rows a search looks through at a time
SEARCH_SLICE = 0.006  # seconds of looking for a search, or making search texts, between keys
_NOT_SHOWN = object()  # the detail pane before it first shows an activity


class ActivitiesScreen(Page):
    """Every activity: a table to sort, filter and search, the highlighted one in full, and forms."""

    DEFAULT_CSS = beside(__file__, "activities.tcss")
    SCOPED_CSS = False

    PAGE = "activities"
    AUTO_FOCUS = "#activities-table"

    BINDINGS = [
        Binding("n", "new_activity", "New", id="activities.new"),
        Binding("e", "edit_activity", "Edit", id="activities.edit"),
        Binding("c", "duplicate_activity", "Copy", id="activities.duplicate"),
        Binding("x,delete", "delete_activity", "Delete", id="activities.delete"),
        Binding("y", "copy_for_form", "Copy for form", show=False, id="activities.copy-form"),
        Binding("slash", "focus_search", "Search", id="activities.search"),
        Binding("f", "focus_filters", "Filters", id="activities.filters"),
        Binding("s", "cycle_sort", "Sort", id="activities.sort"),
        Binding("S", "reverse_sort", "Reverse sort", show=False, id="activities.reverse"),
        Binding("escape", "escape", "Back / clear", show=False, id="activities.escape"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.filter = ActivityFilter()
        self.sort_key = "date"
        self.descending = True
        self.only: frozenset[str] | None = None
        self.only_label = ""
        self.shown: list[ActivityRow] = []
        self._cache = RowCache()
        self._rows: list[ActivityRow] = []
        self._sorted: list[ActivityRow] | None = None
        self._menus = False  # the filter menus are mounted just after the first frame
        self._tags: list[str] | None = None
        self._all_hours: float | None = None
        self._tag_menu: list[tuple[str, str]] = []
        self._search: Search | None = None  # the search behind the rows shown
        self._searching = 0  # grows with each new search, so an older one stops looking
        self._detail_of: Activity | None | object = _NOT_SHOWN  # the activity the detail shows
        self._room_made = 0.0  # when the table last made room for rows a search found

    # -- layout -------------------------------------------------------------------------------
    def compose_page(self) -> ComposeResult:
        width, height = self.app.size
        with Vertical(id="activities-controls", classes=_tall(height)):
            with Horizontal(id="search-row"):
                yield Input(placeholder="Search (/): title, notes, peer, tags…", id="search", compact=True)
                yield Static("", id="summary")
            yield Horizontal(id="filter-row")
        only = Static("", id="only-banner")
        only.display = False
        yield only
        with Horizontal(id="activities-body", classes=_wide(width)):
            yield RecordTable(
                [Column(key, label, width, flex, align) for key, label, width, flex, align in COLUMNS],
                empty_text=NO_ACTIVITIES,
                id="activities-table",
            )
            with VerticalScroll(id="detail"):
                yield Static("", id="detail-text")

    def on_mount(self) -> None:
        # (Page.on_mount, which fills the table, runs too: Textual calls each class's handler.)
        self.table.complete_rows = self.finish_search
        self.call_after_refresh(self._prepare_search, 0)
        # Four menus are a quarter of the screen's widgets: build them once the table is on
        # screen, in the row kept for them, so the table shows without waiting for them.
        self.call_after_refresh(self._mount_menus)

    def _mount_menus(self) -> None:
        if self._menus:
            return
        self._menus = True
        today = self.session.today()
        f = self.filter
        self._tag_menu = self._tag_options()
        self.query_one("#filter-row", Horizontal).mount(
            _menu("type", [("All types", ALL), *((t, t) for t in vocab.ACTIVITY_TYPES)], f.type),
            _menu("status", [("All statuses", ALL), *((s, s) for s in vocab.ACTIVITY_STATUSES)], f.status),
            _menu("period", [(period_label(p, today), p) for p in PERIODS], f.period),
            _menu("tag", self._tag_menu, f.tag),
        )

    def on_resize(self) -> None:
        width, height = self.size
        body = self.query_one("#activities-body")
        if not body.has_class(_wide(width)):
            body.set_classes(_wide(width))
        controls = self.query_one("#activities-controls")
        if not controls.has_class(_tall(height)):
            controls.set_classes(_tall(height))

    @property
    def table(self) -> RecordTable:
        """The table of activities."""
        return self.query_one("#activities-table", RecordTable)

    # -- showing ------------------------------------------------------------------------------
    def refresh_page(self) -> None:
        """Re-read the activities (only changed ones are remade), then sort, filter and show them."""
        self._rows = self._cache.rows(self.session.activities())
        self.shown = []  # rows of changed activities are new: look the cursor's up afresh
        self._search = None
        self._sorted = None
        self._all_hours = None
        self._tags = None
        if self._menus:
            self._set_tag_options()
        self.show_rows(hold_line=True)

    def show_rows(
        self, keep: str | None = None, *, hold_line: bool = False, within: list[ActivityRow] | None = None
    ) -> None:
        """Show the rows the filter keeps, in the chosen order. The cursor stays on ``keep`` (or
        the record it was on); if that is not shown it goes to the top, or with ``hold_line`` stays
        on the same line (after a delete, the next record). ``within``: rows known to hold every
        row the filter keeps (what was shown before the search got longer), to look in instead.

        A search looks through the texts only as far as the rows on screen (and the cursor's row)
        before they are drawn; the rest is looked through just after, a part at a time, and the
        count under the search is given once it is done."""
        if self._sorted is None:
            self._sorted = sort_rows(self._rows, self.sort_key, self.descending)
        source = within if within is not None else self._sorted
        table = self.table
        was_on, was_at = table.current_id, table.cursor
        keep = keep or was_on
        kept = self._row(keep)  # looked up before the rows shown change
        rows = without_search(source, self.filter, self.session.today(), self.only)
        search = self._search = Search(rows, search_words(self.filter.text))
        self._searching += 1
        self.shown = search.found
        narrowed = self.filter.narrowed or self.only is not None
        table.empty_text = NONE_MATCH if self._rows and narrowed else NO_ACTIVITIES
        index = search.until_row(kept, SEARCH_STEP) if kept is not None else None
        if index is None and hold_line and keep is not None:
            search.finish()  # after a change: the line the cursor was on
            index = was_at
        screenful = max(table.size.height, self.app.size.height)
        search.until((index or 0) + screenful, step=SEARCH_STEP)
        if len(rows) - search.looked_at <= SEARCH_AT_ONCE:
            search.finish()  # a small store's whole search: a few milliseconds
        # The rows' cells are made as the table draws them (keep= would make them all).
        table.set_rows(TableRows(self.shown))  # type: ignore[arg-type]
        if index:
            table.cursor = index
        table.show_sort(self.sort_key, self.descending)
        self._counted(search)
        banner = self.query_one("#only-banner", Static)
        if self.only is not None:
            behind = sum(1 for r in self._rows if r.id in self.only)
            noun = "record" if behind == 1 else "records"
            banner.update(f"Showing the {behind} {noun} behind: {self.only_label} · Esc shows all")
        banner.display = self.only is not None
        self._show_detail(table.current_id)
        if not search.done:
            self.call_after_refresh(self._search_on, self._searching)

    def _search_on(self, searching: int) -> None:
        """Look through more of the rows for the search (unless a newer one has started), for a few
        milliseconds, then let keys and drawing in before the next part."""
        search = self._search
        if searching != self._searching or search is None or search.done:
            return
        self._look(search)
        self._grown(search)
        if not search.done:
            self.call_later(self._search_on, searching)

    def _prepare_search(self, start: int) -> None:
        """Make the rows' search texts, a part at a time between keys, once the table is on screen:
        the first search then only looks (70,000 long activities: half a second to make)."""
        rows = self._sorted
        if rows is None:
            return
        started = perf_counter()
        while start < len(rows):  # at least one step each time, however short the slice
            search_texts(rows[start : start + SEARCH_STEP])
            start += SEARCH_STEP
            if perf_counter() - started >= SEARCH_SLICE:
                break
        if start < len(rows):
            self.call_later(self._prepare_search, start)

    @staticmethod
    def _look(search: Search) -> None:
        """Look through rows for ``search`` for ``SEARCH_SLICE`` seconds (or until done)."""
        started = perf_counter()
        while not search.done:  # at least one step each time, however short the slice
            search.step(SEARCH_STEP)
            if perf_counter() - started >= SEARCH_SLICE:
                break

    def finish_search(self) -> None:
        """Look through the rest of the rows now (before anything that needs them all)."""
        search = self._search
        if search is not None and not search.done:
            search.finish()
            self._grown(search)

    def _grown(self, search: Search) -> None:
        # Making room for more rows lays the screen out again: do it a few times a second at most.
        now = perf_counter()
        if search.done or now - self._room_made > 0.1:
            self._room_made = now
            self.table.rows_added()
        if search.done:
            self._counted(search)

    def _counted(self, search: Search) -> None:
        """Say under the search how many rows it keeps (and their hours), once it knows."""
        if not search.done:
            total = f"{len(self._rows):,}"
            self.query_one("#summary", Static).update(f"searching {total} activities…")
            return
        everything = len(self.shown) == len(self._rows)
        if everything and self._all_hours is None:
            self._all_hours = total_hours(self._rows)
        hours = self._all_hours if everything else None
        self.query_one("#summary", Static).update(summary(self.shown, len(self._rows), hours))

    def _row(self, record_id: str | None) -> ActivityRow | None:
        """The shown row for ``record_id`` (looked up at the cursor first: nearly always there)."""
        if record_id is None:
            return None
        cursor = self.table.cursor
        if 0 <= cursor < len(self.shown) and self.shown[cursor].id == record_id:
            return self.shown[cursor]
        return self._cache.get(record_id)

    def _tag_options(self) -> list[tuple[str, str]]:
        if self._tags is None:
            self._tags = all_tags(self._rows)
        return [("All tags", ALL), *((t, t) for t in self._tags)]

    def _set_tag_options(self) -> None:
        select = self.query_one("#filter-tag", Select)
        options = self._tag_options()
        if options == self._tag_menu:
            return
        self._tag_menu = options
        chosen = self.filter.tag
        with select.prevent(Select.Changed):
            select.set_options(options)
            if chosen and chosen in self._tags:  # type: ignore[operator]
                select.value = chosen
        if chosen and chosen not in self._tags:  # type: ignore[operator]
            self.filter = replace(self.filter, tag=ALL)

    @on(RecordTable.Highlighted, "#activities-table")
    def _highlighted(self, event: RecordTable.Highlighted) -> None:
        self._show_detail(event.record_id)

    def _show_detail(self, record_id: str | None) -> None:
        row = self._row(record_id)
        activity = row.activity if row is not None else None
        if activity is self._detail_of and self._detail_of is not _NOT_SHOWN:
            return  # the same activity, unchanged: laying out its long text again costs a frame
        self._detail_of = activity
        text = self.query_one("#detail-text", Static)
        text.update(detail(activity) if activity is not None else Content("Nothing highlighted."))
        self.query_one("#detail", VerticalScroll).scroll_home(animate=False)

    # -- filtering ----------------------------------------------------------------------------
    @on(Input.Changed, "#search")
    def _searched(self, event: Input.Changed) -> None:
        self._set_filter(text=event.value)

    @on(Input.Submitted, "#search")
    def _search_done(self) -> None:
        self.set_focus(self.table)

    @on(Select.Changed)
    def _filter_chosen(self, event: Select.Changed) -> None:
        name = (event.select.id or "").removeprefix("filter-")
        if name in ("type", "status", "period", "tag"):
            self._set_filter(**{name: str(event.value)})

    def _set_filter(self, **changes: str) -> None:
        wanted = replace(self.filter, **changes)
        if wanted != self.filter:
            # Typing on at the end of the search only narrows: look in what is shown, not in all.
            narrower = refines(self.filter, wanted) and self._search is not None
            self.filter = wanted
            self.show_rows(within=self._search.candidates() if narrower else None)  # type: ignore[union-attr]

    def set_filter(self, flt: ActivityFilter) -> None:
        """Narrow the table to ``flt`` and show it in the search box and filter menus."""
        self.filter = flt
        if self.is_mounted:
            self._sync_controls()
            self.show_rows()

    def _sync_controls(self) -> None:
        f = self.filter
        search = self.query_one("#search", Input)
        if search.value != f.text:
            with search.prevent(Input.Changed):
                search.value = f.text
        if not self._menus:
            return  # they will start from the filter when they are made
        for name in ("type", "status", "period", "tag"):
            select = self.query_one(f"#filter-{name}", Select)
            value = getattr(f, name)
            if select.value != value:
                with select.prevent(Select.Changed):
                    select.value = value

    def show_only(self, ids: set[str], label: str) -> None:
        """Show just the activities whose ids are in ``ids`` (the records behind a finding), with a
        line naming ``label``; the search and filters are cleared so every one of them shows.
        Esc on the table shows everything again."""
        self.only = frozenset(ids)
        self.only_label = label
        self.set_filter(ActivityFilter())

    @on(ShowRecords)
    def _show_records(self, message: ShowRecords) -> None:
        self.show_only(set(message.ids), message.label)

    def clear_only(self) -> None:
        """Show every activity again after ``show_only``."""
        self.only = None
        self.only_label = ""
        if self.is_mounted:
            self.show_rows()

    # -- sorting ------------------------------------------------------------------------------
    def sort_by(self, key: str, descending: bool) -> None:
        """Order the table by column ``key``; the cursor stays on the same activity."""
        self.sort_key, self.descending = key, descending
        self._sorted = None
        self.show_rows()

    def action_cycle_sort(self) -> None:
        """Sort by the next column (date, title, type, hours, status, standards, then round)."""
        self.sort_by(*next_sort(self.sort_key))

    def action_reverse_sort(self) -> None:
        """Turn the order round."""
        self.sort_by(self.sort_key, not self.descending)

    @on(RecordTable.HeaderSelected, "#activities-table")
    def _header_clicked(self, event: RecordTable.HeaderSelected) -> None:
        if event.key == self.sort_key:
            self.action_reverse_sort()
        else:
            self.sort_by(event.key, event.key in DESCENDING_FIRST)

    # -- moving about -------------------------------------------------------------------------
    def action_focus_search(self) -> None:
        """Put the cursor in the search box."""
        self.set_focus(self.query_one("#search", Input))

    def action_focus_filters(self) -> None:
        """Put the cursor on the first filter menu (Tab moves along them)."""
        if self._menus:
            self.set_focus(self.query_one("#filter-type", Select))
        else:
            self._mount_menus()
            self.call_after_refresh(lambda: self.set_focus(self.query_one("#filter-type", Select)))

    def action_escape(self) -> None:
        """From the search or a filter, back to the table; on the table, undo the narrowing:
        first a ``show_only``, then the search, then the filters."""
        if self.focused is not self.table:
            self.set_focus(self.table)
        elif self.only is not None:
            self.clear_only()
        elif self.filter.text:
            self.set_filter(replace(self.filter, text=""))
        elif self.filter.narrowed:
            self.set_filter(ActivityFilter())

    # -- changing -----------------------------------------------------------------------------
    def _current(self) -> Activity | None:
        row = self._row(self.table.current_id)
        if row is None:
            self.notify("No activity is highlighted.", severity="warning")
        return row.activity if row is not None else None

    def _writable(self) -> bool:
        reason = self.praxis.read_only_reason
        if reason:
            self.notify(reason, title="Read-only", severity="warning")
        return not reason

    def action_new_activity(self) -> None:
        """Open the form for a new activity (today, the type used last)."""
        if self._writable():
            self.app.push_screen(ActivityForm(self.session), self._saved)

    def action_edit_activity(self) -> None:
        """Open the highlighted activity in the form."""
        if self._writable() and (activity := self._current()) is not None:
            self.app.push_screen(ActivityForm(self.session, activity), self._saved)

    @on(RecordTable.Selected, "#activities-table")
    def _chosen(self) -> None:
        self.action_edit_activity()

    def action_duplicate_activity(self) -> None:
        """Open a new activity copied from the highlighted one, dated today."""
        if self._writable() and (activity := self._current()) is not None:
            prefill = {**activity_values(activity), "date": date_text(self.session.today())}
            heading = f"New activity, copied from '{activity.title}'"
            self.app.push_screen(ActivityForm(self.session, prefill=prefill, heading=heading), self._saved)

    def action_copy_for_form(self) -> None:
        """Copy the highlighted piece to the clipboard in the regulator's field order, to paste."""
        from praxis_socialwork.services.cpd_copy import copy_for_form

        if (activity := self._current()) is None:
            return
        text, message = copy_for_form(activity, self.session.framework_ids())
        self.app.copy_to_clipboard(text)
        # The terminal has to pass the copy on (OSC 52); the command line prints it either way.
        hint = f"Nothing to paste? praxis show {activity.id[:8]} prints it."
        self.notify(f"{message}.\n{hint}", title="Copy for form", markup=False, timeout=8)

    @work
    async def action_delete_activity(self) -> None:
        """Delete the highlighted activity once the person confirms (u undoes it)."""
        if not self._writable() or (activity := self._current()) is None:
            return
        when = format_uk(activity.date) if activity.date else "no date"
        question = f"Delete the activity '{activity.title}' ({when})?\nu undoes it."
        if not await self.app.push_screen_wait(Confirm(question, yes="Delete", no="Keep")):
            return
        try:
            self.session.delete(activity)
        except PraxisError as exc:
            self.notify(str(exc), title="Not deleted", severity="error")
            return
        self.notify(f"Deleted {describe(activity)}. Press u to undo.", title="Deleted")
        self.records_changed()

    def _saved(self, saved: Activity | None) -> None:
        """After a form: show the saved activity, highlighted (clearing filters that hide it)."""
        if saved is None:
            return
        if self.seen_version != self.session.version:
            self.records_changed()
        self.finish_search()
        if saved.id not in {r.id for r in self.shown}:
            self.only = None
            self.set_filter(ActivityFilter())
            self.notify("The search and filters were cleared to show it.", title="Saved")
        self.show_rows(keep=saved.id)
        self.set_focus(self.table)

    # -- command palette ----------------------------------------------------------------------
    def palette_commands(self) -> list[tuple[str, str, str]]:
        """The activity actions by name, for Ctrl+P."""
        return [
            ("add: activity", "New CPD activity (n)", "new_activity"),
            ("edit: activity", "Edit the highlighted activity (e, Enter)", "edit_activity"),
            ("add: copy of activity", "A new activity copied from this one (c)", "duplicate_activity"),
            ("delete: activity", "Delete the highlighted activity (x, Delete)", "delete_activity"),
            ("find: search activities", "Search titles, notes, peers and tags (/)", "focus_search"),
            ("find: filter activities", "Filter by type, status, period or tag (f)", "focus_filters"),
            ("view: sort activities", "Sort by the next column (s)", "cycle_sort"),
            ("view: reverse activity order", "Turn the sort order round (S)", "reverse_sort"),
        ]


def _wide(width: int) -> str:
    """The layout class for a terminal ``width`` columns wide: the detail beside the table or below."""
    return "-wide" if width >= WIDE else "-narrow"


def _tall(height: int) -> str:
    """The spacing class for a terminal ``height`` lines tall: room to breathe, or every line used."""
    return "-tall" if height >= TALL else "-short"


def _menu(name: str, options: list[tuple[str, str]], value: str) -> Select[str]:
    """One compact filter menu (``#filter-NAME``) that never goes blank."""
    return Select(options, value=value, allow_blank=False, compact=True, id=f"filter-{name}")


def detail(activity: Activity) -> Content:
    """Everything an activity holds, as the detail pane shows it: headings and wrapped text."""
    a = activity
    when = format_uk(a.date) if a.date else "no date"
    if a.end_date and a.end_date != a.date:
        when += f" to {format_uk(a.end_date)}"
    hours = hours_text(a.hours)
    facts = [when, a.type, f"{hours} hours" if hours else "hours not given", a.status]
    parts: list[str | tuple[str, str]] = [(a.title or "(no title)", "bold"), "\n", " · ".join(facts), "\n"]
    for label, value in _lines(a):
        parts += [(f"{label}: ", "bold"), value, "\n"]
    for label, value in _paragraphs(a):
        parts += ["\n", (label, "bold underline"), "\n", value or ("not written yet", "italic dim"), "\n"]
    return Content.assemble(*parts)


def _lines(a: Activity) -> Iterable[tuple[str, str]]:
    if a.provider:
        yield "Provider", a.provider
    yield "Standards", ", ".join(a.standards) or "none"
    if a.tags:
        yield "Tags", ", ".join(a.tags)
    if a.evidence:
        yield "Evidence", "; ".join(a.evidence)


def _paragraphs(a: Activity) -> Iterable[tuple[str, str]]:
    yield "What and why", a.description
    yield "What you learnt", a.learning
    yield "Impact on practice", a.impact
    if a.peer or a.peer_reflection:
        who = a.peer + (f" ({a.peer_role})" if a.peer_role else "")
        yield f"Peer reflection with {who}" if who else "Peer reflection", a.peer_reflection
