"""Records, validation and persistence. Imports no Textual; the only package that imports TinyDB."""

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
    Placement,
    PlacementDay,
    Profile,
    Record,
    Reflection,
)
from store.paths import config_dir, default_store_path, log_dir, resolve_store_path
from store.repository import Repository, restore_backup
from store.version import __version__

__all__ = [
    "LONDON",
    "RECORD_TYPES",
    "Activity",
    "Backup",
    "Clock",
    "DateError",
    "FixedClock",
    "NotFoundError",
    "Placement",
    "PlacementDay",
    "PraxisError",
    "Problem",
    "Profile",
    "Record",
    "Reflection",
    "Repository",
    "StoreDamagedError",
    "StoreReadOnlyError",
    "StoreTooNewError",
    "StoreWriteError",
    "SystemClock",
    "ValidationError",
    "__version__",
    "atomic_write",
    "config_dir",
    "default_store_path",
    "format_uk",
    "log_dir",
    "parse_date",
    "resolve_store_path",
    "restore_backup",
    "stamp",
    "today",
]
