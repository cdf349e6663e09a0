"""A table of records that stays quick with tens of thousands of rows.

Textual's ``DataTable`` measures and stores every cell as it is added: 10,000 rows take about two
seconds. This table keeps rows as plain tuples of strings and draws only the lines on screen (the
Line API), so filling or re-filtering 10,000 rows costs a few milliseconds. Sorting and filtering
are the screen's job; the table shows rows, a cursor and a header that can be clicked to sort.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip


@dataclass(frozen=True)
class Column:
    """One column: its key, heading and width (``flex`` columns share what is left)."""

    key: str
    label: str
    width: int = 10
    flex: bool = False
    align: str = "left"


Row = tuple[str, tuple[str, ...]]  # (record id, the cells as text)


class RecordTable(ScrollView, can_focus=True):
    """Rows of records with a cursor. Posts ``Highlighted``, ``Selected`` and ``HeaderSelected``."""

    COMPONENT_CLASSES = {
        "record-table--header",
        "record-table--cursor",
        "record-table--empty",
    }

    DEFAULT_CSS = """
    RecordTable {
        height: 1fr;
        background: $surface;
        scrollbar-gutter: stable;
    }
    RecordTable > .record-table--header {
        text-style: bold;
        background: $panel;
        color: $text;
    }
    RecordTable > .record-table--cursor {
        background: $secondary 40%;
    }
    RecordTable:focus > .record-table--cursor {
        background: $accent 70%;
        color: $text;
    }
    RecordTable > .record-table--empty {
        color: $text-muted;
        text-style: italic;
    }
    """

    BINDINGS = [
        Binding("up", "cursor(-1)", "Up", show=False, id="table.up"),
        Binding("down", "cursor(1)", "Down", show=False, id="table.down"),
        Binding("k", "cursor(-1)", "Up", show=False, id="table.up-k"),
        Binding("j", "cursor(1)", "Down", show=False, id="table.down-j"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="table.page-up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="table.page-down"),
        Binding("home", "to_end(-1)", "First", show=False, id="table.first"),
        Binding("end", "to_end(1)", "Last", show=False, id="table.last"),
        Binding("enter", "select", "Open", show=False, id="table.open"),
    ]

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    @dataclass
    class Highlighted(Message):
        """The cursor moved to another row (``record_id`` is None when the table is empty)."""

        table: RecordTable
        record_id: str | None

        @property
        def control(self) -> RecordTable:
            return self.table

    @dataclass
    class Selected(Message):
        """A row was chosen (Enter or a double click)."""

        table: RecordTable
        record_id: str

        @property
        def control(self) -> RecordTable:
            return self.table

    @dataclass
    class HeaderSelected(Message):
        """A column heading was clicked (to sort by it)."""

        table: RecordTable
        key: str

        @property
        def control(self) -> RecordTable:
            return self.table

    def __init__(
        self,
        columns: Sequence[Column],
        *,
        empty_text: str = "Nothing here yet.",
        name: str | None = None,
        id: str | None = None,  # noqa: A002 - Textual's own name for it
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.columns = list(columns)
        self.rows: list[Row] = []
        self.empty_text = empty_text
        self.sort_key: str | None = None
        self.sort_reverse = False
        self._cache: LRUCache[tuple[int, int, bool, bool], Strip] = LRUCache(256)
        self._widths: tuple[int, list[int]] = (-1, [])
        # Set by a screen that shows rows before it has found them all (a search through long texts):
        # called before the cursor moves or a row is chosen, to have every row there first.
        self.complete_rows: Callable[[], None] | None = None

    # -- filling ------------------------------------------------------------------------------
    def set_rows(self, rows: list[Row], *, keep: str | None = None) -> None:
        """Show ``rows`` (the list is kept, not copied); put the cursor on ``keep``'s row if there."""
        self.rows = rows
        self._cache.clear()
        self.virtual_size = Size(self.size.width, len(rows) + 1)
        index = 0
        if keep is not None:
            index = next((i for i, (rid, _) in enumerate(rows) if rid == keep), 0)
        self.cursor = index
        self.refresh()

    def rows_added(self) -> None:
        """Rows were added at the end of the list shown (``set_rows`` keeps it): make room for them."""
        self.virtual_size = Size(self.size.width, len(self.rows) + 1)

    def _complete(self) -> None:
        if self.complete_rows is not None:
            self.complete_rows()

    def show_sort(self, key: str | None, reverse: bool) -> None:
        """Mark column ``key`` in the header as the one rows are sorted by."""
        self.sort_key, self.sort_reverse = key, reverse
        self._cache.clear()
        self.refresh()

    @property
    def current_id(self) -> str | None:
        """The id of the record under the cursor, or None when the table is empty."""
        if 0 <= self.cursor < len(self.rows):
            return self.rows[self.cursor][0]
        return None

    def move_to(self, record_id: str) -> bool:
        """Put the cursor on ``record_id``'s row; False if it is not shown."""
        self._complete()
        for i, (rid, _) in enumerate(self.rows):
            if rid == record_id:
                self.cursor = i
                return True
        return False

    # -- cursor -------------------------------------------------------------------------------
    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self.rows) - 1)) if self.rows else 0

    def watch_cursor(self, old: int, new: int) -> None:
        self._cache.clear()
        self.refresh()
        self._scroll_to_cursor()
        self.post_message(self.Highlighted(self, self.current_id))

    def _scroll_to_cursor(self) -> None:
        visible = max(1, self.size.height - 1)
        top = int(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False)
        elif self.cursor >= top + visible:
            self.scroll_to(y=self.cursor - visible + 1, animate=False)

    def action_cursor(self, step: int) -> None:
        self._complete()
        self.cursor += step

    def action_page(self, direction: int) -> None:
        self._complete()
        self.cursor += direction * max(1, self.size.height - 2)

    def action_to_end(self, direction: int) -> None:
        self._complete()
        self.cursor = 0 if direction < 0 else len(self.rows) - 1

    def action_select(self) -> None:
        self._complete()
        if (rid := self.current_id) is not None:
            self.post_message(self.Selected(self, rid))

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, len(self.rows) + 1)
        self._cache.clear()

    async def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        if offset.y == 0:
            x = 0
            for column, width in zip(self.columns, self._column_widths(), strict=True):
                if x <= offset.x < x + width + 1:
                    self.post_message(self.HeaderSelected(self, column.key))
                    return
                x += width + 1
            return
        self._complete()
        index = int(self.scroll_y) + offset.y - 1
        if 0 <= index < len(self.rows):
            self.cursor = index
            if event.chain >= 2:
                self.action_select()

    def on_focus(self) -> None:
        self._cache.clear()
        self.refresh()

    def on_blur(self) -> None:
        self._cache.clear()
        self.refresh()

    # -- drawing ------------------------------------------------------------------------------
    def _column_widths(self) -> list[int]:
        width = self.scrollable_content_region.width
        if self._widths[0] == width:
            return self._widths[1]
        fixed = sum(c.width for c in self.columns if not c.flex) + len(self.columns) - 1
        flexes = [c for c in self.columns if c.flex]
        spare = max(0, width - fixed)
        share = max(8, spare // len(flexes)) if flexes else 0
        widths = [share if c.flex else c.width for c in self.columns]
        self._widths = (width, widths)
        return widths

    def _line_text(self, cells: Sequence[str]) -> str:
        parts = []
        for column, width, text in zip(self.columns, self._column_widths(), cells, strict=False):
            text = text.replace("\n", " ")
            if cell_len(text) > width:
                text = set_cell_size(text, max(0, width - 1)) + "…" if width > 1 else ""
            elif column.align == "right":
                text = " " * (width - cell_len(text)) + text
            parts.append(set_cell_size(text, width))
        return " ".join(parts)

    def _header_text(self) -> str:
        labels = []
        for column in self.columns:
            mark = ""
            if column.key == self.sort_key:
                mark = " ▼" if self.sort_reverse else " ▲"
            labels.append(column.label + mark)
        return self._line_text(labels)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y == 0:
            style = self.get_component_rich_style("record-table--header")
            return Strip([Segment(set_cell_size(self._header_text(), width), style)], width)
        index = int(self.scroll_y) + y - 1
        base = self.rich_style
        if not self.rows:
            if y == 1:
                style = base + self.get_component_rich_style("record-table--empty")
                return Strip([Segment(set_cell_size(" " + self.empty_text, width), style)], width)
            return Strip.blank(width, base)
        if index >= len(self.rows):
            return Strip.blank(width, base)
        is_cursor = index == self.cursor
        key = (index, width, is_cursor, self.has_focus)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        style: Style = base
        if is_cursor:
            style = base + self.get_component_rich_style("record-table--cursor")
        strip = Strip([Segment(set_cell_size(self._line_text(self.rows[index][1]), width), style)], width)
        self._cache[key] = strip
        return strip
