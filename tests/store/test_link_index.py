"""Checks against other records use indexes kept with the store (issue 16): a reflection's links and
a placement's name are looked up, not found by listing every record, and give the same verdicts
and messages as before, through adds, edits, deletes, batches and undone transactions."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from praxis_socialwork import store

MakeActivity = Callable[..., store.Activity]


def reflection(clock: store.FixedClock, *links: str, **fields: object) -> store.Reflection:
    values: dict[str, object] = {"date": store.today(clock) - timedelta(days=1), "title": "After supervision"}
    values.update(fields)
    return store.Reflection(links=list(links), **values)  # type: ignore[arg-type]


def link_problems(error: store.ValidationError) -> list[tuple[int | None, str]]:
    return [(p.line, p.message) for p in error.problems if p.field == "links"]


def test_a_link_to_a_record_added_in_the_same_batch_is_accepted(
    repo: store.Repository, clock: store.FixedClock, new_activity: MakeActivity
) -> None:
    activity = new_activity(id=str(uuid.uuid4()), created="2026-01-01T00:00:00Z", sequence=1)
    placement = store.Placement(
        id=str(uuid.uuid4()),
        name="Riverside CMHT",
        kind="final",
        required_days=100,
        start=store.today(clock) - timedelta(weeks=4),
    )
    day = store.PlacementDay(
        id=str(uuid.uuid4()), placement_id=placement.id, date=store.today(clock) - timedelta(days=2), hours=7
    )
    linked = reflection(clock, activity.id, day.id, id=str(uuid.uuid4()))
    repo.save_as_is([placement, day, activity, linked])  # a bundle: days and activities before reflections
    assert repo.get(store.Reflection, linked.id).links == [activity.id, day.id]


def test_a_link_to_a_deleted_record_or_a_missing_id_is_refused_as_before(
    repo: store.Repository, clock: store.FixedClock, new_activity: MakeActivity
) -> None:
    kept = repo.add(new_activity(title="Kept"))
    gone = repo.add(new_activity(title="Gone"))
    repo.delete(store.Activity, gone.id)
    missing = str(uuid.uuid4())
    other_kind = repo.add(reflection(clock, kept.id))  # a reflection's id is no activity or day
    batch = [
        reflection(clock, kept.id, title="Fine"),
        reflection(clock, gone.id, title="To a deleted activity"),
        reflection(clock, kept.id, missing, other_kind.id, title="To a missing id"),
    ]
    with pytest.raises(store.ValidationError) as caught:
        repo.add_many(batch)
    assert link_problems(caught.value) == [
        (2, f"no activity or placement day with id {gone.id}"),
        (3, f"no activity or placement day with id {missing}"),
        (3, f"no activity or placement day with id {other_kind.id}"),
    ]
    assert [r.id for r in repo.reflections()] == [other_kind.id]
    # The same verdicts one at a time, and from a bundle.
    assert [p.message for p in repo.check(batch[1])] == [f"no activity or placement day with id {gone.id}"]
    with pytest.raises(store.ValidationError) as caught:
        repo.save_as_is([reflection(clock, missing, id=str(uuid.uuid4()))])
    assert link_problems(caught.value) == [(1, f"no activity or placement day with id {missing}")]


def test_the_link_index_follows_adds_deletes_undone_transactions_and_reopening(
    store_path: Path, clock: store.FixedClock, new_activity: MakeActivity
) -> None:
    with store.Repository.open(store_path, clock) as repo:
        first, second = repo.add_many([new_activity(title="One"), new_activity(title="Two")])
        assert repo.check(reflection(clock, first.id, second.id)) == []
        with pytest.raises(RuntimeError), repo.transaction():
            undone = repo.add(new_activity(title="Undone"))
            assert repo.check(reflection(clock, undone.id)) == []
            raise RuntimeError("stop")
        assert [p.field for p in repo.check(reflection(clock, undone.id))] == ["links"]
        repo.delete(store.Activity, second.id)
        put_back = repo.put_back(second)
        assert repo.check(reflection(clock, put_back.id)) == []
        repo.delete(store.Activity, first.id)
    with store.Repository.open(store_path, clock) as again:
        assert [p.field for p in again.check(reflection(clock, first.id))] == ["links"]
        assert again.check(reflection(clock, second.id)) == []


def test_a_second_placement_of_the_same_name_is_refused_and_a_freed_name_may_be_used(
    repo: store.Repository, clock: store.FixedClock
) -> None:
    start = store.today(clock) - timedelta(weeks=4)
    riverside = repo.add(store.Placement(name="Riverside CMHT", kind="final", required_days=100, start=start))
    error = pytest.raises(
        store.ValidationError,
        repo.add,
        store.Placement(name="  riverside cmht ", kind="final", required_days=100, start=start),
    ).value
    assert [(p.field, p.message) for p in error.problems] == [
        ("name", "a placement called 'Riverside CMHT' already exists")
    ]
    assert repo.update(replace(riverside, required_days=70)).required_days == 70
    renamed = repo.update(replace(riverside, name="Hillside"))
    again = repo.add(store.Placement(name="Riverside CMHT", kind="first", required_days=70, start=start))
    pytest.raises(store.ValidationError, repo.update, replace(renamed, name="RIVERSIDE CMHT"))
    repo.delete(store.Placement, again.id)
    repo.save_as_is([replace(renamed, name="Riverside CMHT")])  # a bundle, same id
    assert [p.name for p in repo.placements()] == ["Riverside CMHT"]
    error = pytest.raises(
        store.ValidationError,
        repo.add_many,
        [
            store.Placement(name="Hillside", kind="final", required_days=100, start=start),
            store.Placement(name="riverside cmht", kind="final", required_days=100, start=start),
        ],
    ).value
    assert [(p.line, p.message) for p in error.problems] == [
        (2, "a placement called 'Riverside CMHT' already exists")
    ]
