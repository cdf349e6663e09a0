"""The dashboard and the app around it, driven by keys as a person would, on a real temp store."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Input

from praxis_socialwork.services.dashboard_data import DashboardCache, weekly_hours
from praxis_socialwork.services.session import Session
from praxis_socialwork.store import (
    Activity,
    Placement,
    PlacementDay,
    PraxisError,
    Profile,
    Repository,
    StoreDamagedError,
)
from praxis_socialwork.tui.app import make_app, make_app_for
from praxis_socialwork.tui.forms.activity_form import ActivityForm
from praxis_socialwork.tui.help_screen import HelpScreen
from praxis_socialwork.tui.screens.activities import ActivitiesScreen
from praxis_socialwork.tui.screens.dashboard import DashboardScreen, FindingList
from praxis_socialwork.tui.screens.opening import CannotOpenScreen
from tests.tui.helpers import notified, practitioner, screen_after, screen_text, shown


async def test_the_dashboard_shows_each_framework_its_findings_and_deadlines(store_path: Path, clock) -> None:
    with Repository.open(store_path, clock) as repo:
        practitioner(repo)
        app = make_app(repo, clock)
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, DashboardScreen)
            panels = list(app.screen.query(".fw-panel"))
            assert [p.border_title for p in panels] == [
                "Social Work England: CPD for registration (2021 rules)"
            ]
            text = screen_text(app)
            assert "AT RISK" in text and "1 of 2 pieces" in text
            assert "30 Nov 2026" in text and "8 days" in text  # the next deadline, with days left
            assert "As of Sun 22 Nov 2026: 2 at risk" in text
            # the hours chart counts the 6-hour course in its week (w/c 2 Nov)
            assert "02 Nov" in text


async def test_enter_on_a_finding_shows_the_records_behind_it(store_path: Path, clock) -> None:
    with Repository.open(store_path, clock) as repo:
        course = practitioner(repo)
        repo.add(Activity(date=date(2025, 5, 1), title="Last year's reading", type="reading", hours=1))
        app = make_app(repo, clock)
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            # Last year's two findings come first (missed: the reading is no piece); then this year's
            await pilot.press("down", "down", "enter")  # 1 of 2 pieces, behind it the course
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ActivitiesScreen)
            assert [rid for rid, _ in screen.table.rows] == [course.id]
            assert "At least 2 different pieces" in screen_text(app)


async def test_n_on_a_gap_opens_a_form_that_closes_it(store_path: Path, clock) -> None:
    with Repository.open(store_path, clock) as repo:
        practitioner(repo)
        app = make_app(repo, clock)
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            await pilot.press("down", "n")  # the peer-reflection finding
            await pilot.pause()
            assert isinstance(app.screen, ActivityForm)
            assert app.screen.values()["date"] in ("22/11/2026", "2026-11-22", "Sun 22 Nov 2026")


async def test_a_cpd_piece_with_a_peer_reflection_changes_the_dashboard_and_undo_takes_it_back(
    store_path: Path, clock
) -> None:
    with Repository.open(store_path, clock) as repo:
        practitioner(repo)
        app = make_app(repo, clock)
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            assert "2 at risk" in screen_text(app)
            form = await screen_after(pilot, ActivityForm, "a", "n")
            form.query_one("#field-title", Input).value = "Peer discussion on a hard case"
            form.set_values({"type": "peer-discussion", "hours": "1.5", "peer": "A colleague",
                             "peer_role": "Senior practitioner",
                             "peer_reflection": "We talked through how I weighed the risks.",
                             "learning": "Naming the risk I weigh", "impact": "Clearer plans"})  # fmt: skip
            await pilot.press("ctrl+s")
            await pilot.pause()
            await pilot.press("d")
            await pilot.pause()
            text = screen_text(app)
            assert "2 at risk" not in text and "MET" in text
            await pilot.press("u")
            await pilot.pause()
            assert "2 at risk" in screen_text(app)
        assert [a.title for a in repo.activities()] == ["Mental Capacity Act refresher"]


async def test_undo_works_from_any_screen_and_says_what_it_undid(store_path: Path, clock) -> None:
    with Repository.open(store_path, clock) as repo:
        practitioner(repo)
        app = make_app(repo, clock)
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            gone = app.session.activities()[0]
            app.session.delete(gone)
            await pilot.press("p", "u")
            await pilot.pause()
            assert notified(app)[-1] == "Undid: deleted activity 'Mental Capacity Act refresher'"
            await pilot.press("u")
            await pilot.pause()
            assert "Nothing to undo." in notified(app)
        restored = repo.get(Activity, gone.id)
        assert restored.created == gone.created and restored.sequence == gone.sequence + 1


async def test_f1_lists_every_key_and_ctrl_p_finds_actions_by_name(store_path: Path, clock) -> None:
    with Repository.open(store_path, clock) as repo:
        practitioner(repo)
        app = make_app(repo, clock)
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            await screen_after(pilot, HelpScreen, "f1")
            text = screen_text(app)
            # No "Log day": a practitioner without placements is not shown it (tests/tui/test_polish.py).
            for words in ("Undo", "Activities", "New to close gap", "Quit"):
                assert words in text
            # The key map's path is long in a temp folder and wraps, so read the foot as one text.
            assert "keys.toml" in shown(app, "#help-foot")
            await pilot.press("escape", "ctrl+p")
            await pilot.pause()
            await pilot.press(*"view: activ")
            await pilot.pause(0.3)
            await pilot.press("enter")
            await pilot.pause()
            assert app.current_mode == "activities"


async def test_keys_can_be_remapped_in_keys_toml(store_path: Path, clock, tmp_path: Path) -> None:
    folder = tmp_path / "config" / "praxis"
    folder.mkdir(parents=True)
    (folder / "keys.toml").write_text('[keys]\n"view.activities" = "f3"\n')
    with Repository.open(store_path, clock) as repo:
        practitioner(repo)
        app = make_app(repo, clock)
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            await pilot.press("a")  # no longer bound
            await pilot.pause()
            assert app.current_mode == "dashboard"
            await pilot.press("f3")
            await pilot.pause()
            assert app.current_mode == "activities"


async def test_a_bad_key_map_is_explained_and_the_defaults_kept(
    store_path: Path, clock, tmp_path: Path
) -> None:
    folder = tmp_path / "config" / "praxis"
    folder.mkdir(parents=True)
    (folder / "keys.toml").write_text('[keys]\n"view.activities" = \n')
    with Repository.open(store_path, clock) as repo:
        practitioner(repo)
        app = make_app(repo, clock)
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            messages = notified(app)
            assert any("keys.toml" in m and "line 2" in m for m in messages)
            await pilot.press("a")
            await pilot.pause()
            assert app.current_mode == "activities"


async def test_started_from_the_command_line_it_opens_the_store_and_keeps_a_dashboard_for_next_time(
    store_path: Path, clock
) -> None:
    with Repository.open(store_path, clock) as repo:
        practitioner(repo)
    first = make_app_for(store_path, clock)
    assert first.preview is None
    async with first.run_test(size=(100, 32)) as pilot:
        await first.workers.wait_for_complete()
        await pilot.pause()
        assert first.is_open and isinstance(first.screen, DashboardScreen)
        assert "1 of 2 pieces" in screen_text(first)
    cached = DashboardCache(store_path).load(date(2026, 11, 22))
    assert cached is not None and cached.counts["activities"] == 1
    second = make_app_for(store_path, clock)
    assert second.preview is not None and second.preview.findings[0].records == ()  # read after painting
    assert second.preview == replace(cached, findings=second.preview.findings)
    async with second.run_test(size=(100, 32)) as pilot:
        assert "1 of 2 pieces" in screen_text(second)
        second.screen.complete_preview()  # as Enter, n or x on a finding does before the store opens
        assert second.preview == cached  # painted at once from it while the store opens, records and all
        lists = second.screen.query(FindingList)
        assert [f for fl in lists for f in fl.findings] == cached.findings
        await pilot.pause(0.3)  # the store is read a moment after the first paint
        await second.workers.wait_for_complete()
        await pilot.pause()
        assert second.is_open


def test_the_cached_dashboard_is_not_used_once_the_store_changes(store_path: Path, clock) -> None:
    with Repository.open(store_path, clock) as repo:
        practitioner(repo)
        session = Session(repo, clock)
        from praxis_socialwork.services.dashboard_data import build

        cache = DashboardCache(store_path)
        cache.save(build(session))
        assert cache.load(date(2026, 11, 22)) is not None
        assert cache.load(date(2026, 11, 23)) is None  # another day: periods and days left move
        repo.add(Activity(date=date(2026, 11, 20), title="Reading", type="reading", hours=1))
        assert cache.load(date(2026, 11, 22)) is None
    assert oct(cache.path.stat().st_mode & 0o777) == "0o600"


async def test_a_damaged_store_shows_why_offers_the_backup_and_never_starts_empty(
    store_path: Path, clock
) -> None:
    with Repository.open(store_path, clock) as repo:
        practitioner(repo)
        repo.backup_now()
        repo.compact()
    good = store_path.read_bytes()
    store_path.write_bytes(good[: len(good) // 2])  # a torn snapshot
    app = make_app_for(store_path, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, CannotOpenScreen)
        text = screen_text(app)
        assert "Your store is damaged" in text and "latest good backup" in text
        assert store_path.read_bytes() == good[: len(good) // 2]  # nothing written yet
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert "1 of 2 pieces" in screen_text(app)
    assert list(store_path.parent.glob("*.damaged-*"))  # the damaged file kept aside


def test_weekly_hours_add_cpd_and_counted_placement_days_by_week(store_path: Path, clock) -> None:
    with Repository.open(store_path, clock) as repo:
        repo.save_profile(Profile(name="Sam Example", role="student", frameworks=[]))
        p = repo.add(Placement(name="Northfield", start=date(2026, 9, 14), required_days=70))
        repo.add_many([
            PlacementDay(placement_id=p.id, date=date(2026, 11, 16), hours=7.5),
            PlacementDay(placement_id=p.id, date=date(2026, 11, 17), hours=7, kind="absence"),
            PlacementDay(placement_id=p.id, date=date(2026, 11, 9), hours=6),
        ])  # fmt: skip
        repo.add(Activity(date=date(2026, 11, 20), title="Reading", type="reading", hours=2))
        repo.add(Activity(date=date(2026, 11, 21), title="Planned", type="course", hours=5, status="planned"))
        weeks = weekly_hours(Session(repo, clock), date(2026, 11, 22))
    assert weeks[-1] == (date(2026, 11, 16), 2.0, 7.5)  # absence and planned work do not count
    assert weeks[-2] == (date(2026, 11, 9), 0.0, 6.0)
    assert len(weeks) == 8 and weeks[0][0] == date(2026, 9, 28)


@pytest.mark.parametrize("size", [(100, 32), (80, 24)], ids=["100x32", "80x24"])
def test_snapshot_dashboard(snap_compare, store_path: Path, clock, size) -> None:
    repo = Repository.open(store_path, clock)
    practitioner(repo)
    repo.save_profile(
        Profile(
            name="Jo Example", role="practitioner", frameworks=["swe", "pcf"], registered_on=date(2023, 5, 1)
        )
    )
    try:
        assert snap_compare(make_app(repo, clock), terminal_size=size)
    finally:
        repo.close()


@pytest.mark.parametrize("size", [(100, 32), (80, 24)], ids=["100x32", "80x24"])
def test_snapshot_help(snap_compare, store_path: Path, clock, monkeypatch: pytest.MonkeyPatch, size) -> None:
    # The help names the key map file, so the config folder is the same on every run.
    monkeypatch.setenv("XDG_CONFIG_HOME", "/nonexistent/praxis-snapshot/config")
    repo = Repository.open(store_path, clock)
    practitioner(repo)
    try:
        assert snap_compare(make_app(repo, clock), terminal_size=size, press=["f1"])
    finally:
        repo.close()


# The damaged store's message names its path: the picture shows this one wherever the store really is.
SHOWN_FOLDER = "/tmp/praxis-snapshot/damaged"


@pytest.mark.parametrize("size", [(100, 32), (80, 24)], ids=["100x32", "80x24"])
def test_snapshot_damaged_store(
    snap_compare, store_path: Path, clock, monkeypatch: pytest.MonkeyPatch, size
) -> None:
    folder = str(store_path.parent)
    real_init = CannotOpenScreen.__init__

    def shown_at_a_fixed_folder(screen: CannotOpenScreen, problem: PraxisError) -> None:
        assert isinstance(problem, StoreDamagedError) and problem.backup is not None
        moved = [Path(str(p).replace(folder, SHOWN_FOLDER, 1)) for p in (problem.path, problem.backup)]
        real_init(screen, StoreDamagedError(moved[0], problem.detail, moved[1]))

    monkeypatch.setattr(CannotOpenScreen, "__init__", shown_at_a_fixed_folder)
    with Repository.open(store_path, clock) as repo:
        practitioner(repo)
        repo.backup_now()
        repo.compact()
    store_path.write_bytes(store_path.read_bytes()[:40])

    async def opened(pilot) -> None:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(make_app_for(store_path, clock), terminal_size=size, run_before=opened)


async def test_the_next_sessions_and_a_placement_s_planned_end_are_on_the_dashboard(
    store_path: Path, clock
) -> None:
    from praxis_socialwork.store import Plan

    with Repository.open(store_path, clock) as repo:
        repo.save_profile(Profile(name="Sam Example", role="student", frameworks=["degree-england"]))
        repo.add(Placement(name="Northfield", start=date(2026, 11, 2), required_days=20, kind="first"))
        repo.add(
            Plan(title="Supervision", kind="supervision", date=date(2026, 11, 5), time="09:30", minutes=90,
                 rules=["FREQ=WEEKLY"], skipped=["2026-11-26"], location="Room 2")
        )  # fmt: skip
        app = make_app(repo, clock)
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            text = screen_text(app)
            assert "Next sessions" in text
            # weekly on Thursdays: 26 Nov is skipped, so the next is 3 Dec
            assert "Thu 3 Dec 09:30" in text and "Thu 26 Nov" not in text
            # 20 working days from Mon 2 Nov, nothing logged yet: planned from today (Sun 22 Nov) on
            assert "Northfield: end" in text


async def test_a_missed_year_stays_on_the_dashboard_until_x_dismisses_it(store_path: Path, clock) -> None:
    """Issue 14 point 7: the year to 30 Nov 2025 closed with 1 of 2 pieces; on 22 Nov 2026 it is still
    shown as missed, with what to do, until the person dismisses it."""
    with Repository.open(store_path, clock) as repo:
        practitioner(repo)
        repo.add(
            Activity(date=date(2025, 5, 1), title="Last year's court skills day", type="course", hours=6,
                     learning="Giving evidence", impact="Shorter, clearer statements")
        )  # fmt: skip
        app = make_app(repo, clock)
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.pause()
            text = screen_text(app)
            assert "MISSED" in text and "closed on Sun 30 Nov 2025 with 1 of 2" in text
            assert "Social Work England can remove you" in text
            assert "As of Sun 22 Nov 2026: 2 missed, 2 at risk" in text
            # The panel is dated by the current year; the missed one says its own dates.
            assert "Mon 1 Dec 2025 – Mon 30 Nov 2026" in text
            await pilot.press("x")  # the first finding: last year's pieces
            await pilot.pause()
            await pilot.pause()
            assert "As of Sun 22 Nov 2026: 1 missed, 2 at risk" in screen_text(app)
            messages = notified(app)
            assert messages[-1] == (
                "Dismissed the missed period: At least 2 different pieces of CPD this registration year. "
                "To show it again: praxis gaps --undismiss swe/pieces//2025-11-30"
            )
            assert "x Dismiss missed" in screen_text(app)  # the next is missed too
            await pilot.press("down")  # an at-risk finding of this year: x is not offered, and does nothing
            await pilot.pause()
            assert "x Dismiss missed" not in screen_text(app)
            await pilot.press("x")
            await pilot.pause()
            assert "As of Sun 22 Nov 2026: 1 missed, 2 at risk" in screen_text(app)
    with Repository.open(store_path, clock, read_only=True) as repo:
        profile = repo.profile()
        assert profile is not None and profile.dismissed_missed == ["swe/pieces//2025-11-30"]
