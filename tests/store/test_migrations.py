"""An upgrade keeps every record: older stores are backed up, then migrated step by step in
order; a store from a newer Praxis, or a step that fails, leaves the file as it was."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import tinydb

from praxis_socialwork import store
from praxis_socialwork.store.migrations import MIGRATIONS, SCHEMA_VERSION, Migration
from praxis_socialwork.store.storage import journal_path_for

MakeActivity = Callable[..., store.Activity]
Tables = dict[str, dict[str, Any]]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def schema_in_file(path: Path) -> int:
    """The schema version the store's snapshot file records, read as plain JSON."""
    return json.loads(path.read_bytes())["_meta"]["1"]["schema_version"]


def backup_for(repo: store.Repository, version: int) -> store.Backup:
    [backup] = [b for b in repo.list_backups() if b.reason == f"before-schema-{version}"]
    assert backup.path.name.endswith(f"-before-schema-{version}.json")
    return backup


def test_a_bare_tinydb_file_is_backed_up_then_brought_up_to_date(
    store_path: Path, clock: store.FixedClock, new_activity: MakeActivity
) -> None:
    store_path.parent.mkdir(parents=True)
    course = new_activity(id="7d4f0b8e-2c1a-4d3b-9e5f-0a1b2c3d4e5f", title="Court skills")
    with tinydb.TinyDB(store_path) as old:  # what Praxis wrote before it kept a schema version
        old.table("activities").insert(course.to_doc())
    original = json.loads(store_path.read_bytes())
    assert "_meta" not in original

    with store.Repository.open(store_path, clock) as repo:
        [kept] = repo.activities()
        backup = backup_for(repo, SCHEMA_VERSION)
    assert kept == course
    assert json.loads(backup.path.read_bytes()) == original
    assert schema_in_file(store_path) == SCHEMA_VERSION
    with store.Repository.open(store_path, clock) as again:
        assert again.activities() == [course]
        assert len(again.list_backups()) == 1  # an up-to-date store is not backed up again


def rename_provider(tables: Tables) -> Tables:
    """The next version (made up for the test): an activity's ``provider`` is now its ``organiser``."""
    out = dict(tables)
    out["activities"] = {
        doc_id: {("organiser" if k == "provider" else k): v for k, v in doc.items()}
        for doc_id, doc in tables.get("activities", {}).items()
    }
    return out


def tag_by_organiser(tables: Tables) -> Tables:
    """The version after (made up for the test): tag each activity with its organiser (needs the next)."""
    out = dict(tables)
    out["activities"] = {
        doc_id: {**doc, "tags": [*doc["tags"], f"by:{doc.get('organiser', '?')}"]}
        for doc_id, doc in tables.get("activities", {}).items()
    }
    return out


NEXT, AFTER = SCHEMA_VERSION + 1, SCHEMA_VERSION + 2  # versions made up for these tests
V2 = Migration(NEXT, "rename provider to organiser", rename_provider)
V3 = Migration(AFTER, "tag activities by organiser", tag_by_organiser)


def test_migrations_run_in_version_order_after_a_backup(
    store_path: Path, clock: store.FixedClock, new_activity: MakeActivity
) -> None:
    with store.Repository.open(store_path, clock) as repo:
        added = repo.add(new_activity(provider="Research in Practice", tags=["law"]))
        repo.compact()  # so the snapshot file alone holds the whole store
    before = json.loads(store_path.read_bytes())
    assert before["activities"]

    # Listed newest first on purpose: the store must still apply NEXT before AFTER.
    steps = [V3, V2, *MIGRATIONS]
    with store.Repository.open(store_path, clock, migrations=steps, schema_version=AFTER) as repo:
        migrated = repo.get(store.Activity, added.id)
        backup = backup_for(repo, AFTER)

    assert migrated.provider == ""
    assert migrated.extra == {"organiser": "Research in Practice"}
    assert migrated.tags == ["law", "by:Research in Practice"]
    assert schema_in_file(store_path) == AFTER
    assert json.loads(backup.path.read_bytes()) == before  # provider, one tag, the current schema


def test_a_store_from_a_newer_praxis_is_refused_and_left_as_it_was(
    store_path: Path, clock: store.FixedClock, new_activity: MakeActivity
) -> None:
    with store.Repository.open(store_path, clock) as repo:
        repo.add(new_activity())
        repo.compact()
    tables = json.loads(store_path.read_bytes())
    tables["_meta"]["1"]["schema_version"] = SCHEMA_VERSION + 1
    store_path.write_text(json.dumps(tables))
    digest = sha256(store_path)

    for read_only in (False, True):
        with pytest.raises(store.StoreTooNewError) as caught:
            store.Repository.open(store_path, clock, read_only=read_only)
        message = str(caught.value)
        assert str(store_path) in message
        assert "newer Praxis" in message
        assert f"schema {SCHEMA_VERSION + 1}" in message
        assert sha256(store_path) == digest
    assert not (store_path.parent / "backups").exists() or not any((store_path.parent / "backups").iterdir())


def test_the_store_after_an_upgrade_is_too_new_for_the_older_praxis(
    store_path: Path, clock: store.FixedClock, new_activity: MakeActivity
) -> None:
    with store.Repository.open(store_path, clock) as repo:
        repo.add(new_activity(provider="BASW"))
    store.Repository.open(store_path, clock, migrations=[V2, *MIGRATIONS], schema_version=NEXT).close()
    digest = sha256(store_path)
    with pytest.raises(store.StoreTooNewError):
        store.Repository.open(store_path, clock)
    assert sha256(store_path) == digest


def test_a_migration_that_fails_leaves_the_store_as_it_was(
    store_path: Path, clock: store.FixedClock, new_activity: MakeActivity
) -> None:
    with store.Repository.open(store_path, clock) as repo:
        added = repo.add(new_activity())
    snapshot, journal = sha256(store_path), sha256(journal_path_for(store_path))

    def broken(tables: Tables) -> Tables:
        raise ValueError("this upgrade step has a bug")

    steps = [V2, Migration(AFTER, "broken", broken), *MIGRATIONS]
    with pytest.raises(ValueError, match="has a bug"):
        store.Repository.open(store_path, clock, migrations=steps, schema_version=AFTER)

    assert (sha256(store_path), sha256(journal_path_for(store_path))) == (snapshot, journal)
    with store.Repository.open(store_path, clock) as again:
        assert not again.read_only  # the failed upgrade let go of the lock
        assert [a.id for a in again.activities()] == [added.id]
        assert again.get(store.Activity, added.id).provider == added.provider
