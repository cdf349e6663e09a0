"""The app's calendar export dialog, driven by keys: E opens it, Ctrl+S writes the .ics file.

Files written are read back with vobject (an independent reader), never only string-matched.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import vobject
from textual.widgets import Checkbox, Input, Static

from praxis_socialwork.store import Placement, PlacementDay, Plan, Profile, Repository
from praxis_socialwork.tui.app import PraxisApp, make_app
from praxis_socialwork.tui.forms.export_dialog import ExportDialog
from tests.tui.helpers import notified, screen_after, shown, still

SECRET = "Talked through the Example family's visit"  # a note that must not leave unless asked
# The file the pictures show: typed into the field in place of the default beside the temporary store
# (another folder every run). The dialog is never submitted then, so nothing is written there.
SHOWN_OUTPUT = "/tmp/praxis-snapshot/praxis.ics"


def seed(repo: Repository) -> dict[str, str]:
    """A placement with a logged day and a weekly supervision, both with private notes."""
    repo.save_profile(Profile(name="Sam Example", role="student", frameworks=["degree-england"]))
    placement = repo.add(
        Placement(name="Northfield Family Centre", agency="Northfield Council", start=date(2026, 9, 14),
                  planned_end=date(2026, 12, 18), required_days=70, setting="statutory", kind="first")
    )  # fmt: skip
    day = repo.add(PlacementDay(placement_id=placement.id, date=date(2026, 11, 19), hours=7.5, note=SECRET))
    plan = repo.add(
        Plan(title="Supervision", kind="supervision", date=date(2026, 9, 16), time="10:00", minutes=60,
             rules=["FREQ=WEEKLY"], location="Room 2", notes=SECRET, placement_id=placement.id)
    )  # fmt: skip
    return {"placement": placement.id, "day": day.id, "plan": plan.id}


@pytest.fixture
def ids(repo: Repository) -> dict[str, str]:
    return seed(repo)


@pytest.fixture
def app(repo: Repository, ids: dict[str, str], clock) -> PraxisApp:
    return make_app(repo, clock)


def _read(path: Path) -> vobject.base.Component:
    cal = vobject.readOne(path.read_text(encoding="utf-8"))
    cal.validate(raiseException=True)
    return cal


def _texts(cal: vobject.base.Component) -> str:
    """Every description and summary in the calendar, as one text to search."""
    parts = []
    for event in cal.vevent_list:
        for name in ("summary", "description"):
            if hasattr(event, name):
                parts.append(getattr(event, name).value)
    return "\n".join(parts)


async def _open(pilot) -> ExportDialog:
    await pilot.pause()
    return await screen_after(pilot, ExportDialog, "E")


async def _type_path(pilot, dialog: ExportDialog, path: Path) -> None:
    dialog.query_one("#output", Input).value = str(path)
    await pilot.pause()


async def _export(pilot) -> None:
    await pilot.press("ctrl+s")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_e_exports_events_and_keeps_notes_out(app: PraxisApp, ids, store_path: Path, tmp_path) -> None:
    out = tmp_path / "cal" / "mine.ics"
    async with app.run_test(size=(100, 32)) as pilot:
        dialog = await _open(pilot)
        # The file defaults to praxis.ics beside the store.
        assert dialog.query_one("#output", Input).value == str(store_path.parent / "praxis.ics")
        assert all(box.value for box in dialog.query("#includes Checkbox").results(Checkbox))
        assert not dialog.query_one("#details", Checkbox).value
        assert "Notes and reflections stay out unless ticked" in str(
            dialog.query_one("#hint-details", Static).render()
        )
        await _type_path(pilot, dialog, out)
        await _export(pilot)
        assert not isinstance(app.screen, ExportDialog)
        messages = notified(app)
        assert any(m.startswith("Wrote ") and str(out) in m and "tick Details" in m for m in messages)
    cal = _read(out)
    uids = {e.uid.value for e in cal.vevent_list}
    assert {ids["placement"], ids["day"], ids["plan"]} <= uids
    assert SECRET not in _texts(cal)


async def test_unticking_leaves_things_out_and_details_put_notes_in(app: PraxisApp, ids, tmp_path) -> None:
    out = tmp_path / "sessions.ics"
    async with app.run_test(size=(100, 32)) as pilot:
        dialog = await _open(pilot)
        await _type_path(pilot, dialog, out)
        # Tab from the file to the boxes, as a person would: untick everything but sessions.
        for word in ("placement", "deadlines", "planned", "logged"):
            dialog.query_one(f"#include-{word}", Checkbox).focus()
            await pilot.press("space")
        dialog.query_one("#details", Checkbox).focus()
        await pilot.press("space")
        assert dialog.included() == ("sessions",)
        await _export(pilot)
        assert not isinstance(app.screen, ExportDialog)
    cal = _read(out)
    uids = {e.uid.value for e in cal.vevent_list}
    assert uids == {ids["plan"]}
    assert SECRET in _texts(cal)


async def test_a_range_of_days_is_read_back_and_kept(app: PraxisApp, ids, tmp_path) -> None:
    out = tmp_path / "november.ics"
    async with app.run_test(size=(100, 32)) as pilot:
        dialog = await _open(pilot)
        await _type_path(pilot, dialog, out)
        dialog.query_one("#from", Input).focus()
        await pilot.press(*"1/11/2026")
        await pilot.pause()
        assert shown(dialog, "#hint-from") == "= Sun 1 Nov 2026"
        dialog.query_one("#to", Input).focus()
        await pilot.press(*"30/11/2026")
        await _export(pilot)
    cal = _read(out)
    logged = [e for e in cal.vevent_list if e.uid.value == ids["day"]]
    assert len(logged) == 1


async def test_a_bad_date_shows_beside_it_and_nothing_is_written(app: PraxisApp, ids, tmp_path) -> None:
    out = tmp_path / "never.ics"
    async with app.run_test(size=(100, 32)) as pilot:
        dialog = await _open(pilot)
        await _type_path(pilot, dialog, out)
        dialog.query_one("#to", Input).focus()
        await pilot.press(*"31/02/2026")
        await _export(pilot)
        assert app.screen is dialog
        assert dialog.query_one("#row-to").has_class("-invalid")
        hint = shown(dialog, "#hint-to")
        assert hint and not hint.startswith("=") and hint != "optional, day first: 1/9/2026"
        assert app.focused is dialog.query_one("#to", Input)
        # A last day before the first is refused beside it too.
        dialog.query_one("#from", Input).value = "20/11/2026"
        dialog.query_one("#to", Input).value = "10/11/2026"
        await _export(pilot)
        assert "before the first day" in shown(dialog, "#hint-to")
        # Nothing ticked at all.
        dialog.query_one("#to", Input).value = ""
        for box in dialog.query("#includes Checkbox").results(Checkbox):
            box.value = False
        await _export(pilot)
        assert "tick at least one" in shown(dialog, "#hint-include")
    assert not out.exists()


async def test_a_folder_that_cannot_be_written_shows_in_the_dialog(app: PraxisApp, ids, tmp_path) -> None:
    # A "folder" that is really a file cannot hold the calendar (this fails even for root).
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("a file, not a folder")
    async with app.run_test(size=(100, 32)) as pilot:
        dialog = await _open(pilot)
        await _type_path(pilot, dialog, not_a_folder / "praxis.ics")
        await _export(pilot)
        assert app.screen is dialog
        assert dialog.query_one("#row-output").has_class("-invalid")
        assert "not written" in shown(dialog, "#hint-output")
        assert not dialog.query_one("#save").disabled  # it can be tried again
        # A folder given as the file is refused before anything is tried.
        await _type_path(pilot, dialog, tmp_path)
        await _export(pilot)
        assert "that is a folder" in shown(dialog, "#hint-output")
    assert not_a_folder.read_text() == "a file, not a folder"
    assert not (tmp_path / "praxis.ics").exists()


async def test_esc_leaves_without_writing(app: PraxisApp, ids, store_path: Path) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await _open(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ExportDialog)
    assert not (store_path.parent / "praxis.ics").exists()


async def test_a_read_only_store_can_still_export(store_path: Path, clock, tmp_path) -> None:
    out = tmp_path / "read-only.ics"
    with Repository.open(store_path, clock) as first:
        ids = seed(first)
        with Repository.open(store_path, clock) as second:
            assert second.read_only
            app = make_app(second, clock)
            async with app.run_test(size=(100, 32)) as pilot:
                dialog = await _open(pilot)
                await _type_path(pilot, dialog, out)
                await _export(pilot)
    assert ids["plan"] in {e.uid.value for e in _read(out).vevent_list}


async def test_no_profile_means_no_dialog(store_path: Path, clock) -> None:
    with Repository.open(store_path, clock) as repo:
        app = make_app(repo, clock)
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            app.action_export_calendar()
            await pilot.pause()
            assert not isinstance(app.screen, ExportDialog)
            assert any("no store with a profile" in n.message for n in app._notifications)


async def test_the_palette_offers_it(app: PraxisApp) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "export: calendar (.ics)" in titles


# -- how it looks ---------------------------------------------------------------------------------
async def _still(pilot) -> None:
    """Open the dialog with a fixed file name, type a date, and stop cursors blinking."""
    dialog = await _open(pilot)
    dialog.query_one("#output", Input).value = SHOWN_OUTPUT
    dialog.query_one("#from", Input).focus()
    await pilot.press(*"1/11/2026")
    still(dialog, "Input")
    await pilot.pause()


@pytest.mark.parametrize("size", [(100, 32), (80, 24)], ids=["100x32", "80x24"])
def test_snapshot_dialog(snap_compare, app, size) -> None:
    assert snap_compare(app, terminal_size=size, run_before=_still)
