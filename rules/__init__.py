"""Requirement frameworks (data files) and the gap engine. Pure: no clock, no Textual, no TinyDB.

Names are imported on first use (PEP 562): reading a cached finding does not load the engine.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from store.lazy import lazy_exports

_WHERE = {
    "Catalogue": "rules.framework_files",
    "Finding": "rules.findings",
    "Framework": "rules.framework",
    "FrameworkFileError": "rules.framework_files",
    "Records": "rules.records",
    "Requirement": "rules.framework",
    "STATUSES": "rules.findings",
    "Version": "rules.framework",
    "bundled_folder": "rules.framework_files",
    "evaluate": "rules.engine",
    "evaluate_all": "rules.engine",
    "missed_key": "rules.engine",
    "load_catalogue": "rules.framework_files",
    "load_framework": "rules.framework_files",
    "same_words": "rules.records",
}

if TYPE_CHECKING:
    from rules.engine import evaluate, evaluate_all, missed_key
    from rules.findings import STATUSES, Finding
    from rules.framework import Framework, Requirement, Version
    from rules.framework_files import (
        Catalogue,
        FrameworkFileError,
        bundled_folder,
        load_catalogue,
        load_framework,
    )
    from rules.records import Records, same_words


__getattr__ = lazy_exports(__name__, _WHERE)


__all__ = [
    "STATUSES",
    "Catalogue",
    "Finding",
    "Framework",
    "FrameworkFileError",
    "Records",
    "Requirement",
    "Version",
    "bundled_folder",
    "evaluate",
    "evaluate_all",
    "missed_key",
    "load_catalogue",
    "load_framework",
    "same_words",
]
