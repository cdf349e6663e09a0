"""Where Praxis keeps things: the platform's user folders, unless told otherwise."""

from __future__ import annotations

import os
from pathlib import Path

APP = "praxis"
STORE_FILE = "praxis.json"
ENV_STORE = "PRAXIS_STORE"


def default_store_path() -> Path:
    """Return the store used when none is named: ``$PRAXIS_STORE`` or the user data folder."""
    if env := os.environ.get(ENV_STORE):
        return resolve_store_path(env)
    import platformdirs

    return platformdirs.user_data_path(APP, appauthor=False) / STORE_FILE


def resolve_store_path(value: str | os.PathLike[str] | None) -> Path:
    """Turn a ``--store`` value into the store file's path (a folder means the file inside it)."""
    if value is None or str(value) == "":
        return default_store_path()
    path = Path(value).expanduser()
    if path.is_dir() or str(value).endswith(os.sep):
        path = path / STORE_FILE
    return path.absolute()


def config_dir() -> Path:
    """Return the folder for settings, key maps and user frameworks."""
    import platformdirs

    return platformdirs.user_config_path(APP, appauthor=False)


def log_dir() -> Path:
    """Return the folder for error logs."""
    import platformdirs

    return platformdirs.user_log_path(APP, appauthor=False)


def cache_dir() -> Path:
    """Return the folder for things worked out once and kept (safe to delete)."""
    import platformdirs

    return platformdirs.user_cache_path(APP, appauthor=False)
