"""Owner-only all the way up: under umask 000 every folder Praxis makes, at every level, is 0700; a
keys or frameworks folder others can change is refused."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
UMASK_000 = "import os, sys; os.umask(0); from cli.main import main; sys.exit(main(sys.argv[1:]))"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", UMASK_000, *args],
        env={**os.environ, **env}, cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_every_folder_made_under_umask_000_is_owner_only(tmp_path: Path) -> None:
    env = {
        "PRAXIS_STORE": str(tmp_path / "a" / "b" / "c" / "praxis.json"),
        "XDG_CONFIG_HOME": str(tmp_path / "cfg" / "deep"),
        "XDG_STATE_HOME": str(tmp_path / "state" / "deep"),
        "PRAXIS_CLOCK": "2026-11-22T12:00",
    }
    assert run(env, "init", "--name", "Jo Educator", "--role", "practitioner").returncode == 0
    assert run(env, "keys", "new", "--name", "Jo Educator").returncode == 0
    done = run(env, "export", "csv", "-o", str(tmp_path / "out" / "csv"))
    assert done.returncode == 0, done.stderr
    made = [
        tmp_path / p
        for p in (
            "a",
            "a/b",
            "a/b/c",
            "cfg",
            "cfg/deep",
            "cfg/deep/praxis",
            "cfg/deep/praxis/signing",
            "out",
            "out/csv",
        )
    ]
    for folder in made:
        assert mode(folder) == 0o700, f"{folder} is {oct(mode(folder))}"
    for file in (tmp_path / "a" / "b" / "c").iterdir():
        if file.is_file():
            assert mode(file) & 0o077 == 0, file


@pytest.mark.parametrize("folder", ["signing", "frameworks"])
def test_a_keys_or_frameworks_folder_others_can_change_is_refused(tmp_path: Path, folder: str) -> None:
    env = {"PRAXIS_STORE": str(tmp_path / "s" / "praxis.json"), "XDG_CONFIG_HOME": str(tmp_path / "cfg"),
           "PRAXIS_CLOCK": "2026-11-22T12:00"}  # fmt: skip
    init = run(env, "init", "--name", "Jo Educator", "--role", "practitioner", "--framework", "swe")
    assert init.returncode == 0
    assert run(env, "keys", "new", "--name", "Jo Educator").returncode == 0
    shared = tmp_path / "cfg" / "praxis" / folder
    shared.mkdir(exist_ok=True)
    os.chmod(shared, 0o777)
    args = ("keys", "show") if folder == "signing" else ("gaps",)
    done = run(env, *args)
    assert done.returncode == 1
    assert "can be changed by other users" in done.stderr and "chmod go-w" in done.stderr


def test_export_csv_onto_an_existing_file_says_so(praxis, tmp_path: Path) -> None:
    assert praxis("init", "--name", "Jo Example", "--role", "practitioner")[0] == 0
    existing = tmp_path / "notes.txt"
    existing.write_text("mine\n")
    code, _, err = praxis("export", "csv", "-o", str(existing))
    assert code == 1 and "it is a file" in err
    assert existing.read_text() == "mine\n"
