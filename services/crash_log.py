"""What a person sees when Praxis meets an error it did not expect: a sentence, and the details kept in
``errors.log`` for a bug report. The command line and the app both use it; no Textual here."""

from __future__ import annotations

import os
import sys
import traceback

from praxis_socialwork.store import __version__, log_dir
from praxis_socialwork.store.files import OWNER_ONLY_FILE, ensure_private_dir


def log_crash(error: BaseException | None = None) -> str:
    """Append the traceback of ``error`` (default: the one being handled) to ``errors.log``.

    Returns the log's path, or a sentence saying it could not be written; never raises.
    """
    try:
        folder = log_dir()
        ensure_private_dir(folder)
        path = folder / "errors.log"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, OWNER_ONLY_FILE)
        with os.fdopen(fd, "a", encoding="utf-8") as log:
            log.write(f"--- praxis {__version__} {' '.join(sys.argv[1:])}\n")
            if error is None:
                log.write(traceback.format_exc())
            else:
                log.write("".join(traceback.format_exception(error)))
        return str(path)
    except OSError:
        return "(the error log could not be written)"


def crash_message(error: BaseException, where: str) -> str:
    """The sentence shown for an unexpected error: what happened, that saved work is safe, where the
    details are."""
    return (
        f"praxis: something went wrong that Praxis did not expect ({type(error).__name__}: {error}).\n"
        f"Every change confirmed before this is saved. Details for a bug report: {where}"
    )
