"""Writing files so that a crash, a kill or a full disk never leaves half a file behind."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path

from praxis_socialwork.store.errors import StoreWriteError
from praxis_socialwork.store.platform_calls import (
    flush_folder,
    permission_bits_matter,
    process_running,
    set_mode,
)

OWNER_ONLY_FILE = 0o600
OWNER_ONLY_DIR = 0o700


def describe_os_error(exc: OSError, path: Path) -> str:
    """Return a plain sentence for an operating-system error met while writing ``path``."""
    reasons = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "your disk quota is used up",
        errno.EFBIG: "the file would be larger than this system allows",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EROFS: "the disk is read-only",
        errno.EIO: "the disk reported an input/output error",
        errno.ENOTDIR: "part of that path is a file, not a folder",
        errno.ENOENT: "that folder does not exist and cannot be made",
        errno.EISDIR: "it is a folder, not a file",
        errno.ENAMETOOLONG: "the name is too long for this system",
        errno.ELOOP: "it is a link (Praxis does not write through one), or leads round in a circle",
        errno.EEXIST: "something is already there",
    }
    reason = reasons.get(exc.errno or 0, exc.strerror or str(exc))
    return f"could not write {path}: {reason}"


def regular_target(path: Path, what: str = "file") -> Path:
    """Return the file ``path`` names, following a symbolic link once, so that it is read and written
    there (and nothing beside the link diverges from it).

    Raises ``PraxisError`` when it is (or links to) anything but an ordinary file or nothing yet: a
    folder, a device, a pipe or a socket is never read as a store nor replaced by a write.
    """
    import stat

    from praxis_socialwork.store.errors import PraxisError

    path = Path(path)
    if path.is_symlink():
        path = path.resolve()
    try:
        mode = os.stat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return path  # nothing there yet (making its folder says what is in the way)
    except OSError as exc:
        raise PraxisError(f"cannot use {path} as the {what}: {exc.strerror}") from exc
    if stat.S_ISDIR(mode):
        raise PraxisError(f"{path} is a folder, not a {what}; give a file name in it")
    if not stat.S_ISREG(mode):
        kind = "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else (
            "a pipe" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "not a file"
        )  # fmt: skip
        raise PraxisError(f"{path} is {kind}, not an ordinary file: Praxis will not use it as the {what}")
    return path


def ensure_private_dir(folder: Path) -> None:
    """Create ``folder`` (and parents) if missing; every folder Praxis creates, at each level, is
    owner-only (0700) whatever the umask. Folders already there are left as they are.

    Raises ``StoreWriteError`` saying why when the folder cannot be made.
    """
    folder = Path(folder)
    if folder.is_dir():
        return
    if folder.exists():
        raise StoreWriteError(f"could not use {folder} as a folder: it is a file")
    missing: list[Path] = []
    level = folder
    while not level.exists() and level != level.parent:
        missing.append(level)
        level = level.parent
    try:
        for made in reversed(missing):
            try:
                os.mkdir(made, OWNER_ONLY_DIR)
            except FileExistsError:
                if not made.is_dir():
                    raise
                continue  # made meanwhile by another process: theirs to set
            set_mode(made, OWNER_ONLY_DIR)  # mkdir's mode is cut by the umask; this is not
    except OSError as exc:
        raise StoreWriteError(describe_os_error(exc, folder)) from exc


def refuse_if_others_can_write(folder: Path, what: str) -> None:
    """Raise ``PraxisError`` when ``folder`` (keys, frameworks) can be changed by other users: what
    Praxis reads from it decides whose signature is trusted and which rules judge a registration.

    Where mode bits do not say who may change a folder (Windows: its access list does, and every
    folder reads as 0o777) nothing is refused.
    """
    from praxis_socialwork.store.errors import PraxisError

    if not permission_bits_matter():
        return
    try:
        mode = os.stat(folder).st_mode
    except FileNotFoundError:
        return
    if mode & 0o022:
        raise PraxisError(
            f"{folder} can be changed by other users, so Praxis will not read {what} from it. "
            f"Make it yours alone: chmod go-w {folder}"
        )


def fsync_dir(folder: Path) -> None:
    """Flush a folder's entries to disk so a rename inside it survives a power cut (where the system
    can: see ``store.platform_calls.flush_folder``)."""
    flush_folder(folder)


def write_all(fd: int, data: bytes) -> None:
    """Write every byte of ``data`` to ``fd`` (``os.write`` may write only part)."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def atomic_write(path: Path, data: bytes, mode: int = OWNER_ONLY_FILE) -> None:
    """Replace ``path`` with ``data`` all at once, or leave it exactly as it was.

    Writes a temporary file in the same folder with permission ``mode`` (where modes mean privacy:
    not on Windows), flushes it to disk, renames it over ``path`` and flushes the folder (where the
    system can). On failure the temporary file is removed and ``StoreWriteError`` says why.
    """
    _replace(path, mode, lambda fd: write_all(fd, data))


def atomic_copy(source: Path, path: Path, mode: int = OWNER_ONLY_FILE) -> None:
    """``atomic_write`` of ``source``'s bytes, copied by the system (never held in memory): ``path``
    is replaced all at once, or left exactly as it was."""
    import shutil

    def copy(fd: int) -> None:
        with open(source, "rb") as src, open(fd, "wb", closefd=False) as dst:
            shutil.copyfileobj(src, dst, 1 << 20)

    _replace(path, mode, copy)


def _replace(path: Path, mode: int, fill: Callable[[int], None]) -> None:
    """Replace ``path`` by a temporary file beside it that ``fill`` writes (given its descriptor)."""
    import tempfile

    path = regular_target(path)
    folder = path.parent
    ensure_private_dir(folder)
    _remove_stale_temporaries(path)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}-", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise StoreWriteError(describe_os_error(exc, path) + "; nothing was changed") from exc
    tmp = Path(tmp_name)
    try:
        try:
            set_mode(tmp, mode, fd)
            fill(fd)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise StoreWriteError(describe_os_error(exc, path) + "; nothing was changed") from exc
    fsync_dir(folder)


def _remove_stale_temporaries(path: Path) -> None:
    """Remove what an earlier write of ``path`` left when it was killed: its temporary files whose
    process is gone (named ``.<name>.<pid>-<random>.tmp``), or, where that cannot be told (unnamed by
    process, or on Windows), over an hour old."""
    import time

    for tmp in path.parent.glob(f".{path.name}.*.tmp"):
        middle = tmp.name[len(path.name) + 2 : -len(".tmp")]
        pid_text = middle.split("-", 1)[0] if "-" in middle else ""
        try:
            running = None
            if pid_text.isdigit():
                pid = int(pid_text)
                running = True if pid == os.getpid() else process_running(pid)
            if running or (running is None and time.time() - tmp.stat().st_mtime < 3600):
                continue
            tmp.unlink()
        except OSError:
            continue  # gone already, or not ours to remove


MB = 1_000_000
# The largest file of each kind an import reads (read whole, it costs several times its size in memory).
IMPORT_LIMITS = {"calendar": 10 * MB, "CSV file": 200 * MB, "bundle": 1_000 * MB}


def check_input(path: Path, kind: str = "") -> Path:
    """Return the ordinary file ``path`` names, if a person may ask Praxis to import it: raises
    ``PraxisError`` saying plainly that it is missing, cannot be read, or is larger than an import
    of ``kind`` (a key of ``IMPORT_LIMITS``) takes."""
    from praxis_socialwork.store.errors import PraxisError

    try:
        target = regular_target(path)
        limit = IMPORT_LIMITS.get(kind)
        if limit is not None and target.stat().st_size > limit:
            size = target.stat().st_size / MB
            raise PraxisError(
                f"{path} is {size:,.0f} MB; Praxis imports a {kind} of up to {limit // MB:,} MB. "
                "Split it, or import only the part you need; nothing was imported."
            )
        with open(target, "rb"):
            pass  # readable
        return target
    except FileNotFoundError as exc:
        raise PraxisError(f"no file at {path}") from exc
    except OSError as exc:
        raise PraxisError(f"cannot read {path}: {exc.strerror}") from exc


def read_input(path: Path, kind: str = "") -> bytes:
    """Return the bytes of a file a person asked Praxis to read (an import), checked as
    ``check_input`` checks it."""
    from praxis_socialwork.store.errors import PraxisError

    target = check_input(path, kind)
    try:
        return target.read_bytes()
    except OSError as exc:
        raise PraxisError(f"cannot read {path}: {exc.strerror}") from exc
