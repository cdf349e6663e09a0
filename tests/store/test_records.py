"""Records: bad input is refused with a message naming the field and changes nothing; edits are
counted; transactions are all or nothing; backups are taken and pruned."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from praxis_socialwork import store
from praxis_socialwork.store import vocab
from praxis_socialwork.store.backups import KEEP_DAILY_FOR_DAYS, KEEP_NEWEST
from praxis_socialwork.store.storage import journal_path_for

MakeActivity = Callable[..., store.Activity]


def files_in(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes, so 'nothing changed' can be checked."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def refused(repo: store.Repository, record: store.Record) -> store.ValidationError:
    """Add ``record``, expect a refusal, check nothing on disk changed, return the error."""
    before = files_in(repo.path.parent)
    with pytest.raises(store.ValidationError) as caught:
        repo.add(record)
    assert files_in(repo.path.parent) == before
    return caught.value


def problem_for(error: store.ValidationError, field: str) -> store.Problem:
    """The problem about ``field``; the whole message must name the field too."""
    matches = [p for p in error.problems if p.field == field]
    assert matches, f"no problem about {field!r} in: {error}"
    assert f"{field}:" in str(error)
    return matches[0]


@pytest.fixture
def placement(repo: store.Repository, clock: store.FixedClock) -> store.Placement:
    """A final placement that started four weeks ago."""
    start = store.today(clock) - timedelta(weeks=4)
    return repo.add(store.Placement(name="Riverside CMHT", kind="final", start=start, required_days=100))


# -- validation ------------------------------------------------------------------------------
def test_an_activity_without_date_title_or_hours_names_each_missing_field(
    repo: store.Repository,
) -> None:
    error = refused(repo, store.Activity())
    for field in ("date", "title", "hours"):
        assert "required" in problem_for(error, field).message
    assert repo.activities() == []


@pytest.mark.parametrize("hours", [0, -2])
def test_hours_must_be_more_than_nothing(
    repo: store.Repository, new_activity: MakeActivity, hours: float
) -> None:
    error = refused(repo, new_activity(hours=hours))
    assert "more than 0" in problem_for(error, "hours").message


def test_a_one_day_activity_cannot_take_more_than_24_hours(
    repo: store.Repository, new_activity: MakeActivity
) -> None:
    error = refused(repo, new_activity(hours=24.5))
    assert "at most 24" in problem_for(error, "hours").message
    assert repo.add(new_activity(hours=24)).hours == 24


def test_an_activity_over_several_days_may_take_more_hours(
    repo: store.Repository, new_activity: MakeActivity
) -> None:
    first = new_activity()
    saved = repo.add(new_activity(end_date=first.date + timedelta(days=2), hours=30))
    assert [a.id for a in repo.activities()] == [saved.id]


def test_an_activity_cannot_end_before_it_starts(repo: store.Repository, new_activity: MakeActivity) -> None:
    first = new_activity()
    error = refused(repo, new_activity(end_date=first.date - timedelta(days=1)))
    assert "before the start date" in problem_for(error, "end_date").message


def test_a_completed_activity_cannot_be_in_the_future_but_a_planned_one_can(
    repo: store.Repository, new_activity: MakeActivity, clock: store.FixedClock
) -> None:
    tomorrow = store.today(clock) + timedelta(days=1)
    error = refused(repo, new_activity(date=tomorrow, status="complete"))
    assert "future" in problem_for(error, "date").message
    planned = repo.add(new_activity(date=tomorrow, status="planned"))
    assert repo.get(store.Activity, planned.id).status == "planned"


def test_an_unknown_activity_type_lists_the_types_to_choose_from(
    repo: store.Repository, new_activity: MakeActivity
) -> None:
    message = problem_for(refused(repo, new_activity(type="webinar")), "type").message
    assert "'webinar'" in message
    for known in vocab.ACTIVITY_TYPES:
        assert known in message


def test_a_near_miss_typed_into_a_form_gets_a_did_you_mean(clock: store.FixedClock) -> None:
    from praxis_socialwork.store.field_reader import FieldReader

    reader = FieldReader(store.today(clock), line=3)
    assert reader.choice("type", "cours", vocab.ACTIVITY_TYPES, "activity type", "other") == "other"
    [problem] = reader.problems
    assert problem.field == "type"
    assert "Did you mean 'course'?" in problem.message
    assert str(problem).startswith("line 3")


@pytest.mark.parametrize(
    ("code", "hint"),
    [("swe:9.9", "not a swe code"), ("xyz:1", "unknown prefix 'xyz'"), ("swe4", "PREFIX:ITEM")],
)
def test_an_unknown_standard_code_is_named(
    repo: store.Repository, new_activity: MakeActivity, code: str, hint: str
) -> None:
    error = refused(repo, new_activity(standards=["swe:4.3", code]))
    message = problem_for(error, "standards").message
    assert code in message
    assert hint in message
    assert len(error.problems) == 1  # the known code next to it is fine


def test_a_placement_cannot_end_before_it_starts(repo: store.Repository, clock: store.FixedClock) -> None:
    start = store.today(clock)
    error = refused(
        repo,
        store.Placement(
            name="Hillside", start=start, planned_end=start - timedelta(days=1), required_days=70
        ),
    )
    assert "before the start date" in problem_for(error, "planned_end").message


def test_a_placement_day_cannot_be_over_24_hours(
    repo: store.Repository, placement: store.Placement, clock: store.FixedClock
) -> None:
    day = store.PlacementDay(placement_id=placement.id, date=store.today(clock), hours=25)
    assert "at most 24" in problem_for(refused(repo, day), "hours").message


def test_a_second_day_on_the_same_date_for_the_same_placement_is_refused(
    repo: store.Repository, placement: store.Placement, clock: store.FixedClock
) -> None:
    on = store.today(clock) - timedelta(days=1)
    repo.add(store.PlacementDay(placement_id=placement.id, date=on, hours=7.5))
    error = refused(repo, store.PlacementDay(placement_id=placement.id, date=on, hours=4))
    message = problem_for(error, "date").message
    assert placement.name in message
    assert "already has a day logged" in message
    assert len(repo.days(placement.id)) == 1


def test_a_day_before_the_placement_starts_is_refused(
    repo: store.Repository, placement: store.Placement
) -> None:
    early = placement.start - timedelta(days=1)
    error = refused(repo, store.PlacementDay(placement_id=placement.id, date=early, hours=7))
    message = problem_for(error, "date").message
    assert "before" in message
    assert placement.name in message
    assert placement.start.isoformat() in message


def test_a_day_for_a_placement_that_does_not_exist_is_refused(
    repo: store.Repository, clock: store.FixedClock
) -> None:
    missing = str(uuid.uuid4())
    day = store.PlacementDay(placement_id=missing, date=store.today(clock), hours=7)
    assert missing in problem_for(refused(repo, day), "placement").message


def test_an_import_with_one_bad_record_saves_none_and_says_which_one(
    store_path: Path, clock: store.FixedClock, new_activity: MakeActivity
) -> None:
    with store.Repository.open(store_path, clock) as repo:
        batch = [new_activity(title="One"), new_activity(title="Two", hours=0), new_activity()]
        before = files_in(store_path.parent)
        with pytest.raises(store.ValidationError) as caught:
            repo.add_many(batch)
        [problem] = caught.value.problems
        assert (problem.line, problem.field) == (2, "hours")
        assert str(problem).startswith("line 2")
        assert files_in(store_path.parent) == before
        assert repo.activities() == []
        saved = repo.add_many([new_activity(title="One"), new_activity(title="Two")])
    with store.Repository.open(store_path, clock) as again:
        assert {a.id for a in again.activities()} == {r.id for r in saved}


# -- identity and edits ------------------------------------------------------------------------
def test_every_record_gets_its_own_uuid(repo: store.Repository, new_activity: MakeActivity) -> None:
    ids = [repo.add(new_activity(title=f"Reading {n}")).id for n in range(5)]
    assert len(set(ids)) == 5
    for record_id in ids:
        assert uuid.UUID(record_id).version == 4


def test_an_edit_bumps_the_sequence_and_the_updated_time_and_survives_reopening(
    store_path: Path, clock: store.FixedClock, new_activity: MakeActivity
) -> None:
    with store.Repository.open(store_path, clock) as repo:
        added = repo.add(new_activity())
        clock.advance(hours=3)
        added.title = "Safeguarding adults refresher (day 2)"
        edited = repo.update(added)
    assert edited.sequence == added.sequence + 1 == 2
    assert edited.updated == store.stamp(clock) != added.created
    assert edited.created == added.created
    with store.Repository.open(store_path, clock, read_only=True) as again:
        kept = again.get(store.Activity, added.id)
    assert kept.title == "Safeguarding adults refresher (day 2)"
    assert (kept.sequence, kept.updated, kept.created) == (2, edited.updated, added.created)


def test_an_edit_that_changes_nothing_writes_nothing(
    repo: store.Repository, new_activity: MakeActivity, clock: store.FixedClock
) -> None:
    added = repo.add(new_activity())
    journal = journal_path_for(repo.path)
    before = files_in(repo.path.parent)
    clock.advance(hours=1)
    same = repo.update(store.Activity.from_doc(added.to_doc()))
    assert (same.sequence, same.updated) == (added.sequence, added.updated)
    assert files_in(repo.path.parent) == before
    assert repo.storage.journal_size == journal.stat().st_size


def test_an_invalid_edit_is_refused_and_the_record_is_kept_as_it_was(
    repo: store.Repository, new_activity: MakeActivity
) -> None:
    added = repo.add(new_activity())
    before = files_in(repo.path.parent)
    with pytest.raises(store.ValidationError) as caught:
        repo.update(store.Activity.from_doc({**added.to_doc(), "hours": 0}))
    problem_for(caught.value, "hours")
    assert files_in(repo.path.parent) == before
    assert repo.get(store.Activity, added.id).hours == added.hours


# -- transactions -------------------------------------------------------------------------------
def test_a_transaction_that_fails_part_way_adds_nothing(
    store_path: Path, clock: store.FixedClock, new_activity: MakeActivity
) -> None:
    with store.Repository.open(store_path, clock) as repo:
        kept = repo.add(new_activity(title="Kept"))
        with pytest.raises(RuntimeError, match="import stopped"):
            with repo.transaction():
                repo.add(new_activity(title="First of the import"))
                repo.add(new_activity(title="Second of the import"))
                raise RuntimeError("import stopped")
        assert [a.title for a in repo.activities()] == ["Kept"]
        after = repo.add(new_activity(title="Added after"))
    with store.Repository.open(store_path, clock) as again:
        assert {a.id for a in again.activities()} == {kept.id, after.id}


def test_a_transaction_that_finishes_keeps_every_record(
    store_path: Path, clock: store.FixedClock, new_activity: MakeActivity
) -> None:
    with store.Repository.open(store_path, clock) as repo:
        with repo.transaction():
            added = [repo.add(new_activity(title=f"Item {n}")).id for n in range(3)]
    with store.Repository.open(store_path, clock) as again:
        assert sorted(a.id for a in again.activities()) == sorted(added)


# -- backups ------------------------------------------------------------------------------------
def backed_up_ids(backup: store.Backup) -> set[str]:
    """The activity ids a backup file holds, read as plain JSON."""
    tables = json.loads(backup.path.read_bytes())
    return {doc["id"] for doc in tables.get(store.Activity.TABLE, {}).values()}


def test_the_day_of_the_daily_backup_is_the_uk_day(store_path: Path, new_activity: MakeActivity) -> None:
    """At 00:30 in a British summer it is already the next day, though UTC is still on the last one:
    the first change then is the new day's first, and is backed up before."""
    clock = store.FixedClock(datetime(2026, 5, 31, 21, 0, tzinfo=store.LONDON))  # 20:00 UTC
    with store.Repository.open(store_path, clock) as repo:
        first = repo.add(new_activity(date=date(2026, 5, 30), title="Sunday reading"))
        clock.advance(hours=3, minutes=30)  # 00:30 on Mon 1 June in the UK, 23:30 on 31 May in UTC
        repo.add(new_activity(date=date(2026, 5, 30), title="Monday reading"))
        [daily] = repo.list_backups()
        assert backed_up_ids(daily) == {first.id}


def test_the_first_change_of_a_day_backs_up_the_store_as_it_was(
    repo: store.Repository, new_activity: MakeActivity, clock: store.FixedClock
) -> None:
    first = repo.add(new_activity(title="Monday reading"))
    assert repo.list_backups() == []  # nothing worth keeping before the first record
    clock.advance(days=1)
    second = repo.add(new_activity(title="Tuesday reading"))
    repo.add(new_activity(title="Tuesday supervision"))
    [daily] = repo.list_backups()
    assert daily.reason == "daily"
    assert backed_up_ids(daily) == {first.id}
    assert second.id not in backed_up_ids(daily)
    assert daily.path.parent == repo.path.parent / "backups"


def test_a_backup_equal_to_the_newest_is_not_taken_again(
    repo: store.Repository, new_activity: MakeActivity, clock: store.FixedClock
) -> None:
    repo.add(new_activity())
    made = repo.backup_now()
    assert made is not None and made.exists()
    clock.advance(hours=2)
    assert repo.backup_now() is None
    assert [b.path for b in repo.list_backups()] == [made]
    repo.add(new_activity(title="Another"))
    clock.advance(minutes=5)
    assert repo.backup_now() is not None
    assert len(repo.list_backups()) == 2


def test_pruning_keeps_the_newest_backups(repo: store.Repository, clock: store.FixedClock) -> None:
    taken = []
    for n in range(KEEP_NEWEST + 4):
        clock.advance(minutes=30)  # all on one day, so only the newest-N rule applies
        taken.append(repo.backups.take(f'{{"n": {n}}}'.encode(), "manual", clock.now()))
    kept = repo.list_backups()
    assert [b.path for b in kept] == list(reversed(taken))[:KEEP_NEWEST]
    assert all(p.exists() == (p in {b.path for b in kept}) for p in taken)


def test_pruning_keeps_the_newest_backup_of_each_of_the_last_30_days(
    repo: store.Repository, clock: store.FixedClock
) -> None:
    taken: list[tuple[Path, datetime]] = []
    for n in range(KEEP_DAILY_FOR_DAYS + 12):
        clock.advance(days=1)
        for hour in (9, 17):  # a morning and an evening backup each day
            at = clock.now().replace(hour=hour)
            path = repo.backups.take(f'{{"n": {n}, "h": {hour}}}'.encode(), "daily", at)
            taken.append((path, at))
    kept = {b.path for b in repo.list_backups()}
    newest_at = taken[-1][1]
    assert {path for path, _ in taken[-KEEP_NEWEST:]} <= kept
    for path, at in taken[:-KEEP_NEWEST]:
        age = newest_at - at
        evening = at.hour == 17
        assert (path in kept) == (evening and age <= timedelta(days=KEEP_DAILY_FOR_DAYS)), (at, age)
