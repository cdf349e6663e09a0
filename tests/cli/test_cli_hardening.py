"""Holes closed at the edges: a killed export's leftovers, imports too large to read whole, a bundle
with its profile cut out, identifiers written in lower case, and exports that carry notes warning of
identifiers like the report and bundle do."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from praxis_socialwork import store
from praxis_socialwork.exports.privacy import scan_text
from praxis_socialwork.store.files import IMPORT_LIMITS


def test_a_killed_exports_temporary_file_is_cleaned_up_by_the_next_export(praxis, tmp_path: Path) -> None:
    assert praxis("init", "--name", "Sam Example", "--role", "practitioner")[0] == 0
    target = tmp_path / "cal.ics"
    dead = subprocess.Popen(["true"])
    dead.wait()  # a process id that no longer runs, as a killed export's would
    leftovers = [tmp_path / f".cal.ics.{dead.pid}-abc123.tmp", tmp_path / ".cal.ics.oldstyle.tmp"]
    for left in leftovers:
        left.write_bytes(b"half an export")
    os.utime(leftovers[1], (0, 0))  # an unnamed one, long ago
    mine = tmp_path / f".cal.ics.{os.getpid()}-live.tmp"  # a write under way in a live process
    mine.write_bytes(b"")
    assert praxis("export", "ics", "-o", str(target))[0] == 0
    assert target.exists() and not any(p.exists() for p in leftovers) and mine.exists()


def test_an_import_larger_than_its_limit_is_refused_before_it_is_read(
    praxis, tmp_path: Path, monkeypatch
) -> None:
    assert praxis("init", "--name", "Sam Example", "--role", "practitioner")[0] == 0
    monkeypatch.setitem(IMPORT_LIMITS, "calendar", 1000)
    big = tmp_path / "big.ics"
    big.write_text("BEGIN:VCALENDAR\r\n" + "X-PAD:" + "x" * 2000 + "\r\nEND:VCALENDAR\r\n")
    code, _, err = praxis("import", str(big))
    assert code == 1 and "imports a calendar of up to" in err and "nothing was imported" in err


def test_a_bundle_with_its_profile_cut_out_is_not_merged_into_someone_elses_store(
    praxis, tmp_path: Path, env, monkeypatch, store_path: Path, clock
) -> None:
    other = tmp_path / "other" / "praxis.json"
    with store.Repository.open(other, clock) as repo:
        repo.save_profile(store.Profile(name="Alex Other", role="student"))
        repo.add(store.Activity(date=store.today(clock), title="Alex's reading", type="reading", hours=1))
    assert praxis("--store", str(other), "export", "bundle", "-o", str(tmp_path / "alex.praxis.json"))[0] == 0
    bundle = json.loads((tmp_path / "alex.praxis.json").read_text())
    del bundle["profile"]  # the someone-else's-portfolio check reads it
    cut = tmp_path / "cut.praxis.json"
    cut.write_text(json.dumps(bundle))
    assert praxis("init", "--name", "Sam Example", "--role", "practitioner")[0] == 0
    code, _, err = praxis("import", str(cut))
    assert code == 1 and "names no one" in err
    with store.Repository.open(store_path, clock, read_only=True) as mine:
        assert mine.activities() == []


def test_identifiers_in_lower_case_or_without_spaces_are_found() -> None:
    kinds = lambda text: [f.kind for f in scan_text(text)]  # noqa: E731
    assert kinds("NI ab123456c on file") == ["ni_number"]
    assert kinds("NI AB123456C on file") == ["ni_number"]
    assert kinds("lives at m11ae now") == ["postcode"]
    assert kinds("Ab123456c") == []  # mixed case is not how either is written


def test_csv_and_ics_with_details_warn_of_identifiers_like_the_report(praxis, tmp_path: Path) -> None:
    assert praxis("init", "--name", "Sam Example", "--role", "practitioner")[0] == 0
    assert praxis("add", "activity", "--date", "02/11/2026", "--title", "Visit", "--hours", "1", "--type",
                  "reading", "--learning", "Call 07700 900123 back")[0] == 0  # fmt: skip
    code, _, err = praxis("export", "csv", "-o", str(tmp_path / "csv"))
    assert code == 0 and "warning" in err and "phone number" in err
    code, _, err = praxis("export", "ics", "-o", str(tmp_path / "c.ics"), "--include", "logged", "--details")
    assert code == 0 and "warning" in err
    code, _, err = praxis("export", "ics", "-o", str(tmp_path / "d.ics"), "--include", "logged")
    assert code == 0 and "warning" not in err  # without --details no notes leave, so nothing to warn of


def test_an_argument_holding_a_nul_is_refused_with_a_sentence(praxis, store_path: Path) -> None:
    """Found by make stress's fuzzer: ``praxis verify '\\x00'`` exited 70 (ValueError: embedded null byte)."""
    for args in (
        ("verify", "\x00"),
        ("add", "activity", "--date", "today", "--title", "a\x00b", "--hours", "1"),
    ):
        code, out, err = praxis(*args)
        assert (code, out) == (1, "") and "NUL character" in err and "Traceback" not in err
    assert not store_path.exists()
