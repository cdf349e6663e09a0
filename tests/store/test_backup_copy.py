"""The day's first backup of a store whose snapshot holds it all is a copy of that file, made
without reading the store into memory; a store with changes still in its journal is backed up as
it stands, journal included. Either way the backup restores to exactly the store that was."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from praxis_socialwork import store

MakeActivity = Callable[..., store.Activity]


def test_a_folded_store_is_backed_up_byte_for_byte_and_a_journalled_one_as_it_stands(
    store_path: Path, clock: store.FixedClock, new_activity: MakeActivity
) -> None:
    with store.Repository.open(store_path, clock) as repo:
        first = [repo.add(new_activity(title=f"Session {n}")) for n in range(3)]
        repo.compact()
    snapshot = store_path.read_bytes()

    clock.advance(days=1)
    with store.Repository.open(store_path, clock) as repo:
        later = repo.add(new_activity(title="Next day"))  # the day's first save backs up first
        [daily] = [b for b in repo.list_backups() if b.reason == "daily"]
        assert daily.path.read_bytes() == snapshot
        assert daily.path.stat().st_mode & 0o777 == 0o600
        assert repo.storage.journal_size > 0
        manual = repo.backup_now()  # the journal holds "Next day": the backup must too
    assert manual is not None
    clock.advance(hours=1)
    expected = {daily.path: {a.title for a in first}, manual: {a.title for a in [*first, later]}}
    for backup, titles in expected.items():
        store.restore_backup(store_path, backup, clock)
        with store.Repository.open(store_path, clock, read_only=True) as repo:
            assert {a.title for a in repo.activities()} == titles
