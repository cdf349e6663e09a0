"""Damage is never read as an empty store, never cut off unseen, and a restore killed at any moment
leaves the store as it was or as restored, never a mix. Real files; damage made as a disk or a
person would make it."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from bench.stress import Killed, killing_at
from praxis_socialwork import store
from praxis_socialwork.store.doctor import examine, salvage
from praxis_socialwork.store.storage import journal_path_for


def fill(path: Path, clock, make, count: int, *, backup: bool = True) -> set[str]:
    with store.Repository.open(path, clock) as repo:
        ids = {repo.add(make(title=f"Reading {n}")).id for n in range(count)}
        if backup:
            repo.backup_now()
    return ids


def digests(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in folder.rglob("*") if p.is_file() and not p.name.endswith(".lock")}  # fmt: skip


def ids_in(path: Path, clock) -> set[str]:
    with store.Repository.open(path, clock, read_only=True) as repo:
        return {a.id for a in repo.activities()}


# -- a blank or missing snapshot ------------------------------------------------------------------
@pytest.mark.parametrize("blank", [b"", b"   \n\t\n"])
def test_a_blank_store_file_beside_its_backups_is_damage_not_an_empty_store(
    store_path, clock, new_activity, blank, praxis
) -> None:
    fill(store_path, clock, new_activity, 20)
    with store.Repository.open(store_path, clock) as repo:
        repo.compact()  # the records are in the snapshot alone now
    store_path.write_bytes(blank)
    before = digests(store_path.parent)
    for read_only in (True, False):
        with pytest.raises(store.StoreDamagedError) as caught:
            store.Repository.open(store_path, clock, read_only=read_only)
        assert "empty" in str(caught.value) and "backups" in str(caught.value)
        assert "praxis restore" in str(caught.value)  # names the latest good backup
    code, out, err = praxis("list", "activities")
    assert code == 1 and "No activities" not in out and "damaged" in err
    code, _, err = praxis("add", "activity", "--date", "01/11/2026", "--title", "x", "--hours", "1",
                          "--type", "reading")  # fmt: skip
    assert code == 1 and "damaged" in err
    assert digests(store_path.parent) == before  # nothing written, nothing "migrated"
    code, out, _ = praxis("restore", "latest")
    assert code == 0 and len(ids_in(store_path, clock)) == 20


def test_a_deleted_store_file_with_its_journal_left_is_damage(store_path, clock, new_activity) -> None:
    fill(store_path, clock, new_activity, 5, backup=False)
    assert journal_path_for(store_path).stat().st_size > 0
    store_path.unlink()
    before = digests(store_path.parent)
    with pytest.raises(store.StoreDamagedError, match="missing but its journal"):
        store.Repository.open(store_path, clock)
    assert digests(store_path.parent) == before


def test_a_new_store_still_starts_empty(store_path, clock) -> None:
    with store.Repository.open(store_path, clock) as repo:
        assert repo.activities() == [] and store_path.exists()


# -- the journal's end -----------------------------------------------------------------------------
def test_a_complete_last_journal_line_that_is_damaged_is_refused_not_dropped(
    store_path, clock, new_activity
) -> None:
    fill(store_path, clock, new_activity, 5)
    journal = journal_path_for(store_path)
    raw = bytearray(journal.read_bytes())
    raw[-5] ^= 0x20  # a flipped bit inside the last (acknowledged) save
    journal.write_bytes(bytes(raw))
    before = digests(store_path.parent)
    with pytest.raises(store.StoreDamagedError, match=r"journal line \d+ is damaged"):
        store.Repository.open(store_path, clock)
    assert digests(store_path.parent) == before


def test_a_torn_end_is_kept_aside_before_it_is_cut_off(store_path, clock, new_activity) -> None:
    ids = fill(store_path, clock, new_activity, 5)
    journal = journal_path_for(store_path)
    torn = b'0badc0de [["activities","99",{"title":"half a sa'
    with journal.open("ab") as f:
        f.write(torn)
    assert ids_in(store_path, clock) == ids  # read-only: left as it is
    with store.Repository.open(store_path, clock) as repo:
        repo.add(new_activity(title="After the tear"))
    kept = list(store_path.parent.glob("praxis.json.journal.torn-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == torn
    assert len(ids_in(store_path, clock)) == 6


def test_salvage_rebuilds_from_every_intact_line_and_keeps_the_damaged_files(
    store_path, clock, new_activity, praxis
) -> None:
    fill(store_path, clock, new_activity, 10, backup=False)
    journal = journal_path_for(store_path)
    lines = journal.read_bytes().split(b"\n")
    lines[4] = lines[4][:30] + b"#" + lines[4][31:]  # one save is damaged
    journal.write_bytes(b"\n".join(lines))
    damaged_journal = journal.read_bytes()
    with pytest.raises(store.StoreDamagedError):
        store.Repository.open(store_path, clock)
    assert not examine(store_path, clock).healthy
    code, out, err = praxis("doctor", "--salvage")
    assert code == 0, err
    assert "Replayed" in out and "Journal lines 5 could not be read" in out
    titles = sorted(a.title for a in store.Repository.open(store_path, clock, read_only=True).activities())
    assert len(titles) == 9  # all but the one whose save was damaged
    aside = list(store_path.parent.glob("praxis.json.journal.damaged-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == damaged_journal
    assert examine(store_path, clock).healthy


def test_salvage_without_anything_readable_says_so(store_path, clock) -> None:
    store_path.parent.mkdir(parents=True)
    store_path.write_bytes(b"{not json")
    with pytest.raises(store.PraxisError, match="no good backup"):
        salvage(store_path, clock)


# -- a restore killed at every step ---------------------------------------------------------------
def test_a_restore_killed_at_every_system_call_leaves_the_old_store_or_the_backup(
    store_path, clock, new_activity
) -> None:
    backup_ids = fill(store_path, clock, new_activity, 4)  # the backup holds these four
    backup = store.Repository.open(store_path, clock, read_only=True).list_backups()[0].path
    with store.Repository.open(store_path, clock) as repo:
        for n in range(3):  # three more folded into the store file since the backup
            repo.add(new_activity(title=f"Folded in {n}"))
        repo.compact()
        for n in range(6):  # and the journal holds six more, with a deletion
            repo.add(new_activity(title=f"Since the backup {n}"))
        repo.delete(store.Activity, sorted(backup_ids)[0])
    current_ids = ids_in(store_path, clock)
    pristine = {p: p.read_bytes() for p in store_path.parent.rglob("*") if p.is_file()}
    outcomes = set()
    n = 1
    while True:
        for p in list(store_path.parent.rglob("*")):
            if p.is_file() and p not in pristine:
                p.unlink()
        for p, data in pristine.items():
            p.write_bytes(data)
        try:
            with killing_at(n) as count:
                store.restore_backup(store_path, backup, clock)
            finished = True
        except Killed:
            finished = False
        state = ids_in(store_path, clock)
        assert state in (current_ids, backup_ids), f"killed at call {n}: a store that is neither"
        outcomes.add("restored" if state == backup_ids else "as it was")
        if finished:
            break
        n += 1
        assert count[0] >= n - 1
    assert n > 10 and outcomes == {"restored", "as it was"}
