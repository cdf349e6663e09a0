"""What every command shares: the clock, the open store, lists typed as ``a,b`` or repeated, and
how output reaches standard output (``-o -``, JSON, consoles that cannot show every character)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from praxis_socialwork.store import LONDON, Clock, FixedClock, PraxisError, SystemClock, resolve_store_path
from praxis_socialwork.store.clock import uk_day

if TYPE_CHECKING:
    from praxis_socialwork.store import Repository

ENV_CLOCK = "PRAXIS_CLOCK"
STDOUT = "-"  # ``-o -``: write the export to standard output
STDOUT_NAME = "standard output"  # how messages name it


def make_clock() -> Clock:
    """Return the real clock, or a fixed one when ``$PRAXIS_CLOCK`` names an instant (demos, tests).

    A time without a zone is UK time. Whatever zone the machine is set to, "today" is the date in
    the UK (``store.today``): Praxis is for work done in the UK."""
    fixed = os.environ.get(ENV_CLOCK)
    if not fixed:
        return SystemClock()
    try:
        at = datetime.fromisoformat(fixed)
    except ValueError as exc:
        raise PraxisError(f"{ENV_CLOCK}={fixed!r} is not an ISO date and time") from exc
    return FixedClock(at if at.tzinfo else at.replace(tzinfo=LONDON))


def uk_date(stamp: str) -> str:
    """The UK date (``2026-06-01``) of a stored UTC timestamp (``store.clock.uk_day``)."""
    return uk_day(stamp).isoformat()


def open_repo(args: argparse.Namespace, *, write: bool, create: bool | None = None) -> Repository:
    """Open the store named by ``--store`` / ``$PRAXIS_STORE`` / the default location.

    Only a command that ``create``s (by default, every writer: ``init``, ``add``…) makes a store that
    is not there; any other refuses with "no store at PATH" and how to start, rather than reading
    an empty store and saying there is nothing in it. A writer waits a few seconds for another
    copy's save (the app saves in a moment) before it is refused; a reader takes no lock, so it
    reads while the app is open.
    """
    from praxis_socialwork.store import Repository
    from praxis_socialwork.store.locking import WRITE_WAIT

    path = resolve_store_path(getattr(args, "store", None))
    if not (write if create is None else create):
        require_store(args, path)
    return Repository.open(path, make_clock(), read_only=not write, wait=WRITE_WAIT if write else 0.0)


def store_exists(path: Path) -> bool:
    """Whether there is a store at ``path``: its file, or a journal of saves not yet folded into it."""
    from praxis_socialwork.store.storage import journal_path_for

    return path.exists() or journal_path_for(path).exists()


def require_store(args: argparse.Namespace, path: Path) -> None:
    """Raise ``PraxisError`` saying there is no store at ``path`` and how to start one, unless there is."""
    if not store_exists(path):
        raise PraxisError(no_store_message(args, path))


def no_store_message(args: argparse.Namespace, path: Path) -> str:
    """What a person is told when the store is not there, by where its path came from."""
    from praxis_socialwork.store.paths import ENV_STORE

    if getattr(args, "store", None):
        return f"no store at {path}: run praxis init, or check --store"
    if os.environ.get(ENV_STORE):
        return f"no store at {path}: run praxis init, or check ${ENV_STORE}"
    return (
        f"no store yet at {path}: to start, run praxis (the app sets you up) "
        "or praxis init --name NAME --role ROLE"
    )


def framework_ids(values: Iterable[str]) -> list[str]:
    """Return framework ids given as repeated flags and/or comma lists, lower-cased, blanks dropped."""
    return [f.strip().lower() for item in values for f in item.split(",") if f.strip()]


# -- standard output ----------------------------------------------------------------------------


def is_stdout(path: Path | str | None) -> bool:
    """Whether an ``-o`` value asks for standard output (``-o -``)."""
    return path is not None and str(path) == STDOUT


def write_stdout(data: bytes, *, binary: str = "") -> None:
    """Write an export's bytes to standard output exactly as the file would hold them.

    A pipe or a redirected file gets the bytes untouched (UTF-8 for the text formats). A terminal
    gets text formats as text (control characters shown, not obeyed); ``binary`` (a PDF) names
    what is refused there, as ``gzip`` refuses: it would fill the screen with noise.
    """
    stream = sys.stdout
    tty = stream.isatty()
    if binary:
        refuse_terminal(binary)
    raw = getattr(stream, "buffer", None)
    if raw is None or (tty and not binary):
        if raw is None and binary:
            raise PraxisError(f"cannot write a {binary} to this output; give a file name with -o")
        stream.write(data.decode("utf-8"))
        stream.flush()
        return
    stream.flush()  # whatever text went before stays before
    raw.write(data)
    raw.flush()


def refuse_terminal(binary: str) -> None:
    """Raise ``PraxisError`` if standard output is a terminal, which a ``binary`` file (a PDF) would
    fill with noise (as ``gzip`` refuses to)."""
    if sys.stdout.isatty():
        raise PraxisError(
            f"a {binary} is not for a terminal: redirect it to a file (> file) or pipe it to a program"
        )


def dump_json(doc: Any) -> str:
    """``doc`` as indented JSON for ``--json``: characters as they are, unless standard output
    cannot show them all (a Windows console in cp1252), when they are written as ``\\u`` escapes so
    the JSON stays exact."""
    import json

    if shows_unicode(sys.stdout):
        import orjson

        try:  # the same text json.dumps(indent=2, ensure_ascii=False) writes, several times faster
            return orjson.dumps(doc, option=orjson.OPT_INDENT_2).decode()
        except TypeError:
            pass  # what orjson does not write (a whole number past 64 bits): json writes it
    return json.dumps(doc, indent=2, ensure_ascii=not shows_unicode(sys.stdout))


def shows_unicode(stream: Any) -> bool:
    """Whether ``stream``'s encoding can write any character (UTF-8 can; cp1252 cannot)."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        "\U0001f600\u2013\u0101".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def tolerate_narrow_consoles() -> None:
    """Let standard output and error on a console that cannot show every character (Windows' cp1252)
    write ``?`` (stderr: ``\\U0001f600``) for what it cannot show, rather than stop with an error.
    A stream already told how to handle such characters is left as it is."""
    for stream, errors in ((sys.stdout, "replace"), (sys.stderr, "backslashreplace")):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None or getattr(stream, "errors", "strict") != "strict" or shows_unicode(stream):
            continue
        try:
            reconfigure(errors=errors)
        except (ValueError, OSError):  # a stream that cannot change now: leave it
            continue
