"""Exporting the calendar from the app: the same ``.ics`` file ``praxis export ics`` writes.

The dialog asks where to write, what to put in (placement, sessions, deadlines, planned and logged
days), an optional range of days, and whether notes and reflections may leave (off unless ticked).
Ctrl+S (or F2, or Enter in a field) exports, in a worker thread; Esc leaves without writing. A value
that is wrong is shown beside its field and nothing is written; so is a file that cannot be written.
Exporting only reads the store, so a read-only store can still be exported.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Checkbox, Input, Label, Static

from praxis_socialwork.store import DateError, PraxisError, format_uk, parse_date
from praxis_socialwork.tui.forms.dialog_screen import DialogScreen
from praxis_socialwork.tui.stylesheets import beside

if TYPE_CHECKING:
    from praxis_socialwork.exports.ical import IcsExport
    from praxis_socialwork.services.session import Session

FILE_NAME = "praxis.ics"
INCLUDE_LABELS = {
    "placement": "placement",
    "sessions": "sessions",
    "deadlines": "deadlines",
    "planned": "planned",
    "logged": "logged",
}
"""What can go in, by the name ``exports.ical.INCLUDES`` uses, with the label its box shows."""

DETAILS_HINT = "Notes and reflections stay out unless ticked"
OUTPUT_HINT = "exporting again to the same file updates a subscribed calendar"
DATE_HINT = "optional, day first: 1/9/2026"


def default_output(session: Session) -> Path:
    """Where the calendar goes unless the user says otherwise: ``praxis.ics`` beside the store."""
    return Path(session.repo.path).expanduser().parent / FILE_NAME


def read_back(text: str, today: date) -> str:
    """What a typed from/to date reads as (``= Mon 16 Nov 2026``), why it is not one, or how to type one."""
    if not text.strip():
        return DATE_HINT
    try:
        return f"= {format_uk(parse_date(text, today=today))}"
    except DateError as exc:
        return str(exc)


class ExportDialog(DialogScreen["IcsExport | None"]):
    """Write the store's calendar as an ``.ics`` file; dismiss with what was written (None: left)."""

    DEFAULT_CSS = beside(__file__, "export_dialog.tcss")
    SCOPED_CSS = False

    BINDINGS = [
        Binding("ctrl+s,f2", "export", "Export", id="export.save"),
        Binding("escape", "cancel", "Cancel", id="export.cancel"),
        Binding("f1", "app.help", "Keys", id="export.help"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        with Vertical(id="export"):
            yield Static("Export calendar (.ics)", id="export-title")
            with VerticalScroll(id="export-fields"):
                yield from self._fields()
            with Horizontal(id="export-buttons"):
                yield Button("Cancel (Esc)", id="cancel")
                yield Button("Export (Ctrl+S)", id="save", variant="primary")

    def _fields(self) -> ComposeResult:
        with Horizontal(classes="row", id="row-output"):
            yield Label("File", classes="row-label")
            with Vertical():
                yield Input(str(default_output(self.session)), id="output")
                yield Static(OUTPUT_HINT, classes="hint", id="hint-output")
        with Horizontal(classes="row", id="row-include"):
            yield Label("Include", classes="row-label")
            with Vertical():
                with Horizontal(id="includes"):
                    for word, label in INCLUDE_LABELS.items():
                        yield Checkbox(label, True, id=f"include-{word}", compact=True)
                yield Static("", classes="hint", id="hint-include")
        with Horizontal(classes="row", id="row-dates"):
            yield Label("From", classes="row-label")
            with Vertical(classes="date", id="row-from"):
                yield Input(placeholder="first day", id="from")
                yield Static(DATE_HINT, classes="hint", id="hint-from")
            yield Label("To", classes="row-label short")
            with Vertical(classes="date", id="row-to"):
                yield Input(placeholder="last day", id="to")
                yield Static(DATE_HINT, classes="hint", id="hint-to")
        with Horizontal(classes="row", id="row-details"):
            yield Label("Details", classes="row-label")
            with Vertical():
                yield Checkbox("notes, descriptions, reflections", False, id="details", compact=True)
                yield Static(DETAILS_HINT, classes="hint", id="hint-details")

    def on_mount(self) -> None:
        self.query_one("#output", Input).focus()

    # -- reading what was typed -----------------------------------------------------------------
    @on(Input.Changed, "#from")
    @on(Input.Changed, "#to")
    def _read_date_back(self, event: Input.Changed) -> None:
        name = event.input.id or ""
        self.query_one(f"#row-{name}").remove_class("-invalid")
        self.query_one(f"#hint-{name}", Static).update(read_back(event.value, self.session.today()))

    @on(Input.Changed, "#output")
    def _output_changed(self) -> None:
        if self.query_one("#row-output").has_class("-invalid"):
            self.query_one("#row-output").remove_class("-invalid")
            self.query_one("#hint-output", Static).update(OUTPUT_HINT)

    @on(Checkbox.Changed)
    def _ticked(self) -> None:
        self.query_one("#row-include").remove_class("-invalid")
        self.query_one("#hint-include", Static).update("")

    def included(self) -> tuple[str, ...]:
        """The kinds of item ticked, in ``INCLUDES`` order."""
        return tuple(w for w in INCLUDE_LABELS if self.query_one(f"#include-{w}", Checkbox).value)

    def _problem(self, row: str, hint: str, message: str) -> None:
        self.query_one(f"#{row}").add_class("-invalid")
        self.query_one(f"#{hint}", Static).update(message)

    def _date(self, name: str) -> date | None:
        text = self.query_one(f"#{name}", Input).value.strip()
        if not text:
            return None
        try:
            return parse_date(text, today=self.session.today())
        except DateError as exc:
            self._problem(f"row-{name}", f"hint-{name}", str(exc))
            return None

    def _output(self) -> Path | None:
        text = self.query_one("#output", Input).value.strip()
        if not text:
            self._problem(
                "row-output", "hint-output", f"give a file name, e.g. {default_output(self.session)}"
            )
            return None
        path = Path(text).expanduser()
        if path.is_dir():
            self._problem("row-output", "hint-output", f"that is a folder; e.g. {path / FILE_NAME}")
            return None
        return path

    # -- exporting ------------------------------------------------------------------------------
    def action_export(self) -> None:
        """Check every field, then write the file in the background (nothing is written if one is wrong)."""
        if self.busy:
            return
        for row in self.query(".-invalid"):
            row.remove_class("-invalid")
        path = self._output()
        include = self.included()
        if not include:
            self._problem("row-include", "hint-include", "tick at least one thing to put in the calendar")
        start, end = self._date("from"), self._date("to")
        if start is not None and end is not None and end < start:
            self._problem("row-to", "hint-to", f"before the first day ({format_uk(start)})")
        invalid = self.query(".-invalid")
        if invalid or path is None:
            first = invalid.first()
            target = first.query("Input, Checkbox").first() if first is not None else None
            if target is not None:
                target.focus()
            return
        details = self.query_one("#details", Checkbox).value
        self.working(True)
        self._write(path, include, start, end, details)

    @work(thread=True, exclusive=True, group="export-ics")
    def _write(
        self, path: Path, include: tuple[str, ...], start: date | None, end: date | None, details: bool
    ) -> None:
        from praxis_socialwork.exports.ical import export_ics

        session = self.session
        try:
            findings = session.findings() if "deadlines" in include else []
            with session.lock:  # no change lands half-way through reading the records
                result = export_ics(
                    session.repo,
                    path,
                    findings=findings,
                    include=include,
                    start=start,
                    end=end,
                    details=details,
                )
        except (PraxisError, OSError) as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        self.app.call_from_thread(self._done, result)

    def _done(self, result: IcsExport) -> None:
        # The summary names the command line's option; here it is a box to tick.
        summary = result.summary().replace("add --details", "tick Details")
        self.app.notify(summary, title="Calendar exported", markup=False, timeout=8)
        self.dismiss(result)

    def _failed(self, message: str) -> None:
        self.working(False)
        self._problem("row-output", "hint-output", f"not written: {message}")
        self.query_one("#output", Input).focus()
