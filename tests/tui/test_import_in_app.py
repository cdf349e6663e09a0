"""Importing from inside the app (I, or "import: file" in the palette), undoable in one key; and the
app and the command line on one store at once. Keys pressed as a person would; the store re-read from
disk after each step."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from praxis_socialwork.store import Activity, Plan, Profile, Repository
from praxis_socialwork.tui.app import make_app, make_app_for
from praxis_socialwork.tui.forms.import_dialog import ImportDialog
from praxis_socialwork.tui.screens.activities import ActivitiesScreen
from tests.tui.helpers import import_file, notified, screen_after, shown, titles_on_disk

CSV = (
    "date,title,type,hours,learning\n"
    "2026-11-02,Reading on the Care Act,reading,1.5,Wellbeing principle\n"
    "2026-11-09,Shadowing a duty worker,shadowing,7,How screening decisions are made\n"
)
ICS = Path(__file__).parents[1] / "exports" / "data" / "skills-and-teaching-2026-27.ics"


@pytest.fixture
def repo(store_path: Path, clock):
    with Repository.open(store_path, clock) as opened:
        opened.save_profile(Profile(name="Jo Example", role="practitioner", frameworks=["swe"]))
        opened.add(Activity(date=date(2026, 10, 1), title="Kept from before", type="course", hours=2))
        yield opened


async def test_i_imports_a_csv_and_one_u_takes_it_all_back(repo, store_path, clock, tmp_path) -> None:
    csv = tmp_path / "activities.csv"
    csv.write_text(CSV, encoding="utf-8")
    app = make_app(repo, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await import_file(pilot, csv)
        assert not isinstance(app.screen, ImportDialog)
        assert titles_on_disk(store_path, clock) == [
            "Kept from before", "Reading on the Care Act", "Shadowing a duty worker"]  # fmt: skip
        assert "(activities): 2 added" in notified(app)[-1]
        await pilot.press("u")
        await pilot.pause()
        assert titles_on_disk(store_path, clock) == ["Kept from before"]
        assert notified(app)[-1] == "Undid: imported activities.csv (2 records)"
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert len(titles_on_disk(store_path, clock)) == 3


async def test_a_bad_file_is_refused_in_the_dialog_naming_the_line_and_nothing_changes(
    repo, store_path, clock, tmp_path
) -> None:
    csv = tmp_path / "activities.csv"
    csv.write_text(CSV + "2026-13-40,Bad date,reading,1,\n", encoding="utf-8")
    app = make_app(repo, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await import_file(pilot, csv)
        dialog = app.screen
        assert isinstance(dialog, ImportDialog)  # still open, saying why
        hint = shown(dialog, "#hint-file")
        assert "nothing imported" in hint and "line 4" in hint and "date" in hint
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ImportDialog)
    assert titles_on_disk(store_path, clock) == ["Kept from before"]


async def test_a_path_that_is_not_a_file_is_named_beside_the_field(repo, clock, tmp_path) -> None:
    app = make_app(repo, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await import_file(pilot, tmp_path / "nowhere.csv")
        assert "there is no file at" in shown(app, "#hint-file")


async def test_a_calendar_comes_in_as_plans_and_undo_removes_them(repo, store_path, clock) -> None:
    app = make_app(repo, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await import_file(pilot, ICS)
        assert titles_on_disk(store_path, clock, Plan) != []
        await pilot.press("u")
        await pilot.pause()
        assert titles_on_disk(store_path, clock, Plan) == []


async def test_the_palette_offers_import(repo, clock) -> None:
    app = make_app(repo, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await screen_after(pilot, ImportDialog, "ctrl+p", *"import", "enter")


async def test_a_command_saves_while_the_app_is_open_and_the_app_shows_it(
    store_path: Path, clock, env
) -> None:
    def praxis(*args: str) -> tuple[int, str, str]:
        done = subprocess.run(
            [sys.executable, "-m", "praxis_socialwork", *args], capture_output=True, text=True, timeout=120,
            env={**os.environ, **env}, cwd=Path(__file__).parents[2], stdin=subprocess.DEVNULL,
        )  # fmt: skip
        return done.returncode, done.stdout, done.stderr

    with Repository.open(store_path, clock) as setup:
        setup.save_profile(Profile(name="Jo Example", role="practitioner", frameworks=["swe"]))
    app = make_app_for(store_path, clock)  # as `praxis` opens it: the store shared with commands
    async with app.run_test(size=(100, 32)) as pilot:
        for _ in range(40):
            await pilot.pause(0.05)
            if app.is_open:
                break
        await pilot.press("a")
        await pilot.pause()
        code, out, err = praxis("add", "activity", "--date", "04/11/2026", "--title", "Added by a command",
                                "--hours", "1", "--type", "reading")  # fmt: skip
        assert code == 0, err
        code, out, _ = praxis("list", "activities")
        assert code == 0 and "Added by a command" in out
        await asyncio.sleep(2.5)  # the app looks for others' saves every 2 seconds
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ActivitiesScreen)
        assert [r.title for r in app.session.activities()] == ["Added by a command"]
        assert len(screen.table.rows) == 1
        # and the app's own next save keeps it
        app.session.add(Activity(date=date(2026, 11, 5), title="Added in the app", type="reading", hours=1))
    assert titles_on_disk(store_path, clock) == ["Added by a command", "Added in the app"]
