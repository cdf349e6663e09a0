"""Requirement frameworks (data files) and the gap engine. Pure: no clock, no Textual, no TinyDB."""

from rules.engine import evaluate, evaluate_all
from rules.findings import STATUSES, Finding
from rules.framework import Framework, Requirement, Version
from rules.framework_files import (
    Catalogue,
    FrameworkFileError,
    bundled_folder,
    load_catalogue,
    load_framework,
)
from rules.records import Records

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
    "load_catalogue",
    "load_framework",
]
