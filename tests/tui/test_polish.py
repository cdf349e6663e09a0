"""Small things seen in the walk-through (issue 12, point 16), driven by keys as a person would."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from praxis_socialwork.store import Placement, Repository
from praxis_socialwork.tui.app import PraxisApp, make_app
from praxis_socialwork.tui.forms.day_form import DayForm
from praxis_socialwork.tui.help_screen import HelpScreen
from tests.tui.helpers import notified, practitioner, screen_after, screen_text


@pytest.fixture
def app(repo: Repository, midway: Placement, clock) -> PraxisApp:
    return make_app(repo, clock)


# -- F1 on Placements shows keys, not markup ------------------------------------------------------
async def test_f1_on_placements_shows_the_bracket_keys_without_markup(app) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        await screen_after(pilot, HelpScreen, "f1")
        text = screen_text(app)
        assert "[/b]" not in text and "[/]" not in text
        month_before = next(line for line in text.splitlines() if "Month before" in line)
        assert "[ / pgup" in month_before and "calendar.page-up" in month_before


# -- a bad date is explained once ------------------------------------------------------------------
async def test_a_date_that_is_not_real_is_explained_once_under_the_date(app) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await screen_after(pilot, DayForm, "l", "ctrl+u", *"31/02/2026", "enter")
        text = screen_text(app)
        assert text.count("'31/02/2026' is not a real date") == 1
        # Typing a date that reads shows what it reads as again.
        await pilot.press("ctrl+u", *"20/11/2026")
        await pilot.pause()
        await pilot.pause()
        assert "= Fri 20 Nov 2026" in screen_text(app)


# -- toasts leave dialogs uncovered -----------------------------------------------------------------
@pytest.mark.parametrize("size", [(100, 32), (80, 24)])
async def test_a_toast_over_a_form_takes_room_above_it_not_its_fields(app, tmp_path: Path, size) -> None:
    from textual.widgets._toast import Toast

    # A warning shown as the app starts (a key map entry it cannot use), still up as l opens the form.
    (tmp_path / "config" / "praxis").mkdir(parents=True)
    (tmp_path / "config" / "praxis" / "keys.toml").write_text('[keys]\n"view.activites" = "f3"\n')
    async with app.run_test(size=size, notifications=True) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("l")
        await pilot.pause(0.3)
        assert isinstance(app.screen, DayForm)
        toasts = list(app.screen.query(Toast))
        assert toasts, "the warning shows over the form"
        form = app.screen.query_one("#form").region
        for toast in toasts:
            assert not toast.region.overlaps(form)
        text = screen_text(app)
        assert "'view.activites'" in text
        assert "Save (Ctrl+S)" in text and "Date" in text
        # Whatever a message's length (so wherever its lines wrap), the form starts below it.
        for words in range(4, 30, 3):
            app.clear_notifications()
            app.notify(" ".join(["warning"] * words), title="Check", severity="warning")
            await pilot.pause(0.3)
            form = app.screen.query_one("#form").region
            for toast in app.screen.query(Toast):
                assert not toast.region.overlaps(form), words


async def test_a_restored_draft_is_said_in_the_form_not_over_it(app, midway) -> None:
    from textual.widgets._toast import Toast

    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        # A draft kept from before (a crash): the form says so as it opens.
        key = f"day-new-{midway.id}-2026-11-22"
        app.session.drafts.save(key, {"values": {"date": "22/11/2026", "kind": "practice", "hours": "6",
                                                 "note": "home visits"}})  # fmt: skip
        await pilot.press("l")
        await pilot.pause(0.3)
        assert isinstance(app.screen, DayForm) and app.screen.restored_draft
        assert not list(app.screen.query(Toast))
        notice = str(app.screen.query_one("#form-problem").render())
        assert notice == "Your unsaved draft was restored. Esc and discard to drop it."
        assert "Your unsaved draft was restored" in screen_text(app)


# -- deadline names wrap, not cut ------------------------------------------------------------------
@pytest.mark.parametrize("size", [(100, 32), (80, 24)])
async def test_a_long_deadline_name_wraps_in_the_deadlines_panel(store_path: Path, clock, size) -> None:
    with Repository.open(store_path, clock) as repo:
        practitioner(repo)
        app = make_app(repo, clock)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            panel = str(app.screen.query_one("#deadlines").render())
            assert "…" not in panel
            wrapped = "SWE due: At least 2 different\npieces of CPD this\nregistration year (and 1 more)"
            assert wrapped in panel
            text = screen_text(app)
            assert "registration year (and 1 more)" in text


# -- remapped keys: on the tabs, and named when the id is unknown ----------------------------------
def write_keys(tmp_path: Path, text: str) -> None:
    folder = tmp_path / "config" / "praxis"
    folder.mkdir(parents=True)
    (folder / "keys.toml").write_text(text)


async def test_the_tabs_name_the_key_keys_toml_gives(app, tmp_path: Path) -> None:
    write_keys(tmp_path, '[keys]\n"view.activities" = "f3"\n"view.placements" = "f4,P"\n')
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        tabs = str(app.screen.query_one("#page-tabs").render())
        assert "Activities (f3)" in tabs and "Activities (a)" not in tabs
        assert "Placements (f4)" in tabs
        assert "Dashboard (d)" in tabs
        await pilot.press("f3")
        await pilot.pause()
        assert app.current_mode == "activities"
        assert "Activities (f3)" in str(app.screen.query_one("#page-tabs").render())


async def test_an_id_no_key_has_is_named_and_the_rest_of_keys_toml_is_used(app, tmp_path: Path) -> None:
    write_keys(tmp_path, '[keys]\n"view.activites" = "f3"\n"view.placements" = "f4"\n"calendar.today" = "T"')
    async with app.run_test(size=(100, 32)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        messages = notified(app)
        assert len(messages) == 1
        assert messages[0].endswith(
            "keys.toml: no key has the id 'view.activites' (did you mean 'view.activities'?);"
            " ids are listed in F1"
        )
        await pilot.press("f4")  # the entries with known ids are used
        await pilot.pause()
        assert app.current_mode == "placements"


# -- a practitioner without placements is not shown placement keys ---------------------------------
async def test_a_practitioner_without_placements_sees_no_placement_keys(store_path: Path, clock) -> None:
    with Repository.open(store_path, clock) as repo:
        practitioner(repo)
        app = make_app(repo, clock)
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            text = screen_text(app)
            assert "Log day" not in text
            assert "Placements (p)" not in str(app.screen.query_one("#page-tabs").render())
            assert "u Undo" in text  # the other keys stay
            palette = [c.title for c in app.get_system_commands(app.screen)]
            assert "log: placement day" not in palette and "view: placements" in palette
            await pilot.press("f1")
            await pilot.pause()
            assert "Log day" not in screen_text(app)
            await pilot.press("escape", "l")  # nothing opens
            await pilot.pause()
            assert not isinstance(app.screen, DayForm)
            await pilot.press("p")  # the screen stays reachable, to add one
            await pilot.pause()
            assert app.current_mode == "placements"
            assert "Placements (p)" in str(app.screen.query_one("#page-tabs").render())
        # With a placement, its keys show.
        repo.add(Placement(name="AMHP training", start=date(2026, 11, 2), required_days=20, hours_per_day=7))
        app = make_app(repo, clock)
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            assert "Log day" in screen_text(app)
            assert "Placements (p)" in str(app.screen.query_one("#page-tabs").render())


async def test_a_student_without_placements_keeps_l_which_says_what_to_do(store_path: Path, clock) -> None:
    from praxis_socialwork.store import Profile

    with Repository.open(store_path, clock) as repo:
        repo.save_profile(Profile(name="Sam Example", role="student", frameworks=["degree-england"]))
        app = make_app(repo, clock)
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            assert "Log day" in screen_text(app)
            assert "Placements (p)" in str(app.screen.query_one("#page-tabs").render())
