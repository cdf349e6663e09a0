"""Days a practice educator signed off, on the student's side: the calendar marks them (and those
changed since), and the day form warns before a change that would undo a sign-off. Keys pressed as a
person would; the store read back from disk."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Input

from praxis_socialwork.store import Repository
from praxis_socialwork.store.signing import Educator, new_key, sign_off_all
from praxis_socialwork.store.trust import pin_key
from praxis_socialwork.tui.app import make_app
from praxis_socialwork.tui.forms.day_form import DayForm
from praxis_socialwork.tui.screens.placements import PlacementsScreen
from praxis_socialwork.tui.widgets.confirm import Confirm
from praxis_socialwork.tui.widgets.month_calendar import DayCell
from tests.tui.helpers import midway_student, screen_after, screen_text, shown, stored_days, to_placements

SIGNED_AT = "2026-11-20T17:00:00+00:00"
MON, TUE, WED, THU = (date(2026, 11, d) for d in (16, 17, 18, 19))


@pytest.fixture
def repo(store_path: Path, clock, tmp_path: Path):
    """The mid-way placement with Mon 16 – Wed 18 Nov signed off together with Jo's key (which the
    student confirmed), then Tue 17 Nov edited; Thu 19 Nov signed off without a key."""
    with Repository.open(store_path, clock) as opened:
        midway_student(opened)
        jo = new_key(tmp_path / "jo-keys", "Jo Educator", "Practice educator")
        week = [d for d in opened.days() if d.date in (MON, TUE, WED)]
        opened.add_many(sign_off_all(week, jo, SIGNED_AT, "Good week.", use_key=True))
        pin_key(opened.path, jo.name, jo.public_key, "2026-11-20")
        keyless = Educator("Jo Educator", "Practice educator", Path("/nonexistent"))
        opened.add_many(sign_off_all([d for d in opened.days() if d.date == THU], keyless, SIGNED_AT))
        tuesday = next(d for d in week if d.date == TUE)
        opened.update(replace(tuesday, note="Added afterwards"))
        yield opened


def cell(app, index: int) -> DayCell:
    return app.screen.query_one(f"#cell-{index}", DayCell)


async def test_the_calendar_marks_days_signed_off_and_changed_since(repo, clock) -> None:
    app = make_app(repo, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await to_placements(pilot)
        # November 2026's grid starts on Mon 26 Oct: Mon 16 Nov is cell 21.
        assert str(cell(app, 21).render()) == "✓16P" and cell(app, 21).has_class("-signed")
        assert str(cell(app, 22).render()) == "!17P" and cell(app, 22).has_class("-changed")
        assert str(cell(app, 23).render()) == "✓18P" and not cell(app, 23).has_class("-changed")
        # Thu 19 Nov was signed off without a key: recorded, not verified.
        assert str(cell(app, 24).render()) == "?19P" and cell(app, 24).has_class("-recorded")
        assert not cell(app, 24).has_class("-signed") and not cell(app, 24).has_class("-changed")
        assert str(cell(app, 25).render()) == " 20 "  # not logged
        squeezed = screen_text(app).replace(" ", "")
        assert "✓signed" in squeezed and "?recorded" in squeezed and "!changed" in squeezed  # the legend
        await pilot.press("up", "right")  # Mon 16 Nov
        assert shown(app, "#day-line") == (
            "Mon 16 Nov 2026 · practice · 7.5 h\n✓ signed off 20 Nov · Jo Educator"
        )
        await pilot.press("right")
        assert shown(app, "#day-line").endswith("\n! changed since sign-off")
        await pilot.press("right", "right")
        assert shown(app, "#day-line").endswith("\n! recorded, not signed")


async def test_editing_a_signed_day_asks_first_and_cancel_saves_nothing(repo, store_path, clock) -> None:
    app = make_app(repo, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await to_placements(pilot)
        await pilot.press("up", "right", "enter")  # Mon 16 Nov, signed off
        await pilot.pause()
        form = app.screen
        assert isinstance(form, DayForm)
        assert "Signed off by Jo Educator (Practice educator) on Fri 20 Nov 2026" in shown(app, "#form-note")
        form.query_one("#field-hours", Input).value = "9"
        await screen_after(pilot, Confirm, "ctrl+s")
        said = " ".join(shown(app, "#question").split())
        assert "Mon 16 Nov 2026 is signed off by Jo Educator (Practice educator) on Fri 20 Nov 2026." in said
        assert '"changed since sign-off": its 7.5 hours stop counting as verified' in said
        await pilot.press("n")  # cancel: nothing saved, the form stays as typed
        await pilot.pause()
        assert app.screen is form and form.query_one("#field-hours", Input).value == "9"
        assert stored_days(store_path, clock)[MON].hours == 7.5

        await screen_after(pilot, Confirm, "ctrl+s")
        await pilot.press("y")  # accept: saved, and the day now shows as changed
        await pilot.pause()
        assert isinstance(app.screen, PlacementsScreen)
        assert str(cell(app, 21).render()) == "!16P" and cell(app, 21).has_class("-changed")
        assert "Verified  1/37 days (7.5/279 h)" in shown(app, "#totals")  # only Wed 18 Nov still verified
    assert stored_days(store_path, clock)[MON].hours == 9.0


async def test_saving_a_signed_day_unchanged_or_an_unsigned_day_asks_nothing(repo, store_path, clock) -> None:
    app = make_app(repo, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await to_placements(pilot)
        await pilot.press("up", "right", "right", "right", "enter")  # Wed 18 Nov, signed off
        await pilot.pause()
        assert isinstance(app.screen, DayForm)
        await pilot.press("ctrl+s")  # nothing changed: no question
        await pilot.pause()
        assert isinstance(app.screen, PlacementsScreen)
        await pilot.press("up", "enter")  # Wed 11 Nov, not signed off
        await pilot.pause()
        app.screen.query_one("#field-hours", Input).value = "6"
        await screen_after(pilot, PlacementsScreen, "ctrl+s")
    assert stored_days(store_path, clock)[date(2026, 11, 11)].hours == 6.0


async def test_a_day_signed_off_without_a_key_still_asks_before_a_change(repo, store_path, clock) -> None:
    app = make_app(repo, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await to_placements(pilot)
        await pilot.press("up", "right", "right", "right", "right", "enter")  # Thu 19 Nov, recorded
        await pilot.pause()
        app.screen.query_one("#field-hours", Input).value = "6"
        await screen_after(pilot, Confirm, "ctrl+s")
        assert "Thu 19 Nov 2026 is signed off by Jo Educator" in " ".join(shown(app, "#question").split())
