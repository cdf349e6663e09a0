"""Exporting a bundle from the app: every record and the profile in one ``.praxis.json`` file, the
same file ``praxis export bundle`` writes and ``praxis import`` brings back.

The dialog asks only where to write (``.praxis.json`` is added to a name without an extension),
says what goes in, and shows the confidentiality check over everything (it warns, it never stops
the export). Ctrl+S (or F2, or Enter) writes it in a worker thread; Esc leaves without writing. A
name or folder that will not do is shown beside the field and nothing is written.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static
from textual.worker import get_current_worker

from praxis_socialwork.exports.bundle import SUFFIX, bundle_path, plural_kind
from praxis_socialwork.services.file_names import export_file
from praxis_socialwork.store import PraxisError
from praxis_socialwork.tui.forms.dialog_screen import DialogScreen
from praxis_socialwork.tui.forms.report_dialog import (
    CHECKING,
    NONE_FOUND,
    privacy_line,
    reviewed_keys,
)
from praxis_socialwork.tui.stylesheets import beside

if TYPE_CHECKING:
    from praxis_socialwork.exports.bundle import BundleExport
    from praxis_socialwork.services.session import Session

OUTPUT_HINT = f"{SUFFIX} is added to a name without one; praxis import brings it back"


def default_output(session: Session) -> Path:
    """``praxis-<name>-<yyyy-mm-dd>.praxis.json`` in the ``exports`` folder beside the store."""
    profile = session.profile()
    return export_file(session.repo.path, "praxis", profile.name if profile else "", session.today(), SUFFIX)


def output_path(text: str) -> Path:
    """The file a typed name is written to (``exports.bundle.bundle_path``); also refuses an empty
    name and a folder."""
    text = text.strip()
    if not text:
        raise PraxisError(f"give a file name ending in {SUFFIX}")
    path = Path(text).expanduser()
    if path.is_dir():
        raise PraxisError(f"that is a folder; e.g. {path / ('praxis' + SUFFIX)}")
    return bundle_path(path)


def contents_line(session: Session) -> str:
    """What goes in: ``everything: 1 profile, 3 placements, 27 activities, 147 days, 6 reflections``."""
    counts = [
        ("profile", 1 if session.profile() is not None else 0),
        ("placement", len(session.placements())),
        ("activity", len(session.activities())),
        ("day", len(session.days())),
        ("reflection", len(session.reflections())),
        ("plan", len(session.plans())),
    ]
    parts = [f"{n} {plural_kind(kind, n)}" for kind, n in counts if n]
    return f"everything: {', '.join(parts) or 'no records yet'}"


class BundleDialog(DialogScreen["BundleExport | None"]):
    """Write every record and the profile to one bundle file; dismiss with what was written (None: left)."""

    DEFAULT_CSS = beside(__file__, "report_dialog.tcss")
    SCOPED_CSS = False

    BINDINGS = [
        Binding("ctrl+s,f2", "export", "Export", id="bundle.save"),
        Binding("escape", "cancel", "Cancel", id="bundle.cancel"),
        Binding("f1", "app.help", "Keys", id="bundle.help"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__(classes="file-export")
        self.session = session

    def compose(self) -> ComposeResult:
        with Vertical(id="report"):
            yield Static(f"Export bundle ({SUFFIX})", id="report-title")
            with Vertical(id="report-fields"):
                with Horizontal(classes="row", id="row-output"):
                    yield Label("File", classes="row-label")
                    with Vertical():
                        yield Input(str(default_output(self.session)), id="output")
                        yield Static(OUTPUT_HINT, classes="hint", id="hint-output")
                with Horizontal(classes="row", id="row-contents"):
                    yield Label("Contents", classes="row-label")
                    yield Static(contents_line(self.session), classes="hint", id="contents")
            yield Static(CHECKING, id="privacy")
            with Horizontal(id="report-buttons"):
                yield Button("Cancel (Esc)", id="cancel")
                yield Button("Export (Ctrl+S)", id="save", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#output", Input).focus()
        self._check_privacy()

    @work(thread=True, exclusive=True, group="bundle-privacy")
    def _check_privacy(self) -> None:
        line = privacy_line(self.session.every_record(), reviewed_keys(self.session.profile()))
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_privacy, line)

    def _show_privacy(self, line: str) -> None:
        privacy = self.query_one("#privacy", Static)
        privacy.update(line)
        privacy.set_class(line not in (NONE_FOUND, CHECKING), "-flagged")

    @on(Input.Changed, "#output")
    def _output_changed(self) -> None:
        if self.query_one("#row-output").has_class("-invalid"):
            self.query_one("#row-output").remove_class("-invalid")
            self.query_one("#hint-output", Static).update(OUTPUT_HINT)

    def _problem(self, message: str) -> None:
        self.query_one("#row-output").add_class("-invalid")
        self.query_one("#hint-output", Static).update(message)
        self.query_one("#output", Input).focus()

    def action_export(self) -> None:
        """Check the file name, then write the bundle in the background (nothing if the name is wrong)."""
        if self.busy:
            return
        try:
            path = output_path(self.query_one("#output", Input).value)
        except PraxisError as exc:
            self._problem(str(exc))
            return
        self.working(True)
        self._write(path)

    @work(thread=True, exclusive=True, group="export-bundle")
    def _write(self, path: Path) -> None:
        from praxis_socialwork.exports.bundle import export_bundle

        session = self.session
        try:
            with session.lock:  # no change lands half-way through reading the records
                result = export_bundle(session.repo, path)
        except (PraxisError, OSError) as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        self.app.call_from_thread(self._done, result)

    def _done(self, result: BundleExport) -> None:
        privacy = self.query_one("#privacy", Static)
        if privacy.has_class("-flagged"):
            line = str(privacy.render())
            self.app.notify(line, title="Check before sharing", severity="warning", markup=False, timeout=10)
        self.app.notify(result.summary(), title="Bundle exported", markup=False, timeout=8)
        self.dismiss(result)

    def _failed(self, message: str) -> None:
        self.working(False)
        self._problem(f"not written: {message}")
