"""The activities screen and form, used as a person would: keys pressed, then what the screen shows
and what the store keeps."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Input, Select, TextArea

from praxis_socialwork.store import Activity, Profile, Repository
from praxis_socialwork.tui.app import PraxisApp, make_app
from praxis_socialwork.tui.forms.activity_form import ActivityForm
from praxis_socialwork.tui.screens.activities import ActivitiesScreen
from praxis_socialwork.tui.widgets.confirm import Confirm
from tests.tui.helpers import notified, screen_after, shown, then_still

TODAY = date(2026, 11, 22)

# Added in this order, a minute apart, so the conference is the one created last.
SEED = (
    Activity(
        date=date(2026, 11, 20), title="Webinar on the Mental Capacity Act", type="e-learning", hours=1.5,
        provider="Northshire learning hub", tags=["mca", "law"], standards=["swe:4.3"],
        description="A recorded webinar on assessing capacity, chosen after a hard case.",
        learning="Capacity is decision-specific and time-specific.",
        impact="I now record each capacity decision separately.",
    ),
    Activity(
        date=date(2026, 10, 14), title="Supervision: risk in practice", type="supervision", hours=1.0,
        peer="Alex Sample", peer_role="team manager", standards=["swe:4.2"],
        peer_reflection="We talked through how I weigh risk against choice.",
    ),
    Activity(
        date=date(2026, 6, 2), title="Reading on strengths-based practice", type="reading", hours=2.0,
        status="draft", tags=["strengths"],
    ),
    Activity(date=date(2025, 9, 10), title="Care Act 2014 refresher", type="course", hours=6.0, tags=["law"]),
    Activity(
        date=date(2027, 1, 15), title="Conference on adult safeguarding", type="conference", hours=7.0,
        status="planned",
    ),
)  # fmt: skip
NEWEST_FIRST = [
    "Conference on adult safeguarding",
    "Webinar on the Mental Capacity Act",
    "Supervision: risk in practice",
    "Reading on strengths-based practice",
    "Care Act 2014 refresher",
]


@pytest.fixture
def filled(store_path: Path, clock) -> Path:
    """A store for Sam Example (following SWE) holding the five activities in ``SEED``."""
    with Repository.open(store_path, clock) as repo:
        repo.save_profile(Profile(name="Sam Example", role="practitioner", frameworks=["swe"]))
        for activity in SEED:
            clock.advance(minutes=1)
            repo.add(activity)
    return store_path


@pytest.fixture
def app(filled: Path, clock):
    """The app on the filled store (closed after the test)."""
    repo = Repository.open(filled, clock)
    yield make_app(repo, clock)
    repo.close()


async def open_activities(pilot) -> ActivitiesScreen:
    """Press `a`, as a person would, and return the activities screen."""
    await pilot.pause()
    return await screen_after(pilot, ActivitiesScreen, "a")


def titles(screen: ActivitiesScreen) -> list[str]:
    """The titles in the table, top to bottom."""
    return [cells[1] for _, cells in screen.table.rows]


def by_title(app: PraxisApp, title: str) -> Activity:
    return next(a for a in app.session.activities() if a.title == title)


async def go_to(pilot, screen: ActivitiesScreen, title: str) -> None:
    """Move the cursor down to the row titled ``title``."""
    await pilot.press("home")
    for _ in range(titles(screen).index(title)):
        await pilot.press("down")
    assert screen.table.current_id == by_title(pilot.app, title).id


async def clear_and_type(pilot, text: str) -> None:
    """Empty the focused one-line field and type ``text``."""
    await pilot.press("home", "ctrl+k", *text)


# -- the table ------------------------------------------------------------------------------------
async def test_the_table_lists_activities_newest_first_with_the_first_in_full(app) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_activities(pilot)
        assert titles(screen) == NEWEST_FIRST
        first = screen.table.rows[1][1]
        assert first[0] == "20 Nov 2026" and first[2:5] == ("e-learning", "1.5", "complete")
        assert shown(screen, "#summary") == "5 of 5 activities · 17.5 hours"
        detail = shown(screen, "#detail-text")
        assert "Conference on adult safeguarding" in detail and "planned" in detail
        await pilot.press("down")
        detail = shown(screen, "#detail-text")
        assert "Northshire learning hub" in detail and "I now record each capacity decision" in detail


async def test_s_sorts_by_the_next_column_and_shift_s_turns_it_round(app) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_activities(pilot)
        await pilot.press("s")
        assert titles(screen)[0] == "Care Act 2014 refresher"
        assert (screen.table.sort_key, screen.table.sort_reverse) == ("title", False)
        await pilot.press("S")
        assert titles(screen)[0] == "Webinar on the Mental Capacity Act"
        assert screen.table.sort_reverse
        await pilot.press("s", "s")  # type, then hours (longest first)
        assert titles(screen)[0] == "Conference on adult safeguarding"
        assert screen.table.sort_key == "hours"


async def test_clicking_a_heading_sorts_by_it_and_again_turns_it_round(app) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_activities(pilot)
        await pilot.press("s")  # by title
        await pilot.click("#activities-table", offset=(2, 0))  # the Date heading
        await pilot.pause()
        assert titles(screen) == NEWEST_FIRST
        await pilot.click("#activities-table", offset=(2, 0))
        await pilot.pause()
        assert titles(screen) == NEWEST_FIRST[::-1]


async def test_search_filters_as_you_type_and_esc_goes_back_then_clears(app) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_activities(pilot)
        await pilot.press("slash", *"LAW")
        assert isinstance(app.focused, Input)
        assert titles(screen) == ["Webinar on the Mental Capacity Act", "Care Act 2014 refresher"]
        assert shown(screen, "#summary") == "2 of 5 activities · 7.5 hours"
        await pilot.press("backspace", "backspace", "backspace", *"alex")  # the peer
        assert titles(screen) == ["Supervision: risk in practice"]
        await pilot.press("escape")
        assert app.focused is screen.table and len(titles(screen)) == 1
        await pilot.press("escape")
        assert titles(screen) == NEWEST_FIRST
        assert screen.query_one("#search", Input).value == ""


async def test_type_and_period_menus_narrow_the_table(app) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_activities(pilot)
        await pilot.press("f")
        await pilot.pause()
        assert app.focused is screen.query_one("#filter-type", Select)
        await pilot.press("enter", "down", "down", "down", "enter")  # All types, course, e-learning, reading
        assert titles(screen) == ["Reading on strengths-based practice"]
        assert shown(screen, "#summary") == "1 of 5 activities · 2 hours"
        await pilot.press("escape", "escape")  # back to the table, then clear the filters
        assert titles(screen) == NEWEST_FIRST
        assert screen.query_one("#filter-type", Select).value == ""
        await pilot.press("f", "tab", "tab")
        assert app.focused is screen.query_one("#filter-period", Select)
        await pilot.press("enter", "down", "enter")  # the CPD year: 1 Dec 2025 to 30 Nov 2026
        assert titles(screen) == NEWEST_FIRST[1:4]


async def test_show_only_lists_the_records_behind_a_finding_until_esc(app) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_activities(pilot)
        await pilot.press("slash", *"webinar", "escape")
        ids = {by_title(app, t).id for t in ("Care Act 2014 refresher", "Supervision: risk in practice")}
        screen.show_only(ids, "SWE: at least 2 pieces of CPD")
        await pilot.pause()
        assert titles(screen) == ["Supervision: risk in practice", "Care Act 2014 refresher"]
        banner = shown(screen, "#only-banner")
        assert banner == "Showing the 2 records behind: SWE: at least 2 pieces of CPD · Esc shows all"
        await pilot.press("escape")
        assert titles(screen) == NEWEST_FIRST
        assert not screen.query_one("#only-banner").display


# -- adding, editing, copying, deleting -----------------------------------------------------------
async def test_n_opens_a_form_prefilled_and_the_saved_activity_is_highlighted(app, filled, clock) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_activities(pilot)
        await pilot.press("n")
        form = app.screen
        assert isinstance(form, ActivityForm)
        values = form.values()
        assert values["date"] == "22/11/2026"
        assert values["type"] == "conference"  # the type of the activity created last
        assert values["status"] == "complete"
        assert shown(form, "#row-date .field-hint") == "Sun 22 Nov 2026 (today)"
        await pilot.press("tab", *"Team talk on capacity", "tab", "tab", *"1h30", "ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        saved = by_title(app, "Team talk on capacity")
        assert (saved.date, saved.hours, saved.type) == (TODAY, 1.5, "conference")
        assert screen.table.current_id == saved.id
        assert app.session.drafts.load("activity-new") is None
    with Repository.open(filled, clock) as again:
        assert "Team talk on capacity" in [a.title for a in again.activities()]


async def test_the_form_flags_an_email_address_in_what_you_learnt_but_still_saves(app, filled, clock) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await open_activities(pilot)
        form = await screen_after(pilot, ActivityForm, "n")
        form.query_one("#field-title", Input).value = "Case discussion"
        form.query_one("#field-hours", Input).value = "1"
        form.query_one("#field-learning", TextArea).text = "Wrote to the mother at mum.k@example.org after."
        await pilot.pause(0.5)
        note = shown(form, "#privacy-learning")
        assert "e-mail address 'mum.k@example.org' (line 1, col 24)" in note
        assert form.query_one("#privacy-learning").display
        assert not form.query_one("#privacy-impact").display  # nothing flagged there
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ActivitiesScreen)  # a warning, never a block
    with Repository.open(filled, clock) as again:
        assert any("mum.k@example.org" in a.learning for a in again.activities())
        assert again.profile().privacy_reviewed == []  # not kept as written: still flagged


async def test_the_form_expects_the_peers_name_but_flags_a_phone_number_there(app, filled, clock) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await open_activities(pilot)
        form = await screen_after(pilot, ActivityForm, "n")
        await pilot.press("tab", *"Supervision on risk", "tab", "tab", *"1")
        form.query_one("#field-peer", Input).focus()
        await pilot.press(*"Dr Jo Senior")
        form.query_one("#field-peer_reflection", TextArea).focus()
        await pilot.press(*"Dr Senior said Mrs Khan needs time.")
        await pilot.pause(0.5)
        assert not form.query_one("#privacy-peer").display  # the name the field asks for
        note = shown(form, "#privacy-peer_reflection")
        assert "name with a title 'Mrs Khan'" in note and "Dr Senior" not in note
        form.query_one("#field-peer", Input).focus()
        await pilot.press("end", *" 07700 900123")
        await pilot.pause(0.5)
        assert "phone number '07700 900123'" in shown(form, "#privacy-peer")
        assert "Dr Jo Senior" not in shown(form, "#privacy-peer")
        await screen_after(pilot, ActivitiesScreen, "ctrl+s")
    with Repository.open(filled, clock) as again:
        saved = next(a for a in again.activities() if a.title == "Supervision on risk")
        assert saved.peer == "Dr Jo Senior 07700 900123"


async def test_y_copies_the_piece_in_the_regulators_field_order(app) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_activities(pilot)
        screen.table.move_to(by_title(app, "Webinar on the Mental Capacity Act").id)
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        copied = app.clipboard
        labels = [line[:-1] for line in copied.splitlines() if line.endswith(":")]
        assert labels == [
            "Type of CPD",
            "What the CPD was and why it is relevant to your practice",
            "Date",
            "What you learnt",
            "Impact on your practice and on the people you work with",
            "Peer reflection",
        ]
        assert "20/11/2026" in copied and "Capacity is decision-specific" in copied
        assert "(not written yet)" in copied  # no peer reflection: the gap is seen before sending
        said = notified(app)
        assert any("still to write: peer reflection" in m for m in said)


async def test_a_month_first_date_is_refused_beside_the_date_field(app) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await open_activities(pilot)
        await pilot.press("n")
        await clear_and_type(pilot, "03/25/2026")
        form = await screen_after(
            pilot, ActivityForm, "tab", *"Shadowing a duty worker", "tab", "tab", *"3", "ctrl+s"
        )
        assert "25 is not a month" in shown(form, "#error-date")
        assert form.query_one("#row-date").has_class("-invalid")
        assert len(app.session.activities()) == 5


async def test_a_bare_standard_takes_the_profiles_prefix_and_an_unknown_one_is_explained(app) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await open_activities(pilot)
        await pilot.press("n", "tab", *"Reading on the Care Act", "tab", "tab", *"2")
        form = await screen_after(pilot, ActivityForm, "tab", "tab", "tab", *"4.3, swe:9.9", "ctrl+s")
        assert "'swe:9.9' is not a swe code" in shown(form, "#error-standards")
        await clear_and_type(pilot, "4.3, pcf:6")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert by_title(app, "Reading on the Care Act").standards == ["swe:4.3", "pcf:6"]


async def test_e_edits_the_highlighted_activity_in_place(app) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_activities(pilot)
        await go_to(pilot, screen, "Supervision: risk in practice")
        before = by_title(app, "Supervision: risk in practice")
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, ActivityForm) and form.title_text == "Edit activity"
        assert form.values()["peer"] == "Alex Sample"
        await pilot.press("tab", "end", *" (group)", "ctrl+s")
        await pilot.pause()
        after = by_title(app, "Supervision: risk in practice (group)")
        assert after.id == before.id and after.peer_reflection == before.peer_reflection
        assert len(app.session.activities()) == 5
        assert screen.table.current_id == after.id
        assert "risk in practice (group)" in shown(screen, "#detail-text")


async def test_enter_opens_the_form_and_esc_leaves_an_unchanged_form_at_once(app) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_activities(pilot)
        await pilot.press("enter")
        assert isinstance(app.screen, ActivityForm)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen


async def test_c_copies_the_activity_as_a_new_one_dated_today(app) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_activities(pilot)
        await go_to(pilot, screen, "Care Act 2014 refresher")
        original = by_title(app, "Care Act 2014 refresher")
        await pilot.press("c")
        form = app.screen
        assert isinstance(form, ActivityForm)
        assert form.title_text == "New activity, copied from 'Care Act 2014 refresher'"
        assert form.values()["date"] == "22/11/2026" and form.values()["hours"] == "6"
        await pilot.press("ctrl+s")
        await pilot.pause()
        copies = [a for a in app.session.activities() if a.title == "Care Act 2014 refresher"]
        assert len(copies) == 2
        copy = next(a for a in copies if a.id != original.id)
        assert (copy.date, copy.type, copy.tags) == (TODAY, "course", ["law"])
        assert by_title(app, "Care Act 2014 refresher").date == original.date  # the original is kept
        assert screen.table.current_id == copy.id


async def test_a_copy_with_only_its_title_changed_warns_on_save_and_counts_once(app, filled, praxis) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_activities(pilot)
        await go_to(pilot, screen, "Webinar on the Mental Capacity Act")
        await pilot.press("c")
        form = app.screen
        assert isinstance(form, ActivityForm)
        await pilot.press("tab")  # from the date to the title
        await clear_and_type(pilot, "MCA webinar, part two")
        warning = await screen_after(pilot, Confirm, "ctrl+s")
        question = shown(warning, "#question")
        assert "match 'Webinar on the Mental Capacity Act' (Fri 20 Nov 2026)" in question
        assert "will not count as another piece of CPD" in question
        await pilot.press("n")  # keep editing: nothing saved yet
        await pilot.pause()
        assert app.screen is form
        assert [a for a in app.session.activities() if a.title == "MCA webinar, part two"] == []
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("y")  # save anyway
        await pilot.pause()
        assert app.screen is screen
    copy = by_title(app, "MCA webinar, part two")
    assert copy.learning == by_title(app, "Webinar on the Mental Capacity Act").learning
    code, out, err = praxis("gaps", "--json", "--on", "2026-11-22")
    assert code == 0, err
    findings = [f for f in json.loads(out)["findings"] if f["requirement"] == "pieces"]
    # The year to 30 Nov 2025 held only the Care Act course, which says neither: it stays "missed".
    assert [f["status"] for f in findings if f["period_end"] == "2025-11-30"] == ["missed"]
    pieces = next(f for f in findings if f["period_end"] == "2026-11-30")
    # The webinar only: the copy counts once with it, and the supervision log says neither what was
    # learnt nor its impact, so it is no piece (Social Work England; issue 14).
    assert pieces["have"] == 1 and copy.id not in pieces["records"]
    assert "1 more record was not counted" in pieces["message"]


async def test_editing_a_piece_with_words_of_its_own_saves_without_a_warning(app) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_activities(pilot)
        await go_to(pilot, screen, "Webinar on the Mental Capacity Act")
        await pilot.press("enter")
        await pilot.press("tab")
        await clear_and_type(pilot, "Webinar on capacity")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert by_title(app, "Webinar on capacity").hours == 1.5


async def test_x_deletes_only_after_yes_and_undo_brings_it_back(app) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_activities(pilot)
        await go_to(pilot, screen, "Reading on strengths-based practice")
        await pilot.press("x")
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")
        assert len(app.session.activities()) == 5
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert "Reading on strengths-based practice" not in titles(screen)
        assert screen.table.current_id == by_title(app, "Care Act 2014 refresher").id  # the next one
        assert shown(screen, "#summary") == "4 of 4 activities · 15.5 hours"
        await pilot.press("u")
        await pilot.pause()
        assert titles(screen) == NEWEST_FIRST


async def test_esc_on_a_changed_form_asks_and_the_draft_survives_a_crash(filled, clock) -> None:
    repo = Repository.open(filled, clock)
    app = make_app(repo, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await open_activities(pilot)
        await pilot.press("n", "tab", *"Half-written thoughts on risk")
        await pilot.pause(0.6)  # the draft is written a moment after the typing stops
        await screen_after(pilot, Confirm, "escape")
        await pilot.press("n")  # keep editing
        await pilot.pause()
        assert isinstance(app.screen, ActivityForm)
    repo.close()  # the app ends with the form still open, as in a crash

    repo = Repository.open(filled, clock)
    again = make_app(repo, clock)
    async with again.run_test(size=(100, 32)) as pilot:
        await open_activities(pilot)
        await pilot.press("n")
        await pilot.pause()
        form = again.screen
        assert isinstance(form, ActivityForm) and form.restored_draft
        assert form.values()["title"] == "Half-written thoughts on risk"
    repo.close()


async def test_a_prefilled_form_opens_with_what_the_dashboard_asks_for(app) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await open_activities(pilot)
        prefill = {"type": "peer-discussion", "title": "Peer reflection for this year"}
        app.push_screen(ActivityForm(app.session, prefill=prefill))
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ActivityForm)
        values = form.values()
        assert (values["type"], values["title"], values["date"]) == (
            "peer-discussion", "Peer reflection for this year", "22/11/2026",
        )  # fmt: skip
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert shown(form, "#error-hours") == "is required"
        assert isinstance(form.query_one("#field-peer_reflection"), TextArea)


async def test_every_palette_command_names_an_action_the_screen_has(app) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_activities(pilot)
        commands = screen.palette_commands()
        assert ("add: activity", "New CPD activity (n)", "new_activity") in commands
        for _, _, action in commands:
            assert callable(getattr(screen, f"action_{action}", None)), action


# -- how it looks ---------------------------------------------------------------------------------
def _then_still(*keys: str):
    """Open the activities screen, press ``keys``, then stop cursors blinking for the picture."""

    async def run(pilot) -> None:
        await open_activities(pilot)
        await then_still(*keys)(pilot)

    return run


@pytest.mark.parametrize("size", [(100, 32), (80, 24)], ids=["100x32", "80x24"])
def test_snapshot_screen(snap_compare, app, size) -> None:
    assert snap_compare(app, terminal_size=size, run_before=_then_still("down"))


@pytest.mark.parametrize("size", [(100, 32), (80, 24)], ids=["100x32", "80x24"])
def test_snapshot_form(snap_compare, app, size) -> None:
    assert snap_compare(app, terminal_size=size, run_before=_then_still("down", "e"))


def test_snapshot_wide_screen_puts_the_detail_beside(snap_compare, app) -> None:
    assert snap_compare(app, terminal_size=(160, 40), run_before=_then_still("down"))
