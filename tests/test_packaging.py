"""The package as a user installs it: the wheel holds one import root, praxis_socialwork, so it can sit
beside django-rules (which installs a top-level ``rules``) and both keep working; removing either
leaves the other whole.

The wheel is built from this checkout and installed into a new virtual environment with django-rules
from the package index. Praxis's own dependencies are lent from the development environment by a
plain path entry (not its site folder, so its editable install of this checkout stays out)."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run a command to completion; fail the test with its output if it fails."""
    done = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, f"{args}\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def wheels(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Praxis's wheel, built from this checkout, and django-rules's wheel from the package index."""
    folder = tmp_path_factory.mktemp("wheels")
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    run(*pip, "wheel", "--no-deps", "--quiet", "--wheel-dir", folder, ROOT, cwd=folder)
    run(*pip, "download", "--no-deps", "--quiet", "--dest", folder, "rules==3.5", cwd=folder)
    return folder


@pytest.fixture(scope="module")
def installed(wheels: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new environment holding both wheels; returns its folder."""
    home = tmp_path_factory.mktemp("env")
    venv.create(home, with_pip=False)
    python = home / "bin" / "python"
    site = Path(
        run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))", cwd=home).stdout.strip()
    )
    (site / "lent-dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--python", python]
    run(*pip, "install", "--no-deps", "--quiet", *sorted(wheels.glob("*.whl")), cwd=home)
    return home


def test_the_wheel_installs_one_import_root(wheels: Path) -> None:
    (wheel,) = wheels.glob("praxis_socialwork-*.whl")
    tops = {name.split("/")[0] for name in zipfile.ZipFile(wheel).namelist()}
    (meta,) = tops - {"praxis_socialwork"}
    assert meta.endswith(".dist-info")
    names = zipfile.ZipFile(wheel).namelist()
    for data in ("rules/frameworks/swe.toml", "tui/app.tcss", "services/samples/student.toml",
                 "exports/fonts/DejaVuSans.ttf"):  # fmt: skip
        assert f"praxis_socialwork/{data}" in names


def test_praxis_gaps_works_beside_django_rules(installed: Path, tmp_path: Path) -> None:
    env = {**os.environ, "PRAXIS_STORE": str(tmp_path / "praxis.json"), "PRAXIS_CLOCK": "2026-11-22T12:00",
           "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "XDG_STATE_HOME": str(tmp_path / "state")}  # fmt: skip
    env.pop("PYTHONPATH", None)
    praxis = installed / "bin" / "praxis"
    run(praxis, "init", "--name", "Sam Example", "--role", "practitioner", "--framework", "swe",
        "--registered-on", "2020-01-15", cwd=tmp_path, env=env)  # fmt: skip
    gaps = run(praxis, "gaps", cwd=tmp_path, env=env)
    assert "Social Work England: CPD for registration" in gaps.stdout
    # django-rules is the one "rules" there is, and it still works.
    check = "import rules, rules.predicates; print(rules.__file__); print(rules.is_authenticated.name)"
    found = run(installed / "bin" / "python", "-c", check, cwd=tmp_path, env=env).stdout.split()
    assert Path(found[0]).is_relative_to(installed) and found[1] == "is_authenticated"
    # Removing django-rules takes none of Praxis's files with it.
    run(sys.executable, "-m", "pip", "--disable-pip-version-check", "--python", installed / "bin" / "python",
        "uninstall", "--yes", "--quiet", "rules", cwd=tmp_path)  # fmt: skip
    again = run(praxis, "gaps", cwd=tmp_path, env=env)
    assert again.stdout == gaps.stdout
