"""``praxis check-privacy`` on the fields that ask for a name: a peer, a practice educator, a signer."""

from __future__ import annotations

import json


def flags(praxis) -> list[dict]:
    code, out, err = praxis("check-privacy", "--json")
    assert code in (0, 1) and "Traceback" not in err, err
    return json.loads(out)["flags"]


def test_names_in_the_peer_educator_and_signer_fields_are_not_flagged(praxis) -> None:
    assert (
        praxis("init", "--name", "Sam Student", "--role", "student", "--framework", "degree-england")[0] == 0
    )
    code, _, err = praxis(
        "placement", "add", "--name", "Northshire adults team", "--start", "2/11/2026", "--days", "70",
        "--educator", "Mrs Asha Patel", "--supervisor", "Mr Tom Reid",
    )  # fmt: skip
    assert code == 0, err
    assert praxis("log", "day", "--placement", "Northshire", "--date", "16/11/2026")[0] == 0
    code, _, err = praxis(
        "signoff", "--placement", "Northshire", "--by", "Mrs Asha Patel",
        "--comment", "Good first week, Ms Student. Mrs Patel",
    )  # fmt: skip
    assert code == 0, err
    code, _, err = praxis(
        "add", "activity", "--title", "Supervision on risk", "--type", "supervision", "--date", "18/11/2026",
        "--hours", "1", "--peer", "Dr Jo Senior", "--peer-role", "team manager",
        "--peer-reflection", "Dr Senior and I went over how I weigh risk; Mr Reid joined us.",
    )  # fmt: skip
    assert code == 0, err
    code, out, _ = praxis("check-privacy")
    assert code == 0, out
    assert "Nothing to review" in out
    assert flags(praxis) == []


def test_an_identifier_in_a_name_field_and_a_service_users_name_are_still_flagged(praxis) -> None:
    assert praxis("init", "--name", "Sam Student", "--role", "practitioner", "--framework", "swe")[0] == 0
    code, _, err = praxis(
        "add", "activity", "--title", "Case discussion", "--type", "supervision", "--date", "18/11/2026",
        "--hours", "1", "--peer", "Dr Jo Senior 07700 900123",
        "--peer-reflection", "Dr Senior and I talked about Mrs Khan's move.",
    )  # fmt: skip
    assert code == 0, err
    found = {(f["field"], f["kind"], f["text"]) for f in flags(praxis)}
    assert found == {
        ("peer", "phone", "07700 900123"),
        ("peer_reflection", "titled_name", "Mrs Khan"),
    }
    code, out, _ = praxis("check-privacy")
    assert code == 1
    assert "Peer, line 1, col 14: phone number '07700 900123'" in out
    assert "name with a title 'Mrs Khan'" in out and "'Dr Senior'" not in out
