"""Records, validation and persistence. Imports no Textual; the only package that knows the store's
files (TinyDB's format, written and read by ``store.storage``).

What other packages may use is re-exported here. Each name is imported on first use (PEP 562), so
a program that needs only the clock and dates (the app painting its first screen, a quick command)
does not pay for loading the repository.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from praxis_socialwork.store.lazy import lazy_exports

_WHERE = {
    "Activity": "praxis_socialwork.store.models",
    "Backup": "praxis_socialwork.store.backups",
    "Clock": "praxis_socialwork.store.clock",
    "Comment": "praxis_socialwork.store.models",
    "DateError": "praxis_socialwork.store.dates",
    "FixedClock": "praxis_socialwork.store.clock",
    "LONDON": "praxis_socialwork.store.clock",
    "NotFoundError": "praxis_socialwork.store.errors",
    "Placement": "praxis_socialwork.store.models",
    "Plan": "praxis_socialwork.store.models",
    "PlacementDay": "praxis_socialwork.store.models",
    "PraxisError": "praxis_socialwork.store.errors",
    "Problem": "praxis_socialwork.store.errors",
    "Profile": "praxis_socialwork.store.models",
    "RECORD_TYPES": "praxis_socialwork.store.models",
    "Record": "praxis_socialwork.store.models",
    "Reflection": "praxis_socialwork.store.models",
    "Repository": "praxis_socialwork.store.repository",
    "StoreDamagedError": "praxis_socialwork.store.errors",
    "StoreReadOnlyError": "praxis_socialwork.store.errors",
    "StoreTooNewError": "praxis_socialwork.store.errors",
    "StoreWriteError": "praxis_socialwork.store.errors",
    "SignOff": "praxis_socialwork.store.models",
    "SystemClock": "praxis_socialwork.store.clock",
    "ValidationError": "praxis_socialwork.store.errors",
    "__version__": "praxis_socialwork.store.version",
    "atomic_write": "praxis_socialwork.store.files",
    "config_dir": "praxis_socialwork.store.paths",
    "default_store_path": "praxis_socialwork.store.paths",
    "format_typed": "praxis_socialwork.store.dates",
    "format_uk": "praxis_socialwork.store.dates",
    "log_dir": "praxis_socialwork.store.paths",
    "parse_date": "praxis_socialwork.store.dates",
    "resolve_store_path": "praxis_socialwork.store.paths",
    "restore_backup": "praxis_socialwork.store.repository",
    "stamp": "praxis_socialwork.store.clock",
    "today": "praxis_socialwork.store.clock",
}

if TYPE_CHECKING:
    from praxis_socialwork.store.backups import Backup
    from praxis_socialwork.store.clock import LONDON, Clock, FixedClock, SystemClock, stamp, today
    from praxis_socialwork.store.dates import DateError, format_uk, parse_date
    from praxis_socialwork.store.errors import (
        NotFoundError,
        PraxisError,
        Problem,
        StoreDamagedError,
        StoreReadOnlyError,
        StoreTooNewError,
        StoreWriteError,
        ValidationError,
    )
    from praxis_socialwork.store.files import atomic_write
    from praxis_socialwork.store.models import (
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
    from praxis_socialwork.store.paths import config_dir, default_store_path, log_dir, resolve_store_path
    from praxis_socialwork.store.repository import Repository, restore_backup
    from praxis_socialwork.store.version import __version__


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
