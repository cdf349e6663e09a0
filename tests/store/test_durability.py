"""A user's records survive a kill, a full disk, a damaged file and a second copy of the app.

These tests use real files and real processes: a child Python is killed with SIGKILL while it
writes, runs out of file space under a resource limit, or competes for the store's lock.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import random
import re
import shutil
import signal
import stat
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from praxis_socialwork import store
from praxis_socialwork.store.locking import StoreLock
from praxis_socialwork.store.storage import journal_path_for

MakeActivity = Callable[..., store.Activity]

ROOT = Path(__file__).resolve().parents[2]
CHILD_TIMEOUT = 30

# Every child opens the store with the same stopped clock as the tests (see tests/conftest.py).
CHILD_PRELUDE = """
import sys
from datetime import date, datetime

from praxis_socialwork import store

clock = store.FixedClock(datetime(2026, 11, 22, 12, 0, tzinfo=store.LONDON))
"""


def run_child(tmp_path: Path, name: str, body: str, *args: object) -> subprocess.Popen[bytes]:
    """Start ``python <script> args...`` where the script is the prelude plus ``body``."""
    script = tmp_path / f"{name}.py"
    script.write_text(CHILD_PRELUDE + textwrap.dedent(body))
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONDONTWRITEBYTECODE="1")
    return subprocess.Popen(
        [sys.executable, str(script), *map(str, args)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def kill_and_read(child: subprocess.Popen[bytes]) -> tuple[bytes, bytes]:
    """SIGKILL ``child`` and return the rest of its stdout and all of its stderr.

    Both are read through the same buffered file objects as any earlier ``readline()``:
    ``communicate()`` reads the raw pipes and would skip lines ``readline()`` had already buffered.
    """
    assert child.stdout is not None and child.stderr is not None
    child.send_signal(signal.SIGKILL)
    with child.stdout, child.stderr:
        rest = child.stdout.read()  # to the end of the pipe, which the kill closed
        err = child.stderr.read()
    child.wait(timeout=CHILD_TIMEOUT)
    return rest, err


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def files_in(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with a digest of its bytes."""
    return {str(p.relative_to(folder)): sha256(p) for p in folder.rglob("*") if p.is_file()}


def stored_ids(path: Path, clock: store.Clock, *, read_only: bool = False) -> set[str]:
    """Open the store as the app would and return the ids of its activities."""
    with store.Repository.open(path, clock, read_only=read_only) as repo:
        return {a.id for a in repo.activities()}


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def fill_store(path: Path, clock: store.Clock, make: MakeActivity, count: int) -> set[str]:
    """Create a store holding ``count`` activities and a backup; return their ids."""
    with store.Repository.open(path, clock) as repo:
        ids = {repo.add(make(title=f"Reading {n}")).id for n in range(count)}
        repo.backup_now()
    return ids


# -- kill -9 ------------------------------------------------------------------------------------
KILLED_WRITER = """
import praxis_socialwork.store.storage
from praxis_socialwork import store

# Fold the journal into the snapshot often, so some kills land in the middle of it.
store.storage.COMPACT_AT_LEAST = 2000
path, round_no = sys.argv[1], int(sys.argv[2])
repo = store.Repository.open(path, clock)
if repo.read_only:
    sys.exit("opened read-only: " + str(repo.read_only_reason))
n = 0
while True:
    added = repo.add(
        store.Activity(
            date=date(2026, 11, 1),
            title=f"Round {round_no} note {n}",
            type="reading",
            hours=0.5,
            description="Notes on the Care Act 2014 duties. " * 20,
        )
    )
    print(added.id, flush=True)  # only once add has returned
    n += 1
    if n % 10 == 0:
        repo.compact()
"""


def test_every_write_that_returned_survives_kill_9(
    tmp_path: Path, store_path: Path, clock: store.FixedClock
) -> None:
    rng = random.Random(20261122)
    confirmed: list[str] = []
    rounds = 15
    for round_no in range(rounds):
        child = run_child(tmp_path, "writer", KILLED_WRITER, store_path, round_no)
        assert child.stdout is not None
        watchdog = threading.Timer(CHILD_TIMEOUT, child.kill)  # a hung child fails, not hangs
        watchdog.start()
        first = child.stdout.readline()  # wait until at least one add has returned
        watchdog.cancel()
        time.sleep(rng.uniform(0.005, 0.06))
        rest, err = kill_and_read(child)
        assert child.returncode == -signal.SIGKILL, err.decode()
        assert first.endswith(b"\n"), err.decode()
        # A line without its newline was cut off by the kill; only whole lines were confirmed.
        lines = (first + rest).split(b"\n")[:-1]
        confirmed += [line.decode() for line in lines]

        # Half the time look read-only (repairs nothing), so the next child meets the store
        # exactly as the kill left it.
        found = stored_ids(store_path, clock, read_only=round_no % 2 == 1)
        lost = set(confirmed) - found
        assert not lost, f"round {round_no}: {len(lost)} confirmed writes lost"
        # At most one write per round can have reached the disk without being confirmed.
        assert len(found) <= len(confirmed) + round_no + 1

    assert len(confirmed) > rounds  # the kills did not all land before the second write
    snapshot = json.loads(store_path.read_bytes())
    assert snapshot.get(store.Activity.TABLE), "the journal was never folded into the snapshot"
    with store.Repository.open(store_path, clock) as repo:
        assert not repo.read_only  # the killed children's lock went with them
        after = repo.add(store.Activity(date=store.today(clock), title="After the kills", hours=1.0))
    assert after.id in stored_ids(store_path, clock)


# -- a full disk ----------------------------------------------------------------------------------
FILE_SIZE_LIMITED_WRITER = """
import resource
import signal

path, limit = sys.argv[1], int(sys.argv[2])
repo = store.Repository.open(path, clock)
# Past the limit a write fails with EFBIG instead of killing the process.
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
try:
    repo.add(
        store.Activity(
            date=date(2026, 11, 2),
            title="Long course write-up",
            hours=6.0,
            description="What I learnt about mental capacity assessments. " * 400,
        )
    )
except store.StoreWriteError as exc:
    print(exc)
    sys.exit(3)
print("saved")
"""


def test_a_write_past_the_file_size_limit_is_refused_and_changes_nothing(
    tmp_path: Path, store_path: Path, clock: store.FixedClock, new_activity: MakeActivity
) -> None:
    ids = fill_store(store_path, clock, new_activity, 3)
    journal = journal_path_for(store_path)
    before = files_in(store_path.parent)
    limit = journal.stat().st_size + 256  # room for a little of the new line, not all of it

    child = run_child(tmp_path, "limited", FILE_SIZE_LIMITED_WRITER, store_path, limit)
    out, err = child.communicate(timeout=CHILD_TIMEOUT)
    message = out.decode()

    assert child.returncode == 3, message + err.decode()
    assert "larger than this system allows" in message
    assert "not saved" in message
    assert files_in(store_path.parent) == before  # the part-written line was taken back
    assert stored_ids(store_path, clock) == ids


def refuse_space_after_half(fd: int, data: bytes) -> None:
    """Stand in for ``write_all`` on a disk that fills up half-way through the write."""
    os.write(fd, data[: len(data) // 2])
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_a_full_disk_refuses_the_change_and_the_store_keeps_working(
    store_path: Path,
    clock: store.FixedClock,
    new_activity: MakeActivity,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ids = fill_store(store_path, clock, new_activity, 2)
    with store.Repository.open(store_path, clock) as repo:
        monkeypatch.setattr(store.storage, "write_all", refuse_space_after_half)
        with pytest.raises(store.StoreWriteError) as caught:
            repo.add(new_activity(title="Lost to a full disk"))
        assert "disk is full" in str(caught.value)
        assert "not saved" in str(caught.value)
        assert {a.id for a in repo.activities()} == ids

        monkeypatch.undo()
        later = repo.add(new_activity(title="Saved once space was freed"))
    found = stored_ids(store_path, clock)
    assert found == ids | {later.id}


def test_a_save_that_failed_on_a_full_disk_can_be_tried_again(
    store_path: Path,
    clock: store.FixedClock,
    new_activity: MakeActivity,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An import gives records their ids; after freeing space the same record must save."""
    ids = fill_store(store_path, clock, new_activity, 1)
    imported = new_activity(id="0f5c3a56-3b8e-4e4e-9a53-6d3f8f1f2a10", title="Imported course")
    with store.Repository.open(store_path, clock) as repo:
        monkeypatch.setattr(store.storage, "write_all", refuse_space_after_half)
        with pytest.raises(store.StoreWriteError):
            repo.add(imported)
        monkeypatch.undo()
        with pytest.raises(store.NotFoundError):
            repo.get(store.Activity, imported.id)
        saved = repo.add(imported)
        assert repo.get(store.Activity, imported.id).title == "Imported course"
    assert stored_ids(store_path, clock) == ids | {saved.id}


def test_an_edit_on_a_full_disk_keeps_the_record_as_it_was(
    store_path: Path,
    clock: store.FixedClock,
    new_activity: MakeActivity,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fill_store(store_path, clock, new_activity, 1)
    with store.Repository.open(store_path, clock) as repo:
        [original] = repo.activities()
        monkeypatch.setattr(store.storage, "write_all", refuse_space_after_half)
        with pytest.raises(store.StoreWriteError, match="disk is full"):
            repo.update(store.Activity.from_doc({**original.to_doc(), "hours": 7.0}))
        assert repo.get(store.Activity, original.id) == original
    monkeypatch.undo()
    with store.Repository.open(store_path, clock, read_only=True) as again:
        assert again.get(store.Activity, original.id) == original


def test_a_full_disk_during_compaction_or_backup_leaves_the_old_files_and_no_temp_files(
    store_path: Path,
    clock: store.FixedClock,
    new_activity: MakeActivity,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ids = fill_store(store_path, clock, new_activity, 4)
    folder = store_path.parent
    before = files_in(folder)
    with store.Repository.open(store_path, clock) as repo:
        monkeypatch.setattr(store.files, "write_all", refuse_space_after_half)
        with pytest.raises(store.StoreWriteError) as compacting:
            repo.compact()
        clock.advance(hours=1)
        still_saved = repo.add(new_activity(title="Journal still works"))  # the journal has room
        with pytest.raises(store.StoreWriteError) as backing_up:
            repo.backup_now()
        monkeypatch.undo()
    for caught in (compacting, backing_up):
        assert "disk is full" in str(caught.value)
        assert "nothing was changed" in str(caught.value)
    after = files_in(folder)
    assert [name for name in after if name.endswith(".tmp")] == []
    assert after[store_path.name] == before[store_path.name]  # the snapshot is untouched
    backups = {name: digest for name, digest in after.items() if name.startswith("backups")}
    assert backups == {name: d for name, d in before.items() if name.startswith("backups")}
    assert stored_ids(store_path, clock) == ids | {still_saved.id}


def test_a_full_disk_during_automatic_compaction_loses_nothing(
    store_path: Path,
    clock: store.FixedClock,
    new_activity: MakeActivity,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ids = fill_store(store_path, clock, new_activity, 2)
    snapshot = store_path.read_bytes()
    monkeypatch.setattr(store.storage, "COMPACT_AT_LEAST", 1)  # every save wants to compact
    monkeypatch.setattr(store.files, "write_all", refuse_space_after_half)
    with store.Repository.open(store_path, clock) as repo:
        added = repo.add(new_activity(title="Saved while the disk filled"))
        assert "disk is full" in (repo.storage.compaction_error or "")
    monkeypatch.undo()
    assert store_path.read_bytes() == snapshot
    assert [p for p in store_path.parent.iterdir() if p.name.endswith(".tmp")] == []
    assert stored_ids(store_path, clock) == ids | {added.id}


# -- a damaged file -----------------------------------------------------------------------------
def damage_at_a_known_place(path: Path) -> tuple[int, int]:
    """Rewrite the store as indented JSON with one stray character; return its line and column."""
    lines = json.dumps(json.loads(path.read_bytes()), indent=2).splitlines()
    number = next(i for i, line in enumerate(lines) if line.strip().startswith('"title"'))
    line = lines[number]
    indent = len(line) - len(line.lstrip())
    lines[number] = line[:indent] + "@" + line[indent:]
    path.write_text("\n".join(lines))
    return number + 1, indent + 1


def open_refused_and_untouched(path: Path, clock: store.Clock) -> store.StoreDamagedError:
    """Open a damaged store, expect a refusal, check no file changed; return the error."""
    folder = path.parent
    before = files_in(folder)
    with pytest.raises(store.StoreDamagedError) as caught:
        store.Repository.open(path, clock)
    after = files_in(folder)
    lock = path.name + ".lock"
    assert {k: v for k, v in after.items() if k != lock} == {k: v for k, v in before.items() if k != lock}
    # The refusal let go of the lock, so `praxis restore` is not told another copy is open.
    lock = StoreLock(path)
    assert lock.try_acquire()
    lock.release()
    return caught.value


def test_a_damaged_store_is_refused_saying_where_and_left_untouched(
    store_path: Path, clock: store.FixedClock, new_activity: MakeActivity
) -> None:
    fill_store(store_path, clock, new_activity, 3)
    with store.Repository.open(store_path, clock) as repo:
        repo.compact()  # the records live in the snapshot now
    journal_path_for(store_path).unlink()
    shutil.rmtree(store_path.parent / "backups")
    line, column = damage_at_a_known_place(store_path)

    error = open_refused_and_untouched(store_path, clock)
    message = str(error)
    assert str(store_path) in message
    assert f"line {line}, column {column}" in message
    assert "has not been changed" in message
    assert "No good backup" in message


def test_a_cut_short_store_is_refused_and_the_latest_good_backup_is_named(
    store_path: Path, clock: store.FixedClock, new_activity: MakeActivity
) -> None:
    fill_store(store_path, clock, new_activity, 3)
    with store.Repository.open(store_path, clock) as repo:
        repo.compact()
        older = repo.list_backups()[0]
        clock.advance(hours=1)
        repo.add(new_activity(title="One more"))
        newer_good = repo.backup_now()
        clock.advance(hours=1)
        repo.add(new_activity(title="And another"))
        newest_damaged = repo.backup_now()
    assert newer_good is not None and newest_damaged is not None
    newest_damaged.write_bytes(newest_damaged.read_bytes()[:40])
    data = store_path.read_bytes()
    store_path.write_bytes(data[: len(data) // 2])

    message = str(open_refused_and_untouched(store_path, clock))
    assert str(store_path) in message
    assert re.search(r"line \d+, column \d+", message)  # where the file stops making sense
    assert f"praxis restore {newer_good}" in message
    assert str(newest_damaged) not in message
    assert str(older.path) not in message


def test_following_the_message_restores_the_backup_and_keeps_the_damaged_file(
    store_path: Path, clock: store.FixedClock, new_activity: MakeActivity
) -> None:
    ids = fill_store(store_path, clock, new_activity, 2)
    with store.Repository.open(store_path, clock) as repo:
        repo.compact()
    damaged = store_path.read_bytes()[:-7]
    store_path.write_bytes(damaged)
    error = open_refused_and_untouched(store_path, clock)
    assert error.backup is not None and f"praxis restore {error.backup}" in str(error)

    clock.advance(hours=1)
    moved = store.restore_backup(store_path, error.backup, clock)
    assert moved is not None and moved.read_bytes() == damaged  # set aside, never deleted
    assert stored_ids(store_path, clock) == ids


def test_a_store_that_is_not_text_is_refused(store_path: Path, clock: store.FixedClock) -> None:
    store_path.parent.mkdir(parents=True)
    store_path.write_bytes(b'{"activities": {"1": {"title": "\xff\xfe"}}}')
    message = str(open_refused_and_untouched(store_path, clock))
    assert "not UTF-8" in message


def test_a_damaged_line_in_the_middle_of_the_journal_is_refused(
    store_path: Path, clock: store.FixedClock, new_activity: MakeActivity
) -> None:
    with store.Repository.open(store_path, clock) as repo:
        for n in range(3):
            repo.add(new_activity(title=f"Journal entry {n}"))
    journal = journal_path_for(store_path)
    lines = journal.read_bytes().split(b"\n")
    assert len(lines) == 4 and lines[-1] == b""  # three whole lines
    second = bytearray(lines[1])
    second[len(second) // 2] ^= 0x01  # one flipped bit, as a failing disk would
    lines[1] = bytes(second)
    journal.write_bytes(b"\n".join(lines))

    message = str(open_refused_and_untouched(store_path, clock))
    assert str(journal) in message
    assert "journal line 2" in message


def test_a_torn_last_journal_line_is_a_save_that_never_returned(
    store_path: Path, clock: store.FixedClock, new_activity: MakeActivity
) -> None:
    with store.Repository.open(store_path, clock) as repo:
        kept = {repo.add(new_activity(title=f"Entry {n}")).id for n in range(3)}
        last = repo.add(new_activity(title="Torn"))
    journal = journal_path_for(store_path)
    whole = journal.read_bytes()
    final_line = whole[whole.rstrip(b"\n").rfind(b"\n") + 1 :]
    # The kill came half-way through appending the last save.
    journal.write_bytes(whole[: len(whole) - len(final_line)] + final_line[: len(final_line) // 2])

    assert stored_ids(store_path, clock, read_only=True) == kept
    with store.Repository.open(store_path, clock) as repo:
        assert last.id not in {a.id for a in repo.activities()}
        after = repo.add(new_activity(title="Written after the tear"))
    assert stored_ids(store_path, clock) == kept | {after.id}


def test_a_last_save_torn_just_before_its_newline_does_not_take_later_saves_with_it(
    store_path: Path, clock: store.FixedClock, new_activity: MakeActivity
) -> None:
    """The cut can fall anywhere, including between a save's last character and its newline."""
    with store.Repository.open(store_path, clock) as repo:
        kept = {repo.add(new_activity(title=f"Entry {n}")).id for n in range(3)}
    journal = journal_path_for(store_path)
    journal.write_bytes(journal.read_bytes()[:-1])

    with store.Repository.open(store_path, clock) as repo:
        survived = {a.id for a in repo.activities()}
        assert len(kept - survived) <= 1  # at most the torn save is gone
        after = repo.add(new_activity(title="Written after the tear"))
        second = repo.add(new_activity(title="And one more"))
    assert stored_ids(store_path, clock) == survived | {after.id, second.id}


# -- a second copy --------------------------------------------------------------------------------
SECOND_COPY = """
repo = store.Repository.open(sys.argv[1], clock)
print("read-only" if repo.read_only else "writable")
try:
    repo.add(store.Activity(date=date(2026, 11, 3), title="From the second copy", hours=1.0))
except store.StoreReadOnlyError as exc:
    print(exc)
    sys.exit(4)
print("saved")
"""


def test_a_second_copy_of_the_app_cannot_write(
    tmp_path: Path, store_path: Path, clock: store.FixedClock, new_activity: MakeActivity
) -> None:
    with store.Repository.open(store_path, clock) as first:
        first.add(new_activity())
        before = files_in(store_path.parent)
        child = run_child(tmp_path, "second", SECOND_COPY, store_path)
        out, err = child.communicate(timeout=CHILD_TIMEOUT)
        said = out.decode()
        assert child.returncode == 4, said + err.decode()
        assert said.startswith("read-only")
        assert "Another copy of Praxis is using" in said
        assert "Nothing was saved" in said
        assert files_in(store_path.parent) == before
        # The first copy is still the writer.
        also = first.add(new_activity(title="Still mine to write"))
        titles = {a.title for a in first.activities()}
    assert "From the second copy" not in titles
    assert also.id in stored_ids(store_path, clock)


def test_a_second_open_in_one_process_is_read_only_until_the_first_closes(
    store_path: Path, clock: store.FixedClock, new_activity: MakeActivity
) -> None:
    first = store.Repository.open(store_path, clock)
    added = first.add(new_activity())
    second = store.Repository.open(store_path, clock)
    try:
        assert not first.read_only
        assert second.read_only
        assert "another copy" in (second.read_only_reason or "").lower()
        assert [a.id for a in second.activities()] == [added.id]  # it can still read
        with pytest.raises(store.StoreReadOnlyError, match="Another copy"):
            second.add(new_activity(title="Refused"))
    finally:
        second.close()
        first.close()
    with store.Repository.open(store_path, clock) as third:
        assert not third.read_only
        third.add(new_activity(title="Third copy writes"))
    assert len(stored_ids(store_path, clock)) == 2


# -- permissions ----------------------------------------------------------------------------------
def test_the_store_is_readable_only_by_its_owner(
    store_path: Path, clock: store.FixedClock, new_activity: MakeActivity
) -> None:
    assert not store_path.parent.exists()
    with store.Repository.open(store_path, clock) as repo:
        repo.add(new_activity())
        backup = repo.backup_now()
    assert backup is not None
    assert mode_of(store_path.parent) == 0o700
    assert mode_of(backup.parent) == 0o700
    for path in (store_path, journal_path_for(store_path), backup):
        assert mode_of(path) == 0o600, path


def test_a_store_others_could_read_is_made_private_when_opened_for_writing(
    store_path: Path, clock: store.FixedClock, new_activity: MakeActivity
) -> None:
    fill_store(store_path, clock, new_activity, 1)
    store_path.chmod(0o644)
    with store.Repository.open(store_path, clock, read_only=True):
        assert mode_of(store_path) == 0o644  # looking changes nothing
    with store.Repository.open(store_path, clock):
        assert mode_of(store_path) == 0o600


def test_a_store_whose_folder_cannot_be_made_gets_a_message(tmp_path: Path, clock: store.FixedClock) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(store.StoreWriteError, match="part of that path is a file, not a folder"):
        store.Repository.open(blocker / "sub" / "praxis.json", clock)
    assert blocker.read_text(encoding="utf-8") == "not a folder"
