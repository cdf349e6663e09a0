"""Fixtures for the store's tests: an open store on real files, and records to put in it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from praxis_socialwork import store


@pytest.fixture
def repo(store_path: Path, clock: store.FixedClock) -> Iterator[store.Repository]:
    """A new, writable store in a temporary folder; closed after the test."""
    repository = store.Repository.open(store_path, clock)
    try:
        yield repository
    finally:
        repository.close()


@pytest.fixture
def new_activity(clock: store.FixedClock) -> Callable[..., store.Activity]:
    """Make a valid completed activity from last week; keyword arguments override fields."""

    def make(**fields: Any) -> store.Activity:
        values: dict[str, Any] = {
            "date": store.today(clock) - timedelta(days=7),
            "title": "Safeguarding adults refresher",
            "type": "course",
            "hours": 3.5,
            "provider": "Local authority training team",
            "learning": "Making safeguarding personal in practice",
        }
        values.update(fields)
        return store.Activity(**values)

    return make
