"""Requirement frameworks (data files) and the gap engine. Pure: no clock, no Textual, no TinyDB.

Names are imported on first use (PEP 562): reading a cached finding does not load the engine.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from praxis_socialwork.store.lazy import lazy_exports

_WHERE = {
    "Catalogue": "praxis_socialwork.rules.framework_files",
    "Finding": "praxis_socialwork.rules.findings",
    "Framework": "praxis_socialwork.rules.framework",
    "FrameworkFileError": "praxis_socialwork.rules.framework_files",
    "Records": "praxis_socialwork.rules.records",
    "Requirement": "praxis_socialwork.rules.framework",
    "STATUSES": "praxis_socialwork.rules.findings",
    "Version": "praxis_socialwork.rules.framework",
    "bundled_folder": "praxis_socialwork.rules.framework_files",
    "evaluate": "praxis_socialwork.rules.engine",
    "evaluate_all": "praxis_socialwork.rules.engine",
    "missed_key": "praxis_socialwork.rules.engine",
    "load_catalogue": "praxis_socialwork.rules.framework_files",
    "load_framework": "praxis_socialwork.rules.framework_files",
    "same_words": "praxis_socialwork.rules.records",
}

if TYPE_CHECKING:
    from praxis_socialwork.rules.engine import evaluate, evaluate_all, missed_key
    from praxis_socialwork.rules.findings import STATUSES, Finding
    from praxis_socialwork.rules.framework import Framework, Requirement, Version
    from praxis_socialwork.rules.framework_files import (
        Catalogue,
        FrameworkFileError,
        bundled_folder,
        load_catalogue,
        load_framework,
    )
    from praxis_socialwork.rules.records import Records, same_words


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
