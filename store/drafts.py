"""Drafts: what a person is typing into a form, kept on disk so a crash or a kill loses none of it.

A draft lives in ``drafts/`` beside the store, one owner-only JSON file per form, written atomically.
It is removed when the form is saved or deliberately discarded.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from praxis_socialwork.store.files import atomic_write


class Drafts:
    """The drafts kept for one store."""

    def __init__(self, store_path: Path) -> None:
        self.folder = store_path.parent / "drafts"
        self._prefix = store_path.stem

    def _file(self, key: str) -> Path:
        safe = re.sub(r"[^A-Za-z0-9_.-]+", "-", key)
        return self.folder / f"{self._prefix}-{safe}.json"

    def save(self, key: str, values: dict[str, Any]) -> None:
        """Keep ``values`` as the draft for ``key``, replacing any earlier one all at once."""
        atomic_write(self._file(key), json.dumps(values, ensure_ascii=False, indent=1).encode())

    def load(self, key: str) -> dict[str, Any] | None:
        """Return the draft kept for ``key``, or None if there is none (or it cannot be read)."""
        try:
            data = json.loads(self._file(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) else None

    def discard(self, key: str) -> None:
        """Forget the draft for ``key`` (after it was saved as a record, or thrown away on purpose)."""
        self._file(key).unlink(missing_ok=True)

    def keys(self) -> list[str]:
        """Return the keys of every draft kept for this store."""
        if not self.folder.is_dir():
            return []
        start = f"{self._prefix}-"
        return sorted(p.stem[len(start) :] for p in self.folder.glob(f"{start}*.json"))
