"""The reflections screen and editor, driven by keys as a person would, checked against the store."""

from __future__ import annotations

import os
from contextlib import nullcontext
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Input, Static, TextArea

from praxis_socialwork.store import Activity, Placement, PlacementDay, Profile, Reflection, Repository
from praxis_socialwork.store.drafts import Drafts
from praxis_socialwork.tui.app import PraxisApp, make_app
from praxis_socialwork.tui.forms.link_picker import LinkPicker
from praxis_socialwork.tui.forms.reflection_editor import ReflectionEditor, carry_over, word_count
from praxis_socialwork.tui.screens.reflections import ReflectionsScreen
from praxis_socialwork.tui.widgets.confirm import Confirm
from praxis_socialwork.tui.widgets.record_table import RecordTable
from tests.tui.helpers import screen_after, shown, still, typed


def seed(repo: Repository) -> dict[str, str]:
    """A profile, two activities, a placement day and three reflections (fictional people only)."""
    repo.save_profile(Profile(name="Sam Example", role="student", frameworks=["degree-england"]))
    mca = repo.add(
        Activity(date=date(2026, 11, 12), title="Reading on the Mental Capacity Act", type="reading", hours=2)
    )
    repo.add(
        Activity(date=date(2026, 11, 3), title="Safeguarding adults e-learning", type="e-learning", hours=3)
    )
    team = repo.add(Placement(name="Riverside Community Team", start=date(2026, 10, 5), required_days=70))
    day = repo.add(PlacementDay(placement_id=team.id, date=date(2026, 11, 19), hours=7.5))
    visit = repo.add(
        Reflection(
            date=date(2026, 11, 20),
            title="A home visit that went quiet",
            model="gibbs",
            stages={
                "description": "I visited Alex Sample at home with my practice educator.",
                "feelings": "I felt nervous when the conversation stopped.",
            },
            theories="Active listening.",
            standards=["swe:2.1"],
            links=[day.id],
        )
    )
    shadow = repo.add(
        Reflection(
            date=date(2026, 11, 14),
            title="Capacity assessment shadowing",
            model="driscoll",
            stages={"what": "I shadowed a capacity assessment.", "so-what": "Capacity is decision specific."},
            links=[mca.id],
        )
    )
    first = repo.add(
        Reflection(
            date=date(2026, 10, 30),
            title="First week thoughts",
            model="free",
            stages={"text": "Lots of new names, systems and routines."},
        )
    )
    return {"mca": mca.id, "day": day.id, "visit": visit.id, "shadow": shadow.id, "first": first.id}


@pytest.fixture
def ids(repo: Repository) -> dict[str, str]:
    return seed(repo)


def reopened(store_path: Path, clock) -> list[Reflection]:
    """The reflections as a fresh open of the store finds them."""
    with Repository.open(store_path, clock) as again:
        return again.reflections()


async def open_reflections(pilot) -> ReflectionsScreen:
    await pilot.pause()
    return await screen_after(pilot, ReflectionsScreen, "r")


async def type_text(pilot, text: str) -> None:
    """Type ``text`` key by key (spaces and newlines as their keys)."""
    await pilot.press(*typed(text))


async def focus(pilot, selector: str) -> None:
    pilot.app.screen.query_one(selector).focus()
    await pilot.pause()


def area(app: PraxisApp, stage: str) -> TextArea:
    return app.screen.query_one(f"#field-stage-{stage}", TextArea)


def rows(screen: ReflectionsScreen) -> list[tuple[str, ...]]:
    return [cells for _, cells in screen.query_one("#reflections-table", RecordTable).rows]


# -- writing ----------------------------------------------------------------------------------


async def test_write_a_gibbs_reflection_and_see_it_in_the_list(repo, ids, store_path, clock) -> None:
    app = make_app(repo, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_reflections(pilot)
        editor = await screen_after(pilot, ReflectionEditor, "n")
        assert editor.query_one("#field-model").value == "gibbs"
        # Six stages, each with its prompt above it.
        heads = [str(s.render()) for s in editor.query(".stage-prompt")]
        assert "What happened?" in heads and "If it arose again, what would you do?" in heads
        # The cursor starts in the title: the date is already today's.
        await type_text(pilot, "Supervision after a visit")
        await pilot.press("tab", "tab")  # -> model -> description
        await type_text(pilot, "We talked about the visit.")
        await pilot.press("tab")
        await type_text(pilot, "I felt unsure.")
        await pilot.pause()
        assert shown(editor, "#words-stage-description") == "5 words"
        assert shown(editor, "#total-words") == "Stages: 8 words"
        await screen_after(pilot, ReflectionsScreen, "ctrl+s")
        table = screen.query_one("#reflections-table", RecordTable)
        assert rows(screen)[0] == ("22 Nov 2026", "Supervision after a visit", "Gibbs", "8", "")
        assert table.cursor == 0  # the new one is highlighted
        preview = shown(screen, "#reflection-preview")
        assert "Description" in preview and "We talked about the visit." in preview
    repo.close()
    saved = [r for r in reopened(store_path, clock) if r.title == "Supervision after a visit"]
    assert len(saved) == 1
    assert saved[0].model == "gibbs" and saved[0].date == date(2026, 11, 22)
    assert saved[0].stages == {"description": "We talked about the visit.", "feelings": "I felt unsure."}
    assert not Drafts(store_path).load("reflection-new")


async def test_switching_model_moves_text_under_a_heading_and_back_again(
    repo, ids, store_path, clock
) -> None:
    app = make_app(repo, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await open_reflections(pilot)
        await pilot.press("n")
        await pilot.pause()
        await type_text(pilot, "Changing my mind")
        await pilot.press("tab", "tab")
        await type_text(pilot, "What happened here.")
        await pilot.press("tab")
        await type_text(pilot, "Worried.")
        await focus(pilot, "#field-model")
        await pilot.press("enter", "down", "down", "enter")  # Gibbs -> Kolb -> Driscoll
        await pilot.pause()
        editor = app.screen
        assert editor.query_one("#field-model").value == "driscoll"
        assert [a.id for a in editor.query(".stage TextArea")][:3] == [
            "field-stage-what",
            "field-stage-so-what",
            "field-stage-now-what",
        ]
        assert area(app, "what").text == (
            "Description (from Gibbs):\nWhat happened here.\n\nFeelings (from Gibbs):\nWorried."
        )
        # Straight back, nothing typed: every stage is as it was.
        await focus(pilot, "#field-model")
        await pilot.press("enter", "up", "up", "enter")
        await pilot.pause()
        assert area(app, "description").text == "What happened here."
        assert area(app, "feelings").text == "Worried."
        # Move again and save: the text is saved under Driscoll's first stage.
        await focus(pilot, "#field-model")
        await pilot.press("enter", "down", "down", "enter")
        await pilot.pause()
        await screen_after(pilot, ReflectionsScreen, "ctrl+s")
    repo.close()
    saved = next(r for r in reopened(store_path, clock) if r.title == "Changing my mind")
    assert saved.model == "driscoll"
    assert saved.stages == {
        "what": "Description (from Gibbs):\nWhat happened here.\n\nFeelings (from Gibbs):\nWorried."
    }


def test_carry_over_keeps_same_named_stages_in_place() -> None:
    texts, moved = carry_over("gibbs", {"description": "kept", "feelings": ""}, "gibbs")
    assert texts["description"] == "kept" and moved == []
    texts, moved = carry_over("kolb", {"concrete-experience": "did", "active-experimentation": "try"}, "free")
    assert texts == {
        "text": "Concrete experience (from Kolb):\ndid\n\nActive experimentation (from Kolb):\ntry"
    }
    assert moved == ["Concrete experience", "Active experimentation"]


def test_word_count_counts_words_not_punctuation() -> None:
    assert word_count("I don't know — a well-being plan, 3 times.") == 8
    assert word_count("   ") == 0


async def test_link_an_activity_with_the_picker(repo, ids, store_path, clock) -> None:
    app = make_app(repo, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await open_reflections(pilot)
        await pilot.press("n")
        await pilot.pause()
        await type_text(pilot, "Linked one")
        picker = await screen_after(pilot, LinkPicker, "ctrl+l")
        table = picker.query_one("#links-table", RecordTable)
        assert len(table.rows) == 3  # two activities and one placement day
        await type_text(pilot, "capacity")
        await pilot.pause()
        assert [cells[3] for _, cells in table.rows] == ["Reading on the Mental Capacity Act (reading)"]
        await pilot.press("enter")  # links the first row found
        await pilot.pause()
        assert table.rows[0][1][0] == "✓"
        editor = await screen_after(pilot, ReflectionEditor, "ctrl+s")
        names = shown(editor, "#links-names")
        assert "Activity 12 Nov 2026: Reading on the Mental Capacity Act" in names
        await screen_after(pilot, ReflectionsScreen, "ctrl+s")
    repo.close()
    saved = next(r for r in reopened(store_path, clock) if r.title == "Linked one")
    assert saved.links == [ids["mca"]]


async def test_unlinking_in_the_picker_and_esc_leaves_links_alone(repo, ids, clock) -> None:
    app = make_app(repo, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_reflections(pilot)
        screen.query_one("#reflections-table", RecordTable).move_to(ids["shadow"])
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("ctrl+l")
        await pilot.pause()
        await pilot.press("down", "down", "space")  # to the list, second row: the linked activity
        await pilot.pause()
        assert app.screen.chosen == []
        await pilot.press("escape")  # cancel: the editor keeps its link
        await pilot.pause()
        assert app.screen.links == [ids["mca"]]


async def test_a_bad_standard_is_shown_beside_the_field_and_nothing_is_saved(
    repo, ids, store_path, clock
) -> None:
    app = make_app(repo, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await open_reflections(pilot)
        await pilot.press("n")
        await pilot.pause()
        await type_text(pilot, "Evidence check")
        await focus(pilot, "#field-standards")
        await type_text(pilot, "swe:9.9, pcf:6")
        await pilot.press("ctrl+s")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, ReflectionEditor)  # still open
        assert editor.query_one("#row-standards").has_class("-invalid")
        assert "'swe:9.9' is not a swe code" in shown(editor, "#error-standards")
        assert editor.focused is editor.query_one("#field-standards")
        assert not editor.query_one("#row-title").has_class("-invalid")
    repo.close()
    assert all(r.title != "Evidence check" for r in reopened(store_path, clock))


async def test_a_date_that_cannot_be_read_is_shown_beside_the_date(repo, ids, clock) -> None:
    app = make_app(repo, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await open_reflections(pilot)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("shift+tab", "ctrl+a", "ctrl+k")  # back from the title to the date
        await type_text(pilot, "11/31/2026")
        await pilot.pause()
        editor = app.screen
        assert "day first" in shown(editor, "#date-shown")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "not a month" in shown(editor, "#error-date")
        assert "required" in shown(editor, "#error-title")


async def test_esc_on_a_changed_editor_asks_first(repo, ids, store_path, clock) -> None:
    app = make_app(repo, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await open_reflections(pilot)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("escape")  # nothing typed: it just closes
        await pilot.pause()
        assert isinstance(app.screen, ReflectionsScreen)
        await pilot.press("n")
        await pilot.pause()
        await type_text(pilot, "Half written")
        await screen_after(pilot, Confirm, "escape")
        await pilot.press("n")  # keep editing
        await pilot.pause()
        assert isinstance(app.screen, ReflectionEditor)
        assert app.screen.query_one("#field-title", Input).value == "Half written"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")  # discard
        await pilot.pause()
        assert isinstance(app.screen, ReflectionsScreen)
    assert Drafts(store_path).load("reflection-new") is None
    repo.close()
    assert all(r.title != "Half written" for r in reopened(store_path, clock))


async def test_the_draft_survives_closing_the_app_without_saving(store_path, clock) -> None:
    with Repository.open(store_path, clock) as first:
        seed(first)
        app = make_app(first, clock)
        async with app.run_test(size=(100, 32)) as pilot:
            await open_reflections(pilot)
            await pilot.press("n")
            await pilot.pause()
            await type_text(pilot, "Not saved yet")
            await pilot.press("tab", "tab")
            await type_text(pilot, "Typed but never saved.")
            await pilot.pause(0.6)  # the draft is written a moment after the last key
            on_disk = Drafts(store_path).load("reflection-new")
            assert on_disk is not None
            assert on_disk["values"]["stage-description"] == "Typed but never saved."
            await app.action_quit()
    with Repository.open(store_path, clock) as second:
        assert all(r.title != "Not saved yet" for r in second.reflections())
        app = make_app(second, clock)
        async with app.run_test(size=(100, 32)) as pilot:
            await open_reflections(pilot)
            await pilot.press("n")
            await pilot.pause()
            editor = app.screen
            assert editor.query_one("#field-title", Input).value == "Not saved yet"
            assert area(app, "description").text == "Typed but never saved."
            assert shown(editor, "#words-stage-description") == "4 words"
            await pilot.press("ctrl+s")
            await pilot.pause()
        assert Drafts(store_path).load("reflection-new") is None
        assert any(r.title == "Not saved yet" for r in second.reflections())


async def test_quitting_at_once_still_keeps_the_last_keys(repo, ids, store_path, clock) -> None:
    app = make_app(repo, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await open_reflections(pilot)
        await pilot.press("n")
        await pilot.pause()
        await type_text(pilot, "Quick")
        await pilot.press("ctrl+q")  # before the draft's short wait is over
    assert Drafts(store_path).load("reflection-new")["values"]["title"] == "Quick"


async def test_a_draft_of_an_edit_keeps_its_model(repo, ids, store_path, clock) -> None:
    """A draft written after switching model opens with that model's stages laid out."""
    Drafts(store_path).save(
        f"reflection-{ids['first']}",
        {
            "values": {
                "model": "schon",
                "stage-in-action": "Drafted in action.",
                "title": "First week thoughts",
            }
        },
    )
    app = make_app(repo, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_reflections(pilot)
        assert rows(screen)[-1][1] == "✎ First week thoughts"  # the list marks unsaved drafts
        screen.query_one("#reflections-table", RecordTable).move_to(ids["first"])
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one("#field-model").value == "schon"
        assert area(app, "in-action").text == "Drafted in action."


async def test_ctrl_e_round_trips_a_stage_through_the_editor(
    repo, ids, store_path, clock, tmp_path, monkeypatch
):
    """A real editor process (a script that adds a line). Headless apps cannot suspend, so
    ``App.suspend`` is replaced by a no-op here; the tmux check runs the real suspend."""
    script = tmp_path / "editor.sh"
    script.write_text("#!/bin/sh\nprintf '\\n%s\\n' 'Added in the editor.' >> \"$1\"\n")
    script.chmod(0o700)
    monkeypatch.setenv("EDITOR", str(script))
    monkeypatch.delenv("VISUAL", raising=False)
    app = make_app(repo, clock)
    monkeypatch.setattr(app, "suspend", lambda: nullcontext())
    async with app.run_test(size=(100, 32)) as pilot:
        await open_reflections(pilot)
        await pilot.press("n")
        await pilot.pause()
        await type_text(pilot, "Long one")
        await pilot.press("tab", "tab")
        await type_text(pilot, "Started here.")
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert area(app, "description").text == "Started here.\nAdded in the editor."
        assert shown(app, "#words-stage-description") == "6 words"
        await pilot.press("f4")  # the fallback key does the same
        await pilot.pause()
        assert area(app, "description").text.count("Added in the editor.") == 2
        await pilot.press("ctrl+s")
        await pilot.pause()
    repo.close()
    saved = next(r for r in reopened(store_path, clock) if r.title == "Long one")
    assert saved.stages["description"].endswith("Added in the editor.\nAdded in the editor.")
    assert os.environ["EDITOR"] == str(script)


# -- the list ---------------------------------------------------------------------------------


async def test_list_is_newest_first_and_search_filters_as_you_type(repo, ids, clock) -> None:
    app = make_app(repo, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_reflections(pilot)
        assert [r[1] for r in rows(screen)] == [
            "A home visit that went quiet",
            "Capacity assessment shadowing",
            "First week thoughts",
        ]
        assert rows(screen)[0][2:] == ("Gibbs", "17", "1")
        await pilot.press("slash")
        await type_text(pilot, "decision")  # only in a stage's text
        await pilot.pause()
        assert [r[1] for r in rows(screen)] == ["Capacity assessment shadowing"]
        assert "1 of 3 reflections" in shown(screen, "#reflections-count")
        preview = shown(screen, "#reflection-preview")
        assert "So what" in preview and "Capacity is decision specific." in preview
        assert "Activity 12 Nov 2026: Reading on the Mental Capacity Act" in preview
        await pilot.press("escape")
        await pilot.pause()
        assert len(rows(screen)) == 3


async def test_delete_asks_and_can_be_undone(repo, ids, store_path, clock) -> None:
    app = make_app(repo, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_reflections(pilot)
        await screen_after(pilot, Confirm, "x")
        await pilot.press("n")
        await pilot.pause()
        assert len(rows(screen)) == 3
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert [r[1] for r in rows(screen)] == ["Capacity assessment shadowing", "First week thoughts"]
        assert {r.id for r in app.session.reflections()} == {ids["shadow"], ids["first"]}
        await pilot.press("u")
        await pilot.pause()
        assert len(rows(screen)) == 3


async def test_show_only_narrows_the_list_until_esc(repo, ids, clock) -> None:
    app = make_app(repo, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_reflections(pilot)
        screen.show_only({ids["first"], ids["shadow"]}, "Reflections this term")
        await pilot.pause()
        assert [r[1] for r in rows(screen)] == ["Capacity assessment shadowing", "First week thoughts"]
        banner = screen.query_one("#reflections-only", Static)
        assert banner.display and "Reflections this term" in str(banner.render())
        await pilot.press("escape")
        await pilot.pause()
        assert len(rows(screen)) == 3 and not banner.display


async def test_palette_lists_the_screens_actions(repo, ids, clock) -> None:
    app = make_app(repo, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_reflections(pilot)
        commands = {title: action for title, _, action in screen.palette_commands()}
        assert {"reflection: new", "reflection: edit", "reflection: delete", "reflection: search"} <= set(
            commands
        )
        await app.run_action(commands["reflection: new"], screen)
        await pilot.pause()
        assert isinstance(app.screen, ReflectionEditor)


async def test_sort_by_words(repo, ids, clock) -> None:
    long_ago = " ".join(["word"] * 30)
    repo.add(Reflection(date=date(2026, 10, 1), title="Zebra", model="free", stages={"text": long_ago}))
    app = make_app(repo, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_reflections(pilot)
        await pilot.press("s", "s", "s")  # date -> title -> model -> words
        await pilot.pause()
        assert [r[3] for r in rows(screen)] == ["30", "17", "9", "7"]  # most words first
        await pilot.press("s", "s")  # links, then back to date: newest first
        await pilot.pause()
        assert [r[1] for r in rows(screen)][-1] == "Zebra"


# -- how it looks -------------------------------------------------------------------------------


def _snap_app(store_path: Path, clock) -> PraxisApp:
    repo = Repository.open(store_path, clock)
    seed(repo)
    return make_app(repo, clock)


def _then_still(*keys: str):
    """Press ``keys`` (pausing after each screen change), then stop cursors blinking for the picture."""

    async def run(pilot) -> None:
        await pilot.pause()
        for key in keys:
            if key == "_":
                await pilot.pause()
            else:
                await pilot.press(key)
        await pilot.pause()
        still(pilot.app.screen)
        await pilot.pause()

    return run


@pytest.mark.parametrize("size", [(100, 32), (80, 24)], ids=["100x32", "80x24"])
def test_snapshot_list(snap_compare, store_path, clock, size) -> None:
    app = _snap_app(store_path, clock)
    try:
        assert snap_compare(app, terminal_size=size, run_before=_then_still("r", "_"))
    finally:
        app.session.repo.close()


@pytest.mark.parametrize("size", [(100, 32), (80, 24)], ids=["100x32", "80x24"])
def test_snapshot_editor(snap_compare, store_path, clock, size) -> None:
    app = _snap_app(store_path, clock)
    keys = ["r", "_", "n", "_", *"Supervision", "tab", "tab", "W", "e", "space", *"talked", "_"]
    try:
        assert snap_compare(app, terminal_size=size, run_before=_then_still(*keys))
    finally:
        app.session.repo.close()


# -- the confidentiality check, live ------------------------------------------------------------

NHS = "943 476 5919"  # a made-up number with a valid check digit


async def test_the_editor_flags_an_nhs_number_as_you_type_and_keeps_it_if_asked(
    repo, ids, store_path, clock
) -> None:
    from praxis_socialwork.exports.privacy import flag_key

    app = make_app(repo, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await open_reflections(pilot)
        editor = await screen_after(pilot, ReflectionEditor, "n")
        await type_text(pilot, "Hospital discharge")
        await pilot.press("tab", "tab")
        await type_text(pilot, "We met on the ward.\nHis NHS number " + NHS)
        await pilot.pause(0.5)  # the check waits for a pause in typing
        note = editor.query_one("#privacy-stage-description", Static)
        assert note.has_class("-flagged") and note.display
        said = str(note.render())
        assert f"NHS number '{NHS}' (line 2, col 16)" in said
        assert "NHS number withheld" in said  # the suggestion
        assert "1 to check" in shown(editor, "#privacy-total")
        # It warns and does not block: F8 keeps it as written, and the reflection saves.
        await pilot.press("f8")
        await pilot.pause()
        assert not note.has_class("-flagged")
        assert shown(editor, "#privacy-total") == ""
        await screen_after(pilot, ReflectionsScreen, "ctrl+s")
    repo.close()
    saved = next(r for r in reopened(store_path, clock) if r.title == "Hospital discharge")
    assert NHS in saved.stages["description"]
    with Repository.open(store_path, clock) as again:
        reviewed = again.profile().privacy_reviewed
    # The mark is the same key praxis check-privacy uses, so the command line agrees.
    assert flag_key(saved.id, "stages.description", "nhs", NHS) in reviewed


async def test_anonymising_the_text_clears_the_flag_and_nothing_is_marked(
    repo, ids, store_path, clock
) -> None:
    app = make_app(repo, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_reflections(pilot)
        screen.query_one("#reflections-table", RecordTable).move_to(ids["first"])
        editor = await screen_after(pilot, ReflectionEditor, "e")
        await focus(pilot, "#field-stage-text")
        await pilot.press("ctrl+end")
        await type_text(pilot, " I rang Mrs Okafor on 07700 900123.")
        await pilot.pause(0.5)
        said = shown(editor, "#privacy-stage-text")
        assert "name with a title 'Mrs Okafor'" in said and "phone number '07700 900123'" in said
        assert "2 to check" in shown(editor, "#privacy-total")
        area(app, "text").text = "Lots of new names, systems and routines. I rang the parent (Mrs O)."
        await pilot.pause(0.5)
        assert not editor.query_one("#privacy-stage-text", Static).has_class("-flagged")
        await pilot.press("ctrl+s")
        await pilot.pause()
    repo.close()
    with Repository.open(store_path, clock) as again:
        assert again.profile().privacy_reviewed == []
        assert "(Mrs O)" in again.get(Reflection, ids["first"]).stages["text"]


async def test_a_flag_marked_on_the_command_line_is_not_shown_in_the_editor(
    repo, ids, store_path, clock
) -> None:
    from dataclasses import replace

    from praxis_socialwork.exports.privacy import flag_key

    visit = repo.get(Reflection, ids["visit"])
    repo.update(replace(visit, stages={**visit.stages, "analysis": f"NHS {NHS} was on the letter."}))
    profile = repo.profile()
    key = flag_key(visit.id, "stages.analysis", "nhs", NHS)
    repo.save_profile(replace(profile, privacy_reviewed=[key]))
    app = make_app(repo, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_reflections(pilot)
        screen.query_one("#reflections-table", RecordTable).move_to(ids["visit"])
        await pilot.press("e")
        await pilot.pause(0.5)
        editor = app.screen
        assert isinstance(editor, ReflectionEditor)
        assert not editor.query_one("#privacy-stage-analysis", Static).has_class("-flagged")
        # A second identifier in the same stage is still flagged.
        area(app, "analysis").text += " Her postcode is LS6 2AB."
        await pilot.pause(0.5)
        said = shown(editor, "#privacy-stage-analysis")
        assert "postcode 'LS6 2AB'" in said and "NHS" not in said
