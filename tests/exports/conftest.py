"""Realistic stores for export tests: the app's fictional sample portfolios, built in a temp store."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from praxis_socialwork import store
from praxis_socialwork.exports.portfolio import Portfolio, ReportOptions, build_portfolio
from praxis_socialwork.services.sample_portfolio import build_sample


@pytest.fixture
def sample_store(tmp_path: Path, clock: store.FixedClock) -> Callable[[str], store.Repository]:
    """Return a function that builds the ``student`` or ``practitioner`` sample in a fresh temp store."""
    opened: list[store.Repository] = []

    def make(which: str) -> store.Repository:
        repo = store.Repository.open(tmp_path / f"{which}-store" / "praxis.json", clock)
        build_sample(repo, which, clock.now().date())
        opened.append(repo)
        return repo

    yield make
    for repo in opened:
        repo.close()


@pytest.fixture
def portfolio_of(sample_store, clock: store.FixedClock) -> Callable[..., Portfolio]:
    """Return a function giving the sample ``which``'s portfolio, as a report would show it today."""
    from praxis_socialwork.rules import Records, load_catalogue

    def make(which: str, options: ReportOptions | None = None) -> Portfolio:
        repo = sample_store(which)
        return build_portfolio(
            repo.profile(), Records.read(repo), load_catalogue([], None), clock.now().date(),
            options or ReportOptions(),
        )  # fmt: skip

    return make
