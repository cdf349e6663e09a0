"""F1: every key that works here, with what it does, and where keys are remapped."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from praxis_socialwork.tui.keymap import keymap_path


def _key_label(app, key: str) -> str:
    return app.get_key_display(Binding(key, ""))


GROUPS = ("Here", "Everywhere", "Moving around")


def key_lines(screen: Screen) -> list[tuple[str, str, str, str]]:
    """(group, keys, what it does, binding id) for every key active on ``screen``.

    Praxis's own keys have an id (to remap them in keys.toml) and come under "Here" or
    "Everywhere"; Textual's own (scrolling, moving focus) come last, under "Moving around".
    """
    app = screen.app
    keys: dict[tuple[str, str], list[str]] = {}
    info: dict[tuple[str, str], tuple[str, str]] = {}
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if not binding.description:
            continue
        ident = (binding.action, binding.description)
        label = _key_label(app, key)
        if label not in keys.setdefault(ident, []):
            keys[ident].append(label)
        if binding.id is None:
            group = "Moving around"
        else:
            group = "Everywhere" if active.node is app else "Here"
        info[ident] = (group, binding.id or "")
    rows = [(info[i][0], " / ".join(k), i[1], info[i][1]) for i, k in keys.items()]
    return sorted(rows, key=lambda r: (GROUPS.index(r[0]), r[2].lower()))


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
        width = max((len(k) for _, k, _, _ in rows), default=4)
        desc = max((len(d) for _, _, d, _ in rows), default=10)
        lines: list[Content] = []
        group = None
        for where, keys, what, ident in rows:
            if where != group:
                if group is not None:
                    lines.append(Content(""))
                group = where
                lines.append(Content.from_markup("[b]$where[/b]", where=where))
            # Keys and descriptions go in as variables, never as markup: a key such as "[" (Month
            # before) would otherwise swallow the closing tag and show a literal "[/b]".
            lines.append(
                Content.from_markup(
                    "  [b]$keys[/b]  $what  [$text-muted]$ident[/]",
                    keys=f"{keys:<{width}}",
                    what=f"{what:<{desc}}",
                    ident=ident,
                ).rstrip()
            )
        with Vertical():
            yield Static("Keys  (Esc closes; the grey names are for remapping)", id="help-title")
            with VerticalScroll(id="help-keys"):
                yield Static(Content("\n").join(lines))
            yield Static(
                "Ctrl+P (or :) lists every action by name. Mouse works too: click tabs, rows and buttons.\n"
                f'Remap keys in {keymap_path()} — e.g.  "view.activities" = "f3"',
                id="help-foot",
            )

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)
