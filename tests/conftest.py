"""Fixtures every test package may use: a stopped clock and a store path in a temporary folder."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

import store


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
        "nmc", "pcf", "scw", "sssc", "swe",
    }  # fmt: skip
