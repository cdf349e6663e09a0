"""F1: every key that works here, with what it does, and where keys are remapped."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from tui.keymap import keymap_path


def _key_label(app, key: str) -> str:
    return app.get_key_display(Binding(key, ""))


def key_lines(screen: Screen) -> list[tuple[str, str, str]]:
    """(keys, what it does, where) for every binding active on ``screen``, grouped by action."""
    app = screen.app
    seen: dict[tuple[str, str], list[str]] = {}
    where: dict[tuple[str, str], str] = {}
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if not binding.description:
            continue
        ident = (binding.action, binding.description)
        seen.setdefault(ident, []).append(_key_label(app, key))
        where[ident] = "everywhere" if active.node is app else "here"
    rows = [(" / ".join(keys), desc, where[(action, desc)]) for (action, desc), keys in seen.items()]
    return sorted(rows, key=lambda r: (r[2] == "everywhere", r[1].lower()))


class HelpScreen(ModalScreen[None]):
    """A list of the keys that work on the screen underneath."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > Vertical {
        width: 80; max-width: 100%; height: 90%;
        border: thick $primary; background: $panel; padding: 0 1;
    }
    HelpScreen #help-title { text-style: bold; }
    HelpScreen #help-keys { height: 1fr; }
    HelpScreen #help-foot { color: $text-muted; height: auto; }
    """

    BINDINGS = [
        Binding("escape,f1,q,question_mark", "dismiss", "Close", id="help.close"),
    ]

    def __init__(self, under: Screen) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        rows = key_lines(self.under)
        width = max((len(k) for k, _, _ in rows), default=4)
        lines = []
        group = None
        for keys, desc, where in rows:
            if where != group:
                group = where
                lines.append(f"\n[b]{'Everywhere' if where == 'everywhere' else 'Here'}[/b]")
            lines.append(f"  [b]{keys:<{width}}[/b]  {desc}")
        with Vertical():
            yield Static("Keys  (Esc closes)", id="help-title")
            with VerticalScroll(id="help-keys"):
                yield Static("\n".join(lines).lstrip("\n"))
            yield Static(
                "Ctrl+P (or :) lists every action by name. Mouse works too: click tabs, rows and buttons.\n"
                f'Remap keys in {keymap_path()} — e.g.  "view.activities" = "f3"',
                id="help-foot",
            )

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)
