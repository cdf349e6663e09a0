"""Fixtures every test package may use: a stopped clock, a temp store, and ``praxis`` run in-process."""

from __future__ import annotations

import os
import tempfile
from datetime import datetime
from pathlib import Path

import pytest

from praxis_socialwork import store

NOW = "2026-11-22T12:00"  # the stopped clock, as PRAXIS_CLOCK gives it to the command line


def pytest_configure(config: pytest.Config) -> None:
    """Keep what Praxis caches (bank holidays) out of the user's own cache folder: each test process
    gets its own, which the commands it runs inherit."""
    os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="praxis-test-cache-")


@pytest.fixture
def clock() -> store.FixedClock:
    """A clock stopped at noon on Sunday 22 November 2026, London time."""
    return store.FixedClock(datetime(2026, 11, 22, 12, 0, tzinfo=store.LONDON))


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    """Where a test's store lives: a folder Praxis has not created yet, inside ``tmp_path``."""
    return tmp_path / "praxis-data" / "praxis.json"


@pytest.fixture
def bundled_ids() -> set[str]:
    """Every framework id Praxis ships (written out, so a lost file fails a test)."""
    return {
        "asye", "degree-england", "degree-ni", "degree-scotland", "degree-wales", "hcpc", "niscc",
        "nmc", "pcf", "scw", "sssc", "sssc-nqsw", "swe",
    }  # fmt: skip


@pytest.fixture
def env(store_path: Path, tmp_path: Path) -> dict[str, str]:
    """The environment every run gets: a temp store, a stopped clock, and no user framework folder."""
    return {"PRAXIS_STORE": str(store_path), "PRAXIS_CLOCK": NOW, "XDG_CONFIG_HOME": str(tmp_path / "config")}


@pytest.fixture
def praxis(env, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """Run ``praxis ARGS`` in-process; return (exit code, stdout, stderr)."""
    from praxis_socialwork.cli.main import main

    for key, value in env.items():
        monkeypatch.setenv(key, value)

    def run(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return run
