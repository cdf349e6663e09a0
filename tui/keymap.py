"""Keys a person has remapped, read from ``keys.toml`` in the config folder.

The file maps binding ids (shown by F1's list and in the README) to keys::

    [keys]
    "view.activities" = "f3"
    "undo" = "ctrl+z,u"
"""

from __future__ import annotations

from pathlib import Path

from praxis_socialwork.store import config_dir


def keymap_path() -> Path:
    """Where the key map file lives."""
    return config_dir() / "keys.toml"


def load_keymap(path: Path | None = None) -> tuple[dict[str, str], list[str]]:
    """Return (binding id → keys, problems). A missing file is an empty map; a bad one is explained."""
    path = path or keymap_path()
    if not path.exists():
        return {}, []
    import tomllib  # only when there is a file to read

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        return {}, [f"{path}: could not be read ({exc})"]
    except tomllib.TOMLDecodeError as exc:
        return {}, [f"{path}: {exc}"]
    keys = data.get("keys", {})
    if not isinstance(keys, dict):
        return {}, [f'{path}: [keys] must be a table of  "binding id" = "key"']
    found: dict[str, str] = {}
    problems: list[str] = []
    for ident, value in keys.items():
        if isinstance(value, str) and value.strip():
            found[ident] = value.strip()
        else:
            problems.append(f'{path}: keys.{ident} must be a key such as "f3" or "ctrl+e"')
    return found, problems


# Where the app's bindings are declared: the app, F1, and every screen, form and widget package.
BINDING_MODULES = ("praxis_socialwork.tui.app", "praxis_socialwork.tui.help_screen")
BINDING_PACKAGES = (
    "praxis_socialwork.tui.screens",
    "praxis_socialwork.tui.forms",
    "praxis_socialwork.tui.widgets",
)


def binding_ids() -> set[str]:
    """Every binding id the app declares (the ids keys.toml may remap)."""
    import importlib
    import inspect
    import pkgutil

    from textual.binding import Binding

    modules = [importlib.import_module(name) for name in BINDING_MODULES]
    for package_name in BINDING_PACKAGES:
        package = importlib.import_module(package_name)
        for info in pkgutil.iter_modules(package.__path__, f"{package_name}."):
            modules.append(importlib.import_module(info.name))
    found: set[str] = set()
    for module in modules:
        for _, cls in inspect.getmembers(module, inspect.isclass):
            for binding in cls.__dict__.get("BINDINGS", ()):
                if isinstance(binding, Binding) and binding.id:
                    found.add(binding.id)
    return found


def unknown_ids(keymap: dict[str, str], known: set[str], path: Path | None = None) -> list[str]:
    """A sentence for each id in ``keymap`` that no binding has, with the likeliest meant one if any."""
    import difflib

    name = path or keymap_path()
    problems = []
    for ident in keymap:
        if ident in known:
            continue
        close = difflib.get_close_matches(ident, sorted(known), n=1)
        meant = f" (did you mean '{close[0]}'?)" if close else ""
        problems.append(f"{name}: no key has the id '{ident}'{meant}; ids are listed in F1")
    return problems
