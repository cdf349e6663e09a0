"""``praxis show ID --as FORM`` and ``praxis export report`` from the command line."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest


@pytest.fixture
def jo(praxis) -> str:
    """A practitioner with one CPD piece (peer reflection and all); returns the piece's short id."""
    assert praxis("init", "--name", "Jo Example", "--role", "practitioner", "--framework", "swe")[0] == 0
    code, out, err = praxis(
        "add", "activity", "--title", "Trauma-informed practice course", "--type", "course",
        "--date", "3/11/2026", "--hours", "6",
        "--description", "A day on how trauma shapes what people can tell us.",
        "--learning", "Asking what happened, not what is wrong.",
        "--impact", "I plan first visits around choice and control.",
        "--peer", "A colleague", "--peer-role", "Senior social worker",
        "--peer-reflection", "We compared how each of us opens a first visit.",
    )  # fmt: skip
    assert code == 0, err
    code, out, _ = praxis("list", "activities")
    return out.strip().splitlines()[-1].split()[-1]


def test_show_as_swe_prints_the_fields_in_the_regulators_order(praxis, jo: str) -> None:
    code, out, err = praxis("show", jo, "--as", "swe")
    assert code == 0, err
    labels = re.findall(r"^([A-Z][^\n]*):$", out, flags=re.M)
    assert labels == [
        "Type of CPD",
        "What the CPD was and why it is relevant to your practice",
        "Date",
        "What you learnt",
        "Impact on your practice and on the people you work with",
        "Peer reflection",
    ]
    blocks = dict(block.split(":\n", 1) for block in out.strip().split("\n\n") if ":\n" in block)
    assert blocks["Date"] == "03/11/2026"
    assert blocks["What you learnt"] == "Asking what happened, not what is wrong."
    assert "Discussed with: A colleague — Senior social worker" in out
    assert "We compared how each of us opens a first visit." in out


def test_show_uses_your_regulators_form_by_default_and_others_on_request(praxis, jo: str) -> None:
    assert praxis("show", jo)[1] == praxis("show", jo, "--as", "swe")[1]
    code, out, _ = praxis("show", jo, "--as", "scw")
    assert code == 0
    assert out.startswith("Date:\n03/11/2026\n\nName of the learning:\nTrauma-informed practice course")
    assert "Duration:\n6 hours" in out


def test_show_says_what_is_wrong_with_the_id_or_the_form(praxis, jo: str) -> None:
    code, out, err = praxis("show", "zzzz9999")
    assert code == 1 and "no record has an id starting 'zzzz9999'" in err
    code, out, err = praxis("show", jo, "--as", "hcpc-form")
    assert code == 1 and "choose one of swe, scw, niscc, plain" in err
    code, out, err = praxis("show", "ab")
    assert code == 1 and "at least the first 4 characters" in err


def test_export_report_refuses_an_extension_it_cannot_write(praxis, jo: str, tmp_path: Path) -> None:
    target = tmp_path / "portfolio.docx"
    code, out, err = praxis("export", "report", "-o", str(target))
    assert code == 1 and "end the name in .md, .html or .pdf" in err
    assert not target.exists()


def test_export_report_warns_of_identifiers_until_they_are_marked_reviewed(
    praxis, jo: str, tmp_path: Path
) -> None:
    code, _, err = praxis(
        "add", "activity", "--title", "Discharge meeting", "--type", "other", "--date", "5/11/2026",
        "--hours", "1", "--learning", "Her NHS number is 943 476 5919.",
    )  # fmt: skip
    assert code == 0, err
    target = tmp_path / "portfolio.md"
    code, _, err = praxis("export", "report", "-o", str(target))
    assert code == 0 and "warning: 1 possible identifier in 1 record (NHS number)" in err
    assert "943 476 5919" in target.read_text(encoding="utf-8")  # it warns; it does not stop
    code, out, _ = praxis("check-privacy", "--json")
    key = json.loads(out)["flags"][0]["key"]
    assert praxis("check-privacy", "--mark", key)[0] == 0
    code, _, err = praxis("export", "report", "-o", str(target))
    assert code == 0 and "warning" not in err


def test_export_report_and_bundle_default_to_the_exports_folder_beside_the_store(
    praxis, store_path: Path
) -> None:
    assert praxis("init", "--name", "Siân Example", "--role", "practitioner", "--framework", "swe")[0] == 0
    code, out, err = praxis("export", "report")
    assert code == 0, err
    report = store_path.parent / "exports" / "portfolio-Siân-Example-2026-11-22.pdf"
    assert f"Wrote {report} (PDF" in out
    assert report.read_bytes().startswith(b"%PDF")
    code, out, err = praxis("export", "bundle")
    assert code == 0, err
    bundle = store_path.parent / "exports" / "praxis-Siân-Example-2026-11-22.praxis.json"
    assert json.loads(bundle.read_text(encoding="utf-8"))["profile"][0]["name"] == "Siân Example"
