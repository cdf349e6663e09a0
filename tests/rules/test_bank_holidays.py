"""Bank holidays are worked out by the ``holidays`` library once and kept in the user cache folder:
a later process reads them without loading the library, and a file from another release of the
library, or a damaged one, is never believed."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import holidays
import pytest

from praxis_socialwork.rules import bank_holidays


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    bank_holidays._kept.cache_clear()
    bank_holidays.year_holidays.cache_clear()
    yield tmp_path / "cache"
    bank_holidays._kept.cache_clear()
    bank_holidays.year_holidays.cache_clear()


def from_library(subdiv: str, year: int) -> dict[date, str]:
    return dict(holidays.country_holidays("GB", subdiv=subdiv, years=year))


def test_a_year_is_worked_out_once_then_read_without_the_library(cache_home: Path) -> None:
    assert bank_holidays.year_holidays("SCT", 2026) == from_library("SCT", 2026)
    assert date(2026, 11, 30) in bank_holidays.year_holidays("SCT", 2026)  # St Andrew's Day
    kept = json.loads(bank_holidays.cache_path().read_text())
    assert "SCT-2026" in kept["years"] and kept["release"]

    probe = (
        "import sys, json\n"
        "from praxis_socialwork.rules.bank_holidays import year_holidays\n"
        "found = year_holidays('SCT', 2026)\n"
        "days = sorted(d.isoformat() for d in found)\n"
        "print(json.dumps({'loaded': 'holidays' in sys.modules, 'days': days}))\n"
    )
    env = {"XDG_CACHE_HOME": str(cache_home), "PATH": "/usr/bin:/bin"}
    out = json.loads(subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True,
                                    check=True).stdout)  # fmt: skip
    assert out == {"loaded": False, "days": sorted(d.isoformat() for d in from_library("SCT", 2026))}


@pytest.mark.parametrize(
    "kept",
    [
        {"release": "another release", "years": {"ENG-2026": {"2026-03-03": "Not a holiday"}}},
        {"release": None, "years": {"ENG-2026": {"not a date": 5}}},
        "damaged",
    ],
)
def test_a_file_from_another_release_or_damaged_is_not_believed(cache_home: Path, kept: object) -> None:
    path = bank_holidays.cache_path()
    path.parent.mkdir(parents=True)
    if kept == "damaged":
        path.write_bytes(b'{"release": "x", "years": {')
    else:
        if isinstance(kept, dict) and kept["release"] is None:
            kept["release"] = bank_holidays._library_release()  # this release, but a damaged year
        path.write_text(json.dumps(kept))
    assert bank_holidays.year_holidays("ENG", 2026) == from_library("ENG", 2026)
    rewritten = json.loads(path.read_text())
    assert rewritten["release"] == bank_holidays._library_release()
    assert date(2026, 3, 3).isoformat() not in rewritten["years"]["ENG-2026"]
