"""Choosing the standards a record evidences from a list with their names, not typing codes.

Typing searches codes, names and framework names as you type; ↓ moves to the list, where Space ticks
or unticks a row; Enter (in the search box or the list) keeps what is ticked, or, when nothing is, the
highlighted row (from the search box only after a search, so Enter on an untouched list adds nothing);
Esc leaves the field as it was. The frameworks the person follows come first.
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

from praxis_socialwork.store.standards import all_codes, code_name, framework_name, normalise_code
from praxis_socialwork.tui.stylesheets import beside
from praxis_socialwork.tui.widgets.record_table import Column, RecordTable

if TYPE_CHECKING:
    from praxis_socialwork.services.session import Session

CHOSEN_MARK = "✓"
PICK_KEYS = "Ctrl+T (or F5)"
"""How the forms name the key that opens the picker."""


def split_codes(text: str) -> list[str]:
    """The codes typed in a standards field (commas or semicolons between), tidied, each once."""
    return list(dict.fromkeys(normalise_code(c) for c in text.replace(";", ",").split(",") if c.strip()))


def describe_codes(text: str) -> str:
    """The typed codes with their names, one a line, the names in a column
    (``pcf:6     Critical Reflection and Analysis``);
    a code Praxis does not know says so; "" when none is typed."""
    lines = []
    for code in split_codes(text):
        name = code_name(code)
        lines.append(f"{code:<8}  {name or '(not a code Praxis knows)'}")
    return "\n".join(lines)


@dataclass(frozen=True)
class _Item:
    code: str
    name: str
    haystack: str


def _item(code: str) -> _Item:
    name = code_name(code)
    return _Item(code, name, f"{code} {name} {framework_name(code.partition(':')[0])}".lower())


class StandardsPicker(ModalScreen[list[str] | None]):
    """Tick the standards a record evidences; dismiss with the chosen codes (None: no change)."""

    DEFAULT_CSS = beside(__file__, "standards_picker.tcss")
    SCOPED_CSS = False

    BINDINGS = [
        Binding("ctrl+s,f2", "done", "Done", id="standards.done"),
        Binding("escape", "cancel", "Cancel", id="standards.cancel"),
        Binding("space", "toggle", "Tick / untick", id="standards.toggle"),
        Binding("slash", "search", "Search", show=False, id="standards.search"),
        Binding("down", "to_table", "To the list", show=False, id="standards.to-table"),
    ]

    def __init__(self, session: Session, codes: list[str]) -> None:
        super().__init__()
        self.session = session
        self.chosen: list[str] = list(codes)
        profile = session.profile()
        followed = tuple(profile.frameworks) if profile else ()
        self._items = [_item(code) for code in all_codes(followed)]
        self._shown: list[_Item] = self._items

    def compose(self) -> ComposeResult:
        with Vertical(id="standards-picker"):
            yield Static("Choose the standards this evidences", id="standards-title")
            with Horizontal(id="standards-search-row"):
                yield Label("Search")
                yield Input(
                    placeholder="a code or words, e.g. reflection, 4.3", id="standards-search", compact=True
                )
            yield RecordTable(
                [
                    Column("chosen", CHOSEN_MARK, 2),
                    Column("code", "Code", 9),
                    Column("name", "Standard", flex=True),
                ],
                empty_text="No standard matches.",
                id="standards-table",
            )
            yield Static("", id="standards-status")
            with Horizontal(id="standards-buttons"):
                yield Button("Cancel (Esc)", id="standards-cancel", compact=True)
                yield Button("Done (Enter)", id="standards-done", variant="primary", compact=True)

    def on_mount(self) -> None:
        self._fill()
        self.query_one("#standards-search", Input).focus()

    def _fill(self, keep: str | None = None) -> None:
        chosen = set(self.chosen)
        rows = [(i.code, (CHOSEN_MARK if i.code in chosen else "", i.code, i.name)) for i in self._shown]
        table = self.query_one("#standards-table", RecordTable)
        table.set_rows(rows, keep=keep if keep is not None else table.current_id)
        ticked = ", ".join(self.chosen) if self.chosen else "none yet"
        self.query_one("#standards-status", Static).update(
            f"Chosen: {ticked}\n↓ to the list · Space ticks or unticks · Enter keeps · Esc leaves as it was"
        )

    @on(Input.Changed, "#standards-search")
    def _search(self, event: Input.Changed) -> None:
        words = event.value.lower().split()
        self._shown = (
            [i for i in self._items if all(w in i.haystack for w in words)] if words else self._items
        )
        self._fill(keep="")

    @on(Input.Submitted, "#standards-search")
    def _search_enter(self, event: Input.Submitted) -> None:
        event.stop()
        # With nothing ticked, Enter after a search takes what was found; with no search, nothing.
        self.keep(take_highlighted=bool(event.value.strip()))

    @on(RecordTable.Selected, "#standards-table")
    def _row_entered(self, event: RecordTable.Selected) -> None:
        event.stop()
        self.keep(take_highlighted=True)

    def toggle(self, code: str) -> None:
        """Tick ``code`` if it is not ticked, else untick it."""
        if code in self.chosen:
            self.chosen.remove(code)
        else:
            self.chosen.append(code)
        self._fill(keep=code)

    def action_toggle(self) -> None:
        """Tick or untick the highlighted row."""
        if (code := self.query_one("#standards-table", RecordTable).current_id) is not None:
            self.toggle(code)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Space types a space in the search box; it ticks only in the list.
        if action == "toggle" and isinstance(self.focused, Input):
            return False
        return True

    def action_search(self) -> None:
        """Put the cursor in the search box."""
        self.query_one("#standards-search", Input).focus()

    def action_to_table(self) -> None:
        """Move from the search box to the list."""
        self.query_one("#standards-table", RecordTable).focus()

    def action_done(self) -> None:
        """Keep the ticked codes."""
        self.keep(take_highlighted=False)

    def keep(self, *, take_highlighted: bool) -> None:
        """Close with the ticked codes; with none ticked and ``take_highlighted``, the highlighted one."""
        current = self.query_one("#standards-table", RecordTable).current_id
        if not self.chosen and take_highlighted and current is not None:
            self.chosen.append(current)
        self.dismiss(list(self.chosen))

    def action_cancel(self) -> None:
        """Leave the field as it was."""
        self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "standards-done":
            self.action_done()
        else:
            self.action_cancel()


def pick_standards(screen: ModalScreen, session: Session, field: Input) -> None:
    """Open the picker over ``screen`` on the codes ``field`` holds; put the chosen codes back in it
    (commas between) and return the cursor to it. Esc in the picker leaves the field as it was."""

    def chosen(codes: list[str] | None) -> None:
        if codes is not None:
            field.value = ", ".join(codes)
            field.cursor_position = len(field.value)
        field.focus()

    screen.app.push_screen(StandardsPicker(session, split_codes(field.value)), chosen)
