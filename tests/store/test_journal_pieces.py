"""A large batch (an import) reaches the journal in pieces, so its line is never held in memory
whole; the line is byte for byte the one a small batch's way would write, checksum included, and
every record in it reads back."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from praxis_socialwork import store
from praxis_socialwork.store import storage
from praxis_socialwork.store.storage import PIECEWISE_FROM, _journal_line, journal_path_for, read_journal

MakeActivity = Callable[..., store.Activity]


def test_a_large_batch_is_the_same_line_written_in_pieces(
    store_path: Path, clock: store.FixedClock, new_activity: MakeActivity, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(storage, "COMPACT_AT_LEAST", 1 << 40)  # keep the lines in the journal to look at
    many = [
        new_activity(title=f"Session {n}", learning="Words “quoted” é\n" * (n % 7))
        for n in range(3 * PIECEWISE_FROM)
    ]
    with store.Repository.open(store_path, clock) as repo:
        repo.add(new_activity(title="Small"))
        repo.add_many(many)
    raw = journal_path_for(store_path).read_bytes()
    batches, good = read_journal(journal_path_for(store_path))
    assert good == len(raw) and len(batches) == 2
    assert len(batches[1]) == len(many)
    assert raw.split(b"\n")[1] + b"\n" == _journal_line(batches[1])  # the same bytes and checksum
    with store.Repository.open(store_path, clock, read_only=True) as repo:
        assert sorted(a.title for a in repo.activities()) == sorted(["Small", *(a.title for a in many)])
