"""What the command-line tests share: running ``praxis`` in-process on a temp store."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.cli import main

NOW = "2026-11-22T12:00"


@pytest.fixture
def env(store_path: Path, tmp_path: Path) -> dict[str, str]:
    """The environment every run gets: a temp store, a stopped clock, and no user framework folder."""
    return {"PRAXIS_STORE": str(store_path), "PRAXIS_CLOCK": NOW, "XDG_CONFIG_HOME": str(tmp_path / "config")}


@pytest.fixture
def praxis(env, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """Run ``praxis ARGS`` in-process; return (exit code, stdout, stderr)."""
    for key, value in env.items():
        monkeypatch.setenv(key, value)

    def run(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return run
