"""The house's layering: headless packages and commands never load Textual; nothing imports tui."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _modules_after(code: str, env: dict[str, str] | None = None) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys; print('\\n'.join(sys.modules))"],
        capture_output=True, text=True, check=True, cwd=ROOT, env=env,
    )  # fmt: skip
    return set(done.stdout.split())


@pytest.mark.parametrize("package", ["store", "rules", "exports", "services"])
def test_headless_packages_do_not_import_textual(package: str) -> None:
    loaded = _modules_after(f"import praxis_socialwork.{package}")
    assert "textual" not in loaded and "praxis_socialwork.tui" not in loaded


def test_report_commands_do_not_import_textual(tmp_path: Path) -> None:
    import os

    env = os.environ | {"PRAXIS_STORE": str(tmp_path / "s.json"), "PRAXIS_CLOCK": "2026-11-22T12:00"}
    loaded = _modules_after("from praxis_socialwork.cli.main import main; main(['list', 'activities'])", env)
    assert "praxis_socialwork.cli.main" in loaded and "textual" not in loaded


def test_only_the_store_imports_tinydb() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for package in ("cli", "tui", "services", "rules", "exports")
        for path in (ROOT / package).rglob("*.py")
        if "tinydb" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
