"""The yardstick for start-up time: a minimal Textual app with a header, a table and a footer."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import DataTable, Footer, Header

ROWS = 20
LAST_ROW = f"row {ROWS}"


class MinimalApp(App[None]):
    """Header, a 20-row table, footer: what any Textual app pays to show its first screen."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable()
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("date", "title", "hours")
        table.add_rows((f"2026-11-{n:02d}", f"row {n}", "1.5") for n in range(1, ROWS + 1))


if __name__ == "__main__":
    MinimalApp().run()
