"""Logging several days at once (L), and deleting (X) or archiving (A) a placement, on the Placements
screen: keys pressed as a person would, then the store read again from disk."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from praxis_socialwork.store import Placement, PlacementDay, Profile, Repository
from praxis_socialwork.store.signing import Educator, sign_off_all
from praxis_socialwork.tui.app import PraxisApp, make_app
from praxis_socialwork.tui.forms.log_days_form import LogDaysForm
from praxis_socialwork.tui.screens.placements import PlacementChip, PlacementsScreen
from praxis_socialwork.tui.widgets.confirm import Confirm
from praxis_socialwork.tui.widgets.month_calendar import MonthCalendar
from tests.tui.helpers import screen_after, screen_text, shown, to_placements


@pytest.fixture
def placement(repo: Repository) -> Placement:
    """A student's Mon–Fri placement from Mon 24 Aug 2026, with Mon 16 and Wed 18 Nov logged, and a
    second placement to come."""
    repo.save_profile(Profile(name="Sam Example", role="student", frameworks=["degree-england"]))
    first = repo.add(
        Placement(name="Northfield Family Centre", setting="statutory", kind="first",
                  start=date(2026, 8, 24), planned_end=date(2026, 12, 18), required_days=70, hours_per_day=7)
    )  # fmt: skip
    repo.add(Placement(name="Riverside Adult Team", kind="final", start=date(2027, 2, 1), required_days=100))
    repo.add_many(
        [
            PlacementDay(placement_id=first.id, date=date(2026, 11, d), kind="practice", hours=7)
            for d in (16, 18)
        ]
    )
    return first


@pytest.fixture
def app(repo: Repository, placement: Placement, clock) -> PraxisApp:
    return make_app(repo, clock)


def on_disk(store_path: Path, clock) -> tuple[list[Placement], dict[date, PlacementDay]]:
    with Repository.open(store_path, clock, read_only=True) as again:
        return again.placements(), {d.date: d for d in again.days() if d.date}


# -- L: several days at once ------------------------------------------------------------------------
async def test_L_then_enter_logs_this_week_and_one_undo_takes_it_back(app, repo, store_path, clock) -> None:
    said: list[str] = []
    async with app.run_test(size=(100, 32)) as pilot:
        await to_placements(pilot)
        original = app.notify
        app.notify = lambda message, **kw: (said.append(message), original(message, **kw))  # type: ignore[method-assign]
        form = await screen_after(pilot, LogDaysForm, "L")
        assert shown(form, "#row-first .field-hint") == "= Mon 16 Nov 2026"
        assert shown(form, "#row-last .field-hint") == "= Sun 22 Nov 2026"
        await screen_after(pilot, PlacementsScreen, "enter")
        _, days = on_disk(store_path, clock)
        assert sorted(days) == [date(2026, 11, d) for d in (16, 17, 18, 19, 20)]
        assert {(d.kind, d.hours) for d in days.values()} == {("practice", 7)}
        assert "Logged 3 days at Northfield Family Centre" in said[-1]
        assert "Skipped (already logged): Mon 16 Nov 2026, Wed 18 Nov 2026." in said[-1]
        await pilot.press("u")
        await pilot.pause()
        _, days = on_disk(store_path, clock)
        assert sorted(days) == [date(2026, 11, 16), date(2026, 11, 18)]  # the whole batch, in one undo
        assert "Undid: added 3 placement days" in said[-1]


async def test_L_over_a_range_skips_the_bank_holiday_and_the_days_before_the_start(
    app, store_path, clock
) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await to_placements(pilot)
        await pilot.press("L", "ctrl+u", *"20/08/2026", "tab", "ctrl+u", *"04/09/2026")
        await pilot.press("tab", "down", "down", "enter")  # kind: skills
        await screen_after(pilot, PlacementsScreen, "tab", "ctrl+u", "6", "enter")
    _, days = on_disk(store_path, clock)
    logged = sorted(d for d in days if d.month < 11)
    assert logged == [date(2026, 8, d) for d in (24, 25, 26, 27, 28)] + [
        date(2026, 9, d) for d in (1, 2, 3, 4)
    ]
    assert date(2026, 8, 31) not in days  # Late Summer Bank Holiday
    assert {(days[d].kind, days[d].hours) for d in logged} == {("skills", 6)}


async def test_L_refuses_a_range_into_the_future_beside_the_field(app, store_path, clock) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await to_placements(pilot)
        form = await screen_after(pilot, LogDaysForm, "L", "tab", "ctrl+u", *"27/11/2026", "enter")
        assert "has not happened yet" in shown(form, "#error-last")
    _, days = on_disk(store_path, clock)
    assert len(days) == 2


# -- X: delete the placement and its days -------------------------------------------------------------
async def test_X_deletes_the_placement_with_its_days_and_u_brings_all_back(
    app, repo, placement, store_path, clock
):
    async with app.run_test(size=(100, 32)) as pilot:
        await to_placements(pilot)
        await screen_after(pilot, Confirm, "X")
        assert (
            "Delete the placement Northfield Family Centre and the 2 days logged in it?"
            in app.screen.question
        )
        await pilot.press("y")
        await pilot.pause()
        placements, days = on_disk(store_path, clock)
        assert [p.name for p in placements] == ["Riverside Adult Team"] and days == {}
        assert "Northfield" not in screen_text(app)
        await pilot.press("u")
        await pilot.pause()
        placements, days = on_disk(store_path, clock)
        assert {p.id for p in placements} >= {placement.id} and len(days) == 2
        assert {d.placement_id for d in days.values()} == {placement.id}
        assert "Northfield Family Centre" in screen_text(app)
        assert isinstance(app.focused, MonthCalendar)  # arrows move the calendar again


async def test_X_asks_again_naming_the_signed_off_days(repo, placement, store_path, clock, tmp_path) -> None:
    educator = Educator("Jo Educator", "Practice educator", tmp_path)
    repo.add_many(sign_off_all(repo.days(placement.id)[:1], educator, "2026-11-20T12:00:00Z"))
    app = make_app(repo, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await to_placements(pilot)
        await screen_after(pilot, Confirm, "X", "y")
        assert "1 day in it is signed off by your practice educator: Mon 16 Nov 2026" in app.screen.question
        await pilot.press("n")  # keep it
        await pilot.pause()
        assert len(on_disk(store_path, clock)[1]) == 2
        await pilot.press("X", "y", "y")
        await pilot.pause()
    placements, days = on_disk(store_path, clock)
    assert placement.id not in {p.id for p in placements} and days == {}


# -- A: archive -------------------------------------------------------------------------------------
async def test_A_archives_the_placement_hiding_it_and_keeping_its_days(
    app, placement, store_path, clock
) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert "Northfield" in screen_text(app)  # the dashboard names it before it is archived
        screen = await to_placements(pilot)
        await pilot.press("A")
        await pilot.pause()
        chips = [c.placement_id for c in screen.query(PlacementChip)]
        assert placement.id not in chips and len(chips) == 1
        placements, days = on_disk(store_path, clock)
        assert next(p for p in placements if p.id == placement.id).archived and len(days) == 2
        await pilot.press("d")
        await pilot.pause()
        assert "Northfield" not in screen_text(app)
        await pilot.press("u")
        await pilot.pause()
    placements, _ = on_disk(store_path, clock)
    assert not next(p for p in placements if p.id == placement.id).archived
