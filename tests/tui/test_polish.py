"""Small things seen in the walk-through (issue 12, point 16), driven by keys as a person would."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from store import Placement, Repository
from tests.tui.test_dashboard import screen_text
from tests.tui.test_placements import seed
from tui.app import PraxisApp, make_app
from tui.forms.day_form import DayForm
from tui.help_screen import HelpScreen


@pytest.fixture(autouse=True)
def _own_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No key map or frameworks from the real user's config folder."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


@pytest.fixture
def repo(store_path: Path, clock) -> Iterator[Repository]:
    with Repository.open(store_path, clock) as opened:
        yield opened


@pytest.fixture
def midway(repo: Repository) -> Placement:
    return seed(repo)


@pytest.fixture
def app(repo: Repository, midway: Placement, clock) -> PraxisApp:
    return make_app(repo, clock)


# -- F1 on Placements shows keys, not markup ------------------------------------------------------
async def test_f1_on_placements_shows_the_bracket_keys_without_markup(app) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "[/b]" not in text and "[/]" not in text
        month_before = next(line for line in text.splitlines() if "Month before" in line)
        assert "[ / pgup" in month_before and "calendar.page-up" in month_before


# -- a bad date is explained once ------------------------------------------------------------------
async def test_a_date_that_is_not_real_is_explained_once_under_the_date(app) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("l", "ctrl+u", *"31/02/2026", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DayForm)
        text = screen_text(app)
        assert text.count("'31/02/2026' is not a real date") == 1
        # Typing a date that reads shows what it reads as again.
        await pilot.press("ctrl+u", *"20/11/2026")
        await pilot.pause()
        await pilot.pause()
        assert "= Fri 20 Nov 2026" in screen_text(app)


# -- toasts leave dialogs uncovered -----------------------------------------------------------------
@pytest.mark.parametrize("size", [(100, 32), (80, 24)])
async def test_a_notice_over_a_form_takes_room_above_it_not_its_fields(app, midway, size) -> None:
    from textual.widgets._toast import Toast

    async with app.run_test(size=size, notifications=True) as pilot:
        # A draft kept from before (a crash): the form says so in a notice as it opens.
        key = f"day-new-{midway.id}-2026-11-22"
        app.session.drafts.save(key, {"values": {"date": "22/11/2026", "kind": "practice", "hours": "6",
                                                 "note": "home visits"}})  # fmt: skip
        await pilot.press("l")
        await pilot.pause(0.3)
        assert isinstance(app.screen, DayForm) and app.screen.restored_draft
        toasts = list(app.screen.query(Toast))
        assert toasts, "the draft notice shows"
        form = app.screen.query_one("#form").region
        for toast in toasts:
            assert not toast.region.overlaps(form)
        assert "Your unsaved draft was restored" in screen_text(app)
        assert "Save (Ctrl+S)" in screen_text(app)


# -- deadline names wrap, not cut ------------------------------------------------------------------
@pytest.mark.parametrize("size", [(100, 32), (80, 24)])
async def test_a_long_deadline_name_wraps_in_the_deadlines_panel(store_path: Path, clock, size) -> None:
    from tests.tui.test_dashboard import practitioner

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
