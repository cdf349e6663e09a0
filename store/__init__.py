"""Records, validation and persistence. Imports no Textual; the only package that imports TinyDB.

What other packages may use is re-exported here. Each name is imported on first use (PEP 562), so
a program that needs only the clock and dates (the app painting its first screen, a quick command)
does not pay for loading TinyDB and the repository.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from store.lazy import lazy_exports

_WHERE = {
    "Activity": "store.models",
    "Backup": "store.backups",
    "Clock": "store.clock",
    "Comment": "store.models",
    "DateError": "store.dates",
    "FixedClock": "store.clock",
    "LONDON": "store.clock",
    "NotFoundError": "store.errors",
    "Placement": "store.models",
    "Plan": "store.models",
    "PlacementDay": "store.models",
    "PraxisError": "store.errors",
    "Problem": "store.errors",
    "Profile": "store.models",
    "RECORD_TYPES": "store.models",
    "Record": "store.models",
    "Reflection": "store.models",
    "Repository": "store.repository",
    "StoreDamagedError": "store.errors",
    "StoreReadOnlyError": "store.errors",
    "StoreTooNewError": "store.errors",
    "StoreWriteError": "store.errors",
    "SignOff": "store.models",
    "SystemClock": "store.clock",
    "ValidationError": "store.errors",
    "__version__": "store.version",
    "atomic_write": "store.files",
    "config_dir": "store.paths",
    "default_store_path": "store.paths",
    "format_typed": "store.dates",
    "format_uk": "store.dates",
    "log_dir": "store.paths",
    "parse_date": "store.dates",
    "resolve_store_path": "store.paths",
    "restore_backup": "store.repository",
    "stamp": "store.clock",
    "today": "store.clock",
}

if TYPE_CHECKING:
    from store.backups import Backup
    from store.clock import LONDON, Clock, FixedClock, SystemClock, stamp, today
    from store.dates import DateError, format_uk, parse_date
    from store.errors import (
        NotFoundError,
        PraxisError,
        Problem,
        StoreDamagedError,
        StoreReadOnlyError,
        StoreTooNewError,
        StoreWriteError,
        ValidationError,
    )
    from store.files import atomic_write
    from store.models import (
        RECORD_TYPES,
        Activity,
        Comment,
        Placement,
        PlacementDay,
        Plan,
        Profile,
        Record,
        Reflection,
        SignOff,
    )
    from store.paths import config_dir, default_store_path, log_dir, resolve_store_path
    from store.repository import Repository, restore_backup
    from store.version import __version__


__getattr__ = lazy_exports(__name__, _WHERE)


__all__ = [
    "LONDON",
    "RECORD_TYPES",
    "Activity",
    "Backup",
    "Clock",
    "Comment",
    "DateError",
    "FixedClock",
    "NotFoundError",
    "Placement",
    "PlacementDay",
    "Plan",
    "PraxisError",
    "Problem",
    "Profile",
    "Record",
    "Reflection",
    "Repository",
    "StoreDamagedError",
    "StoreReadOnlyError",
    "StoreTooNewError",
    "SignOff",
    "StoreWriteError",
    "SystemClock",
    "ValidationError",
    "__version__",
    "atomic_write",
    "config_dir",
    "default_store_path",
    "format_typed",
    "format_uk",
    "log_dir",
    "parse_date",
    "resolve_store_path",
    "restore_backup",
    "stamp",
    "today",
]
