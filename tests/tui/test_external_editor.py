"""Writing text in $EDITOR: a real editor process (a small script) edits a private temporary file."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from textual.app import App

from praxis_socialwork.tui.external_editor import EditorError, edit_in_app, edit_text, editor_command


def _script(folder: Path, body: str) -> Path:
    path = folder / "fake-editor.sh"
    path.write_text("#!/bin/sh\n" + body, encoding="utf-8")
    path.chmod(0o700)
    return path


def test_the_editor_edits_the_text_in_a_private_file_that_is_removed(tmp_path: Path) -> None:
    seen = tmp_path / "seen.txt"
    editor = _script(
        tmp_path,
        # Record where the file was and how it was protected, then add a line as a person would.
        f'echo "$1" > "{seen}"\n'
        f'stat -c "%a" "$1" >> "{seen}"\n'
        f'stat -c "%a" "$(dirname "$1")" >> "{seen}"\n'
        "printf '\\n%s\\n' 'Added in the editor.' >> \"$1\"\n",
    )
    env = {**os.environ, "EDITOR": str(editor)}
    env.pop("VISUAL", None)

    result = edit_text("I stayed calm.", name="description", env=env)

    assert result == "I stayed calm.\nAdded in the editor."
    file_name, file_mode, folder_mode = seen.read_text().split()
    assert Path(file_name).name == "description.txt"
    assert file_mode == "600" and folder_mode == "700"
    assert not Path(file_name).exists() and not Path(file_name).parent.exists()


def test_text_that_ended_with_a_newline_keeps_it(tmp_path: Path) -> None:
    editor = _script(tmp_path, "printf '%s\\n' 'two' >> \"$1\"\n")
    assert edit_text("one\n", env={**os.environ, "EDITOR": str(editor), "VISUAL": ""}) == "one\ntwo\n"


def test_visual_comes_before_editor_and_may_carry_arguments() -> None:
    assert editor_command({"VISUAL": "code --wait", "EDITOR": "nano"}) == ["code", "--wait"]
    assert editor_command({"EDITOR": "nano"}) == ["nano"]


def test_no_editor_set_says_how_to_set_one() -> None:
    with pytest.raises(EditorError, match=r"Set \$EDITOR"):
        edit_text("text", env={"PATH": os.environ.get("PATH", "")})


def test_a_missing_editor_is_named_and_the_temporary_folder_is_removed(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    with pytest.raises(EditorError, match="'no-such-editor-praxis' was not found"):
        edit_text("text", env={**os.environ, "EDITOR": "no-such-editor-praxis", "VISUAL": ""})
    assert not list(tmp_path.glob("praxis-edit-*"))


def test_an_editor_that_fails_leaves_the_text_alone(tmp_path: Path) -> None:
    editor = _script(tmp_path, "echo 'ruined' > \"$1\"\nexit 3\n")
    with pytest.raises(EditorError, match="exit status 3"):
        edit_text("keep me", env={**os.environ, "EDITOR": str(editor), "VISUAL": ""})


def test_the_file_is_owner_only_even_with_a_permissive_umask(tmp_path: Path) -> None:
    seen = tmp_path / "mode"
    editor = _script(tmp_path, f'stat -c "%a" "$1" > "{seen}"\n')
    old = os.umask(0)
    try:
        edit_text("x", env={**os.environ, "EDITOR": str(editor), "VISUAL": ""})
    finally:
        os.umask(old)
    assert stat.S_IMODE(int(seen.read_text().strip(), 8)) == 0o600


async def test_in_an_app_that_cannot_hand_over_the_terminal_the_text_is_kept(
    tmp_path: Path, monkeypatch
) -> None:
    """Headless apps (the tests, Textual Web) cannot suspend: the person is told, nothing changes."""
    monkeypatch.setenv("EDITOR", str(_script(tmp_path, 'echo changed > "$1"\n')))
    monkeypatch.delenv("VISUAL", raising=False)
    app: App[None] = App()
    async with app.run_test() as pilot:
        assert edit_in_app(app, "original") is None
        await pilot.pause()
        assert any("cannot hand the screen" in str(n.message) for n in app._notifications)


async def test_in_an_app_with_no_editor_set_the_person_is_told(monkeypatch) -> None:
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)
    app: App[None] = App()
    async with app.run_test() as pilot:
        assert edit_in_app(app, "original") is None
        await pilot.pause()
        assert any("No editor is set" in str(n.message) for n in app._notifications)
