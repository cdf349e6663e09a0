"""Names for the files Praxis writes for a person: where they go and how a name becomes part of one.
No Textual here (the review command names its copies before the app starts)."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from pathlib import Path

EXPORTS_FOLDER = "exports"

# Characters no file system takes, or that a shell or a mail client stumbles on; control characters.
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')


def exports_folder(store_path: str | Path) -> Path:
    """The ``exports`` folder beside the store: where a report or a bundle goes unless the person
    says otherwise (made when the first file is written there)."""
    return Path(store_path).expanduser().absolute().parent / EXPORTS_FOLDER


def name_part(name: str, empty: str = "portfolio") -> str:
    """A person's name as part of a file name, kept as they write it: ``Siân Example`` →
    ``Siân-Example``. Only what a file name cannot safely hold (``/ \\ : * ? " < > |``, control
    characters) is replaced, and spaces become hyphens; ``empty`` if nothing is left."""
    text = unicodedata.normalize("NFC", name)
    text = _UNSAFE.sub("-", text)
    text = re.sub(r"\s+", "-", text.strip())
    text = re.sub(r"-{2,}", "-", text).strip("-.")
    return text or empty


def export_file(store_path: str | Path, kind: str, name: str, on: date, suffix: str) -> Path:
    """The default path of an export: ``<exports beside the store>/<kind>-<name>-<yyyy-mm-dd><suffix>``,
    e.g. ``exports/portfolio-Siân-Example-2026-11-22.pdf``."""
    parts = (kind, name_part(name, ""), f"{on:%Y-%m-%d}")
    return exports_folder(store_path) / ("-".join(part for part in parts if part) + suffix)


def name_slug(name: str, empty: str = "portfolio") -> str:
    """A name as a folder name part: ``Jo Example`` → ``jo-example`` (``empty`` if nothing is left)."""
    return re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-") or empty
