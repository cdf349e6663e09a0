"""Exporting a portfolio report from the app: the same file ``praxis export report`` writes.

The dialog asks where to write (the extension picks PDF, HTML or Markdown, read back under the
field), which of the profile's frameworks to judge, an optional range of days, and the name on the
cover. Before anything is written it shows the confidentiality check for the records going in: it
warns, it never stops the export. The report is gathered and written in a worker thread, with a
progress bar. Checking the fields, the worker and saying what was written are ``file_dialog``'s, as
for every file dialog.
"""

from __future__ import annotations

from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Checkbox, Input, Label, Static

from praxis_socialwork.services.file_names import export_file
from praxis_socialwork.store import PraxisError, Record
from praxis_socialwork.tui.forms.date_range import date_range_row
from praxis_socialwork.tui.forms.dialog_screen import dialog_bindings
from praxis_socialwork.tui.forms.file_dialog import STARTING, FileDialog
from praxis_socialwork.tui.stylesheets import beside

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from praxis_socialwork.exports.portfolio import Progress, ReportOptions
    from praxis_socialwork.exports.report import ReportResult
    from praxis_socialwork.services.session import Session

FORMAT_READ_BACK = {"PDF": "PDF", "HTML": "HTML (prints cleanly)", "Markdown": "Markdown"}
"""What the line under the file says for each format ``exports.report`` writes."""


def default_output(session: Session) -> Path:
    """``portfolio-<name>-<yyyy-mm-dd>.pdf`` in the ``exports`` folder beside the store."""
    profile = session.profile()
    return export_file(
        session.repo.path, "portfolio", profile.name if profile else "", session.today(), ".pdf"
    )


def format_read_back(text: str) -> str:
    """What a typed file name is written as ("PDF", "HTML (prints cleanly)", "Markdown"), or why not."""
    from praxis_socialwork.exports.report import report_format

    if not text.strip():
        return "give a file name ending in .pdf, .html or .md"
    try:
        return FORMAT_READ_BACK[report_format(Path(text.strip()))]
    except PraxisError as exc:
        return str(exc)


def short_name(name: str) -> str:
    """A framework's name without its subtitle (``Social Work England: CPD for registration`` →
    ``Social Work England``)."""
    return name.split(":", 1)[0].strip() or name


def write_portfolio(session: Session, path: Path, options: ReportOptions, progress: Progress) -> ReportResult:
    """Gather the portfolio and write it to ``path`` as ``praxis export report`` does, telling
    ``progress`` as it goes; the records are gathered under the store's lock, so no change lands
    half-way through."""
    from praxis_socialwork.exports.portfolio import build_portfolio
    from praxis_socialwork.exports.report import write_report

    with session.lock:
        portfolio = build_portfolio(
            session.profile(), session.records(), session.catalogue, session.today(), options
        )
    progress(0, max(portfolio.size(), 1), STARTING)
    return write_report(portfolio, path, progress)


class ReportDialog(FileDialog["ReportResult | None"]):
    """Write a portfolio report (PDF, HTML or Markdown); dismiss with what was written (None: left)."""

    DEFAULT_CSS = beside(__file__, "report_dialog.tcss")
    SCOPED_CSS = False
    BINDINGS = dialog_bindings("report", "run", "Export")

    HEADING = "Export portfolio report (.pdf, .html, .md)"
    PRIVACY = True
    PROGRESS = "Writing the report"
    JOB = staticmethod(write_portfolio)
    DONE_TITLE = "Report exported"

    def default_path(self) -> Path:
        return default_output(self.session)

    def file_hint(self, text: str) -> str:
        return format_read_back(text)

    def fields(self) -> ComposeResult:
        catalogue = self.session.catalogue.frameworks
        with Horizontal(classes="row", id="row-frameworks"):
            yield Label("Frameworks", classes="row-label")
            with Vertical():
                with Vertical(id="frameworks"):
                    for fid in self.session.framework_ids():
                        name = short_name(catalogue[fid].name) if fid in catalogue else fid
                        yield Checkbox(name, True, id=f"framework-{fid}", name=fid, compact=True)
                yield Static("", classes="hint", id="hint-frameworks")
        yield from date_range_row(self.session.today())
        profile = self.session.profile()
        with Horizontal(classes="row", id="row-person"):
            yield Label("Cover name", classes="row-label")
            yield Input(profile.name if profile else "", placeholder="the name on the cover", id="person")

    def on_mount(self) -> None:
        self.query_one("#hint-frameworks").display = False

    # -- the confidentiality check ----------------------------------------------------------------
    def records_going_in(self, start: date | None, end: date | None) -> list[Record]:
        """The CPD pieces, placement days and reflections a report from ``start`` to ``end`` shows
        (what ``praxis export report`` checks too)."""
        from praxis_socialwork.exports.portfolio import in_range

        s = self.session
        with s.lock:
            chosen: list[Record] = [a for a in s.activities() if in_range(a.date, start, end)]
            chosen += [d for d in s.days() if in_range(d.date, start, end)]
            chosen += [r for r in s.reflections() if in_range(r.date, start, end)]
        return chosen

    def going_out(self) -> Callable[[], Sequence[Record]]:
        # The records the typed range lets in (a day that cannot be read leaves the range open).
        start, end = self.typed_day("from", quiet=True), self.typed_day("to", quiet=True)
        return partial(self.records_going_in, start, end)

    def range_changed(self) -> None:
        self.check_privacy()

    # -- reading what was typed -----------------------------------------------------------------
    @on(Checkbox.Changed)
    def _ticked(self) -> None:
        self.query_one("#row-frameworks").remove_class("-invalid")
        self.query_one("#hint-frameworks").display = False

    def chosen_frameworks(self) -> tuple[str, ...]:
        """The framework ids ticked, in the profile's order."""
        boxes = self.query("#frameworks Checkbox").results(Checkbox)
        return tuple(box.name or "" for box in boxes if box.value)

    def path_from(self, text: str) -> Path:
        from praxis_socialwork.exports.report import report_format

        path = super().path_from(text)
        report_format(path)  # a name it cannot tell the format of is refused, naming the ones there are
        return path

    def read_fields(self) -> tuple[Path, ReportOptions] | None:
        from praxis_socialwork.exports.portfolio import ReportOptions

        path = self.typed_path()
        ticked = self.chosen_frameworks()
        every = self.session.framework_ids()
        if every and not ticked:
            self.problem("frameworks", "tick at least one framework to judge")
        start, end = self.typed_range()
        # All ticked is the profile's own frameworks: the report then notes no narrowing.
        frameworks = () if set(ticked) == set(every) else ticked
        person = self.query_one("#person", Input).value.strip()
        return None if path is None else (path, ReportOptions(frameworks, start, end, person))
