"""The placements screen, the day form and the placement form, driven by keys as a person would."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import Input

from praxis_socialwork.store import Placement, Profile, Repository
from praxis_socialwork.tui.app import PraxisApp, make_app
from praxis_socialwork.tui.forms.day_form import DayForm
from praxis_socialwork.tui.forms.placement_form import PlacementForm, parse_weekdays
from praxis_socialwork.tui.screens.placements import PlacementsScreen
from praxis_socialwork.tui.widgets.confirm import Confirm
from praxis_socialwork.tui.widgets.month_calendar import MonthCalendar
from tests.tui.helpers import screen_after, shown, still, stored_days, to_placements

TODAY = date(2026, 11, 22)  # the fixed clock's Sunday


@pytest.fixture
def app(repo: Repository, midway: Placement, clock) -> PraxisApp:
    return make_app(repo, clock)


# -- logging with l -----------------------------------------------------------------------------
async def test_l_then_enter_logs_today_with_the_usual_hours(app, repo, midway, store_path, clock) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, DayForm) and form.placement.id == midway.id
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, DayForm)
    repo.close()
    today = stored_days(store_path, clock)[TODAY]
    assert (today.placement_id, today.kind, today.hours) == (midway.id, "practice", 7.5)


async def test_l_on_a_day_already_logged_edits_it(app, repo, store_path, clock) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await to_placements(pilot)
        await pilot.press("l", "enter")
        await pilot.pause()
        assert shown(app, "#cell-27").strip() == "22P"  # Sunday 22 November, practice
        await screen_after(pilot, DayForm, "l")
        assert "Edit a placement day" in shown(app, "#form-title")
        assert "already logged" in shown(app, "#form-note")
        await pilot.press("tab", "tab")  # date → kind → hours (its text is selected on focus)
        await pilot.press("6", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, DayForm)
    repo.close()
    days = stored_days(store_path, clock)
    assert days[TODAY].hours == 6.0
    assert len(days) == 41  # edited in place, not a second day


async def test_day_form_shows_the_store_refusing_a_date_beside_the_date(app) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l", "ctrl+u", *"01/09/2026")
        await pilot.pause()
        assert shown(app, "#row-date .field-hint") == "= Tue 1 Sep 2026"
        await screen_after(pilot, DayForm, "enter")
        assert "before Northfield Family Centre starts" in shown(app, "#error-date")
        await pilot.press("ctrl+u", *"23/11/2026", "enter")  # tomorrow
        await pilot.pause()
        assert "in the future" in shown(app, "#error-date")
    assert TODAY not in {d.date for d in app.session.days()}


async def test_l_with_no_placement_says_to_add_one_first(repo, clock) -> None:
    repo.save_profile(Profile(name="Sam Example", role="student"))
    app = make_app(repo, clock)
    said: list[str] = []
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        original = app.notify
        app.notify = lambda message, **kw: (said.append(message), original(message, **kw))  # type: ignore[method-assign]
        await pilot.press("l")
        await pilot.pause()
        assert not isinstance(app.screen, DayForm)
    assert said == ["Add a placement first: p, then n"]


async def test_a_read_only_store_opens_no_day_form(repo, midway, store_path, clock) -> None:
    with Repository.open(store_path, clock) as second:
        assert second.read_only
        app = make_app(second, clock)
        async with app.run_test(size=(100, 32)) as pilot:
            await to_placements(pilot)
            for key in ("l", "b", "enter"):
                await pilot.press(key)
                await pilot.pause()
                assert isinstance(app.screen, PlacementsScreen), key


# -- the screen ---------------------------------------------------------------------------------
async def test_screen_shows_the_running_placement_its_totals_and_projection(app) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await to_placements(pilot)
        assert shown(app, "#cal-title") == "November 2026"
        assert "Northfield Family Centre" in shown(app, "#placement-facts")
        assert shown(app, "#counted-line") == "Counted 37 of 70 days · 33 to go"
        totals = shown(app, "#totals")
        assert "A absence       2" in totals and "X sick          1" in totals
        assert "Verified  0/37 days (0/277.5 h)" in totals  # nothing signed off by the educator yet
        assert "Your pace so far 3.5 days/wk (4 wk)" in totals  # 14 worked in the last 4 weeks
        # 33 more: working every day from Mon 23 Nov, less Christmas, Boxing Day and New Year's Day.
        assert "Planned finish Mon 11 Jan 2027" in totals
        # At 14 of 20 working days, 48 working days from Mon 23 Nov, the same bank holidays skipped.
        assert "At your pace so far: Mon 1 Feb 2027" in totals
        assert "28 working days after planned end" in totals
        assert shown(app, "#day-line") == "Sun 22 Nov 2026 · not logged"
        calendar = app.screen.query_one(MonthCalendar)
        assert calendar.has_focus and calendar.cursor == TODAY
        assert app.screen.query_one("#cell-27").has_class("-today")  # Sun 22 Nov
        assert app.screen.query_one("#cell-15").has_class("-absence")  # Tue 10 Nov
        assert not app.screen.query_one("#cell-18").has_class("-off")  # Fri 13 Nov: a working day
        assert app.screen.query_one("#cell-19").has_class("-off")  # Sat 14 Nov


async def test_month_keys_move_the_calendar_and_a_click_selects_a_day(app) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await to_placements(pilot)
        await pilot.press("left_square_bracket")
        assert shown(app, "#cal-title") == "October 2026"
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert shown(app, "#cal-title") == "December 2026"
        await pilot.press("pagedown")
        assert shown(app, "#cal-title") == "January 2027"
        await pilot.press("pageup", "pageup", "t")
        assert shown(app, "#cal-title") == "November 2026"
        await pilot.press("up")
        assert shown(app, "#day-line") == "Sun 15 Nov 2026 · not logged"
        await pilot.click("#cell-14")  # Monday 9 November
        await pilot.pause()
        assert shown(app, "#day-line") == "Mon 9 Nov 2026 · practice · 7.5 h"
        await pilot.click("#cal-prev")
        assert shown(app, "#cal-title") == "October 2026"
        await pilot.click("#cal-next")
        await pilot.double_click("#cell-14")  # opens Monday 9 November to edit
        await pilot.pause()
        assert isinstance(app.screen, DayForm)
        assert "Mon 9 Nov 2026 is already logged" in shown(app, "#form-note")


async def test_b_marks_the_selected_day_an_absence(app, repo, store_path, clock) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await to_placements(pilot)
        await pilot.press("left", "left")  # Friday 20 November, not logged
        await screen_after(pilot, DayForm, "b")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one("#cell-25").has_class("-absence")
        assert shown(app, "#day-line") == "Fri 20 Nov 2026 · absence"
        await pilot.press("left", "b", "enter")  # Thursday 19 November was practice
        await pilot.pause()
    repo.close()
    days = stored_days(store_path, clock)
    assert (days[date(2026, 11, 20)].kind, days[date(2026, 11, 20)].hours) == ("absence", 0.0)
    assert days[date(2026, 11, 19)].kind == "absence"
    assert len(days) == 41


async def test_x_deletes_the_selected_day_after_asking_and_u_brings_it_back(
    app, repo, store_path, clock
) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await to_placements(pilot)
        await pilot.press("left", "left", "left")  # Thursday 19 November
        await screen_after(pilot, Confirm, "x")
        await pilot.press("n")  # kept
        await pilot.pause()
        assert date(2026, 11, 19) in {d.date for d in app.session.days()}
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert shown(app, "#day-line") == "Thu 19 Nov 2026 · not logged"
        assert shown(app, "#counted-line").startswith("Counted 36 of 70 days · ")
    repo.close()
    assert date(2026, 11, 19) not in stored_days(store_path, clock)


async def test_undo_brings_a_deleted_day_back(app) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await to_placements(pilot)
        await pilot.press("left", "left", "left", "x")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        assert shown(app, "#day-line") == "Thu 19 Nov 2026 · practice · 7.5 h"


async def test_enter_on_a_future_day_says_it_has_not_happened(app) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await to_placements(pilot)
        await screen_after(pilot, PlacementsScreen, "down", "enter")


async def test_other_placement_is_chosen_from_the_row_of_names(app, midway) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await to_placements(pilot)
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert "Riverside Adult Team" in shown(app, "#placement-facts")
        assert shown(app, "#cal-title") == "February 2027"  # not started: its first month
        assert "Not enough days logged to project" in shown(app, "#totals")
        # 60 Mondays to Wednesdays from Mon 1 Feb, less Easter Monday and the two May bank holidays.
        assert "Planned finish Wed 23 Jun 2027" in shown(app, "#totals")
        chip = next(c for c in screen.query("PlacementChip") if c.placement_id == midway.id)
        await pilot.click(chip)
        await pilot.pause()
        assert screen.chosen_id == midway.id
        assert shown(app, "#cal-title") == "November 2026"


async def test_show_placement_jumps_to_a_placement(app) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await to_placements(pilot)
        riverside = next(p for p in app.session.placements() if p.name == "Riverside Adult Team")
        screen.show_placement(riverside.id)
        await pilot.pause()
        assert "Riverside Adult Team" in shown(app, "#placement-facts")


async def test_every_palette_command_names_an_action_the_screen_has(app) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await to_placements(pilot)
        titles = [title for title, _, _ in screen.palette_commands()]
        assert "placement: new" in titles and "log: absence" in titles
        for _, _, action in screen.palette_commands():
            assert hasattr(screen, "action_" + action.split("(")[0]), action
        await app.run_action("month(-1)", screen)
        assert shown(app, "#cal-title") == "October 2026"


async def test_with_no_placements_the_screen_says_how_to_add_one(repo, clock) -> None:
    repo.save_profile(Profile(name="Sam Example", role="student"))
    app = make_app(repo, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await to_placements(pilot)
        assert screen.query_one("#placements-empty").display
        assert not screen.query_one("#placement-body").display
        await pilot.press("n", *"Hillside Youth Project", "tab", "tab", "tab", "tab", *"14/09/2026")
        await screen_after(pilot, PlacementsScreen, "tab", "tab", *"70", "enter")
        assert not screen.query_one("#placements-empty").display
        assert shown(app, "#counted-line").startswith("Counted 0 of 70 days · ")
        assert "Not enough days logged to project" in shown(app, "#totals")


# -- the placement form ---------------------------------------------------------------------------
async def test_new_placement_with_a_bad_date_shows_why_beside_the_field_and_saves_nothing(
    app, repo, store_path, clock
) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await to_placements(pilot)
        await screen_after(pilot, PlacementForm, "n")
        await pilot.press(*"Hillside Youth Project")
        await pilot.press("tab", "tab", "tab", "tab")  # agency, setting, kind, start
        form = await screen_after(pilot, PlacementForm, *"31/02/2027", "enter")
        assert form.query_one("#row-start").has_class("-invalid")
        assert "not a real date" in shown(app, "#error-start")
        assert "is required" in shown(app, "#error-required_days")
        assert len(app.session.placements()) == 2
        # Put it right: the start, then the days; Enter saves and the screen shows it.
        await screen_after(pilot, PlacementsScreen, "ctrl+u", *"01/03/2027", "tab", "tab", *"60", "enter")
        assert "Hillside Youth Project" in shown(app, "#placement-facts")
    repo.close()
    with Repository.open(store_path, clock) as again:
        names = {p.name: p for p in again.placements()}
    assert names["Hillside Youth Project"].start == date(2027, 3, 1)
    assert names["Hillside Youth Project"].required_days == 60


async def test_bad_date_alone_saves_nothing(app, repo, store_path, clock) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await to_placements(pilot)
        await pilot.press("n", *"Hillside Youth Project", "tab", "tab", "tab", "tab", *"3O/03/2027")
        await screen_after(pilot, PlacementForm, "tab", "tab", *"60", "enter")
        assert "not a date" in shown(app, "#error-start")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    repo.close()
    with Repository.open(store_path, clock) as again:
        assert [p.name for p in again.placements()] == ["Northfield Family Centre", "Riverside Adult Team"]


async def test_e_edits_the_placement_shown(app, repo, store_path, clock) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await to_placements(pilot)
        await screen_after(pilot, PlacementForm, "e")
        assert app.screen.query_one("#field-required_days", Input).value == "70"
        for _ in range(6):
            await pilot.press("tab")  # to the days required
        await pilot.press(*"80", "enter")
        await pilot.pause()
        assert shown(app, "#counted-line").startswith("Counted 37 of 80 days · ")
    repo.close()
    with Repository.open(store_path, clock) as again:
        assert {p.name: p.required_days for p in again.placements()}["Northfield Family Centre"] == 80


def test_working_days_are_read_as_people_type_them() -> None:
    assert parse_weekdays("mon-fri") == ["mon", "tue", "wed", "thu", "fri"]
    assert parse_weekdays("Thursday, monday wed") == ["mon", "wed", "thu"]
    with pytest.raises(ValueError, match="not a known weekday"):
        parse_weekdays("mon,funday")


# -- snapshots ------------------------------------------------------------------------------------
@pytest.mark.parametrize("size", [(100, 32), (80, 24)])
def test_snapshot_screen(snap_compare, app, size) -> None:
    assert snap_compare(app, terminal_size=size, press=["p"])


@pytest.mark.parametrize("size", [(100, 32), (80, 24)])
def test_snapshot_day_form(snap_compare, app, size) -> None:
    async def open_form(pilot) -> None:
        await pilot.press("p", "l")
        await pilot.pause()
        still(pilot.app.screen, "Input")

    assert snap_compare(app, terminal_size=size, run_before=open_form)


@pytest.mark.parametrize("size", [(100, 32), (80, 24)])
def test_snapshot_placement_form(snap_compare, app, size) -> None:
    async def open_form(pilot) -> None:
        await pilot.press("p", "e")
        await pilot.pause()
        still(pilot.app.screen, "Input")

    assert snap_compare(app, terminal_size=size, run_before=open_form)
