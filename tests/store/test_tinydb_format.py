"""Saves go straight to the journal, not through TinyDB's tables, yet the store stays TinyDB's
format: once folded, stock TinyDB reads every record Praxis saved, and each side goes on numbering
documents after the other's."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import tinydb

from praxis_socialwork import store

MakeActivity = Callable[..., store.Activity]


def test_stock_tinydb_reads_what_praxis_saved_and_numbers_after_it(
    store_path: Path, clock: store.FixedClock, new_activity: MakeActivity
) -> None:
    with store.Repository.open(store_path, clock) as repo:
        kept = [repo.add(new_activity(title=f"Session {n}")) for n in range(5)]
        repo.delete(store.Activity, kept[1].id)
        changed = repo.update(replace(kept[2], title="Session two, revised"))
        repo.compact()

    with tinydb.TinyDB(store_path) as stock:
        table = stock.table(store.Activity.TABLE)
        titles = sorted(doc["title"] for doc in table.all())
        numbers = sorted(doc.doc_id for doc in table.all())
        added = table.insert(replace(kept[1], id="0b1c2d3e-4f50-4a61-8b72-93a4b5c6d7e8").to_doc())
    assert titles == sorted(["Session 0", "Session two, revised", "Session 3", "Session 4"])
    assert numbers == [1, 3, 4, 5]  # the record in place of 3 kept its number when changed
    assert added == 6

    with store.Repository.open(store_path, clock) as repo:
        assert {a.title for a in repo.activities()} == {*titles, "Session 1"}
        assert repo.get(store.Activity, changed.id) == changed
        repo.add(new_activity(title="After stock TinyDB"))  # numbered 7: nothing TinyDB added is replaced
        repo.compact()
    with tinydb.TinyDB(store_path) as stock:
        docs = {doc.doc_id: doc["title"] for doc in stock.table(store.Activity.TABLE).all()}
    assert docs[6] == "Session 1" and docs[7] == "After stock TinyDB"
