"""Writing long text in the editor a person already uses ($VISUAL or $EDITOR).

The text goes into an owner-only file inside a private temporary folder (a reflection can hold
things nobody else on the machine should read), the editor runs with the app suspended so it has
the whole terminal, and the file is read back and removed whatever happens. Every way this can go
wrong ends in ``EditorError`` with a sentence a person can act on; the text they had is never lost.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from praxis_socialwork.store import PraxisError

if TYPE_CHECKING:
    from textual.app import App

OWNER_ONLY_FILE = 0o600


class EditorError(PraxisError):
    """The external editor could not be used; the message says why and what to do."""


def editor_command(env: Mapping[str, str] | None = None) -> list[str]:
    """Return the editor command to run ($VISUAL first, then $EDITOR), split as a shell would.

    Raises ``EditorError`` when neither is set (or one cannot be split into words).
    """
    env = os.environ if env is None else env
    for name in ("VISUAL", "EDITOR"):
        value = env.get(name, "").strip()
        if value:
            try:
                words = shlex.split(value)
            except ValueError as exc:
                raise EditorError(f"${name} ({value!r}) cannot be read as a command: {exc}") from exc
            if words:
                return words
    raise EditorError(
        "No editor is set. Set $EDITOR to the editor you use (e.g. export EDITOR=nano) "
        "and start Praxis again."
    )


def edit_text(text: str, *, name: str = "text", env: Mapping[str, str] | None = None) -> str:
    """Open ``text`` in the external editor, wait for it to close, and return what it saved.

    ``name`` becomes part of the file's name (editors show it). The file is owner-only, in a
    private folder that is removed afterwards. An editor that adds a final newline the text did
    not have gets it taken off again. Raises ``EditorError`` if no editor is set, it cannot be
    started, it exits with an error, or the file cannot be read back.
    """
    command = editor_command(env)
    safe = re.sub(r"[^A-Za-z0-9_-]+", "-", name).strip("-") or "text"
    folder = Path(tempfile.mkdtemp(prefix="praxis-edit-"))  # mkdtemp makes it owner-only (0700)
    path = folder / f"{safe}.txt"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, OWNER_ONLY_FILE)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        try:
            done = subprocess.run(
                [*command, str(path)], env=dict(env) if env is not None else None, check=False
            )
        except FileNotFoundError as exc:
            raise EditorError(
                f"The editor '{command[0]}' was not found. Check $VISUAL / $EDITOR; your text is unchanged."
            ) from exc
        except OSError as exc:
            raise EditorError(
                f"The editor '{command[0]}' could not be started ({exc.strerror or exc}); "
                "your text is unchanged."
            ) from exc
        if done.returncode != 0:
            raise EditorError(
                f"The editor '{command[0]}' stopped with an error (exit status {done.returncode}); "
                "your text is unchanged."
            )
        try:
            edited = path.read_text(encoding="utf-8")
        except FileNotFoundError as exc:
            raise EditorError(
                "The editor removed the file instead of saving it; your text is unchanged."
            ) from exc
        except (OSError, UnicodeDecodeError) as exc:
            raise EditorError(
                f"What the editor saved could not be read ({exc}); your text is unchanged."
            ) from exc
    finally:
        shutil.rmtree(folder, ignore_errors=True)  # the file, and any swap or backup file the editor left
    if edited.endswith("\n") and not text.endswith("\n"):
        edited = edited[:-1]
    return edited


def edit_in_app(app: App, text: str, *, name: str = "text") -> str | None:
    """Suspend ``app``, let the person edit ``text`` in their editor, and return the result.

    Returns None (after telling the person why, in a notification) when the editor cannot be used
    or the app cannot hand the terminal over; the caller then keeps the text it had.
    """
    from textual.app import SuspendNotSupported

    try:
        editor_command()
    except EditorError as exc:
        app.notify(str(exc), title="Editor", severity="error", timeout=8)
        return None
    try:
        with app.suspend():
            return edit_text(text, name=name)
    except SuspendNotSupported:
        app.notify(
            "This terminal cannot hand the screen to another program; write the text here instead.",
            title="Editor",
            severity="error",
            timeout=8,
        )
    except EditorError as exc:
        app.notify(str(exc), title="Editor", severity="error", timeout=8)
    return None
