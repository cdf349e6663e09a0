"""Screen stylesheets: kept in a ``.tcss`` file beside each screen, loaded when it first shows."""

from __future__ import annotations

from pathlib import Path


def beside(module_file: str, name: str) -> str:
    """The text of the stylesheet ``name`` in the folder of ``module_file``.

    A screen uses it as its ``DEFAULT_CSS`` (with ``SCOPED_CSS = False``; its selectors name the
    screen themselves), so Textual reads it when the screen first mounts. Listing every screen's
    file in the app's ``CSS_PATH`` would parse them all before the first paint, and a screen's own
    ``CSS_PATH`` makes Textual parse every stylesheet again on its first visit.
    """
    return (Path(module_file).parent / name).read_text(encoding="utf-8")
