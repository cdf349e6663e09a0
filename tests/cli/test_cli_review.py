"""Practice educator review from the command line: keys, sign-off, comments, and many students at once.

Every name here is fictional. Figures are checked against what the stores hold, not against the
command's own wording alone.
"""

from __future__ import annotations

import json
import stat
import sys
import types
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from praxis_socialwork.cli.rules import catalogue
from praxis_socialwork.rules import Records, evaluate_all
from praxis_socialwork.rules.review import ReviewBook
from praxis_socialwork.store import PlacementDay, Reflection, Repository
from praxis_socialwork.store.signing import KEY_FILE, PUBLIC_FILE, educator_folder, fingerprint
from tests.store_files import store_bytes

EDUCATOR = "Jo Educator"
ROLE = "Practice educator"
STAMP = "2026-11-22T12:00:00+00:00"
SIGN = [
    "signoff",
    "--placement",
    "riverside",
    "--by",
    EDUCATOR,
]  # the stopped clock (PRAXIS_CLOCK), as sign-offs keep it


def days_by_date(praxis, *store: str) -> dict[str, dict]:
    """``praxis list days --json``, keyed by ISO date."""
    code, out, err = praxis("list", "days", "--json", *store)
    assert code == 0, err
    return {d["date"]: d for d in json.loads(out)}


@pytest.fixture
def alex(praxis, store_path: Path) -> dict[str, str]:
    """A student, Alex Example, with a week at Riverside Team (16–20 Nov 2026); returns day ids by date."""
    assert (
        praxis("init", "--name", "Alex Example", "--role", "student", "--framework", "degree-england")[0] == 0
    )
    code, _, err = praxis(
        "placement", "add", "--name", "Riverside Team", "--start", "02/11/2026", "--days", "70"
    )
    assert code == 0, err
    for day in range(16, 21):
        code, _, err = praxis("log", "day", "--placement", "riverside", "--date", f"{day}/11/2026")
        assert code == 0, err
    return {iso: d["id"] for iso, d in days_by_date(praxis).items()}


# -- keys -----------------------------------------------------------------------------------------


def test_keys_new_keeps_a_private_key_and_show_prints_its_fingerprint(praxis) -> None:
    code, _, err = praxis("keys", "show")
    assert code == 1 and "no signing key yet" in err and "praxis keys new --name NAME" in err

    code, out, err = praxis("keys", "new", "--name", EDUCATOR)
    assert code == 0, err
    folder = educator_folder()
    private, public = folder / KEY_FILE, folder / PUBLIC_FILE
    assert private.exists() and public.exists()
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    key = public.read_text(encoding="ascii").strip()
    assert f"Fingerprint: {fingerprint(key)}" in out
    assert f"for {EDUCATOR} ({ROLE}) in {folder}" in out
    assert "Share this fingerprint with your student and their university" in out

    code, out, _ = praxis("keys", "show")
    assert code == 0
    assert f"Name:        {EDUCATOR}" in out and f"Role:        {ROLE}" in out
    assert f"Fingerprint: {fingerprint(key)}" in out and f"Public key:  {key}" in out
    assert str(folder) in out

    old_private = private.read_bytes()
    code, _, err = praxis("keys", "new", "--name", EDUCATOR)
    assert code == 1 and "already exists" in err and "--replace" in err
    assert private.read_bytes() == old_private

    code, out, err = praxis(
        "keys", "new", "--name", EDUCATOR, "--role", "Off-site practice educator", "--replace"
    )
    assert code == 0, err
    kept = folder / f"{KEY_FILE}.old-1"
    assert kept.read_bytes() == old_private
    assert (folder / f"{PUBLIC_FILE}.old-1").read_text(encoding="ascii").strip() == key
    new_key = public.read_text(encoding="ascii").strip()
    assert new_key != key
    assert f"The old key ({fingerprint(key)}) is kept as {kept.name}" in out
    code, out, _ = praxis("keys", "show")
    assert f"Fingerprint: {fingerprint(new_key)}" in out and "Role:        Off-site practice educator" in out


# -- signoff --------------------------------------------------------------------------------------


def test_signing_off_a_range_signs_only_those_days(praxis, alex, store_path: Path, clock) -> None:
    code, out, err = praxis(
        "signoff", "--placement", "riverside", "--from", "16/11/2026", "--to", "18/11/2026",
        "--by", EDUCATOR, "--role", ROLE, "--comment", "Seen in supervision",
    )  # fmt: skip
    assert code == 0, err
    assert out.strip() == (
        f"Signed off 3 days of Riverside Team (Mon 16 Nov 2026 – Wed 18 Nov 2026) as {EDUCATOR} ({ROLE}), "
        "without a signing key, so they read as recorded, not signed (--key signs them)."
    )
    days = days_by_date(praxis)
    for iso in ("2026-11-16", "2026-11-17", "2026-11-18"):
        assert days[iso]["signed_off_by"] == EDUCATOR and days[iso]["signed_off_at"] == STAMP
        # Without a key anyone with the store could have typed it: recorded, never "verified".
        assert days[iso]["verified"] is False and days[iso]["signoff_status"] == "recorded, not signed"
        assert days[iso]["changed_since_signoff"] is False
        assert days[iso]["signature"] == "none" and days[iso]["changed_fields"] == []
    for iso in ("2026-11-19", "2026-11-20"):
        assert days[iso]["signed_off_by"] is None and days[iso]["verified"] is False
        assert days[iso]["signature"] is None and days[iso]["changed_since_signoff"] is False
    with Repository.open(store_path, clock, read_only=True) as repo:
        signoffs = repo.signoffs()
    assert sorted(s.record_id for s in signoffs) == sorted(
        alex[i] for i in ("2026-11-16", "2026-11-17", "2026-11-18")
    )
    assert len({s.batch for s in signoffs}) == 1 and signoffs[0].batch
    assert {s.comment for s in signoffs} == {"Seen in supervision"}

    # With no range: every day up to today; those still as signed are left alone and said so.
    code, out, err = praxis("signoff", "--placement", "riverside", "--by", EDUCATOR)
    assert code == 0, err
    assert "Signed off 2 days of Riverside Team (Thu 19 Nov 2026 – Fri 20 Nov 2026)" in out
    assert "3 were already signed off." in out
    with Repository.open(store_path, clock, read_only=True) as repo:
        assert len(repo.signoffs()) == 5
    code, out, _ = praxis("signoff", "--placement", "riverside", "--day", "17/11/2026", "--by", EDUCATOR)
    assert code == 0 and out.startswith("Nothing to sign off: 1 day of Riverside Team (Tue 17 Nov 2026)")

    code, out, _ = praxis("list", "days")
    lines = out.splitlines()
    assert lines[0].split() == ["date", "placement", "kind", "hours", "sign-off", "note", "id"]
    assert all(" recorded " in line for line in lines[2:]) and len(lines) == 7


def test_a_day_edited_after_sign_off_shows_what_changed(praxis, alex, store_path: Path, clock) -> None:
    assert praxis("signoff", "--placement", "riverside", "--day", "16/11/2026", "--by", EDUCATOR)[0] == 0
    with Repository.open(store_path, clock) as repo:
        day = repo.get(PlacementDay, alex["2026-11-16"])
        repo.update(replace(day, hours=4.0, note="left early"))

    day = days_by_date(praxis)["2026-11-16"]
    assert day["hours"] == 4.0
    assert day["verified"] is False and day["changed_since_signoff"] is True
    assert set(day["changed_fields"]) == {"hours", "note"}
    assert day["signed_off_by"] == EDUCATOR  # the sign-off is kept; it just no longer counts
    code, out, _ = praxis("list", "days")
    row = next(line for line in out.splitlines() if line.startswith("2026-11-16"))
    assert "changed" in row.split()

    code, out, err = praxis("signoff", "--placement", "riverside", "--day", "16/11/2026", "--by", EDUCATOR)
    assert code == 0, err
    assert (
        "Signed off 1 day of Riverside Team (Mon 16 Nov 2026)" in out
        and "1 was signed again after changes" in out
    )
    day = days_by_date(praxis)["2026-11-16"]
    assert day["signoff_status"] == "recorded, not signed" and day["changed_since_signoff"] is False


def test_key_signed_days_verify_and_a_hand_edited_sign_off_does_not(
    praxis, alex, store_path: Path, clock
) -> None:
    assert praxis("keys", "new", "--name", EDUCATOR)[0] == 0
    key = (educator_folder() / PUBLIC_FILE).read_text(encoding="ascii").strip()

    code, out, err = praxis("signoff", "--placement", "riverside", "--day", "17/11/2026", "--key")
    assert code == 0, err
    assert f"as {EDUCATOR} ({ROLE}), signed with key {fingerprint(key)}." in out
    day = days_by_date(praxis)["2026-11-17"]
    # A good signature, but the student has not confirmed the key yet: not verified until they do.
    assert day["signature"] == "valid" and day["verified"] is False
    assert day["signoff_status"] == "signed, key not confirmed" and day["signing_key"] == fingerprint(key)
    code, out, err = praxis("keys", "trust", EDUCATOR, fingerprint(key).lower())
    assert code == 0, err
    assert f"Trusted {fingerprint(key)} as {EDUCATOR}'s signing key in this store." in out
    day = days_by_date(praxis)["2026-11-17"]
    assert day["verified"] is True and day["signoff_status"] == "signed off"

    # Someone edits the store to claim another name signed it: the signature no longer matches.
    with Repository.open(store_path, clock) as repo:
        (signoff,) = repo.signoffs()
        assert signoff.public_key == key
        repo.update(replace(signoff, by="A. Forger"))
    day = days_by_date(praxis)["2026-11-17"]
    assert day["signed_off_by"] == "A. Forger"
    assert day["signature"] == "invalid" and day["verified"] is False
    assert day["changed_since_signoff"] is False  # the day itself is as signed; the sign-off is not
    code, out, _ = praxis("list", "days")
    row = next(line for line in out.splitlines() if line.startswith("2026-11-17"))
    assert "bad sig" in row


def test_key_is_refused_when_there_is_none_or_it_is_someone_elses(praxis, alex, store_path: Path) -> None:
    before = store_bytes(store_path)
    code, _, err = praxis("signoff", "--placement", "riverside", "--by", EDUCATOR, "--key")
    assert code == 1 and "no signing key" in err and "praxis keys new" in err
    assert praxis("keys", "new", "--name", EDUCATOR)[0] == 0
    code, _, err = praxis("signoff", "--placement", "riverside", "--by", "Sam Other", "--key")
    assert code == 1 and f"was made for {EDUCATOR}" in err and "cannot sign as Sam Other" in err
    assert store_bytes(store_path) == before


# -- comments -------------------------------------------------------------------------------------


def test_comments_requests_replies_and_resolving(praxis, alex, store_path: Path, clock, monkeypatch) -> None:
    day_id = alex["2026-11-18"]
    code, out, err = praxis(
        "comment",
        day_id[:6],
        "Please add what you did in the afternoon",
        "--by",
        EDUCATOR,
        "--request-changes",
    )
    assert code == 0, err
    assert out.startswith(
        f"Saved a request for changes on day Wed 18 Nov 2026 at Riverside Team by {EDUCATOR} ({ROLE}): "
        '"Please add what you did in the afternoon"'
    )
    with Repository.open(store_path, clock, read_only=True) as repo:
        (asked,) = repo.comments()
        assert (asked.record_id, asked.record_kind, asked.status, asked.by) == (
            day_id, "day", "changes-requested", EDUCATOR
        )  # fmt: skip

    # The student answers: no educator is kept on this machine, so it is the profile's name, as student.
    monkeypatch.setenv("PRAXIS_CLOCK", "2026-11-22T12:05")
    code, out, err = praxis("comment", day_id[:8], "Added the home visit", "--reply-to", asked.id[:6])
    assert code == 0, err
    assert "by Alex Example (student), replying to Jo Educator" in out
    code, _, err = praxis("comment", day_id[:8], "Done", "--request-changes")
    assert code == 1 and "only a practice educator asks for changes" in err

    with Repository.open(store_path, clock, read_only=True) as repo:
        reply = next(c for c in repo.comments() if c.id != asked.id)
        assert reply.parent_id == asked.id and reply.role == "student" and reply.by == "Alex Example"
        book = ReviewBook(repo.days(), repo.signoffs(), repo.comments())
        assert [r.record.id for r in book.changes_requested()] == [day_id]

    monkeypatch.setenv("PRAXIS_CLOCK", "2026-11-22T12:10")
    code, out, err = praxis("comment", day_id[:8], "--resolve", "--by", EDUCATOR)
    assert code == 0, err
    assert out.startswith(
        f"Saved a note that the request is resolved on day Wed 18 Nov 2026 at Riverside Team by {EDUCATOR}"
    )
    with Repository.open(store_path, clock, read_only=True) as repo:
        assert sorted(c.status for c in repo.comments()) == ["changes-requested", "comment", "resolved"]
        assert ReviewBook(repo.days(), repo.signoffs(), repo.comments()).changes_requested() == []
    before = store_bytes(store_path)
    code, _, err = praxis("comment", day_id[:8], "--resolve", "--by", EDUCATOR)
    assert code == 1 and "no open request for changes on this day" in err
    assert store_bytes(store_path) == before


def test_a_kept_educator_is_who_comments_by_default(praxis, alex, store_path: Path, clock) -> None:
    assert praxis("keys", "new", "--name", EDUCATOR, "--role", "Off-site practice educator")[0] == 0
    code, out, err = praxis("comment", alex["2026-11-16"], "Good first day")
    assert code == 0, err
    assert (
        f"Saved a comment on day Mon 16 Nov 2026 at Riverside Team by {EDUCATOR} (Off-site practice educator)"
        in out
    )
    with Repository.open(store_path, clock, read_only=True) as repo:
        (saved,) = repo.comments()
    assert (saved.by, saved.role, saved.status, saved.text) == (
        EDUCATOR, "Off-site practice educator", "comment", "Good first day"
    )  # fmt: skip


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([*SIGN, "--from", "01/10/2026", "--to", "05/10/2026"],
         "Riverside Team has no days logged from Thu 1 Oct 2026 to Mon 5 Oct 2026; nothing was signed off"),
        ([*SIGN, "--from", "20/11/2026", "--to", "16/11/2026"],
         "--to (Mon 16 Nov 2026) is before --from (Fri 20 Nov 2026)"),
        ([*SIGN, "--from", "30/11/2026"], "--from (Mon 30 Nov 2026) is after today (Sun 22 Nov 2026)"),
        ([*SIGN, "--from", "11/16/2026"],
         "--from: '11/16/2026' is not a date: 16 is not a month"),
        ([*SIGN, "--day", "16/11/2026", "--from", "16/11/2026"],
         "give --day for one day, or --from/--to for a range, not both"),
        (["signoff", "--placement", "hillside", "--by", EDUCATOR],
         "no placement called 'hillside'; placements: 'Riverside Team'"),
        (["signoff", "--placement", "riverside"], "say who is signing: --by NAME"),
        (["comment", "zzzz9999", "A note", "--by", EDUCATOR], "no record has an id starting 'zzzz9999'"),
        (["comment", "zz", "A note", "--by", EDUCATOR], "at least the first 4 characters"),
        (["comment", "DAY", "A note", "--by", EDUCATOR, "--reply-to", "zzzz9999"],
         "no comment has an id starting 'zzzz9999'"),
        (["comment", "DAY", "--by", EDUCATOR], 'say what the comment is: praxis comment ID "TEXT"'),
    ],
)  # fmt: skip
def test_bad_input_is_refused_and_changes_nothing(praxis, alex, store_path: Path, args, message) -> None:
    args = [alex["2026-11-16"] if a == "DAY" else a for a in args]
    before = store_bytes(store_path)
    code, out, err = praxis(*args)
    assert code == 1 and out == ""
    assert message in err and "Traceback" not in err
    assert store_bytes(store_path) == before


# -- review: many students ------------------------------------------------------------------------


def _expected(path: Path, clock, *, bundle: bool = False) -> dict:
    """A student's figures computed from their records directly."""
    with Repository.open(path, clock, read_only=True) as repo:
        profile, placements, days = repo.profile(), repo.placements(), repo.days()
        activities, reflections = repo.activities(), repo.reflections()
        signoffs, comments = repo.signoffs(), repo.comments()
    signed = {s.record_id for s in signoffs}
    # Verified: signed with a key (the only key here is the educator's own, kept on this machine).
    key_signed = {s.record_id for s in signoffs if s.signature}
    counted = [d for d in days if d.kind in ("practice", "skills")]
    commented = {c.record_id for c in comments if c.role != "student"}
    pending = (
        sum(1 for d in days if d.id not in signed)
        + sum(1 for r in reflections if r.id not in commented)
        + sum(1 for a in activities if "for-review" in a.tags and a.id not in commented)
    )
    records = Records(activities, placements, days, reflections, signoffs, comments)
    cat = catalogue(only=profile.frameworks)
    findings = evaluate_all(cat.frameworks, profile.frameworks, records, profile, date(2026, 11, 22))
    return {
        "name": profile.name,
        "days_logged": len(counted),
        "days_required": sum(p.required_days for p in placements),
        "verified_days": sum(1 for d in counted if d.id in key_signed),
        "pending_reviews": pending,
        "findings_at_risk": sum(1 for f in findings if f.status in ("at_risk", "gap", "missed")),
        "changes_requested": len({c.record_id for c in comments if c.status == "changes-requested"}),
        "error": None,
    }


@pytest.fixture
def classroom(praxis, tmp_path: Path, clock) -> dict[str, Path]:
    """Two fictional students: Alex's store in ``class/alex/``, Bea's as a bundle in ``class/``, and a
    damaged bundle beside them."""
    room = tmp_path / "class"
    alex = room / "alex" / "praxis.json"
    bea_store = tmp_path / "bea-own" / "praxis.json"

    def run(store: Path, *args: str) -> None:
        code, _, err = praxis(*args, "--store", str(store))
        assert code == 0, err

    run(alex, "init", "--name", "Alex Example", "--role", "student", "--framework", "degree-england")
    run(alex, "placement", "add", "--name", "Riverside Team", "--start", "02/11/2026", "--days", "70")
    for day in (16, 17, 18, 19):
        run(alex, "log", "day", "--placement", "riverside", "--date", f"{day}/11/2026")
    run(alex, "log", "day", "--placement", "riverside", "--date", "20/11/2026", "--kind", "sick")
    run(alex, "keys", "new", "--name", EDUCATOR)
    run(alex, "signoff", "--placement", "riverside", "--from", "16/11/2026", "--to", "17/11/2026", "--key")
    with Repository.open(alex, clock) as repo:
        day18 = next(d for d in repo.days() if d.date == date(2026, 11, 18))
        repo.add(
            Reflection(date=date(2026, 11, 18), title="A first home visit", stages={"text": "What I saw."})
        )
    run(alex, "comment", day18.id, "Please say who you shadowed", "--by", EDUCATOR, "--request-changes")

    run(bea_store, "init", "--name", "Bea Example", "--role", "student", "--framework", "degree-england",
        "--framework", "pcf")  # fmt: skip
    run(bea_store, "placement", "add", "--name", "Hillside Hospital", "--start", "01/09/2026", "--days", "30")
    run(bea_store, "placement", "add", "--name", "Northshire Youth", "--start", "02/11/2026", "--days", "40")
    for day in ("07/09/2026", "08/09/2026", "09/09/2026"):
        run(bea_store, "log", "day", "--placement", "hillside", "--date", day)
    run(bea_store, "log", "day", "--placement", "hillside", "--date", "10/09/2026", "--kind", "skills")
    run(bea_store, "log", "day", "--placement", "hillside", "--date", "11/09/2026", "--kind", "study")
    run(bea_store, "log", "day", "--placement", "northshire", "--date", "16/11/2026")
    run(
        bea_store, "signoff", "--placement", "hillside", "--by", "Kim Assessor", "--role", "Practice educator"
    )
    run(bea_store, "add", "activity", "--date", "12/11/2026", "--title", "Court skills day", "--hours", "6",
        "--type", "course", "--tag", "for-review")  # fmt: skip
    run(bea_store, "export", "bundle", "-o", str(room / "bea.praxis.json"))
    (room / "broken.praxis.json").write_text("{not json", encoding="utf-8")
    return {"room": room, "alex": alex, "bea_store": bea_store, "bea": room / "bea.praxis.json"}


def test_review_prints_one_row_per_student_from_stores_and_bundles(praxis, classroom, clock) -> None:
    before = store_bytes(classroom["alex"])
    code, out, err = praxis("review", str(classroom["room"]), "--json")
    assert code == 1  # the damaged bundle
    rows = {Path(r["path"]).name if r["name"] is None else r["name"]: r for r in json.loads(out)}
    assert set(rows) == {"Alex Example", "Bea Example", "broken.praxis.json"}
    alex = rows["Alex Example"]
    assert Path(alex["path"]) == classroom["alex"]
    assert {k: v for k, v in alex.items() if k not in ("path", "also_read")} == _expected(
        classroom["alex"], clock
    )
    bea = rows["Bea Example"]
    assert Path(bea["path"]) == classroom["bea"]
    assert {k: v for k, v in bea.items() if k not in ("path", "also_read")} == _expected(
        classroom["bea_store"], clock
    )
    # Spelled out for this class, so the computed figures above cannot both be wrong the same way.
    assert (alex["days_logged"], alex["days_required"], alex["verified_days"]) == (4, 70, 2)
    assert (alex["pending_reviews"], alex["changes_requested"]) == (4, 1)  # 3 days + the reflection
    # Kim Assessor signed Bea's days without a key: recorded, so none is verified.
    assert (bea["days_logged"], bea["days_required"], bea["verified_days"]) == (5, 70, 0)
    assert (bea["pending_reviews"], bea["changes_requested"]) == (2, 0)  # Northshire's day + the activity
    broken = rows["broken.praxis.json"]
    assert broken["error"] and "not valid JSON" in broken["error"] and broken["days_logged"] is None
    assert "broken.praxis.json" in err and "Traceback" not in err
    assert store_bytes(classroom["alex"]) == before  # read, never written

    code, out, _ = praxis("review", str(classroom["alex"]), str(classroom["bea"]), "--by", EDUCATOR)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "As of Sun 22 Nov 2026:"
    assert lines[1].split()[:3] == ["student", "days", "verified"]
    assert lines[3].split() == ["Alex", "Example", "4/70", "2", "4", str(alex["findings_at_risk"]), "1",
                                "alex/praxis.json"]  # fmt: skip
    assert lines[4].split() == ["Bea", "Example", "5/70", "0", "2", str(bea["findings_at_risk"]), "0",
                                "bea.praxis.json"]  # fmt: skip


def test_a_bundle_and_the_reviewed_bundle_sent_back_are_one_student(praxis, classroom, monkeypatch) -> None:
    room, bea_store = classroom["room"], classroom["bea_store"]
    # The educator reviewed Bea's bundle and signed off her Northshire day: the reviewed bundle
    # lies beside the one she sent.
    code, _, err = praxis("signoff", "--placement", "northshire", "--key", "--store", str(bea_store))
    assert code == 0, err
    code, _, err = praxis(
        "export", "bundle", "-o", str(room / "bea.reviewed.praxis.json"), "--store", str(bea_store)
    )
    assert code == 0, err
    (room / "broken.praxis.json").unlink()

    code, out, err = praxis("review", str(room), "--table")
    assert code == 0, err
    rows = out.splitlines()[3:]
    assert [r.split()[:2] for r in rows] == [["Alex", "Example"], ["Bea", "Example"]]
    # The reviewed copy's figures: Northshire's day signed with the educator's key, which counts for
    # them (their own key); Hillside's were signed without one.
    assert rows[1].split()[2:4] == ["5/70", "1"]
    assert rows[1].rstrip().endswith("bea.reviewed.praxis.json (also: bea.praxis.json)")

    code, out, _ = praxis("review", str(room), "--json")
    bea = [r for r in json.loads(out) if r["name"] == "Bea Example"]
    assert len(bea) == 1 and Path(bea[0]["path"]).name == "bea.reviewed.praxis.json"
    assert [Path(p).name for p in bea[0]["also_read"]] == ["bea.praxis.json"]

    # A day later Bea logs another day and sends a new bundle: the newer copy counts.
    monkeypatch.setenv("PRAXIS_CLOCK", "2026-11-23T18:00")
    for args in (("log", "day", "--placement", "northshire", "--date", "23/11/2026"),
                 ("export", "bundle", "-o", str(room / "bea.praxis.json"))):  # fmt: skip
        code, _, err = praxis(*args, "--store", str(bea_store))
        assert code == 0, err
    code, out, _ = praxis("review", str(room), "--table")
    rows = out.splitlines()[3:]
    assert len(rows) == 2 and rows[1].split()[2] == "6/70"
    assert rows[1].rstrip().endswith("bea.praxis.json (also: bea.reviewed.praxis.json)")


def test_review_says_why_a_path_cannot_be_read(praxis, classroom, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    code, out, err = praxis("review", str(classroom["bea"]), str(tmp_path / "missing.json"), str(empty))
    assert code == 1 and "Traceback" not in err
    rows = out.splitlines()[3:]
    assert rows[0].startswith("Bea Example")
    assert rows[1].split()[0] == "missing.json" and "cannot be read: no such file" in rows[1]
    assert rows[2].split()[0] == "empty" and "cannot be read: no student stores" in rows[2]


@pytest.fixture
def review_app(monkeypatch) -> list[tuple]:
    """Stand in for the review app (``cli.review_mode``); returns the calls made to it."""
    calls: list[tuple] = []
    fake = types.ModuleType("praxis_socialwork.cli.review_mode")

    def run_review(path: Path, *, by: str | None = None, role: str | None = None) -> int:
        calls.append((Path(path), by, role))
        return 0

    fake.run_review = run_review  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "praxis_socialwork.cli.review_mode", fake)
    return calls


def test_one_store_or_bundle_opens_the_review_app(praxis, classroom, review_app) -> None:
    code, out, _ = praxis("review", str(classroom["alex"].parent), "--by", EDUCATOR, "--role", ROLE)
    assert code == 0 and out == ""
    code, _, _ = praxis("review", str(classroom["bea"]))
    assert code == 0
    assert review_app == [(classroom["alex"], EDUCATOR, ROLE), (classroom["bea"].absolute(), None, None)]

    code, out, _ = praxis("review", str(classroom["bea"]), "--table")
    assert code == 0 and "Bea Example" in out and len(review_app) == 2
    code, _, err = praxis("review", str(classroom["room"] / "nobody.json"))
    assert code == 1 and "no store or bundle there" in err and len(review_app) == 2


def test_a_comment_on_a_reflection_names_it(praxis, alex, store_path: Path, clock) -> None:
    with Repository.open(store_path, clock) as repo:
        reflection = repo.add(
            Reflection(date=date(2026, 11, 17), title="Supervision notes", stages={"text": "x"})
        )
    code, out, err = praxis("comment", reflection.id[:8], "Link this to PCF 6", "--by", EDUCATOR)
    assert code == 0, err
    assert (
        f"Saved a comment on reflection 'Supervision notes' (Tue 17 Nov 2026) by {EDUCATOR} ({ROLE})" in out
    )
    with Repository.open(store_path, clock, read_only=True) as repo:
        (saved,) = repo.comments()
    assert (saved.record_id, saved.record_kind, saved.text) == (
        reflection.id,
        "reflection",
        "Link this to PCF 6",
    )


def test_list_comments_and_list_days_carry_the_comments_given_with_sign_offs(
    praxis, alex, monkeypatch
) -> None:
    code, _, err = praxis(
        *SIGN, "--from", "16/11/2026", "--to", "18/11/2026", "--comment", "Good first week."
    )
    assert code == 0, err
    monkeypatch.setenv("PRAXIS_CLOCK", "2026-11-22T12:05")
    code, _, err = praxis(*SIGN, "--day", "19/11/2026")  # signed without a comment
    assert code == 0, err
    monkeypatch.setenv("PRAXIS_CLOCK", "2026-11-22T12:10")
    code, _, err = praxis("comment", alex["2026-11-20"][:8], "Say what the visit was for.", "--by", EDUCATOR)
    assert code == 0, err

    days = days_by_date(praxis)
    assert [days[iso]["signoff_comment"] for iso in sorted(days)] == [
        "Good first week.", "Good first week.", "Good first week.", "", None
    ]  # fmt: skip

    code, out, err = praxis("list", "comments")
    assert code == 0, err
    lines = [" ".join(line.split()) for line in out.splitlines()[2:]]
    assert len(lines) == 2  # one line for the three days signed together; none for no comment
    assert lines[0].startswith(
        f"2026-11-22 3 days, Mon 16 Nov 2026 – Wed 18 Nov 2026 at Riverside Team {EDUCATOR} sign-off "
        "Good first week."
    )
    assert lines[1].startswith(
        f"2026-11-22 day Fri 20 Nov 2026 at Riverside Team {EDUCATOR} comment Say what the visit was for."
    )

    code, out, err = praxis("list", "comments", "--json")
    assert code == 0, err
    signed, said = json.loads(out)
    assert (signed["type"], signed["text"], signed["by"]) == ("signoff-comment", "Good first week.", EDUCATOR)
    assert signed["dates"] == ["2026-11-16", "2026-11-17", "2026-11-18"]
    assert sorted(signed["record_ids"]) == sorted(alex[iso] for iso in signed["dates"])
    assert (said["type"], said["status"], said["record_id"]) == ("comment", "comment", alex["2026-11-20"])
    assert said["about"] == "day Fri 20 Nov 2026 at Riverside Team"
