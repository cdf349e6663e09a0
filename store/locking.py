"""One writer per store: a lock file beside it, released by the OS if the holder dies."""

from __future__ import annotations

from pathlib import Path

from store.files import OWNER_ONLY_FILE, ensure_private_dir


class StoreLock:
    """The lock that lets one Praxis process write a store at a time."""

    def __init__(self, store_path: Path) -> None:
        from filelock import FileLock  # only a writer needs it

        self.path = store_path.with_name(store_path.name + ".lock")
        self._lock = FileLock(self.path, timeout=0, mode=OWNER_ONLY_FILE, thread_local=False)

    def try_acquire(self) -> bool:
        """Take the lock if it is free and return True; return False at once if another holds it."""
        from filelock import Timeout

        ensure_private_dir(self.path.parent)
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            return False
        return True

    def release(self) -> None:
        """Give the lock back (safe to call when not held)."""
        if self._lock.is_locked:
            self._lock.release(force=True)
