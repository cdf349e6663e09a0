"""Running the full-screen app from the command line: refused without a terminal, and an unexpected
error ends it with a sentence (details in ``errors.log``), never a traceback. No Textual here."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from praxis_socialwork.store import PraxisError

if TYPE_CHECKING:
    from praxis_socialwork.tui.app import PraxisApp

NO_TERMINAL = (
    "the app needs a terminal, and this has none (its input or output is redirected). "
    "Run a command instead, such as 'praxis gaps' or 'praxis list activities'; 'praxis --help' lists them."
)


def require_terminal() -> None:
    """Raise ``PraxisError`` unless standard input and output are both a terminal (the app would hang)."""
    for stream in (sys.stdin, sys.stdout):
        try:
            if stream is None or not stream.isatty():
                raise PraxisError(NO_TERMINAL)
        except ValueError as exc:  # a closed stream
            raise PraxisError(NO_TERMINAL) from exc


def run_full_screen(app: PraxisApp, *, headless: bool = False) -> int:
    """Run ``app`` until it ends; return its exit status (70 after an unexpected error, which is logged
    and told in a sentence on stderr once the terminal is restored)."""
    from praxis_socialwork.services.crash_log import crash_message

    app.run(headless=headless)
    if app.crash is not None:
        print(crash_message(app.crash, app.crash_log or ""), file=sys.stderr)
        return 70
    return app.return_code or 0
