"""Redo (Ctrl+Y, or Ctrl+Shift+Z) does again what undo took back: an added, edited and deleted record,
and a batch; a new change clears it. Checked on the store as read back from disk."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from textual.widgets import Input

from praxis_socialwork.store import Activity, Placement, PlacementDay, Profile, Repository
from praxis_socialwork.store.signing import Educator
from praxis_socialwork.tui.app import make_app
from praxis_socialwork.tui.forms.activity_form import ActivityForm
from tests.tui.helpers import notified, screen_after, titles_on_disk


async def test_redo_does_again_an_added_edited_and_deleted_activity(store_path: Path, clock) -> None:
    with Repository.open(store_path, clock) as repo:
        repo.save_profile(Profile(name="Jo Example", role="practitioner", frameworks=["swe"]))
        kept = repo.add(Activity(date=date(2026, 11, 3), title="Reading on the MCA", type="reading", hours=1))
        app = make_app(repo, clock)
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            form = await screen_after(pilot, ActivityForm, "a", "n")
            form.query_one("#field-title", Input).value = "Team case discussion"
            form.set_values({"type": "peer-discussion", "hours": "1"})
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert titles_on_disk(store_path, clock) == ["Reading on the MCA", "Team case discussion"]

            await pilot.press("u")
            await pilot.pause()
            assert titles_on_disk(store_path, clock) == ["Reading on the MCA"]
            await pilot.press("ctrl+y")
            await pilot.pause()
            assert notified(app)[-1] == "Redid: added activity 'Team case discussion'"
            assert titles_on_disk(store_path, clock) == ["Reading on the MCA", "Team case discussion"]

            app.session.update(replace(app.session.find(kept.id), title="Reading on capacity"))
            app.session.delete(app.session.find(kept.id))
            await pilot.press("u", "u")
            await pilot.pause()
            assert titles_on_disk(store_path, clock) == ["Reading on the MCA", "Team case discussion"]
            await pilot.press("ctrl+y")
            await pilot.pause()
            assert titles_on_disk(store_path, clock) == ["Reading on capacity", "Team case discussion"]
            await pilot.press("ctrl+y")
            await pilot.pause()
            assert titles_on_disk(store_path, clock) == ["Team case discussion"]
            await pilot.press("ctrl+y")
            await pilot.pause()
            assert notified(app)[-1] == "Nothing to redo."
            # and undo still walks back through what was redone
            await pilot.press("u")
            await pilot.pause()
            assert titles_on_disk(store_path, clock) == ["Reading on capacity", "Team case discussion"]


async def test_a_new_change_clears_redo(store_path: Path, clock) -> None:
    with Repository.open(store_path, clock) as repo:
        repo.save_profile(Profile(name="Jo Example", role="practitioner", frameworks=["swe"]))
        app = make_app(repo, clock)
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            first = app.session.add(Activity(date=date(2026, 11, 3), title="One", type="reading", hours=1))
            await pilot.press("u")
            await pilot.pause()
            app.session.add(Activity(date=date(2026, 11, 4), title="Two", type="reading", hours=1))
            await pilot.press("ctrl+y")
            await pilot.pause()
            assert notified(app)[-1] == "Nothing to redo."
            assert titles_on_disk(store_path, clock) == ["Two"]
            assert app.session.find(first.id) is None


async def test_redo_signs_off_a_whole_batch_again(store_path: Path, clock, tmp_path: Path) -> None:
    with Repository.open(store_path, clock) as repo:
        repo.save_profile(Profile(name="Sam Example", role="student", frameworks=["degree-england"]))
        placement = repo.add(Placement(name="Northfield", start=date(2026, 11, 16), required_days=70))
        days = [repo.add(PlacementDay(placement_id=placement.id, date=date(2026, 11, d), hours=7))
                for d in (16, 17, 18)]  # fmt: skip
        educator = Educator("Jo Educator", "Practice educator", tmp_path / "signing")
        app = make_app(repo, clock, reviewer=educator)
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            app.session.sign_off(days, "Good first week")
            await pilot.press("u")
            await pilot.pause()
            assert repo.signoffs() == []
            await pilot.press("ctrl+y")
            await pilot.pause()
            assert notified(app)[-1] == "Redid: signed off 3 records"
    with Repository.open(store_path, clock, read_only=True) as again:
        assert sorted(s.record_id for s in again.signoffs()) == sorted(d.id for d in days)
        assert {s.comment for s in again.signoffs()} == {"Good first week"}
