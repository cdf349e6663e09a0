"""The app a person lives in survives what they do to it: resizing the terminal on every screen and
dialog, the command palette's promised keys, no terminal at all, and an unexpected error (which ends
with a sentence and the details in errors.log, never a traceback on the terminal)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from textual.command import CommandPalette

from praxis_socialwork.services.sample_portfolio import build_sample
from praxis_socialwork.store import Profile, Repository
from praxis_socialwork.store.signing import Educator
from praxis_socialwork.tui.app import PraxisApp, make_app
from praxis_socialwork.tui.app_runner import run_full_screen
from praxis_socialwork.tui.screens.dashboard import DashboardScreen
from tests.tui.helpers import screen_after

SIZES = [(80, 24), (200, 50), (60, 20), (100, 32), (200, 50), (80, 24)]
PAGES = ["d", "a", "p", "r", "v"]


@pytest.fixture
def student(store_path: Path, clock):
    """The sample student mid-placement (days, CPD, reflections, sign-offs), on a real temp store."""
    with Repository.open(store_path, clock) as repo:
        build_sample(repo, "student", date(2026, 11, 22))
        yield repo


async def resize_through(pilot, sizes=SIZES) -> None:
    for width, height in sizes:
        await pilot.resize_terminal(width, height)
        await pilot.pause()
        assert pilot.app.size == (width, height)


@pytest.mark.parametrize("page", PAGES)
async def test_every_page_survives_resizing_while_shown_and_when_next_opened(student, clock, page) -> None:
    app = make_app(student, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press(page)
        await pilot.pause()
        shown = type(app.screen)
        await resize_through(pilot)
        assert type(app.screen) is shown and app.is_running
        # The dashboard, not shown while the terminal changed size, is drawn for the new size on return.
        await pilot.resize_terminal(60, 20)
        await screen_after(pilot, DashboardScreen, "d")
        await resize_through(pilot, [(200, 50), (80, 24)])
        assert "As of Sun 22 Nov 2026" in app.screen.query_one("#dash-status").render().plain


@pytest.mark.parametrize("keys", [["a", "n"], ["r", "n"], ["l"], ["f1"], ["E"], ["R"], ["ctrl+p"]])
async def test_dialogs_and_forms_survive_resizing(student, clock, keys) -> None:
    app = make_app(student, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()
        dialog = type(app.screen)
        assert dialog is not DashboardScreen
        await resize_through(pilot)
        assert type(app.screen) is dialog and app.is_running


async def test_review_mode_survives_resizing(student, clock, tmp_path) -> None:
    educator = Educator("Jo Educator", "Practice educator", tmp_path / "signing")
    app = make_app(student, clock, reviewer=educator)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await resize_through(pilot)
        assert app.is_running


async def test_ctrl_p_and_colon_open_the_command_palette(student, clock) -> None:
    app = make_app(student, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        for key in ("ctrl+p", "colon"):
            await pilot.pause()
            await pilot.press(key)
            await pilot.pause()
            assert CommandPalette.is_open(app), key
            await pilot.press("escape")
            await pilot.pause()
            assert not CommandPalette.is_open(app)


def test_praxis_without_a_terminal_says_so_and_exits(env, tmp_path) -> None:
    """Output piped and input from nowhere: a sentence and exit 1 at once, not a hung full-screen app."""
    run_env = {**os.environ, **env}
    for args in ([], ["app"]):
        done = subprocess.run(
            [sys.executable, "-m", "praxis_socialwork", *args], stdin=subprocess.DEVNULL, capture_output=True,
            text=True, env=run_env, timeout=60, cwd=Path(__file__).parents[2],
        )  # fmt: skip
        assert done.returncode == 1, done.stderr
        assert "the app needs a terminal" in done.stderr and "praxis gaps" in done.stderr
        assert done.stdout == ""  # no escape codes sent down the pipe


def test_an_unexpected_error_in_the_app_is_logged_and_told_in_a_sentence(
    store_path: Path, clock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    def broken(self) -> None:
        raise RuntimeError("a fault put here by the test")

    monkeypatch.setattr(DashboardScreen, "_layout", broken)
    with Repository.open(store_path, clock) as repo:
        repo.save_profile(Profile(name="Jo Example", role="practitioner", frameworks=["swe"]))
        app: PraxisApp = make_app(repo, clock)
        code = run_full_screen(app, headless=True)
    err = capsys.readouterr().err
    log = tmp_path / "state" / "praxis" / "log" / "errors.log"  # the test's own state folder (conftest.py)
    assert code == 70
    assert "something went wrong that Praxis did not expect" in err and "a fault put here" in err
    assert str(log) in err and "Traceback" not in err
    assert "RuntimeError: a fault put here by the test" in log.read_text()
    assert "Traceback" in log.read_text()


async def test_first_run_setup_survives_resizing(store_path: Path, clock) -> None:
    from praxis_socialwork.tui.screens.setup import SetupScreen

    with Repository.open(store_path, clock) as repo:
        app = make_app(repo, clock)
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, SetupScreen)
            await resize_through(pilot)
            assert isinstance(app.screen, SetupScreen) and app.is_running


async def test_the_damaged_store_screen_survives_resizing(store_path: Path, clock) -> None:
    from praxis_socialwork.tui.app import make_app_for
    from praxis_socialwork.tui.screens.opening import CannotOpenScreen

    with Repository.open(store_path, clock) as repo:
        repo.save_profile(Profile(name="Jo Example", role="practitioner", frameworks=["swe"]))
        repo.compact()
    store_path.write_bytes(store_path.read_bytes()[:20])
    app = make_app_for(store_path, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, CannotOpenScreen)
        await resize_through(pilot)
        assert isinstance(app.screen, CannotOpenScreen) and app.is_running
