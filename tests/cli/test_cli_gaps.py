"""``praxis gaps`` and ``praxis frameworks`` end to end, as a person runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.cli.placements import add_northshire

NOW = "2026-11-22T12:00"
FINDING_KEYS = {
    "framework",
    "requirement",
    "title",
    "status",
    "have",
    "need",
    "unit",
    "period_start",
    "period_end",
    "due",
    "message",
    "records",
}
HEADER = "date,title,hours,peer,peer_reflection,learning,impact,status"


def practitioner(praxis, tmp_path: Path, *rows: str) -> dict[str, str]:
    """Set up a registered social worker following SWE and import CPD; return their ids by title."""
    code, out, _ = praxis(
        "init",
        "--name",
        "Alex Example",
        "--role",
        "practitioner",
        "--framework",
        "swe",
        "--registered-on",
        "2020-01-15",
    )
    assert code == 0, out
    csv_file = tmp_path / "cpd.csv"
    csv_file.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    code, out, err = praxis("import", str(csv_file))
    assert code == 0 and f"{len(rows)} added" in out, err
    code, out, _ = praxis("list", "activities", "--json")
    return {a["title"]: a["id"] for a in json.loads(out)}


TALKED = (
    "2026-02-10,Safeguarding adults refresher,3,"
    "Jo Senior,We compared two referrals,Thresholds,Check consent,complete"
)
READ = "2026-06-15,Article on strengths-based practice,1.5,,,Strengths language,Plans start from strengths,complete"  # noqa: E501
OLD = "2025-03-04,Last year's course,3,,,Court skills,Clearer reports,complete"
DRAFT = "2026-07-01,Unfinished write-up,1,Jo Senior,Half a note,,,draft"


def gaps_json(praxis, *extra: str) -> dict:
    code, out, err = praxis("gaps", "--json", "--on", "2026-11-22", *extra)
    assert code == 0, err
    return json.loads(out)


def test_gaps_json_for_a_practitioner_who_has_met_swe(praxis, tmp_path: Path) -> None:
    ids = practitioner(praxis, tmp_path, OLD, TALKED, READ, DRAFT)
    report = gaps_json(praxis)
    assert report["on"] == "2026-11-22"
    # Last year (1 Dec 2024 – 30 Nov 2025) had one piece of two, with no peer reflection: it is still
    # shown, as missed.
    last_year = {f["requirement"]: f for f in report["findings"] if f["period_start"] == "2024-12-01"}
    assert {r: (f["status"], f["have"]) for r, f in last_year.items()} == {
        "pieces": ("missed", 1), "peer-reflection": ("missed", 0)
    }  # fmt: skip
    assert last_year["pieces"]["records"] == [ids["Last year's course"]]
    this_year = [f for f in report["findings"] if f["period_start"] == "2025-12-01"]
    found = {f["requirement"]: f for f in this_year}
    assert set(found) == {"pieces", "peer-reflection"}
    for f in this_year:
        assert FINDING_KEYS <= set(f), FINDING_KEYS - set(f)
        assert f["framework"] == "swe" and isinstance(f["title"], str) and f["title"]
        assert (f["period_start"], f["period_end"], f["due"]) == ("2025-12-01", "2026-11-30", "2026-11-30")
    pieces = found["pieces"]
    assert (pieces["status"], pieces["have"], pieces["need"], pieces["unit"]) == ("met", 2, 2, "pieces")
    assert isinstance(pieces["have"], int) and "2 of 2 pieces" in pieces["message"]
    assert sorted(pieces["records"]) == sorted(
        [ids["Safeguarding adults refresher"], ids["Article on strengths-based practice"]]
    )
    peer = found["peer-reflection"]
    assert (peer["status"], peer["have"], peer["need"]) == ("met", 1, 1)
    assert peer["records"] == [ids["Safeguarding adults refresher"]]
    code, _, _ = praxis("gaps", "--strict", "--on", "2026-11-22")
    assert code == 1  # last year's missed period
    code, out, _ = praxis("gaps", "--dismiss", "swe/pieces//2025-11-30", "--on", "2026-11-22")
    assert code == 0 and "Dismissed 1 missed period." in out and out.count("MISSED") == 1
    code, _, _ = praxis(
        "gaps", "--strict", "--on", "2026-11-22", "--dismiss", "swe/peer-reflection//2025-11-30"
    )
    assert code == 0  # all met now


def test_gaps_plain_and_strict_when_something_is_at_risk(praxis, tmp_path: Path) -> None:
    practitioner(praxis, tmp_path, OLD, READ, DRAFT)
    code, out, err = praxis("gaps", "--on", "2026-11-22")
    assert code == 0 and "Traceback" not in err
    assert "As of Sun 22 Nov 2026:" in out
    assert (
        "Social Work England" in out
        and "(2021 rules)" in out
        and "1 Dec 2025" in out
        and "30 Nov 2026" in out
    )
    lines = out.splitlines()
    pieces = next(line for line in lines if "At least 2 different pieces" in line and "MISSED" not in line)
    assert pieces.strip().startswith("AT RISK") and "1 of 2 pieces" in pieces and "30 Nov 2026" in pieces
    peer = next(line for line in lines if "with a peer reflection" in line and "MISSED" not in line)
    assert peer.strip().startswith("AT RISK") and "0 of 1" in peer
    assert lines[-1] == "2 missed, 2 at risk."
    missed = next(i for i, line in enumerate(lines) if line.strip().startswith("MISSED"))
    assert "Sun 1 Dec 2024 – Sun 30 Nov 2025" in lines[missed - 1]  # under last year's heading
    assert "closed on Sun 30 Nov 2025 with 1 of 2 pieces" in lines[missed]
    assert "Social Work England can remove you from the register" in lines[missed]
    assert lines[missed + 1].strip() == "dismiss with: praxis gaps --dismiss swe/pieces//2025-11-30"
    code, _, _ = praxis("gaps", "--strict", "--on", "2026-11-22")
    assert code == 1
    report = gaps_json(praxis)
    assert sorted(f["status"] for f in report["findings"]) == ["at_risk", "at_risk", "missed", "missed"]


def test_dismissing_a_missed_period_that_is_not_missed_is_refused(praxis, tmp_path: Path, store_path) -> None:
    practitioner(praxis, tmp_path, OLD, READ)
    before = store_path.read_bytes(), (store_path.parent / (store_path.name + ".journal")).read_bytes()
    code, out, err = praxis("gaps", "--dismiss", "swe/pieces//2026-11-30", "--on", "2026-11-22")
    assert code == 1 and "no missed period is called 'swe/pieces//2026-11-30'" in err
    assert "missed now: swe/pieces//2025-11-30; swe/peer-reflection//2025-11-30" in err and out == ""
    after = store_path.read_bytes(), (store_path.parent / (store_path.name + ".journal")).read_bytes()
    assert after == before
    code, out, _ = praxis("gaps", "--dismiss", "all", "--on", "2026-11-22")
    assert code == 0 and "Dismissed 2 missed periods." in out
    assert all(f["status"] != "missed" for f in gaps_json(praxis)["findings"])
    # Taken back: one, then the rest; a key never dismissed is refused.
    code, out, err = praxis("gaps", "--undismiss", "swe/pieces//2026-11-30")
    assert code == 1 and "no dismissed period is called 'swe/pieces//2026-11-30'" in err
    code, out, _ = praxis("gaps", "--undismiss", "swe/pieces//2025-11-30", "--on", "2026-11-22")
    assert code == 0 and "Showing 1 dismissed period again." in out
    assert "MISSED" in out and "swe/pieces//2025-11-30" in out
    code, out, _ = praxis("gaps", "--undismiss", "all", "--on", "2026-11-22")
    assert code == 0 and "Showing 1 dismissed period again." in out
    assert [f["requirement"] for f in gaps_json(praxis)["findings"] if f["status"] == "missed"] == [
        "pieces",
        "peer-reflection",
    ]


def test_a_framework_file_that_closed_with_a_gap(praxis, tmp_path: Path) -> None:
    practitioner(praxis, tmp_path, READ)
    mine = tmp_path / "first-year.toml"
    mine.write_text(
        """\
id = "first-year"
name = "Our first-year programme"
audience = ["practitioner"]

[[versions]]
id = "2020"
from = 2020-01-01

[versions.period]
kind = "registration"
months = 12
repeat = false

[[versions.requirements]]
id = "sessions"
kind = "count"
title = "Six learning sessions in your first year"
need = 6
""",
        encoding="utf-8",
    )
    code, out, err = praxis(
        "gaps", "--framework-file", str(mine), "--framework", "first-year", "--on", "2026-11-22"
    )
    assert code == 0, err
    line = next(line for line in out.splitlines() if "Six learning sessions" in line)
    assert (
        line.strip().startswith("MISSED") and "closed" in line and "14 Jan 2021" in line and "0 of 6" in line
    )
    code, out, _ = praxis(
        "gaps",
        "--framework-file",
        str(mine),
        "--framework",
        "first-year",
        "--strict",
        "--json",
        "--on",
        "2026-11-22",
    )
    assert code == 1
    (f,) = json.loads(out)["findings"]
    assert (f["framework"], f["status"], f["period_start"], f["period_end"]) == (
        "first-year",
        "missed",
        "2020-01-15",
        "2021-01-14",
    )


def test_a_student_on_a_70_day_placement(praxis) -> None:
    code, _, _ = praxis(
        "init", "--name", "Sam Example", "--role", "student", "--framework", "degree-england,pcf"
    )
    assert code == 0
    code, out, _ = add_northshire(praxis)
    assert code == 0, out
    logged = [
        "2026-09-01",
        "2026-09-02",
        "2026-09-03",
        "2026-09-07",
        "2026-09-08",
        "2026-09-09",
        "2026-09-10",
        "2026-09-14",
        "2026-09-15",
        "2026-09-16",
    ]
    for day in logged:
        assert praxis("log", "day", "--placement", "northshire", "--date", day)[0] == 0
    report = gaps_json(praxis)
    england = [f for f in report["findings"] if f["framework"] == "degree-england"]
    by_req = {f["requirement"]: f for f in england}
    assert {"practice-learning-days", "contrasting-settings", "statutory-setting", "placement-days"} <= set(
        by_req
    )
    total = by_req["practice-learning-days"]
    assert (total["have"], total["need"], total["status"]) == (10, 200, "at_risk")
    assert total["period_start"] == "2026-09-01" and len(total["records"]) == 10
    assert by_req["statutory-setting"]["status"] == "met"
    mine = by_req["placement-days"]
    assert mine["placement"] == "Northshire Children's Services"
    # No planned end: it ends where its days run out, so it is not a gap; nothing logged for weeks puts
    # it at risk. 60 Mondays to Thursdays from tomorrow, Boxing Day (Mon 28 Dec) skipped: Mon 8 Mar.
    assert (mine["have"], mine["need"], mine["status"]) == (10, 70, "at_risk")
    assert mine["period_end"] == "2027-03-08"
    assert "60 more by Mon 8 Mar 2027, your planned finish (60 working days left)" in mine["message"]
    assert "No days were counted in the last 4 weeks" in mine["message"]
    pcf = [f for f in report["findings"] if f["framework"] == "pcf"]
    assert len(pcf) == 1 and pcf[0]["placement"] == "Northshire Children's Services"
    assert pcf[0]["have"] == 0 and "Missing: pcf:1, pcf:2" in pcf[0]["message"]
    code, out, _ = praxis("gaps", "--on", "2026-11-22")
    assert "Northshire Children's Services" in out and "AT RISK" in out and "Professional Capabilities" in out
    assert "GAP" not in out  # its end moves with the days not worked: nothing here is past saving


def test_a_broken_framework_file_names_the_file_and_line(praxis, tmp_path: Path) -> None:
    practitioner(praxis, tmp_path, READ)
    broken = tmp_path / "broken.toml"
    broken.write_text(
        'id = "mine"\nname = "Mine"\n\n[[versions]]\nid = "1"\nfrom = 2024-01-01\n\n'
        '[versions.period]\nkind = "fortnightly"\n',
        encoding="utf-8",
    )
    for command in (("gaps", "--on", "2026-11-22"), ("frameworks",)):
        code, out, err = praxis(*command, "--framework-file", str(broken))
        assert code == 1 and out == ""
        assert f"{broken}, line 9:" in err and "fortnightly" in err
        assert "Traceback" not in err


def test_a_broken_file_in_the_config_folder_is_skipped_with_a_warning(praxis, env, tmp_path: Path) -> None:
    practitioner(praxis, tmp_path, READ)
    folder = Path(env["XDG_CONFIG_HOME"]) / "praxis" / "frameworks"
    folder.mkdir(parents=True)
    (folder / "typo.toml").write_text('id = "typo"\nname = \n', encoding="utf-8")
    code, out, err = praxis("gaps", "--on", "2026-11-22")
    assert code == 0 and "typo.toml, line 2" in err and "skipped" in err
    assert "Social Work England" in out


def test_frameworks_lists_every_bundled_id(praxis, bundled_ids: set[str]) -> None:
    code, out, err = praxis("frameworks")
    assert code == 0 and err == ""
    first_words = {line.split()[0] for line in out.splitlines() if line.strip()}
    assert bundled_ids <= first_words
    assert "Social Work England" in out and "2019" in out and "2021" in out


def test_frameworks_shows_each_versions_dates_and_source(praxis) -> None:
    code, out, _ = praxis("frameworks")
    assert code == 0
    swe = out[out.index("\nswe: ") :]
    assert (
        "version 2019: Mon 2 Dec 2019 – Tue 30 Nov 2021 (H) · source: https://www.socialworkengland.org.uk/cpd/failed-to-record-valid-cpd/"
        in swe
    )
    assert "version 2021: from Wed 1 Dec 2021 (H) · source: https://www.socialworkengland.org.uk/cpd/" in swe
    sssc = out[out.index("\nsssc: ") :]
    assert (
        "version before-2024-06: start not stated by the sources, until Sun 2 Jun 2024 (M)"
        " · source: Community Care" in sssc
    )
    assert "version 2024: from Mon 3 Jun 2024 (H) · source: https://learn.sssc.uk.com/cpl/faq" in sssc


def test_no_framework_to_check_says_how_to_add_one(praxis) -> None:
    praxis("init", "--name", "Nobody", "--role", "practitioner")
    code, out, err = praxis("gaps")
    assert code == 1 and "praxis init --framework" in err and "Traceback" not in err


def test_gaps_does_not_import_textual(praxis, env, tmp_path: Path) -> None:
    practitioner(praxis, tmp_path, TALKED, READ)
    script = (
        "import sys; from cli.main import main; code = main(['gaps', '--on', '2026-11-22']); "
        "assert 'textual' not in sys.modules, 'textual was imported'; sys.exit(code)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        env=os.environ | env,
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert done.returncode == 0, done.stderr
    assert "Social Work England" in done.stdout and "met" in done.stdout


COPY = (
    "2026-03-02,Safeguarding refresher (again),3,"
    "Jo Senior,We compared two referrals,Thresholds,Check consent,complete"
)


def test_a_copy_with_a_new_title_is_not_a_second_piece(praxis, tmp_path: Path) -> None:
    ids = practitioner(praxis, tmp_path, TALKED, COPY)
    found = {f["requirement"]: f for f in gaps_json(praxis)["findings"]}
    pieces = found["pieces"]
    assert (pieces["status"], pieces["have"]) == ("at_risk", 1)
    assert pieces["records"] == [ids["Safeguarding adults refresher"]]
    assert pieces["message"].startswith("1 of 2 pieces; 1 more by Mon 30 Nov 2026 (8 days left)")


def test_gaps_words_have_beyond_need_one_day_left_and_the_pace_needed(praxis, tmp_path: Path) -> None:
    more = "2026-09-01,Court skills day,6,,,Giving evidence,I prepare statements earlier,complete"
    practitioner(praxis, tmp_path, READ, more, OLD.replace("2025-03-04", "2026-10-01"))
    code, out, _ = praxis("gaps", "--on", "2026-11-29")
    assert "3 pieces, 2 needed: met." in out and "of 2 piece" not in out  # not "3 of 2 pieces"
    assert "0 of 1 piece; 1 more by Mon 30 Nov 2026 (1 day left): pace needed 1 piece by tomorrow." in out
    code, out, _ = praxis("gaps", "--json", "--on", "2026-11-15")
    peer = next(f for f in json.loads(out)["findings"] if f["requirement"] == "peer-reflection")
    assert peer["message"].endswith("(15 days left): pace needed 1 piece in the next 2 weeks.")
    assert peer["pace"] == "1 piece in the next 2 weeks"  # not "about 2 pieces a month" for 1 piece
