"""Exporting a bundle from the app: every record and the profile in one ``.praxis.json`` file, the
same file ``praxis export bundle`` writes and ``praxis import`` brings back.

The dialog asks only where to write (``.praxis.json`` is added to a name without an extension),
says what goes in, and shows the confidentiality check over everything (it warns, it never stops
the export). Checking the name, writing in a worker thread and saying what was written are
``file_dialog``'s, as for every file dialog.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label, Static

from praxis_socialwork.exports.bundle import SUFFIX, bundle_path, plural_kind
from praxis_socialwork.services.file_names import export_file
from praxis_socialwork.store import PraxisError
from praxis_socialwork.tui.forms.dialog_screen import dialog_bindings
from praxis_socialwork.tui.forms.file_dialog import FileDialog
from praxis_socialwork.tui.stylesheets import beside

if TYPE_CHECKING:
    from praxis_socialwork.exports.bundle import BundleExport
    from praxis_socialwork.exports.portfolio import Progress
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


def write_bundle(session: Session, path: Path, options: None, progress: Progress) -> BundleExport:
    """Write every record and the profile to ``path`` as ``praxis export bundle`` does; the records are
    read under the store's lock, so no change lands half-way through."""
    from praxis_socialwork.exports.bundle import export_bundle

    with session.lock:
        return export_bundle(session.repo, path)


class BundleDialog(FileDialog["BundleExport | None"]):
    """Write every record and the profile to one bundle file; dismiss with what was written (None: left)."""

    DEFAULT_CSS = beside(__file__, "bundle_dialog.tcss")
    SCOPED_CSS = False
    BINDINGS = dialog_bindings("bundle", "run", "Export")

    HEADING = f"Export bundle ({SUFFIX})"
    HINT = OUTPUT_HINT
    FIELDS_SCROLL = False
    PRIVACY = True
    JOB = staticmethod(write_bundle)
    DONE_TITLE = "Bundle exported"

    def default_path(self) -> Path:
        return default_output(self.session)

    def path_from(self, text: str) -> Path:
        return output_path(text)

    def fields(self) -> ComposeResult:
        with Horizontal(classes="row", id="row-contents"):
            yield Label("Contents", classes="row-label")
            yield Static(contents_line(self.session), classes="hint", id="contents")
