"""Standards chosen from a list with their names, a coverage gap closed by a new reflection, and
focus that shows and starts where a person expects. Keys pressed as a person would; the store re-read."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.color import Color
from textual.widgets import Input, TextArea

from praxis_socialwork.store import Activity, Placement, Profile, Reflection, Repository
from praxis_socialwork.store.drafts import Drafts
from praxis_socialwork.tui.app import make_app
from praxis_socialwork.tui.forms.activity_form import ActivityForm
from praxis_socialwork.tui.forms.reflection_editor import ReflectionEditor
from praxis_socialwork.tui.forms.standards_picker import StandardsPicker
from praxis_socialwork.tui.screens.dashboard import DashboardScreen, FindingList
from praxis_socialwork.tui.screens.reflections import ReflectionsScreen
from praxis_socialwork.tui.widgets.record_table import RecordTable
from tests.tui.helpers import screen_after, screen_text, shown, typed


@pytest.fixture
def student(store_path: Path, clock):
    """A student on a first placement following the PCF, with one reflection tagged pcf:6."""
    with Repository.open(store_path, clock) as repo:
        repo.save_profile(Profile(name="Siân Example", role="student", frameworks=["degree-england", "pcf"]))
        repo.add(
            Placement(name="Northshire Children's Services", start=date(2026, 9, 7), required_days=70,
                      kind="first", setting="statutory")
        )  # fmt: skip
        repo.add(
            Reflection(date=date(2026, 11, 2), title="A first visit", model="free",
                       stages={"text": "What I saw."}, standards=["pcf:6"])
        )  # fmt: skip
        yield repo


def shown_squeezed(screen, selector: str) -> str:
    """A Static's text, each run of spaces as one (the names beside codes are set in a column)."""
    return "\n".join(" ".join(line.split()) for line in shown(screen, selector).split("\n"))


def is_accent(colour: Color, accent: tuple[int, int, int]) -> bool:
    """Whether ``colour`` is the accent (to within rounding)."""
    return sum(abs(a - b) for a, b in zip(colour.rgb, accent, strict=True)) <= 3


def reopened(store_path: Path, clock) -> tuple[list[Activity], list[Reflection]]:
    with Repository.open(store_path, clock) as again:
        return again.activities(), again.reflections()


# -- the picker ---------------------------------------------------------------------------------


async def test_the_picker_lists_standards_by_name_filters_as_you_type_and_fills_the_field(
    student: Repository, store_path: Path, clock
) -> None:
    app = make_app(student, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        form = await screen_after(pilot, ActivityForm, "a", "n")
        await pilot.press("tab", *typed("Reading on reflective practice"), "tab", "tab", *typed("1:30"))
        picker = await screen_after(pilot, StandardsPicker, "ctrl+t")
        table = picker.query_one("#standards-table", RecordTable)
        # The frameworks the student follows come first: the nine PCF domains, by name.
        assert table.rows[0][1] == ("", "pcf:1", "Professionalism")
        assert table.rows[5][1] == ("", "pcf:6", "Critical Reflection and Analysis")
        await pilot.press(*typed("reflection"))
        await pilot.pause()
        assert [cells[1] for _, cells in table.rows] == ["pcf:6"]
        await pilot.press("down", "space")  # to the list; tick Critical Reflection and Analysis
        await pilot.press("slash", "ctrl+u", *typed("4.3"), "down", "space")  # and SWE 4.3
        await pilot.pause()
        assert "Chosen: pcf:6, swe:4.3" in shown_squeezed(picker, "#standards-status")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form
        assert form.query_one("#field-standards", Input).value == "pcf:6, swe:4.3"
        assert form.focused is form.query_one("#field-standards", Input)
        # The field with the cursor is framed in the theme's accent; the others are not.
        accent = Color.parse(app.current_theme.accent).rgb
        assert is_accent(form.query_one("#field-standards").styles.border_left[1], accent)
        assert not is_accent(form.query_one("#field-title").styles.border_left[1], accent)
        hint = shown_squeezed(form, "#row-standards .field-hint")
        assert "pcf:6 Critical Reflection and Analysis" in hint
        assert "swe:4.3 part of 4: Maintain continuing professional development" in hint
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, ActivityForm)
    student.close()
    activities, _ = reopened(store_path, clock)
    assert [(a.title, a.hours, a.standards) for a in activities] == [
        ("Reading on reflective practice", 1.5, ["pcf:6", "swe:4.3"])
    ]


async def test_esc_in_the_picker_leaves_the_field_as_it_was_and_f5_opens_it_too(
    student: Repository, clock
) -> None:
    app = make_app(student, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        editor = await screen_after(pilot, ReflectionEditor, "r", "n")
        field = editor.query_one("#field-standards", Input)
        field.value = "pcf:2"
        picker = await screen_after(pilot, StandardsPicker, "f5")
        assert picker.chosen == ["pcf:2"]  # it opens on what the field holds
        await pilot.press("down", "space", "escape")
        await pilot.pause()
        assert app.screen is editor
        assert field.value == "pcf:2"
        assert shown_squeezed(editor, "#standards-names") == "pcf:2 Values and Ethics"
        # Enter with nothing ticked and nothing searched for adds nothing; after a search, the row found.
        field.value = ""
        await pilot.press("ctrl+t", "enter")
        await pilot.pause()
        assert app.screen is editor and field.value == ""
        await pilot.press("ctrl+t", *typed("leadership"), "enter")
        await pilot.pause()
        assert app.screen is editor and field.value == "pcf:9"


# -- n on a coverage gap ------------------------------------------------------------------------


@pytest.mark.parametrize("draft", [False, True], ids=["no-draft", "unsaved-draft"])
async def test_n_on_a_domains_gap_opens_a_new_reflection_tagged_with_the_missing_domains(
    student: Repository, store_path: Path, clock, draft: bool
) -> None:
    if draft:  # an unsaved new reflection comes back, and still gets the missing domains
        Drafts(store_path).save("reflection-new", {"values": {"title": "", "standards": "swe:4.3"}})
    app = make_app(student, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        dashboard = app.screen
        assert isinstance(dashboard, DashboardScreen)
        # Move to the PCF domains finding as a person would: down the list until it is highlighted.
        for _ in range(12):
            here = app.focused
            assert isinstance(here, FindingList) and here.highlighted is not None
            if here.findings[here.highlighted].requirement == "domains":
                break
            await pilot.press("down")
            await pilot.pause()
        assert "1 of 9 domains" in screen_text(app) and "Missing:" in screen_text(app)
        editor = await screen_after(pilot, ReflectionEditor, "n")
        missing = "pcf:1, pcf:2, pcf:3, pcf:4, pcf:5, pcf:7, pcf:8, pcf:9"
        expected = ("swe:4.3, " if draft else "") + missing
        assert editor.query_one("#field-standards", Input).value == expected
        assert "pcf:9 Professional Leadership" in shown_squeezed(editor, "#standards-names")
        assert editor.focused is editor.query_one("#field-title", Input)
        await pilot.press(*typed("Power in a core group"), "tab", "tab")
        await pilot.press(*typed("I said little."))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, ReflectionEditor)
    student.close()
    _, reflections = reopened(store_path, clock)
    saved = [r for r in reflections if r.title == "Power in a core group"]
    assert len(saved) == 1 and saved[0].standards == expected.split(", ")


# -- focus ----------------------------------------------------------------------------------------


async def test_a_new_reflection_starts_at_its_title_and_the_focused_field_is_marked(
    student: Repository, store_path: Path, clock
) -> None:
    app = make_app(student, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        editor = await screen_after(pilot, ReflectionEditor, "r", "n")
        title = editor.query_one("#field-title", Input)
        when = editor.query_one("#field-date", Input)
        assert editor.focused is title
        await pilot.press(*typed("Supervision"))
        assert when.value == "22/11/2026"  # typing did not replace the prefilled date
        assert title.value == "Supervision"
        # The focused field and its label are marked in the theme's accent colour; the others are not.
        accent = Color.parse(app.current_theme.accent).rgb
        assert is_accent(title.styles.background, accent) and not is_accent(when.styles.background, accent)
        assert is_accent(editor.query_one("#label-title").styles.color, accent)
        assert not is_accent(editor.query_one("#label-date").styles.color, accent)
        await pilot.press("shift+tab")
        await pilot.pause()
        assert editor.focused is when
        assert is_accent(when.styles.background, accent) and not is_accent(title.styles.background, accent)


async def test_ctrl_end_goes_to_the_end_of_the_stage_being_written(student: Repository, clock) -> None:
    app = make_app(student, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await screen_after(pilot, ReflectionsScreen, "r")
        await pilot.press("e")  # the one reflection: free writing, "What I saw."
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, ReflectionEditor)
        stage = editor.query_one("#field-stage-text", TextArea)
        stage.text = "What I saw.\nWhat I did.\nWhat I will do next time."
        stage.focus()
        stage.move_cursor((0, 0))
        await pilot.pause()
        await pilot.press("ctrl+end", *typed(" Ask first."))
        assert stage.text.endswith("What I will do next time. Ask first.")
        await pilot.press("ctrl+home", "X")
        assert stage.text.startswith("XWhat I saw.")


async def test_a_code_typed_by_hand_is_named_or_said_to_be_unknown_and_never_read_as_markup(
    student: Repository, store_path: Path, clock
) -> None:
    app = make_app(student, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        form = await screen_after(pilot, ActivityForm, "a", "n")
        await pilot.press("tab", *typed("Odd codes"))
        form.query_one("#field-standards", Input).focus()
        await pilot.press("left_square_bracket", "slash", "b", "right_square_bracket", *typed(", pcf:6"))
        await pilot.pause()
        hint = shown_squeezed(form, "#row-standards .field-hint")
        assert "[/b] (not a code Praxis knows)" in hint and "pcf:6 Critical Reflection and Analysis" in hint
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form  # refused, with the reason beside the field
        assert "[/b]" in shown_squeezed(form, "#error-standards")
    student.close()
    assert reopened(store_path, clock)[0] == []


# -- hours, as written ----------------------------------------------------------------------------


async def test_the_day_form_reads_hours_as_written_and_says_what_it_takes(
    student: Repository, store_path: Path, clock
) -> None:
    app = make_app(student, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("l")  # today at the current placement, the usual hours filled in
        await pilot.pause()
        form = app.screen
        form.query_one("#field-hours", Input).focus()
        await pilot.press("ctrl+a", "ctrl+k", *typed("lots"), "enter")
        await pilot.pause()
        assert app.screen is form
        assert (
            shown_squeezed(form, "#error-hours")
            == "'lots' is not a number of hours; write 1.5, 1:30, 90m or 1h30"
        )
        await pilot.press("ctrl+a", "ctrl+k", *typed("6h 30m"), "enter")
        await pilot.pause()
        assert app.screen is not form
    student.close()
    with Repository.open(store_path, clock) as again:
        assert [(d.date, d.hours) for d in again.days()] == [(date(2026, 11, 22), 6.5)]
