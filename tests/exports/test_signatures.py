"""Sign-offs a reader can check without the student's store: the report names each signer's key
fingerprint and carries the signed sign-offs; ``praxis verify`` checks a report or a bundle, and the
forgeries the audit tried (a keyless sign-off typed by the student, another key under the
educator's name, a signature stripped after an edit, an altered comment) are named, never verified.

Real stores, real Ed25519 keys, reports read back with html5lib and markdown-it. Names are fictional.
"""

from __future__ import annotations

import json
from pathlib import Path

import html5lib
import pytest
from markdown_it import MarkdownIt

from praxis_socialwork.store.signing import educator_folder, fingerprint

EDUCATOR = "Jo Educator"


@pytest.fixture
def signed_store(praxis, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """A student's week: 3 days signed with Jo's key (confirmed), 1 typed by the student without a
    key, 1 signed by an impostor's key made under Jo's name. Returns the two fingerprints."""

    def ok(*args: str) -> str:
        code, out, err = praxis(*args)
        assert code == 0, err
        return out

    ok("init", "--name", "Sam Example", "--role", "student", "--framework", "degree-england")
    ok("placement", "add", "--name", "Riverside Team", "--start", "02/11/2026", "--days", "70")
    ok("log", "days", "--placement", "riverside", "--from", "16/11/2026", "--to", "20/11/2026")
    ok("keys", "new", "--name", EDUCATOR)
    real = fingerprint((educator_folder() / "signing-key.pub").read_text(encoding="ascii").strip())
    ok("signoff", "--placement", "riverside", "--from", "16/11/2026", "--to", "18/11/2026", "--key",
       "--comment", "Good week")  # fmt: skip
    ok("keys", "trust", EDUCATOR, real)
    # The student signs a day "as" the educator without a key.
    ok("signoff", "--placement", "riverside", "--day", "19/11/2026", "--by", EDUCATOR)
    # Someone makes a key of their own under the educator's name and signs the last day.
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "impostor"))
    ok("keys", "new", "--name", EDUCATOR)
    fake = fingerprint((educator_folder() / "signing-key.pub").read_text(encoding="ascii").strip())
    ok("signoff", "--placement", "riverside", "--day", "20/11/2026", "--key")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return {"real": real, "fake": fake}


def _days(praxis) -> dict[str, dict]:
    code, out, err = praxis("list", "days", "--json")
    assert code == 0, err
    return {d["date"]: d for d in json.loads(out)}


def test_only_the_confirmed_key_verifies_and_the_forgeries_say_what_they_are(praxis, signed_store) -> None:
    days = _days(praxis)
    assert [days[f"2026-11-{n}"]["verified"] for n in (16, 17, 18, 19, 20)] == [
        True,
        True,
        True,
        False,
        False,
    ]
    assert days["2026-11-19"]["signoff_status"] == "recorded, not signed"
    assert days["2026-11-20"]["signoff_status"] == "signed with another key"
    assert days["2026-11-20"]["signing_key"] == signed_store["fake"]
    code, out, _ = praxis("list", "days")
    words = {line.split()[0]: line for line in out.splitlines()[2:]}
    assert " verified " in words["2026-11-16"] and " recorded " in words["2026-11-19"]
    assert " other key " in words["2026-11-20"]
    code, out, _ = praxis("keys", "trusted")
    assert f"trusted  {signed_store['real']}  {EDUCATOR}" in out
    assert f"WAITING  {signed_store['fake']}  {EDUCATOR}" in out and "NOT the key you confirmed" in out
    # A fingerprint nobody signed with is refused, naming the ones that did.
    code, _, err = praxis("keys", "trust", EDUCATOR, "0000-0000-0000-0000")
    assert code == 1 and signed_store["real"] in err and signed_store["fake"] in err


def test_a_stripped_signature_after_an_edit_is_flagged_as_a_downgrade(praxis, signed_store, tmp_path) -> None:
    from praxis_socialwork.store.signing import fields_hash

    bundle = tmp_path / "sam.praxis.json"
    assert praxis("export", "bundle", "-o", str(bundle))[0] == 0
    doc = json.loads(bundle.read_text(encoding="utf-8"))
    day = next(d for d in doc["days"] if d["date"] == "2026-11-17")
    day["hours"], day["sequence"] = 11.0, day["sequence"] + 1
    signoff = next(s for s in doc["signoffs"] if s["record_id"] == day["id"])
    signed = {**signoff["signed"], "hours": 11.0}
    signoff.update(signed=signed, hash=fields_hash(signed), signature="", public_key="",
                   sequence=signoff["sequence"] + 1)  # fmt: skip
    forged = tmp_path / "forged.praxis.json"
    forged.write_text(json.dumps(doc), encoding="utf-8")

    code, out, err = praxis("import", str(forged))
    assert code == 0, err
    assert "WARNING: 1 record(s) once signed with a key now carry only a sign-off without one" in out
    after = _days(praxis)["2026-11-17"]
    assert after["hours"] == 11.0 and after["verified"] is False
    assert after["signoff_status"] == "downgraded: key signature gone"
    # And away from the store, the forged bundle's sign-off is only "recorded".
    code, out, _ = praxis("verify", str(forged))
    assert code == 1 and "Recorded, not signed: 2" in out


def _signers_table(html: bytes) -> list[list[str]]:
    tree = html5lib.parse(html, namespaceHTMLElements=False)
    table = next(t for t in tree.iter("table") if t.get("class") == "signers")
    return [[" ".join("".join(td.itertext()).split()) for td in tr.findall("td")] for tr in table.iter("tr")][
        1:
    ]


def test_the_report_names_each_key_and_verify_checks_it_without_the_store(
    praxis, signed_store, tmp_path: Path
) -> None:
    real, fake = signed_store["real"], signed_store["fake"]
    html, md, bundle = tmp_path / "r.html", tmp_path / "r.md", tmp_path / "b.praxis.json"
    for path in (html, md):
        assert praxis("export", "report", "-o", str(path))[0] == 0
    assert praxis("export", "bundle", "-o", str(bundle))[0] == 0

    rows = _signers_table(html.read_bytes())
    assert [EDUCATOR, "Practice educator", real, "3", "confirmed by the student as theirs"] in rows
    assert [EDUCATOR, "Practice educator", "no key", "1", "no key: recorded, not signed"] in rows
    assert [EDUCATOR, "Practice educator", fake, "1",
            "NOT the key the student confirmed for this name: not counted"] in rows  # fmt: skip
    text = md.read_text(encoding="utf-8")
    inline = [t.content for t in MarkdownIt("commonmark").enable("table").parse(text) if t.type == "inline"]
    assert "Signatures" in inline and any("praxis verify FILE" in t for t in inline)

    for path in (html, md, bundle):
        code, out, err = praxis("verify", str(path))
        assert code == 1, err  # two keys under one name
        assert (
            f"{EDUCATOR}: key {real}, 3 signatures" in out and f"{EDUCATOR}: key {fake}, 1 signature" in out
        )
        assert "Good signatures: 4." in out and "Recorded, not signed: 1" in out
        assert f"PROBLEM: {EDUCATOR} appears with 2 different keys" in out
        code, out, _ = praxis("verify", str(path), "--expect", f"{EDUCATOR}={real}")
        assert code == 1 and out.count("not the expected key") == 1

    # Without the impostor's day, the bundle checks clean.
    code, _, _ = praxis("signoff", "--placement", "riverside", "--day", "20/11/2026", "--key")
    assert code == 0
    clean = tmp_path / "clean.praxis.json"
    praxis("export", "bundle", "-o", str(clean))
    doc = json.loads(clean.read_text(encoding="utf-8"))
    doc["signoffs"] = [
        s for s in doc["signoffs"] if not s["public_key"] or fingerprint(s["public_key"]) == real
    ]
    clean.write_text(json.dumps(doc), encoding="utf-8")
    code, out, _ = praxis("verify", str(clean), "--expect", f"{EDUCATOR}={real}")
    assert code == 0 and out.rstrip().endswith("All signatures check.")


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        pytest.param(lambda s: s.update(comment="Excellent week"), "signature does not match", id="comment"),
        pytest.param(
            lambda s: s.update(at="2026-09-01T09:00:00+00:00"), "signature does not match", id="date"
        ),
        pytest.param(lambda s: s["signed"].update(hours=12), "signed fields altered", id="signed fields"),
    ],
)
def test_a_report_edited_after_export_fails_verify(
    praxis, signed_store, tmp_path: Path, change, problem
) -> None:
    from praxis_socialwork.exports.signatures import MARK

    md = tmp_path / "r.md"
    assert praxis("export", "report", "-o", str(md))[0] == 0
    text = md.read_text(encoding="utf-8")
    start = text.index("```json\n", text.index(MARK)) + len("```json\n")
    end = text.index("\n```", start)
    block = json.loads(text[start:end])
    victim = next(
        s
        for s in block["signoffs"]
        if s["public_key"] and fingerprint(s["public_key"]) == signed_store["real"]
    )
    change(victim)
    md.write_text(text[:start] + json.dumps(block) + text[end:], encoding="utf-8")
    code, out, _ = praxis("verify", str(md))
    assert code == 1 and f": {problem}." in out


def test_verify_refuses_what_it_cannot_check(praxis, signed_store, tmp_path: Path) -> None:
    pdf = tmp_path / "r.pdf"
    assert praxis("export", "report", "-o", str(pdf))[0] == 0
    code, out, err = praxis("verify", str(pdf))
    assert code == 1 and out == "" and "is a PDF" in err and "HTML or Markdown report" in err
    other = tmp_path / "notes.md"
    other.write_text("# Notes\n", encoding="utf-8")
    code, _, err = praxis("verify", str(other))
    assert code == 1 and "holds no signatures to check" in err and "Traceback" not in err
    code, _, err = praxis("verify", str(pdf), "--expect", "Jo")
    assert code == 1 and "write NAME=FINGERPRINT" in err


def test_a_damaged_trust_file_refuses_signed_imports_and_changes_nothing(
    praxis, signed_store, tmp_path: Path, store_path: Path
) -> None:
    bundle = tmp_path / "sam.praxis.json"
    assert praxis("export", "bundle", "-o", str(bundle))[0] == 0
    doc = json.loads(bundle.read_text(encoding="utf-8"))
    for s in doc["signoffs"]:
        s["sequence"] += 1  # newer versions, so the import would write them
    bundle.write_text(json.dumps(doc), encoding="utf-8")
    trust = store_path.with_name(store_path.name + ".trust")
    trust.write_text("{not json", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in store_path.parent.glob("praxis.json*") if p.is_file()}
    code, out, err = praxis("import", str(bundle))
    assert code == 1 and "praxis.json.trust" in err and "cannot be read" in err and "Traceback" not in err
    after = {p.name: p.read_bytes() for p in store_path.parent.glob("praxis.json*") if p.is_file()}
    assert after == before
