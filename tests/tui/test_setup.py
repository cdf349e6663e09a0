"""First run: the setup form, driven by keys as a person would, and the sample portfolios."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Button, Input, RadioSet, Select, SelectionList, Static

from praxis_socialwork.store import Activity, Placement, Profile, Repository
from praxis_socialwork.tui.app import PraxisApp, make_app
from praxis_socialwork.tui.screens.page import Page
from praxis_socialwork.tui.screens.setup import SetupScreen, suggested_frameworks
from tests.tui.helpers import screen_after, still

KNOWN = (
    "degree-england",
    "degree-ni",
    "degree-scotland",
    "degree-wales",
    "pcf",
    "swe",
    "niscc",
    "sssc",
    "scw",
)


@pytest.fixture
def app(store_path: Path, clock):
    """The app on a new, empty store (so it opens on setup)."""
    repo = Repository.open(store_path, clock)
    yield make_app(repo, clock)
    repo.close()


def saved_profile(store_path: Path, clock) -> tuple[Profile | None, list[Placement]]:
    """What the store on disk holds, read by a second, read-only copy."""
    with Repository.open(store_path, clock, read_only=True) as repo:
        return repo.profile(), repo.placements()


def ticked(app: PraxisApp) -> set[str]:
    return set(app.screen.query_one("#frameworks", SelectionList).selected)


def message(app: PraxisApp, slot: str) -> str:
    widget = app.screen.query_one(f"#error-{slot}", Static)
    return str(widget.content) if widget.display else ""


def test_the_likely_frameworks_for_each_role_and_country() -> None:
    assert suggested_frameworks("practitioner", "england", KNOWN) == ["swe"]
    assert suggested_frameworks("educator", "northern-ireland", KNOWN) == ["niscc"]
    assert suggested_frameworks("practitioner", "scotland", KNOWN) == ["sssc"]
    assert suggested_frameworks("practitioner", "wales", KNOWN) == ["scw"]
    assert suggested_frameworks("student", "england", KNOWN) == ["degree-england", "pcf"]
    assert suggested_frameworks("student", "northern-ireland", KNOWN) == ["degree-ni"]
    assert suggested_frameworks("student", "wales", KNOWN) == ["degree-wales"]
    assert suggested_frameworks("student", "england", ["pcf"]) == ["pcf"]  # only frameworks that exist


async def test_a_practitioner_sets_up_and_lands_on_the_dashboard(
    app: PraxisApp, store_path: Path, clock
) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        assert ticked(app) == {"swe"}  # practitioner in England, the starting choices
        await pilot.press("tab", *"Sam Example", "tab")
        await pilot.press("right", "enter")  # Country: England -> Northern Ireland
        await pilot.pause()
        assert ticked(app) == {"niscc"}
        await pilot.press("tab", "tab", *"01/08/2023")
        await pilot.pause()
        assert message(app, "registered") == "Tue 1 Aug 2023"  # the date read back before saving
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, Page) and app.screen.PAGE == "dashboard"
        assert app.sub_title == "Sam Example · practitioner"
    profile, placements = saved_profile(store_path, clock)
    assert profile is not None
    assert (profile.name, profile.role, profile.country) == (
        "Sam Example",
        "practitioner",
        "northern-ireland",
    )
    assert profile.frameworks == ["niscc"] and profile.registered_on == date(2023, 8, 1)
    assert placements == []


async def test_a_newly_qualified_worker_gives_the_first_day_in_post(app, store_path: Path, clock) -> None:
    """The ASYE and the SSSC's NQSW year count from the first day in post (issue 14): setup asks it."""
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("tab", *"Sam Example", "tab", "tab", "tab", *"01/08/2025", "tab", *"06/10/2025")
        await pilot.pause()
        assert message(app, "first-post") == "Mon 6 Oct 2025"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, Page) and app.screen.PAGE == "dashboard"
    profile, _ = saved_profile(store_path, clock)
    assert profile is not None
    assert (profile.registered_on, profile.first_post_on) == (date(2025, 8, 1), date(2025, 10, 6))


async def test_a_student_sets_up_with_a_placement(app: PraxisApp, store_path: Path, clock) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("left", "enter")  # I am a: Practitioner -> Student
        await pilot.pause()
        screen = app.screen
        assert ticked(app) == {"degree-england", "pcf"}
        assert screen.query_one("#placement").display and not screen.query_one("#row-registered").display
        await pilot.press("tab", *"Alex Example", "tab", "tab", "tab")
        assert app.focused is screen.query_one("#placement-name", Input)
        # The course framework's first placement: 70 days, Monday to Friday, shown before anything is typed.
        assert screen.query_one("#placement-days", Input).value == "70"
        assert "From degree-england: a first placement is 70 days" in str(
            screen.query_one("#placement-defaults", Static).render()
        )
        await pilot.press(*"Final placement", "tab", "right", "enter")  # Kind: First -> Final
        await pilot.pause()
        assert screen.query_one("#placement-days", Input).value == "100"
        assert screen.query_one("#placement-setting", Select).value == "statutory"
        await pilot.press("tab", "tab", *"21/09/2026", "tab", "tab", *"mon-thu")
        await pilot.pause()
        assert message(app, "placement-weekdays") == "Mon, Tue, Wed, Thu"
        await screen_after(pilot, Page, "ctrl+s")
        assert app.sub_title == "Alex Example · student"
        assert [p.name for p in app.session.placements()] == ["Final placement"]
    profile, placements = saved_profile(store_path, clock)
    assert profile is not None and profile.role == "student" and profile.registered_on is None
    assert sorted(profile.frameworks) == ["degree-england", "pcf"]
    assert [(p.name, p.start, p.required_days, p.kind, p.setting, p.weekdays) for p in placements] == [
        ("Final placement", date(2026, 9, 21), 100, "final", "statutory", ["mon", "tue", "wed", "thu"])
    ]


async def test_placement_defaults_follow_the_framework_but_not_over_what_is_typed(
    app: PraxisApp, store_path: Path, clock
) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("left", "enter", "tab", *"Niamh Example", "tab", "right", "enter")  # NI student
        await pilot.pause()
        screen = app.screen
        assert ticked(app) == {"degree-ni"}
        assert screen.query_one("#placement-days", Input).value == "85"  # NI's first placement
        screen.query_one("#placement-days", Input).focus()
        await pilot.press(*"90")  # the student's own course asks 90
        screen.query_one("#placement-kind", RadioSet).focus()
        await pilot.press("right", "enter")  # Final: the 90 typed stays
        await pilot.pause()
        assert screen.query_one("#placement-days", Input).value == "90"
        screen.query_one("#placement-name", Input).focus()
        await pilot.press(*"Belfast team", "tab", "tab", "tab", *"01/09/2026", "tab", "tab", *"tue,thu")
        await screen_after(pilot, Page, "ctrl+s")
    _, placements = saved_profile(store_path, clock)
    assert [(p.kind, p.required_days, p.setting, p.weekdays) for p in placements] == [
        ("final", 90, "other", ["tue", "thu"])
    ]


async def test_bad_working_days_are_shown_beside_the_field(app: PraxisApp, store_path: Path, clock) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("left", "enter", "tab", *"Sam Example")
        screen = app.screen
        screen.query_one("#placement-name", Input).focus()
        await pilot.press(*"First placement", "tab", "tab", "tab", *"01/09/2026", "tab", "tab", *"mon-fry")
        await screen_after(pilot, SetupScreen, "ctrl+s")
        assert "'fry' is not a known weekday" in message(app, "placement-weekdays")
    assert saved_profile(store_path, clock) == (None, [])


async def test_a_ticked_framework_stays_ticked_when_the_role_changes(app: PraxisApp) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        listing = app.screen.query_one("#frameworks", SelectionList)
        listing.select("asye")  # as if ticked by hand
        await pilot.press("left", "enter")  # student
        await pilot.pause()
        assert ticked(app) == {"asye", "degree-england", "pcf"}
        await pilot.press("right", "enter")  # back to practitioner
        await pilot.pause()
        assert ticked(app) == {"asye", "swe"}


async def test_a_bad_date_is_shown_beside_its_field_and_nothing_is_saved(
    app: PraxisApp, store_path: Path, clock
) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await screen_after(
            pilot, SetupScreen, "tab", *"Sam Example", "tab", "tab", "tab", *"31/02/2023", "ctrl+s"
        )
        assert "not a real date" in message(app, "registered")
        assert app.screen.query_one("#row-registered").has_class("-invalid")
        assert app.focused is app.screen.query_one("#registered", Input)
        assert app.session.profile() is None
    assert saved_profile(store_path, clock) == (None, [])


async def test_a_placement_without_a_start_and_no_name_saves_nothing(
    app: PraxisApp, store_path: Path, clock
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await screen_after(
            pilot, SetupScreen, "left", "enter", "tab", "tab", "tab", "tab", *"Final placement", "ctrl+s"
        )
        assert message(app, "name") == "is required"
        assert message(app, "placement-start").startswith("when does it start?")
        assert message(app, "placement-name") == ""
    assert saved_profile(store_path, clock) == (None, [])


async def test_the_main_screens_wait_until_setup_is_done(app: PraxisApp) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await screen_after(pilot, SetupScreen, "a", "d", "p")


@pytest.mark.parametrize(
    ("which", "title"), [("student", "Alex Sample · student"), ("practitioner", "Jo Example · practitioner")]
)
async def test_a_sample_opens_without_touching_the_users_store(
    store_path: Path, clock, which: str, title: str
) -> None:
    with Repository.open(store_path, clock) as repo:
        repo.add(Activity(date=date(2026, 11, 20), title="My own reading", type="reading", hours=1.0))
        own = [store_path.read_bytes(), store_path.with_name("praxis.json.journal").read_bytes()]
        app = make_app(repo, clock)
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, SetupScreen)
            await pilot.click(f"#sample-{which}")
            await pilot.pause()
            await pilot.pause()
            assert isinstance(app.screen, Page) and app.screen.PAGE == "dashboard"
            assert app.sub_title == f"SAMPLE · {title}"
            assert app.session.repo.path == store_path.parent / "samples" / f"{which}.json"
            assert app.session.activities()  # the sample's records, not the user's one activity
            assert "My own reading" not in {a.title for a in app.session.activities()}
        app.session.repo.close()
    assert [store_path.read_bytes(), store_path.with_name("praxis.json.journal").read_bytes()] == own
    with Repository.open(store_path, clock, read_only=True) as again:
        assert again.profile() is None and [a.title for a in again.activities()] == ["My own reading"]


async def test_a_read_only_store_cannot_be_set_up_and_says_so(store_path: Path, clock) -> None:
    with Repository.open(store_path, clock) as first, Repository.open(store_path, clock) as second:
        assert second.read_only
        app = make_app(second, clock)
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            banner = app.screen.query_one("#setup-read-only", Static)
            assert "Setup cannot be saved" in str(banner.content)
            assert app.screen.query_one("#start", Button).disabled
            await screen_after(pilot, SetupScreen, "tab", *"Sam Example", "ctrl+s")
        assert first.profile() is None


# -- snapshots ------------------------------------------------------------------------------------
@pytest.mark.parametrize("size", [(100, 32), (80, 24)])
def test_snapshot_setup(snap_compare, app, size) -> None:
    assert snap_compare(app, terminal_size=size)


@pytest.mark.parametrize("size", [(100, 32), (80, 24)])
def test_snapshot_setup_student_with_problems(snap_compare, app, size) -> None:
    async def student_with_problems(pilot) -> None:
        await pilot.press("left", "enter", "tab", "tab", "tab", "tab", *"Final placement", "ctrl+s")
        await pilot.pause()
        still(pilot.app.screen, "Input")

    assert snap_compare(app, terminal_size=size, run_before=student_with_problems)
