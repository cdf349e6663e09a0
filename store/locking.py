"""Who may write a store, and when: lock files beside it, released by the OS if the holder dies.

Two locks. The *write* lock (``praxis.json.lock``) is held by whoever is saving: a command holds it
for its whole run (well under a second), the app only for each save, so a command run while the app
is open waits a moment for the app's save instead of failing. The *app* lock
(``praxis.json.open.lock``) is held by an app for as long as it is open, so a second copy of the app
opens read-only and says so.
"""

from __future__ import annotations

from pathlib import Path

from praxis_socialwork.store.files import OWNER_ONLY_FILE, ensure_private_dir

WRITE_WAIT = 5.0  # seconds a writer waits for another copy's save before giving up


class StoreLock:
    """One of the store's lock files (``kind`` "" for the write lock, "open" for the app's)."""

    def __init__(self, store_path: Path, kind: str = "") -> None:
        from filelock import FileLock  # only a writer needs it

        suffix = f".{kind}.lock" if kind else ".lock"
        self.path = store_path.with_name(store_path.name + suffix)
        self._lock = FileLock(self.path, timeout=0, mode=OWNER_ONLY_FILE, thread_local=False)

    def try_acquire(self, wait: float = 0.0) -> bool:
        """Take the lock and return True, waiting up to ``wait`` seconds for another holder to let go;
        return False if it is still held then."""
        from filelock import Timeout

        ensure_private_dir(self.path.parent)
        try:
            self._lock.acquire(timeout=wait, poll_interval=0.02)
        except Timeout:
            return False
        return True

    @property
    def held(self) -> bool:
        """Whether this process holds the lock now."""
        return self._lock.is_locked

    def release(self) -> None:
        """Give the lock back (safe to call when not held)."""
        if self._lock.is_locked:
            self._lock.release(force=True)


def in_use(store_path: Path) -> bool:
    """Whether another process is saving to the store or has it open in the app right now."""
    for kind in ("", "open"):
        lock = StoreLock(store_path, kind)
        if not lock.try_acquire():
            return True
        lock.release()
    return False
