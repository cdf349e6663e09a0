"""Saving where Linux's file calls are missing: Windows, macOS, a network share.

CI runs on Linux, so each missing call is taken away here (``os.fchmod``, ``O_NOFOLLOW``, opening or
flushing a folder, ``sys.platform``) and a real save to a real store in a temp folder must still
succeed and read back, and what keeps a store private must still hold where it can.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
import time
from collections.abc import Callable
from pathlib import Path

import filelock  # noqa: F401  (imported before sys.platform is changed: it picks its lock by platform)
import pytest

from praxis_socialwork import store
from praxis_socialwork.store import platform_calls
from praxis_socialwork.store.doctor import examine
from praxis_socialwork.store.errors import PraxisError
from praxis_socialwork.store.files import OWNER_ONLY_FILE, atomic_write
from praxis_socialwork.store.signing import load_educator, new_key
from praxis_socialwork.store.storage import journal_path_for

MakeActivity = Callable[..., store.Activity]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def save_and_read_back(store_path: Path, clock: store.FixedClock, new_activity: MakeActivity) -> list[str]:
    """Save two activities (one through the journal, one after the snapshot is rewritten), close the
    store, open it again and return the titles it holds."""
    with store.Repository.open(store_path, clock) as repo:
        repo.add(new_activity(title="Court skills: giving evidence"))
        repo.compact()  # the snapshot is rewritten: temp file, rename, folder flush
        repo.add(new_activity(title="Αλέξης's supervision notes"))
    with store.Repository.open(store_path, clock, read_only=True) as repo:
        return sorted(a.title for a in repo.activities())


SAVED = ["Court skills: giving evidence", "Αλέξης's supervision notes"]


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


class SystemCalls:
    """``os`` as Praxis's own modules see it on another system: ``missing`` names are not there and
    ``replaced`` ones behave as that system's do; everything else is this machine's ``os``."""

    def __init__(self, missing: set[str], replaced: dict[str, object]) -> None:
        self._missing = missing
        self._replaced = replaced

    def __getattr__(self, name: str) -> object:
        if name in self._missing:
            raise AttributeError(f"module 'os' has no attribute {name!r}")
        return self._replaced[name] if name in self._replaced else getattr(os, name)


def calls_as_on(monkeypatch: pytest.MonkeyPatch, missing: set[str], **replaced: object) -> None:
    """Give every loaded module of ``store`` and ``exports`` an ``os`` without ``missing``.

    Only Praxis's modules see the change: the lock library keeps this machine's calls, as it would
    keep its own (msvcrt) locks on Windows.
    """
    calls = SystemCalls(missing, replaced)
    for name, module in list(sys.modules.items()):
        if (
            name.startswith(("praxis_socialwork.store", "praxis_socialwork.exports"))
            and getattr(module, "os", None) is os
        ):
            monkeypatch.setattr(module, "os", calls)


@pytest.fixture
def like_windows(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, clock: store.FixedClock
) -> list[tuple[str, object]]:
    """This machine as Windows shows itself to Praxis; returns the calls made that Windows would
    refuse or that would harm another program there (a test expects none).

    ``sys.platform`` is "win32"; there is no ``os.fchmod``, ``O_NOFOLLOW`` or ``O_DIRECTORY``;
    opening a folder fails with "permission denied"; ``os.kill`` would end the process it names.
    """
    # Load everything a save imports first, as it would be on Windows (filelock, for one, chooses
    # its lock by sys.platform when imported).
    store.Repository.open(tmp_path / "warm-up" / "praxis.json", clock).close()
    made: list[tuple[str, object]] = []

    def open_like_windows(path, flags, mode=0o777, *, dir_fd=None):  # type: ignore[no-untyped-def]
        if os.path.isdir(path):
            made.append(("open a folder", path))
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return os.open(path, flags, mode, dir_fd=dir_fd)

    def kill(pid: int, sig: int) -> None:
        made.append(("kill", pid))

    monkeypatch.setattr(sys, "platform", "win32")
    calls_as_on(monkeypatch, {"fchmod", "O_NOFOLLOW", "O_DIRECTORY"}, open=open_like_windows, kill=kill)
    return made


def test_a_store_saves_and_reads_back_on_a_system_like_windows(
    like_windows: list[tuple[str, object]],
    store_path: Path,
    clock: store.FixedClock,
    new_activity: MakeActivity,
) -> None:
    assert save_and_read_back(store_path, clock, new_activity) == SAVED
    assert like_windows == []  # no folder opened to flush it, no process signalled
    assert leftovers(store_path.parent) == []
    assert journal_path_for(store_path).exists()


def test_without_fchmod_a_saved_file_still_gets_its_mode(
    monkeypatch: pytest.MonkeyPatch, store_path: Path, clock: store.FixedClock, new_activity: MakeActivity
) -> None:
    calls_as_on(monkeypatch, {"fchmod"})  # Windows before Python 3.13, and some stripped builds
    assert save_and_read_back(store_path, clock, new_activity) == SAVED
    assert mode(store_path) == OWNER_ONLY_FILE
    shared = store_path.parent / "shared.txt"
    atomic_write(shared, b"for the team", mode=0o640)  # set by path instead of by the open file
    assert shared.read_bytes() == b"for the team" and mode(shared) == 0o640


@pytest.mark.parametrize("code", [errno.EINVAL, errno.EOPNOTSUPP, errno.EBADF], ids=errno.errorcode.get)
def test_a_folder_the_file_system_will_not_flush_does_not_stop_a_save(
    monkeypatch: pytest.MonkeyPatch,
    store_path: Path,
    clock: store.FixedClock,
    new_activity: MakeActivity,
    code: int,
) -> None:
    real_fsync = os.fsync
    asked: list[int] = []

    def fsync(fd: int) -> None:  # a network share or FUSE mount: files flush, folders do not
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            asked.append(fd)
            raise OSError(code, os.strerror(code))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    assert save_and_read_back(store_path, clock, new_activity) == SAVED
    assert asked  # the flush was tried, and its refusal did not lose the save
    assert leftovers(store_path.parent) == []


def test_a_disk_error_flushing_a_folder_is_still_raised(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            raise OSError(errno.EIO, "Input/output error")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    with pytest.raises(OSError) as caught:
        platform_calls.flush_folder(tmp_path)
    assert caught.value.errno == errno.EIO


@pytest.mark.parametrize("nofollow", [True, False], ids=["with O_NOFOLLOW", "without O_NOFOLLOW"])
def test_a_file_praxis_writes_is_never_opened_through_a_link(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, nofollow: bool
) -> None:
    if not nofollow:
        calls_as_on(monkeypatch, {"O_NOFOLLOW"})
    someone_elses = tmp_path / "someone-elses.txt"
    someone_elses.write_text("theirs\n")
    link = tmp_path / "praxis.json.journal"
    link.symlink_to(someone_elses)
    with pytest.raises(OSError) as caught:
        platform_calls.open_exact(link, os.O_RDWR | os.O_CREAT | os.O_APPEND, OWNER_ONLY_FILE)
    assert caught.value.errno == errno.ELOOP
    assert someone_elses.read_text() == "theirs\n"


def test_without_o_nofollow_a_store_still_saves(
    monkeypatch: pytest.MonkeyPatch, store_path: Path, clock: store.FixedClock, new_activity: MakeActivity
) -> None:
    calls_as_on(monkeypatch, {"O_NOFOLLOW"})
    assert save_and_read_back(store_path, clock, new_activity) == SAVED


def test_the_journal_is_opened_in_binary_where_the_system_has_text_mode(
    monkeypatch: pytest.MonkeyPatch, store_path: Path, clock: store.FixedClock, new_activity: MakeActivity
) -> None:
    binary = 0x8000  # Windows' O_BINARY (without it, "\n" is written as "\r\n" and Ctrl+Z ends a read)
    journal_flags: list[int] = []

    def open_with_text_mode(path, flags, mode=0o777, *, dir_fd=None):  # type: ignore[no-untyped-def]
        if str(path).endswith(".journal"):
            journal_flags.append(flags)
        return os.open(path, flags & ~binary, mode, dir_fd=dir_fd)  # this system has no such flag

    calls_as_on(monkeypatch, set(), O_BINARY=binary, open=open_with_text_mode)
    assert save_and_read_back(store_path, clock, new_activity) == SAVED
    assert journal_flags and all(flags & binary for flags in journal_flags)


def test_on_windows_leftover_temporary_files_go_by_age_and_no_process_is_signalled(
    like_windows: list[tuple[str, object]], tmp_path: Path
) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    old = folder / ".report.md.999999-abc.tmp"  # left by a save killed two hours ago
    fresh = folder / ".report.md.999998-def.tmp"  # perhaps another copy saving right now
    for leftover in (old, fresh):
        leftover.write_bytes(b"half a report")
    two_hours_ago = time.time() - 7200
    os.utime(old, (two_hours_ago, two_hours_ago))
    atomic_write(folder / "report.md", b"# Portfolio\n")
    assert (folder / "report.md").read_bytes() == b"# Portfolio\n"
    assert not old.exists() and fresh.exists()
    assert like_windows == []


def test_on_windows_a_keys_folder_is_not_refused_for_mode_bits_it_does_not_have(
    like_windows: list[tuple[str, object]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "signing"
    made = new_key(folder, "Siân Ŵyn-Ŷates", "practice educator")
    os.chmod(folder, 0o777)  # how every folder reads on Windows, whoever may change it
    educator = load_educator(folder)
    assert educator is not None
    assert (educator.name, educator.public_key) == ("Siân Ŵyn-Ŷates", made.public_key)
    # On Linux or macOS the same folder is refused: others really could change it there.
    monkeypatch.setattr(sys, "platform", "linux")
    with pytest.raises(PraxisError, match="can be changed by other users"):
        load_educator(folder)


def test_on_windows_the_health_check_does_not_warn_about_mode_bits(
    store_path: Path, clock: store.FixedClock, new_activity: MakeActivity, monkeypatch: pytest.MonkeyPatch
) -> None:
    with store.Repository.open(store_path, clock) as repo:
        repo.add(new_activity())
    os.chmod(store_path, 0o666)  # how every file reads on Windows
    warned = [f.message for f in examine(store_path, clock).findings if "other users" in f.message]
    assert warned  # on this system the mode really does let others read it
    monkeypatch.setattr(sys, "platform", "win32")
    assert [f.message for f in examine(store_path, clock).findings if "other users" in f.message] == []
