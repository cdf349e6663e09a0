"""The file calls that Linux, macOS and Windows do differently, each with what Praxis does where the
operating system lacks one. Every platform check of the store is here, one guard a function.

- Permission bits. On Linux and macOS a file's mode says who may read and change it. On Windows
  ``st_mode`` only mirrors the read-only flag (every file reads as 0o666, every folder as 0o777) and
  who may read a file is decided by its folder's access list; the user's own folders (``%APPDATA%``,
  where Praxis keeps everything) are private already. There Praxis neither sets modes nor refuses a
  folder for its mode bits, which would refuse every folder.
- Flushing a folder. Linux and macOS make a rename survive a power cut by fsync on the opened folder.
  Windows cannot open a folder with ``os.open`` (NTFS journals the rename itself), and some file
  systems (network shares, some FUSE mounts) refuse fsync on a folder: there it is skipped.
- ``os.fchmod`` is missing on Windows before Python 3.13: the mode is set by the file's path instead.
- ``O_NOFOLLOW`` (refuse to open through a link) is missing on Windows: the link is looked for first.
- ``O_BINARY``: without it Windows opens in text mode, writing "\\n" as "\\r\\n" and stopping a read at
  Ctrl+Z; a journal needs its bytes exactly as written.
- Whether a process still runs: ``os.kill(pid, 0)`` asks that on POSIX, but on Windows it sends a
  Ctrl+C or ends the process. There Praxis does not ask, and says it cannot tell.

Each check is made when called (not when imported), so the tests can take a call away and see that
saving still works.
"""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path

# What fsync or opening a folder answers where the system or file system does not do it: Praxis then
# goes without the flush (the rename is made; only its surviving a power cut is the file system's).
_FOLDER_FLUSH_UNSUPPORTED = frozenset(
    code
    for code in (
        errno.EACCES,  # Windows, or a folder its owner may write but not read
        errno.EPERM,
        errno.EISDIR,
        errno.EINVAL,  # some network and FUSE file systems
        errno.EBADF,  # systems that fsync only what is open for writing
        getattr(errno, "ENOTSUP", None),
        getattr(errno, "EOPNOTSUPP", None),
    )
    if code is not None
)


def on_windows() -> bool:
    """Whether this is Windows (not Cygwin or MSYS, which act as POSIX)."""
    return sys.platform == "win32"


def permission_bits_matter() -> bool:
    """Whether a file's mode bits say who may read and change it (Linux, macOS, the BSDs), so that
    setting them or refusing a folder for them means something. False on Windows (its access lists
    decide; see the module docstring)."""
    return not on_windows()


def set_mode(path: Path, mode: int, fd: int | None = None) -> None:
    """Give ``path`` (open as ``fd``, if given) the permission ``mode``, where modes mean privacy.

    Uses ``os.fchmod`` on the open file where there is one, else ``os.chmod`` on the path. Does
    nothing on Windows, where a mode only sets the read-only flag and a read-only file could never be
    replaced by the next save.
    """
    if not permission_bits_matter():
        return
    fchmod = getattr(os, "fchmod", None)
    if fd is not None and fchmod is not None:
        fchmod(fd, mode)
    else:
        os.chmod(path, mode)


def flush_folder(folder: Path) -> None:
    """Flush ``folder``'s entries to disk so that a file made or renamed in it survives a power cut.

    Skipped on Windows, which cannot open a folder this way, and on a file system that does not flush
    folders; an input/output error is raised.
    """
    if on_windows():
        return
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError as exc:
        if exc.errno in _FOLDER_FLUSH_UNSUPPORTED:
            return
        raise
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in _FOLDER_FLUSH_UNSUPPORTED:
            raise
    finally:
        os.close(fd)


def open_exact(path: Path, flags: int, mode: int) -> int:
    """``os.open`` for a file Praxis writes itself: its bytes exactly as written (binary on Windows),
    and never through a symbolic link.

    Where the system has no ``O_NOFOLLOW`` the path is looked at first; a link found raises
    ``OSError`` with ``errno.ELOOP``, as ``O_NOFOLLOW`` does on Linux.
    """
    no_follow = getattr(os, "O_NOFOLLOW", 0)
    if not no_follow and Path(path).is_symlink():
        raise OSError(errno.ELOOP, "it is a link; Praxis does not write through links", str(path))
    return os.open(path, flags | no_follow | getattr(os, "O_BINARY", 0), mode)


def process_running(pid: int) -> bool | None:
    """Whether the process ``pid`` is running: True, False, or None where that cannot be asked
    without harming it (Windows)."""
    if on_windows():
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # running, as another user
    except OSError:
        return None
    return True
