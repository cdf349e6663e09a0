"""Keys a person has remapped, read from ``keys.toml`` in the config folder.

The file maps binding ids (shown by F1's list and in the README) to keys::

    [keys]
    "view.activities" = "f3"
    "undo" = "ctrl+z,u"
"""

from __future__ import annotations

from pathlib import Path

from store import config_dir


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
