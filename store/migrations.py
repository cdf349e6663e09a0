"""Schema versions and the ordered steps that bring an older store up to date."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from praxis_socialwork.store.errors import StoreTooNewError

Tables = dict[str, dict[str, Any]]

SCHEMA_VERSION = 2
META_TABLE = "_meta"
META_DOC_ID = "1"


@dataclass(frozen=True)
class Migration:
    """One step: turns a store of version ``to_version - 1`` into ``to_version``."""

    to_version: int
    description: str
    apply: Callable[[Tables], Tables]


def _record_version(tables: Tables) -> Tables:
    # Stores made before versions existed (a bare TinyDB file) only need the version recorded.
    return tables


def _review_tables(tables: Tables) -> Tables:
    # Sign-offs and comments live in tables of their own, made on first use. The version goes up
    # so that an older Praxis refuses the store rather than ignore its educator's sign-offs.
    return tables


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "record the schema version in the store", _record_version),
    Migration(2, "sign-offs and comments from practice educators", _review_tables),
)


def stored_version(tables: Tables) -> int:
    """Return the schema version a store says it has; 0 for a store that never said."""
    meta = tables.get(META_TABLE, {}).get(META_DOC_ID, {})
    version = meta.get("schema_version", 0)
    return version if isinstance(version, int) else 0


def with_version(tables: Tables, version: int, app_version: str) -> Tables:
    """Return ``tables`` with the meta document saying ``version``."""
    meta = dict(tables.get(META_TABLE, {}).get(META_DOC_ID, {}))
    meta.update(schema_version=version, written_by=f"praxis {app_version}")
    out = dict(tables)
    out[META_TABLE] = {META_DOC_ID: meta}
    return out


def steps_needed(version: int, target: int, migrations: Sequence[Migration], where: str) -> list[Migration]:
    """Return the migrations from ``version`` up to ``target`` in order.

    Raises ``StoreTooNewError`` when the store is newer than ``target``.
    """
    if version > target:
        raise StoreTooNewError(
            f"The store {where} was written by a newer Praxis (schema {version}; this one reads up "
            f"to {target}). Upgrade Praxis to open it. The store has not been changed."
        )
    steps = sorted((m for m in migrations if version < m.to_version <= target), key=lambda m: m.to_version)
    missing = set(range(version + 1, target + 1)) - {m.to_version for m in steps}
    if missing:
        raise RuntimeError(f"no migration to schema {min(missing)}")
    return steps
