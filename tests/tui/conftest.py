"""Fixtures for the app's tests: folders of the test's own, a store open on real files, and the
mid-way student in it. Helpers that press keys and read the screen are in ``helpers.py``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from praxis_socialwork.store import Placement, Repository
from tests.tui.helpers import midway_student


@pytest.fixture(autouse=True)
def _own_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No key map or frameworks from the real user's config folder, and an error log of the test's
    own (tests run side by side, so none writes where another reads)."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))


@pytest.fixture
def repo(store_path: Path, clock) -> Iterator[Repository]:
    """A new, writable store in the test's temporary folder; closed after the test."""
    with Repository.open(store_path, clock) as opened:
        yield opened


@pytest.fixture
def midway(repo: Repository) -> Placement:
    """``repo`` holding a student half-way through a first placement; returns that placement."""
    return midway_student(repo)
