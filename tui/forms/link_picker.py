"""Choosing what a reflection is about: a searchable list of activities and placement days to link.

Space or Enter links or unlinks the highlighted row (Enter in the search box does it for the first
row found), Ctrl+S keeps the choice, Esc leaves it as it was. The list stays fast with thousands of
records: it is a ``RecordTable`` and the search only compares lower-cased text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from praxis_socialwork.store import Activity, Placement, PlacementDay, Record
from praxis_socialwork.tui.stylesheets import beside
from praxis_socialwork.tui.widgets.record_table import Column, RecordTable

if TYPE_CHECKING:
    from praxis_socialwork.services.session import Session

LINKED_MARK = "✓"


def describe_link(record: Record, placements: dict[str, Placement]) -> str:
    """A line naming an activity or placement day a reflection links to."""
    if isinstance(record, PlacementDay):
        when = record.date.strftime("%a %-d %b %Y") if record.date else "no date"
        placement = placements.get(record.placement_id)
        where = placement.name if placement else "a placement"
        return f"Day {when} at {where}"
    if isinstance(record, Activity):
        when = record.date.strftime("%-d %b %Y") if record.date else "no date"
        return f"Activity {when}: {record.title}"
    return f"{record.KIND} {getattr(record, 'title', '') or record.id}"


@dataclass(frozen=True)
class _Item:
    id: str
    kind: str
    when: str
    what: str
    sort: str
    haystack: str


class LinkPicker(ModalScreen[list[str] | None]):
    """Toggle links to activities and placement days; dismiss with the chosen ids (None: no change)."""

    DEFAULT_CSS = beside(__file__, "link_picker.tcss")
    SCOPED_CSS = False

    BINDINGS = [
        Binding("ctrl+s,f2", "done", "Done", id="links.done"),
        Binding("escape", "cancel", "Cancel", id="links.cancel"),
        Binding("space", "toggle", "Link / unlink", id="links.toggle"),
        Binding("slash", "search", "Search", show=False, id="links.search"),
        Binding("down", "to_table", "To the list", show=False, id="links.to-table"),
    ]

    def __init__(self, session: Session, links: list[str]) -> None:
        super().__init__()
        self.session = session
        self.chosen: list[str] = list(links)
        self._items = self._gather()
        self._shown: list[_Item] = self._items

    def _gather(self) -> list[_Item]:
        placements = {p.id: p for p in self.session.placements()}
        items: list[_Item] = []
        for a in self.session.activities():
            when = a.date.strftime("%d %b %Y") if a.date else ""
            what = a.title + (f" ({a.type})" if a.type else "")
            sort = a.date.isoformat() if a.date else ""
            items.append(_Item(a.id, "Activity", when, what, sort, f"activity {when} {what}".lower()))
        for d in self.session.days():
            when = d.date.strftime("%d %b %Y") if d.date else ""
            placement = placements.get(d.placement_id)
            where = placement.name if placement else ""
            what = f"{where}: {d.hours:g} h {d.kind}" + (f" · {d.note}" if d.note else "")
            sort = d.date.isoformat() if d.date else ""
            items.append(_Item(d.id, "Day", when, what, sort, f"day {when} {what}".lower()))
        items.sort(key=lambda item: item.sort, reverse=True)  # newest first
        return items

    def compose(self) -> ComposeResult:
        with Vertical(id="picker"):
            yield Static("Link activities and placement days", id="picker-title")
            with Horizontal(id="picker-search"):
                yield Label("Search")
                yield Input(placeholder="title, type, placement, date…", id="links-search", compact=True)
            yield RecordTable(
                [
                    Column("linked", LINKED_MARK, 2),
                    Column("kind", "Kind", 8),
                    Column("date", "Date", 11),
                    Column("what", "What", flex=True),
                ],
                empty_text="No activity or placement day matches.",
                id="links-table",
            )
            yield Static("", id="picker-status")
            with Horizontal(id="picker-buttons"):
                yield Button("Cancel (Esc)", id="links-cancel", compact=True)
                yield Button("Done (Ctrl+S)", id="links-done", variant="primary", compact=True)

    def on_mount(self) -> None:
        self._fill()
        self.query_one("#links-search", Input).focus()

    def _fill(self, keep: str | None = None) -> None:
        chosen = set(self.chosen)
        rows = [
            (item.id, (LINKED_MARK if item.id in chosen else "", item.kind, item.when, item.what))
            for item in self._shown
        ]
        table = self.query_one("#links-table", RecordTable)
        table.set_rows(rows, keep=keep if keep is not None else table.current_id)
        count = len(self.chosen)
        self.query_one("#picker-status", Static).update(
            f"{count} linked · Space or Enter links or unlinks the highlighted row"
        )

    @on(Input.Changed, "#links-search")
    def _search(self, event: Input.Changed) -> None:
        words = event.value.lower().split()
        self._shown = (
            [item for item in self._items if all(w in item.haystack for w in words)] if words else self._items
        )
        self._fill(keep="")

    @on(Input.Submitted, "#links-search")
    def _search_enter(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_toggle()

    @on(RecordTable.Selected, "#links-table")
    def _row_chosen(self, event: RecordTable.Selected) -> None:
        event.stop()
        self.toggle(event.record_id)

    def toggle(self, record_id: str) -> None:
        """Link ``record_id`` if it is not linked, else unlink it."""
        if record_id in self.chosen:
            self.chosen.remove(record_id)
        else:
            self.chosen.append(record_id)
        self._fill(keep=record_id)

    def action_toggle(self) -> None:
        """Link or unlink the highlighted row."""
        if (record_id := self.query_one("#links-table", RecordTable).current_id) is not None:
            self.toggle(record_id)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Space types a space in the search box; it toggles only from the list.
        if action == "toggle" and isinstance(self.focused, Input):
            return False
        return True

    def action_search(self) -> None:
        """Put the cursor in the search box."""
        self.query_one("#links-search", Input).focus()

    def action_to_table(self) -> None:
        """Move from the search box to the list."""
        self.query_one("#links-table", RecordTable).focus()

    def action_done(self) -> None:
        """Keep the links chosen here."""
        self.dismiss(list(self.chosen))

    def action_cancel(self) -> None:
        """Leave the links as they were."""
        self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "links-done":
            self.action_done()
        else:
            self.action_cancel()
