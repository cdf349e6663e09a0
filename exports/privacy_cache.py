"""What the confidentiality check found in each text, kept beside the store between exports.

Scanning every free text with nine patterns was most of an export's time (issue 16), and most texts
have not changed since the last export. The file ``<store>.privacy-scan`` holds, for each text the
check read, where it is (record id, field, the record's sequence and time of its last change), its
length and CRC-32, and what the patterns found there: kinds and character positions, never the
text. A text whose record, field, sequence, time, length and CRC-32 all match is not read again;
anything else is scanned afresh. The file is owner-only like the store; a damaged, unreadable or
older-format one is ignored and written anew, so it can always be deleted.
"""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import Any

import orjson

from praxis_socialwork.store import PraxisError, Record
from praxis_socialwork.store.files import atomic_write
from praxis_socialwork.store.version import __version__

# Bump when the patterns or how hits are resolved change: every text is then scanned again.
FORMAT = f"privacy-scan 1, praxis {__version__}"

Hits = tuple[tuple[str, int, int], ...]


def cache_path_for(store_path: Path) -> Path:
    """The scan file that belongs to the store at ``store_path``."""
    return store_path.with_name(store_path.name + ".privacy-scan")


class ScanCache:
    """The hits found earlier, by place and text; ``save`` writes back what this run saw."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._old: dict[str, list[Any]] = self._load() if path is not None else {}
        self._now: dict[str, list[Any]] = {}

    def _load(self) -> dict[str, list[Any]]:
        assert self.path is not None
        try:
            doc = orjson.loads(self.path.read_bytes())
        except (OSError, ValueError):
            return {}
        if not isinstance(doc, dict) or doc.get("format") != FORMAT or not isinstance(doc.get("texts"), dict):
            return {}
        return doc["texts"]

    def hits(self, record: Record, field: str, text: str, scan: Any) -> Hits:
        """What ``scan(text)`` finds in ``record``'s ``field``: from the file when that text was read
        before, else scanned now."""
        if self.path is None:
            return scan(text)
        place = f"{record.id}\x1f{field}\x1f{record.sequence}\x1f{record.updated}"
        size, crc = len(text), zlib.crc32(text.encode("utf-8", "surrogatepass"))
        kept = self._old.get(place)
        if kept is not None and len(kept) >= 2 and kept[0] == size and kept[1] == crc:
            if len(kept) == 2:  # most texts: read before, nothing found
                self._now[place] = kept
                return ()
            if _well_formed(kept[2:]):
                self._now[place] = kept
                return tuple((k, s, e) for k, s, e in kept[2:])
        found: Hits = scan(text)
        self._now[place] = [size, crc, *(list(hit) for hit in found)]
        return found

    def save(self) -> None:
        """Write what this run saw (only records still there), if it differs from the file; a write
        that fails is let go (the next export scans again)."""
        if self.path is None or self._now == self._old:
            return
        try:
            atomic_write(self.path, orjson.dumps({"format": FORMAT, "texts": self._now}))
        except (OSError, PraxisError):
            pass


def _well_formed(hits: list[Any]) -> bool:
    return all(
        isinstance(h, list) and len(h) == 3 and isinstance(h[0], str) and isinstance(h[1], int)
        and isinstance(h[2], int) for h in hits
    )  # fmt: skip
