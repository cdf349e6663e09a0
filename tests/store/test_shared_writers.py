"""The app and commands on one store: the app takes the write lock only while it saves, so a command
run while the app is open reads at once and writes after a moment's wait; whatever either saved is
kept, through compactions on both sides. A second copy of the app is read-only. Real files, real
locks, real processes."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from praxis_socialwork import store
from praxis_socialwork.store import storage as journal_storage
from praxis_socialwork.store.locking import StoreLock

ROOT = Path(__file__).parents[2]


def titles(path: Path, clock) -> list[str]:
    with store.Repository.open(path, clock, read_only=True) as repo:
        return sorted(a.title for a in repo.activities())


def praxis(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "praxis_socialwork", *args], capture_output=True, text=True, timeout=120,
        env={**os.environ, **env}, cwd=ROOT, stdin=subprocess.DEVNULL,
    )  # fmt: skip


def test_a_command_writes_while_the_app_is_open_and_the_app_keeps_both(env, store_path, clock, new_activity):
    with store.Repository.open(store_path, clock, shared=True) as app:
        app.save_profile(store.Profile(name="Sam Example", role="student"))
        app.add(new_activity(title="Logged in the app"))
        listed = praxis(env, "list", "activities")
        assert listed.returncode == 0 and "Logged in the app" in listed.stdout  # reads, unlocked
        added = praxis(env, "add", "activity", "--date", "04/11/2026", "--title", "Added by a command",
                       "--hours", "1", "--type", "reading")  # fmt: skip
        assert added.returncode == 0, added.stderr
        assert app.changed_elsewhere()
        app.add(new_activity(title="Logged in the app later"))  # read in the command's save first
        assert sorted(a.title for a in app.activities()) == [
            "Added by a command", "Logged in the app", "Logged in the app later"]  # fmt: skip
    assert titles(store_path, clock) == ["Added by a command", "Logged in the app", "Logged in the app later"]


def test_a_command_waits_for_the_apps_save_rather_than_failing(env, store_path, clock):
    with store.Repository.open(store_path, clock, shared=True) as app:
        app.save_profile(store.Profile(name="Sam Example", role="student"))
        saving = StoreLock(store_path)  # the app in the middle of a (long) save
        assert saving.try_acquire()
        threading.Timer(1.0, saving.release).start()
        started = time.monotonic()
        added = praxis(env, "add", "activity", "--date", "04/11/2026", "--title", "Waited its turn",
                       "--hours", "1", "--type", "reading")  # fmt: skip
        assert added.returncode == 0, added.stderr
        assert time.monotonic() - started >= 0.9
    assert titles(store_path, clock) == ["Waited its turn"]


def test_the_apps_save_waits_for_a_commands_and_sees_it(store_path, clock, new_activity):
    with store.Repository.open(store_path, clock, shared=True) as app:
        app.save_profile(store.Profile(name="Sam Example", role="student"))
        command = store.Repository.open(store_path, clock, wait=1)
        assert not command.read_only
        command.add(new_activity(title="From the command"))
        threading.Timer(0.5, command.close).start()
        saved = app.add(new_activity(title="From the app"))  # waits for the command to finish
        assert saved.title == "From the app"
        assert sorted(a.title for a in app.activities()) == ["From the app", "From the command"]


def test_the_app_gives_up_saving_after_a_while_with_a_clear_message(
    store_path, clock, new_activity, monkeypatch
):
    monkeypatch.setattr(store.repository, "WRITE_WAIT", 0.3)
    with store.Repository.open(store_path, clock, shared=True) as app:
        app.save_profile(store.Profile(name="Sam Example", role="student"))
        with store.Repository.open(store_path, clock, wait=1):
            with pytest.raises(store.StoreWriteError, match="saving to .* nothing was saved"):
                app.add(new_activity(title="Never saved"))
        assert app.activities() == []
    assert titles(store_path, clock) == []


def test_a_second_copy_of_the_app_is_read_only_but_sees_the_first_ones_saves(store_path, clock, new_activity):
    with store.Repository.open(store_path, clock, shared=True) as first:
        first.save_profile(store.Profile(name="Sam Example", role="student"))
        with store.Repository.open(store_path, clock, shared=True) as second:
            assert second.read_only and "Another copy of Praxis has" in (second.read_only_reason or "")
            first.add(new_activity(title="Saved by the first"))
            assert second.changed_elsewhere() and second.read_in_changes()
            assert [a.title for a in second.activities()] == ["Saved by the first"]
            with pytest.raises(store.StoreReadOnlyError):
                second.add(new_activity(title="Refused"))


def test_interleaved_saves_through_compactions_lose_nothing(store_path, clock, new_activity, monkeypatch):
    """The app and commands take turns, each folding the journal into the snapshot now and then."""
    monkeypatch.setattr(journal_storage, "COMPACT_AT_LEAST", 2_000)
    expected = set()
    with store.Repository.open(store_path, clock, shared=True) as app:
        app.save_profile(store.Profile(name="Sam Example", role="student"))
        for i in range(40):
            expected.add(app.add(new_activity(title=f"app {i}", learning="x" * 300)).id)
            if i % 3 == 0:
                with store.Repository.open(store_path, clock, wait=1) as command:
                    expected.add(command.add(new_activity(title=f"command {i}", learning="y" * 300)).id)
            if i % 7 == 0:
                gone = app.activities()[0]
                app.delete(store.Activity, gone.id)
                expected.discard(gone.id)
        app.read_in_changes()  # the command saved last: the app reads it in (it looks every 2 s)
        assert {a.id for a in app.activities()} == expected
    with store.Repository.open(store_path, clock, read_only=True) as again:
        assert {a.id for a in again.activities()} == expected
        assert len({a.id for a in again.activities()}) == len(again.activities())
